"""The strategy catalog (clinical-model §1): vocabulary, validation and loading.

Pure: it reads the shipped TOML file or any mapping given to it, and returns
values. A catalog with an unknown family, function or value is refused with an
error that names the entry and the field.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# Each family, with its orientation (the Brief COPE grouping plus the families
# clinical toolboxes add; clinical-model §1).
FAMILIES: dict[str, str] = {
    "active_coping": "problem",
    "planning": "problem",
    "instrumental_support": "problem",
    "acceptance": "emotion",
    "emotional_support": "emotion",
    "humour": "emotion",
    "positive_reframing": "emotion",
    "religion_spirituality": "emotion",
    "self_distraction": "avoidant",
    "denial": "avoidant",
    "substance_use": "avoidant",
    "behavioural_disengagement": "avoidant",
    "venting": "avoidant",
    "self_blame": "avoidant",
    "relaxation_grounding": "emotion",
    "mindfulness": "emotion",
    "physical_activity": "emotion",
    "creative_expression": "emotion",
    "nature": "emotion",
    "self_soothing": "emotion",
    "social_connection": "emotion",
    "professional_help": "problem",
    "rest_routine": "emotion",
    "self_harm": "avoidant",
    "disordered_eating": "avoidant",
    "withdrawal_isolation": "avoidant",
    "risk_taking": "avoidant",
    "compulsive_numbing": "avoidant",
    "aggression": "avoidant",
}
HELPFULNESS = ("helpful", "mixed", "harmful")
HARM_POTENTIAL = ("none", "low", "high", "imminent")
FUNCTIONS = (
    "calm",
    "numb",
    "distract",
    "express",
    "connect",
    "control",
    "energize",
    "feel",
    "punish",
    "solve",
    "meaning",
    "rest",
)
PLACES = ("home", "work", "school", "out", "night")
SOCIAL = ("alone", "with_others", "either")
COST = ("free", "low", "some")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELDS = frozenset(
    {
        "id",
        "name",
        "family",
        "orientation",
        "helpfulness",
        "harm_potential",
        "functions",
        "places",
        "minutes",
        "social",
        "cost",
        "fit_tags",
        "description",
    }
)


class CatalogError(ValueError):
    """A catalog entry that Mend cannot use; the message names the entry and field."""

    def __init__(self, message: str, *, field: str = "catalog", problem: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.problem = problem or message


@dataclass(frozen=True)
class Strategy:
    id: str
    name: str
    family: str
    orientation: str
    helpfulness: str
    harm_potential: str
    functions: tuple[str, ...]
    places: tuple[str, ...]
    minutes: int
    social: str
    cost: str
    fit_tags: tuple[str, ...]
    description: str


def _fail(where: str, field: str, problem: str) -> CatalogError:
    return CatalogError(f"{where}: {field}: {problem}", field=field, problem=problem)


def _one_of(entry: Mapping[str, Any], field: str, allowed: Sequence[str], where: str) -> str:
    value = entry.get(field)
    if value not in allowed:
        raise _fail(where, field, f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _some_of(
    entry: Mapping[str, Any], field: str, allowed: Sequence[str], where: str, *, least: int
) -> tuple[str, ...]:
    values = entry.get(field, [])
    if not isinstance(values, list) or len(values) < least:
        raise _fail(where, field, f"needs a list of at least {least}")
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise _fail(where, field, f"unknown {', '.join(map(repr, unknown))}")
    return tuple(values)


def _text(entry: Mapping[str, Any], field: str, where: str, *, most: int) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip() or len(value) > most:
        raise _fail(where, field, f"needs text of 1 to {most} characters")
    return value.strip()


def parse_strategy(entry: Mapping[str, Any], where: str) -> Strategy:
    unknown = set(entry) - FIELDS
    if unknown:
        raise _fail(where, ", ".join(sorted(unknown)), "unknown field")
    strategy_id = entry.get("id")
    if not isinstance(strategy_id, str) or not ID_PATTERN.match(strategy_id):
        raise _fail(where, "id", "use lower-case letters, digits and hyphens")
    where = f"{where} ({strategy_id})"
    family = _one_of(entry, "family", tuple(FAMILIES), where)
    orientation = _one_of(entry, "orientation", ("problem", "emotion", "avoidant"), where)
    if orientation != FAMILIES[family]:
        raise _fail(where, "orientation", f"{family} is {FAMILIES[family]}-focused")
    minutes = entry.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 240:
        raise _fail(where, "minutes", "needs a whole number from 1 to 240")
    fit_tags = entry.get("fit_tags", [])
    if not isinstance(fit_tags, list) or not all(isinstance(t, str) for t in fit_tags):
        raise _fail(where, "fit_tags", "needs a list of words")
    return Strategy(
        id=strategy_id,
        name=_text(entry, "name", where, most=80),
        family=family,
        orientation=orientation,
        helpfulness=_one_of(entry, "helpfulness", HELPFULNESS, where),
        harm_potential=_one_of(entry, "harm_potential", HARM_POTENTIAL, where),
        functions=_some_of(entry, "functions", FUNCTIONS, where, least=1),
        places=_some_of(entry, "places", PLACES, where, least=1),
        minutes=minutes,
        social=_one_of(entry, "social", SOCIAL, where),
        cost=_one_of(entry, "cost", COST, where),
        fit_tags=tuple(fit_tags),
        description=_text(entry, "description", where, most=400),
    )


def parse_catalog(data: Mapping[str, Any], source: str = "catalog") -> tuple[Strategy, ...]:
    entries = data.get("strategy")
    if not isinstance(entries, list) or not entries:
        raise CatalogError(f"{source}: needs one or more [[strategy]] entries")
    strategies = tuple(parse_strategy(e, f"{source} entry {i + 1}") for i, e in enumerate(entries))
    seen: set[str] = set()
    for strategy in strategies:
        if strategy.id in seen:
            raise CatalogError(f"{source}: id {strategy.id!r} is used twice")
        seen.add(strategy.id)
    return strategies


@lru_cache(maxsize=1)
def load_default() -> tuple[Strategy, ...]:
    text = resources.files("mend.coping").joinpath("catalog.toml").read_text("utf-8")
    return parse_catalog(tomllib.loads(text), source="catalog.toml")
