"""Homework rules: what each kind needs, when it is due, how practice counts
itself, when to remind, and which changes are possible.

Pure: values in, values out. No database, web or clock; time is passed in as
``now``. The service loads rows and asks these rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

PRACTICE = "practice"
WORKSHEET = "worksheet"
REFLECTION = "reflection"
QUESTIONNAIRE = "questionnaire"
READING = "reading"
KINDS: tuple[str, ...] = (PRACTICE, WORKSHEET, REFLECTION, QUESTIONNAIRE, READING)

ASSIGNED, COMPLETED, CANCELLED = "assigned", "completed", "cancelled"
STATUSES: tuple[str, ...] = (ASSIGNED, COMPLETED, CANCELLED)

TITLE_MAX = 200
INSTRUCTIONS_MAX = 4000
REFLECTION_MAX = 4000
TARGET_MIN, TARGET_MAX = 1, 50
# Homework is between appointments: due within a year of being set.
LONGEST = timedelta(days=365)
# "Due soon": in-app notice and the one reminder email.
SOON = timedelta(hours=24)
# A date without a time means the end of that day, where the organisation is.
END_OF_DAY = time(23, 59)

KIND_WORDS: dict[str, str] = {
    PRACTICE: "Practice",
    WORKSHEET: "Worksheet",
    REFLECTION: "Reflection",
    QUESTIONNAIRE: "Questionnaire",
    READING: "Reading",
}
QUESTIONNAIRE_TITLE = "Answer a questionnaire"


class HomeworkError(Exception):
    """Refused input or a step not possible now, with the field at fault."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


# ---------------------------------------------------------------- what each kind needs


@dataclass(frozen=True, kw_only=True)
class Draft:
    """New homework as sent, before the database has been asked anything."""

    kind: str
    title: str | None = None
    instructions: str | None = None
    due_at: datetime
    jar_item_id: str | None = None
    target_count: int | None = None
    instrument_id: str | None = None


def _text(value: str | None) -> str | None:
    stripped = (value or "").strip()
    return stripped or None


def check_title(title: str | None, *, required: bool) -> str | None:
    text = _text(title)
    if text is None:
        if required:
            raise HomeworkError(422, "title", "Give the homework a short title.")
        return None
    if len(text) > TITLE_MAX:
        raise HomeworkError(422, "title", f"Keep the title under {TITLE_MAX} characters.")
    return text


def check_instructions(instructions: str | None) -> str | None:
    text = _text(instructions)
    if text is not None and len(text) > INSTRUCTIONS_MAX:
        raise HomeworkError(
            422, "instructions", f"Keep the instructions under {INSTRUCTIONS_MAX:,} characters."
        )
    return text


def check_target(target: int | None) -> int:
    if target is None:
        raise HomeworkError(422, "target_count", "Say how many times to practise.")
    if not TARGET_MIN <= target <= TARGET_MAX:
        raise HomeworkError(
            422, "target_count", f"Choose a number of times from {TARGET_MIN} to {TARGET_MAX}."
        )
    return target


def check_due(due_at: datetime, *, assigned_at: datetime, now: datetime) -> datetime:
    """Due after it is set and after now, and within a year of being set."""
    if due_at <= now or due_at <= assigned_at:
        raise HomeworkError(422, "due_at", "Choose a due date in the future.")
    if due_at > assigned_at + LONGEST:
        raise HomeworkError(422, "due_at", "Choose a due date within a year.")
    return due_at.astimezone(UTC)


def check_draft(draft: Draft, *, now: datetime) -> Draft:
    """The shape each kind needs; returns the draft with its text tidied.

    - practice: a strategy from the client's jar and how many times (1-50);
      a title is optional (one is written from the strategy's name);
    - questionnaire: an instrument; a title is optional;
    - worksheet, reflection, reading: a title; instructions are optional.
    A field that belongs to another kind is refused, so nothing is silently lost.
    """
    if draft.kind not in KINDS:
        raise HomeworkError(422, "kind", "Choose practice, worksheet, reflection, "
                                         "questionnaire or reading.")  # fmt: skip
    practice, questionnaire = draft.kind == PRACTICE, draft.kind == QUESTIONNAIRE
    if not practice:
        for name in ("jar_item_id", "target_count"):
            if getattr(draft, name) is not None:
                raise HomeworkError(422, name, "Only practice homework has a strategy and a count.")
    if not questionnaire and draft.instrument_id is not None:
        raise HomeworkError(
            422, "instrument_id", "Only questionnaire homework has a questionnaire."
        )
    if practice and not _text(draft.jar_item_id):
        raise HomeworkError(422, "jar_item_id", "Choose a strategy from the client's jar.")
    if questionnaire and not _text(draft.instrument_id):
        raise HomeworkError(422, "instrument_id", "Choose a questionnaire.")
    title = check_title(draft.title, required=not (practice or questionnaire))
    instructions = check_instructions(draft.instructions)
    target = check_target(draft.target_count) if practice else None
    due_at = check_due(draft.due_at, assigned_at=now, now=now)
    return Draft(
        kind=draft.kind,
        title=title,
        instructions=instructions,
        due_at=due_at,
        jar_item_id=draft.jar_item_id,
        target_count=target,
        instrument_id=draft.instrument_id,
    )


def practice_title(strategy_name: str, target: int) -> str:
    times = "once" if target == 1 else "twice" if target == 2 else f"{target} times"
    return f"Practise {strategy_name} {times}"[:TITLE_MAX]


def check_practice_strategy(*, helpfulness: str, retired: bool) -> None:
    """Practice is for a strategy in use that does not cause harm."""
    if retired:
        raise HomeworkError(
            422, "jar_item_id", "This strategy is retired from the jar. Choose one in use."
        )
    if helpfulness == "harmful":
        raise HomeworkError(
            422, "jar_item_id", "Practice is for helpful strategies; this one can cause harm."
        )


def check_reflection(reflection: str | None, *, required: bool) -> str | None:
    """The client's own words on how it went; required when the homework is a reflection."""
    text = _text(reflection)
    if text is not None and len(text) > REFLECTION_MAX:
        raise HomeworkError(
            422, "reflection", f"Keep the reflection under {REFLECTION_MAX:,} characters."
        )
    if text is None and required:
        raise HomeworkError(
            422, "reflection", "This homework is the reflection: write a few words."
        )
    return text


# ---------------------------------------------------------------- practice counts itself


@dataclass(frozen=True)
class Progress:
    done: int
    target: int
    reached_at: datetime | None  # when the moment that reached the target happened

    @property
    def complete(self) -> bool:
        return self.done >= self.target


def in_window(moment: datetime, *, assigned_at: datetime, due_at: datetime) -> bool:
    """A moment counts when it happened from the moment the homework was set
    up to and including its due time (both ends included)."""
    return assigned_at <= moment <= due_at


def practice_progress(
    moment_times: Iterable[datetime], assigned_at: datetime, due_at: datetime, target: int
) -> Progress:
    """How many logged moments used the strategy inside the window. ``done``
    is the real count (it may pass the target); ``reached_at`` is when the
    target-th one happened."""
    inside = sorted(t for t in moment_times if in_window(t, assigned_at=assigned_at, due_at=due_at))
    reached = inside[target - 1] if target >= 1 and len(inside) >= target else None
    return Progress(done=len(inside), target=target, reached_at=reached)


# ---------------------------------------------------------------- where it stands


@dataclass(frozen=True)
class Standing:
    status: str  # assigned, completed, cancelled: what the person sees
    completed_at: datetime | None
    on_its_own: bool  # complete because practice was counted or the questionnaire answered


def standing(
    *,
    stored: str,
    completed_at: datetime | None,
    progress: Progress | None = None,
    answered_at: datetime | None = None,
) -> Standing:
    """Practice is done when the count reaches the target, a questionnaire when
    it is answered: shown as complete when read, never stored by a read."""
    if stored in (CANCELLED, COMPLETED):
        return Standing(stored, completed_at, on_its_own=False)
    if progress is not None and progress.complete:
        return Standing(COMPLETED, progress.reached_at, on_its_own=True)
    if answered_at is not None:
        return Standing(COMPLETED, answered_at, on_its_own=True)
    return Standing(ASSIGNED, None, on_its_own=False)


def due_soon(now: datetime, due_at: datetime) -> bool:
    """Due within the next 24 hours (and not yet past)."""
    return now <= due_at <= now + SOON


def overdue(now: datetime, due_at: datetime) -> bool:
    return due_at < now


def timing(now: datetime, due_at: datetime, *, status: str) -> str | None:
    """'overdue', 'due_soon', 'later' for open homework; None once it is finished."""
    if status != ASSIGNED:
        return None
    if overdue(now, due_at):
        return "overdue"
    return "due_soon" if due_soon(now, due_at) else "later"


def should_remind(
    *, now: datetime, due_at: datetime, status: str, reminded_at: datetime | None
) -> bool:
    """One reminder email, when open homework comes within 24 hours of its date."""
    return status == ASSIGNED and reminded_at is None and due_soon(now, due_at)


# ---------------------------------------------------------------- changes


def check_complete(*, status: str, kind: str, done_on_its_own: bool) -> None:
    """Mark done. A cancelled piece cannot be; a finished one may still get a reflection.

    Practice finishes by being logged and a questionnaire by being answered:
    marking either done by hand before that is refused (the count stays true).
    """
    if status == CANCELLED:
        raise HomeworkError(409, "status", "This homework was cancelled, so it cannot be done.")
    if status == COMPLETED or done_on_its_own:
        return
    if kind == PRACTICE:
        raise HomeworkError(
            409,
            "status",
            "Practice ticks itself off as you log moments using the strategy. "
            "Log a moment when you practise.",
        )
    if kind == QUESTIONNAIRE:
        raise HomeworkError(
            409, "status", "This is done once you answer the questionnaire. Answer it first."
        )


def check_open(status: str, *, action: str) -> None:
    """Editing and cancelling are for homework that is still open."""
    if status == COMPLETED:
        raise HomeworkError(409, "status", f"This homework is done, so it cannot be {action}.")
    if status == CANCELLED:
        raise HomeworkError(
            409, "status", f"This homework was cancelled, so it cannot be {action}."
        )


def check_version(*, sent: int | None, current: int) -> None:
    if sent is not None and sent != current:
        raise HomeworkError(
            409, "version", "Someone changed this homework since you opened it. Please look again."
        )


def may_change(*, me: str, assigned_by: str, assigner_on_team: bool, is_client: bool) -> bool:
    """The person who set it changes it; if they have left the care team,
    anyone on the team with write access may. The client never does."""
    if is_client:
        return False
    return me == assigned_by or not assigner_on_team


# ---------------------------------------------------------------- plain words for dates


def end_of_day(day: date, zone: tzinfo) -> datetime:
    """A due date given as a day: 23:59 that day where the organisation is, in UTC."""
    return datetime.combine(day, END_OF_DAY, tzinfo=zone).astimezone(UTC)


def _day_words(day: date, today: date) -> str:
    if day.year != today.year:
        return f"{day:%A} {day.day} {day:%B %Y}"
    return f"{day:%A} {day.day} {day:%B}"


def due_words(due_at: datetime, *, now: datetime, zone: tzinfo, status: str = ASSIGNED) -> str:
    """'due today', 'due tomorrow', 'due on Friday 6 March', 'was due yesterday'…"""
    local, today = due_at.astimezone(zone), now.astimezone(zone).date()
    at = "" if local.time().replace(second=0, microsecond=0) == END_OF_DAY else f" at {local:%H:%M}"
    days = (local.date() - today).days
    if status == ASSIGNED and overdue(now, due_at):
        if days == 0:
            return f"was due earlier today{at}"
        if days == -1:
            return f"was due yesterday{at}"
        return f"was due on {_day_words(local.date(), today)}"
    if days == 0:
        return f"due today{at}"
    if days == 1:
        return f"due tomorrow{at}"
    if 1 < days < 7:
        return f"due on {local:%A}{at}"
    return f"due on {_day_words(local.date(), today)}"


def on_day(moment: datetime, *, now: datetime, zone: tzinfo) -> str:
    """'today', 'yesterday', 'on Tuesday 3 March': when something happened."""
    local, today = moment.astimezone(zone).date(), now.astimezone(zone).date()
    days = (today - local).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"on {_day_words(local, today)}"
