"""The caseload's view of goals: per client, the goals being worked on, the
suggestions waiting for them (counted apart), and the newest check-in — for
sixty clients in two queries, whatever their history."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event
from sqlalchemy.orm import Session

from mend.accounts.models import Membership, User
from mend.accounts.roles import Role
from mend.care.goals import service
from mend.care.goals.rules import GoalText
from tests.conftest import T0, World


@contextmanager
def statements(db: Session) -> Iterator[list[str]]:
    seen: list[str] = []
    engine = db.get_bind()

    def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if not statement.startswith("BEGIN"):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _client(db: Session, world: World, n: int) -> Membership:
    user = User(
        email=f"client{n}@example.org", display_name=f"Client {n}", password_hash="-", created_at=T0
    )
    db.add(user)
    db.flush()
    member = Membership(user_id=user.id, org_id=world.riverside.id, role=Role.CLIENT, created_at=T0)
    db.add(member)
    db.flush()
    return member


def _goal(db: Session, client: Membership, by: Membership, title: str, days_ago: int):  # type: ignore[no-untyped-def]
    at = T0 - timedelta(days=days_ago)
    return service.create(
        db, client=client, by=by, draft=GoalText(title=title), key=None, now=at
    ).goal


def test_each_client_is_summed_up(db: Session, world: World) -> None:
    alice, bob = world.alice, world.bob
    walk = _goal(db, alice, alice, "Walk", 20)
    course = _goal(db, alice, alice, "Course", 20)
    _goal(db, alice, world.tara, "Suggested", 2)
    declined = _goal(db, alice, world.tara, "Not now", 2)
    service.decline(db, goal=declined, client=alice, by=alice, version=1, now=T0)
    done = _goal(db, alice, alice, "Done", 30)
    service.change_status(db, goal=done, client=alice, by=alice, to="achieved", version=1, now=T0)
    for goal, days, progress in ((walk, 9, 4), (course, 3, 7), (walk, 5, 5)):
        service.check_in(
            db,
            goal=goal,
            client=alice,
            by=alice,
            progress=progress,
            note=None,
            key=None,
            now=T0 - timedelta(days=days),
        )
    db.commit()
    found = service.summaries(db, client_ids=[alice.id, bob.id])
    assert found[alice.id] == service.GoalSummary(
        active=2, proposed=1, latest_progress=7, latest_at=T0 - timedelta(days=3)
    )
    assert found[bob.id] == service.GoalSummary()
    assert service.summaries(db, client_ids=[]) == {}


def test_sixty_clients_take_two_queries(db: Session, world: World) -> None:
    clients = [_client(db, world, n) for n in range(60)]
    for i, client in enumerate(clients):
        goals = [_goal(db, client, client, f"Goal {g}", 30) for g in range(3)]
        _goal(db, client, world.tara, "Suggested", 1)
        for day in range(10):
            service.check_in(
                db,
                goal=goals[day % 3],
                client=client,
                by=client,
                progress=(i + day) % 11,
                note=None,
                key=None,
                now=T0 - timedelta(days=20 - day),
            )
    db.commit()
    ids = [c.id for c in clients]
    with statements(db) as seen:
        started = time.perf_counter()
        found = service.summaries(db, client_ids=ids)
        took = time.perf_counter() - started
    assert len(seen) <= 2
    assert took < 0.2, f"{took * 1000:.0f} ms"
    assert len(found) == 60
    last = found[clients[7].id]
    assert (last.active, last.proposed) == (3, 1)
    assert last.latest_progress == (7 + 9) % 11
    assert last.latest_at == T0 - timedelta(days=11)
