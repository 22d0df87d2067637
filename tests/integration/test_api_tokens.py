"""Bearer tokens for API clients: issued, used, expiring, revocable."""

from __future__ import annotations

import time_machine
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from mend.accounts import totp
from mend.clock import utcnow
from tests.conftest import PASSWORD, World, enable_mfa


def issue(http: TestClient, email: str = "alice@example.org", **extra: str) -> str:
    response = http.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD, **extra})
    assert response.status_code == 201, response.text
    return str(response.json()["token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_works_without_cookies_or_csrf(anon: TestClient, world: World) -> None:
    token = issue(anon)
    me = anon.get("/api/v1/me", headers=bearer(token))
    assert me.status_code == 200 and me.json()["role"] == "client"
    change = anon.put(
        f"/api/v1/clients/{world.alice.id}/consent",
        headers=bearer(token),
        json={"member_id": world.cole.id, "category": "coping", "granted": True},
    )
    assert change.status_code == 200


def test_tokens_expire(anon: TestClient, world: World, clock: time_machine.Coordinates) -> None:
    token = issue(anon)
    clock.shift(12 * 3600 + 1)
    assert anon.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_a_revoked_token_stops_working(anon: TestClient, world: World) -> None:
    token = issue(anon)
    assert anon.delete("/api/v1/auth/token", headers=bearer(token)).status_code == 204
    assert anon.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_a_forged_token_is_refused(anon: TestClient, world: World) -> None:
    assert anon.get("/api/v1/me", headers=bearer("mend_forged")).status_code == 401


def test_mfa_users_need_a_code_for_a_token(
    anon: TestClient, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    secret = enable_mfa(db, world.tara)
    refused = anon.post(
        "/api/v1/auth/token", json={"email": "tara@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 401 and refused.json()["error"]["fields"] == {
        "totp_code": "missing, wrong or already used"
    }
    code = totp.code_at(secret, int(utcnow().timestamp()) // 30)
    assert issue(anon, "tara@example.org", totp_code=code)
