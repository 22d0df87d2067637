"""Tara sets alice's stage and changes it with a reason; every change is kept
in the history with who, when and why; a stale change is a 409 carrying the
journey as it is now; bad input names its field and writes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.healing.models import StageChange
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_healing_helpers import (
    change,
    counts,
    fields_of,
    journey,
    make_ready,
    ok,
)

SignIn = Callable[[str], SignedIn]


def test_the_first_stage_is_set_with_a_reason(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    made = ok(change(tara, world, 1, reason="  Start with grounding and a safety plan.  "))
    assert (made["from_stage"], made["to_stage"], made["version"]) == (None, 1, 1)
    assert made["reason"] == "Start with grounding and a safety plan."
    assert made["override"] is False and made["readiness"] is None
    assert made["changed_by"]["name"] == "Tara"
    found = ok(tara.http.get(journey(world)), 200)
    assert found["stage"]["number"] == 1 and found["stage"]["name"] == "Safety and stabilisation"
    assert found["stage"]["client_title"] == "Feeling safe and steady"
    assert found["version"] == 1 and len(found["history"]) == 1
    assert counts(db)[0] == 1


def test_every_change_is_kept_in_order(sign_in: SignIn, world: World, db: Session) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    make_ready(alice, world)
    ok(change(tara, world, 1, reason="Stabilise first."))
    ok(change(tara, world, 2, reason="Ready to begin processing.", version=1))
    ok(change(tara, world, 1, reason="A hard week: back to stabilising.", version=2))
    history = ok(tara.http.get(journey(world)), 200)["history"]
    assert [(h["from_stage"], h["to_stage"], h["version"]) for h in history] == [
        (None, 1, 1), (1, 2, 2), (2, 1, 3),
    ]  # fmt: skip
    assert [h["reason"] for h in history] == [
        "Stabilise first.", "Ready to begin processing.", "A hard week: back to stabilising.",
    ]  # fmt: skip
    # Readiness is kept with the move into stage 2, and only there.
    assert (
        history[1]["readiness"]["ready"] is True and len(history[1]["readiness"]["indicators"]) == 6
    )
    assert history[0]["readiness"] is None and history[2]["readiness"] is None
    assert counts(db)[0] == 3


def test_a_change_is_audited(sign_in: SignIn, world: World, db: Session) -> None:
    made = ok(change(sign_in("tara"), world, 1))
    db.rollback()
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "healing.stage_changed")).one()
    assert entry.resource_id == made["id"] and entry.subject_client_id == world.alice.id
    assert entry.detail == {"from": "", "to": "1"}


def test_reasons_are_sealed_at_rest(sign_in: SignIn, world: World, db: Session) -> None:
    ok(change(sign_in("tara"), world, 2, reason="Plain words here.", override_reason="Also here."))
    db.rollback()
    raw = db.execute(text("SELECT reason, override_reason, readiness FROM healing_stage_change"))
    reason, override, snapshot = raw.one()
    for sealed in (reason, override, snapshot):
        assert "here" not in sealed and "safety_plan" not in sealed
    assert db.scalars(select(StageChange.reason)).one() == "Plain words here."


def test_a_stale_change_is_a_409_with_the_journey_now(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    ok(change(tara, world, 1))
    stale = change(tara, world, 3, reason="Looking at an old page.", version=0)
    assert stale.status_code == 409
    body = stale.json()
    assert body["error"]["code"] == "conflict" and "version" in body["error"]["fields"]
    assert body["current"]["version"] == 1 and body["current"]["stage"]["number"] == 1
    assert counts(db)[0] == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"reason": "   "}, "reason"),
        ({"reason": "x" * 2001}, "reason"),
        ({"reason": "x" * 4001}, "reason"),
        ({"to_stage": 4}, "to_stage"),
        ({"to_stage": 0}, "to_stage"),
        ({"to_stage": True}, "to_stage"),
        ({"to_stage": "2"}, "to_stage"),
        ({"version": -1}, "version"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    sign_in: SignIn, world: World, db: Session, body: dict[str, object], field: str
) -> None:
    response = change(sign_in("tara"), world, body.pop("to_stage", 1), **body)
    assert response.status_code == 422, response.text
    assert field in fields_of(response)
    assert counts(db)[0] == 0


def test_the_same_stage_again_is_refused(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    ok(change(tara, world, 1))
    again = change(tara, world, 1, version=1)
    assert again.status_code == 422 and "already in stage 1" in fields_of(again)["to_stage"]
    assert counts(db)[0] == 1


def test_moving_back_to_stage_1_is_never_blocked(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    ok(change(tara, world, 3, reason="Came to us after finishing trauma work elsewhere."))
    back = ok(change(tara, world, 1, reason="Flashbacks returned; stabilise again.", version=1))
    assert back["override"] is False and back["readiness"] is None
