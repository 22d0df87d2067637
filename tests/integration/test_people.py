"""Admins manage people and roles; nobody else can."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mend.accounts.models import User
from mend.accounts.passwords import make_hasher
from mend.accounts.service import check_password
from mend.settings import Settings
from tests.conftest import PASSWORD, World


def test_ada_adds_a_coach_through_the_form(sign_in) -> None:
    ada = sign_in("ada")
    response = ada.post_form("/admin/people", {"display_name": "Cora", "email": "cora@example.org",
                                               "role": "coach", "password": "a long and unusual passphrase"})
    assert response.status_code == 303
    assert "cora@example.org" in ada.http.get("/admin/people").text


def test_a_form_error_is_shown_in_plain_words(sign_in) -> None:
    response = sign_in("ada").post_form("/admin/people", {
        "display_name": "Cora", "email": "cora@example.org", "role": "coach", "password": "short"})
    assert response.status_code == 422 and "at least 12 characters" in response.text


def test_only_admins_manage_people(sign_in) -> None:
    for name in ("alice", "tara", "cole"):
        assert sign_in(name).http.get("/api/v1/people").status_code == 403


def test_people_lists_only_this_organisation(sign_in) -> None:
    emails = {p["email"] for p in sign_in("ada").http.get("/api/v1/people").json()}
    assert "alice@example.org" in emails and "eve@example.org" not in emails


def test_admins_cannot_change_their_own_role(sign_in, world: World) -> None:
    response = sign_in("ada").send("PUT", f"/api/v1/people/{world.ada.id}/role", json={"role": "client"})
    assert response.status_code == 422


def test_another_organisations_person_is_not_found(sign_in, world: World) -> None:
    response = sign_in("ada").send("PUT", f"/api/v1/people/{world.tim.id}/role", json={"role": "coach"})
    assert response.status_code == 404


def test_enforcing_mfa_is_an_org_setting(sign_in) -> None:
    ada = sign_in("ada")
    assert ada.post_form("/admin/settings", {"mfa_required": "true"}).status_code == 303
    assert "checked" in ada.http.get("/admin/settings").text


def test_password_hash_is_upgraded_when_parameters_change(world: World, db: Session,
                                                          settings: Settings) -> None:
    stronger = make_hasher(time_cost=2, memory_cost=128, parallelism=1)
    user = db.get(User, world.alice.user_id)
    assert user is not None and "m=64,t=1" in user.password_hash
    result = check_password(db, email="alice@example.org", password=PASSWORD, ip="t",
                            hasher=stronger, settings=settings, now=world.riverside.created_at)
    assert result.ok and "m=128,t=2" in user.password_hash
