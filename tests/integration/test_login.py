"""Signing in and out through the form, with audit entries for each."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.accounts.models import LoginFailure, UserSession
from mend.audit.models import AuditEntry
from mend.web.auth import SESSION_COOKIE
from tests.conftest import PASSWORD, World
from tests.integration.conftest import form_login


def actions(db: Session) -> list[str]:
    db.expire_all()
    return list(db.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


def test_alice_signs_in_and_lands_on_today(anon: TestClient, world: World, db: Session) -> None:
    response = form_login(anon, "alice@example.org", PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert anon.get("/", follow_redirects=False).headers["location"] == "/today"
    assert actions(db) == ["login"]


def test_email_is_not_case_sensitive(anon: TestClient, world: World) -> None:
    assert form_login(anon, "  Alice@Example.ORG ", PASSWORD).status_code == 303


def test_a_wrong_password_is_refused_kindly_and_audited(
    anon: TestClient, world: World, db: Session
) -> None:
    response = form_login(anon, "alice@example.org", "not-the-password-at-all")
    assert response.status_code == 401
    assert "do not match" in response.text and 'role="alert"' in response.text
    assert SESSION_COOKIE not in response.cookies
    assert actions(db) == ["login.failure"]
    assert db.scalar(select(func.count()).select_from(LoginFailure)) == 1


def test_an_unknown_email_looks_the_same_as_a_wrong_password(
    anon: TestClient, world: World
) -> None:
    unknown = form_login(anon, "nobody@example.org", PASSWORD)
    wrong = form_login(anon, "alice@example.org", "not-the-password-at-all")
    assert unknown.status_code == wrong.status_code == 401
    assert "do not match" in unknown.text


def test_signing_in_rotates_the_session(anon: TestClient, world: World, db: Session) -> None:
    form_login(anon, "alice@example.org", PASSWORD)
    first = anon.cookies[SESSION_COOKIE]
    form_login(anon, "alice@example.org", PASSWORD)
    assert anon.cookies[SESSION_COOKIE] != first
    db.expire_all()
    reasons = sorted(str(s.ended_reason) for s in db.scalars(select(UserSession)))
    assert reasons == ["None", "rotated"]


def test_session_ids_are_long_random_and_stored_hashed(
    anon: TestClient, world: World, db: Session
) -> None:
    form_login(anon, "alice@example.org", PASSWORD)
    token = anon.cookies[SESSION_COOKIE]
    assert len(token) >= 32  # 32 random bytes, base64url: 256 bits
    assert db.get(UserSession, token) is None


def test_sign_out_ends_the_session(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    response = alice.post_form("/logout")
    assert response.status_code == 303
    assert alice.http.get("/today", follow_redirects=False).headers["location"] == "/login"
    assert "logout" in actions(db)


def test_pages_need_a_session(anon: TestClient) -> None:
    assert anon.get("/today", follow_redirects=False).headers["location"] == "/login"
    assert anon.get("/api/v1/me").status_code == 401
    assert anon.get("/api/v1/me").json()["error"]["code"] == "not_signed_in"


def test_a_disabled_account_cannot_sign_in(anon: TestClient, world: World, db: Session) -> None:
    from mend.clock import utcnow

    world.alice.user.disabled_at = utcnow()
    db.merge(world.alice.user)
    db.commit()
    assert form_login(anon, "alice@example.org", PASSWORD).status_code == 401
