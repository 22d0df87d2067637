"""The charts' numbers and their text alternatives (what a screen reader hears)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from mend.coping.analytics import FitSummary, StrategyEffect, UrgeCurve, WeekBalance
from mend.coping.charts import (
    balance_sentence,
    chart_data,
    fit_sentence,
    recent_and_earlier,
    urge_sentence,
)


def week(day: int, helpful: int, some: int = 0, only: int = 0, other: int = 0) -> WeekBalance:
    return WeekBalance(
        week_start=date(2026, 1, day), helpful_only=helpful, some_harmful=some,
        only_harmful=only, other=other,
    )  # fmt: skip


def effect(sid: str, estimate: float, toward: str = "you", uses: int = 4) -> StrategyEffect:
    return StrategyEffect(
        strategy_id=sid, uses=uses, mean_drop=estimate + 0.5, estimate=estimate,
        low=estimate - 1, high=estimate + 1, toward=toward,
    )  # fmt: skip


@dataclass
class Found:
    balance: list[WeekBalance] = field(default_factory=list)
    effects: list[StrategyEffect] = field(default_factory=list)
    grief_weeks: list[tuple[str, int, int]] = field(default_factory=list)


@pytest.mark.parametrize(
    ("weeks", "recent", "earlier"),
    [(0, [], []), (4, [1, 2, 3, 4], []), (5, [2, 3, 4, 5], [1]), (9, [6, 7, 8, 9], [1, 2, 3, 4])],
)
def test_recent_weeks_are_compared_with_as_many_from_the_start(
    weeks: int, recent: list[int], earlier: list[int]
) -> None:
    balance = [week(d, helpful=d) for d in range(1, weeks + 1)]
    got_recent, got_earlier = recent_and_earlier(balance)
    assert [w.helpful_only for w in got_recent] == recent
    assert [w.helpful_only for w in got_earlier] == earlier


def test_no_weeks_invites_rather_than_scores() -> None:
    assert balance_sentence([]).startswith("Once you log a few moments")


def test_few_weeks_give_one_sentence_with_exact_counts() -> None:
    text = balance_sentence([week(5, 1, some=1), week(12, 2)])
    assert text == (
        "In your last 2 weeks with moments, 3 of 4 moments used only ways that help (75 %)."
    )


def test_one_week_is_singular() -> None:
    assert balance_sentence([week(5, 1)]).startswith("In your last 1 week with moments")


def test_many_weeks_compare_the_last_four_with_the_first_four() -> None:
    weeks = [week(d, 0, only=2) for d in (1, 2, 3, 4)] + [week(d, 2) for d in (5, 6, 7, 8, 9)]
    text = balance_sentence(weeks)
    assert "8 of 8 moments used only ways that help (100 %)" in text
    assert "In your first 4 weeks it was 0 of 8 (0 %)." in text


def test_between_five_and_eight_weeks_the_first_weeks_do_not_overlap_the_last() -> None:
    weeks = [week(d, 1) for d in range(1, 7)]
    assert "In your first 2 weeks it was 2 of 2" in balance_sentence(weeks)


def test_fit_sentence() -> None:
    assert fit_sentence(FitSummary(judged=0, fits=0, rate=None, mismatches=())).startswith("When")
    text = fit_sentence(FitSummary(judged=3, fits=2, rate=2 / 3, mismatches=()))
    assert text.startswith("In 2 of 3 moments (67 %)")


def test_urge_sentence_is_the_analytics_summary() -> None:
    assert urge_sentence([]) is None
    assert urge_sentence([UrgeCurve(peak=7, time_to_peak=3, time_to_pass=9)]) == (
        "Your urges peaked after 3 minutes and passed within 9, 1 time out of 1."
    )


def test_chart_data_carries_names_and_rounded_numbers() -> None:
    found = Found(
        balance=[week(5, 1, some=2, only=3, other=4)],
        effects=[effect("walk", 2.346)],
        grief_weeks=[("2026-01-05", 2, 1)],
    )
    data = chart_data(found, {"walk": "A walk"})
    assert data["balance"] == {
        "weeks": ["2026-01-05"], "helpful_only": [1], "other": [4], "some_harmful": [2],
        "only_harmful": [3],
    }  # fmt: skip
    assert data["works"]["names"] == ["A walk"]
    assert data["works"]["estimate"] == [2.35]
    assert (data["works"]["low"], data["works"]["high"], data["works"]["uses"]) == (
        [1.35], [3.35], [4],
    )  # fmt: skip
    assert data["grief"] == {"weeks": ["2026-01-05"], "loss": [2], "restoration": [1]}


def test_an_unknown_strategy_is_shown_by_its_id() -> None:
    data = chart_data(Found(effects=[effect("gone", 1.0)]), {})
    assert data["works"]["names"] == ["gone"]
