"""Validated questionnaires: definitions as data, one scoring engine, change over time.

`from mend.measures import score, instruments`: `score("phq9", answers)` returns
the total, band, subscales and flags; `instruments()` the shipped definitions.
"""

from __future__ import annotations

from mend.measures.definitions import (
    Algorithm,
    AnswerOption,
    Band,
    Change,
    Cutoff,
    DefinitionError,
    Derived,
    Flag,
    Grouping,
    Instrument,
    Item,
    MissingRule,
    Norms,
    Outcome,
    Scoring,
    Subscale,
    instruments,
    load_definition,
    load_shipped,
    parse_definition,
)
from mend.measures.scoring import Score, Scorer, ScoringError, score, scorer

__all__ = [
    "Algorithm",
    "AnswerOption",
    "Band",
    "Change",
    "Cutoff",
    "DefinitionError",
    "Derived",
    "Flag",
    "Grouping",
    "Instrument",
    "Item",
    "MissingRule",
    "Norms",
    "Outcome",
    "Score",
    "Scorer",
    "Scoring",
    "ScoringError",
    "Subscale",
    "instruments",
    "load_definition",
    "load_shipped",
    "parse_definition",
    "score",
    "scorer",
]
