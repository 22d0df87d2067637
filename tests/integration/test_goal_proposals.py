"""Suggestions: Tara and Cole (once alice shares goals with him) may suggest a
goal; it is marked as a suggestion everywhere and is not alice's goal until
she accepts it. Only alice answers: anyone else accepting is refused, and a
suggestion changed since she read it is a 409, never a silent yes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.care.goals import service
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_goal_support import API, WALK, act, create, created, rows, share

SignIn = Callable[[str], SignedIn]


def test_a_suggestion_from_tara_waits_for_alice(sign_in: SignIn, world: World) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    goal = created(tara, world.alice, **WALK)
    assert goal["status"] == "proposed" and goal["is_proposal"] and not goal["is_goal"]
    assert goal["proposed_by"] == {"id": world.tara.id, "name": "Tara", "role": "therapist"}
    assert goal["accepted_at"] is None
    mine = alice.http.get(f"{API}/goals").json()
    assert [(g["id"], g["status"], g["proposed_by"]["name"]) for g in mine] == [
        (goal["id"], "proposed", "Tara")
    ]


def test_cole_suggests_only_once_alice_shares_goals_with_him(
    sign_in: SignIn, world: World, db: Session
) -> None:
    cole, alice = sign_in("cole"), sign_in("alice")
    refused = create(cole, world.alice)
    assert refused.status_code == 403 and "has not shared" in refused.json()["error"]["message"]
    assert rows(db) == (0, 0, 0)
    share(alice, world)
    goal = created(cole, world.alice)
    assert goal["status"] == "proposed" and goal["proposed_by"]["name"] == "Cole"


@pytest.mark.parametrize(
    ("persona", "status"), [("bob", 404), ("ada", 403), ("eve", 404), ("tim", 404)]
)
def test_no_one_else_suggests_a_goal_for_alice(
    sign_in: SignIn, world: World, db: Session, persona: str, status: int
) -> None:
    assert create(sign_in(persona), world.alice).status_code == status
    assert rows(db) == (0, 0, 0)


def test_alice_accepts_and_it_becomes_her_goal(sign_in: SignIn, world: World) -> None:
    goal = created(sign_in("tara"), world.alice, **WALK)
    alice = sign_in("alice")
    accepted = act(alice, goal, "accept")
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["status"] == "active" and body["is_goal"] and not body["is_proposal"]
    assert body["accepted_at"] == "2026-03-02T09:30:00+00:00" and body["version"] == 2
    assert body["proposed_by"]["name"] == "Tara"


@pytest.mark.parametrize("persona", ["tara", "cole"])
def test_the_care_team_cannot_accept_for_alice(
    sign_in: SignIn, world: World, db: Session, persona: str
) -> None:
    share(sign_in("alice"), world)
    goal = created(sign_in("tara"), world.alice)
    for what in ("accept", "decline"):
        refused = act(sign_in(persona), goal, what)
        assert refused.status_code == 403
        assert "Only Alice can" in refused.json()["error"]["message"]
    detail = sign_in("alice").http.get(f"{API}/goals/{goal['id']}").json()
    assert detail["status"] == "proposed" and detail["version"] == 1
    db.rollback()
    denied = db.query(AuditEntry).filter(AuditEntry.outcome == "denied").all()
    assert {(e.action, e.resource_id) for e in denied} == {("goals_homework.write", goal["id"])}


@pytest.mark.parametrize("persona", ["bob", "eve", "tim"])
def test_accepting_someone_elses_suggestion_is_not_found(
    sign_in: SignIn, world: World, persona: str
) -> None:
    goal = created(sign_in("tara"), world.alice)
    assert act(sign_in(persona), goal, "accept").status_code == 404
    assert sign_in("alice").http.get(f"{API}/goals/{goal['id']}").json()["status"] == "proposed"


def test_ada_the_admin_may_not_accept(sign_in: SignIn, world: World) -> None:
    goal = created(sign_in("tara"), world.alice)
    assert act(sign_in("ada"), goal, "accept").status_code == 403


def test_alice_says_not_now_and_can_still_take_it_on(sign_in: SignIn, world: World) -> None:
    goal = created(sign_in("tara"), world.alice)
    alice = sign_in("alice")
    declined = act(alice, goal, "decline").json()
    assert declined["status"] == "declined" and not declined["is_goal"]
    assert declined["is_proposal"]
    assert act(alice, declined, "decline").status_code == 409
    taken = act(alice, declined, "accept").json()
    assert taken["status"] == "active" and taken["is_goal"]
    assert act(alice, taken, "accept").status_code == 409


def test_a_suggestion_changed_since_alice_read_it_is_a_conflict(
    sign_in: SignIn, world: World
) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    read = created(tara, world.alice, title="Walk twice a week")
    edit = {"version": 1, "title": "Walk five times a week"}
    assert tara.send("PATCH", f"{API}/goals/{read['id']}", json=edit).status_code == 200
    stale = act(alice, read, "accept")
    assert stale.status_code == 409
    body = stale.json()
    assert "version" in body["error"]["fields"]
    assert body["current_version"] == 2
    assert body["current"]["title"] == "Walk five times a week"
    assert body["current"]["status"] == "proposed"
    assert act(alice, body["current"], "accept").json()["status"] == "active"


def test_a_suggestion_is_not_counted_as_alices_goal(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    created(tara, world.alice, title="Suggested")
    created(alice, title="My own")
    db.rollback()
    summary = service.summaries(db, client_ids=[world.alice.id])[world.alice.id]
    assert (summary.active, summary.proposed) == (1, 1)
    page = tara.http.get(f"/clients/{world.alice.id}/goals").text
    assert "1 goal of their own" in page and "1 suggestion waiting" in page


def test_the_version_is_needed_to_answer(sign_in: SignIn, world: World, db: Session) -> None:
    goal = created(sign_in("tara"), world.alice)
    alice = sign_in("alice")
    for body in ({}, {"version": "1"}, {"version": 0}, {"version": 1, "extra": True}):
        response = alice.send("POST", f"{API}/goals/{goal['id']}/accept", json=body)
        assert response.status_code == 422, body
    assert alice.http.get(f"{API}/goals/{goal['id']}").json()["status"] == "proposed"
