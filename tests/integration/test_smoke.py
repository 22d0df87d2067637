from __future__ import annotations

from tests.conftest import World


def test_alice_sees_her_today_page(sign_in, world: World) -> None:
    alice = sign_in("alice")
    page = alice.http.get("/today")
    assert page.status_code == 200
    assert "Tara" in page.text
