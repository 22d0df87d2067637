"""Tara records her readiness decision for alice with a reason; the indicators
as they stood are kept with it; every decision stays in the list; bad input
names its field and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_healing_helpers import counts, fields_of, journey, make_ready, ok

SignIn = Callable[[str], SignedIn]


def decide(person: SignedIn, world: World, **body: Any) -> Any:
    payload = {"decision": "not_yet", "reason": "More grounding practice first."}
    return person.send("POST", journey(world, "/decisions"), json=payload | body)


def test_a_decision_keeps_its_reason_and_the_indicators(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    made = ok(decide(tara, world))
    assert (made["decision"], made["reason"], made["ready"]) == (
        "not_yet", "More grounding practice first.", False,
    )  # fmt: skip
    assert made["indicators"]["ready"] is False and len(made["indicators"]["indicators"]) == 6
    assert made["decided_by"]["name"] == "Tara"
    db.rollback()
    entry = db.scalars(
        select(AuditEntry).where(AuditEntry.action == "healing.readiness_decided")
    ).one()
    assert entry.resource_id == made["id"] and entry.detail == {
        "decision": "not_yet",
        "ready": "no",
    }
    raw = db.execute(text("SELECT reason, indicators FROM healing_readiness_decision")).one()
    assert "grounding" not in raw[0] and "safety_plan" not in raw[1]


def test_every_decision_stays(sign_in: SignIn, world: World, db: Session) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    ok(decide(tara, world))
    make_ready(alice, world)
    ok(decide(tara, world, decision="ready", reason="All six met; she feels steady."))
    found = ok(tara.http.get(journey(world)), 200)["decisions"]
    assert [(d["decision"], d["ready"]) for d in found] == [("not_yet", False), ("ready", True)]
    assert counts(db)[1] == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"reason": " \n "}, "reason"),
        ({"reason": "x" * 2001}, "reason"),
        ({"decision": "maybe"}, "decision"),
        ({"decision": None}, "decision"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_input_names_the_field(
    sign_in: SignIn, world: World, db: Session, body: dict[str, Any], field: str
) -> None:
    response = decide(sign_in("tara"), world, **body)
    assert response.status_code == 422 and field in fields_of(response)
    assert counts(db)[1] == 0
