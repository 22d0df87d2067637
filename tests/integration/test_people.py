"""Admins manage people and roles; nobody else can."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mend.accounts.models import User
from mend.accounts.passwords import make_hasher
from mend.accounts.service import check_password
from mend.settings import Settings
from tests.conftest import PASSWORD, World, enable_mfa


def test_ada_adds_a_coach_through_the_form(sign_in) -> None:
    ada = sign_in("ada")
    response = ada.post_form(
        "/admin/people",
        {
            "display_name": "Cora",
            "email": "cora@example.org",
            "role": "coach",
            "password": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 303
    assert "cora@example.org" in ada.http.get("/admin/people").text


def test_a_form_error_is_shown_in_plain_words(sign_in) -> None:
    response = sign_in("ada").post_form(
        "/admin/people",
        {"display_name": "Cora", "email": "cora@example.org", "role": "coach", "password": "short"},
    )
    assert response.status_code == 422 and "at least 12 characters" in response.text


def test_only_admins_manage_people(sign_in) -> None:
    for name in ("alice", "tara", "cole"):
        assert sign_in(name).http.get("/api/v1/people").status_code == 403


def test_people_lists_only_this_organisation(sign_in) -> None:
    emails = {p["email"] for p in sign_in("ada").http.get("/api/v1/people").json()}
    assert "alice@example.org" in emails and "eve@example.org" not in emails


def test_admins_cannot_change_their_own_role(sign_in, world: World) -> None:
    response = sign_in("ada").send(
        "PUT", f"/api/v1/people/{world.ada.id}/role", json={"role": "client"}
    )
    assert response.status_code == 422


def test_another_organisations_person_is_not_found(sign_in, world: World) -> None:
    response = sign_in("ada").send(
        "PUT", f"/api/v1/people/{world.tim.id}/role", json={"role": "coach"}
    )
    assert response.status_code == 404


def test_enforcing_mfa_is_an_org_setting(sign_in) -> None:
    ada = sign_in("ada")
    assert ada.post_form("/admin/settings", {"mfa_required": "true"}).status_code == 303
    assert "checked" in ada.http.get("/admin/settings").text


def test_password_hash_is_upgraded_when_parameters_change(
    world: World, db: Session, settings: Settings
) -> None:
    stronger = make_hasher(time_cost=2, memory_cost=128, parallelism=1)
    user = db.get(User, world.alice.user_id)
    assert user is not None and "m=64,t=1" in user.password_hash
    result = check_password(
        db,
        reader=db,
        email="alice@example.org",
        password=PASSWORD,
        ip="t",
        hasher=stronger,
        settings=settings,
        now=world.riverside.created_at,
    )
    assert result.ok and "m=128,t=2" in user.password_hash


def test_a_password_change_needs_the_current_one_and_signs_out_elsewhere(
    sign_in, world: World
) -> None:
    laptop, phone = sign_in("alice"), sign_in("alice")
    wrong = laptop.send(
        "PUT",
        "/api/v1/me/password",
        json={"current_password": "nope", "new_password": "a new and unusual phrase"},
    )
    assert wrong.status_code == 422 and "current_password" in wrong.json()["error"]["fields"]
    weak = laptop.send(
        "PUT",
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "qwerty123456"},
    )
    assert weak.status_code == 422 and "new_password" in weak.json()["error"]["fields"]
    ok = laptop.send(
        "PUT",
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a new and unusual phrase"},
    )
    assert ok.status_code == 204
    assert laptop.http.get("/api/v1/me").status_code == 200
    assert phone.http.get("/api/v1/me").status_code == 401


def test_the_password_page_changes_it(sign_in) -> None:
    alice = sign_in("alice")
    page = alice.post_form(
        "/account/password",
        {"current_password": PASSWORD, "new_password": "a new and unusual phrase"},
    )
    assert page.status_code == 200 and "Your password is changed" in page.text


def test_ada_resets_a_forgotten_password_and_old_sessions_end(sign_in, world: World, anon) -> None:  # type: ignore[no-untyped-def]
    alice = sign_in("alice")
    ada = sign_in("ada")
    response = ada.send(
        "PUT",
        f"/api/v1/people/{world.alice.id}/password",
        json={"password": "a fresh start for alice"},
    )
    assert response.status_code == 204
    assert alice.http.get("/api/v1/me").status_code == 401
    token = anon.post(
        "/api/v1/auth/token",
        json={"email": "alice@example.org", "password": "a fresh start for alice"},
    )
    assert token.status_code == 201


def test_ada_resets_two_step_sign_in(sign_in, world: World, db: Session) -> None:

    enable_mfa(db, world.tara)
    assert sign_in("ada").post_form(f"/admin/people/{world.tara.id}/mfa-reset").status_code == 303
    db.expire_all()
    assert db.get(User, world.tara.user_id).totp_enabled_at is None  # type: ignore[union-attr]


def test_ending_a_role_signs_the_person_out_for_good(sign_in, world: World, anon) -> None:  # type: ignore[no-untyped-def]
    cole = sign_in("cole")
    assert sign_in("ada").send("DELETE", f"/api/v1/people/{world.cole.id}").status_code == 204
    assert cole.http.get("/api/v1/me").status_code == 401
    again = anon.post(
        "/api/v1/auth/token", json={"email": "cole@example.org", "password": PASSWORD}
    )
    assert again.status_code == 401


def test_an_email_from_another_organisation_is_not_taken_over(sign_in) -> None:
    response = sign_in("ada").send(
        "POST",
        "/api/v1/people",
        json={
            "email": "eve@example.org",
            "display_name": "Eve",
            "role": "client",
            "password": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 422 and "elsewhere" in response.json()["error"]["message"]


def test_admins_cannot_reset_people_of_another_organisation(sign_in, world: World) -> None:
    ada = sign_in("ada")
    assert (
        ada.send(
            "PUT",
            f"/api/v1/people/{world.eve.id}/password",
            json={"password": "a fresh start for eve"},
        ).status_code
        == 404
    )


def test_wrong_current_passwords_are_throttled_and_audited(
    sign_in, world: World, db: Session
) -> None:
    from sqlalchemy import select

    from mend.audit.models import AuditEntry

    alice = sign_in("alice")
    body = {"current_password": "a guess at it", "new_password": "a new and unusual phrase"}
    for _ in range(5):
        assert alice.send("PUT", "/api/v1/me/password", json=body).status_code == 422
    assert alice.send("PUT", "/api/v1/me/password", json=body).status_code == 429
    db.expire_all()
    refused = db.scalars(select(AuditEntry).where(AuditEntry.action == "password.change")).all()
    assert [e.outcome for e in refused] == ["denied"] * 5


def test_ending_a_role_takes_them_off_care_teams(sign_in, world: World) -> None:
    sign_in("ada").send("DELETE", f"/api/v1/people/{world.cole.id}")
    team = sign_in("alice").http.get(f"/api/v1/clients/{world.alice.id}/team").json()
    assert [m["display_name"] for m in team] == ["Tara"]
    people = sign_in("ada").http.get("/api/v1/people").json()
    assert next(p for p in people if p["email"] == "cole@example.org")["ended_at"]
