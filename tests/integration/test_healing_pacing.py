"""Pacing after a processing session: tara logs the session (stage 2 only),
Mend checks the three signals at once and on every run of the safety clock
until the 72 hours are over; a slow-down opens an alert for tara through the
alert system, with the three signals' numbers as evidence, once per session."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from mend.healing import service
from mend.healing.models import ProcessingSession
from mend.safety.models import Alert, RiskSignal
from mend.settings import Settings
from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.safety_helpers import BURDEN, run_clock, write
from tests.integration.test_healing_helpers import (
    add_to_jar,
    change,
    counts,
    fields_of,
    iso,
    journey,
    log_moment,
    make_ready,
    ok,
)

SignIn = Callable[[str], SignedIn]


@pytest.fixture
def in_stage_2(sign_in: SignIn, world: World) -> list[str]:
    """alice ready (baseline: six moments at distress 6) and in stage 2 since T0."""
    tara, alice = sign_in("tara"), sign_in("alice")
    items = make_ready(alice, world)
    ok(change(tara, world, 1))
    ok(change(tara, world, 2, version=1, reason="All six met; she wants to begin."))
    return items


def log_session(person: SignedIn, world: World, **body: Any) -> Any:
    payload = {"session_at": iso(T0), "note": "First memory work: the flat on Elm Street."}
    return person.send("POST", journey(world, "/sessions"), json=payload | body)


def signals(db: Session) -> list[RiskSignal]:
    db.rollback()
    return list(db.scalars(select(RiskSignal).where(RiskSignal.kind == "pacing")))


def the_session(db: Session) -> ProcessingSession:
    db.rollback()
    return db.scalars(select(ProcessingSession)).one()


def distress_after(
    sign_in: SignIn, clock: time_machine.Coordinates, items: list[str], *levels: int
) -> None:
    """alice logs moments 2 h apart after the session, at these distress levels."""
    clock.move_to(T0 + timedelta(hours=2 * len(levels) + 1))
    alice = sign_in("alice")
    for n, level in enumerate(levels):
        at = T0 + timedelta(hours=2 * (n + 1))
        log_moment(alice, f"after-session-{n:02d}", at=at, items=[items[0]], before=level, after=4)


def test_a_session_is_logged_and_checked_at_once(
    sign_in: SignIn, world: World, db: Session, in_stage_2: list[str]
) -> None:
    made = ok(log_session(sign_in("tara"), world))
    assert made["session_at"] == iso(T0) and made["logged_by"]["name"] == "Tara"
    pacing = made["pacing"]
    assert pacing["complete"] is False and pacing["slow_down"] is False
    assert [s["key"] for s in pacing["signals"]] == [
        "distress_rise", "harmful_use_rise", "pcl5_deterioration",
    ]  # fmt: skip
    assert pacing["signals"][0]["numbers"]["baseline_moments"] == 6
    assert made["alert_id"] is None and signals(db) == []
    raw = db.execute(text("SELECT note, pacing FROM healing_processing_session")).one()
    assert "Elm" not in raw[0] and "distress_rise" not in raw[1]


def test_distress_after_the_session_opens_one_alert_for_tara(
    sign_in: SignIn,
    world: World,
    db: Session,
    db_engine: Engine,
    settings: Settings,
    clock: time_machine.Coordinates,
    in_stage_2: list[str],
) -> None:
    session_id = ok(log_session(sign_in("tara"), world))["id"]
    distress_after(sign_in, clock, in_stage_2, 9, 9)
    run_clock(db_engine, settings, T0 + timedelta(hours=5))
    [signal] = signals(db)
    assert (signal.source_type, signal.source_id, signal.severity) == (
        "processing_session", session_id, "concern",
    )  # fmt: skip
    alert = db.get_one(Alert, signal.alert_id)
    assert (alert.client_id, alert.routed_to, alert.status) == (
        world.alice.id,
        world.tara.id,
        "open",
    )

    tara = sign_in("tara")
    shown = ok(tara.http.get(f"/api/v1/alerts/{alert.id}"), 200)["signals"][0]
    assert shown["kind"] == "pacing" and shown["source_id"] == session_id
    evidence = {e["kind"]: e for e in shown["evidence"]}
    assert list(evidence) == ["distress_rise", "harmful_use_rise", "pcl5_deterioration"]
    rise = evidence["distress_rise"]
    assert rise["status"] == "signal" and rise["text"] == "Distress after the session: slow down"
    assert (
        rise["numbers"] | {"baseline_mean": 6.0, "after_mean": 9.0, "rise": 3.0} == rise["numbers"]
    )
    assert "2 points" in rise["why"]
    assert "Distress after the session: slow down" in tara.http.get(f"/alerts/{alert.id}").text

    # The clock keeps checking until the 72 h are over, and never opens a second signal.
    run_clock(db_engine, settings, T0 + timedelta(hours=6))
    run_clock(db_engine, settings, T0 + timedelta(hours=72, seconds=1))
    assert len(signals(db)) == 1 and db.get_one(Alert, alert.id).signal_count == 1
    done = the_session(db)
    assert done.pacing_done is True and done.pacing_checked_at == T0 + timedelta(
        hours=72, seconds=1
    )
    run_clock(db_engine, settings, T0 + timedelta(days=5))
    assert the_session(db).pacing_checked_at == T0 + timedelta(hours=72, seconds=1)
    found = ok(sign_in("tara").http.get(journey(world)), 200)["sessions"][0]
    assert found["alert_id"] == alert.id and found["pacing"]["slow_down"] is True


def test_a_resolved_pacing_alert_is_not_opened_again_for_the_same_session(
    sign_in: SignIn,
    world: World,
    db: Session,
    db_engine: Engine,
    settings: Settings,
    clock: time_machine.Coordinates,
    in_stage_2: list[str],
) -> None:
    ok(log_session(sign_in("tara"), world))
    distress_after(sign_in, clock, in_stage_2, 10, 10)
    run_clock(db_engine, settings, T0 + timedelta(hours=5))
    alert_id = signals(db)[0].alert_id
    resolved = sign_in("tara").send(
        "POST", f"/api/v1/alerts/{alert_id}/resolve", json={"note": "Slowed down; called her."}
    )
    assert resolved.status_code == 200
    run_clock(db_engine, settings, T0 + timedelta(hours=6))
    db.rollback()
    assert len(signals(db)) == 1 and len(list(db.scalars(select(Alert)))) == 1


def test_a_failing_check_never_holds_back_the_safety_clock(
    sign_in: SignIn,
    world: World,
    db: Session,
    db_engine: Engine,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    in_stage_2: list[str],
) -> None:
    ok(log_session(sign_in("tara"), world))
    assert write(sign_in("alice"), BURDEN).status_code == 201  # an alert that will be overdue

    def broken(**_: Any) -> Any:
        raise ValueError("bad data")

    monkeypatch.setattr(service.pacing, "check", broken)
    checked = run_clock(db_engine, settings, T0 + timedelta(days=2))
    assert checked.escalated == 1
    assert the_session(db).pacing_done is False  # tried again next time


def test_calm_days_after_the_session_open_nothing(
    sign_in: SignIn,
    world: World,
    db: Session,
    db_engine: Engine,
    settings: Settings,
    clock: time_machine.Coordinates,
    in_stage_2: list[str],
) -> None:
    ok(log_session(sign_in("tara"), world))
    distress_after(sign_in, clock, in_stage_2, 6, 7)
    run_clock(db_engine, settings, T0 + timedelta(hours=73))
    assert signals(db) == []
    pacing = the_session(db)
    assert pacing.pacing_done is True and pacing.slow_down_at is None


def test_harmful_use_after_the_session_is_a_signal(
    sign_in: SignIn,
    world: World,
    db: Session,
    db_engine: Engine,
    settings: Settings,
    clock: time_machine.Coordinates,
    in_stage_2: list[str],
) -> None:
    alice = sign_in("alice")
    harmful = add_to_jar(alice, "drinking-alcohol")
    ok(log_session(sign_in("tara"), world))
    clock.move_to(T0 + timedelta(hours=3))
    log_moment(sign_in("alice"), "harmful-after-1", at=T0 + timedelta(hours=2), items=[harmful],
               before=6, after=5)  # fmt: skip
    run_clock(db_engine, settings, T0 + timedelta(hours=3))
    [signal] = signals(db)
    evidence = {e["kind"]: e for e in json.loads(signal.evidence or "[]")}
    assert evidence["harmful_use_rise"]["status"] == "signal"
    assert evidence["harmful_use_rise"]["numbers"]["after_uses"] == 1
    assert evidence["distress_rise"]["status"] == "not_enough_data"


def test_a_session_logged_late_is_checked_at_once(
    sign_in: SignIn,
    world: World,
    db: Session,
    clock: time_machine.Coordinates,
    in_stage_2: list[str],
) -> None:
    distress_after(sign_in, clock, in_stage_2, 9, 10)
    made = ok(log_session(sign_in("tara"), world, session_at=iso(T0 + timedelta(minutes=30))))
    assert made["pacing"]["slow_down"] is True and made["alert_id"] is not None
    assert len(signals(db)) == 1


def test_a_reliably_worse_pcl5_is_a_signal(
    sign_in: SignIn,
    world: World,
    db: Session,
    clock: time_machine.Coordinates,
    in_stage_2: list[str],
) -> None:
    clock.move_to(T0 - timedelta(days=1))
    body = {"instrument_id": "pcl5", "every_days": 1}
    url = f"/api/v1/clients/{world.alice.id}/assignments"
    assignment = ok(sign_in("tara").send("POST", url, json=body))["id"]
    answers = f"/api/v1/assignments/{assignment}/responses"
    ok(sign_in("alice").send("POST", answers, json={"answers": [1] * 20}))  # 20, the day before
    clock.move_to(T0 + timedelta(days=1, hours=1))
    ok(sign_in("alice").send("POST", answers, json={"answers": [2] * 20}))  # 40, the day after
    made = ok(log_session(sign_in("tara"), world))
    pcl5 = made["pacing"]["signals"][2]
    assert pcl5["status"] == "signal" and pcl5["numbers"]["difference"] == 20
    assert (pcl5["numbers"]["before"], pcl5["numbers"]["after"]) == (20, 40)
    assert made["alert_id"] is not None


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"session_at": iso(T0 + timedelta(minutes=10))}, "session_at", 422),
        ({"session_at": iso(T0 - timedelta(minutes=1))}, "session_at", 422),
        ({"session_at": "2026-03-02T09:00:00"}, "session_at", 422),
        ({"session_at": "yesterday"}, "session_at", 422),
        ({"session_at": None}, "session_at", 422),
        ({"note": "x" * 4001}, "note", 422),
        ({"idempotency_key": "short"}, "idempotency_key", 422),
    ],
)
def test_bad_input_names_the_field(
    sign_in: SignIn,
    world: World,
    db: Session,
    in_stage_2: list[str],
    body: dict[str, Any],
    field: str,
    status: int,
) -> None:
    response = log_session(sign_in("tara"), world, **body)
    assert response.status_code == status and field in fields_of(response)
    assert counts(db)[3] == 0


def test_sessions_belong_to_stage_2(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    refused = log_session(tara, world)
    assert refused.status_code == 409 and "stage 2" in fields_of(refused)["stage"]
    ok(change(tara, world, 1))
    assert log_session(tara, world).status_code == 409
    assert counts(db)[3] == 0


def test_a_retried_session_is_stored_once(
    sign_in: SignIn, world: World, db: Session, in_stage_2: list[str]
) -> None:
    tara = sign_in("tara")
    first = ok(log_session(tara, world, idempotency_key="session-key-0001"))
    again = ok(log_session(tara, world, idempotency_key="session-key-0001"), 200)
    assert again["id"] == first["id"] and counts(db)[3] == 1
