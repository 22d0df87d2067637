"""Alice sets goals of her own: they are hers at once, with their SMART parts
kept exactly; bad input is refused with the field at fault and nothing is
written; a retried request is stored once; the words are sealed at rest."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_goal_support import API, WALK, create, created, fields_of, rows

SignIn = Callable[[str], SignedIn]


def test_alices_own_goal_is_hers_at_once(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    goal = created(alice, **WALK)
    assert goal["status"] == "active" and goal["is_goal"] and not goal["is_proposal"]
    assert goal["proposed_by"] is None
    assert goal["accepted_at"] == goal["created_at"] == "2026-03-02T09:30:00+00:00"
    assert goal["client_id"] == world.alice.id and goal["version"] == 1
    for name, value in WALK.items():
        assert goal[name] == value
    listed = alice.http.get(f"{API}/goals").json()
    assert [g["id"] for g in listed] == [goal["id"]]
    same = alice.http.get(f"{API}/clients/{world.alice.id}/goals").json()
    assert same == listed


def test_only_the_title_is_needed(sign_in: SignIn) -> None:
    goal = created(sign_in("alice"), title="  Sleep   by eleven ", specific="   ")
    assert goal["title"] == "Sleep by eleven"
    assert goal["specific"] is None and goal["target_date"] is None


def test_a_target_date_of_today_is_kept(sign_in: SignIn) -> None:
    assert created(sign_in("alice"), target_date="2026-03-02")["target_date"] == "2026-03-02"


LONG = "x" * 501


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "t" * 121}, "title"),
        ({"title": 5}, "title"),
        ({"title": None}, "title"),
        ({"title": "nul \x00 here"}, "title"),
        ({"specific": LONG}, "specific"),
        ({"measurable": LONG}, "measurable"),
        ({"achievable": LONG}, "achievable"),
        ({"relevant": LONG}, "relevant"),
        ({"relevant": ["a list"]}, "relevant"),
        ({"target_date": "2026-03-01"}, "target_date"),
        ({"target_date": "2026-02-30"}, "target_date"),
        ({"target_date": "next week"}, "target_date"),
        ({"target_date": "2040-01-01"}, "target_date"),
        ({"status": "achieved"}, "status"),
        ({"created_by": "someone"}, "created_by"),
        ({"idempotency_key": "short"}, "idempotency_key"),
    ],
    ids=lambda v: v if isinstance(v, str) else "-".join(f"{k}" for k in v),
)
def test_bad_goals_are_refused_and_nothing_is_written(
    sign_in: SignIn, db: Session, body: dict[str, object], field: str
) -> None:
    response = sign_in("alice").send("POST", f"{API}/goals", json={"title": "Walk", **body})
    assert response.status_code == 422, response.text
    assert field in fields_of(response)
    assert rows(db) == (0, 0, 0)


def test_a_missing_title_is_named(sign_in: SignIn, db: Session) -> None:
    response = sign_in("alice").send("POST", f"{API}/goals", json={})
    assert response.status_code == 422 and "title" in fields_of(response)
    assert rows(db) == (0, 0, 0)


def test_broken_json_is_a_400(sign_in: SignIn, db: Session) -> None:
    response = sign_in("alice").send(
        "POST", f"{API}/goals", content=b"{", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert rows(db) == (0, 0, 0)


def test_a_retried_request_is_stored_once(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    first = create(alice, idempotency_key="goal-key-0001", specific="River")
    again = create(alice, idempotency_key="goal-key-0001", specific="River")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert rows(db) == (1, 0, 0)


def test_the_same_key_for_another_goal_is_a_conflict(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    create(alice, idempotency_key="goal-key-0002")
    clash = create(alice, title="Something else", idempotency_key="goal-key-0002")
    assert clash.status_code == 409 and "idempotency_key" in fields_of(clash)
    assert rows(db) == (1, 0, 0)


def test_unicode_comes_back_exactly(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    words = "Café with Zoë 🌧️→☀️ — 今日は"
    goal = created(alice, title=words, relevant=words)
    assert alice.http.get(f"{API}/goals/{goal['id']}").json()["relevant"] == words


def test_the_words_are_encrypted_at_rest(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    goal = created(alice, **WALK)
    alice.send("POST", f"{API}/goals/{goal['id']}/steps", json={"text": "Trainers by the door"})
    alice.send(
        "POST",
        f"{API}/goals/{goal['id']}/check-ins",
        json={"progress": 4, "note": "Rain on Wednesday"},
    )
    db.rollback()
    sealed = db.execute(
        text("SELECT title, specific, measurable, achievable, relevant FROM goal")
    ).one()
    for value, plain in zip(
        sealed, ("Walk three", "river path", "ticks", "five minutes", "mood"), strict=True
    ):
        assert value.startswith("v1:") and plain not in value
    step = db.execute(text("SELECT text FROM goal_step")).scalar_one()
    note = db.execute(text("SELECT note FROM goal_check_in")).scalar_one()
    assert step.startswith("v1:") and "Trainers" not in step
    assert note.startswith("v1:") and "Rain" not in note


def test_writing_is_recorded_in_the_audit_log(sign_in: SignIn, db: Session) -> None:
    from mend.audit.models import AuditEntry

    goal = created(sign_in("alice"))
    db.rollback()
    entries = db.query(AuditEntry).filter(AuditEntry.action == "goal.created").all()
    assert [(e.resource_type, e.resource_id) for e in entries] == [("goal", goal["id"])]
