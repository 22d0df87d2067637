"""The goal pages without a browser: alice's goals grouped with suggestions
marked and waiting for her; her forms keep what she typed when refused;
Tara's page says plainly that alice decides; a stale form shows the newer
goal; what alice writes is shown as text."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from mend.care.goals.models import GoalCheckIn
from mend.safety.models import Alert
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.coping_helpers import count
from tests.integration.safety_helpers import BURDEN
from tests.integration.test_goal_support import API, WALK, act, created, rows, share

SignIn = Callable[[str], SignedIn]


def section(page: str, heading: str) -> str:
    """The page from a heading to the next h2."""
    start = page.index(heading)
    end = page.find("<h2", start + 1)
    return page[start : end if end != -1 else len(page)]


def test_alices_page_groups_her_goals_and_marks_suggestions(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    created(sign_in("tara"), world.alice, title="Grounding when panic starts")
    created(alice, title="Walk three mornings")
    paused = created(alice, title="Finish the course")
    act(alice, paused, "status", status="paused")
    reached = created(alice, title="Plant the tomatoes")
    act(alice, reached, "status", status="achieved")
    page = alice.http.get("/goals")
    assert page.status_code == 200
    text = page.text
    waiting = section(text, "Suggestions waiting for you")
    assert "Grounding when panic starts" in waiting and "from Tara" in waiting
    assert "Accept" in waiting and "Not now" in waiting
    assert "Walk three mornings" in section(text, "Working on now")
    assert "Grounding" not in section(text, "Working on now")
    assert "Finish the course" in section(text, "Resting for now")
    done = section(text, ">Done<")
    assert "Plant the tomatoes" in done and "Letting a goal go is not failing" in done


def test_the_new_goal_form_explains_smart_in_plain_words(sign_in: SignIn) -> None:
    page = sign_in("alice").http.get("/goals").text
    for words in (
        "What is your goal?",
        "What exactly will you do?",
        "How will you know you have done it?",
        "Why does it matter to you?",
        'type="date"',
        'min="2026-03-02"',
    ):
        assert words in page


def test_alice_sets_a_goal_with_the_form(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    saved = alice.post_form(
        "/goals",
        {
            "title": "Walk",
            "specific": "By the river",
            "target_date": "2026-03-09",
            "key": "form-key-0001",
        },
    )
    assert saved.status_code == 303
    assert re.fullmatch(r"/goals/\w+\?done=created", saved.headers["location"])
    again = alice.post_form(
        "/goals",
        {
            "title": "Walk",
            "specific": "By the river",
            "target_date": "2026-03-09",
            "key": "form-key-0001",
        },
    )
    assert again.status_code == 303 and rows(db) == (1, 0, 0)
    page = alice.http.get(saved.headers["location"]).text
    assert "This is your goal now" in page and "By the river" in page


def test_a_refused_form_keeps_what_was_typed(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    refused = alice.post_form(
        "/goals",
        {"title": "  ", "relevant": "Because I like mornings", "target_date": "2026-03-01"},
    )
    assert refused.status_code == 422
    assert "Please give your goal a name" in refused.text
    assert "Because I like mornings" in refused.text
    assert 'aria-invalid="true"' in refused.text
    assert rows(db) == (0, 0, 0)
    past = alice.post_form("/goals", {"title": "Walk", "target_date": "2026-03-01"})
    assert past.status_code == 422 and "today or a day still to come" in past.text


def test_alice_accepts_on_the_page_and_checks_in(sign_in: SignIn, world: World) -> None:
    goal = created(sign_in("tara"), world.alice, **WALK)
    alice = sign_in("alice")
    accepted = alice.post_form(f"/goals/{goal['id']}/accept", {"version": "1"})
    assert accepted.status_code == 303
    page = alice.http.get(accepted.headers["location"]).text
    assert "You accepted it" in page and "How is it going, from 0 to 10?" in page
    checked = alice.post_form(
        f"/goals/{goal['id']}/check-ins",
        {"progress": "6", "note": "Two walks", "key": "check-in-form-1"},
    )
    assert checked.status_code == 303
    page = alice.http.get(checked.headers["location"]).text
    assert "6 out of 10" in page and "Two walks" in page


def test_a_bad_check_in_shows_the_page_again(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    for progress in ("", "11", "-1", "five"):
        refused = alice.post_form(
            f"/goals/{goal['id']}/check-ins", {"progress": progress, "note": "kept"}
        )
        assert refused.status_code == 422, progress
        assert "Choose a number from 0 to 10" in refused.text and "kept" in refused.text
    assert count(db, GoalCheckIn) == 0


def test_crisis_words_in_a_check_in_show_help_at_once(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    page = alice.post_form(f"/goals/{goal['id']}/check-ins", {"progress": "1", "note": BURDEN})
    assert page.status_code == 200
    assert "Mend is not an emergency service" in page.text and "Tara" in page.text
    assert count(db, Alert) == 1


def test_alice_says_not_now_on_the_page(sign_in: SignIn, world: World) -> None:
    goal = created(sign_in("tara"), world.alice, title="Grounding")
    alice = sign_in("alice")
    declined = alice.post_form(f"/goals/{goal['id']}/decline", {"version": "1"})
    assert declined.headers["location"] == "/goals?done=declined"
    page = alice.http.get(declined.headers["location"]).text
    assert "Okay, not now" in page and "Suggestions you said not now to (1)" in page


def test_a_stale_form_shows_the_newer_goal(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice, title="Walk")
    alice.send("PATCH", f"{API}/goals/{goal['id']}", json={"version": 1, "title": "Walk more"})
    stale = alice.post_form(f"/goals/{goal['id']}/status", {"status": "achieved", "version": "1"})
    assert stale.status_code == 409
    assert "changed while you had it open" in stale.text and "Walk more" in stale.text
    assert alice.http.get(f"{API}/goals/{goal['id']}").json()["status"] == "active"


def test_tara_cannot_accept_on_the_page(sign_in: SignIn, world: World) -> None:
    tara = sign_in("tara")
    goal = created(tara, world.alice)
    page = tara.http.get(f"/goals/{goal['id']}").text
    assert "Accept as my goal" not in page and "becomes Alice's goal only if they accept" in page
    refused = tara.post_form(f"/goals/{goal['id']}/accept", {"version": "1"})
    assert refused.status_code == 403 and "Only Alice can accept" in refused.text


def test_the_practitioner_page_says_alice_decides(sign_in: SignIn, world: World) -> None:
    share(sign_in("alice"), world)
    page = sign_in("cole").http.get(f"/clients/{world.alice.id}/goals").text
    assert "Alice decides on their own goals" in page
    assert "Suggest a goal" in page and "Suggest this goal to Alice" in page


def test_cole_suggests_with_the_form(sign_in: SignIn, world: World) -> None:
    share(sign_in("alice"), world)
    cole = sign_in("cole")
    sent = cole.post_form(f"/clients/{world.alice.id}/goals", {"title": "Walk", "key": "k" * 12})
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/clients/{world.alice.id}/goals?done=suggested"
    page = cole.http.get(sent.headers["location"]).text
    assert "It waits for Alice to decide" in page
    assert "Walk" in section(page, "Suggestions waiting for Alice")
    refused = cole.post_form(f"/clients/{world.alice.id}/goals", {"title": ""})
    assert refused.status_code == 422 and "Please give your goal a name" in refused.text


def test_tara_gets_no_page_once_alice_stops_sharing(sign_in: SignIn, world: World) -> None:
    share(sign_in("alice"), world, "tara", granted=False)
    assert sign_in("tara").http.get(f"/clients/{world.alice.id}/goals").status_code == 403


def test_what_alice_writes_is_shown_as_text(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice, title='<script>alert("x")</script>', specific="<b>bold</b>")
    for url in ("/goals", f"/goals/{goal['id']}"):
        page = alice.http.get(url).text
        assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_steps_on_the_page(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal: dict[str, Any] = created(alice)
    added = alice.post_form(f"/goals/{goal['id']}/steps", {"text": "Trainers by the door"})
    assert added.status_code == 303
    step_id = alice.http.get(f"{API}/goals/{goal['id']}").json()["steps"][0]["id"]
    ticked = alice.post_form(f"/goals/{goal['id']}/steps/{step_id}", {"done": "yes"})
    assert ticked.status_code == 303
    page = alice.http.get(f"/goals/{goal['id']}").text
    assert "<strong>Done:</strong> Trainers by the door" in page and "Mark not done" in page
    empty = alice.post_form(f"/goals/{goal['id']}/steps", {"text": " "})
    assert empty.status_code == 422 and "Please write the step" in empty.text


def test_an_unknown_form_is_not_found(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    goal = created(alice)
    assert alice.post_form(f"/goals/{goal['id']}/delete", {}).status_code == 404
