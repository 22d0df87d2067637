"""Pacing during stage 2 (clinical-model §4): signals to slow down after a processing session.

Three signals, each judged on its own and shown with its evidence:
1. mean distress in the 72 h after the session is at least 2 points above the
   client's baseline;
2. harmful-strategy use after the session is above its baseline rate;
3. the PCL-5 reliably deteriorates (a rise of at least the published
   reliable-change threshold, 10 points, by `mend.measures.change.reliable_change`).

Pure: values in, values out; the caller passes `now`. Windows, exactly:
- baseline: the 14 days before the session, `session_at - 14 days <= at < session_at`;
- after: `session_at <= at <= session_at + 72 h` (the session's own instant is
  "after"; a moment exactly 72 h later is still in), and never past `now`;
- records stamped after `now` are not counted (judged as of `now`).
Before 72 h have passed the check is `complete=False`: a signal may already
show (later data can only add to it for harmful use and PCL-5), and "no signal"
then means "none so far".

Not enough data is its own answer, never a signal and never a quiet "fine".
The minimum amounts of data are our convention (the reference gives none) and
are named settings: 3 moments in the baseline and 2 after the session.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from fractions import Fraction

from mend.healing.readiness import CopingMoment, Value, require_aware
from mend.measures.change import reliable_change

PCL5_MAX = 80


class Status(StrEnum):
    SIGNAL = "signal"
    NO_SIGNAL = "no_signal"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True, kw_only=True)
class Pcl5Score:
    """A scored PCL-5 (0-80) and when it was completed."""

    at: datetime
    total: int

    def __post_init__(self) -> None:
        require_aware(self.at, "Pcl5Score.at")
        if isinstance(self.total, bool) or not 0 <= self.total <= PCL5_MAX:
            raise ValueError(f"a PCL-5 total is 0-{PCL5_MAX}")


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    """The named settings for pacing, with the reference's defaults (§4)."""

    window_hours: int = 72
    baseline_days: int = 14
    distress_rise: float = 2.0
    min_baseline_moments: int = 3
    min_after_moments: int = 2
    pcl5_reliable_change: int = 10  # instruments.md: PCL-5 reliable change, conservative
    pcl5_baseline_days: int = 30  # the PCL-5 asks about the past month

    def __post_init__(self) -> None:
        whole = {
            "window_hours": self.window_hours,
            "baseline_days": self.baseline_days,
            "min_baseline_moments": self.min_baseline_moments,
            "min_after_moments": self.min_after_moments,
            "pcl5_reliable_change": self.pcl5_reliable_change,
            "pcl5_baseline_days": self.pcl5_baseline_days,
        }
        for name, value in whole.items():
            if value < 1:
                raise ValueError(f"Thresholds.{name} must be at least 1")
        if not (math.isfinite(self.distress_rise) and self.distress_rise > 0):
            raise ValueError("Thresholds.distress_rise must be a positive number")


DEFAULT = Thresholds()


@dataclass(frozen=True, kw_only=True)
class Signal:
    """One pacing signal: its status, the numbers behind it and a plain sentence."""

    key: str
    title: str
    status: Status
    numbers: Mapping[str, Value]
    explanation: str


@dataclass(frozen=True, kw_only=True)
class PacingCheck:
    session_at: datetime
    now: datetime
    window_end: datetime  # session_at + 72 h
    complete: bool  # the whole 72 h lies at or before now
    signals: tuple[Signal, ...]

    @property
    def slow_down(self) -> bool:
        """At least one signal: alert the therapist to consider slowing down."""
        return any(s.status is Status.SIGNAL for s in self.signals)

    @property
    def not_enough_data(self) -> tuple[str, ...]:
        """Keys of the signals that could not be judged."""
        return tuple(s.key for s in self.signals if s.status is Status.NOT_ENOUGH_DATA)

    def signal(self, key: str) -> Signal:
        return next(s for s in self.signals if s.key == key)


# ---------------------------------------------------------------- windows


@dataclass(frozen=True, kw_only=True)
class _Windows:
    session_at: datetime
    now: datetime
    t: Thresholds

    @property
    def baseline_start(self) -> datetime:
        return self.session_at - timedelta(days=self.t.baseline_days)

    @property
    def window_end(self) -> datetime:
        return self.session_at + timedelta(hours=self.t.window_hours)

    @property
    def complete(self) -> bool:
        return self.window_end <= self.now

    def in_baseline(self, at: datetime) -> bool:
        return self.baseline_start <= at < self.session_at and at <= self.now

    def in_after(self, at: datetime) -> bool:
        return self.session_at <= at <= self.window_end and at <= self.now


def _windows(session_at: datetime, now: datetime, t: Thresholds) -> _Windows:
    require_aware(session_at, "session_at")
    require_aware(now, "now")
    if now < session_at:
        raise ValueError("pacing is checked after the session: now is before session_at")
    return _Windows(session_at=session_at, now=now, t=t)


def _num(x: float) -> str:
    # Rounded down to 2 decimals, so a number shown never looks as if it passed
    # a threshold it missed.
    shown = math.floor(x * 100 + 1e-9) / 100
    return f"{shown:.2f}".rstrip("0").rstrip(".")


def _moments(n: int) -> str:
    return "1 moment" if n == 1 else f"{n} moments"


def _so_far(w: _Windows, inside: str = "") -> str:
    """' (so far: 30 of 72 hours)' while the window is open, or '; so far: …' inside brackets."""
    if w.complete:
        return ""
    hours = math.floor((w.now - w.session_at) / timedelta(hours=1))
    words = f"so far: {hours} of {w.t.window_hours} hours"
    return f"{inside} {words}" if inside else f" ({words})"


# ---------------------------------------------------------------- 1 distress


def distress_rise(
    moments: Iterable[CopingMoment],
    *,
    session_at: datetime,
    now: datetime,
    thresholds: Thresholds = DEFAULT,
) -> Signal:
    """Mean distress after the session at least 2 points above the baseline mean.

    Distress is each moment's rating before coping (`distress_before`): how
    distressed the client was, not how they felt after a strategy. Moments
    without it are not counted. The rise is compared exactly (no float noise).
    """
    t = thresholds
    w = _windows(session_at, now, t)
    ratings = [(m.at, m.distress_before) for m in moments if m.distress_before is not None]
    base = [level for at, level in ratings if w.in_baseline(at)]
    after = [level for at, level in ratings if w.in_after(at)]
    base_mean = Fraction(sum(base), len(base)) if base else None
    after_mean = Fraction(sum(after), len(after)) if after else None
    rise = None if base_mean is None or after_mean is None else after_mean - base_mean
    numbers: dict[str, Value] = {
        "baseline_moments": len(base),
        "baseline_mean": None if base_mean is None else float(base_mean),
        "after_moments": len(after),
        "after_mean": None if after_mean is None else float(after_mean),
        "rise": None if rise is None else float(rise),
        "needed_rise": t.distress_rise,
    }
    need = f"a rise of {_num(t.distress_rise)} points or more suggests slowing down"
    enough = len(base) >= t.min_baseline_moments and len(after) >= t.min_after_moments
    if not enough or rise is None or base_mean is None or after_mean is None:
        text = (
            f"Not enough distress ratings to compare: {_moments(len(after))} in the "
            f"{t.window_hours} h after the session{_so_far(w)} and {_moments(len(base))} in the "
            f"{t.baseline_days} days before; needs {t.min_after_moments} after and "
            f"{t.min_baseline_moments} before."
        )
        status = Status.NOT_ENOUGH_DATA
    else:
        status = Status.SIGNAL if rise >= Fraction(str(t.distress_rise)) else Status.NO_SIGNAL
        if rise == 0:
            change = "the same as"
        else:
            side = "above" if rise > 0 else "below"
            change = f"{_num(float(abs(rise)))} {'point' if abs(rise) == 1 else 'points'} {side}"
        text = (
            f"Mean distress in the {t.window_hours} h after the session{_so_far(w)} was "
            f"{_num(float(after_mean))} ({_moments(len(after))}), {change} the "
            f"{t.baseline_days}-day baseline of {_num(float(base_mean))} "
            f"({_moments(len(base))}); {need}."
        )
    return Signal(
        key="distress_rise", title="Distress after the session", status=status,
        numbers=numbers, explanation=text,
    )  # fmt: skip


# ---------------------------------------------------------------- 2 harmful use


def harmful_use_rise(
    moments: Iterable[CopingMoment],
    *,
    session_at: datetime,
    now: datetime,
    thresholds: Thresholds = DEFAULT,
) -> Signal:
    """Harmful-strategy use after the session above its baseline rate.

    Use is counted in moments that used at least one harmful strategy (two
    harmful strategies in one moment are one use). Rates are uses per hour over
    the whole window: the after count over 72 h against the baseline count over
    14 days, compared exactly in whole numbers, strictly above. Counting the
    full 72 h before they have passed means a signal shown early never goes
    away as more moments come in.

    Not enough data: fewer than 3 moments of any kind in the baseline (the usual
    rate is unknown), or, when the count has not risen, fewer than 2 moments of
    any kind after the session (no sign the client was logging).
    """
    t = thresholds
    w = _windows(session_at, now, t)
    base = [m for m in moments if w.in_baseline(m.at)]
    after = [m for m in moments if w.in_after(m.at)]
    base_uses = sum(1 for m in base if m.harmful)
    after_uses = sum(1 for m in after if m.harmful)
    base_hours = t.baseline_days * 24
    per_day_base = base_uses * 24 / base_hours
    per_day_after = after_uses * 24 / t.window_hours
    numbers: dict[str, Value] = {
        "baseline_moments": len(base),
        "baseline_uses": base_uses,
        "baseline_per_day": round(per_day_base, 4),
        "after_moments": len(after),
        "after_uses": after_uses,
        "after_per_day": round(per_day_after, 4),
    }
    rose = after_uses * base_hours > base_uses * t.window_hours
    uses = "use" if after_uses == 1 else "uses"
    rates = (
        f"{after_uses} harmful-strategy {uses} in the {t.window_hours} h after the session "
        f"({_num(per_day_after)} a day{_so_far(w, ';')}) against "
        f"{base_uses} in the {t.baseline_days} days before ({_num(per_day_base)} a day)"
    )
    if len(base) < t.min_baseline_moments:
        status = Status.NOT_ENOUGH_DATA
        text = (
            f"Not enough moments before the session to know the usual rate: "
            f"{_moments(len(base))} in the {t.baseline_days} days before; needs "
            f"{t.min_baseline_moments}. {rates}."
        )
    elif rose:
        status = Status.SIGNAL
        text = f"{rates}; use has risen above its usual rate."
    elif len(after) < t.min_after_moments:
        status = Status.NOT_ENOUGH_DATA
        text = (
            f"Not enough moments after the session to tell: {_moments(len(after))}; "
            f"needs {t.min_after_moments}. {rates}."
        )
    else:
        status = Status.NO_SIGNAL
        text = f"{rates}; not above the usual rate."
    return Signal(
        key="harmful_use_rise", title="Harmful-strategy use after the session",
        status=status, numbers=numbers, explanation=text,
    )  # fmt: skip


# ---------------------------------------------------------------- 3 PCL-5


def pcl5_deterioration(
    scores: Iterable[Pcl5Score],
    *,
    session_at: datetime,
    now: datetime,
    thresholds: Thresholds = DEFAULT,
) -> Signal:
    """PCL-5 reliable deterioration after the session.

    Before: the latest PCL-5 before the session, at most 30 days old (the PCL-5
    asks about the past month). After: the highest PCL-5 in the 72 h after the
    session, so any reliably worse score counts. Reliable: a rise of at least
    10 points (`reliable_change` with the published threshold). Not enough
    data when either score is missing.
    """
    t = thresholds
    w = _windows(session_at, now, t)
    known = list(scores)
    start = session_at - timedelta(days=t.pcl5_baseline_days)
    before = max(
        (s for s in known if start <= s.at < session_at and s.at <= now),
        key=lambda s: s.at,
        default=None,
    )
    after = [s for s in known if w.in_after(s.at)]
    worst = max(after, key=lambda s: (s.total, s.at), default=None)
    numbers: dict[str, Value] = {
        "before": None if before is None else before.total,
        "before_at": None if before is None else before.at,
        "after": None if worst is None else worst.total,
        "after_at": None if worst is None else worst.at,
        "after_scores": len(after),
        "reliable_change": t.pcl5_reliable_change,
    }
    title = "PCL-5 after the session"
    if before is None or worst is None:
        missing = []
        if before is None:
            missing.append(f"no PCL-5 in the {t.pcl5_baseline_days} days before the session")
        if worst is None:
            missing.append(f"no PCL-5 in the {t.window_hours} h after it{_so_far(w)}")
        text = f"Not enough data: {' and '.join(missing)}."
        return Signal(
            key="pcl5_deterioration", title=title, status=Status.NOT_ENOUGH_DATA,
            numbers=numbers, explanation=text,
        )  # fmt: skip
    change = reliable_change(
        before=before.total, after=worst.total, threshold=t.pcl5_reliable_change
    )
    status = Status.SIGNAL if change.direction == "deteriorated" else Status.NO_SIGNAL
    numbers["difference"] = change.difference
    return Signal(
        key="pcl5_deterioration", title=title, status=status, numbers=numbers,
        explanation=f"PCL-5 before and after the session{_so_far(w)}: {change.explanation}",
    )  # fmt: skip


# ---------------------------------------------------------------- all three


def check(
    *,
    session_at: datetime,
    now: datetime,
    moments: Sequence[CopingMoment] = (),
    pcl5_scores: Sequence[Pcl5Score] = (),
    thresholds: Thresholds = DEFAULT,
) -> PacingCheck:
    """The three pacing signals after one processing session (§4)."""
    w = _windows(session_at, now, thresholds)
    signals = (
        distress_rise(moments, session_at=session_at, now=now, thresholds=thresholds),
        harmful_use_rise(moments, session_at=session_at, now=now, thresholds=thresholds),
        pcl5_deterioration(pcl5_scores, session_at=session_at, now=now, thresholds=thresholds),
    )
    return PacingCheck(
        session_at=session_at, now=now, window_end=w.window_end, complete=w.complete,
        signals=signals,
    )  # fmt: skip
