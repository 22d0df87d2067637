"""The homework pages without a browser: alice's /homework shows what is due
soon or overdue first, practice as a progress bar, and takes her reflection;
the practitioner's /clients/{id}/homework sets homework with only the choices
that will work; refusals come back on the page in words, with what was typed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from mend.care.homework.models import Homework
from tests.conftest import T0, World
from tests.integration.coping_helpers import count
from tests.integration.test_homework_helpers import (
    SignIn,
    add_to_jar,
    assigned,
    log_use,
    one,
    practice,
    share,
    worksheet,
)

H = timedelta(hours=1)


def test_alice_sees_due_soon_and_overdue_first(sign_in: SignIn, world: World, clock: Any) -> None:
    clock.move_to(T0 - timedelta(days=2))
    assigned(sign_in("tara"), world.alice.id, worksheet(title="Old sheet",
             due_at=(T0 - H).isoformat()))  # fmt: skip
    clock.move_to(T0)
    tara = sign_in("tara")
    assigned(tara, world.alice.id, worksheet(title="Soon sheet", due_at=(T0 + 5 * H).isoformat()))
    assigned(tara, world.alice.id, worksheet(title="Later sheet"))
    page = sign_in("alice").http.get("/homework").text
    top = page[page.index("Coming up") : page.index('id="open-h"')]
    assert "Overdue" in top and "Old sheet" in top and "was due earlier today at 08:30" in top
    assert "Due soon" in top and "Soon sheet" in top and "due today at 14:30" in top
    assert "Later sheet" not in top
    assert "Running late is OK" in top


def test_practice_shows_as_a_progress_bar(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    box = add_to_jar(alice, "box-breathing")
    assigned(sign_in("tara"), world.alice.id, practice(box, target=4))
    log_use(alice, [box], T0, "one-time")
    page = alice.http.get("/homework").text
    assert 'max="4" value="1"' in page
    assert "Box breathing: done 1 of 4 times" in page
    assert 'href="/moments/new"' in page
    assert "Mark as done" not in page  # practice ticks itself off


def test_alice_marks_a_worksheet_done_from_the_list(
    sign_in: SignIn, world: World, db: Session
) -> None:
    made = assigned(sign_in("tara"), world.alice.id, worksheet())
    alice = sign_in("alice")
    response = alice.post_form(
        f"/homework/{made['id']}/complete",
        {"reflection": "Wrote two pages.", "version": "1", "back": "list"},
    )
    assert (response.status_code, response.headers["location"]) == (303, "/homework?done=1")
    page = alice.http.get("/homework?done=1").text
    assert "Well done for doing this" in page
    assert "Wrote two pages." in page
    assert one(alice, made["id"])["status"] == "completed"


def test_a_refused_reflection_comes_back_on_the_page(sign_in: SignIn, world: World) -> None:
    made = assigned(
        sign_in("tara"), world.alice.id,
        {"kind": "reflection", "title": "What helped?", "due_at": (T0 + 3 * H).isoformat()},
    )  # fmt: skip
    alice = sign_in("alice")
    refused = alice.post_form(
        f"/homework/{made['id']}/complete", {"reflection": " ", "back": "list"}
    )
    assert refused.status_code == 422
    assert "This homework is the reflection" in refused.text
    assert 'aria-invalid="true"' in refused.text
    stale = alice.post_form(f"/homework/{made['id']}/complete", {"reflection": "x", "version": "9"})
    assert stale.status_code == 409
    assert "Someone changed this homework" in stale.text


def test_titles_are_shown_as_text(sign_in: SignIn, world: World) -> None:
    assigned(sign_in("tara"), world.alice.id, worksheet(title='<script>alert("x")</script>'))
    page = sign_in("alice").http.get("/homework").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_tara_gets_every_choice_that_works_for_her(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    add_to_jar(alice, "box-breathing")
    add_to_jar(alice, "drinking-alcohol", stage_of_change="contemplation")
    page = sign_in("tara").http.get(f"/clients/{world.alice.id}/homework").text
    for kind in ("Practice", "Worksheet", "Reflection", "Questionnaire", "Reading"):
        assert f">{kind}</option>" in page
    assert "Box breathing</option>" in page
    assert "Drinking" not in page  # a harmful strategy is not offered for practice
    assert "PHQ-9" in page


def test_cole_is_offered_only_what_alice_shares(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    add_to_jar(alice, "box-breathing")
    share(alice, world, "cole", "goals_homework")
    page = sign_in("cole").http.get(f"/clients/{world.alice.id}/homework").text
    assert ">Practice</option>" not in page and ">Questionnaire</option>" not in page
    assert "Box breathing" not in page
    assert "needs Alice to share their coping jar with you" in page
    assert "Questionnaires are set by Alice's therapist" in page


def test_cole_sets_practice_from_the_form(sign_in: SignIn, world: World, db: Session) -> None:
    alice = sign_in("alice")
    box = add_to_jar(alice, "box-breathing")
    for category in ("goals_homework", "coping"):
        share(alice, world, "cole", category)
    cole = sign_in("cole")
    response = cole.post_form(
        f"/clients/{world.alice.id}/homework",
        {"kind": "practice", "jar_item_id": box, "target_count": "5", "due_on": "2026-03-08",
         "title": "", "instructions": "When you notice your shoulders up", "instrument_id": "phq9"},
    )  # fmt: skip
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"/clients/{world.alice.id}/homework?assigned=1"
    [made] = db.query(Homework).all()
    assert (made.title, made.target_count, made.instrument_id) == (
        "Practise Box breathing 5 times", 5, None,
    )  # fmt: skip
    page = cole.http.get(f"/clients/{world.alice.id}/homework?assigned=1").text
    assert "Alice sees it on their homework page" in page
    assert "done 0 of 5 times" in page


def test_a_refused_form_keeps_what_was_typed(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    response = tara.post_form(
        f"/clients/{world.alice.id}/homework",
        {"kind": "worksheet", "title": "Values sort", "due_on": "2026-03-01"},
    )
    assert response.status_code == 422
    assert "Choose a due date in the future" in response.text
    assert 'value="Values sort"' in response.text
    assert 'id="due_on" name="due_on" required value="2026-03-01" aria-invalid="true"' in (
        response.text
    )
    nothing = tara.post_form(f"/clients/{world.alice.id}/homework", {"kind": ""})
    assert nothing.status_code == 422
    assert "Choose what kind of homework this is" in nothing.text
    assert count(db, Homework) == 0


def test_a_coach_sending_a_questionnaire_form_is_told_why(
    sign_in: SignIn, world: World, db: Session
) -> None:
    share(sign_in("alice"), world, "cole", "goals_homework")
    response = sign_in("cole").post_form(
        f"/clients/{world.alice.id}/homework",
        {"kind": "questionnaire", "instrument_id": "phq9", "due_on": "2026-03-05"},
    )
    assert response.status_code == 403
    assert "Only the client&#39;s therapist can set a questionnaire" in response.text
    assert count(db, Homework) == 0


def test_tara_edits_and_cancels_from_the_homework_page(sign_in: SignIn, world: World) -> None:
    made = assigned(sign_in("tara"), world.alice.id, worksheet())
    tara = sign_in("tara")
    page = tara.http.get(f"/homework/{made['id']}").text
    assert "Change this homework" in page and 'value="2026-03-05"' in page
    edited = tara.post_form(
        f"/homework/{made['id']}/edit",
        {"title": "Thought record (short)", "instructions": "", "due_on": "2026-03-06",
         "version": "1"},
    )  # fmt: skip
    assert (edited.status_code, edited.headers["location"]) == (
        303,
        f"/homework/{made['id']}?saved=1",
    )
    stale = tara.post_form(
        f"/homework/{made['id']}/edit",
        {"title": "Another", "due_on": "2026-03-06", "version": "1"},
    )
    assert stale.status_code == 409
    assert "Someone changed this homework" in stale.text
    assert 'value="Thought record (short)"' in stale.text  # the form now shows what is saved
    cancelled = tara.post_form(f"/homework/{made['id']}/cancel", {"version": "2"})
    assert cancelled.headers["location"] == f"/clients/{world.alice.id}/homework?cancelled=1"
    assert one(tara, made["id"])["status"] == "cancelled"
    assert "No longer needed" in tara.http.get(f"/clients/{world.alice.id}/homework").text


def test_cole_sees_no_edit_form_for_taras_homework(sign_in: SignIn, world: World) -> None:
    made = assigned(sign_in("tara"), world.alice.id, worksheet())
    share(sign_in("alice"), world, "cole", "goals_homework")
    page = sign_in("cole").http.get(f"/homework/{made['id']}").text
    assert "Thought record" in page
    assert "Change this homework" not in page
    assert "Mark as done" not in page


def test_alice_on_the_practitioner_address_goes_to_her_own_page(
    sign_in: SignIn, world: World
) -> None:
    response = sign_in("alice").http.get(
        f"/clients/{world.alice.id}/homework", follow_redirects=False
    )
    assert (response.status_code, response.headers["location"]) == (303, "/homework")
