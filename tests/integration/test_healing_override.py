"""Moving alice into stage 2 while readiness is not fully met needs tara's
explicit override reason; the override, its reason and the indicators at the
time are recorded and audited on their own. When readiness is met no override
is needed."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
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
OVERRIDE = "She asked to start now; weekly check-ins and a shorter first session."


def audited(db: Session, action: str) -> list[AuditEntry]:
    db.rollback()
    return list(db.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_stage_2_without_readiness_needs_an_override_reason(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    ok(change(tara, world, 1))
    refused = change(tara, world, 2, version=1)
    assert refused.status_code == 422
    message = fields_of(refused)["override_reason"]
    assert "not fully met" in message and "safety_plan" in message and "client_agrees" in message
    blank = change(tara, world, 2, version=1, override_reason="   ")
    assert blank.status_code == 422 and "override_reason" in fields_of(blank)
    too_long = change(tara, world, 2, version=1, override_reason="x" * 2001)
    assert too_long.status_code == 422 and "override_reason" in fields_of(too_long)
    assert counts(db)[0] == 1
    assert audited(db, "healing.stage_override") == []


def test_the_override_is_recorded_with_the_indicators_and_audited(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    ok(change(tara, world, 1))
    made = ok(change(tara, world, 2, version=1, override_reason=f"  {OVERRIDE} "))
    assert made["override"] is True and made["override_reason"] == OVERRIDE
    snapshot = made["readiness"]
    assert snapshot["ready"] is False and "safety_plan" in snapshot["unmet"]
    assert snapshot["indicators"][0]["verdict"] == "not_met"
    [entry] = audited(db, "healing.stage_override")
    assert entry.resource_id == made["id"] and entry.subject_client_id == world.alice.id
    assert entry.detail is not None and entry.detail["to"] == "2"
    assert entry.detail["unmet"].split(",") == snapshot["unmet"]
    assert len(audited(db, "healing.stage_changed")) == 2
    history = ok(tara.http.get(journey(world)), 200)["history"]
    assert history[-1]["override"] is True and history[-1]["override_reason"] == OVERRIDE


def test_a_first_stage_of_2_also_needs_readiness(sign_in: SignIn, world: World) -> None:
    refused = change(sign_in("tara"), world, 2)
    assert refused.status_code == 422 and "override_reason" in fields_of(refused)


def test_with_readiness_met_no_override_is_needed(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    make_ready(alice, world)
    ok(change(tara, world, 1))
    made = ok(change(tara, world, 2, version=1, override_reason="Noting: she chose the date."))
    assert made["override"] is False and made["readiness"]["ready"] is True
    assert made["override_reason"] == "Noting: she chose the date."  # kept, not dropped
    assert audited(db, "healing.stage_override") == []


def test_a_no_from_alice_makes_it_an_override_again(sign_in: SignIn, world: World) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    make_ready(alice, world)
    ok(alice.send("PUT", "/api/v1/my-record/journey/agreement", json={"agreed": False}), 200)
    refused = change(tara, world, 2)
    assert refused.status_code == 422 and "client_agrees" in fields_of(refused)["override_reason"]
