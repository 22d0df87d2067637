"""Failed sign-ins slow down: per account and per IP, with a growing delay."""

from __future__ import annotations

import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from tests.conftest import PASSWORD, World
from tests.integration.conftest import form_login


def token_attempt(http: TestClient, email: str, password: str) -> int:
    body = {"email": email, "password": password}
    return http.post("/api/v1/auth/token", json=body).status_code


def test_five_failures_then_a_wait(
    anon: TestClient, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    for _ in range(5):
        assert token_attempt(anon, "alice@example.org", "wrong-password-guess") == 401
    blocked = anon.post(
        "/api/v1/auth/token", json={"email": "alice@example.org", "password": PASSWORD}
    )
    assert blocked.status_code == 429
    assert blocked.headers["retry-after"] == "30"
    assert blocked.json()["error"]["fields"] == {"email": "too many failed attempts"}
    clock.shift(31)
    assert token_attempt(anon, "alice@example.org", PASSWORD) == 201


def test_the_wait_grows_with_each_further_failure(
    anon: TestClient, world: World, clock: time_machine.Coordinates
) -> None:
    for _ in range(5):
        token_attempt(anon, "alice@example.org", "wrong-password-guess")
    clock.shift(31)
    token_attempt(anon, "alice@example.org", "wrong-password-guess")
    blocked = anon.post(
        "/api/v1/auth/token", json={"email": "alice@example.org", "password": PASSWORD}
    )
    assert blocked.headers["retry-after"] == "60"


def test_throttling_is_audited(anon: TestClient, world: World, db: Session) -> None:
    for _ in range(6):
        token_attempt(anon, "alice@example.org", "wrong-password-guess")
    db.expire_all()
    found = list(db.scalars(select(AuditEntry.action)))
    assert found.count("login.failure") == 5 and found.count("login.throttled") == 1


def test_other_accounts_are_not_held_up(anon: TestClient, world: World) -> None:
    for _ in range(6):
        token_attempt(anon, "alice@example.org", "wrong-password-guess")
    assert token_attempt(anon, "bob@example.org", PASSWORD) == 201


def test_many_failures_from_one_ip_are_throttled(anon: TestClient, world: World) -> None:
    for i in range(20):
        assert token_attempt(anon, f"guess{i}@example.org", "wrong-password-guess") == 401
    assert token_attempt(anon, "bob@example.org", PASSWORD) == 429


def test_the_login_form_shows_the_wait(anon: TestClient, world: World) -> None:
    for _ in range(5):
        form_login(anon, "alice@example.org", "wrong-password-guess")
    page = form_login(anon, "alice@example.org", PASSWORD)
    assert page.status_code == 429 and "wait 30 seconds" in page.text
    assert page.headers["retry-after"] == "30"


def test_a_success_resets_the_account_count(
    anon: TestClient, world: World, clock: time_machine.Coordinates
) -> None:
    for _ in range(4):
        token_attempt(anon, "alice@example.org", "wrong-password-guess")
    clock.shift(1)
    assert token_attempt(anon, "alice@example.org", PASSWORD) == 201
    clock.shift(1)
    for _ in range(4):
        assert token_attempt(anon, "alice@example.org", "wrong-password-guess") == 401
    assert token_attempt(anon, "alice@example.org", PASSWORD) == 201
