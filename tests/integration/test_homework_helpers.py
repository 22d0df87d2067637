"""Shared by the homework tests (no tests here): share a category, set homework,
log a practice moment, move the frozen clock and sign in again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from tests.conftest import T0
from tests.integration.conftest import SignedIn
from tests.integration.sharing import share as share

API = "/api/v1"
SignIn = Callable[[str], SignedIn]
IN_3_DAYS = (T0 + timedelta(days=3)).isoformat()
IN_A_WEEK = (T0 + timedelta(days=7)).isoformat()


def worksheet(**extra: Any) -> dict[str, Any]:
    return {"kind": "worksheet", "title": "Thought record", "due_at": IN_3_DAYS} | extra


def practice(item_id: str, target: int = 3, **extra: Any) -> dict[str, Any]:
    body = {"kind": "practice", "jar_item_id": item_id, "target_count": target}
    return body | {"due_at": IN_A_WEEK} | extra


def assign(person: SignedIn, client_id: str, body: dict[str, Any]) -> Any:
    return person.send("POST", f"{API}/clients/{client_id}/homework", json=body)


def assigned(person: SignedIn, client_id: str, body: dict[str, Any]) -> dict[str, Any]:
    response = assign(person, client_id, body)
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


def add_to_jar(person: SignedIn, strategy: str, **extra: Any) -> str:
    response = person.send("POST", f"{API}/jar", json={"strategy": strategy, **extra})
    assert response.status_code == 201, response.text
    item_id: str = response.json()["id"]
    return item_id


def log_use(person: SignedIn, item_ids: list[str], occurred_at: datetime, key: str) -> Any:
    """A coping moment through the real coping API, using these jar items."""
    body = {
        "idempotency_key": key,
        "occurred_at": occurred_at.isoformat(),
        "distress_before": 6,
        "distress_after": 3,
        "stressor_category": "work",
        "strategy_ids": item_ids,
    }
    response = person.send("POST", f"{API}/moments", json=body)
    assert response.status_code == 201, response.text
    return response


def one(person: SignedIn, homework_id: str) -> dict[str, Any]:
    response = person.http.get(f"{API}/homework/{homework_id}")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found
