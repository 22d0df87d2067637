"""Practice outcomes (issue 7, point 7): de-identified figures across clients.

Pure: values in, values out. The service loads each client's scores and jar
counts for the period; these rules turn them into counts, each with its
denominator, and hide every small cell before anything is shown.

- **NHS Talking Therapies paired outcome** per client, exactly as
  `mend.measures.change.paired_course` defines it (instruments.md, "Change over
  time"): the first and last day in the period with both a PHQ-9 and a GAD-7;
  with fewer than two such days there is no outcome. Caseness: PHQ-9 ≥ 10 or
  GAD-7 ≥ 8. Where one improves and the other deteriorates, deterioration wins.
- **Reliable change per instrument**: first and last score of the instrument in
  the period, on different days, through `mend.measures.change.reliable_change`
  with the instrument's published threshold (PHQ-9 6, GAD-7 4, ...) or its norms.
- **Jar balance trend**: per month, the share of coping moments that used only
  helpful strategies (moments with no strategy say nothing about the jar and
  are left out, as in `coping.analytics.jar_balance_by_week`); and, for each
  client with enough moments in two or more months, whether the share in their
  last month is above, below or equal to their first.
- **Small cells**: a count of fewer than SMALL_CELL clients is never shown
  (zero included, so a zero cannot be told from a one), nor a rate or share
  resting on one. This keeps any figure about a handful of people off the
  screen; it does not stop a determined reader from narrowing a hidden figure
  down by subtracting shown ones or comparing periods and therapists (no
  complementary suppression: it would hide the rates that matter most, such as
  deterioration, whenever some rare category is small). The view is for the
  practice's own clinicians and admins, not for publication.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, TypeVar

from mend.measures.change import (
    Direction,
    Headline,
    Norms,
    PairedCourse,
    paired_course,
    reliable_change,
)

SMALL_CELL = 5  # fewer clients than this in a cell: shown as "fewer than 5"
MAX_YEARS = 5  # the longest period one view covers
# A client's month counts toward their own trend only with this many moments:
# one moment makes a share of 0 % or 100 %, which says little about a month.
MONTH_MINIMUM = 3

HEADLINES: tuple[Headline, ...] = (
    "reliable_recovery",
    "reliable_improvement",
    "recovered",
    "no_reliable_change",
    "reliable_deterioration",
)
DIRECTIONS: tuple[Direction, ...] = ("improved", "no_reliable_change", "deteriorated")
Trend = Literal["toward_helpful", "no_change", "away_from_helpful"]
TRENDS: tuple[Trend, ...] = ("toward_helpful", "no_change", "away_from_helpful")

K = TypeVar("K", bound=Hashable)
When = date | datetime
Scores = Sequence[tuple[When, float]]  # (when, total), oldest first


# ---------------------------------------------------------------- small cells


@dataclass(frozen=True)
class Figure:
    """A count of clients as it may be shown: the number, or hidden when small."""

    value: int | None
    suppressed: bool

    @property
    def words(self) -> str:
        return f"fewer than {SMALL_CELL}" if self.suppressed else f"{self.value:,}"


def figure(count: int) -> Figure:
    """A count of fewer than SMALL_CELL clients (zero too, so a zero cannot be
    told from a one) is hidden."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    return Figure(None, True) if count < SMALL_CELL else Figure(count, False)


def hidden() -> Figure:
    return Figure(None, True)


def breakdown(counts: Mapping[K, int]) -> dict[K, Figure]:
    """Each cell of a table, small ones hidden."""
    return {key: figure(n) for key, n in counts.items()}


@dataclass(frozen=True)
class Rate:
    """numerator / denominator, with both shown or the share hidden."""

    numerator: Figure
    denominator: Figure

    @property
    def suppressed(self) -> bool:
        return self.numerator.suppressed or self.denominator.suppressed

    @property
    def percent(self) -> float | None:
        if self.suppressed or not self.denominator.value:
            return None
        return round(100 * (self.numerator.value or 0) / self.denominator.value, 1)


def rate(numerator: Figure, denominator: Figure) -> Rate:
    return Rate(numerator, denominator)


# ---------------------------------------------------------------- NHS Talking Therapies


@dataclass(frozen=True)
class PairedCounts:
    """Clients' NHS Talking Therapies paired outcomes, counted (nothing hidden yet)."""

    with_scores: int  # clients with any PHQ-9 or GAD-7 in the period
    paired: int  # with an outcome: two or more days with both
    one_paired_day: int
    no_paired_day: int
    at_caseness: int  # of the paired, at caseness at the start
    recovered: int  # of those at caseness
    reliable_recovery: int  # of those at caseness
    reliable_improvement: int  # of the paired
    reliable_deterioration: int  # of the paired
    headlines: Mapping[Headline, int]  # of the paired; adds up to `paired`


def client_course(*, phq9: Scores, gad7: Scores) -> PairedCourse:
    """One client's paired course in the period (their scores in it, oldest first)."""
    return paired_course(
        phq9_series=[(when, int(total)) for when, total in phq9],
        gad7_series=[(when, int(total)) for when, total in gad7],
    )


def count_paired(courses: Iterable[PairedCourse]) -> PairedCounts:
    """Count the courses of the clients who have any PHQ-9 or GAD-7 in the period."""
    with_scores = paired = one_day = no_day = caseness = 0
    recovered = r_recovery = improved = deteriorated = 0
    headlines: dict[Headline, int] = dict.fromkeys(HEADLINES, 0)
    for course in courses:
        with_scores += 1
        outcome = course.outcome
        if outcome is None:
            one_day += course.reason == "one_paired_day"
            no_day += course.reason == "no_paired_day"
            continue
        paired += 1
        headlines[outcome.headline] += 1
        caseness += outcome.caseness_start
        recovered += outcome.recovered
        r_recovery += outcome.reliable_recovery
        improved += outcome.reliable_improvement
        deteriorated += outcome.reliable_deterioration
    return PairedCounts(
        with_scores=with_scores, paired=paired, one_paired_day=one_day, no_paired_day=no_day,
        at_caseness=caseness, recovered=recovered, reliable_recovery=r_recovery,
        reliable_improvement=improved, reliable_deterioration=deteriorated, headlines=headlines,
    )  # fmt: skip


@dataclass(frozen=True)
class PairedView:
    """The paired outcomes as they may be shown."""

    paired: Figure  # courses with an outcome
    without_outcome: Figure  # clients with scores but fewer than two paired days
    at_caseness: Figure  # of the paired, at caseness at the start
    not_at_caseness: Figure
    headlines: Mapping[Headline, Figure]  # adds up to `paired`
    recovery: Rate  # recovered / at caseness at the start
    reliable_recovery: Rate  # reliable recovery / at caseness at the start
    reliable_improvement: Rate  # reliable improvement / paired courses
    reliable_deterioration: Rate  # reliable deterioration / paired courses


def show_paired(counts: PairedCounts) -> PairedView:
    paired, caseness = figure(counts.paired), figure(counts.at_caseness)
    return PairedView(
        paired=paired,
        without_outcome=figure(counts.one_paired_day + counts.no_paired_day),
        at_caseness=caseness,
        not_at_caseness=figure(counts.paired - counts.at_caseness),
        headlines=breakdown(counts.headlines),
        recovery=rate(figure(counts.recovered), caseness),
        reliable_recovery=rate(figure(counts.reliable_recovery), caseness),
        reliable_improvement=rate(figure(counts.reliable_improvement), paired),
        reliable_deterioration=rate(figure(counts.reliable_deterioration), paired),
    )


# ---------------------------------------------------------------- reliable change


@dataclass(frozen=True)
class ChangeRule:
    """How one instrument's change is judged: its published threshold, or norms."""

    threshold: float | None
    norms: Norms | None
    higher_is_worse: bool


def course_change(scores: Scores, rule: ChangeRule) -> Direction | None:
    """First against last score of one instrument in the period, or None when
    there are not two scores on different days (one score is a start, not a change)."""
    if len(scores) < 2:
        return None
    (first_at, first), (last_at, last) = scores[0], scores[-1]
    if last_at < first_at:
        raise ValueError("scores must be in time order, oldest first")
    if _day(first_at) == _day(last_at):
        return None
    moved = reliable_change(
        before=first, after=last, threshold=rule.threshold, norms=rule.norms,
        higher_is_worse=rule.higher_is_worse,
    )  # fmt: skip
    return moved.direction


def _day(when: When) -> date:
    return when.date() if isinstance(when, datetime) else when


@dataclass(frozen=True)
class ChangeView:
    """One instrument's courses in the period, by reliable change."""

    courses: Figure
    directions: Mapping[Direction, Figure]
    improved: Rate
    deteriorated: Rate


def count_changes(directions: Iterable[Direction | None]) -> dict[Direction, int]:
    counts: dict[Direction, int] = dict.fromkeys(DIRECTIONS, 0)
    for direction in directions:
        if direction is not None:
            counts[direction] += 1
    return counts


def show_changes(counts: Mapping[Direction, int]) -> ChangeView:
    courses = figure(sum(counts.values()))
    cells = breakdown(counts)
    return ChangeView(
        courses=courses,
        directions=cells,
        improved=rate(cells["improved"], courses),
        deteriorated=rate(cells["deteriorated"], courses),
    )


# ---------------------------------------------------------------- jar balance


@dataclass(frozen=True)
class JarMonth:
    """One client's coping moments in one month: those with a strategy, and
    those of them that used only helpful strategies."""

    client: Hashable
    month: date  # the first day of the month
    moments: int
    helpful_only: int

    def __post_init__(self) -> None:
        if not 0 <= self.helpful_only <= self.moments:
            raise ValueError("helpful-only moments must be between 0 and the moments")


@dataclass(frozen=True)
class MonthView:
    month: date
    clients: Figure
    moments: int | None  # hidden with the month when too few clients
    helpful_only: int | None
    share: Rate  # helpful-only moments / moments, shown only with enough clients

    @property
    def percent(self) -> float | None:
        return None if self.clients.suppressed else self.share.percent


@dataclass(frozen=True)
class JarView:
    months: list[MonthView]
    compared: Figure  # clients with MONTH_MINIMUM moments in two or more months
    trends: Mapping[Trend, Figure]
    toward_helpful: Rate  # moved toward helpful / compared


def trend(first: JarMonth, last: JarMonth) -> Trend:
    """Did the share of helpful-only moments rise from the first month to the last?"""
    # Cross-multiplied, so no rounding decides a tie: a/b vs c/d.
    before = first.helpful_only * last.moments
    after = last.helpful_only * first.moments
    if after > before:
        return "toward_helpful"
    return "away_from_helpful" if after < before else "no_change"


def jar_trend(rows: Iterable[JarMonth], months: Sequence[date]) -> JarView:
    """The month-by-month share across clients, and each client's own trend."""
    totals: dict[date, list[int]] = {m: [0, 0, 0] for m in months}
    by_client: dict[Hashable, list[JarMonth]] = defaultdict(list)
    for row in rows:
        if row.moments == 0:
            continue
        total = totals.setdefault(row.month, [0, 0, 0])
        total[0] += 1
        total[1] += row.moments
        total[2] += row.helpful_only
        if row.moments >= MONTH_MINIMUM:
            by_client[row.client].append(row)
    counts: dict[Trend, int] = dict.fromkeys(TRENDS, 0)
    for found in by_client.values():
        if len(found) >= 2:
            found.sort(key=lambda r: r.month)
            counts[trend(found[0], found[-1])] += 1
    compared = figure(sum(counts.values()))
    cells = breakdown(counts)
    return JarView(
        months=[_month(month, *totals[month]) for month in sorted(totals)],
        compared=compared,
        trends=cells,
        toward_helpful=rate(cells["toward_helpful"], compared),
    )


def _month(month: date, clients: int, moments: int, helpful: int) -> MonthView:
    shown = figure(clients)
    if shown.suppressed:
        return MonthView(month, shown, None, None, rate(hidden(), hidden()))
    # Moments, not clients: with enough clients in the month they are safe to show.
    share = Rate(Figure(helpful, False), Figure(moments, False))
    return MonthView(month, shown, moments, helpful, share)


def months_between(start: date, end: date) -> list[date]:
    """The first day of each calendar month from `start`'s to `end`'s, inclusive."""
    if end < start:
        raise ValueError("the period ends before it starts")
    found, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        found.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


# ---------------------------------------------------------------- the period asked for


@dataclass(frozen=True)
class Period:
    start: date  # first day, in the organisation's calendar
    end: date  # last day, inclusive


def _parse_day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def parse_period(
    raw_from: str | None, raw_to: str | None, *, today: date
) -> tuple[Period | None, dict[str, str]]:
    """The period from the filter's two dates (YYYY-MM-DD), or what is wrong,
    by field. Left empty: the twelve months up to today (or up to the end given)."""
    errors: dict[str, str] = {}
    end = today if not raw_to else _parse_day(raw_to.strip())
    if end is None:
        errors["to"] = "Enter a date as year-month-day, for example 2026-03-31."
    elif end > today:
        errors["to"] = "Choose a day up to today."
    start = None
    if raw_from:
        start = _parse_day(raw_from.strip())
        if start is None:
            errors["from"] = "Enter a date as year-month-day, for example 2025-04-01."
    elif end is not None:
        start = _years_before(end, 1) + timedelta(days=1)
    if errors or start is None or end is None:
        return None, errors
    if start > end:
        return None, {"to": "The end must be on or after the start."}
    if start <= _years_before(end, MAX_YEARS):
        return None, {"from": f"Choose a period of {MAX_YEARS} years or less."}
    return Period(start, end), {}
