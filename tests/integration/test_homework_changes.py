"""Changing homework after it is set: the person who set it edits or cancels
it based on the version they read (a stale one is a 409 carrying the homework
as it is now); alice marks it done with a reflection she can add to later; a
questionnaire is done when she answers it, and cancelling it closes it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.care import service as care
from mend.care.homework.models import Homework
from mend.care.models import CareTeamMember
from mend.measures.models import MeasureAssignment
from tests.conftest import T0, World
from tests.integration.test_homework_helpers import (
    API,
    IN_3_DAYS,
    SignIn,
    add_to_jar,
    assigned,
    one,
    practice,
    share,
    worksheet,
)


def patch(person: Any, homework_id: str, **body: Any) -> Any:
    return person.send("PATCH", f"{API}/homework/{homework_id}", json=body)


def step(person: Any, homework_id: str, name: str, **body: Any) -> Any:
    return person.send("POST", f"{API}/homework/{homework_id}/{name}", json=body)


@pytest.fixture
def sheet(sign_in: SignIn, world: World) -> dict[str, Any]:
    return assigned(sign_in("tara"), world.alice.id, worksheet(instructions="Two columns"))


def test_tara_changes_what_she_set(
    sign_in: SignIn, world: World, db: Session, sheet: dict[str, Any]
) -> None:
    db.get_one(Homework, sheet["id"]).reminded_at = T0
    db.commit()
    later = (T0 + timedelta(days=5)).isoformat()
    response = patch(
        sign_in("tara"), sheet["id"], version=1, title="Thought record, week 2",
        instructions="", due_at=later,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    changed = response.json()
    assert (changed["title"], changed["instructions"]) == ("Thought record, week 2", None)
    assert (changed["due_at"], changed["version"]) == (later, 2)
    db.rollback()
    assert db.get_one(Homework, sheet["id"]).reminded_at is None  # a new date, a new reminder


def test_a_stale_version_is_a_409_with_the_newer_homework(
    sign_in: SignIn, world: World, db: Session, sheet: dict[str, Any]
) -> None:
    tara = sign_in("tara")
    assert patch(tara, sheet["id"], version=1, title="First change").status_code == 200
    clash = patch(tara, sheet["id"], version=1, title="Second change")
    assert clash.status_code == 409
    body = clash.json()
    assert body["error"]["code"] == "conflict"
    assert "version" in body["error"]["fields"]
    assert (body["current"]["title"], body["current"]["version"]) == ("First change", 2)
    assert one(tara, sheet["id"])["title"] == "First change"


def test_a_stale_version_when_completing_is_a_409_too(
    sign_in: SignIn, world: World, sheet: dict[str, Any]
) -> None:
    patch(sign_in("tara"), sheet["id"], version=1, due_on="2026-03-06")
    alice = sign_in("alice")
    clash = step(alice, sheet["id"], "complete", reflection="Done", version=1)
    assert clash.status_code == 409
    assert clash.json()["current"]["due_at"] == "2026-03-06T23:59:00+00:00"
    assert one(alice, sheet["id"])["status"] == "assigned"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "No version"}, "version"),
        ({"version": 1, "kind": "reading"}, "kind"),
        ({"version": 1, "title": "  "}, "title"),
        ({"version": 1, "title": None}, "title"),
        ({"version": 1, "title": "t" * 201}, "title"),
        ({"version": 1, "due_at": (T0 - timedelta(hours=1)).isoformat()}, "due_at"),
        ({"version": 1, "due_at": None}, "due_at"),
        ({"version": 1, "due_on": "2027-06-01"}, "due_at"),
        ({"version": 1, "target_count": 3}, "target_count"),
        ({"version": "one"}, "version"),
    ],
)
def test_bad_changes_are_refused_by_field(
    sign_in: SignIn, world: World, sheet: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    tara = sign_in("tara")
    response = patch(tara, sheet["id"], **body)
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["fields"]
    assert one(tara, sheet["id"])["version"] == 1


@pytest.mark.parametrize(("target", "ok"), [(0, False), (51, False), (10, True)])
def test_practice_count_can_change_within_limits(
    sign_in: SignIn, world: World, target: int, ok: bool
) -> None:
    item = add_to_jar(sign_in("alice"), "box-breathing")
    made = assigned(sign_in("tara"), world.alice.id, practice(item))
    response = patch(sign_in("tara"), made["id"], version=1, target_count=target)
    assert response.status_code == (200 if ok else 422)
    if ok:
        assert response.json()["progress"] == {"done": 0, "target": 10}


def test_only_the_person_who_set_it_changes_it_while_on_the_team(
    sign_in: SignIn, world: World, db: Session, sheet: dict[str, Any]
) -> None:
    share(sign_in("alice"), world, "cole", "goals_homework")
    cole = sign_in("cole")
    refused = patch(cole, sheet["id"], version=1, title="Cole's idea")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "Only Tara, who set this homework, can change it."
    assert step(cole, sheet["id"], "cancel").status_code == 403
    # Tara leaves alice's care team: the team can still tidy up after her.
    row = db.scalars(
        select(CareTeamMember).where(
            CareTeamMember.client_id == world.alice.id, CareTeamMember.member_id == world.tara.id
        )
    ).one()
    care.remove_from_team(db, row=row, now=T0)
    db.commit()
    assert patch(cole, sheet["id"], version=1, title="Cole's idea").status_code == 200


def test_alice_neither_edits_nor_cancels(
    sign_in: SignIn, world: World, sheet: dict[str, Any]
) -> None:
    alice = sign_in("alice")
    refused = patch(alice, sheet["id"], version=1, title="Easier")
    assert refused.status_code == 403
    assert "changed by the person who set it" in refused.json()["error"]["message"]
    assert step(alice, sheet["id"], "cancel").status_code == 403


def test_cancelled_homework_stays_cancelled(
    sign_in: SignIn, world: World, sheet: dict[str, Any]
) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    cancelled = step(tara, sheet["id"], "cancel", version=1)
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    again = step(tara, sheet["id"], "cancel")
    assert (again.status_code, again.json()["version"]) == (200, 2)  # asked twice: already so
    done = step(alice, sheet["id"], "complete", reflection="Did it anyway")
    assert done.status_code == 409
    assert done.json()["current"]["status"] == "cancelled"
    assert patch(tara, sheet["id"], version=2, title="Back").status_code == 409


def test_alice_completes_with_a_reflection_and_can_add_to_it(
    sign_in: SignIn, world: World, sheet: dict[str, Any]
) -> None:
    alice = sign_in("alice")
    done = step(alice, sheet["id"], "complete", reflection="Harder than I thought.")
    assert done.status_code == 200
    found = done.json()
    assert (found["status"], found["completed_at"], found["version"]) == (
        "completed",
        T0.isoformat(),
        2,
    )
    assert found["reflection"] == "Harder than I thought."
    retry = step(alice, sheet["id"], "complete")
    assert (retry.json()["reflection"], retry.json()["version"]) == ("Harder than I thought.", 2)
    more = step(alice, sheet["id"], "complete", reflection="Easier the second time.")
    assert (more.json()["reflection"], more.json()["version"]) == ("Easier the second time.", 3)
    assert step(sign_in("tara"), sheet["id"], "cancel").status_code == 409
    assert patch(sign_in("tara"), sheet["id"], version=3, title="x").status_code == 409


def test_reflection_homework_needs_the_reflection(sign_in: SignIn, world: World) -> None:
    made = assigned(
        sign_in("tara"), world.alice.id,
        {"kind": "reflection", "title": "What helped this week?", "due_at": IN_3_DAYS},
    )  # fmt: skip
    alice = sign_in("alice")
    refused = step(alice, made["id"], "complete", reflection="  ")
    assert refused.status_code == 422
    assert "reflection" in refused.json()["error"]["fields"]
    assert step(alice, made["id"], "complete", reflection="Walks.").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reflection": "r" * 4001}, "reflection"),
        ({"mood": 2}, "mood"),
        ({"version": "x"}, "version"),
    ],
)
def test_bad_completions_are_refused(
    sign_in: SignIn, world: World, sheet: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    alice = sign_in("alice")
    response = step(alice, sheet["id"], "complete", **body)
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert one(alice, sheet["id"])["status"] == "assigned"


QUESTIONNAIRE = {"kind": "questionnaire", "instrument_id": "phq9", "due_at": IN_3_DAYS}


def test_a_questionnaire_is_done_when_alice_answers_it(sign_in: SignIn, world: World) -> None:
    made = assigned(sign_in("tara"), world.alice.id, QUESTIONNAIRE)
    alice = sign_in("alice")
    early = step(alice, made["id"], "complete")
    assert early.status_code == 409
    assert "answer the questionnaire" in early.json()["error"]["message"]
    assignment = made["questionnaire"]["assignment_id"]
    answered = alice.send(
        "POST", f"{API}/assignments/{assignment}/responses", json={"answers": [0] * 9}
    )
    assert answered.status_code == 201, answered.text
    found = one(alice, made["id"])
    assert (found["status"], found["done_on_its_own"]) == ("completed", True)
    assert found["questionnaire"]["answered"] is True
    noted = step(alice, made["id"], "complete", reflection="Quicker than I feared.")
    assert (noted.status_code, noted.json()["reflection"]) == (200, "Quicker than I feared.")


def test_cancelling_a_questionnaire_closes_it(sign_in: SignIn, world: World, db: Session) -> None:
    made = assigned(sign_in("tara"), world.alice.id, QUESTIONNAIRE)
    assert step(sign_in("tara"), made["id"], "cancel").status_code == 200
    db.rollback()
    assignment = db.get_one(MeasureAssignment, made["questionnaire"]["assignment_id"])
    assert (assignment.ended_at, assignment.ended_by) == (T0, world.tara.id)
    assert sign_in("alice").http.get(f"{API}/measures/due").json() == []
