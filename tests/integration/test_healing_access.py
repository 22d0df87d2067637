"""Who reaches the healing journey, route by route and persona by persona:
the treating therapist reads and writes it, the client reads their own and
answers the trauma-work question, a coach or an admin is refused (403), a
stranger or another organisation finds nothing (404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_healing_helpers import change, counts, journey, ok, page

SignIn = Callable[[str], SignedIn]
PERSONAS = ("alice", "bob", "tara", "cole", "ada", "eve", "tim")

# Reading alice's journey: who gets what.
READS = {"alice": 200, "bob": 404, "tara": 200, "cole": 403, "ada": 403, "eve": 404, "tim": 404}
# Writing it: only her treating therapist.
WRITES = {"alice": 403, "bob": 404, "tara": None, "cole": 403, "ada": 403, "eve": 404, "tim": 404}
# Their own journey (/journey): clients only.
OWN = {"alice": 200, "bob": 200, "tara": 404, "cole": 404, "ada": 404, "eve": 200, "tim": 404}


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_alices_journey(sign_in: SignIn, world: World, persona: str) -> None:
    person = sign_in(persona)
    assert person.http.get(journey(world)).status_code == READS[persona]
    shown = person.http.get(page(world), follow_redirects=False)
    expected = {200: 303} if persona == "alice" else {}  # alice goes to her own page
    assert shown.status_code == expected.get(READS[persona], READS[persona])


WRITE_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("/stage", {"to_stage": 1, "reason": "Begin with safety.", "version": 0}),
    ("/decisions", {"decision": "not_yet", "reason": "More practice first."}),
    ("/sessions", {"session_at": "2026-03-02T09:00:00+00:00"}),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("tail", "body"), WRITE_CALLS)
def test_writing_alices_journey(
    sign_in: SignIn, world: World, db: Session, persona: str, tail: str, body: dict[str, Any]
) -> None:
    response = sign_in(persona).send("POST", journey(world, tail), json=body)
    expected = WRITES[persona]
    if expected is None:  # tara: allowed (a session needs stage 2 first: 409)
        assert response.status_code == (409 if tail == "/sessions" else 201), response.text
        return
    assert response.status_code == expected
    assert counts(db) == (0, 0, 0, 0)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("tail", ["/stage", "/decision", "/sessions"])
def test_the_page_forms_refuse_the_same_people(
    sign_in: SignIn, world: World, db: Session, persona: str, tail: str
) -> None:
    person = sign_in(persona)
    response = person.post_form(page(world, tail), {"reason": "x", "to_stage": "1"})
    expected = WRITES[persona]
    if expected is None:
        assert response.status_code in (303, 409, 422)
    else:
        assert response.status_code == expected
        assert counts(db) == (0, 0, 0, 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_their_own_journey(sign_in: SignIn, world: World, db: Session, persona: str) -> None:
    person = sign_in(persona)
    assert person.http.get("/journey").status_code == OWN[persona]
    assert person.http.get("/api/v1/my-record/journey").status_code == OWN[persona]
    said = person.send("PUT", "/api/v1/my-record/journey/agreement", json={"agreed": True})
    assert said.status_code == OWN[persona]
    form = person.post_form("/journey/agreement", {"agreed": "yes"})
    assert form.status_code == (303 if OWN[persona] == 200 else OWN[persona])
    assert counts(db)[2] == (1 if OWN[persona] == 200 else 0)


def test_tim_reads_eves_journey_and_not_alices(sign_in: SignIn, world: World) -> None:
    tim = sign_in("tim")
    eve = f"/api/v1/clients/{world.eve.id}/journey"
    assert tim.http.get(eve).status_code == 200
    assert sign_in("tara").http.get(eve).status_code == 404


def test_alice_reads_her_journey_in_plain_words_only(sign_in: SignIn, world: World) -> None:
    ok(change(sign_in("tara"), world, 1, reason="PTSD: stabilise hyperarousal first."))
    alice = sign_in("alice")
    for url in (journey(world), "/api/v1/my-record/journey"):
        found = ok(alice.http.get(url), 200)
        assert set(found) == {"stage", "history", "agreement"}
        assert found["stage"]["title"] == "Feeling safe and steady"
        assert "hyperarousal" not in str(found) and "readiness" not in str(found)


def test_a_refused_look_is_audited(sign_in: SignIn, world: World, db: Session) -> None:
    assert sign_in("cole").http.get(journey(world)).status_code == 403
    db.rollback()
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "healing.read")).one()
    assert entry.outcome == "denied" and entry.subject_client_id == world.alice.id


def test_tara_reading_is_audited(sign_in: SignIn, world: World, db: Session) -> None:
    assert sign_in("tara").http.get(page(world)).status_code == 200
    db.rollback()
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "healing.read")).one()
    assert entry.outcome == "allowed" and entry.detail == {"relation": "treating"}
