"""Check-ins: how it is going, 0–10, and a note. Alice, Tara, and Cole while
alice shares goals with him, may check in; each check-in says who did. A
suggestion or a finished goal takes no check-ins. alice's notes are screened
for crisis language like the rest of her writing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy.orm import Session

from mend.safety.models import Alert, RiskSignal
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.coping_helpers import count
from tests.integration.safety_helpers import BURDEN
from tests.integration.test_goal_support import API, act, created, fields_of, rows, share

SignIn = Callable[[str], SignedIn]


def check_in(person: Any, goal: dict[str, Any], **body: Any) -> Any:
    return person.send("POST", f"{API}/goals/{goal['id']}/check-ins", json=body)


def test_alice_and_her_team_check_in_and_each_is_named(
    sign_in: SignIn, world: World, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    share(alice, world)
    goal = created(alice)
    first = check_in(alice, goal, progress=3, note="  Rain on Wednesday ")
    assert first.status_code == 201, first.text
    assert first.json()["check_in"]["note"] == "Rain on Wednesday"
    assert "safety" not in first.json()
    clock.shift(timedelta(minutes=5))
    check_in(sign_in("cole"), goal, progress=5, note="From our call: mornings are hard.")
    clock.shift(timedelta(minutes=5))
    check_in(sign_in("tara"), goal, progress=6)
    detail = alice.http.get(f"{API}/goals/{goal['id']}").json()
    assert [(c["progress"], c["by"]["name"]) for c in detail["check_ins"]] == [
        (6, "Tara"),
        (5, "Cole"),
        (3, "Alice"),
    ]
    assert detail["latest_check_in"]["progress"] == 6


@pytest.mark.parametrize("progress", [0, 10])
def test_the_ends_of_the_scale_are_kept(sign_in: SignIn, progress: int) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    assert check_in(alice, goal, progress=progress).json()["check_in"]["progress"] == progress


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"progress": -1}, "progress"),
        ({"progress": 11}, "progress"),
        ({"progress": "5"}, "progress"),
        ({"progress": 5.5}, "progress"),
        ({"progress": True}, "progress"),
        ({"progress": None}, "progress"),
        ({}, "progress"),
        ({"progress": 5, "note": "n" * 2001}, "note"),
        ({"progress": 5, "note": 7}, "note"),
        ({"progress": 5, "at": "2026-01-01"}, "at"),
        ({"progress": 5, "idempotency_key": "short"}, "idempotency_key"),
    ],
    ids=lambda v: v if isinstance(v, str) else "-".join(f"{k}={v[k]!r}"[:24] for k in v),
)
def test_bad_check_ins_are_refused(
    sign_in: SignIn, db: Session, body: dict[str, Any], field: str
) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    response = check_in(alice, goal, **body)
    assert response.status_code == 422, response.text
    assert field in fields_of(response)
    assert rows(db) == (1, 0, 0)


def test_a_suggestion_takes_no_check_ins(sign_in: SignIn, world: World, db: Session) -> None:
    goal = created(sign_in("tara"), world.alice)
    for persona in ("alice", "tara"):
        response = check_in(sign_in(persona), goal, progress=4)
        assert response.status_code == 409 and "suggestion" in response.text
    assert rows(db) == (1, 0, 0)


@pytest.mark.parametrize(
    ("status", "allowed"), [("paused", True), ("achieved", False), ("let_go", False)]
)
def test_check_ins_follow_how_the_goal_stands(sign_in: SignIn, status: str, allowed: bool) -> None:
    alice = sign_in("alice")
    goal = act(alice, created(alice), "status", status=status).json()
    assert check_in(alice, goal, progress=4).status_code == (201 if allowed else 409)


def test_a_retried_check_in_is_stored_once(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    first = check_in(alice, goal, progress=4, note="ok", idempotency_key="check-in-0001")
    again = check_in(alice, goal, progress=4, note="ok", idempotency_key="check-in-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["check_in"]["id"] == again.json()["check_in"]["id"]
    clash = check_in(alice, goal, progress=9, idempotency_key="check-in-0001")
    assert clash.status_code == 409 and "idempotency_key" in fields_of(clash)
    assert rows(db) == (1, 0, 1)


def test_crisis_words_in_alices_note_raise_an_alert_and_show_help(
    sign_in: SignIn, db: Session
) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    response = check_in(alice, goal, progress=1, note=BURDEN)
    assert response.status_code == 201
    safety = response.json()["safety"]
    assert "Tara" in safety["who_sees"] and safety["crisis_resources"]
    db.rollback()
    signal = db.query(RiskSignal).one()
    assert (signal.source_type, signal.kind) == ("goal_check_in", "crisis_language")
    assert count(db, Alert) == 1


def test_a_team_members_note_is_not_screened_as_alices_words(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    share(alice, world)
    goal = created(alice)
    response = check_in(sign_in("cole"), goal, progress=2, note=f"Alice said: {BURDEN}")
    assert response.status_code == 201 and "safety" not in response.json()
    assert count(db, RiskSignal) == 0
