"""Pure rules for messages and consultation: what a message may hold, who is
in a thread, what counts as unread, in which order threads are listed, and
who a therapist or coach can consult with. Values in, values out: no
database, no web, no clock (time comes in as ``now``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

MAX_CHARS = 5_000
CLIENT, MEMBER = "client", "member"
CONSULTING_ROLES = ("therapist", "coach")


class ThreadError(Exception):
    """Refused input or a step not possible now, with the field at fault."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


def check_body(body: str, *, max_chars: int = MAX_CHARS, what: str = "message") -> str:
    """The words to keep: trimmed, not empty, not too long, no NUL character."""
    text = body.strip()
    if not text:
        raise ThreadError(422, "body", f"Write something first: the {what} is empty.")
    if "\x00" in text:
        raise ThreadError(422, "body", f"The {what} contains a character that is not allowed.")
    if len(text) > max_chars:
        raise ThreadError(
            422,
            "body",
            f"A {what} can be up to {max_chars:,} characters; this one is {len(text):,}.",
        )
    return text


@dataclass(frozen=True)
class Thread:
    """A conversation between one client and one member of their care team."""

    client_id: str
    member_id: str

    def has(self, person_id: str) -> bool:
        return person_id in (self.client_id, self.member_id)

    def other(self, person_id: str) -> str:
        """The other person in the thread."""
        if person_id == self.client_id:
            return self.member_id
        if person_id == self.member_id:
            return self.client_id
        raise ValueError("not in this thread")

    def side(self, sender_id: str) -> str:
        """``client`` or ``member``: who wrote a message."""
        if sender_id == self.client_id:
            return CLIENT
        if sender_id == self.member_id:
            return MEMBER
        raise ValueError("not in this thread")


def is_retry(*, same_thread: bool, kept_body: str, new_body: str) -> bool:
    """A request sent again with the same idempotency key: the same words to the
    same person is the same message; anything else is a conflict."""
    return same_thread and kept_body == new_body


@dataclass(frozen=True)
class Sent:
    """Just enough of a message to count: who sent it, when, and whether read."""

    sender_id: str
    sent_at: datetime
    read_at: datetime | None


def unread(messages: Iterable[Sent], *, reader_id: str) -> int:
    """Messages the reader has not opened yet: written by the other person."""
    return sum(1 for m in messages if m.sender_id != reader_id and m.read_at is None)


@dataclass(frozen=True)
class Summary:
    """One thread in a list: who it is with, how many are unread, and the newest."""

    with_id: str
    name: str
    unread: int
    last_at: datetime | None


def thread_order(summaries: Sequence[Summary]) -> list[Summary]:
    """Threads with unread messages first, then the most recent, then by name;
    threads with no messages yet come last."""

    def key(s: Summary) -> tuple[int, float, str]:
        newest = -s.last_at.timestamp() if s.last_at else 0.0
        return (0 if s.unread else 1 if s.last_at else 2, newest, s.name.casefold())

    return sorted(summaries, key=key)


@dataclass(frozen=True)
class Member:
    """A person on the care team, and whether the client agreed to consultation with them."""

    member_id: str
    role: str
    consented: bool


def consult_partners(asker_id: str, asker_role: str, team: Iterable[Member]) -> list[str]:
    """Whom the asker can consult with about the client: team members of the
    other role (a therapist with a coach, a coach with a therapist) with whom
    the client has also agreed to consultation."""
    if asker_role not in CONSULTING_ROLES:
        return []
    return [
        m.member_id
        for m in team
        if m.member_id != asker_id
        and m.role in CONSULTING_ROLES
        and m.role != asker_role
        and m.consented
    ]


def no_partner_reason(*, client_name: str, asker_role: str) -> str:
    """Why there is nobody to consult with, in plain words."""
    other = "coach" if asker_role == "therapist" else "therapist"
    return (
        f"{client_name} has not agreed to consultation with a {other} on their care team, "
        "so there is nobody to consult with yet. Only they can change that."
    )
