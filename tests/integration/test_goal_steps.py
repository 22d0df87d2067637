"""Small steps: alice and the team members she shares goals with add steps
and tick them off; a suggestion's steps are its author's and alice's; a
finished goal's steps rest until it is picked up again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_goal_support import API, act, created, fields_of, rows, share

SignIn = Callable[[str], SignedIn]


def add(person: Any, goal: dict[str, Any], text: Any) -> Any:
    return person.send("POST", f"{API}/goals/{goal['id']}/steps", json={"text": text})


def tick(person: Any, goal: dict[str, Any], step_id: str, done: Any) -> Any:
    return person.send("PATCH", f"{API}/goals/{goal['id']}/steps/{step_id}", json={"done": done})


def test_steps_are_added_in_order_and_ticked(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    add(alice, goal, "Trainers by the door")
    steps = add(alice, goal, "  Find a   loop ").json()["steps"]
    assert [(s["text"], s["position"], s["done"]) for s in steps] == [
        ("Trainers by the door", 1, False),
        ("Find a loop", 2, False),
    ]
    done = tick(alice, goal, steps[0]["id"], True).json()["steps"][0]
    assert done["done"] and done["done_at"] == "2026-03-02T09:30:00+00:00"
    again = tick(alice, goal, steps[0]["id"], True).json()["steps"][0]
    assert again["done_at"] == done["done_at"]
    undone = tick(alice, goal, steps[0]["id"], False).json()["steps"][0]
    assert not undone["done"] and undone["done_at"] is None


@pytest.mark.parametrize("persona", ["tara", "cole"])
def test_the_care_team_adds_and_ticks_steps_on_alices_goal(
    sign_in: SignIn, world: World, persona: str
) -> None:
    alice = sign_in("alice")
    share(alice, world)
    goal = created(alice)
    person = sign_in(persona)
    steps = add(person, goal, "Ask Jo to come along").json()["steps"]
    assert tick(person, goal, steps[0]["id"], True).status_code == 200


def test_a_suggestions_steps_are_its_authors_and_alices(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    share(alice, world)
    tara, cole = sign_in("tara"), sign_in("cole")
    goal = created(tara, world.alice)
    assert add(tara, goal, "Tara's step").status_code == 201
    assert add(alice, goal, "Alice's step").status_code == 201
    assert add(cole, goal, "Cole's step").status_code == 403
    assert rows(db) == (1, 2, 0)


@pytest.mark.parametrize(
    ("text", "field"),
    [("", "text"), ("   ", "text"), ("s" * 201, "text"), (None, "text"), (7, "text")],
)
def test_bad_steps_are_refused(sign_in: SignIn, db: Session, text: Any, field: str) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    response = add(alice, goal, text)
    assert response.status_code == 422 and field in fields_of(response)
    assert rows(db) == (1, 0, 0)


def test_a_goal_has_up_to_thirty_steps(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    for n in range(30):
        assert add(alice, goal, f"Step {n}").status_code == 201
    response = add(alice, goal, "One too many")
    assert response.status_code == 422 and "30 steps" in response.text
    assert rows(db) == (1, 30, 0)


def test_ticking_needs_true_or_false(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    step_id = add(alice, goal, "A step").json()["steps"][0]["id"]
    for body in ({"done": "yes"}, {"done": 1}, {}, {"done": True, "text": "x"}):
        response = alice.send("PATCH", f"{API}/goals/{goal['id']}/steps/{step_id}", json=body)
        assert response.status_code == 422, body


def test_a_step_of_another_goal_is_not_found(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    one, other = created(alice, title="One"), created(alice, title="Other")
    step_id = add(alice, one, "A step").json()["steps"][0]["id"]
    assert tick(alice, other, step_id, True).status_code == 404
    assert tick(alice, one, "no-such-step", True).status_code == 404


def test_a_finished_goals_steps_rest(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    step_id = add(alice, goal, "A step").json()["steps"][0]["id"]
    done = act(alice, goal, "status", status="achieved").json()
    assert add(alice, done, "Another").status_code == 409
    assert tick(alice, done, step_id, True).status_code == 409
