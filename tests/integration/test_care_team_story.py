"""Issue 6, "Done when", through the JSON API as one story: a coach and a
therapist share a client. cole (coach) starts with nothing shared; alice
shares goals and homework and her coping jar with him. cole suggests a SMART
goal that alice accepts, and sets practice from her jar that alice finishes by
logging coping moments; tara (therapist) writes a SOAP note, a psychotherapy
note and a diagnosis that cole cannot read, even once alice shares every
category she can with him. The caseload shows both of them the goal and the
homework. Time is frozen: T0 is Monday 2 March 2026, 09:30 UTC."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine

from mend.care.policy import CONSENT_CATEGORIES
from tests.conftest import T0, World
from tests.integration import coping_helpers
from tests.integration.conftest import SignedIn
from tests.integration.test_goal_support import WALK, act
from tests.integration.test_homework_helpers import (
    IN_A_WEEK,
    SignIn,
    add_to_jar,
    assigned,
    one,
    practice,
    share,
)
from tests.integration.test_notes_helpers import (
    PRIVATE,
    PTSD,
    SOAP,
    made,
    record,
    share_everything,
    write_clinical,
    write_private,
)

API = "/api/v1"
DAY, HOUR = timedelta(days=1), timedelta(hours=1)
TIMES = 3  # how many times cole asks alice to practise
TITLE = f"Practise Box breathing {TIMES} times"
REFLECTION = "Box breathing on the bus home was easiest; I will keep it up."
# What tara writes that cole must never be sent, in any answer.
TARAS_WORDS = (SOAP["subjective"], SOAP["assessment"], PRIVATE, PTSD["label"], PTSD["code"])


def caseload_row(person: SignedIn, world: World) -> dict[str, Any]:
    response = person.http.get(f"{API}/caseload")
    assert response.status_code == 200, response.text
    [row] = [r for r in response.json() if r["client_id"] == world.alice.id]
    return row


def log_moment(alice: SignedIn, item_id: str, at: str, key: str) -> None:
    """One coping moment through the coping API, using the practised strategy."""
    body = coping_helpers.moment(key, occurred_at=at, strategy_ids=[item_id])
    response = coping_helpers.log(alice, body)
    assert response.status_code == 201, response.text
    assert [s["jar_item_id"] for s in response.json()["strategies"]] == [item_id]


def progress(person: SignedIn, homework_id: str) -> tuple[str, dict[str, int]]:
    found = one(person, homework_id)
    return found["status"], found["progress"]


def test_a_coach_and_a_therapist_share_alice(
    sign_in: SignIn, world: World, clock: time_machine.Coordinates
) -> None:
    a = world.alice.id
    alice, cole, tara = sign_in("alice"), sign_in("cole"), sign_in("tara")

    # 1. cole starts with nothing shared: no goals, no jar, no suggesting.
    assert cole.http.get(f"{API}/clients/{a}/goals").status_code == 403
    assert cole.http.get(f"{API}/clients/{a}/jar").status_code == 403
    refused = cole.send("POST", f"{API}/clients/{a}/goals", json=WALK)
    assert refused.status_code == 403

    # alice shares goals and homework, and coping, with cole (the consent API).
    share(alice, world, "cole", "goals_homework")
    share(alice, world, "cole", "coping")
    mine = alice.http.get(f"{API}/clients/{a}/consent").json()
    coles = {c["category"]: c["granted"] for c in mine if c["member_id"] == world.cole.id}
    assert {k for k, granted in coles.items() if granted} == {"goals_homework", "coping"}

    # 2. cole suggests a SMART goal: a proposal, not alice's goal yet.
    proposed = cole.send("POST", f"{API}/clients/{a}/goals", json=WALK)
    assert proposed.status_code == 201, proposed.text
    goal = proposed.json()
    assert (goal["status"], goal["is_proposal"], goal["is_goal"]) == ("proposed", True, False)
    assert goal["proposed_by"]["id"] == world.cole.id and goal["proposed_by"]["role"] == "coach"
    smart = ("title", "specific", "measurable", "achievable", "relevant", "target_date")
    assert {k: goal[k] for k in smart} == WALK
    assert goal["accepted_at"] is None

    # 3. alice sees it as a suggestion; cole cannot accept it for her.
    [waiting] = alice.http.get(f"{API}/goals").json()
    assert (waiting["id"], waiting["status"], waiting["is_goal"]) == (goal["id"], "proposed", False)
    assert caseload_row(cole, world)["goals"] == {
        "active": 0, "proposed": 1, "latest_progress": None, "latest_at": None,
    }  # fmt: skip
    not_his = act(cole, goal, "accept")
    assert not_his.status_code == 403, not_his.text
    assert act(alice, goal, "status", status="paused").status_code == 409  # not a goal yet

    # 4. alice accepts: now it is her goal.
    accepted = act(alice, goal, "accept")
    assert accepted.status_code == 200, accepted.text
    goal = accepted.json()
    assert (goal["status"], goal["is_proposal"], goal["is_goal"]) == ("active", False, True)
    assert goal["accepted_at"] == T0.isoformat()
    assert goal["proposed_by"]["id"] == world.cole.id  # who first suggested it is kept
    assert cole.http.get(f"{API}/goals/{goal['id']}").json()["status"] == "active"

    # 5. cole sets practice with a helpful strategy from alice's jar: N times in a week.
    box = add_to_jar(alice, "box-breathing")
    [entry] = cole.http.get(f"{API}/clients/{a}/jar").json()["items"]
    assert (entry["id"], entry["strategy"]["helpfulness"]) == (box, "helpful")
    homework = assigned(cole, a, practice(box, target=TIMES, goal_id=goal["id"]))
    assert homework["kind"] == "practice" and homework["title"] == TITLE
    assert (homework["strategy"], homework["jar_item_id"]) == ("Box breathing", box)
    assert (homework["due_at"], homework["goal_id"]) == (IN_A_WEEK, goal["id"])
    assert homework["assigned_by"]["id"] == world.cole.id
    assert (homework["status"], homework["progress"]) == ("assigned", {"done": 0, "target": TIMES})
    [listed] = alice.http.get(f"{API}/homework").json()
    assert (listed["id"], listed["status"]) == (homework["id"], "assigned")

    # The caseload shows cole and tara the goal and the homework now due.
    for person in (cole, tara):
        row = caseload_row(person, world)
        assert row["goals"] == {
            "active": 1, "proposed": 0, "latest_progress": None, "latest_at": None,
        }, person.name  # fmt: skip
        assert row["next_due"] == {
            "kind": "homework", "what": TITLE, "due_at": IN_A_WEEK.replace("+00:00", "Z"),
            "overdue": False,
        }, person.name  # fmt: skip
        assert row["last_activity"] is None, person.name

    # 6. alice logs N coping moments with that strategy, one a day, through the coping API.
    log_moment(alice, box, T0.isoformat(), "practice-day-1")
    assert progress(alice, homework["id"]) == ("assigned", {"done": 1, "target": TIMES})
    early = alice.send("POST", f"{API}/homework/{homework['id']}/complete", json={})
    assert early.status_code == 409  # practice ticks itself off; it cannot be marked done early
    for day in range(1, TIMES):
        clock.move_to(T0 + day * DAY)
        alice = sign_in("alice")
        log_moment(alice, box, (T0 + day * DAY - HOUR).isoformat(), f"practice-day-{day + 1}")
        expected = "completed" if day + 1 == TIMES else "assigned"
        assert progress(alice, homework["id"]) == (expected, {"done": day + 1, "target": TIMES})
    last = T0 + (TIMES - 1) * DAY - HOUR

    # 7. the homework shows done N of N, done on its own; alice adds a reflection.
    done = one(alice, homework["id"])
    assert (done["status"], done["done_on_its_own"]) == ("completed", True)
    assert done["completed_at"] == last.isoformat()
    reflected = alice.send(
        "POST", f"{API}/homework/{homework['id']}/complete",
        json={"reflection": REFLECTION, "version": done["version"]},
    )  # fmt: skip
    assert reflected.status_code == 200, reflected.text
    done = reflected.json()
    assert (done["status"], done["reflection"]) == ("completed", REFLECTION)
    assert done["progress"] == {"done": TIMES, "target": TIMES}
    assert done["completed_at"] == last.isoformat()  # when the count was reached
    cole, tara = sign_in("cole"), sign_in("tara")
    seen = one(cole, homework["id"])
    assert (seen["status"], seen["reflection"], seen["progress"]) == (
        "completed", REFLECTION, {"done": TIMES, "target": TIMES},
    )  # fmt: skip

    # 8. tara writes a SOAP note, a psychotherapy note and a diagnosis.
    soap = made(write_clinical(tara, world))
    private = made(write_private(tara, world))
    diagnosis = made(record(tara, world))
    assert tara.http.get(f"{API}/notes/{soap}").json()["sections"] == SOAP
    assert tara.http.get(f"{API}/psychotherapy-notes/{private}").status_code == 200
    assert tara.http.get(f"{API}/diagnoses/{diagnosis}").json()["label"] == PTSD["label"]

    # 9. alice shares every category she can with cole; he still reads none of it.
    share_everything(alice, world, "cole")
    mine = alice.http.get(f"{API}/clients/{a}/consent").json()
    coles = {c["category"]: c["granted"] for c in mine if c["member_id"] == world.cole.id}
    assert coles == {str(category): True for category in CONSENT_CATEGORIES}
    cole = sign_in("cole")
    refusals = {
        f"{API}/clients/{a}/notes": 403,
        f"{API}/clients/{a}/notes?kind=soap": 403,
        f"{API}/notes/{soap}": 403,
        f"{API}/notes/{soap}/revisions": 403,
        f"{API}/clients/{a}/psychotherapy-notes": 403,
        f"{API}/psychotherapy-notes/{private}": 403,
        f"{API}/psychotherapy-notes/{private}/revisions": 403,
        f"{API}/clients/{a}/diagnoses": 403,
        f"{API}/diagnoses/{diagnosis}": 403,
        # His own kind of note does not reach tara's by id: not found.
        f"{API}/support-notes/{soap}": 404,
        f"{API}/support-notes/{private}": 404,
    }
    for url, status in refusals.items():
        response = cole.http.get(url)
        assert response.status_code == status, (url, response.status_code, response.text)
        for words in TARAS_WORDS:
            assert words not in response.text, url
    support = cole.http.get(f"{API}/clients/{a}/support-notes")
    assert (support.status_code, support.json()) == (200, [])

    # 10. alice reads the SOAP note and the diagnosis, never the psychotherapy note.
    [note] = alice.http.get(f"{API}/my-record/notes").json()
    assert (note["id"], note["kind"], note["sections"]) == (soap, "soap", SOAP)
    assert alice.http.get(f"{API}/notes/{soap}").status_code == 200
    [found] = alice.http.get(f"{API}/my-record/diagnoses").json()
    assert (found["id"], found["code"], found["label"]) == (diagnosis, PTSD["code"], PTSD["label"])
    assert alice.http.get(f"{API}/diagnoses/{diagnosis}").status_code == 200
    for url, status in {
        f"{API}/clients/{a}/psychotherapy-notes": 403,
        f"{API}/psychotherapy-notes/{private}": 403,
        f"{API}/notes/{private}": 404,
    }.items():
        response = alice.http.get(url)
        assert response.status_code == status, (url, response.status_code, response.text)
        assert PRIVATE not in response.text, url
    assert PRIVATE not in alice.http.get(f"{API}/my-record/notes").text

    # 11. the caseload: the goal is active for both; the homework is done, so nothing is due.
    for person in (cole, sign_in("tara")):
        row = caseload_row(person, world)
        assert row["goals"] == {
            "active": 1, "proposed": 0, "latest_progress": None, "latest_at": None,
        }, person.name  # fmt: skip
        assert (row["next_due"], row["overdue"]) == (None, 0), person.name
        assert row["last_activity"] == last.isoformat().replace("+00:00", "Z"), person.name
