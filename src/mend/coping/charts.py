"""What the coping charts draw, and the same facts in words (their text alternative).

Pure: analytics results in, plain data and sentences out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from mend.coping.analytics import FitSummary, StrategyEffect, UrgeCurve, WeekBalance, urge_summary

RECENT_WEEKS = 4


class HasCharts(Protocol):
    @property
    def balance(self) -> list[WeekBalance]: ...
    @property
    def effects(self) -> list[StrategyEffect]: ...
    @property
    def grief_weeks(self) -> list[tuple[str, int, int]]: ...


def _pct(share: float) -> int:
    return int(share * 100 + 0.5)


def chart_data(found: HasCharts, names: Mapping[str, str]) -> dict[str, Any]:
    """The numbers behind each chart, for the vendored chart library to draw."""
    return {
        "balance": {
            "weeks": [w.week_start.isoformat() for w in found.balance],
            "helpful_only": [w.helpful_only for w in found.balance],
            "other": [w.other for w in found.balance],
            "some_harmful": [w.some_harmful for w in found.balance],
            "only_harmful": [w.only_harmful for w in found.balance],
        },
        "works": {
            "names": [names.get(e.strategy_id, e.strategy_id) for e in found.effects],
            "estimate": [round(e.estimate, 2) for e in found.effects],
            "low": [round(e.low, 2) for e in found.effects],
            "high": [round(e.high, 2) for e in found.effects],
            "uses": [e.uses for e in found.effects],
        },
        "grief": {
            "weeks": [w for w, _, _ in found.grief_weeks],
            "loss": [loss for _, loss, _ in found.grief_weeks],
            "restoration": [rest for _, _, rest in found.grief_weeks],
        },
    }


def helpful_share(weeks: Sequence[WeekBalance]) -> tuple[int, int]:
    total = sum(w.total for w in weeks)
    helpful = sum(w.helpful_only for w in weeks)
    return helpful, total


def recent_and_earlier(
    balance: Sequence[WeekBalance],
) -> tuple[Sequence[WeekBalance], Sequence[WeekBalance]]:
    """The last RECENT_WEEKS weeks with moments, and as many from the start to
    compare them with (none while every week is still a recent one)."""
    return balance[-RECENT_WEEKS:], balance[:-RECENT_WEEKS][:RECENT_WEEKS]


def balance_sentence(balance: Sequence[WeekBalance]) -> str:
    """The jar-balance trend in one or two sentences, encouraging and exact."""
    if not balance:
        return "Once you log a few moments with the ways you coped, your jar balance shows here."
    recent, earlier = recent_and_earlier(balance)
    helpful, total = helpful_share(recent)
    text = (
        f"In your last {len(recent)} week{'s' if len(recent) != 1 else ''} with moments, "
        f"{helpful} of {total} moments used only ways that help ({_pct(helpful / total)} %)."
    )
    if earlier:
        was_helpful, was_total = helpful_share(earlier)
        text += (
            f" In your first {len(earlier)} week{'s' if len(earlier) != 1 else ''} it was "
            f"{was_helpful} of {was_total} ({_pct(was_helpful / was_total)} %)."
        )
    return text


def fit_sentence(fit: FitSummary) -> str:
    if fit.rate is None:
        return (
            "When you say how much of a situation you could change, this shows how often "
            "the way you coped suited it."
        )
    return (
        f"In {fit.fits} of {fit.judged} moments ({_pct(fit.rate)} %), the way you coped suited "
        "how much of the situation you could change."
    )


def urge_sentence(curves: Sequence[UrgeCurve]) -> str | None:
    return urge_summary(curves)
