"""The rules of a progress report: the period asked for, what a share request
must say, and how a share moves (pending → approved or declined; approved →
withdrawn).

Pure: values in, values out. Time comes in as ``today`` or ``now``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

DEFAULT_DAYS = 90  # the last 90 days, today included
MAX_DAYS = 731  # two years: longer reports are hard to read and slow to draw
PURPOSE_MAX = 500
RECIPIENT_MAX = 120

# The report's sections, in the order they are shown.
MEASURES, COPING, GOALS_HOMEWORK, HEALING = "measures", "coping", "goals_homework", "healing"
SECTIONS: tuple[str, ...] = (MEASURES, COPING, GOALS_HOMEWORK, HEALING)
SECTION_WORDS = {
    MEASURES: "Questionnaires and scores",
    COPING: "Coping: jar balance and what works",
    GOALS_HOMEWORK: "Goals and homework",
    HEALING: "Healing journey",
}


class ReportError(Exception):
    """Refused input or a step not possible now, with the field at fault."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


# ---------------------------------------------------------------- the period


@dataclass(frozen=True)
class Period:
    """Whole days where the organisation is, both ends included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """[since, until) in UTC: midnight at the start of the first day to
        midnight at the end of the last, on the organisation's clock."""
        since = datetime.combine(self.start, time(0), tzinfo=zone)
        until = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=zone)
        return since.astimezone(UTC), until.astimezone(UTC)


def default_period(today: date) -> Period:
    return Period(today - timedelta(days=DEFAULT_DAYS - 1), today)


def _date(text: str, field: str) -> date:
    cleaned = text.strip()
    # Only YYYY-MM-DD: fromisoformat also reads "20260301" and week dates.
    if len(cleaned) != 10 or cleaned[4] != "-" or cleaned[7] != "-":
        raise ReportError(422, field, "Give the date as YYYY-MM-DD.")
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise ReportError(422, field, "This is not a real date.") from None


def parse_period(start: str | None, end: str | None, *, today: date) -> Period:
    """The period from the form or query (``from``, ``to``); either may be left
    out: ``to`` is then today, ``from`` the 90 days up to ``to``."""
    last = _date(end, "to") if end and end.strip() else today
    if last > today:
        raise ReportError(422, "to", "The period cannot end after today.")
    first = _date(start, "from") if start and start.strip() else None
    if first is None:
        first = last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise ReportError(422, "from", "The start must be on or before the end.")
    if (last - first).days + 1 > MAX_DAYS:
        raise ReportError(422, "from", "A report covers at most two years: choose a later start.")
    return Period(first, last)


# ---------------------------------------------------------------- a share request


def _one_line(text: str) -> bool:
    return not any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def clean_purpose(purpose: str | None) -> str:
    cleaned = (purpose or "").strip()
    if not cleaned:
        raise ReportError(422, "purpose", "Say what the report is for.")
    if len(cleaned) > PURPOSE_MAX:
        raise ReportError(422, "purpose", f"Keep the purpose to {PURPOSE_MAX} characters.")
    return cleaned


def clean_recipient_name(name: str | None) -> str:
    cleaned = (name or "").strip()
    if not cleaned:
        raise ReportError(422, "recipient_name", "Name the person or service outside the practice.")
    if len(cleaned) > RECIPIENT_MAX:
        raise ReportError(422, "recipient_name", f"Keep the name to {RECIPIENT_MAX} characters.")
    if not _one_line(cleaned):
        raise ReportError(422, "recipient_name", "The name is one line of text.")
    return cleaned


def clean_sections(chosen: Iterable[str]) -> tuple[str, ...]:
    """The sections asked for, in report order; at least one, all known."""
    wanted = set(chosen)
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise ReportError(422, "sections", "Choose from: " + ", ".join(SECTIONS) + ".")
    if not wanted:
        raise ReportError(422, "sections", "Choose at least one part of the report to share.")
    return tuple(s for s in SECTIONS if s in wanted)


# ---------------------------------------------------------------- how a share moves


class ShareStatus(StrEnum):
    PENDING = "pending"  # waiting for the client: nothing is shared
    APPROVED = "approved"  # the client said yes: the frozen copy is shared
    DECLINED = "declined"  # the client said no: nothing was ever shared
    WITHDRAWN = "withdrawn"  # the client took their yes back: shared no more


STATUS_WORDS = {
    ShareStatus.PENDING: "Waiting for the client",
    ShareStatus.APPROVED: "Shared",
    ShareStatus.DECLINED: "Declined",
    ShareStatus.WITHDRAWN: "Withdrawn",
}


class Step(StrEnum):
    DO = "do"  # make the change
    ALREADY = "already"  # it is already so: answer as if done, write nothing


def approve(status: ShareStatus, *, seen: str | None, current: str) -> Step:
    """The client's yes. A repeated yes (a double click, a retried request) is
    idempotent: the copy frozen by the first yes stands. A yes to a report
    that changed since the client looked at it (``seen`` is the fingerprint of
    the copy they saw) is refused, 409, so nothing is shared unseen."""
    if status is ShareStatus.APPROVED:
        return Step.ALREADY
    if status is not ShareStatus.PENDING:
        raise ReportError(
            409,
            "status",
            "This request was "
            + ("declined" if status is ShareStatus.DECLINED else "withdrawn")
            + ". To share the report now, ask your therapist to ask again.",
        )
    if not seen or seen != current:
        raise ReportError(
            409,
            "fingerprint",
            "The report changed since you looked at it. Please read it again before you say yes.",
        )
    return Step.DO


def decline(status: ShareStatus) -> Step:
    if status is ShareStatus.DECLINED:
        return Step.ALREADY
    if status is not ShareStatus.PENDING:
        raise ReportError(
            409,
            "status",
            "You already said yes to this. To stop sharing it, withdraw it."
            if status is ShareStatus.APPROVED
            else "You withdrew this share; nothing more is needed.",
        )
    return Step.DO


def withdraw(status: ShareStatus) -> Step:
    if status is ShareStatus.WITHDRAWN:
        return Step.ALREADY
    if status is not ShareStatus.APPROVED:
        raise ReportError(
            409,
            "status",
            "Nothing was shared yet: say no to the request instead."
            if status is ShareStatus.PENDING
            else "You declined this request, so nothing was shared.",
        )
    return Step.DO


def shared_now(status: ShareStatus) -> bool:
    """Whether the recipient may open the copy now (a withdrawal applies on
    the next request)."""
    return status is ShareStatus.APPROVED
