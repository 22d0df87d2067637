"""Cookie-authenticated writes need the session's CSRF token; nothing is written without it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.care.models import ConsentChange
from tests.conftest import PASSWORD, World


@pytest.mark.parametrize("token", [None, "", "forged-token-value"])
def test_consent_form_without_the_right_token_is_refused(
    sign_in, world: World, db: Session, token: str | None
) -> None:
    alice = sign_in("alice")
    data = {"member_id": world.cole.id, "category": "coping", "granted": "true"}
    if token is not None:
        data["csrf_token"] = token
    response = alice.http.post("/consent", data=data, follow_redirects=False)
    assert response.status_code == 403
    assert db.scalars(select(ConsentChange)).all() == []


def test_json_writes_with_a_cookie_need_the_header(sign_in, world: World) -> None:
    alice = sign_in("alice")
    body = {"member_id": world.cole.id, "category": "coping", "granted": True}
    refused = alice.http.put(f"/api/v1/clients/{world.alice.id}/consent", json=body)
    assert refused.status_code == 403
    assert refused.json()["error"] == {
        "code": "csrf_failed",
        "fields": {"csrf_token": "missing or does not match"},
        "message": refused.json()["error"]["message"],
    }
    assert (
        alice.send("PUT", f"/api/v1/clients/{world.alice.id}/consent", json=body).status_code == 200
    )


def test_another_sessions_token_does_not_work(sign_in, world: World) -> None:
    alice, bob = sign_in("alice"), sign_in("bob")
    response = alice.http.post("/logout", data={"csrf_token": bob.csrf}, follow_redirects=False)
    assert response.status_code == 403


def test_the_login_form_needs_its_token(anon: TestClient, world: World) -> None:
    anon.get("/login")
    response = anon.post(
        "/login", data={"email": "alice@example.org", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert response.status_code == 403


def test_the_login_token_is_bound_to_its_cookie(anon: TestClient, world: World) -> None:
    page = anon.get("/login").text
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    anon.cookies.clear()
    anon.get("/healthz")
    response = anon.post(
        "/login", data={"email": "alice@example.org", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 403
