"""The recall-first backstop (`mend.safety.screening_backstop`) and how `screen` uses it.

Every sentence here was written for these tests, none taken from eval.jsonl. The cases
are the backstop's edges: wordings the precise rules do not list but the backstop's
families cover, and the filters that keep it from firing on figures of speech,
negation, fear, someone else, media, the past, accidents and ordinary goodbyes.
Targets on dev.jsonl (sentences written to tune the backstop) are checked as for
eval.jsonl, so a change that breaks them is seen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mend.safety import Level, screen
from mend.safety import screening as rules
from mend.safety import screening_backstop as backstop
from mend.safety.screening import KIND_LEVELS

DEV = Path(__file__).resolve().parents[1] / "data" / "screening" / "dev.jsonl"


def _dev_rows() -> list[dict[str, str]]:
    if not DEV.exists():
        return []
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]


def _hits(text: str, *, gated: bool = True) -> list[backstop.Hit]:
    low = rules._normalise(text).text
    return backstop._scan(low, rules._sentence_bounds(low), gated=gated)


# --- urgent: wordings no precise rule lists --------------------------------------------

URGENT = [
    # a want and an outcome, paired freely
    "I'd like to just fall asleep and let it all end.",
    "Honestly I'm ready to stop existing.",
    "I keep praying I won't wake up.",
    "I wish I'd died in that crash instead.",
    "The only way out is death.",
    "Dying seems like the best option I have.",
    # negation that is the risk
    "I no longer want to be alive.",
    "I've lost the will to live.",
    "I'm so tired of being alive.",
    # acts, farewells, a chosen time, courage
    "been thinking abt unaliving myself",
    "The only thing stopping me is my dog.",
    "I think tonight's the night.",
    "I've been working up the courage for weeks.",
    "Sorry, I couldn't do it anymore.",
    "After the funeral I'm going to join her.",
    "Soon none of this will be my problem.",
    "I shouldn't even be alive.",
    # others better off, worded loosely
    "My husband could start again with someone normal if I wasn't around.",
    "The world would be better off without people like me.",
    # plans, means, preparations
    "I've been googling how much paracetamol is lethal.",
    "I count my sleeping pills every night.",
    "I made a playlist for my funeral today.",
    "I've sorted who'll take my cat.",
    "I paid three months' rent so nobody's left with it.",
    # self-harm
    "I scratched till I bled.",
    "I took it out on my arm again with the scissors.",
    "The voice in my head keeps telling me to end it.",
    # normalisation: chat spellings
    "i dont want too live",
    "im so tired of bein alive",
    "imma end it fr",
]


@pytest.mark.parametrize("text", URGENT)
def test_backstop_catches_urgent_wordings(text: str) -> None:
    """The backstop alone finds each; some the precise rules find as well."""
    assert any(KIND_LEVELS[hit.kind] is Level.URGENT for hit in _hits(text)), _hits(text)
    result = screen(text)
    assert result.level is Level.URGENT, result


CONCERN = [
    "I feel like I'm just existing, not living.",
    "idk how much longer i can do this",
    "I can't keep pretending I'm okay.",
    "I'm a terrible mother.",
    "There's no light at the end of this tunnel.",
    "I don't think things will ever get easier.",
    "I just wish I could disappear for a bit.",
]


@pytest.mark.parametrize("text", CONCERN)
def test_backstop_raises_concern(text: str) -> None:
    assert _hits(text)
    assert screen(text).level is not Level.NONE, screen(text)


# --- none: what the filters keep out ------------------------------------------------------

NONE = [
    # figures of speech
    "I was ready to drop dead after that hike.",
    "I'd jump off a cliff for a week in Greece right now lol",
    "I'm working myself to death for this promotion.",
    "I wish I could sleep forever this weekend.",
    "I want to disappear into a good book this weekend.",
    "I'm at the end of my rope with this printer.",
    "I cut myself a big slice of cake.",
    "I could just die, I sent the message to the wrong person.",
    # negation, including "no chance"
    "I don't want to die, I want the pain to ease.",
    "There's no chance I'd take my own life.",
    "Killing myself isn't on the table, I just need sleep.",
    "Never once have I wanted to hurt myself.",
    # a forecast or fear, someone else, grief
    "I'm scared I'm going to die in surgery.",
    "I hope Dad doesn't die before the baby arrives.",
    "I've been thinking about death since Grandad died.",
    # media, topic, training
    "We read a poem in class about wanting to disappear.",
    "I went to a talk on suicide prevention at work.",
    "The overdose training at work was really useful.",
    # the past, said to be over
    "When I was fifteen I wanted to die, but I'm in a really good place now.",
    "I tried to overdose at seventeen, and I'm grateful I'm still here.",
    "I self-harmed at fifteen; I'm thirty now and happy.",
    # accidents, ordinary goodbyes and plans, abuse aimed at the writer
    "I cut my hand on a broken glass while washing up.",
    "I wrote a goodbye card for my colleague who's retiring.",
    "I won't be around much longer at this company, I'm handing in my notice.",
    "I'm anxious about money but I have a plan.",
    "He said I should just kill myself, what a troll.",
    # life words about places and manners
    "I'm tired of living out of a suitcase.",
    "I don't want to wake up early tomorrow.",
    "I'd happily never wake up before nine again.",
]


@pytest.mark.parametrize("text", NONE)
def test_backstop_filters(text: str) -> None:
    """Nothing from the backstop alone, and nothing from the layers together."""
    assert _hits(text) == []
    result = screen(text)
    assert result.level is Level.NONE, result


# --- levels, evidence and how the layers combine ----------------------------------------


def test_someone_elses_wish_to_die_is_concern() -> None:
    result = screen("Ellie said she wants to end it.")
    assert result.level is Level.CONCERN
    assert {e.kind for e in result.evidence} == {"third_person"}


def test_someone_elses_low_mood_is_not_the_writers_risk() -> None:
    assert screen("My dog is a bit of a burden when we travel, honestly.").level is Level.NONE


def test_distant_past_not_said_to_be_over_is_concern() -> None:
    result = screen("I attempted when I was twenty and I still think about it.")
    assert result.level is Level.CONCERN
    assert "past_risk" in {e.kind for e in result.evidence}


def test_evidence_names_the_span_and_says_it_is_the_broad_screen() -> None:
    text = "Honestly the only thing stopping me is my dog."
    (evidence,) = screen(text).evidence
    assert text[evidence.start : evidence.end] == evidence.text
    assert "only thing stopping me" in evidence.text
    assert evidence.why.startswith("broad screen: ")
    assert evidence.kind in KIND_LEVELS
    assert evidence.level is Level.URGENT


def test_every_backstop_kind_has_a_level() -> None:
    kinds = {kind for _, _, kind, _ in backstop._SIGNALS} | {"past_risk", "third_person"}
    assert kinds <= set(KIND_LEVELS)
    urgent = {k for k, v in KIND_LEVELS.items() if v is Level.URGENT}
    assert urgent == backstop.URGENT_KINDS


def test_backstop_runs_only_when_the_rules_found_nothing_urgent() -> None:
    """One urgent rule finding is enough: the backstop adds nothing to it."""
    result = screen("I want to die. I'd like to just fall asleep and let it all end.")
    assert result.level is Level.URGENT
    assert all(not e.why.startswith("broad screen") for e in result.evidence)


def test_backstop_defers_to_a_rule_that_read_the_phrase() -> None:
    """The rules read "rather die than" as hyperbole; the backstop does not overrule."""
    assert screen("I'd rather die than sing karaoke.").level is Level.NONE


def test_backstop_raises_a_concern_from_the_rules_to_urgent() -> None:
    result = screen("I can't take this anymore. I'd like to just fall asleep and let it all end.")
    assert result.level is Level.URGENT
    assert {e.level for e in result.evidence} == {Level.CONCERN, Level.URGENT}


def test_vetoed_applies_general_exclusions() -> None:
    low = "i cut my hand on a broken glass while washing up."
    bounds = rules._sentence_bounds(low)
    assert backstop.vetoed("self_harm", low, bounds, 2, 13)
    assert not backstop.vetoed("self_harm", "i cut my arm again.", [0], 2, 12)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Work was fine. Made soup. Bed.",
        "x" * 5000,
        "die " * 2000,
        "i want to " * 500 + "die",
    ],
)
def test_odd_inputs_do_not_break_the_scan(text: str) -> None:
    result = screen(text)
    for evidence in result.evidence:
        assert text[evidence.start : evidence.end] == evidence.text


def test_needles_never_change_what_is_found() -> None:
    """The per-signal needles only skip work: gated and ungated scans agree."""
    texts = URGENT + CONCERN + NONE + [row["text"] for row in _dev_rows()]
    for text in texts:
        gated = [(h.start, h.end, h.kind) for h in _hits(text)]
        ungated = [(h.start, h.end, h.kind) for h in _hits(text, gated=False)]
        assert gated == ungated, text


# --- dev.jsonl: the tuning set for the backstop ------------------------------------------


@pytest.mark.skipif(not DEV.exists(), reason="dev.jsonl has not been written")
def test_dev_set_targets() -> None:
    """Same targets as eval.jsonl. dev.jsonl was used to tune the backstop, so these are
    fitted figures, not an estimate of recall on new text."""
    rows = _dev_rows()
    got = [(row, screen(row["text"]).level) for row in rows]
    urgent = [level for row, level in got if row["label"] == "urgent"]
    concern = [level for row, level in got if row["label"] == "concern"]
    none_by_category: dict[str, list[bool]] = {}
    for row, level in got:
        if row["label"] == "none":
            none_by_category.setdefault(row["category"], []).append(level is not Level.NONE)
    flags = [flag for values in none_by_category.values() for flag in values]
    assert sum(level is Level.URGENT for level in urgent) / len(urgent) >= 0.95
    assert sum(level is not Level.NONE for level in concern) / len(concern) >= 0.90
    assert sum(flags) / len(flags) <= 0.05
    for category in ("idiom", "negation", "ordinary"):
        values = none_by_category.get(category, [])
        assert not values or sum(values) / len(values) <= 0.05, category
