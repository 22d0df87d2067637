"""What a caseload row says, how rows are filtered and in what order they come.

Pure: the loader hands in plain values; nothing here reads the database or the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

# A client who has logged nothing for this long may need a gentle check-in.
QUIET_AFTER = timedelta(days=14)


class Show(StrEnum):
    ALL = "all"
    ATTENTION = "attention"  # an alert, something overdue or an unread message
    ALERTS = "alerts"
    OVERDUE = "overdue"
    QUIET = "quiet"


class Sort(StrEnum):
    ATTENTION = "attention"
    NAME = "name"
    DUE = "due"
    ACTIVITY = "activity"


@dataclass(frozen=True)
class AlertMark:
    id: str
    status: str  # open or acknowledged
    severity: str
    opened_at: datetime
    escalated: bool


@dataclass(frozen=True)
class DueThing:
    """The next thing due of one kind; ``late`` counts how many of that kind
    are overdue (the soonest may stand for several)."""

    kind: str  # homework or questionnaire
    what: str
    due_at: datetime
    overdue: bool
    link: str
    late: int = 0


@dataclass(frozen=True)
class GoalMarks:
    active: int
    proposed: int
    latest_progress: int | None
    latest_at: datetime | None


@dataclass(frozen=True)
class Row:
    """One client as the practitioner sees them. ``None`` means not shared
    with this practitioner, which the page says rather than showing a blank."""

    client_id: str
    name: str
    role: str
    since: datetime
    alerts: tuple[AlertMark, ...] = ()
    due: tuple[DueThing, ...] = ()
    last_activity: datetime | None = None
    activity_shared: bool = False
    goals: GoalMarks | None = None
    unread: int = 0
    last_message_at: datetime | None = None
    signals: tuple[Any, ...] = field(default=())
    shown: tuple[str, ...] = ()  # the shared categories this row shows, for the audit
    # For the treating therapist only, from the coping insights (a prompt, not an alert).
    discuss: str | None = None

    @property
    def waiting_alert_since(self) -> datetime | None:
        waiting = [a.opened_at for a in self.alerts if a.status == "open"]
        return min(waiting) if waiting else None

    @property
    def overdue(self) -> int:
        return sum(max(d.late, int(d.overdue)) for d in self.due)

    @property
    def next_due(self) -> DueThing | None:
        return min(self.due, key=lambda d: d.due_at, default=None)


def is_quiet(row: Row, *, now: datetime) -> bool:
    if not row.activity_shared:
        return False
    return row.last_activity is None or now - row.last_activity >= QUIET_AFTER


def needs_attention(row: Row) -> bool:
    return bool(row.alerts) or row.overdue > 0 or row.unread > 0


def keep(row: Row, *, show: Show, now: datetime, search: str = "") -> bool:
    if search and search.casefold() not in row.name.casefold():
        return False
    match show:
        case Show.ALL:
            return True
        case Show.ATTENTION:
            return needs_attention(row)
        case Show.ALERTS:
            return bool(row.alerts)
        case Show.OVERDUE:
            return row.overdue > 0
        case Show.QUIET:
            return is_quiet(row, now=now)


def _by_attention(row: Row) -> tuple[int, str, int, str]:
    # Safety first (clinical-model §5): open alerts, longest waiting first;
    # then acknowledged ones; then overdue work and unread messages.
    waiting = row.waiting_alert_since
    if waiting is not None:
        return 0, waiting.isoformat(), 0, ""
    if row.alerts:
        return 1, min(a.opened_at for a in row.alerts).isoformat(), 0, ""
    if row.overdue or row.unread:
        return 2, "", -(row.overdue + row.unread), row.name.casefold()
    return 3, "", 0, row.name.casefold()


_FAR = "9999"  # sorts after every ISO timestamp


def _sort_key(sort: Sort) -> Callable[[Row], Any]:
    match sort:
        case Sort.ATTENTION:
            return _by_attention
        case Sort.NAME:
            return lambda r: r.name.casefold()
        case Sort.DUE:
            return lambda r: (r.next_due.due_at.isoformat() if r.next_due else _FAR, r.name)
        case Sort.ACTIVITY:
            # Quietest first: the clients who may need a check-in. Not knowing
            # is not quiet, so clients who do not share their coping come last.
            return lambda r: (
                not r.activity_shared,
                r.last_activity.isoformat() if r.last_activity else "",
                r.name.casefold(),
            )


def arrange(
    rows: Sequence[Row], *, show: Show, sort: Sort, now: datetime, search: str = ""
) -> list[Row]:
    kept = [r for r in rows if keep(r, show=show, now=now, search=search.strip())]
    return sorted(kept, key=_sort_key(sort))
