"""Rules of the jar: replace before reduce, the imminent-harm exception, stages, suggestions."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from mend.coping.catalog import Strategy, load_default
from mend.coping.rules import (
    FUNCTION_WEIGHT,
    STAGES_OF_CHANGE,
    Decision,
    check_stage,
    is_imminent_urge,
    is_self_harm,
    may_set_reduction_goal,
    replacements_in_jar,
    starts_safety_pathway,
    suggest_replacements,
)

ORDERS = ("you must", "you should", "you need to", "you have to")


def strategy(sid: str, **changes: Any) -> Strategy:
    base: dict[str, Any] = {
        "id": sid,
        "name": sid.replace("-", " ").capitalize(),
        "family": "relaxation_grounding",
        "orientation": "emotion",
        "helpfulness": "helpful",
        "harm_potential": "none",
        "functions": ("calm",),
        "places": ("home",),
        "minutes": 5,
        "social": "alone",
        "cost": "free",
        "fit_tags": (),
        "description": "A test strategy.",
    }
    return Strategy(**{**base, **changes})


def harmful(sid: str = "drinking", **changes: Any) -> Strategy:
    fields: dict[str, Any] = {
        "family": "substance_use",
        "orientation": "avoidant",
        "helpfulness": "harmful",
        "harm_potential": "high",
        "functions": ("numb", "calm", "connect"),
        "places": ("home", "night"),
    }
    return strategy(sid, **{**fields, **changes})


def assert_kind(text: str) -> None:
    lowered = text.lower()
    assert not any(order in lowered for order in ORDERS), text


# --- stages of change ---------------------------------------------------------


@pytest.mark.parametrize("stage", STAGES_OF_CHANGE)
def test_every_stage_of_change_is_accepted(stage: str) -> None:
    assert check_stage(stage) == stage


@pytest.mark.parametrize("stage", ["", "Action", "relapse", "ready", " action"])
def test_an_unknown_stage_is_refused_plainly(stage: str) -> None:
    with pytest.raises(ValueError, match="not a stage of change"):
        check_stage(stage)


# --- replace before reduce ----------------------------------------------------


def test_no_replacement_in_the_jar_refuses_kindly() -> None:
    decision = may_set_reduction_goal(harmful=harmful(), jar=[])
    assert decision == Decision(
        allowed=False, reason=decision.reason, replacements=(), imminent=False
    )
    assert "add to your jar" in decision.reason
    assert "?" in decision.reason  # an offer, not an order
    assert_kind(decision.reason)


def test_one_replacement_sharing_one_function_allows_the_goal() -> None:
    walk = strategy("walk", functions=("connect",))
    decision = may_set_reduction_goal(harmful=harmful(), jar=[walk])
    assert decision.allowed
    assert not decision.imminent
    assert decision.replacements == (walk,)
    assert "Walk" in decision.reason
    assert_kind(decision.reason)


def test_a_helpful_strategy_sharing_no_function_does_not_count() -> None:
    planning = strategy("plan-the-week", functions=("solve", "control"))
    decision = may_set_reduction_goal(harmful=harmful(), jar=[planning])
    assert not decision.allowed
    assert replacements_in_jar(harmful(), [planning]) == ()


def test_a_mixed_strategy_sharing_functions_does_not_count() -> None:
    scrolling = strategy("scrolling", helpfulness="mixed", functions=("numb", "calm"))
    decision = may_set_reduction_goal(harmful=harmful(), jar=[scrolling])
    assert not decision.allowed
    assert decision.replacements == ()


def test_another_harmful_strategy_in_the_jar_does_not_count() -> None:
    smoking = harmful("smoking", harm_potential="low", functions=("calm",))
    assert replacements_in_jar(harmful(), [smoking]) == ()


def test_replacements_keep_jar_order_once_each() -> None:
    a = strategy("b-breathing")
    b = strategy("a-bath", functions=("numb",))
    assert replacements_in_jar(harmful(), [a, b, a]) == (a, b)


def test_imminent_harm_with_an_empty_jar_is_allowed_with_support() -> None:
    overdose = harmful("overdose", harm_potential="imminent", functions=("numb", "punish"))
    decision = may_set_reduction_goal(harmful=overdose, jar=[])
    assert decision.allowed
    assert decision.imminent
    assert decision.replacements == ()
    assert "safety plan" in decision.reason
    assert "crisis support" in decision.reason
    assert "never nothing in its place" in decision.reason
    assert_kind(decision.reason)


def test_imminent_harm_still_lists_replacements_in_the_jar() -> None:
    overdose = harmful("overdose", harm_potential="imminent", functions=("numb",))
    bath = strategy("bath", functions=("numb", "calm"))
    decision = may_set_reduction_goal(harmful=overdose, jar=[bath])
    assert decision.allowed and decision.imminent
    assert decision.replacements == (bath,)


@pytest.mark.parametrize("helpfulness", ["helpful", "mixed"])
def test_a_strategy_that_is_not_harmful_is_refused(helpfulness: str) -> None:
    not_harmful = strategy("walk", helpfulness=helpfulness)
    with pytest.raises(ValueError, match="not harmful"):
        may_set_reduction_goal(harmful=not_harmful, jar=[])
    with pytest.raises(ValueError, match="not harmful"):
        suggest_replacements(harmful=not_harmful, catalog=[])


def test_decisions_are_frozen() -> None:
    decision = may_set_reduction_goal(harmful=harmful(), jar=[])
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.allowed = True  # type: ignore[misc]


# --- suggestions --------------------------------------------------------------


def ids(suggestions: list[Any]) -> list[str]:
    return [s.strategy.id for s in suggestions]


def test_shared_functions_outrank_evidence_alone() -> None:
    two = strategy("two-needs", functions=("calm", "numb"), places=("work",))
    one = strategy("one-need", functions=("calm",), places=("home", "night"), fit_tags=("faith",))
    result = suggest_replacements(
        harmful=harmful(),
        catalog=[one, two],
        effects={"one-need": 9.0},
        preferred_tags=frozenset({"faith"}),
    )
    assert ids(result) == ["two-needs", "one-need"]
    assert result[0].score >= FUNCTION_WEIGHT * 2
    assert result[0].reasons == ("Meets the same need: calm, numb",)


def test_the_clients_evidence_breaks_ties() -> None:
    a = strategy("a-breathing")
    b = strategy("b-bath")
    result = suggest_replacements(harmful=harmful(), catalog=[a, b], effects={"b-bath": 2.5})
    assert ids(result) == ["b-bath", "a-breathing"]
    assert "Worked for you before: distress fell by 2.5 points on average" in result[0].reasons
    assert not any(r.startswith("Worked") for r in result[1].reasons)


def test_no_evidence_or_a_rise_in_distress_is_not_held_against_a_strategy() -> None:
    a = strategy("a-breathing")
    b = strategy("b-bath")
    result = suggest_replacements(harmful=harmful(), catalog=[b, a], effects={"b-bath": -1.0})
    assert ids(result) == ["a-breathing", "b-bath"]  # a tie, broken by id
    assert result[0].score == result[1].score


def test_place_fit_shows_in_reasons_and_ranks() -> None:
    home_night = strategy("z-tea", places=("home", "night", "work"))
    out_only = strategy("a-run", places=("out",))
    result = suggest_replacements(harmful=harmful(), catalog=[out_only, home_night])
    assert ids(result) == ["z-tea", "a-run"]
    assert "Works at home and at night" in result[0].reasons
    assert not any(r.startswith("Works") for r in result[1].reasons)


def test_used_places_override_the_harmful_strategys_own_places() -> None:
    out_only = strategy("a-run", places=("out",))
    result = suggest_replacements(
        harmful=harmful(), catalog=[out_only], used_places=frozenset({"out", "work"})
    )
    assert "Works when out" in result[0].reasons


def test_tag_fit_shows_in_reasons() -> None:
    prayer = strategy("z-prayer", fit_tags=("faith", "collectivist"))
    plain = strategy("a-breathing")
    result = suggest_replacements(
        harmful=harmful(), catalog=[plain, prayer], preferred_tags=frozenset({"faith"})
    )
    assert ids(result) == ["z-prayer", "a-breathing"]
    assert "Fits what matters to you: faith" in result[0].reasons


def test_jar_membership_is_flagged() -> None:
    a = strategy("a-breathing")
    b = strategy("b-bath")
    result = suggest_replacements(harmful=harmful(), catalog=[a, b], jar_ids=frozenset({"b-bath"}))
    assert {s.strategy.id: s.in_jar for s in result} == {"a-breathing": False, "b-bath": True}


def test_limit_is_respected() -> None:
    catalog = [strategy(f"s{i}") for i in range(8)]
    assert len(suggest_replacements(harmful=harmful(), catalog=catalog)) == 5
    assert ids(suggest_replacements(harmful=harmful(), catalog=catalog, limit=2)) == ["s0", "s1"]
    assert suggest_replacements(harmful=harmful(), catalog=catalog, limit=0) == []
    with pytest.raises(ValueError, match="negative"):
        suggest_replacements(harmful=harmful(), catalog=catalog, limit=-1)


def test_never_suggests_harmful_mixed_or_unrelated_strategies() -> None:
    catalog = [
        harmful("smoking", functions=("calm",)),
        strategy("scrolling", helpfulness="mixed", functions=("numb",)),
        strategy("budgeting", functions=("solve",)),
        strategy("breathing"),
    ]
    result = suggest_replacements(harmful=harmful(), catalog=catalog, limit=10)
    assert ids(result) == ["breathing"]


def test_the_order_is_deterministic() -> None:
    catalog = [strategy(f"s{i}", functions=("calm", "numb")[: 1 + i % 2]) for i in range(6)]
    first = suggest_replacements(harmful=harmful(), catalog=catalog)
    again = suggest_replacements(harmful=harmful(), catalog=list(reversed(catalog)))
    assert ids(first) == ids(again) == ["s1", "s3", "s5", "s0", "s2"]


# --- the shipped catalog ------------------------------------------------------

SHIPPED = load_default()
HARMFUL = [s for s in SHIPPED if s.helpfulness == "harmful"]


def test_the_shipped_catalog_has_harmful_strategies() -> None:
    assert HARMFUL


@pytest.mark.parametrize("bad", HARMFUL, ids=lambda s: s.id)
def test_every_shipped_harmful_strategy_has_three_replacements(bad: Strategy) -> None:
    result = suggest_replacements(harmful=bad, catalog=SHIPPED)
    assert len(result) >= 3
    for suggestion in result:
        assert suggestion.strategy.helpfulness == "helpful"
        assert set(suggestion.strategy.functions) & set(bad.functions)
        assert suggestion.reasons[0].startswith("Meets the same need: ")
        assert_kind(" ".join(suggestion.reasons))


# --- the imminent-harm pathway --------------------------------------------------------


@pytest.mark.parametrize(
    ("family", "potential", "expected"),
    [
        ("self_harm", "low", True),
        ("self_harm", "high", True),
        ("substance_use", "imminent", True),
        ("substance_use", "high", False),
        ("relaxation_grounding", "none", False),
    ],
)
def test_what_counts_as_self_harm(family: str, potential: str, expected: bool) -> None:
    assert is_self_harm(harmful("x", family=family, harm_potential=potential)) is expected


@pytest.mark.parametrize(
    ("intensity", "self_harm", "expected"),
    [
        (8, True, True),
        (10, True, True),
        (7, True, False),
        (None, True, False),
        (10, False, False),
        (0, False, False),
    ],
)
def test_an_urge_to_self_harm_at_eight_or_more_is_imminent(
    intensity: int | None, self_harm: bool, expected: bool
) -> None:
    assert is_imminent_urge(intensity=intensity, self_harm=self_harm, level=8) is expected


def test_the_imminent_level_is_a_setting_not_a_constant() -> None:
    assert is_imminent_urge(intensity=6, self_harm=True, level=6)
    assert not is_imminent_urge(intensity=6, self_harm=True, level=7)


@pytest.mark.parametrize(("potential", "expected"), [("imminent", True), ("high", False)])
def test_only_danger_to_life_starts_the_safety_pathway(potential: str, expected: bool) -> None:
    assert starts_safety_pathway(harmful("x", harm_potential=potential)) is expected


def test_the_shipped_catalog_marks_suicidal_acts_and_overdose_as_imminent() -> None:
    imminent = {s.id for s in load_default() if starts_safety_pathway(s)}
    assert imminent == {"suicidal-act", "overdose"}
