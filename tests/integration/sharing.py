"""One way for a test to change what alice shares (no tests here)."""

from __future__ import annotations

from typing import Any

from tests.conftest import World


def share(alice: Any, world: World, member: str, category: str, granted: bool = True) -> None:
    """alice says yes (or no) to ``member`` seeing ``category``, through the consent API."""
    body = {"member_id": world.person(member).id, "category": category, "granted": granted}
    response = alice.send("PUT", f"/api/v1/clients/{world.alice.id}/consent", json=body)
    assert response.status_code == 200, response.text
