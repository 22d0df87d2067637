"""The catalog refuses what it cannot use, naming the entry; the shipped one is complete."""

from __future__ import annotations

from typing import Any

import pytest

from mend.coping.catalog import (
    FAMILIES,
    FUNCTIONS,
    CatalogError,
    load_default,
    parse_catalog,
)

GOOD: dict[str, Any] = {
    "id": "box-breathing",
    "name": "Box breathing",
    "family": "relaxation_grounding",
    "orientation": "emotion",
    "helpfulness": "helpful",
    "harm_potential": "none",
    "functions": ["calm"],
    "places": ["home"],
    "minutes": 4,
    "social": "alone",
    "cost": "free",
    "fit_tags": [],
    "description": "Breathe in four, hold four, out four, hold four.",
}


def catalog(**changes: Any) -> dict[str, Any]:
    entry = {**GOOD, **changes}
    return {"strategy": [{k: v for k, v in entry.items() if v is not None}]}


def test_a_good_entry_loads() -> None:
    [strategy] = parse_catalog(catalog())
    assert strategy.functions == ("calm",) and strategy.orientation == "emotion"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"family": "knitting"}, "family"),
        ({"functions": ["calm", "sparkle"]}, "functions"),
        ({"functions": []}, "functions"),
        ({"helpfulness": "great"}, "helpfulness"),
        ({"harm_potential": "some"}, "harm_potential"),
        ({"orientation": "problem"}, "orientation"),
        ({"places": ["moon"]}, "places"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 241}, "minutes"),
        ({"minutes": True}, "minutes"),
        ({"social": "crowd"}, "social"),
        ({"cost": "lots"}, "cost"),
        ({"name": "  "}, "name"),
        ({"description": "x" * 401}, "description"),
        ({"description": None}, "description"),
        ({"id": "Box Breathing"}, "id"),
        ({"fit_tags": "faith"}, "fit_tags"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_values_name_the_entry_and_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(CatalogError, match=rf"entry 1.*{field}"):
        parse_catalog(catalog(**changes))


def test_duplicate_ids_are_refused() -> None:
    data = {"strategy": [GOOD, GOOD]}
    with pytest.raises(CatalogError, match="used twice"):
        parse_catalog(data)


def test_an_empty_catalog_is_refused() -> None:
    with pytest.raises(CatalogError, match="strategy"):
        parse_catalog({})


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return load_default()


def test_the_shipped_catalog_has_at_least_80_strategies(shipped) -> None:  # type: ignore[no-untyped-def]
    assert len(shipped) >= 80


def test_every_family_is_covered(shipped) -> None:  # type: ignore[no-untyped-def]
    assert {s.family for s in shipped} == set(FAMILIES)


def test_imminent_harm_is_marked_where_life_is_at_risk(shipped) -> None:  # type: ignore[no-untyped-def]
    imminent = {s.family for s in shipped if s.harm_potential == "imminent"}
    assert {"self_harm", "substance_use"} <= imminent
    assert all(s.helpfulness == "harmful" for s in shipped if s.harm_potential == "imminent")


def test_every_need_a_harmful_strategy_meets_has_helpful_replacements(shipped) -> None:  # type: ignore[no-untyped-def]
    """Replace before reduce (clinical-model §2) needs replacements to exist."""
    helpful = [s for s in shipped if s.helpfulness == "helpful"]
    for harmful in (s for s in shipped if s.helpfulness == "harmful"):
        for need in harmful.functions:
            if need == "punish":
                continue  # no healthy strategy serves self-punishment; others of its needs do
            assert any(need in h.functions for h in helpful), (harmful.id, need)


def test_helpful_strategies_cover_every_healthy_need(shipped) -> None:  # type: ignore[no-untyped-def]
    served = {f for s in shipped if s.helpfulness == "helpful" for f in s.functions}
    assert set(FUNCTIONS) - {"punish", "numb"} <= served
