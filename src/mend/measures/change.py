"""Change over time (instruments.md, "Change over time"): is a change real, and what is it?

Pure: every function takes values and returns values. Nothing here looks an
instrument up; the caller passes the published threshold, cut-off or norms
from the instrument's definition file, so one set of rules serves them all.

Boundary conventions, the same everywhere in this module:
- a published raw reliable-change threshold counts a change of *at least* the
  threshold as reliable (the reference's NHS Talking Therapies rule reads
  "PHQ-9 falls ≥ 6"; we read every published threshold the same way);
- Jacobson–Truax counts a change as reliable only when |RC| is *more than* 1.96;
- a clinical cut-off score is itself on the clinical side (PHQ-9 10 is
  caseness, CORE-10 11 is "mild"); on a higher-is-better scale it is mirrored
  (WHO-5 12 is "poor wellbeing").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from math import sqrt
from typing import Literal

Direction = Literal["improved", "deteriorated", "no_reliable_change"]
Method = Literal["published_threshold", "jacobson_truax"]
Criterion = Literal["a", "b", "c"]
Category = Literal["recovered", "improved", "unchanged", "deteriorated"]
Headline = Literal[
    "reliable_deterioration",
    "reliable_recovery",
    "reliable_improvement",
    "recovered",
    "no_reliable_change",
]
PairingReason = Literal["no_paired_day", "one_paired_day"]

Z_RELIABLE = 1.96  # Jacobson & Truax (1991): |RC| > 1.96 is reliable

# NHS Talking Therapies paired outcome (instruments.md, "Change over time").
PHQ9_CASENESS = 10  # caseness: PHQ-9 ≥ 10 ...
GAD7_CASENESS = 8  # ... or GAD-7 ≥ 8
PHQ9_RELIABLE_CHANGE = 6  # a fall (or rise) of at least 6 is reliable
GAD7_RELIABLE_CHANGE = 4  # a fall (or rise) of at least 4 is reliable
PHQ9_MAX = 27
GAD7_MAX = 21

_DECIMALS = 9


def _tidy(x: float) -> float:
    # Floating-point noise must not decide a boundary: a prorated 19.333… − 13.333…
    # is a change of 6, not 5.999999999999998, and 9.8 / 5 is 1.96, not 1.9600000000000002.
    return round(x, _DECIMALS)


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _points(x: float) -> str:
    return "1 point" if x == 1 else f"{_num(x)} points"


# ---------------------------------------------------------------- reliable change


@dataclass(frozen=True, kw_only=True)
class Norms:
    """Published norms for one instrument, for Jacobson & Truax (1991).

    `sd` is s₁, the spread behind the standard error of measurement; when it is
    None the clinical SD is used, the pre-treatment spread Jacobson & Truax used.
    """

    clinical_mean: float
    clinical_sd: float
    functional_mean: float
    functional_sd: float
    reliability: float  # r, 0 ≤ r < 1 (r = 1 would make every change reliable)
    sd: float | None = None

    def __post_init__(self) -> None:
        if min(self.clinical_sd, self.functional_sd, self.s1) <= 0:
            raise ValueError("Norms: standard deviations must be positive")
        if not 0 <= self.reliability < 1:
            raise ValueError("Norms: reliability must be at least 0 and below 1")

    @property
    def s1(self) -> float:
        return self.clinical_sd if self.sd is None else self.sd

    @property
    def standard_error(self) -> float:
        """SE = s₁·√(1 − r)."""
        return self.s1 * sqrt(1 - self.reliability)

    @property
    def s_diff(self) -> float:
        """S_diff = √2·SE, taken in one square root so round norms stay round."""
        return self.s1 * sqrt(2 * (1 - self.reliability))


@dataclass(frozen=True, kw_only=True)
class ReliableChange:
    """Whether the change from `before` to `after` is larger than measurement error."""

    before: float
    after: float
    difference: float  # after − before, raw points
    direction: Direction
    method: Method
    # Published threshold: a change of at least this is reliable.
    # Jacobson–Truax: a change of more than this (1.96·S_diff) is reliable.
    reliable_points: float
    index: float | None  # Jacobson–Truax RC; None with a published threshold
    explanation: str

    @property
    def reliable(self) -> bool:
        return self.direction != "no_reliable_change"


_VERDICT: dict[Direction, str] = {
    "improved": "so this is a reliable improvement.",
    "deteriorated": "so this is a reliable deterioration.",
    "no_reliable_change": "so there is no reliable change: a difference this small "
    "could be measurement error.",
}


def _moved(before: float, after: float, difference: float) -> str:
    if difference == 0:
        return f"The score stayed at {_num(before)}."
    verb = "rose" if difference > 0 else "fell"
    return f"The score {verb} by {_points(abs(difference))}, from {_num(before)} to {_num(after)}."


def _direction(difference: float, reliable: bool, higher_is_worse: bool) -> Direction:
    if not reliable:
        return "no_reliable_change"
    return "deteriorated" if (difference > 0) == higher_is_worse else "improved"


def _by_threshold(
    before: float, after: float, threshold: float, higher_is_worse: bool
) -> ReliableChange:
    if threshold <= 0:
        raise ValueError("a reliable-change threshold must be positive")
    difference = _tidy(after - before)
    direction = _direction(difference, abs(difference) >= threshold, higher_is_worse)
    rule = f"A change of {_points(threshold)} or more is reliable (the published threshold),"
    return ReliableChange(
        before=before, after=after, difference=difference, direction=direction,
        method="published_threshold", reliable_points=threshold, index=None,
        explanation=f"{_moved(before, after, difference)} {rule} {_VERDICT[direction]}",
    )  # fmt: skip


def _by_norms(before: float, after: float, norms: Norms, higher_is_worse: bool) -> ReliableChange:
    difference = _tidy(after - before)
    index = _tidy(difference / norms.s_diff)
    direction = _direction(difference, abs(index) > Z_RELIABLE, higher_is_worse)
    needed = _tidy(Z_RELIABLE * norms.s_diff)
    rule = (
        f"By the Jacobson–Truax method a change must be more than {_points(needed)} "
        f"to be reliable (an index beyond ±1.96); here the index is {index:.2f},"
    )
    return ReliableChange(
        before=before, after=after, difference=difference, direction=direction,
        method="jacobson_truax", reliable_points=needed, index=index,
        explanation=f"{_moved(before, after, difference)} {rule} {_VERDICT[direction]}",
    )  # fmt: skip


def reliable_change(
    *,
    before: float,
    after: float,
    threshold: float | None = None,
    norms: Norms | None = None,
    higher_is_worse: bool = True,
) -> ReliableChange:
    """Reliable change between two scores of one instrument (instruments.md, Change over time).

    A published raw threshold wins when given ("where an instrument publishes a
    raw reliable-change threshold, use it"): a change of at least the threshold
    is reliable. Otherwise the Jacobson–Truax index from `norms`:
    RC = (after − before) / S_diff, reliable when |RC| > 1.96.
    """
    if threshold is not None:
        return _by_threshold(before, after, threshold, higher_is_worse)
    if norms is not None:
        return _by_norms(before, after, norms, higher_is_worse)
    raise ValueError("reliable_change needs a published threshold or norms")


# ---------------------------------------------------------------- clinically significant


@dataclass(frozen=True, kw_only=True)
class Cutoffs:
    """Jacobson–Truax cut-offs on the instrument's raw scale.

    a: two clinical SDs from the clinical mean, toward health;
    b: two functional SDs from the functional mean, toward illness;
    c: the weighted midpoint, where a score is as likely functional as clinical.
    """

    a: float
    b: float
    c: float

    def pick(self, criterion: Criterion) -> float:
        return {"a": self.a, "b": self.b, "c": self.c}[criterion]


def cutoffs(norms: Norms, *, higher_is_worse: bool = True) -> Cutoffs:
    """Cut-offs a, b, c (instruments.md, Change over time); mirrored for higher = better.

    c does not depend on the direction: it is a weighted midpoint of the two means.
    """
    toward_health = -1 if higher_is_worse else 1
    a = norms.clinical_mean + toward_health * 2 * norms.clinical_sd
    b = norms.functional_mean - toward_health * 2 * norms.functional_sd
    weighted = norms.clinical_sd * norms.functional_mean + norms.functional_sd * norms.clinical_mean
    c = weighted / (norms.clinical_sd + norms.functional_sd)
    return Cutoffs(a=_tidy(a), b=_tidy(b), c=_tidy(c))


@dataclass(frozen=True, kw_only=True)
class ClinicalChange:
    """Reliable change read against a clinical cut-off."""

    change: ReliableChange
    cutoff: float
    criterion: Literal["published", "a", "b", "c"]
    started_clinical: bool
    ended_clinical: bool
    category: Category
    explanation: str


def _clinical(score: float, cutoff: float, higher_is_worse: bool) -> bool:
    # The cut-off score itself is clinical (PHQ-9 10 is caseness), mirrored for higher = better.
    return score >= cutoff if higher_is_worse else score <= cutoff


def _category(change: ReliableChange, ended_clinical: bool) -> Category:
    if change.direction == "deteriorated":
        return "deteriorated"
    if change.direction == "no_reliable_change":
        return "unchanged"
    return "improved" if ended_clinical else "recovered"


def _where(cutoff: float, ended_clinical: bool, higher_is_worse: bool) -> str:
    if ended_clinical:
        side = "at or above" if higher_is_worse else "at or below"
        return f"It ended {side} the cut-off of {_num(cutoff)}, in the clinical range."
    side = "below" if higher_is_worse else "above"
    return f"It ended {side} the cut-off of {_num(cutoff)}, in the healthy range."


def _pick_cutoff(
    cutoff: float | None, norms: Norms | None, criterion: Criterion, higher_is_worse: bool
) -> tuple[float, Literal["published", "a", "b", "c"]]:
    if cutoff is not None:
        return cutoff, "published"
    if norms is None:
        raise ValueError("clinically significant change needs a published cut-off or norms")
    return cutoffs(norms, higher_is_worse=higher_is_worse).pick(criterion), criterion


def clinically_significant_change(
    *,
    before: float,
    after: float,
    threshold: float | None = None,
    norms: Norms | None = None,
    cutoff: float | None = None,
    criterion: Criterion = "c",
    higher_is_worse: bool = True,
) -> ClinicalChange:
    """Clinically significant change (Jacobson & Truax; instruments.md, Change over time).

    Reliability as in `reliable_change` (published `threshold` first, else `norms`).
    The cut-off is the published `cutoff` when given (e.g. PHQ-9 10, GAD-7 8,
    CORE-10 11), else cut-off `criterion` from `norms` (c by default: the one
    Jacobson & Truax preferred when norms exist for both populations).

    Categories:
    - recovered: reliable improvement, ending on the functional side of the cut-off;
    - improved: reliable improvement, still on the clinical side;
    - unchanged: no reliable change, on either side;
    - deteriorated: reliable deterioration, on either side.
    As the reference states it, recovered does not require starting on the
    clinical side; `started_clinical` says whether the person did.
    """
    change = reliable_change(
        before=before, after=after, threshold=threshold, norms=norms,
        higher_is_worse=higher_is_worse,
    )  # fmt: skip
    line, source = _pick_cutoff(cutoff, norms, criterion, higher_is_worse)
    ended = _clinical(after, line, higher_is_worse)
    category = _category(change, ended)
    return ClinicalChange(
        change=change, cutoff=line, criterion=source,
        started_clinical=_clinical(before, line, higher_is_worse), ended_clinical=ended,
        category=category,
        explanation=f"{change.explanation} {_where(line, ended, higher_is_worse)} "
        f"Outcome: {category}.",
    )  # fmt: skip


# ---------------------------------------------------------------- NHS Talking Therapies


@dataclass(frozen=True, kw_only=True)
class PairedOutcome:
    """NHS Talking Therapies paired outcome for one course (PHQ-9 + GAD-7, first vs last)."""

    phq9_first: int
    gad7_first: int
    phq9_last: int
    gad7_last: int
    caseness_start: bool
    caseness_end: bool
    recovered: bool  # always False when not at caseness at the start (see `note`)
    reliable_improvement: bool
    reliable_deterioration: bool
    reliable_recovery: bool
    headline: Headline
    note: Literal["not_at_caseness"] | None  # recovery does not apply: leave out of its rate

    @property
    def phq9_change(self) -> int:
        return self.phq9_last - self.phq9_first

    @property
    def gad7_change(self) -> int:
        return self.gad7_last - self.gad7_first


def _caseness(phq9: int, gad7: int) -> bool:
    return phq9 >= PHQ9_CASENESS or gad7 >= GAD7_CASENESS


def _check_totals(phq9: int, gad7: int) -> None:
    # A total out of range is a scoring bug upstream; an outcome built on it would mislead.
    if not (0 <= phq9 <= PHQ9_MAX and 0 <= gad7 <= GAD7_MAX):
        raise ValueError(f"PHQ-9 must be 0-{PHQ9_MAX} and GAD-7 0-{GAD7_MAX}")


def _reliably(phq9_change: int, gad7_change: int) -> tuple[bool, bool]:
    """(reliable improvement, reliable deterioration) from the two changes (last − first)."""
    rose = phq9_change >= PHQ9_RELIABLE_CHANGE or gad7_change >= GAD7_RELIABLE_CHANGE
    fell = -phq9_change >= PHQ9_RELIABLE_CHANGE or -gad7_change >= GAD7_RELIABLE_CHANGE
    # "... and neither rises by its threshold": a rise on either cancels any fall.
    return fell and not rose, rose


def _headline(*, recovered: bool, improved: bool, deteriorated: bool) -> Headline:
    # Deterioration first: it must never hide behind a recovery in a summary.
    if deteriorated:
        return "reliable_deterioration"
    if recovered and improved:
        return "reliable_recovery"
    if improved:
        return "reliable_improvement"
    return "recovered" if recovered else "no_reliable_change"


def paired_outcome(
    *, phq9_first: int, gad7_first: int, phq9_last: int, gad7_last: int
) -> PairedOutcome:
    """NHS Talking Therapies paired outcome (instruments.md, Change over time).

    - caseness: PHQ-9 ≥ 10 or GAD-7 ≥ 8;
    - recovered (only for those at caseness at the start): not at caseness at
      the end (PHQ-9 < 10 and GAD-7 < 8); otherwise `note` is "not_at_caseness";
    - reliable improvement: PHQ-9 falls ≥ 6 or GAD-7 falls ≥ 4, and neither rises ≥ its threshold;
    - reliable deterioration: PHQ-9 rises ≥ 6 or GAD-7 rises ≥ 4. Where one
      improves and the other deteriorates, deterioration wins: this is the
      reference's convention (the safer reading); the official paired wording
      is unverified;
    - reliable recovery: recovered and reliable improvement.

    `headline` is one word for the course, the first that holds of:
    reliable_deterioration, reliable_recovery, reliable_improvement, recovered
    (caseness lost without a reliable change), no_reliable_change.
    """
    _check_totals(phq9_first, gad7_first)
    _check_totals(phq9_last, gad7_last)
    start, end = _caseness(phq9_first, gad7_first), _caseness(phq9_last, gad7_last)
    improved, deteriorated = _reliably(phq9_last - phq9_first, gad7_last - gad7_first)
    recovered = start and not end
    return PairedOutcome(
        phq9_first=phq9_first, gad7_first=gad7_first, phq9_last=phq9_last, gad7_last=gad7_last,
        caseness_start=start, caseness_end=end, recovered=recovered,
        reliable_improvement=improved, reliable_deterioration=deteriorated,
        reliable_recovery=recovered and improved,
        headline=_headline(recovered=recovered, improved=improved, deteriorated=deteriorated),
        note=None if start else "not_at_caseness",
    )  # fmt: skip


# ---------------------------------------------------------------- course of treatment


@dataclass(frozen=True, kw_only=True)
class CourseOutcome:
    """First and last score of one instrument over a course."""

    first_at: date
    first: float
    last_at: date
    last: float
    change: float  # last − first
    count: int  # scores in the course


def _check_order(series: Sequence[tuple[date, float]]) -> None:
    # A mis-sorted query would silently swap "first" and "last": refuse it.
    whens = (when for when, _ in series)
    if any(later < earlier for earlier, later in pairwise(whens)):
        raise ValueError("scores must be in time order, oldest first")


def course_outcome(scores: Sequence[tuple[date, float]]) -> CourseOutcome | None:
    """First, last and change of one instrument's (when, total) scores, oldest first.

    None with fewer than two scores: one score is a start, not a change.
    """
    _check_order(scores)
    if len(scores) < 2:
        return None
    (first_at, first), (last_at, last) = scores[0], scores[-1]
    return CourseOutcome(
        first_at=first_at, first=first, last_at=last_at, last=last,
        change=_tidy(last - first), count=len(scores),
    )  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class PairedCourse:
    """A course's NHS Talking Therapies outcome, or why there is none."""

    paired_days: int  # days with both a PHQ-9 and a GAD-7
    first_on: date | None
    last_on: date | None
    outcome: PairedOutcome | None
    reason: PairingReason | None  # set exactly when outcome is None


def _day(when: date) -> date:
    # A datetime counts on the calendar day it carries in its own timezone: the
    # caller converts to the client's zone first when that is the day that matters.
    return when.date() if isinstance(when, datetime) else when


def _by_day(series: Sequence[tuple[date, int]]) -> dict[date, int]:
    _check_order(series)
    # Later scores overwrite earlier ones: a same-day retake corrects the first try.
    return {_day(when): total for when, total in series}


def paired_course(
    *, phq9_series: Sequence[tuple[date, int]], gad7_series: Sequence[tuple[date, int]]
) -> PairedCourse:
    """NHS Talking Therapies outcome of a course from two (when, total) series, oldest first.

    Pairing rule (ours): scores pair by calendar day; the first pair is the
    earliest day with both a PHQ-9 and a GAD-7, the last pair the latest such
    day; on a day with several scores of one instrument the last one counts.
    With fewer than two paired days there is no outcome, and `reason` says why.
    """
    phq9, gad7 = _by_day(phq9_series), _by_day(gad7_series)
    days = sorted(phq9.keys() & gad7.keys())
    if len(days) < 2:
        reason: PairingReason = "one_paired_day" if days else "no_paired_day"
        only = days[0] if days else None
        return PairedCourse(
            paired_days=len(days), first_on=only, last_on=only, outcome=None, reason=reason
        )
    first, last = days[0], days[-1]
    outcome = paired_outcome(
        phq9_first=phq9[first], gad7_first=gad7[first], phq9_last=phq9[last], gad7_last=gad7[last]
    )
    return PairedCourse(
        paired_days=len(days), first_on=first, last_on=last, outcome=outcome, reason=None
    )
