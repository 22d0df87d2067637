"""Admins put therapists and coaches on a client's care team."""

from __future__ import annotations

from tests.conftest import World


def test_ada_adds_and_removes_a_coach(sign_in, world: World) -> None:
    ada = sign_in("ada")
    url = f"/api/v1/clients/{world.bob.id}/team"
    added = ada.send("POST", url, json={"member_id": world.cole.id})
    assert added.status_code == 201 and [m["role"] for m in added.json()] == ["coach"]
    cole = sign_in("cole")
    assert cole.http.get(f"/api/v1/clients/{world.bob.id}").status_code == 200
    assert ada.send("DELETE", f"{url}/{world.cole.id}").status_code == 204
    assert cole.http.get(f"/api/v1/clients/{world.bob.id}").status_code == 404


def test_the_team_page_adds_through_a_form(sign_in, world: World) -> None:
    ada = sign_in("ada")
    assert "Cole" in ada.http.get(f"/clients/{world.bob.id}/team").text
    assert (
        ada.post_form(f"/clients/{world.bob.id}/team", {"member_id": world.tara.id}).status_code
        == 303
    )
    assert "Bob" in sign_in("tara").http.get("/caseload").text


def test_only_practitioners_of_the_same_organisation_join(sign_in, world: World) -> None:
    ada = sign_in("ada")
    url = f"/api/v1/clients/{world.bob.id}/team"
    for member in (world.tim.id, world.alice.id, world.ada.id, "no-such-person"):
        response = ada.send("POST", url, json={"member_id": member})
        assert response.status_code == 422 and "member_id" in response.json()["error"]["fields"]


def test_nobody_is_added_twice(sign_in, world: World) -> None:
    ada = sign_in("ada")
    response = ada.send(
        "POST", f"/api/v1/clients/{world.alice.id}/team", json={"member_id": world.tara.id}
    )
    assert response.status_code == 422


def test_practitioners_cannot_change_teams(sign_in, world: World) -> None:
    tara = sign_in("tara")
    response = tara.send(
        "POST", f"/api/v1/clients/{world.alice.id}/team", json={"member_id": world.cole.id}
    )
    assert response.status_code == 403


def test_a_client_sees_their_team(sign_in, world: World) -> None:
    team = sign_in("alice").http.get(f"/api/v1/clients/{world.alice.id}/team").json()
    assert sorted(m["display_name"] for m in team) == ["Cole", "Tara"]
