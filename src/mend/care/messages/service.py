"""Messages between a client and each member of their care team, and the
consultation thread between the client's therapist and coach. Loads rows,
applies the rules in ``threads``, writes. Flush, never commit.

Who may reach a client's messages or consultation at all is the policy's
(``care.policy``, through ``web.auth``); this module keeps each message
thread to its two people and each consultation to the people the client
agreed to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mend.accounts.models import Membership, User
from mend.accounts.roles import Role
from mend.care import service as care
from mend.care.messages import threads
from mend.care.messages.models import ConsultationPost, Message
from mend.care.messages.threads import Thread, ThreadError
from mend.care.models import CareTeamMember
from mend.care.policy import Category
from mend.safety import screen
from mend.safety import service as safety
from mend.safety.models import Alert
from mend.safety.screening import Screening

__all__ = ["ThreadError"]

NOT_ON_TEAM = "You can only send messages to people on your care team."


# ---------------------------------------------------------------- messages


@dataclass(frozen=True)
class Written:
    message: Message
    screening: Screening | None  # only what the client writes is screened
    alert: Alert | None
    created: bool

    @property
    def level(self) -> str:
        return str(self.screening.level) if self.screening else "none"


def send(
    db: Session,
    *,
    client: Membership,
    member_id: str,
    sender: Membership,
    body: str,
    key: str,
    now: datetime,
) -> Written:
    """Send a message in the thread between ``client`` and ``member_id``, who
    must be on the client's care team now. What the client writes is screened
    for crisis language like the journal. The same idempotency key with the
    same words to the same person is one message."""
    text = threads.check_body(body)
    thread = Thread(client_id=client.id, member_id=member_id)
    if not thread.has(sender.id):
        raise ThreadError(422, "member_id", "You can only send messages in your own threads.")
    if care.team_role(db, client_id=client.id, member_id=member_id) is None:
        raise ThreadError(422, "member_id", NOT_ON_TEAM)
    existing = _by_key(db, sender_id=sender.id, key=key)
    if existing is not None:
        return _replay(existing, thread, text, sender=sender)
    message = Message(
        org_id=client.org_id,
        client_id=client.id,
        member_id=member_id,
        sender_id=sender.id,
        idempotency_key=key,
        body=text,
        sent_at=now,
    )
    try:
        with db.begin_nested():
            db.add(message)
    except IntegrityError:
        # The same key arrived twice in the same instant: the first one stands.
        raced = _by_key(db, sender_id=sender.id, key=key)
        if raced is None:
            raise
        return _replay(raced, thread, text, sender=sender)
    if sender.id != client.id:
        return Written(message, None, None, created=True)
    screening = screen(text)
    alert = safety.record_screening(
        db, client=client, screening=screening, source_type="message", source_id=message.id, now=now
    )
    return Written(message, screening, alert, created=True)


def _replay(existing: Message, thread: Thread, text: str, *, sender: Membership) -> Written:
    same_thread = (existing.client_id, existing.member_id) == (thread.client_id, thread.member_id)
    if not threads.is_retry(same_thread=same_thread, kept_body=existing.body, new_body=text):
        raise ThreadError(
            409, "idempotency_key", "This key was already used for a different message."
        )
    screening = screen(text) if sender.id == thread.client_id else None
    return Written(existing, screening, None, created=False)


def _by_key(db: Session, *, sender_id: str, key: str) -> Message | None:
    query = select(Message).where(Message.sender_id == sender_id, Message.idempotency_key == key)
    return db.scalars(query).first()


def thread_messages(
    db: Session, *, client_id: str, member_id: str, limit: int = 200
) -> list[Message]:
    """The newest messages of one thread, oldest first for reading down the page."""
    query = (
        select(Message)
        .where(Message.client_id == client_id, Message.member_id == member_id)
        .order_by(Message.sent_at.desc(), Message.id.desc())
        .limit(limit)
    )
    return list(reversed(db.scalars(query).all()))


def mark_read(db: Session, *, client_id: str, member_id: str, reader_id: str, now: datetime) -> int:
    """The reader opened the thread: what the other person sent is read now."""
    statement = (
        update(Message)
        .where(
            Message.client_id == client_id,
            Message.member_id == member_id,
            Message.sender_id != reader_id,
            Message.read_at.is_(None),
        )
        .values(read_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(db.execute(statement), "rowcount", 0) or 0)


@dataclass(frozen=True)
class Opened:
    messages: list[Message]
    new_ids: frozenset[str]  # unread until this opening


def open_thread(
    db: Session, *, client_id: str, member_id: str, reader_id: str, now: datetime
) -> Opened:
    """Read a thread as one of its two people: its messages, which of them are
    new to the reader, and everything the other person sent marked read."""
    found = thread_messages(db, client_id=client_id, member_id=member_id)
    new = frozenset(m.id for m in found if m.sender_id != reader_id and m.read_at is None)
    mark_read(db, client_id=client_id, member_id=member_id, reader_id=reader_id, now=now)
    return Opened(found, new)


@dataclass(frozen=True)
class ThreadRow:
    """One thread in a list, for the client (with a team member) or for a
    practitioner (with a client)."""

    person: Membership
    role: str  # the team member's role in the thread
    on_team: bool
    unread: int
    last_at: datetime | None


def _summaries(
    db: Session, *, reader: str, client_ids: Sequence[str], member_ids: Sequence[str] | None = None
) -> dict[tuple[str, str], tuple[int, datetime | None]]:
    """Per thread, in one grouped query: how many messages the ``reader`` side
    (``client`` or ``member``) has not read, and when the newest was sent."""
    writer = Message.member_id if reader == threads.CLIENT else Message.client_id
    unread = and_(Message.sender_id == writer, Message.read_at.is_(None))
    query = (
        select(
            Message.client_id,
            Message.member_id,
            func.sum(case((unread, 1), else_=0)),
            func.max(Message.sent_at),
        )
        .where(Message.client_id.in_(client_ids))
        .group_by(Message.client_id, Message.member_id)
    )
    if member_ids is not None:
        query = query.where(Message.member_id.in_(member_ids))
    return {
        (client_id, member_id): (int(count or 0), last)
        for client_id, member_id, count, last in db.execute(query)
    }


@dataclass(frozen=True)
class ThreadMarks:
    """What the caseload shows of a practitioner's thread with one client."""

    unread: int = 0  # the client's messages the practitioner has not read
    last_at: datetime | None = None  # the newest message either way


def unread_for(db: Session, *, member_id: str, client_ids: Sequence[str]) -> dict[str, ThreadMarks]:
    """For a practitioner's caseload, in one query: per client, how many of the
    client's messages the practitioner has not read, and when the newest
    message in their thread was sent. Clients with no messages are left out
    (``ThreadMarks()`` is their zero)."""
    if not client_ids:
        return {}
    found = _summaries(db, reader=threads.MEMBER, client_ids=client_ids, member_ids=[member_id])
    return {client: ThreadMarks(unread, last) for (client, _), (unread, last) in found.items()}


def last_message_at(
    db: Session, *, member_id: str, client_ids: Sequence[str]
) -> dict[str, datetime]:
    """Per client, when the newest message between them and this practitioner
    was sent (the same one query as ``unread_for``)."""
    marks = unread_for(db, member_id=member_id, client_ids=client_ids)
    return {client: m.last_at for client, m in marks.items() if m.last_at}


def client_threads(db: Session, *, client: Membership) -> list[ThreadRow]:
    """The client's threads: one with each member of their care team now, and
    the ones with former members that hold messages (read-only)."""
    team = {row.member_id: row for row in care.team_of(db, client_id=client.id)}
    found = _summaries(db, reader=threads.CLIENT, client_ids=[client.id])
    former_ids = {member for (_, member) in found} - set(team)
    former = {m.id: m for m in _memberships(db, former_ids)}
    rows = []
    for member_id, row in team.items():
        unread, last = found.get((client.id, member_id), (0, None))
        rows.append(ThreadRow(row.member, row.role, True, unread, last))
    for member_id, person in former.items():
        unread, last = found[(client.id, member_id)]
        rows.append(ThreadRow(person, person.role, False, unread, last))
    return _ordered(rows)


def caseload_threads(db: Session, *, member: Membership) -> list[ThreadRow]:
    """A practitioner's threads: one with each client on their caseload now,
    unread first. Former clients are not listed: leaving the team ends it."""
    caseload = list(care.caseload_of(db, member_id=member.id))
    found = unread_for(db, member_id=member.id, client_ids=[r.client_id for r in caseload])
    rows = []
    for row in caseload:
        marks = found.get(row.client_id, ThreadMarks())
        rows.append(ThreadRow(row.client, row.role, True, marks.unread, marks.last_at))
    return _ordered(rows)


def _ordered(rows: list[ThreadRow]) -> list[ThreadRow]:
    by_id = {r.person.id: r for r in rows}
    summaries = [
        threads.Summary(r.person.id, r.person.user.display_name, r.unread, r.last_at) for r in rows
    ]
    return [by_id[s.with_id] for s in threads.thread_order(summaries)]


def _memberships(db: Session, ids: Iterable[str]) -> list[Membership]:
    wanted = list(ids)
    if not wanted:
        return []
    return list(db.scalars(select(Membership).where(Membership.id.in_(wanted))))


def client_thread_with(
    db: Session, *, client: Membership, member_id: str
) -> tuple[Membership, str, bool] | None:
    """The team member of a client's thread: who, in which role, and whether
    still on the team. None when there is no such thread for this client: not
    on their team now and never a message between them."""
    role = care.team_role(db, client_id=client.id, member_id=member_id)
    if role is None:
        had = select(Message.id).where(
            Message.client_id == client.id, Message.member_id == member_id
        )
        if db.scalar(had.limit(1)) is None:
            return None
    member = db.get(Membership, member_id)
    if member is None or member.org_id != client.org_id:
        return None
    return member, role or member.role, role is not None


def names_of(db: Session, ids: Iterable[str]) -> dict[str, str]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    query = (
        select(Membership.id, User.display_name)
        .join(User, Membership.user_id == User.id)
        .where(Membership.id.in_(wanted))
    )
    return {member_id: name for member_id, name in db.execute(query)}


# ---------------------------------------------------------------- consultation


@dataclass(frozen=True)
class Consulting:
    """Who takes part in the consultation about a client, as the client has agreed."""

    team: list[CareTeamMember]  # therapists and coaches on the team now
    agreed: frozenset[str]  # members the client agreed to consultation with

    def partners_of(self, asker: Membership) -> list[str]:
        members = [
            threads.Member(r.member_id, r.role, r.member_id in self.agreed) for r in self.team
        ]
        return threads.consult_partners(asker.id, asker.role, members)

    def names(self) -> list[str]:
        return [r.member.user.display_name for r in self.team if r.member_id in self.agreed]


def consulting(db: Session, *, client_id: str) -> Consulting:
    team = [
        r
        for r in care.team_of(db, client_id=client_id)
        if r.role in (Role.THERAPIST.value, Role.COACH.value)
    ]
    agreed = frozenset(
        r.member_id
        for r in team
        if care.is_consented(
            db,
            client_id=client_id,
            member_id=r.member_id,
            team_role_name=r.role,
            category=Category.CONSULTATION,
        )
    )
    return Consulting(team, agreed)


@dataclass(frozen=True)
class Posted:
    post: ConsultationPost
    created: bool


def post(
    db: Session,
    *,
    client: Membership,
    author: Membership,
    body: str,
    key: str,
    now: datetime,
) -> Posted:
    """Add to the consultation about ``client``. The policy has already checked
    that the client agreed to consultation with the author; here, someone of
    the other role must have the client's agreement too, or there is nobody to
    consult with (403). The same key with the same words is one post."""
    text = threads.check_body(body, what="post")
    if not consulting(db, client_id=client.id).partners_of(author):
        reason = threads.no_partner_reason(
            client_name=client.user.display_name, asker_role=author.role
        )
        raise ThreadError(403, "", reason)
    existing = _post_by_key(db, author_id=author.id, key=key)
    if existing is not None:
        return _post_replay(existing, client, text)
    row = ConsultationPost(
        org_id=client.org_id,
        client_id=client.id,
        author_id=author.id,
        idempotency_key=key,
        body=text,
        posted_at=now,
    )
    try:
        with db.begin_nested():
            db.add(row)
    except IntegrityError:
        raced = _post_by_key(db, author_id=author.id, key=key)
        if raced is None:
            raise
        return _post_replay(raced, client, text)
    return Posted(row, created=True)


def _post_replay(existing: ConsultationPost, client: Membership, text: str) -> Posted:
    same = threads.is_retry(
        same_thread=existing.client_id == client.id, kept_body=existing.body, new_body=text
    )
    if not same:
        raise ThreadError(409, "idempotency_key", "This key was already used for a different post.")
    return Posted(existing, created=False)


def _post_by_key(db: Session, *, author_id: str, key: str) -> ConsultationPost | None:
    query = select(ConsultationPost).where(
        ConsultationPost.author_id == author_id, ConsultationPost.idempotency_key == key
    )
    return db.scalars(query).first()


def posts_of(db: Session, *, client_id: str, limit: int = 500) -> list[ConsultationPost]:
    """The consultation about a client, oldest first (the newest ``limit`` posts)."""
    query = (
        select(ConsultationPost)
        .where(ConsultationPost.client_id == client_id)
        .order_by(ConsultationPost.posted_at.desc(), ConsultationPost.id.desc())
        .limit(limit)
    )
    return list(reversed(db.scalars(query).all()))
