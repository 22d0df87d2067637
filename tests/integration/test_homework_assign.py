"""Setting homework: each kind with what it needs, bad input refused field by
field with nothing written, questionnaires only by the treating therapist
(through measures), practice only from the client's own jar by someone who may
see it, and free text sealed at rest."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mend.care.homework.models import Homework
from mend.measures.models import MeasureAssignment
from tests.conftest import T0, World
from tests.integration.coping_helpers import count
from tests.integration.test_homework_helpers import (
    API,
    IN_3_DAYS,
    SignIn,
    add_to_jar,
    assign,
    assigned,
    practice,
    share,
    worksheet,
)


def nothing_written(db: Session) -> bool:
    return count(db, Homework) == 0 and count(db, MeasureAssignment) == 0


def test_tara_sets_a_reading_and_alice_sees_it(sign_in: SignIn, world: World) -> None:
    body = {
        "kind": "reading",
        "title": "Read the window of tolerance leaflet",
        "instructions": "Pages 1-4.\nNotice what feels familiar.",
        "due_on": "2026-03-05",
    }
    made = assigned(sign_in("tara"), world.alice.id, body)
    assert made["status"] == "assigned"
    assert made["due_at"] == "2026-03-05T23:59:00+00:00"  # the end of that day, UTC here
    assert made["due_words"] == "due on Thursday"
    assert made["assigned_by"] == {"id": world.tara.id, "name": "Tara", "role": "therapist"}
    assert (made["progress"], made["questionnaire"], made["version"]) == (None, None, 1)
    [seen] = sign_in("alice").http.get(f"{API}/homework").json()
    assert seen == made


@pytest.mark.parametrize("kind", ["worksheet", "reflection", "reading"])
def test_each_plain_kind_needs_only_a_title(sign_in: SignIn, world: World, kind: str) -> None:
    made = assigned(
        sign_in("tara"), world.alice.id, {"kind": kind, "title": "T", "due_at": IN_3_DAYS}
    )
    assert (made["kind"], made["title"], made["instructions"]) == (kind, "T", None)


def test_practice_gets_a_title_from_the_strategy(sign_in: SignIn, world: World) -> None:
    item = add_to_jar(sign_in("alice"), "box-breathing")
    made = assigned(sign_in("tara"), world.alice.id, practice(item, target=5))
    assert made["title"] == "Practise Box breathing 5 times"
    assert (made["strategy"], made["jar_item_id"]) == ("Box breathing", item)
    assert made["progress"] == {"done": 0, "target": 5}


BAD: list[tuple[str, dict[str, Any], str]] = [
    ("unknown-kind", {"kind": "essay", "title": "x", "due_at": IN_3_DAYS}, "kind"),
    ("no-kind", {"title": "x", "due_at": IN_3_DAYS}, "kind"),
    ("no-title", {"kind": "worksheet", "due_at": IN_3_DAYS}, "title"),
    ("blank-title", worksheet(title="   "), "title"),
    ("long-title", worksheet(title="t" * 201), "title"),
    ("long-instructions", worksheet(instructions="i" * 4001), "instructions"),
    ("nul", worksheet(title="a\x00b"), "title"),
    ("no-due", {"kind": "worksheet", "title": "x"}, "due_at"),
    ("due-past", worksheet(due_at=(T0 - timedelta(days=1)).isoformat()), "due_at"),
    ("due-now", worksheet(due_at=T0.isoformat()), "due_at"),
    ("due-yesterday", worksheet(due_at=None, due_on="2026-03-01"), "due_at"),
    ("due-far", worksheet(due_at=(T0 + timedelta(days=366)).isoformat()), "due_at"),
    ("naive-due", worksheet(due_at="2026-03-05T10:00:00"), "due_at"),
    ("both-due", worksheet(due_on="2026-03-05"), "due_on"),
    ("not-a-date", worksheet(due_at=None, due_on="soon"), "due_on"),
    ("unknown-field", worksheet(mood=3), "mood"),
    ("count-on-worksheet", worksheet(target_count=3), "target_count"),
    ("item-on-worksheet", worksheet(jar_item_id="x" * 24), "jar_item_id"),
    ("instrument-on-reading", worksheet(kind="reading", instrument_id="phq9"), "instrument_id"),
    ("no-instrument", {"kind": "questionnaire", "due_at": IN_3_DAYS}, "instrument_id"),
    ("unknown-instrument", {"kind": "questionnaire", "instrument_id": "nope", "due_at": IN_3_DAYS},
     "instrument_id"),
    ("unknown-goal", worksheet(goal_id="g" * 24), "goal_id"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "field"), [(b, f) for _, b, f in BAD], ids=[i for i, _, _ in BAD])
def test_bad_input_is_refused_by_field_and_nothing_is_written(
    sign_in: SignIn, world: World, db: Session, body: dict[str, Any], field: str
) -> None:
    body = {k: v for k, v in body.items() if v is not None}
    response = assign(sign_in("tara"), world.alice.id, body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"], error
    assert nothing_written(db)


@pytest.mark.parametrize(
    ("target", "ok"), [(0, False), (1, True), (50, True), (51, False), (-3, False), ("x", False)]
)
def test_practice_counts_from_1_to_50(
    sign_in: SignIn, world: World, db: Session, target: Any, ok: bool
) -> None:
    item = add_to_jar(sign_in("alice"), "box-breathing")
    response = assign(sign_in("tara"), world.alice.id, practice(item, target=target))
    assert response.status_code == (201 if ok else 422)
    if not ok:
        assert "target_count" in response.json()["error"]["fields"]
        assert count(db, Homework) == 0


def test_practice_needs_a_strategy(sign_in: SignIn, world: World, db: Session) -> None:
    body = {"kind": "practice", "target_count": 3, "due_at": IN_3_DAYS}
    response = assign(sign_in("tara"), world.alice.id, body)
    assert response.status_code == 422
    assert "jar_item_id" in response.json()["error"]["fields"]


def test_another_clients_jar_item_is_refused(sign_in: SignIn, world: World, db: Session) -> None:
    bobs = add_to_jar(sign_in("bob"), "box-breathing")
    response = assign(sign_in("tara"), world.alice.id, practice(bobs))
    assert response.status_code == 422
    assert "own jar" in response.json()["error"]["fields"]["jar_item_id"]
    assert count(db, Homework) == 0


def test_an_unknown_jar_item_is_refused(sign_in: SignIn, world: World, db: Session) -> None:
    response = assign(sign_in("tara"), world.alice.id, practice("z" * 24))
    assert response.status_code == 422
    assert "jar_item_id" in response.json()["error"]["fields"]


def test_a_harmful_or_retired_strategy_is_not_set_as_practice(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice, tara = sign_in("alice"), sign_in("tara")
    harmful = add_to_jar(alice, "drinking-alcohol", stage_of_change="contemplation")
    response = assign(tara, world.alice.id, practice(harmful))
    assert response.status_code == 422
    assert "cause harm" in response.json()["error"]["fields"]["jar_item_id"]
    walk = add_to_jar(alice, "brisk-walk")
    assert alice.send("POST", f"{API}/jar/{walk}/retire").status_code == 200
    response = assign(tara, world.alice.id, practice(walk))
    assert response.status_code == 422
    assert "retired" in response.json()["error"]["fields"]["jar_item_id"]
    assert count(db, Homework) == 0


def test_cole_sets_practice_only_when_he_may_see_the_jar(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice, cole = sign_in("alice"), sign_in("cole")
    item = add_to_jar(alice, "box-breathing")
    share(alice, world, "cole", "goals_homework")
    refused = assign(cole, world.alice.id, practice(item))
    assert refused.status_code == 403
    error = refused.json()["error"]
    assert "has not shared their jar with you" in error["message"]
    assert "kind" in error["fields"]
    assert count(db, Homework) == 0
    share(alice, world, "cole", "coping")
    assert assign(cole, world.alice.id, practice(item)).status_code == 201


def test_tara_sets_a_questionnaire_through_measures(
    sign_in: SignIn, world: World, db: Session
) -> None:
    body = {"kind": "questionnaire", "instrument_id": "phq9", "due_at": IN_3_DAYS}
    made = assigned(sign_in("tara"), world.alice.id, body)
    assert made["title"] == "Answer a questionnaire"
    [assignment] = db.query(MeasureAssignment).all()
    assert (assignment.instrument_id, assignment.every_days) == ("phq9", None)
    assert (assignment.client_id, assignment.assigned_by) == (world.alice.id, world.tara.id)
    assert made["questionnaire"] == {
        "answered": False, "instrument_id": "phq9", "assignment_id": assignment.id,
    }  # fmt: skip
    due = sign_in("alice").http.get(f"{API}/measures/due").json()
    assert [d["assignment"]["id"] for d in due] == [assignment.id]


def test_a_coach_cannot_set_a_questionnaire(sign_in: SignIn, world: World, db: Session) -> None:
    alice = sign_in("alice")
    for category in ("goals_homework", "measures"):
        share(alice, world, "cole", category)
    body = {"kind": "questionnaire", "instrument_id": "phq9", "due_at": IN_3_DAYS}
    response = assign(sign_in("cole"), world.alice.id, body)
    assert response.status_code == 403
    error = response.json()["error"]
    assert "Only the client's therapist can set a questionnaire" in error["message"]
    assert error["fields"]["kind"] == error["message"]
    assert nothing_written(db)


def test_tara_needs_measures_shared_to_set_a_questionnaire(
    sign_in: SignIn, world: World, db: Session
) -> None:
    share(sign_in("alice"), world, "tara", "measures", granted=False)
    body = {"kind": "questionnaire", "instrument_id": "phq9", "due_at": IN_3_DAYS}
    response = assign(sign_in("tara"), world.alice.id, body)
    assert response.status_code == 403
    assert "not shared questionnaires" in response.json()["error"]["message"]
    assert nothing_written(db)


def test_a_coach_sees_that_a_questionnaire_is_set_but_not_which(
    sign_in: SignIn, world: World
) -> None:
    body = {"kind": "questionnaire", "instrument_id": "phq9", "due_at": IN_3_DAYS}
    made = assigned(sign_in("tara"), world.alice.id, body)
    share(sign_in("alice"), world, "cole", "goals_homework")
    seen = sign_in("cole").http.get(f"{API}/homework/{made['id']}").json()
    assert seen["questionnaire"] == {
        "answered": False,
        "instrument_id": None,
        "assignment_id": None,
    }
    assert "phq" not in str(seen).lower()


def test_homework_can_belong_to_one_of_alices_goals(
    sign_in: SignIn, world: World, db: Session
) -> None:
    from mend.care.goals.models import Goal

    goal = Goal(
        org_id=world.alice.org_id, client_id=world.alice.id, title="Sleep better",
        status="active", created_by=world.alice.id, created_at=T0, status_changed_at=T0,
    )  # fmt: skip
    bobs = Goal(
        org_id=world.bob.org_id, client_id=world.bob.id, title="Bob's", status="active",
        created_by=world.bob.id, created_at=T0, status_changed_at=T0,
    )  # fmt: skip
    db.add_all([goal, bobs])
    db.commit()
    tara = sign_in("tara")
    assert assigned(tara, world.alice.id, worksheet(goal_id=goal.id))["goal_id"] == goal.id
    response = assign(tara, world.alice.id, worksheet(goal_id=bobs.id))
    assert response.status_code == 422
    assert "goal_id" in response.json()["error"]["fields"]


def test_free_text_is_sealed_at_rest(sign_in: SignIn, world: World, db: Session) -> None:
    made = assigned(
        sign_in("tara"), world.alice.id,
        worksheet(title="Letter to my younger self", instructions="Write it by hand first"),
    )  # fmt: skip
    sign_in("alice").send(
        "POST", f"{API}/homework/{made['id']}/complete", json={"reflection": "It made me cry"}
    )
    db.rollback()
    raw = db.execute(
        text("SELECT title, instructions, reflection FROM homework WHERE id = :id"),
        {"id": made["id"]},
    ).one()
    for column, plain in zip(
        raw, ("Letter to my younger self", "Write it by hand first", "It made me cry"), strict=True
    ):
        assert column and plain not in column
        assert "younger" not in column and "cry" not in column
    assert db.get(Homework, made["id"]).reflection == "It made me cry"  # type: ignore[union-attr]


def test_the_api_takes_a_due_time_with_its_offset(sign_in: SignIn, world: World) -> None:
    made = assigned(sign_in("tara"), world.alice.id, worksheet(due_at="2026-03-04T18:00:00+02:00"))
    assert made["due_at"] == "2026-03-04T16:00:00+00:00"
    assert made["due_words"] == "due on Wednesday at 16:00"


def test_the_same_homework_sent_twice_is_set_once(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    body = {"kind": "questionnaire", "instrument_id": "phq9", "due_at": IN_3_DAYS}
    first, again = assign(tara, world.alice.id, body), assign(tara, world.alice.id, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert count(db, Homework) == count(db, MeasureAssignment) == 1
    other = assign(tara, world.alice.id, body | {"title": "PHQ-9 before our session"})
    assert other.status_code == 201
    assert count(db, Homework) == 2
