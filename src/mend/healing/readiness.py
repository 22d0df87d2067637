"""Readiness for stage 2 (clinical-model §4): six indicators, each with its evidence.

Pure: values in, values out. Nothing here reads the clock or a database; the
caller passes `now`. The indicators support the therapist's decision and never
make it: each says met, not met or not enough data, the numbers behind it and
one plain sentence; `assess` says `ready` only when all six are met.

Time windows, the same everywhere in this module:
- "in the last N days" means `now - N days <= at <= now`, in exact time (N x 24 h,
  not calendar days), both ends included. Something exactly N days old is in the
  window; one second older is not.
- Everything is judged as of `now`: a record stamped after `now` is not counted
  (not a review, not a practice, not a risk signal, not an agreement). The same
  inputs therefore give the same answer whenever it is recomputed.
- Datetimes must be timezone-aware; naive ones are refused.

"Not enough data" is kept apart from "not met": it means the logs cannot say
either way (nothing logged in the window, fewer moments than the minimum, or
distress ratings missing where the ratings alone could turn the answer).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

HELPFULNESS = ("helpful", "mixed", "harmful")
# A strategy tagged with either of these is grounding or relaxation practice
# (indicator 4). The catalog family `relaxation_grounding` is passed as both.
PRACTICE_TAGS = frozenset({"grounding", "relaxation"})
# Risk signal kinds as the safety service stores them. The questionnaire items
# are signals at level >= 1 or when the item was left unanswered (clinical-model
# §5: PHQ-9 item 9 ">= 1 (or missing)"); every other kind, including one this
# module does not know, always counts: a risk signal is never dropped.
RISK_ITEM_KINDS = frozenset({"phq9_risk_item", "core10_risk_item"})
RISK_ITEM_LEVEL = 1
RISK_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "phq9_risk_item": "PHQ-9 item 9",
        "core10_risk_item": "CORE-10 item 6",
        "crisis_language": "crisis language",
        "imminent_urge": "an imminent-harm urge",
        "imminent_strategy": "an imminent-harm strategy",
    }
)
DISTRESS_MAX = 10


class Verdict(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_ENOUGH_DATA = "not_enough_data"


Value = int | float | str | bool | datetime | None


def require_aware(at: datetime, what: str) -> datetime:
    """Refuse naive datetimes: they would silently shift every window."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")
    return at


def in_last(at: datetime, *, now: datetime, days: int) -> bool:
    """`now - days <= at <= now` (both ends included; see the module docstring)."""
    return now - timedelta(days=days) <= at <= now


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True, kw_only=True)
class PlanVersion:
    """One saved version of the safety plan. Saving a version counts as a review;
    `reviewed_at` is a later review that kept the plan as it was."""

    saved_at: datetime
    reviewed_at: datetime | None = None

    def __post_init__(self) -> None:
        require_aware(self.saved_at, "PlanVersion.saved_at")
        if self.reviewed_at is not None:
            require_aware(self.reviewed_at, "PlanVersion.reviewed_at")

    def reviews(self) -> tuple[datetime, ...]:
        return (self.saved_at,) if self.reviewed_at is None else (self.saved_at, self.reviewed_at)


@dataclass(frozen=True, kw_only=True)
class RiskSignal:
    """A stored risk signal (clinical-model §5). `level` is the item's answer for
    a questionnaire item (None when unanswered), the urge level for an urge."""

    kind: str
    at: datetime
    level: int | None = None

    def __post_init__(self) -> None:
        require_aware(self.at, "RiskSignal.at")

    @property
    def counts(self) -> bool:
        if self.kind in RISK_ITEM_KINDS:
            return self.level is None or self.level >= RISK_ITEM_LEVEL
        return True


@dataclass(frozen=True, kw_only=True)
class StrategyUse:
    """A strategy as it was when the moment was logged."""

    id: str
    helpfulness: str  # helpful | mixed | harmful
    tags: frozenset[str] = frozenset()
    name: str = ""

    def __post_init__(self) -> None:
        if self.helpfulness not in HELPFULNESS:
            raise ValueError(f"StrategyUse.helpfulness must be one of {', '.join(HELPFULNESS)}")

    @property
    def label(self) -> str:
        return self.name or self.id

    @property
    def is_practice(self) -> bool:
        # A harmful strategy never counts as practice, whatever it is tagged.
        return self.helpfulness != "harmful" and bool(self.tags & PRACTICE_TAGS)


@dataclass(frozen=True, kw_only=True)
class CopingMoment:
    """One coping moment, reduced to what readiness and pacing need (§3)."""

    at: datetime
    distress_before: int | None = None
    distress_after: int | None = None
    strategies: tuple[StrategyUse, ...] = ()

    def __post_init__(self) -> None:
        require_aware(self.at, "CopingMoment.at")
        for rating in (self.distress_before, self.distress_after):
            if rating is not None and not 0 <= rating <= DISTRESS_MAX:
                raise ValueError(f"distress ratings are 0-{DISTRESS_MAX}")

    @property
    def drop(self) -> int | None:
        """Distress before minus after (positive = relief); None unless both were rated."""
        if self.distress_before is None or self.distress_after is None:
            return None
        return self.distress_before - self.distress_after

    @property
    def harmful(self) -> bool:
        return any(s.helpfulness == "harmful" for s in self.strategies)

    @property
    def helpful_only(self) -> bool:
        return bool(self.strategies) and all(s.helpfulness == "helpful" for s in self.strategies)


@dataclass(frozen=True, kw_only=True)
class Agreement:
    """What the client said about starting stage 2, and when."""

    agreed: bool
    at: datetime

    def __post_init__(self) -> None:
        require_aware(self.at, "Agreement.at")


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    """The named settings of §4, with the reference's defaults."""

    plan_review_days: int = 30
    risk_days: int = 14
    helpful_days: int = 28
    helpful_strategies: int = 3
    helpful_min_drop: float = 1.0
    practice_days: int = 14
    practice_times: int = 4
    balance_days: int = 14
    balance_percent: int = 70
    balance_min_moments: int = 5

    def __post_init__(self) -> None:
        counts = {
            "plan_review_days": self.plan_review_days,
            "risk_days": self.risk_days,
            "helpful_days": self.helpful_days,
            "helpful_strategies": self.helpful_strategies,
            "practice_days": self.practice_days,
            "practice_times": self.practice_times,
            "balance_days": self.balance_days,
            "balance_min_moments": self.balance_min_moments,
        }
        for name, value in counts.items():
            if value < 1:
                raise ValueError(f"Thresholds.{name} must be at least 1")
        if not 0 < self.balance_percent <= 100:
            raise ValueError("Thresholds.balance_percent must be 1-100")
        if not math.isfinite(self.helpful_min_drop):
            raise ValueError("Thresholds.helpful_min_drop must be a number")


DEFAULT = Thresholds()


# ---------------------------------------------------------------- results


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One readiness indicator: the verdict, its numbers and a plain sentence."""

    key: str
    number: int  # 1-6, the order of §4
    title: str
    verdict: Verdict
    numbers: Mapping[str, Value]
    explanation: str
    details: tuple[str, ...] = ()  # one line per item behind the numbers

    @property
    def met(self) -> bool:
        return self.verdict is Verdict.MET


@dataclass(frozen=True, kw_only=True)
class Readiness:
    now: datetime
    indicators: tuple[Indicator, ...]
    ready: bool  # all six met; "not enough data" is not met

    @property
    def unmet(self) -> tuple[str, ...]:
        """Keys of the indicators that are not met (including not enough data)."""
        return tuple(i.key for i in self.indicators if not i.met)

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)


def _num(x: float) -> str:
    # Rounded down to 2 decimals, so a number shown never looks as if it passed
    # a threshold it missed (0.999 shows as 0.99, not 1).
    shown = math.floor(x * 100 + 1e-9) / 100
    return f"{shown:.2f}".rstrip("0").rstrip(".")


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"


def _days_ago(now: datetime, at: datetime) -> int:
    return math.floor((now - at) / timedelta(days=1))


def _check_now(now: datetime) -> None:
    require_aware(now, "now")


# ---------------------------------------------------------------- 1 safety plan


def plan_reviewed(
    versions: Iterable[PlanVersion], *, now: datetime, thresholds: Thresholds = DEFAULT
) -> Indicator:
    """1. A safety plan exists and was reviewed in the last 30 days.

    The last review is the newest save or review of any version at or before `now`.
    No plan is "not met", never "not enough data": having no plan is a fact.
    """
    _check_now(now)
    days = thresholds.plan_review_days
    known = [v for v in versions if v.saved_at <= now]
    reviews = [at for v in known for at in v.reviews() if at <= now]
    last = max(reviews, default=None)
    numbers: dict[str, Value] = {"versions": len(known), "last_reviewed": last, "days": days}
    title = "Safety plan reviewed"
    if last is None:
        return Indicator(
            key="safety_plan", number=1, title=title, verdict=Verdict.NOT_MET,
            numbers=numbers | {"days_since_review": None},
            explanation=f"No safety plan yet; needs a plan reviewed in the last {days} days.",
        )  # fmt: skip
    ago = _days_ago(now, last)
    numbers["days_since_review"] = round((now - last) / timedelta(days=1), 2)
    if in_last(last, now=now, days=days):
        verdict = Verdict.MET
        text = f"The safety plan was last reviewed {_plural(ago, 'day')} ago"
    else:
        verdict = Verdict.NOT_MET
        text = f"The safety plan was last reviewed more than {days} days ago ({ago} days)"
    return Indicator(
        key="safety_plan", number=1, title=title, verdict=verdict, numbers=numbers,
        explanation=f"{text}; needs a review in the last {days} days.",
    )  # fmt: skip


# ---------------------------------------------------------------- 2 no recent risk


def _risk_line(signal: RiskSignal) -> str:
    words = RISK_WORDS.get(signal.kind, signal.kind)
    level = "" if signal.level is None else f" (level {signal.level})"
    return f"{words}{level} on {signal.at.isoformat()}"


def no_recent_risk(
    signals: Iterable[RiskSignal],
    *,
    open_alerts: int,
    now: datetime,
    thresholds: Thresholds = DEFAULT,
) -> Indicator:
    """2. No risk signal in the last 14 days, and no open risk alert.

    Signals: PHQ-9 item 9 >= 1 or unanswered, CORE-10 item 6 >= 1 or unanswered,
    crisis language, an imminent-harm urge, and any other kind the safety
    service stores. `open_alerts` counts the client's alerts that are not
    resolved (open or acknowledged: acknowledged is not yet resolved).
    Never "not enough data": the indicator asks for the absence of signals.
    """
    _check_now(now)
    if open_alerts < 0:
        raise ValueError("open_alerts cannot be negative")
    days = thresholds.risk_days
    recent = sorted(
        (s for s in signals if s.counts and in_last(s.at, now=now, days=days)),
        key=lambda s: (s.at, s.kind),
    )
    numbers: dict[str, Value] = {
        "signals": len(recent),
        "last_signal_at": recent[-1].at if recent else None,
        "open_alerts": open_alerts,
        "days": days,
    }
    details = tuple(_risk_line(s) for s in recent)
    met = not recent and open_alerts == 0
    if met:
        text = f"No risk signals in the last {days} days and no open risk alerts."
    else:
        parts = []
        if recent:
            kinds = ", ".join(sorted({RISK_WORDS.get(s.kind, s.kind) for s in recent}))
            parts.append(f"{_plural(len(recent), 'risk signal')} in the last {days} days ({kinds})")
        if open_alerts:
            parts.append(_plural(open_alerts, "open risk alert"))
        joined = " and ".join(parts)
        text = f"{joined[0].upper()}{joined[1:]}; needs none."
    return Indicator(
        key="no_recent_risk", number=2, title="No recent risk",
        verdict=Verdict.MET if met else Verdict.NOT_MET,
        numbers=numbers, explanation=text, details=details,
    )  # fmt: skip


# ---------------------------------------------------------------- 3 helpful strategies


@dataclass(frozen=True, kw_only=True)
class _Tally:
    label: str
    uses: int
    drops: tuple[int, ...]

    @property
    def mean(self) -> Fraction | None:
        return Fraction(sum(self.drops), len(self.drops)) if self.drops else None


def _helpful_tallies(moments: Iterable[CopingMoment]) -> dict[str, _Tally]:
    # A strategy listed twice in one moment is one use.
    uses: dict[str, int] = {}
    drops: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    for m in moments:
        helpful = {s.id: s for s in m.strategies if s.helpfulness == "helpful"}
        for sid, strategy in helpful.items():
            labels.setdefault(sid, strategy.label)
            uses[sid] = uses.get(sid, 0) + 1
            if m.drop is not None:
                drops.setdefault(sid, []).append(m.drop)
    return {
        sid: _Tally(label=labels[sid], uses=n, drops=tuple(drops.get(sid, ())))
        for sid, n in uses.items()
    }


def _tally_line(tally: _Tally, mean: Fraction | None) -> str:
    drop = "no distress ratings" if mean is None else f"mean drop {_num(float(mean))}"
    return f"{tally.label}: {_plural(tally.uses, 'use')}, {drop}"


def _at_least(value: Fraction, threshold: float) -> bool:
    # Exact: means of whole-number drops are fractions, and str() keeps 1.1 as 11/10.
    return value >= Fraction(str(threshold))


def helpful_strategies(
    moments: Iterable[CopingMoment], *, now: datetime, thresholds: Thresholds = DEFAULT
) -> Indicator:
    """3. At least 3 helpful strategies used in the last 28 days, each with a mean
    distress drop of at least 1 point.

    Read per strategy: a strategy counts when its moments in the window lower
    distress by >= 1 point on average (drop = distress before - after; a moment's
    drop is credited to every helpful strategy used in it, as in "what works").
    Moments that also used a harmful strategy are left out: the relief may have
    come from the harmful one. "Not enough data" when nothing was logged in the
    window, or when helpful strategies used without any distress rating could
    alone reach the 3 needed.
    """
    _check_now(now)
    t = thresholds
    window = [m for m in moments if in_last(m.at, now=now, days=t.helpful_days)]
    excluded = sum(1 for m in window if m.harmful)
    tallies = _helpful_tallies(m for m in window if not m.harmful)
    means = {sid: tally.mean for sid, tally in tallies.items() if tally.mean is not None}
    good = sorted(
        (sid for sid, mean in means.items() if _at_least(mean, t.helpful_min_drop)),
        key=lambda sid: (-means[sid], sid),
    )
    unrated = len(tallies) - len(means)
    numbers: dict[str, Value] = {
        "strategies_used": len(tallies),
        "strategies_rated": len(means),
        "strategies_working": len(good),
        "moments": len(window),
        "moments_left_out": excluded,
        "needed": t.helpful_strategies,
        "min_drop": t.helpful_min_drop,
        "days": t.helpful_days,
    }
    details = tuple(_tally_line(tallies[sid], means.get(sid)) for sid in sorted(tallies))
    need = f"needs {t.helpful_strategies} with a mean drop of at least {_num(t.helpful_min_drop)}"
    if len(good) >= t.helpful_strategies:
        verdict = Verdict.MET
    elif not window or len(good) + unrated >= t.helpful_strategies:
        verdict = Verdict.NOT_ENOUGH_DATA
    else:
        verdict = Verdict.NOT_MET
    if not window:
        text = f"No coping moments in the last {t.helpful_days} days; {need}."
    else:
        shown = ", ".join(f"{tallies[sid].label} {_num(float(means[sid]))}" for sid in good)
        count = _plural(len(good), "helpful strategy", "helpful strategies")
        text = (
            f"{count} used in the last {t.helpful_days} days with a mean drop of "
            f"at least {_num(t.helpful_min_drop)}" + (f" ({shown})" if shown else "")
        )
        if unrated:
            text += f"; {_plural(unrated, 'more was', 'more were')} used without a distress rating"
        text += f"; {need}."
    return Indicator(
        key="helpful_strategies", number=3, title="Helpful strategies that work",
        verdict=verdict, numbers=numbers, explanation=text, details=details,
    )  # fmt: skip


# ---------------------------------------------------------------- 4 grounding practice


def grounding_practice(
    moments: Iterable[CopingMoment], *, now: datetime, thresholds: Thresholds = DEFAULT
) -> Indicator:
    """4. Grounding or relaxation practised at least 4 times in the last 14 days.

    A practice is a moment that used at least one strategy tagged grounding or
    relaxation that is not harmful; several such strategies in one moment are
    one practice. "Not enough data" when no moment at all was logged in the window.
    """
    _check_now(now)
    t = thresholds
    window = [m for m in moments if in_last(m.at, now=now, days=t.practice_days)]
    times = sum(1 for m in window if any(s.is_practice for s in m.strategies))
    numbers: dict[str, Value] = {
        "practices": times,
        "moments": len(window),
        "needed": t.practice_times,
        "days": t.practice_days,
    }
    need = f"needs {t.practice_times}"
    if not window:
        verdict = Verdict.NOT_ENOUGH_DATA
        text = f"No coping moments in the last {t.practice_days} days; {need}."
    else:
        verdict = Verdict.MET if times >= t.practice_times else Verdict.NOT_MET
        text = (
            f"Grounding or relaxation practised {_plural(times, 'time')} "
            f"in the last {t.practice_days} days; {need}."
        )
    return Indicator(
        key="grounding_practice", number=4, title="Grounding or relaxation practice",
        verdict=verdict, numbers=numbers, explanation=text,
    )  # fmt: skip


# ---------------------------------------------------------------- 5 jar balance


def jar_balance(
    moments: Iterable[CopingMoment], *, now: datetime, thresholds: Thresholds = DEFAULT
) -> Indicator:
    """5. At least 70 % of the moments in the last 14 days used only helpful strategies,
    counted over at least 5 moments.

    As in the jar balance (§3): moments without strategies say nothing about the
    jar and are not counted; a 'mixed' strategy makes a moment not helpful-only.
    The share is compared exactly (7 of 10 is 70 %). Fewer than 5 counted moments
    is "not enough data".
    """
    _check_now(now)
    t = thresholds
    counted = [m for m in moments if m.strategies and in_last(m.at, now=now, days=t.balance_days)]
    helpful = sum(1 for m in counted if m.helpful_only)
    percent = 100 * helpful / len(counted) if counted else None
    numbers: dict[str, Value] = {
        "moments": len(counted),
        "helpful_only": helpful,
        "percent": percent,
        "needed_percent": t.balance_percent,
        "min_moments": t.balance_min_moments,
        "days": t.balance_days,
    }
    need = f"needs {t.balance_percent} % of at least {t.balance_min_moments} moments"
    if len(counted) < t.balance_min_moments:
        verdict = Verdict.NOT_ENOUGH_DATA
        logged = _plural(len(counted), "moment") if counted else "No moments"
        text = f"{logged} with strategies in the last {t.balance_days} days; {need}."
    else:
        # Whole numbers only: helpful / counted >= percent / 100, with no rounding.
        met = 100 * helpful >= t.balance_percent * len(counted)
        verdict = Verdict.MET if met else Verdict.NOT_MET
        text = (
            f"{helpful} of {len(counted)} moments in the last {t.balance_days} days used "
            f"only helpful strategies ({_num(percent or 0)} %); {need}."
        )
    return Indicator(
        key="jar_balance", number=5, title="Jar balance", verdict=verdict,
        numbers=numbers, explanation=text,
    )  # fmt: skip


# ---------------------------------------------------------------- 6 client agrees


def client_agrees(agreements: Iterable[Agreement], *, now: datetime) -> Indicator:
    """6. The client has said they agree.

    The client's latest statement at or before `now` counts, so a client can
    change their mind either way; if two statements share the newest time,
    "no" wins. No statement yet is "not met": the client has not said yes.
    """
    _check_now(now)
    said = [a for a in agreements if a.at <= now]
    latest = max(said, key=lambda a: (a.at, not a.agreed), default=None)
    numbers: dict[str, Value] = {
        "agreed": None if latest is None else latest.agreed,
        "said_at": None if latest is None else latest.at,
    }
    if latest is None:
        verdict, text = Verdict.NOT_MET, "The client has not said yet whether they agree."
    elif latest.agreed:
        verdict = Verdict.MET
        text = f"The client said they agree on {latest.at.date().isoformat()}."
    else:
        verdict = Verdict.NOT_MET
        text = f"The client said they do not agree yet on {latest.at.date().isoformat()}."
    return Indicator(
        key="client_agrees", number=6, title="The client agrees", verdict=verdict,
        numbers=numbers, explanation=text,
    )  # fmt: skip


# ---------------------------------------------------------------- all six


def assess(
    *,
    now: datetime,
    plan_versions: Sequence[PlanVersion] = (),
    risk_signals: Sequence[RiskSignal] = (),
    open_alerts: int = 0,
    moments: Sequence[CopingMoment] = (),
    agreements: Sequence[Agreement] = (),
    thresholds: Thresholds = DEFAULT,
) -> Readiness:
    """All six indicators of readiness for stage 2 (§4), in order; `ready` only
    when every one is met ("not enough data" is not met)."""
    indicators = (
        plan_reviewed(plan_versions, now=now, thresholds=thresholds),
        no_recent_risk(risk_signals, open_alerts=open_alerts, now=now, thresholds=thresholds),
        helpful_strategies(moments, now=now, thresholds=thresholds),
        grounding_practice(moments, now=now, thresholds=thresholds),
        jar_balance(moments, now=now, thresholds=thresholds),
        client_agrees(agreements, now=now),
    )
    return Readiness(now=now, indicators=indicators, ready=all(i.met for i in indicators))
