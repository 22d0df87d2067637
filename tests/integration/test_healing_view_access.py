"""Who reaches the healing view, route by route and persona by persona: the
treating therapist reads alice's (each section only if alice shares its
category), alice reads her own, a coach (shared with or not) and an admin are
refused as the journey is, a stranger or another organisation finds nothing,
and someone signed out is sent to sign in. Every read is audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.care.policy import SHARED_CATEGORIES
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.growth_helpers import tell_measures, view_api, view_page
from tests.integration.sharing import share

SignIn = Callable[[str], SignedIn]
PERSONAS = ("alice", "bob", "tara", "cole", "ada", "eve", "tim")
OWN_API = "/api/v1/my-record/healing"

# Reading alice's view (API): tara treats her; alice reads her own.
READS = {"alice": 200, "bob": 404, "tara": 200, "cole": 403, "ada": 403, "eve": 404, "tim": 404}
# Their own view: clients only.
OWN = {"alice": 200, "bob": 200, "tara": 404, "cole": 404, "ada": 404, "eve": 200, "tim": 404}


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_alices_healing_view(sign_in: SignIn, world: World, persona: str) -> None:
    person = sign_in(persona)
    assert person.http.get(view_api(world)).status_code == READS[persona]
    shown = person.http.get(view_page(world), follow_redirects=False)
    if persona == "alice":  # her own page is /healing
        assert (shown.status_code, shown.headers["location"]) == (303, "/healing")
    else:
        assert shown.status_code == READS[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_their_own_healing_view(sign_in: SignIn, world: World, persona: str) -> None:
    person = sign_in(persona)
    assert person.http.get("/healing").status_code == OWN[persona]
    assert person.http.get(OWN_API).status_code == OWN[persona]


def test_signed_out_people_are_sent_to_sign_in(anon: TestClient, world: World) -> None:
    assert anon.get(view_api(world)).status_code == 401
    assert anon.get(OWN_API).status_code == 401
    for url in (view_page(world), "/healing"):
        page = anon.get(url, follow_redirects=False)
        assert (page.status_code, page.headers["location"]) == (303, "/login")


def test_cole_is_refused_even_with_everything_shared(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    for category in SHARED_CATEGORIES:
        share(alice, world, "cole", category.value)
    cole = sign_in("cole")
    assert cole.http.get(view_api(world)).status_code == 403
    assert cole.http.get(view_page(world)).status_code == 403
    client_page = cole.http.get(f"/clients/{world.alice.id}").text
    assert view_page(world) not in client_page


def test_tim_reads_eves_view_and_not_alices(sign_in: SignIn, world: World) -> None:
    tim = sign_in("tim")
    assert tim.http.get(f"/api/v1/clients/{world.eve.id}/healing").status_code == 200
    assert tim.http.get(view_api(world)).status_code == 404
    assert sign_in("tara").http.get(f"/api/v1/clients/{world.eve.id}/healing").status_code == 404


def sections(found: dict[str, Any]) -> dict[str, bool]:
    return {k: found[k]["shared"] for k in ("measures", "jar", "goals", "insights") if k in found}


def test_tara_sees_each_section_only_if_alice_shares_it(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_measures(db, world)
    tara = sign_in("tara")
    found = tara.http.get(view_api(world)).json()
    # A therapist's treatment access is on by default for measures, coping, goals.
    assert sections(found) == {"measures": True, "jar": True, "goals": True, "insights": True}
    assert found["summary"] and found["measures"]["symptoms"]
    alice = sign_in("alice")
    for category in ("measures", "coping", "goals_homework"):
        share(alice, world, "tara", category, granted=False)
    found = tara.http.get(view_api(world)).json()
    assert sections(found) == {"measures": False, "jar": False, "goals": False, "insights": False}
    assert found["summary"] == [] and set(found["measures"]) == {"shared"}
    page = tara.http.get(view_page(world)).text
    assert page.count("Not shared with you") >= 5
    assert "PHQ-9 from" not in page and "chart-symptom-phq9" not in page


def test_only_measures_shared_shows_only_measures(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_measures(db, world)
    alice = sign_in("alice")
    share(alice, world, "tara", "coping", granted=False)
    found = sign_in("tara").http.get(view_api(world)).json()
    assert sections(found) == {"measures": True, "jar": False, "goals": True, "insights": False}


def test_alice_reads_hers_without_the_clinicians_findings(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_measures(db, world)
    alice = sign_in("alice")
    for url in (view_api(world), OWN_API):
        found = alice.http.get(url).json()
        assert set(found) == {"client_id", "stage", "summary", "measures", "jar", "goals"}
        assert sections(found) == {"measures": True, "jar": True, "goals": True}
    page = alice.http.get("/healing").text
    assert "Worth discussing" not in page and "Not shared with you" not in page


def audit_actions(db: Session, world: World) -> list[tuple[str, str, dict[str, str] | None]]:
    db.rollback()
    query = select(AuditEntry).where(AuditEntry.subject_client_id == world.alice.id)
    return [(e.action, e.outcome, e.detail) for e in db.scalars(query.order_by(AuditEntry.seq))]


def test_every_read_is_audited_with_what_it_showed(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    assert tara.http.get(view_page(world)).status_code == 200
    via = {"relation": "treating", "via": "healing"}
    assert audit_actions(db, world) == [
        ("healing.read", "allowed", {"relation": "treating"}),
        ("measures.read", "allowed", via),
        ("coping.read", "allowed", via),
        ("goals_homework.read", "allowed", via),
    ]


def test_a_refused_look_is_audited(sign_in: SignIn, world: World, db: Session) -> None:
    assert sign_in("ada").http.get(view_api(world)).status_code == 403
    assert audit_actions(db, world) == [("healing.read", "denied", None)]


def test_alices_own_read_is_on_her_record(sign_in: SignIn, world: World, db: Session) -> None:
    assert sign_in("alice").http.get(OWN_API).status_code == 200
    actions = [a for a, _, _ in audit_actions(db, world)]
    assert actions == ["healing.read", "measures.read", "coping.read", "goals_homework.read"]
