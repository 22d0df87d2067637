"""How a goal stands is alice's call: rest it, reach it, let it go, pick it up
again. Moves the rules do not allow are a 409; an unknown status is a 422;
a stale version is a 409 with the goal as it now is."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_goal_support import act, created, fields_of, share

SignIn = Callable[[str], SignedIn]


def test_alice_rests_reaches_and_picks_up_again(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    for status in ("paused", "active", "achieved", "active", "let_go", "active"):
        response = act(alice, goal, "status", status=status)
        assert response.status_code == 200, (status, response.text)
        goal = response.json()
        assert goal["status"] == status and goal["is_goal"]
    assert goal["version"] == 7
    assert goal["status_words"] == "Working on it"


def test_let_go_has_kind_words(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = act(alice, created(alice), "status", status="let_go").json()
    assert goal["status_words"] == "Let go"


@pytest.mark.parametrize(
    ("path", "to"),
    [
        (["achieved"], "paused"),
        (["achieved"], "let_go"),
        (["let_go"], "achieved"),
        (["let_go"], "paused"),
        ([], "active"),
        (["paused"], "paused"),
    ],
)
def test_moves_the_rules_do_not_allow_are_conflicts(
    sign_in: SignIn, path: list[str], to: str
) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    for status in path:
        goal = act(alice, goal, "status", status=status).json()
    response = act(alice, goal, "status", status=to)
    assert response.status_code == 409 and "status" in fields_of(response)
    assert response.json()["current"]["status"] == goal["status"]


@pytest.mark.parametrize("status", ["proposed", "declined", "done", "", "ACTIVE"])
def test_unknown_or_answer_only_statuses_are_refused(sign_in: SignIn, status: str) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    response = act(alice, goal, "status", status=status)
    assert response.status_code in (409, 422) and "status" in fields_of(response)


def test_a_suggestion_is_accepted_before_its_status_changes(sign_in: SignIn, world: World) -> None:
    goal = created(sign_in("tara"), world.alice)
    response = act(sign_in("alice"), goal, "status", status="achieved")
    assert response.status_code == 409 and "accept it first" in response.text


def test_a_stale_status_change_is_a_conflict(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    act(alice, goal, "status", status="paused")
    stale = act(alice, goal, "status", status="achieved")
    assert stale.status_code == 409
    assert stale.json()["current"]["status"] == "paused"
    assert stale.json()["current_version"] == 2


@pytest.mark.parametrize("persona", ["tara", "cole"])
def test_only_alice_changes_how_her_goal_stands(
    sign_in: SignIn, world: World, persona: str
) -> None:
    alice = sign_in("alice")
    share(alice, world)
    goal = created(alice)
    refused = act(sign_in(persona), goal, "status", status="achieved")
    assert refused.status_code == 403
    assert "Only Alice can change how this goal stands" in refused.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"status": "paused"},
        {"version": 1},
        {"status": 3, "version": 1},
        {"status": "paused", "version": 1, "note": "x"},
    ],
)
def test_bad_status_requests_are_refused(sign_in: SignIn, body: dict[str, object]) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    response = alice.send("POST", f"/api/v1/goals/{goal['id']}/status", json=body)
    assert response.status_code == 422
