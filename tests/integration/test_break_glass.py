"""Emergency access: needs a reason, is read-only, ends on time, and is reviewed."""

from __future__ import annotations

import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.care.models import BreakGlass
from tests.conftest import World

REASON = "Client called the front desk in distress; therapist unreachable."


def test_ada_opens_read_only_access_for_an_hour(
    sign_in, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    ada = sign_in("ada")
    assert ada.http.get(f"/api/v1/clients/{world.alice.id}/consent").status_code == 200
    response = ada.post_form("/break-glass", {"client_id": world.alice.id, "reason": REASON})
    assert response.headers["location"] == f"/clients/{world.alice.id}"
    assert "emergency access" in ada.http.get(f"/clients/{world.alice.id}").text
    assert (
        ada.send(
            "PUT",
            f"/api/v1/clients/{world.alice.id}/consent",
            json={"member_id": world.cole.id, "category": "coping", "granted": True},
        ).status_code
        == 403
    )
    clock.shift(60 * 60 + 1)
    ada = sign_in("ada")
    assert "emergency access" not in ada.http.get(f"/clients/{world.alice.id}").text


def test_a_therapist_outside_the_team_can_break_glass(sign_in, world: World) -> None:
    tara = sign_in("tara")
    assert tara.http.get(f"/clients/{world.bob.id}").status_code == 404
    assert (
        tara.send(
            "POST", "/api/v1/break-glass", json={"client_id": world.bob.id, "reason": REASON}
        ).status_code
        == 201
    )
    assert tara.http.get(f"/clients/{world.bob.id}").status_code == 200


def test_a_reason_is_required(sign_in, world: World, db: Session) -> None:
    response = sign_in("ada").send(
        "POST", "/api/v1/break-glass", json={"client_id": world.alice.id, "reason": "   because  "}
    )
    assert response.status_code == 422 and "reason" in response.json()["error"]["fields"]
    assert db.scalars(select(BreakGlass)).all() == []


def test_coaches_and_clients_cannot_break_glass(sign_in, world: World) -> None:
    for name in ("cole", "bob"):
        response = sign_in(name).send(
            "POST", "/api/v1/break-glass", json={"client_id": world.alice.id, "reason": REASON}
        )
        assert response.status_code == 403


def test_another_organisations_client_is_not_found(sign_in, world: World) -> None:
    response = sign_in("ada").send(
        "POST", "/api/v1/break-glass", json={"client_id": world.eve.id, "reason": REASON}
    )
    assert response.status_code == 404


def test_use_is_flagged_and_reviewed_by_someone_else(sign_in, world: World, db: Session) -> None:
    tara = sign_in("tara")
    tara.send("POST", "/api/v1/break-glass", json={"client_id": world.bob.id, "reason": REASON})
    ada = sign_in("ada")
    page = ada.http.get("/admin/break-glass").text
    assert "Needs review" in page and REASON in page
    grant = db.scalars(select(BreakGlass)).one()
    assert ada.post_form(f"/admin/break-glass/{grant.id}/review").status_code == 303
    assert "Reviewed" in ada.http.get("/admin/break-glass").text
    db.expire_all()
    flagged = db.scalars(select(AuditEntry).where(AuditEntry.action == "break_glass.start")).one()
    assert flagged.detail == {"flag": "needs_review"}


def test_nobody_reviews_their_own_emergency_access(sign_in, world: World, db: Session) -> None:
    ada = sign_in("ada")
    ada.post_form("/break-glass", {"client_id": world.alice.id, "reason": REASON})
    grant = db.scalars(select(BreakGlass)).one()
    assert ada.post_form(f"/admin/break-glass/{grant.id}/review").status_code == 422
