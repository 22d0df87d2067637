"""The rules of a goal, as values in and values out (clinical-model §6).

A goal is the client's. A coach or therapist may suggest one; it stays a
suggestion (``proposed``) until the client says yes, and only the client says
yes or "not now". After that the client decides how it stands: working on it,
resting for now, reached, or let go — and any of those can be picked up again.

No database, web framework or clock here: time comes in as ``today``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Status(StrEnum):
    PROPOSED = "proposed"  # a suggestion from the care team: not the client's goal yet
    DECLINED = "declined"  # the client said "not now" to a suggestion
    ACTIVE = "active"
    PAUSED = "paused"
    ACHIEVED = "achieved"
    LET_GO = "let_go"


# The client's own goals: everything they said yes to. Suggestions are not among them.
ACCEPTED: frozenset[Status] = frozenset(
    {Status.ACTIVE, Status.PAUSED, Status.ACHIEVED, Status.LET_GO}
)
SUGGESTIONS: frozenset[Status] = frozenset({Status.PROPOSED, Status.DECLINED})

# Accepting and saying "not now" answer a suggestion; "not now" is not a
# final no, so a declined suggestion can still be taken on later.
ACCEPT_FROM: frozenset[Status] = frozenset({Status.PROPOSED, Status.DECLINED})
DECLINE_FROM: frozenset[Status] = frozenset({Status.PROPOSED})

# How an accepted goal may move, by the client (the status buttons).
MOVES: dict[Status, frozenset[Status]] = {
    Status.ACTIVE: frozenset({Status.PAUSED, Status.ACHIEVED, Status.LET_GO}),
    Status.PAUSED: frozenset({Status.ACTIVE, Status.ACHIEVED, Status.LET_GO}),
    Status.ACHIEVED: frozenset({Status.ACTIVE}),
    Status.LET_GO: frozenset({Status.ACTIVE}),
}

# What can be done to a goal in each state.
EDITABLE: frozenset[Status] = frozenset({Status.PROPOSED, Status.ACTIVE, Status.PAUSED})
STEPS_OPEN: frozenset[Status] = EDITABLE
CHECK_IN_OPEN: frozenset[Status] = frozenset({Status.ACTIVE, Status.PAUSED})

# Limits on what is written (characters, after trimming).
TITLE_MAX = 120
SMART_MAX = 500
STEP_MAX = 200
STEPS_MAX = 30
NOTE_MAX = 2000
PROGRESS_MIN, PROGRESS_MAX = 0, 10
# A target date further away than this is almost surely a typing slip.
TARGET_MAX_AHEAD = timedelta(days=5 * 366)

SMART_FIELDS = ("specific", "measurable", "achievable", "relevant")

# Status words for people (the stored values stay as they are).
STATUS_WORDS: dict[Status, str] = {
    Status.PROPOSED: "Suggestion",
    Status.DECLINED: "Not now",
    Status.ACTIVE: "Working on it",
    Status.PAUSED: "Resting for now",
    Status.ACHIEVED: "Reached",
    Status.LET_GO: "Let go",
}

# The words on each status button, by where it leads.
MOVE_WORDS: dict[Status, str] = {
    Status.PAUSED: "Rest it for now",
    Status.ACHIEVED: "I reached it",
    Status.LET_GO: "Let it go",
    Status.ACTIVE: "Pick it up again",
}


class RuleError(ValueError):
    """Input or a step that cannot be taken, with the field at fault.

    ``status`` is 422 for input that needs another look and 409 when the goal's
    state does not allow the step (it changed, or it is finished)."""

    def __init__(self, field: str, message: str, *, status: int = 422) -> None:
        super().__init__(message)
        self.field, self.message, self.status = field, message, status


@dataclass(frozen=True)
class GoalText:
    """The SMART parts of a goal, trimmed; empty optional parts are None."""

    title: str
    specific: str | None = None
    measurable: str | None = None
    achievable: str | None = None
    relevant: str | None = None
    target_date: date | None = None


def clean_title(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise RuleError("title", "Please give your goal a name, in a few words.")
    if len(text) > TITLE_MAX:
        raise RuleError(
            "title", f"Please keep the name to {TITLE_MAX} characters; this one is {len(text)}."
        )
    return text


def clean_part(field: str, value: str | None) -> str | None:
    """One optional SMART part: trimmed, None when empty, refused when too long."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if len(text) > SMART_MAX:
        raise RuleError(
            field, f"Please keep this to {SMART_MAX} characters; it is {len(text)} now."
        )
    return text


def check_target_date(value: date | None, *, today: date) -> date | None:
    """A new target date may be today or later, up to five years ahead."""
    if value is None:
        return None
    if value < today:
        raise RuleError("target_date", "Please choose today or a day still to come.")
    if value > today + TARGET_MAX_AHEAD:
        raise RuleError("target_date", "Please choose a date within the next five years.")
    return value


def clean_text(
    *,
    title: str,
    specific: str | None = None,
    measurable: str | None = None,
    achievable: str | None = None,
    relevant: str | None = None,
    target_date: date | None = None,
    today: date,
) -> GoalText:
    """Check a new goal's words and date; the first part at fault is named."""
    return GoalText(
        title=clean_title(title),
        specific=clean_part("specific", specific),
        measurable=clean_part("measurable", measurable),
        achievable=clean_part("achievable", achievable),
        relevant=clean_part("relevant", relevant),
        target_date=check_target_date(target_date, today=today),
    )


def apply_changes(current: GoalText, changes: dict[str, object], *, today: date) -> GoalText:
    """The goal's text after an edit of some parts. A target date that is
    left as it was stays, even once it has passed (no goal is refused for
    running late); a new one is checked like a new goal's."""
    values: dict[str, object] = {
        "title": current.title,
        **{name: getattr(current, name) for name in SMART_FIELDS},
        "target_date": current.target_date,
    }
    unknown = set(changes) - set(values)
    if unknown:
        name = sorted(unknown)[0]
        raise RuleError(name, "This is not part of a goal.")
    if "title" in changes:
        title = changes["title"]
        if not isinstance(title, str):
            raise RuleError("title", "Please give your goal a name, in a few words.")
        values["title"] = clean_title(title)
    for name in SMART_FIELDS:
        if name in changes:
            part = changes[name]
            if part is not None and not isinstance(part, str):
                raise RuleError(name, "Please write this in words.")
            values[name] = clean_part(name, part)
    if "target_date" in changes:
        new = changes["target_date"]
        if new is not None and not isinstance(new, date):
            raise RuleError("target_date", "Please choose a date.")
        if new != current.target_date:
            values["target_date"] = check_target_date(new, today=today)
    return GoalText(**values)  # type: ignore[arg-type]


def check_version(sent: int, current: int) -> None:
    if sent != current:
        raise RuleError(
            "version",
            "This goal was changed while you had it open. Here is the newest version; "
            "please look it over and try again.",
            status=409,
        )


def status_of(value: str) -> Status:
    try:
        return Status(value)
    except ValueError:
        raise RuleError("status", "Choose one of: active, paused, achieved, let_go.") from None


def accept(current: Status) -> Status:
    if current not in ACCEPT_FROM:
        raise RuleError("status", "This is already one of your goals.", status=409)
    return Status.ACTIVE


def decline(current: Status) -> Status:
    if current is Status.DECLINED:
        raise RuleError("status", "You already said not now to this suggestion.", status=409)
    if current not in DECLINE_FROM:
        raise RuleError("status", "This is already one of your goals.", status=409)
    return Status.DECLINED


def move(current: Status, to: Status) -> Status:
    """An accepted goal's next state, if that move is allowed."""
    if current in SUGGESTIONS:
        raise RuleError(
            "status", "This is a suggestion: accept it first to make it your goal.", status=409
        )
    if to not in MOVES[current]:
        if to is current:
            raise RuleError("status", f"This goal is already “{STATUS_WORDS[to]}”.", status=409)
        raise RuleError(
            "status",
            f"A goal that is “{STATUS_WORDS[current]}” can move to: "
            + ", ".join(sorted(STATUS_WORDS[s] for s in MOVES[current]))
            + ".",
            status=409,
        )
    return to


def moves_from(current: Status) -> list[Status]:
    """The status buttons to show, in a steady order."""
    order = (Status.ACTIVE, Status.ACHIEVED, Status.PAUSED, Status.LET_GO)
    allowed = MOVES.get(current, frozenset())
    return [s for s in order if s in allowed]


def may_shape(status: Status, what: str, *, is_client: bool, is_author: bool) -> bool:
    """Who may reword a goal (``what="text"``) or change its steps (``"steps"``),
    among those the policy already lets write the client's goals.

    A suggestion is shaped by its author and the client until the client
    answers. An accepted goal's words are the client's alone; anyone on the
    care team the client shares goals with may add and tick steps."""
    if status in SUGGESTIONS:
        return is_client or is_author
    if what == "text":
        return is_client
    return True


def check_editable(current: Status) -> None:
    if current not in EDITABLE:
        raise RuleError(
            "status",
            "Pick this goal up again before changing it."
            if current in ACCEPTED
            else "This suggestion was set aside; accept it first to change it.",
            status=409,
        )


def clean_step(text: str, *, steps_so_far: int, status: Status) -> str:
    if status not in STEPS_OPEN:
        raise RuleError("status", "Pick this goal up again before adding steps.", status=409)
    step = " ".join(text.split())
    if not step:
        raise RuleError("text", "Please write the step in a few words.")
    if len(step) > STEP_MAX:
        raise RuleError(
            "text", f"Please keep a step to {STEP_MAX} characters; this is {len(step)}."
        )
    if steps_so_far >= STEPS_MAX:
        raise RuleError("text", f"A goal can have up to {STEPS_MAX} steps.")
    return step


def check_in(progress: int, note: str | None, *, status: Status) -> tuple[int, str | None]:
    """A check-in: how it is going from 0 to 10, and an optional note."""
    if status not in CHECK_IN_OPEN:
        raise RuleError(
            "status",
            "Check-ins are for goals you are working on."
            if status in ACCEPTED
            else "This is a suggestion: it can be checked in on once it is accepted.",
            status=409,
        )
    if isinstance(progress, bool) or not PROGRESS_MIN <= progress <= PROGRESS_MAX:
        raise RuleError("progress", "Choose a number from 0 to 10.")
    text = (note or "").strip()
    if len(text) > NOTE_MAX:
        raise RuleError("note", f"Please keep the note to {NOTE_MAX:,} characters.")
    return progress, text or None


@dataclass(frozen=True)
class Counts:
    """A client's goals at a glance. Suggestions are counted apart: they are
    not the client's goals until accepted."""

    active: int = 0
    paused: int = 0
    achieved: int = 0
    let_go: int = 0
    waiting: int = 0  # suggestions waiting for the client's answer

    @property
    def goals(self) -> int:
        return self.active + self.paused + self.achieved + self.let_go


def count(statuses: list[str]) -> Counts:
    found = {s: statuses.count(s) for s in set(statuses)}
    return Counts(
        active=found.get(Status.ACTIVE, 0),
        paused=found.get(Status.PAUSED, 0),
        achieved=found.get(Status.ACHIEVED, 0),
        let_go=found.get(Status.LET_GO, 0),
        waiting=found.get(Status.PROPOSED, 0),
    )
