"""Changing a goal's words: each edit names the version it was based on; an
edit based on an older version is a 409 carrying the newer goal, never a
lost update. An accepted goal's words are alice's; a suggestion's author may
still reword it while it waits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine

from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_goal_support import API, WALK, created, fields_of, share

SignIn = Callable[[str], SignedIn]


def patch(person: Any, goal: dict[str, Any], **body: Any) -> Any:
    return person.send("PATCH", f"{API}/goals/{goal['id']}", json=body)


def test_alice_changes_some_parts_and_the_rest_stay(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice, **WALK)
    changed = patch(alice, goal, version=1, title="Walk four mornings", specific=None)
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["title"] == "Walk four mornings" and body["specific"] is None
    assert body["measurable"] == WALK["measurable"] and body["target_date"] == WALK["target_date"]
    assert body["version"] == 2


def test_an_edit_that_changes_nothing_keeps_the_version(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice, **WALK)
    assert patch(alice, goal, version=1, title=WALK["title"]).json()["version"] == 1


def test_a_stale_edit_is_a_conflict_with_the_newer_goal(sign_in: SignIn) -> None:
    phone, laptop = sign_in("alice"), sign_in("alice")
    goal = created(phone, **WALK)
    assert patch(phone, goal, version=1, title="From my phone").status_code == 200
    stale = patch(laptop, goal, version=1, title="From my laptop", relevant="Lost?")
    assert stale.status_code == 409
    body = stale.json()
    assert body["error"]["code"] == "conflict" and "version" in body["error"]["fields"]
    assert body["current_version"] == 2
    assert body["current"]["title"] == "From my phone"
    assert body["current"]["relevant"] == WALK["relevant"]
    now = phone.http.get(f"{API}/goals/{goal['id']}").json()
    assert now["title"] == "From my phone" and now["version"] == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": None}, "title"),
        ({"title": "t" * 121}, "title"),
        ({"specific": "s" * 501}, "specific"),
        ({"measurable": "m" * 501}, "measurable"),
        ({"achievable": "a" * 501}, "achievable"),
        ({"relevant": "r" * 501}, "relevant"),
        ({"target_date": "2026-03-01"}, "target_date"),
        ({"target_date": "someday"}, "target_date"),
        ({"status": "achieved"}, "status"),
        ({"version": "1"}, "version"),
    ],
)
def test_bad_edits_are_refused_and_nothing_changes(
    sign_in: SignIn, body: dict[str, Any], field: str
) -> None:
    alice = sign_in("alice")
    goal = created(alice, **WALK)
    response = patch(alice, goal, **({"version": 1} | body))
    assert response.status_code == 422, response.text
    assert field in fields_of(response)
    assert alice.http.get(f"{API}/goals/{goal['id']}").json() == goal


def test_an_edit_needs_the_version(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    response = patch(alice, goal, title="No version")
    assert response.status_code == 422 and "version" in fields_of(response)


def test_a_passed_target_date_can_stay_while_other_parts_change(
    sign_in: SignIn, clock: time_machine.Coordinates
) -> None:
    goal = created(sign_in("alice"), target_date="2026-03-05")
    clock.shift(timedelta(days=10))
    alice = sign_in("alice")  # a new session: the first one has expired
    kept = patch(alice, goal, version=1, title="Still walking", target_date="2026-03-05")
    assert kept.status_code == 200 and kept.json()["target_date"] == "2026-03-05"
    moved = patch(alice, kept.json(), version=2, target_date="2026-03-10")
    assert moved.status_code == 422 and "target_date" in fields_of(moved)
    later = patch(alice, kept.json(), version=2, target_date="2026-03-12")
    assert later.status_code == 200


def test_the_care_team_does_not_reword_alices_goal(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    share(alice, world)
    goal = created(alice, **WALK)
    for persona in ("tara", "cole"):
        refused = patch(sign_in(persona), goal, version=1, title="Walk every day")
        assert refused.status_code == 403
        assert "Only Alice changes what their goal says" in refused.json()["error"]["message"]
    assert alice.http.get(f"{API}/goals/{goal['id']}").json()["title"] == WALK["title"]


def test_the_author_and_alice_may_reword_a_suggestion(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    share(alice, world)
    tara, cole = sign_in("tara"), sign_in("cole")
    goal = created(tara, world.alice, title="Walk")
    assert patch(tara, goal, version=1, title="Walk more").status_code == 200
    assert patch(cole, goal, version=2, title="Cole's words").status_code == 403
    assert patch(alice, goal, version=2, title="Walk, my way").status_code == 200
    assert alice.http.get(f"{API}/goals/{goal['id']}").json()["title"] == "Walk, my way"


def test_once_accepted_the_author_no_longer_rewords_it(sign_in: SignIn, world: World) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    goal = created(tara, world.alice, title="Walk")
    alice.send("POST", f"{API}/goals/{goal['id']}/accept", json={"version": 1})
    assert patch(tara, goal, version=2, title="Walk more").status_code == 403


@pytest.mark.parametrize("status", ["achieved", "let_go"])
def test_a_finished_goal_is_picked_up_before_it_is_reworded(sign_in: SignIn, status: str) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    done = alice.send(
        "POST", f"{API}/goals/{goal['id']}/status", json={"status": status, "version": 1}
    ).json()
    response = patch(alice, done, version=done["version"], title="Again")
    assert response.status_code == 409 and "Pick this goal up again" in response.text
