"""What the caseload asks of messages: per client, how many of the client's
messages the practitioner has not read and when the newest message was sent,
for the whole caseload in one query."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from mend.care.messages import service
from tests.conftest import T0, World


@contextmanager
def statements(db: Session) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _send(db: Session, world: World, sender: str, member: str, words: str, minutes: int) -> None:
    service.send(
        db,
        client=world.alice,
        member_id=world.person(member).id,
        sender=world.person(sender),
        body=words,
        key=f"unread-{sender}-{minutes:04d}",
        now=T0 + timedelta(minutes=minutes),
    )


def test_unread_and_last_message_per_client_in_one_query(world: World, db: Session) -> None:
    _send(db, world, "alice", "cole", "One", 1)
    _send(db, world, "alice", "cole", "Two", 2)
    _send(db, world, "cole", "cole", "Reply", 3)  # cole's own: never unread for cole
    _send(db, world, "alice", "tara", "For Tara", 4)  # another thread
    db.flush()
    clients = [world.alice.id, world.bob.id]
    with statements(db) as seen:
        marks = service.unread_for(db, member_id=world.cole.id, client_ids=clients)
    assert len(seen) == 1
    assert marks == {
        world.alice.id: service.ThreadMarks(unread=2, last_at=T0 + timedelta(minutes=3))
    }
    assert service.unread_for(db, member_id=world.tara.id, client_ids=clients) == {
        world.alice.id: service.ThreadMarks(unread=1, last_at=T0 + timedelta(minutes=4))
    }
    assert service.last_message_at(db, member_id=world.tara.id, client_ids=clients) == {
        world.alice.id: T0 + timedelta(minutes=4)
    }
    assert service.unread_for(db, member_id=world.cole.id, client_ids=[]) == {}


def test_opening_the_thread_reads_only_what_the_other_person_sent(
    world: World, db: Session
) -> None:
    _send(db, world, "alice", "cole", "One", 1)
    _send(db, world, "cole", "cole", "Reply", 2)
    opened = service.open_thread(
        db,
        client_id=world.alice.id,
        member_id=world.cole.id,
        reader_id=world.cole.id,
        now=T0 + timedelta(hours=1),
    )
    assert [m.body for m in opened.messages] == ["One", "Reply"]
    assert len(opened.new_ids) == 1
    read = {m.body: m.read_at for m in opened.messages}
    assert read == {"One": T0 + timedelta(hours=1), "Reply": None}
    [marks] = service.unread_for(db, member_id=world.cole.id, client_ids=[world.alice.id]).values()
    assert (marks.unread, marks.last_at) == (0, T0 + timedelta(minutes=2))
    [alice_side] = [
        r for r in service.client_threads(db, client=world.alice) if r.person.id == world.cole.id
    ]
    assert alice_side.unread == 1
