"""The demo's homework story holds: on the test world (alice with an empty jar,
bob, and a grace added here) and on the real demo practice with its months of
coping history. Alice's box-breathing practice counted itself from moments she
logged and carries her reflection; her walks are under way; Tara's reading is
due in a few days; bob's reflection is due within a day; grace's worksheet is
overdue."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from mend import demo
from mend.accounts import service as accounts
from mend.accounts.models import Membership
from mend.accounts.passwords import make_hasher
from mend.accounts.roles import Role
from mend.care import service as care
from mend.care.homework import service as homework
from mend.care.homework.demo_stories import BOX_REFLECTION, tell_stories
from mend.crypto import keyring
from mend.db import make_sessionmaker
from tests.conftest import PASSWORD, SECRET, T0, World, _wipe
from tests.integration.test_homework_helpers import API, SignIn


def _grace(db: Session, world: World) -> Membership:
    hasher = make_hasher(time_cost=1, memory_cost=64, parallelism=1)
    grace = accounts.create_user(
        db, org=world.riverside, email="grace@example.org", name="Grace", password=PASSWORD,
        role=Role.CLIENT, hasher=hasher, now=T0,
    )  # fmt: skip
    care.add_to_team(db, client=grace, member=world.tara, added_by=world.ada, now=T0)
    return grace


def _by_title(views: list[homework.View]) -> dict[str, homework.View]:
    return {v.homework.title: v for v in views}


def check_story(db: Session, clients: dict[str, Membership], now: datetime) -> None:
    alice = _by_title(homework.homework_of(db, client_id=clients["alice"].id, now=now))
    box = alice["Practise Box breathing 5 times"]
    assert box.status == "completed" and box.homework.status == "completed"
    assert box.progress is not None and box.progress.done >= 5
    assert box.homework.reflection == BOX_REFLECTION
    assert box.standing.completed_at is not None
    assert box.homework.assigned_at < box.standing.completed_at <= box.homework.due_at
    walks = next(v for t, v in alice.items() if t.startswith("Brisk walk at lunchtime"))
    assert walks.is_open and walks.progress is not None
    assert 1 <= walks.progress.done < walks.progress.target
    reading = alice["The window of tolerance (handout from our session)"]
    assert (reading.is_open, reading.timing) == (True, "later")
    assert reading.homework.assigned_by != box.homework.assigned_by  # Tara's, not Cole's
    assert alice["My early warning signs"].status == "completed"
    [bobs] = homework.homework_of(db, client_id=clients["bob"].id, now=now)
    assert (bobs.homework.kind, bobs.timing) == ("reflection", "due_soon")
    if "grace" in clients:
        grace = _by_title(homework.homework_of(db, client_id=clients["grace"].id, now=now))
        assert grace["A letter you won't send"].timing == "overdue"
        assert grace["Answer a questionnaire"].homework.measure_assignment_id is not None


def test_the_story_on_the_test_world(world: World, db: Session, sign_in: SignIn) -> None:
    clients = {"alice": world.alice, "bob": world.bob, "grace": _grace(db, world)}
    tell_stories(
        db, org=world.riverside, clients=clients, therapist=world.tara, coach=world.cole, now=T0
    )
    db.commit()
    check_story(db, clients, T0)
    seen = sign_in("alice").http.get(f"{API}/homework").json()
    assert [h["status"] for h in seen] == ["assigned", "assigned", "completed", "completed"]
    page = sign_in("alice").http.get("/homework").text
    assert BOX_REFLECTION.split(".")[0] in page


def test_missing_clients_are_skipped(world: World, db: Session) -> None:
    tell_stories(
        db, org=world.riverside, clients={"bob": world.bob}, therapist=world.tara,
        coach=world.cole, now=T0,
    )  # fmt: skip
    assert homework.homework_of(db, client_id=world.alice.id, now=T0) == []
    assert len(homework.homework_of(db, client_id=world.bob.id, now=T0)) == 1


@pytest.mark.xdist_group(name="homework_demo")
def test_the_story_on_the_demo_practice(engine: Engine) -> None:
    keyring.load(SECRET)
    db = make_sessionmaker(engine)()
    try:
        built = demo.build(db, hasher=make_hasher(time_cost=1, memory_cost=64, parallelism=1),
                           now=T0, seed=7)  # fmt: skip
        names = ("alice", "bob", "grace", "sam", "priya")
        clients = dict(zip(names, built.clients, strict=False))
        tell_stories(
            db, org=built.org, clients=clients, therapist=built.staff["therapist"],
            coach=built.staff["coach"], now=T0,
        )  # fmt: skip
        db.commit()
        check_story(db, clients, T0)
        # Nothing in the future, nothing logged for homework after the demo's now.
        for client in clients.values():
            for view in homework.homework_of(db, client_id=client.id, now=T0):
                assert view.homework.assigned_at <= T0
                if view.standing.completed_at:
                    assert view.standing.completed_at <= T0 + timedelta(seconds=1)
    finally:
        db.rollback()
        db.close()
        _wipe(engine)
