"""The safety clock: an alert nobody acknowledges within the organisation's
response window goes to the duty clinician (drew); email goes through SMTP
when configured and never says what happened; a client without a therapist
(bob) is the duty clinician's from the start; with nobody to answer, the
admins are told. Time is frozen: T0 is Monday 2 March 2026, 09:30 UTC."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from mend.accounts.models import Organisation
from mend.mail.models import OutboxEmail
from mend.settings import Settings
from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.safety_helpers import BURDEN, add_therapist, alerts_of, run_clock, write

SignIn = Callable[[str], SignedIn]
WINDOW = timedelta(hours=4)


class Inbox(MessageHandler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []

    def handle_message(self, message: Message) -> None:
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on this machine, receiving what Mend sends."""
    handler, port = Inbox(), _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def with_mail(settings: Settings, port: int) -> Settings:
    return settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False}
    )


def test_an_unacknowledged_alert_escalates_when_the_window_ends(
    sign_in: SignIn, world: World, db: Session, db_engine: Engine, settings: Settings
) -> None:
    drew = add_therapist(db, world, "drew", duty=True)
    write(sign_in("alice"), BURDEN)
    [alert] = alerts_of(db, world.alice)
    assert alert.respond_by == T0 + WINDOW
    assert run_clock(db_engine, settings, T0 + WINDOW - timedelta(seconds=1)).escalated == 0
    assert alerts_of(db, world.alice)[0].escalated_at is None
    assert run_clock(db_engine, settings, T0 + WINDOW).escalated == 1
    [alert] = alerts_of(db, world.alice)
    assert (alert.escalated_at, alert.escalated_to) == (T0 + WINDOW, drew.id)
    assert run_clock(db_engine, settings, T0 + WINDOW + timedelta(hours=1)).escalated == 0


def test_an_acknowledged_alert_does_not_escalate(
    sign_in: SignIn, world: World, db: Session, db_engine: Engine, settings: Settings
) -> None:
    add_therapist(db, world, "drew", duty=True)
    write(sign_in("alice"), BURDEN)
    tara = sign_in("tara")
    alert_id = tara.http.get("/api/v1/alerts").json()[0]["id"]
    tara.send("POST", f"/api/v1/alerts/{alert_id}/acknowledge", json={})
    assert run_clock(db_engine, settings, T0 + timedelta(days=3)).escalated == 0


def test_the_window_counts_business_hours_only(
    sign_in: SignIn, world: World, db: Session, db_engine: Engine, settings: Settings, clock
) -> None:  # type: ignore[no-untyped-def]
    friday_4pm = datetime(2026, 3, 6, 16, 0, tzinfo=T0.tzinfo)
    clock.move_to(friday_4pm)
    write(sign_in("alice"), BURDEN)
    [alert] = alerts_of(db, world.alice)
    monday_noon = datetime(2026, 3, 9, 12, 0, tzinfo=T0.tzinfo)
    assert alert.respond_by == monday_noon
    assert run_clock(db_engine, settings, monday_noon - timedelta(minutes=1)).escalated == 0
    assert run_clock(db_engine, settings, monday_noon).escalated == 1


def test_an_organisation_open_around_the_clock_counts_every_hour(
    sign_in: SignIn, world: World, db: Session, clock
) -> None:  # type: ignore[no-untyped-def]
    db.get_one(Organisation, world.riverside.id).business_hours_only = False
    db.commit()
    saturday_night = datetime(2026, 3, 7, 23, 0, tzinfo=T0.tzinfo)
    clock.move_to(saturday_night)
    write(sign_in("alice"), BURDEN)
    assert alerts_of(db, world.alice)[0].respond_by == saturday_night + WINDOW


def test_a_client_without_a_therapist_goes_to_the_duty_clinician(
    sign_in: SignIn, world: World, db: Session
) -> None:
    drew = add_therapist(db, world, "drew", duty=True)
    write(sign_in("bob"), BURDEN)
    [alert] = alerts_of(db, world.bob)
    assert (alert.route, alert.routed_to) == ("duty", drew.id)
    duty = sign_in("drew")
    assert [a["client_name"] for a in duty.http.get("/api/v1/alerts").json()] == ["Bob"]
    assert duty.http.get(f"/alerts/{alert.id}").status_code == 200


def test_with_nobody_to_answer_the_alert_is_kept_and_admins_are_told(
    sign_in: SignIn, world: World, db: Session, db_engine: Engine, settings: Settings
) -> None:
    response = write(sign_in("bob"), BURDEN)
    assert response.json()["safety"]["who_sees"].startswith("The clinical team at Riverside")
    [alert] = alerts_of(db, world.bob)
    assert (alert.route, alert.routed_to) == ("nobody", None)
    assert "1 unresolved alert has nobody" in sign_in("ada").http.get("/admin/safety").text
    run_clock(db_engine, settings, T0 + timedelta(days=1))
    db.rollback()
    sent_to = set(db.scalars(select(OutboxEmail.to_address)))
    assert "ada@example.org" in sent_to


def test_email_goes_through_smtp_and_says_nothing_clinical(
    sign_in: SignIn,
    world: World,
    db: Session,
    db_engine: Engine,
    settings: Settings,
    inbox: tuple[Inbox, int],
) -> None:
    handler, port = inbox
    add_therapist(db, world, "drew", duty=True)
    write(sign_in("alice"), BURDEN)
    done = run_clock(db_engine, with_mail(settings, port), T0 + WINDOW)
    assert (done.escalated, done.sent, done.failed) == (1, 2, 0)
    recipients = sorted(m["To"] for m in handler.messages)
    assert recipients == ["drew@example.org", "tara@example.org"]
    body = str(handler.messages[0].get_payload())
    assert f"{settings.base_url}/alerts/" in body
    assert "Alice" not in body
    assert "better off" not in body
    assert run_clock(db_engine, with_mail(settings, port), T0 + WINDOW).sent == 0


def test_a_mail_server_that_is_down_is_retried_then_given_up(
    sign_in: SignIn, world: World, db: Session, db_engine: Engine, settings: Settings
) -> None:
    down = with_mail(settings, _free_port())
    db.get_one(Organisation, world.riverside.id).alert_window_minutes = 7 * 24 * 60
    db.commit()
    write(sign_in("alice"), BURDEN)
    now = T0
    for _ in range(5):
        assert run_clock(db_engine, down, now).failed == 1
        now += timedelta(hours=2)
    assert run_clock(db_engine, down, now).failed == 0
    db.rollback()
    [email] = db.scalars(select(OutboxEmail)).all()
    assert (email.status, email.attempts) == ("failed", 5)
    assert email.last_error


def test_without_smtp_email_is_skipped_not_kept_for_later(
    sign_in: SignIn, world: World, db: Session, db_engine: Engine, settings: Settings
) -> None:
    write(sign_in("alice"), BURDEN)
    run_clock(db_engine, settings, T0)
    db.rollback()
    assert [e.status for e in db.scalars(select(OutboxEmail))] == ["skipped"]


def test_a_signal_without_an_alert_is_adopted(
    world: World, db: Session, db_engine: Engine, settings: Settings
) -> None:
    from mend.safety.models import RiskSignal

    db.add(
        RiskSignal(
            org_id=world.riverside.id,
            client_id=world.alice.id,
            kind="phq9_risk_item",
            source_type="measure_response",
            source_id="x" * 24,
            level=1,
            severity="urgent",
            detected_at=T0,
        )
    )
    db.commit()
    assert run_clock(db_engine, settings, T0).adopted == 1
    [alert] = alerts_of(db, world.alice)
    assert alert.routed_to == world.tara.id
