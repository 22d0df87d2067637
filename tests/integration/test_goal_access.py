"""Who reaches alice's goals, on every goal route: alice always; Tara by
default (treatment access); Cole only while alice shares goals with him, from
the very next request; bob, eve and tim never know they exist (404); Ada the
admin is told no (403)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_goal_support import API, created, rows, share

SignIn = Callable[[str], SignedIn]


def routes(world: World, goal: dict[str, Any], step_id: str) -> list[tuple[str, str, Any]]:
    """Every goal route about alice, with a body that would be accepted."""
    g, v = goal["id"], goal["version"]
    return [
        ("GET", f"{API}/clients/{world.alice.id}/goals", None),
        ("GET", f"{API}/goals/{g}", None),
        ("GET", f"/clients/{world.alice.id}/goals", None),
        ("GET", f"/goals/{g}", None),
        ("POST", f"{API}/clients/{world.alice.id}/goals", {"title": "Another"}),
        ("PATCH", f"{API}/goals/{g}", {"version": v, "specific": "Mornings"}),
        ("POST", f"{API}/goals/{g}/steps", {"text": "A step"}),
        ("PATCH", f"{API}/goals/{g}/steps/{step_id}", {"done": True}),
        ("POST", f"{API}/goals/{g}/check-ins", {"progress": 5}),
    ]


@pytest.fixture
def walk(sign_in: SignIn, world: World) -> tuple[dict[str, Any], str]:
    alice = sign_in("alice")
    goal = created(alice, title="Walk")
    step = alice.send("POST", f"{API}/goals/{goal['id']}/steps", json={"text": "Shoes"}).json()
    return goal, step["steps"][0]["id"]


@pytest.mark.parametrize(
    ("persona", "status"), [("bob", 404), ("eve", 404), ("tim", 404), ("ada", 403), ("cole", 403)]
)
def test_those_alice_does_not_share_with_are_refused_everywhere(
    sign_in: SignIn,
    world: World,
    db: Session,
    walk: tuple[dict[str, Any], str],
    persona: str,
    status: int,
) -> None:
    person = sign_in(persona)
    before = rows(db)
    for method, url, body in routes(world, *walk):
        response = person.send(method, url, json=body) if body else person.http.get(url)
        assert response.status_code == status, (method, url, response.status_code)
        if status == 404 and url.startswith(API):
            assert "Walk" not in response.text and "Shoes" not in response.text
    assert rows(db) == before


@pytest.mark.parametrize("persona", ["tara", "cole"])
def test_the_care_team_reaches_every_route_while_alice_shares(
    sign_in: SignIn, world: World, db: Session, walk: tuple[dict[str, Any], str], persona: str
) -> None:
    share(sign_in("alice"), world, persona)
    person = sign_in(persona)
    for method, url, body in routes(world, *walk):
        response = person.send(method, url, json=body) if body else person.http.get(url)
        if method == "PATCH" and url.endswith(walk[0]["id"]):
            # An accepted goal's words are alice's alone.
            assert response.status_code == 403, response.text
        else:
            assert response.status_code in (200, 201), (method, url, response.text)
    assert rows(db) == (2, 2, 1)


def test_alice_reaches_every_route(
    sign_in: SignIn, world: World, walk: tuple[dict[str, Any], str]
) -> None:
    alice = sign_in("alice")
    for method, url, body in routes(world, *walk):
        response = alice.send(method, url, json=body) if body else alice.http.get(url)
        assert response.status_code in (200, 201), (method, url, response.text)


def test_stopping_sharing_takes_effect_on_the_next_request(
    sign_in: SignIn, world: World, db: Session, walk: tuple[dict[str, Any], str]
) -> None:
    alice, cole = sign_in("alice"), sign_in("cole")
    goal, _ = walk
    share(alice, world)
    assert cole.http.get(f"{API}/goals/{goal['id']}").status_code == 200
    assert cole.http.get(f"/clients/{world.alice.id}/goals").status_code == 200
    share(alice, world, granted=False)
    for url in (
        f"{API}/goals/{goal['id']}",
        f"{API}/clients/{world.alice.id}/goals",
        f"/clients/{world.alice.id}/goals",
        f"/goals/{goal['id']}",
    ):
        refused = cole.http.get(url)
        assert refused.status_code == 403, url
        assert "Walk" not in refused.text
    check_in = cole.send("POST", f"{API}/goals/{goal['id']}/check-ins", json={"progress": 3})
    assert check_in.status_code == 403
    assert rows(db) == (1, 1, 0)


def test_tara_loses_access_when_alice_turns_it_off(
    sign_in: SignIn, world: World, walk: tuple[dict[str, Any], str]
) -> None:
    alice, tara = sign_in("alice"), sign_in("tara")
    assert tara.http.get(f"{API}/goals/{walk[0]['id']}").status_code == 200
    share(alice, world, "tara", granted=False)
    assert tara.http.get(f"{API}/goals/{walk[0]['id']}").status_code == 403
    assert tara.http.get(f"{API}/clients/{world.alice.id}/goals").status_code == 403


def test_the_own_goals_routes_are_for_clients(sign_in: SignIn) -> None:
    for persona in ("tara", "cole", "ada"):
        person = sign_in(persona)
        assert person.http.get(f"{API}/goals").status_code == 404
        assert person.send("POST", f"{API}/goals", json={"title": "Mine"}).status_code == 404
        assert person.http.get("/goals").status_code == 404


def test_bob_sees_only_his_own_goals(sign_in: SignIn, walk: tuple[dict[str, Any], str]) -> None:
    bob = sign_in("bob")
    created(bob, title="Bob's goal")
    assert [g["title"] for g in bob.http.get(f"{API}/goals").json()] == ["Bob's goal"]


def test_a_goal_id_that_does_not_exist_is_not_found(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    assert alice.http.get(f"{API}/goals/no-such-goal").status_code == 404
    assert alice.http.get("/goals/no-such-goal").status_code == 404


def test_every_read_is_audited(
    sign_in: SignIn, world: World, db: Session, walk: tuple[dict[str, Any], str]
) -> None:
    from mend.audit.models import AuditEntry

    sign_in("tara").http.get(f"{API}/goals/{walk[0]['id']}")
    db.rollback()
    reads = db.query(AuditEntry).filter(
        AuditEntry.action == "goals_homework.read", AuditEntry.actor_user_id == world.tara.user_id
    )
    assert [(e.subject_client_id, e.outcome) for e in reads] == [(world.alice.id, "allowed")]
