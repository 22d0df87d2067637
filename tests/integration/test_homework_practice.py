"""Practice homework counts itself: each coping moment alice logs with that
strategy (through the real coping API) between the moment it was set and its
due time is one time. The count is worked out on every read, never stored, so
an edited moment counts as it is now. Time is frozen: T0 is Monday 09:30 UTC."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine
from sqlalchemy.orm import Session

from mend.care.homework.models import Homework
from tests.conftest import T0, World
from tests.integration.test_homework_helpers import (
    API,
    SignIn,
    add_to_jar,
    assigned,
    log_use,
    one,
    practice,
)

H = timedelta(hours=1)
DAY = timedelta(days=1)


def status_of(person: Any, homework_id: str) -> tuple[str, dict[str, int] | None]:
    found = one(person, homework_id)
    return found["status"], found["progress"]


def test_logged_moments_count_towards_practice(
    sign_in: SignIn, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    box, walk = add_to_jar(alice, "box-breathing"), add_to_jar(alice, "brisk-walk")
    log_use(alice, [box], T0 - H, "before-the-homework")  # before it was set: not counted
    made = assigned(sign_in("tara"), world.alice.id, practice(box, target=3))
    assert made["progress"] == {"done": 0, "target": 3}

    log_use(alice, [box], T0, "right-when-set")  # the very moment it was set counts
    clock.move_to(T0 + DAY)
    alice = sign_in("alice")
    log_use(alice, [walk, box], T0 + DAY - H, "walk-and-breathe")
    log_use(alice, [walk], T0 + DAY - 2 * H, "only-a-walk")  # another strategy: not counted
    assert status_of(alice, made["id"]) == ("assigned", {"done": 2, "target": 3})

    refused = alice.send("POST", f"{API}/homework/{made['id']}/complete", json={})
    assert refused.status_code == 409
    assert "ticks itself off" in refused.json()["error"]["message"]

    log_use(alice, [box], T0 + DAY - 30 * timedelta(minutes=1), "third-time")
    found = one(alice, made["id"])
    assert (found["status"], found["progress"]) == ("completed", {"done": 3, "target": 3})
    assert found["done_on_its_own"] is True
    assert found["completed_at"] == (T0 + DAY - timedelta(minutes=30)).isoformat()
    # Shown as done on reading; the row still says what a person last did to it.
    db.rollback()
    row = db.get(Homework, made["id"])
    assert row is not None
    assert (row.status, row.completed_at) == ("assigned", None)
    # Tara sees the same.
    assert status_of(sign_in("tara"), made["id"]) == ("completed", {"done": 3, "target": 3})


def test_alice_adds_a_reflection_once_practice_is_done(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    box = add_to_jar(alice, "box-breathing")
    made = assigned(sign_in("tara"), world.alice.id, practice(box, target=1))
    log_use(alice, [box], T0, "only-time")
    response = alice.send(
        "POST", f"{API}/homework/{made['id']}/complete",
        json={"reflection": "Slower breathing helped on the bus.", "version": 1},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    done = response.json()
    assert (done["status"], done["reflection"]) == (
        "completed",
        "Slower breathing helped on the bus.",
    )
    assert done["completed_at"] == T0.isoformat()  # when the count was reached, not now
    assert done["version"] == 2
    db.rollback()
    row = db.get(Homework, made["id"])
    assert row is not None
    assert (row.status, row.completed_at) == ("completed", T0)


def test_only_moments_up_to_the_due_time_count(
    sign_in: SignIn, world: World, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    box = add_to_jar(alice, "box-breathing")
    due = T0 + 2 * DAY
    made = assigned(
        sign_in("tara"), world.alice.id, practice(box, target=2, due_at=due.isoformat())
    )
    clock.move_to(due + DAY)
    alice = sign_in("alice")
    log_use(alice, [box], due, "on-the-dot")  # logged late, but it happened in time
    log_use(alice, [box], due + timedelta(seconds=1), "a-second-late")
    found = one(alice, made["id"])
    assert (found["status"], found["progress"]) == ("assigned", {"done": 1, "target": 2})
    assert found["timing"] == "overdue"


def test_editing_a_moment_changes_the_count(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    box = add_to_jar(alice, "box-breathing")
    made = assigned(sign_in("tara"), world.alice.id, practice(box, target=1))
    moment = log_use(alice, [box], T0, "to-be-edited").json()
    assert one(alice, made["id"])["status"] == "completed"
    edited = alice.send(
        "PATCH", f"{API}/moments/{moment['id']}",
        json={"occurred_at": T0.isoformat(), "distress_before": 6, "distress_after": 3,
              "stressor_category": "work", "strategy_ids": [], "note": "Ticked by mistake",
              "version": moment["version"]},
    )  # fmt: skip
    assert edited.status_code == 200, edited.text
    assert status_of(alice, made["id"]) == ("assigned", {"done": 0, "target": 1})


def test_a_moment_counts_once_for_each_practice_of_its_strategy(
    sign_in: SignIn, world: World
) -> None:
    alice, tara = sign_in("alice"), sign_in("tara")
    box = add_to_jar(alice, "box-breathing")
    first = assigned(tara, world.alice.id, practice(box, target=2))
    second = assigned(tara, world.alice.id, practice(box, target=5, title="Box breathing at night"))
    log_use(alice, [box], T0, "one-moment")
    assert one(alice, first["id"])["progress"] == {"done": 1, "target": 2}
    assert one(alice, second["id"])["progress"] == {"done": 1, "target": 5}
    assert one(alice, second["id"])["title"] == "Box breathing at night"
