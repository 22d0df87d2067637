"""Reminders: in the app, what is due soon or overdue (for /homework, the Today
page and the caseload); by email when a mail server is set, one per homework
due within a day, with a link and nothing that says what it is about."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime, timedelta
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care.homework import rules
from mend.care.homework import service as homework
from mend.care.homework.models import Homework
from mend.mail.models import OutboxEmail
from mend.settings import Settings
from tests.conftest import T0, World
from tests.integration.safety_helpers import run_clock

H = timedelta(hours=1)
DAY = timedelta(days=1)
TITLE = "Letter to my brother"


def set_homework(
    db: Session,
    client: Membership,
    by: Membership,
    *,
    due_at: datetime,
    title: str = TITLE,
    set_at: datetime | None = None,
) -> Homework:
    set_at = set_at or min(T0, due_at - DAY)
    draft = rules.Draft(kind="worksheet", title=title, due_at=due_at)
    made = homework.assign(db, client=client, by=by, draft=draft, goal_id=None, now=set_at).homework
    db.commit()
    return made


def outbox(db: Session) -> list[OutboxEmail]:
    db.rollback()
    return list(db.scalars(select(OutboxEmail).order_by(OutboxEmail.created_at)))


def test_one_email_per_homework_due_within_a_day(world: World, db: Session) -> None:
    soon = set_homework(db, world.alice, world.tara, due_at=T0 + 3 * H)
    set_homework(db, world.alice, world.tara, due_at=T0 + 3 * DAY, title="Later")
    set_homework(db, world.bob, world.tara, due_at=T0 + 23 * H, title="Bob's")
    assert homework.remind_due(db, now=T0, base_url="https://mend.example") == 2
    db.commit()
    emails = outbox(db)
    assert sorted(e.to_address for e in emails) == ["alice@example.org", "bob@example.org"]
    alices = next(e for e in emails if e.to_address == "alice@example.org")
    assert f"https://mend.example/homework/{soon.id}" in alices.body
    for email in emails:
        text = (email.subject + email.body).lower()
        for word in ("letter", "brother", "bob's", "worksheet", "therapist", "tara", "alice"):
            assert word not in text
    # Once: the next pass sends nothing new, even an hour later.
    assert homework.remind_due(db, now=T0 + H, base_url="https://mend.example") == 0
    db.commit()
    assert len(outbox(db)) == 2
    assert db.get_one(Homework, soon.id).reminded_at == T0


def test_no_email_for_finished_late_or_far_off_homework(world: World, db: Session) -> None:
    done = set_homework(db, world.alice, world.tara, due_at=T0 + 2 * H)
    homework.complete(db, homework=done, reflection=None, version=None, now=T0)
    gone = set_homework(db, world.alice, world.tara, due_at=T0 + 2 * H)
    homework.cancel(db, homework=gone, by=world.tara, version=None, now=T0)
    set_homework(db, world.alice, world.tara, due_at=T0 - H, set_at=T0 - 2 * DAY)  # overdue
    set_homework(db, world.alice, world.tara, due_at=T0 + DAY + H)  # more than a day away
    db.commit()
    assert homework.remind_due(db, now=T0, base_url="http://x") == 0


def test_practice_already_counted_done_gets_no_email(world: World, db: Session) -> None:
    from mend.coping import service as coping

    entry = coping.add_to_jar(
        db, client=world.alice, strategy_ref="box-breathing", stage_of_change=None,
        by=world.alice.id, now=T0 - DAY,
    ).entry  # fmt: skip
    draft = rules.Draft(
        kind="practice", due_at=T0 + 2 * H, jar_item_id=entry.item.id, target_count=1
    )
    homework.assign(db, client=world.alice, by=world.tara, draft=draft, goal_id=None, now=T0 - DAY)
    used = coping.MomentData(occurred_at=T0 - H, distress_before=5, strategy_ids=(entry.item.id,))
    limits = coping.MomentLimits(now=T0, skew=timedelta(minutes=5), imminent_urge_level=8)
    coping.log_moment(db, client=world.alice, key="practised-once", data=used, limits=limits)
    db.commit()
    assert homework.remind_due(db, now=T0, base_url="http://x") == 0


def test_a_client_who_has_left_gets_no_email(world: World, db: Session) -> None:
    set_homework(db, world.alice, world.tara, due_at=T0 + H)
    db.get_one(Membership, world.alice.id).ended_at = T0 - H
    db.commit()
    assert homework.remind_due(db, now=T0, base_url="http://x") == 0


def test_without_a_mail_server_nothing_is_queued(
    world: World, db: Session, db_engine: Engine, settings: Settings
) -> None:
    made = set_homework(db, world.alice, world.tara, due_at=T0 + H)
    run_clock(db_engine, settings, T0)
    assert outbox(db) == []
    assert db.get_one(Homework, made.id).reminded_at is None  # in the app only


class Inbox(MessageHandler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []

    def handle_message(self, message: Message) -> None:
        self.messages.append(message)


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on this machine, receiving what Mend sends."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def test_the_safety_clock_sends_the_reminder_through_smtp_once(
    world: World, db: Session, db_engine: Engine, settings: Settings, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    mail_on = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False}
    )
    made = set_homework(db, world.alice, world.tara, due_at=T0 + 5 * H)
    done = run_clock(db_engine, mail_on, T0)
    assert (done.sent, done.failed) == (1, 0)
    [message] = handler.messages
    assert message["To"] == "alice@example.org"
    assert message["Subject"] == "Mend: a reminder"
    body = str(message.get_payload())
    assert f"{settings.base_url}/homework/{made.id}" in body
    assert "Letter" not in body and "brother" not in body
    assert run_clock(db_engine, mail_on, T0 + H).sent == 0
    assert len(handler.messages) == 1


def test_due_for_lists_what_is_overdue_or_due_within_a_day(world: World, db: Session) -> None:
    late = set_homework(db, world.alice, world.tara, due_at=T0 - H, set_at=T0 - DAY, title="Late")
    soon = set_homework(db, world.alice, world.tara, due_at=T0 + 20 * H, title="Soon")
    set_homework(db, world.alice, world.tara, due_at=T0 + 2 * DAY, title="Later")
    set_homework(db, world.bob, world.tara, due_at=T0 + H, title="Bob's")
    found = homework.due_for(db, client_id=world.alice.id, now=T0)
    assert [(v.homework.id, v.timing) for v in found] == [
        (late.id, "overdue"),
        (soon.id, "due_soon"),
    ]


def test_next_due_gives_each_client_their_soonest_with_counts(world: World, db: Session) -> None:
    first = set_homework(db, world.alice, world.tara, due_at=T0 - 2 * H, set_at=T0 - DAY)
    set_homework(db, world.alice, world.tara, due_at=T0 - H, set_at=T0 - DAY)
    set_homework(db, world.alice, world.tara, due_at=T0 + 3 * DAY)
    finished = set_homework(db, world.alice, world.tara, due_at=T0 - 3 * H, set_at=T0 - DAY)
    homework.complete(db, homework=finished, reflection=None, version=None, now=T0 - 4 * H)
    bobs = set_homework(db, world.bob, world.tara, due_at=T0 + 4 * DAY)
    db.commit()
    found = homework.next_due(db, client_ids=[world.alice.id, world.bob.id, world.eve.id], now=T0)
    assert set(found) == {world.alice.id, world.bob.id}
    alice = found[world.alice.id]
    assert (alice.homework_id, alice.overdue, alice.overdue_count, alice.open_count) == (
        first.id, True, 2, 3,
    )  # fmt: skip
    bob = found[world.bob.id]
    assert (bob.homework_id, bob.overdue, bob.overdue_count, bob.open_count) == (
        bobs.id,
        False,
        0,
        1,
    )
    assert bob.title == TITLE and bob.due_at == T0 + 4 * DAY
    assert homework.next_due(db, client_ids=[], now=T0) == {}


def test_next_due_takes_two_queries_however_many_clients(world: World, db: Session) -> None:
    from sqlalchemy import event

    for client in (world.alice, world.bob):
        for days in (1, 2, 3):
            set_homework(db, client, world.tara, due_at=T0 + days * DAY)
    db.rollback()
    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        found = homework.next_due(db, client_ids=[world.alice.id, world.bob.id], now=T0)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(found) == 2
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 2
