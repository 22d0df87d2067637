"""The client decides what each team member sees; changes apply on the next request."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.care.models import ConsentChange
from tests.conftest import World


def shared(alice, world: World, member: str) -> dict[str, tuple[bool, bool]]:  # type: ignore[no-untyped-def]
    rows = alice.http.get(f"/api/v1/clients/{world.alice.id}/consent").json()
    member_id = world.person(member).id
    return {
        r["category"]: (r["granted"], r["by_default"]) for r in rows if r["member_id"] == member_id
    }


def test_the_therapist_has_treatment_access_by_default_but_not_the_journal(
    sign_in, world: World
) -> None:
    state = shared(sign_in("alice"), world, "tara")
    assert state == {
        "coping": (True, True),
        "measures": (True, True),
        "safety_plan": (True, True),
        "goals_homework": (True, True),
        "journal": (False, True),
        "consultation": (False, True),
    }


def test_a_coach_starts_with_nothing(sign_in, world: World) -> None:
    assert all(not granted for granted, _ in shared(sign_in("alice"), world, "cole").values())


def test_the_consent_page_shows_defaults_to_the_client(sign_in) -> None:
    page = sign_in("alice").http.get("/consent").text
    assert "treatment access is on by default" in page and "(default)" in page


def test_sharing_and_revoking_take_effect_on_the_next_request(sign_in, world: World) -> None:
    alice, cole = sign_in("alice"), sign_in("cole")
    body = {"member_id": world.cole.id, "category": "coping", "granted": True}
    assert (
        alice.send("PUT", f"/api/v1/clients/{world.alice.id}/consent", json=body).status_code == 200
    )
    assert "Coping jar" in cole.http.get(f"/clients/{world.alice.id}").text
    assert shared(alice, world, "cole")["coping"] == (True, False)
    body["granted"] = False
    alice.send("PUT", f"/api/v1/clients/{world.alice.id}/consent", json=body)
    assert shared(alice, world, "cole")["coping"] == (False, False)


def test_revoking_a_therapist_category_is_respected(sign_in, world: World) -> None:
    alice = sign_in("alice")
    body = {"member_id": world.tara.id, "category": "measures", "granted": False}
    alice.send("PUT", f"/api/v1/clients/{world.alice.id}/consent", json=body)
    assert shared(alice, world, "tara")["measures"] == (False, False)


def test_every_change_is_versioned_with_who_and_when(sign_in, world: World, db: Session) -> None:
    alice = sign_in("alice")
    for granted in (True, False, True):
        alice.post_form(
            "/consent",
            {"member_id": world.cole.id, "category": "journal", "granted": str(granted).lower()},
        )
    db.expire_all()
    rows = db.scalars(select(ConsentChange).order_by(ConsentChange.version)).all()
    assert [(r.version, r.granted, r.changed_by) for r in rows] == [
        (1, True, world.alice.id),
        (2, False, world.alice.id),
        (3, True, world.alice.id),
    ]
    audit = db.scalars(select(AuditEntry).where(AuditEntry.action == "consent.change")).all()
    assert [a.detail["version"] for a in audit] == ["1", "2", "3"]  # type: ignore[index]


def test_only_the_client_changes_consent(sign_in, world: World) -> None:
    body = {"member_id": world.cole.id, "category": "coping", "granted": True}
    for name in ("tara", "cole", "ada"):
        person = sign_in(name)
        response = person.send("PUT", f"/api/v1/clients/{world.alice.id}/consent", json=body)
        assert response.status_code == 403, name
    assert (
        sign_in("bob")
        .send("PUT", f"/api/v1/clients/{world.alice.id}/consent", json=body)
        .status_code
        == 404
    )


def test_consent_for_someone_not_on_the_team_is_refused(sign_in, world: World, db: Session) -> None:
    alice = sign_in("alice")
    body = {"member_id": world.tim.id, "category": "coping", "granted": True}
    response = alice.send("PUT", f"/api/v1/clients/{world.alice.id}/consent", json=body)
    assert response.status_code == 422 and "member_id" in response.json()["error"]["fields"]
    db.expire_all()
    assert db.scalars(select(ConsentChange)).all() == []


def test_a_non_consent_category_is_refused(sign_in, world: World) -> None:
    body = {"member_id": world.cole.id, "category": "access_log", "granted": True}
    response = sign_in("alice").send("PUT", f"/api/v1/clients/{world.alice.id}/consent", json=body)
    assert response.status_code == 422 and "category" in response.json()["error"]["fields"]


def test_team_members_see_only_what_is_shared_with_them(sign_in, world: World) -> None:
    rows = sign_in("cole").http.get(f"/api/v1/clients/{world.alice.id}/consent").json()
    assert rows and {r["member_id"] for r in rows} == {world.cole.id}
    rows = sign_in("alice").http.get(f"/api/v1/clients/{world.alice.id}/consent").json()
    assert {r["member_id"] for r in rows} == {world.cole.id, world.tara.id}
