"""Coping analytics (clinical-model §2-3): jar balance, what works, fit, grief, urges.

Pure: every function takes values and returns values. Nothing here reads the
clock or a database; the caller passes "now" when a window is needed, so the
same inputs always give the same numbers the clinician and client see.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from math import sqrt

# (strategy_id, helpfulness, orientation), as copied from the catalog when the
# moment was logged: the analytics judge what the strategy was at that time.
Used = tuple[str, str, str]

Z_90 = 1.645  # two-sided 90 % normal quantile
FALLBACK_SD = 2.0  # SUDS points; used until the client has two drops to measure
FEW_USES = 3  # below this, a strategy borrows strength from the population


@dataclass(frozen=True, kw_only=True, slots=True)
class Moment:
    """One coping moment, reduced to the fields the analytics need (§3)."""

    at: datetime
    distress_before: int
    distress_after: int | None = None
    strategies: tuple[Used, ...] = ()
    stressor_category: str = "other"
    controllability: str | None = None  # 'can' | 'partly' | 'cannot'
    loss_orientation: str | None = None  # 'loss' | 'restoration'

    def __post_init__(self) -> None:
        # Naive datetimes would silently shift weeks and windows; refuse them.
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("Moment.at must be timezone-aware")

    @property
    def drop(self) -> int | None:
        """Distress before minus after (positive = relief), or None if not rated."""
        if self.distress_after is None:
            return None
        return self.distress_before - self.distress_after


# ---------------------------------------------------------------- jar balance


@dataclass(frozen=True, kw_only=True)
class WeekBalance:
    """Counts for one ISO week (Monday, UTC) and their shares of `total`."""

    week_start: date
    helpful_only: int
    some_harmful: int
    only_harmful: int
    other: int  # used a 'mixed' strategy and nothing harmful

    @property
    def total(self) -> int:
        return self.helpful_only + self.some_harmful + self.only_harmful + self.other

    def share(self, kind: str) -> float:
        """Share of this week's counted moments in `kind` (a field name)."""
        count: int = getattr(self, kind)
        return count / self.total if self.total else 0.0


def jar_kind(helpfulness: Sequence[str]) -> str | None:
    """Which part of the jar balance a moment counts in, from the helpfulness of
    the strategies it used; None when it used none (it says nothing about the jar)."""
    if not helpfulness:
        return None
    # 'mixed' is not harmful, but not cleanly helpful either: it goes to 'other'
    # so the helpful-only share only ever grows with truly helpful choices.
    harmful = [h == "harmful" for h in helpfulness]
    if all(harmful):
        return "only_harmful"
    if any(harmful):
        return "some_harmful"
    return "helpful_only" if all(h == "helpful" for h in helpfulness) else "other"


def week_start(at: datetime) -> date:
    """Monday of the ISO week holding `at`'s own UTC date."""
    day = at.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def jar_balance_by_week(moments: Iterable[Moment]) -> list[WeekBalance]:
    """Jar balance (clinical-model §3): per week, helpful-only / some / only harmful.

    A moment with no strategies says nothing about the jar and is ignored.
    Weeks are returned oldest first so the healing trend reads left to right.
    """
    counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for m in moments:
        kind = jar_kind([h for _, h, _ in m.strategies])
        if kind:
            counts[week_start(m.at)][kind] += 1
    kinds = ("helpful_only", "some_harmful", "only_harmful", "other")
    return [WeekBalance(week_start=w, **{k: counts[w][k] for k in kinds}) for w in sorted(counts)]


# ---------------------------------------------------------------- what works


@dataclass(frozen=True, kw_only=True)
class StrategyEffect:
    """What one strategy did for this client, with the numbers behind it."""

    strategy_id: str
    uses: int
    mean_drop: float
    estimate: float  # shrunken toward the client's (or population) mean
    low: float  # approximate 90 % interval around `estimate`
    high: float
    toward: str  # what the estimate was shrunk toward: 'you' or 'others'


def _drops_by_strategy(moments: Iterable[Moment]) -> dict[str, list[int]]:
    # A moment's drop is credited to every strategy used in it: the client
    # tells us what they did, not which part helped. Duplicates count once.
    drops: dict[str, list[int]] = defaultdict(list)
    for m in moments:
        if m.drop is not None:
            for sid in sorted({sid for sid, _, _ in m.strategies}):
                drops[sid].append(m.drop)
    return drops


def _all_drops(moments: Iterable[Moment]) -> list[int]:
    return [m.drop for m in moments if m.drop is not None]


def _pooled_sd(drops: Sequence[int]) -> float:
    # One spread for the whole client: per-strategy spreads are too noisy at
    # the handful of uses most strategies have.
    n = len(drops)
    if n < 2:
        return FALLBACK_SD
    # The sample standard deviation from exact integer sums: the same value as
    # statistics.stdev, which works in fractions and is far slower on thousands.
    total, squares = sum(drops), sum(d * d for d in drops)
    return sqrt((n * squares - total * total) / (n * (n - 1)))


@dataclass(frozen=True, kw_only=True)
class _Shrink:
    client_mean: float
    sd: float
    prior_mean: float | None
    priors: Mapping[str, float]
    k: float

    def prior_for(self, sid: str) -> float | None:
        return self.priors.get(sid, self.prior_mean)


def _effect(sid: str, drops: list[int], s: _Shrink) -> StrategyEffect:
    # Empirical Bayes: few uses lean on the mean, many uses speak for themselves.
    n = len(drops)
    prior = s.prior_for(sid) if n < FEW_USES else None
    target = s.client_mean if prior is None else prior
    estimate = (sum(drops) + s.k * target) / (n + s.k)
    half = Z_90 * s.sd / sqrt(n + s.k)
    mean = sum(drops) / n
    return StrategyEffect(
        strategy_id=sid, uses=n, mean_drop=mean, estimate=estimate,
        low=estimate - half, high=estimate + half,
        toward="you" if prior is None else "others",
    )  # fmt: skip


def _effects(moments: Sequence[Moment], shrink: _Shrink) -> list[StrategyEffect]:
    per = _drops_by_strategy(moments)
    found = [_effect(sid, drops, shrink) for sid, drops in per.items()]
    return sorted(found, key=lambda e: (-e.estimate, e.strategy_id))


def _shrink_for(
    moments: Sequence[Moment], prior_mean: float | None, priors: Mapping[str, float], k: float
) -> _Shrink | None:
    drops = _all_drops(moments)
    if not drops:
        return None
    mean, sd = statistics.fmean(drops), _pooled_sd(drops)
    return _Shrink(client_mean=mean, sd=sd, prior_mean=prior_mean, priors=priors, k=k)


_NO_PRIORS: Mapping[str, float] = {}


def what_works(
    moments: Sequence[Moment],
    *,
    prior_mean: float | None = None,
    priors: Mapping[str, float] = _NO_PRIORS,
    prior_strength: float = 3.0,
) -> list[StrategyEffect]:
    """What works for me (clinical-model §3): per strategy, shrunken mean drop.

    Shrinks toward the client's overall mean drop; toward the population when a
    strategy has fewer than 3 uses and a population mean is known for it
    (`priors[strategy_id]`, else `prior_mean`). Only moments rated after
    (distress_after set) count as uses.
    """
    shrink = _shrink_for(moments, prior_mean, priors, prior_strength)
    return _effects(moments, shrink) if shrink else []


def what_works_by_category(
    moments: Sequence[Moment],
    *,
    prior_mean: float | None = None,
    priors: Mapping[str, float] = _NO_PRIORS,
    prior_strength: float = 3.0,
) -> dict[str, list[StrategyEffect]]:
    """What works for me, per stressor category (clinical-model §3).

    Each category shrinks toward the client's overall mean and uses the
    client's overall spread: one category alone is usually too small for both.
    """
    shrink = _shrink_for(moments, prior_mean, priors, prior_strength)
    if shrink is None:
        return {}
    grouped: dict[str, list[Moment]] = defaultdict(list)
    for m in moments:
        if m.drop is not None:
            grouped[m.stressor_category].append(m)
    by_cat = {c: _effects(grouped[c], shrink) for c in sorted(grouped)}
    return {c: effects for c, effects in by_cat.items() if effects}


# ---------------------------------------------------------------- goodness of fit

# Which strategy orientations fit each level of controllability (transactional
# model). Avoidant is in none of them: it never counts as fit.
FITTING: dict[str, frozenset[str]] = {
    "can": frozenset({"problem"}),
    "cannot": frozenset({"emotion"}),
    "partly": frozenset({"problem", "emotion"}),
}


@dataclass(frozen=True, kw_only=True)
class FitSummary:
    judged: int
    fits: int
    rate: float | None  # None when nothing could be judged
    mismatches: tuple[datetime, ...]


def fits(moment: Moment) -> bool:
    """True when at least one strategy's orientation suits the controllability."""
    allowed = FITTING.get(moment.controllability or "", frozenset())
    return any(orientation in allowed for _, _, orientation in moment.strategies)


def goodness_of_fit(moments: Iterable[Moment]) -> FitSummary:
    """Goodness of fit (clinical-model §3): fit rate and the mismatched moments.

    Moments without controllability or strategies are not judged.
    """
    judged = [m for m in moments if m.controllability in FITTING and m.strategies]
    misses = tuple(m.at for m in judged if not fits(m))
    n_fit = len(judged) - len(misses)
    rate = n_fit / len(judged) if judged else None
    return FitSummary(judged=len(judged), fits=n_fit, rate=rate, mismatches=misses)


# ---------------------------------------------------------------- dual process


@dataclass(frozen=True, kw_only=True)
class DualProcess:
    loss: int
    restoration: int
    flag: bool
    reason: str | None  # for the clinician only; None when not flagged


def _one_side_reason(side: str, count: int, days: int) -> str:
    # Gentle on purpose: one-sidedness is a prompt to talk, not a diagnosis.
    other = "restoration" if side == "loss" else "loss"
    return (
        f"In the last {days} days, all {count} loss-related moments were {side}-oriented. "
        f"Healthy grieving usually moves back and forth; time with {other}-oriented "
        "coping may be worth a gentle conversation."
    )


def dual_process_flag(
    moments: Iterable[Moment], *, now: datetime, days: int = 14, minimum: int = 5
) -> DualProcess:
    """Dual-process balance (clinical-model §3): flag grief coping stuck on one side.

    Window: now - days <= at <= now (both ends included). Flag when at least
    `minimum` loss moments in the window are all loss- or all restoration-oriented.
    """
    start = now - timedelta(days=days)
    sides = [m.loss_orientation for m in moments if m.loss_orientation and start <= m.at <= now]
    loss, restoration = sides.count("loss"), sides.count("restoration")
    flag = len(sides) >= minimum and (loss == 0 or restoration == 0)
    reason = _one_side_reason(sides[0], len(sides), days) if flag else None
    return DualProcess(loss=loss, restoration=restoration, flag=flag, reason=reason)


def grief_by_week(moments: Iterable[Moment]) -> list[tuple[str, int, int]]:
    """Per week (Monday, ISO date), loss- and restoration-oriented moments."""
    weeks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for m in moments:
        if m.loss_orientation in ("loss", "restoration"):
            side = 0 if m.loss_orientation == "loss" else 1
            weeks[week_start(m.at).isoformat()][side] += 1
    return [(week, counts[0], counts[1]) for week, counts in sorted(weeks.items())]


# ---------------------------------------------------------------- urges pass


@dataclass(frozen=True, kw_only=True)
class UrgeCurve:
    peak: int
    time_to_peak: int
    time_to_pass: int | None  # None when the urge had not passed when they stopped

    @property
    def passed(self) -> bool:
        return self.time_to_pass is not None


def urge_curve(samples: Sequence[tuple[int, int]], *, passed_level: int) -> UrgeCurve:
    """Urges pass (clinical-model §2): when one urge-surfing session peaked and passed.

    Samples are (minute, intensity) in time order. The urge has passed at the
    first sample strictly after the (first) peak whose intensity < passed_level.
    """
    if not samples:
        raise ValueError("an urge curve needs at least one sample")
    peak = max(level for _, level in samples)
    at_peak = next(i for i, (_, level) in enumerate(samples) if level == peak)
    after = (minute for minute, level in samples[at_peak + 1 :] if level < passed_level)
    return UrgeCurve(peak=peak, time_to_peak=samples[at_peak][0], time_to_pass=next(after, None))


def _whole(x: float) -> int:
    # Half up, not banker's rounding: 4.5 minutes reads as 5 to a person.
    return int(x + 0.5)


def _minutes(n: int) -> str:
    return f"{n} minute" if n == 1 else f"{n} minutes"


def urge_summary(curves: Sequence[UrgeCurve]) -> str | None:
    """The client's own evidence that urges pass (clinical-model §2), as one sentence.

    Medians over sessions: time to peak over all, time to pass over those that passed.
    """
    if not curves:
        return None
    peak = _minutes(_whole(statistics.median(c.time_to_peak for c in curves)))
    passed = [c.time_to_pass for c in curves if c.time_to_pass is not None]
    if not passed:
        return f"Your urges peaked after {peak}; none had passed yet when you stopped."
    within = _whole(statistics.median(passed))
    times = "time" if len(passed) == 1 else "times"
    return (
        f"Your urges peaked after {peak} and passed within {within}, "
        f"{len(passed)} {times} out of {len(curves)}."
    )
