"""When a questionnaire is due, and when it is overdue.

Pure: an assignment repeats every N days from its start (or happens once). Only
the current round counts: a round the client missed is not stacked on top of
the next one, because asking for two PHQ-9s in a row would measure nothing new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, kw_only=True)
class Schedule:
    starts_at: datetime
    every_days: int | None  # None: once
    ended_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class Due:
    """The round waiting for an answer: since when, and whether it is late."""

    since: datetime
    overdue: bool
    days_waiting: int


def current_round(schedule: Schedule, *, now: datetime) -> datetime | None:
    """The start of the round ``now`` falls in, or None before the first."""
    if now < schedule.starts_at:
        return None
    if schedule.every_days is None:
        return schedule.starts_at
    period = timedelta(days=schedule.every_days)
    return schedule.starts_at + period * ((now - schedule.starts_at) // period)


def next_round(schedule: Schedule, *, now: datetime) -> datetime | None:
    """When the next round opens (None for a one-off that has started)."""
    if now < schedule.starts_at:
        return schedule.starts_at
    if schedule.every_days is None:
        return None
    current = current_round(schedule, now=now)
    assert current is not None
    return current + timedelta(days=schedule.every_days)


def grace(schedule: Schedule, *, overdue_after: timedelta) -> timedelta:
    """How long a round may wait before it is late; never longer than the round."""
    if schedule.every_days is None:
        return overdue_after
    return min(overdue_after, timedelta(days=schedule.every_days))


def due(
    schedule: Schedule,
    *,
    completed: Sequence[datetime],
    now: datetime,
    overdue_after: timedelta,
) -> Due | None:
    """The round still waiting for an answer, or None if nothing is owed.

    A one-off is answered by any completion; a repeating round by a completion
    on or after the round opened. It is overdue once it has waited the grace
    period, or when the round before it went unanswered too.
    """
    if schedule.ended_at is not None and schedule.ended_at <= now:
        return None
    since = current_round(schedule, now=now)
    if since is None or any(at >= since for at in completed):
        return None
    if schedule.every_days is None and completed:
        return None
    waiting = now - since
    late = waiting >= grace(schedule, overdue_after=overdue_after)
    return Due(
        since=since,
        overdue=late or _missed_previous(schedule, since=since, completed=completed),
        days_waiting=waiting.days,
    )


def _missed_previous(schedule: Schedule, *, since: datetime, completed: Sequence[datetime]) -> bool:
    # A daily round can never outlast the grace period, so a short schedule is
    # late once a whole round has gone by unanswered.
    if schedule.every_days is None:
        return False
    previous = since - timedelta(days=schedule.every_days)
    if previous < schedule.starts_at:
        return False
    return not any(previous <= at < since for at in completed)
