"""The demo's goals story holds on the test world: Cole's suggestion, which
alice accepted, with steps and check-ins; alice's own goals; Tara's
suggestion still waiting; alice shares goals with Cole; nothing is in the
future; nothing raised an alert; and Cole can read it all over HTTP."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.care import service as care
from mend.care.goals import service
from mend.care.goals.demo_stories import tell_stories
from mend.care.goals.models import Goal, GoalCheckIn, GoalStep
from mend.care.policy import Category
from mend.safety.models import RiskSignal
from tests.conftest import T0, World
from tests.integration import stories
from tests.integration.conftest import SignedIn
from tests.integration.coping_helpers import count

API = "/api/v1"


def _tell(db: Session, world: World) -> None:
    stories.tell(tell_stories, db, world)


def test_the_story_holds(db: Session, world: World) -> None:
    _tell(db, world)
    goals = {g.title: g for g in db.scalars(select(Goal))}
    walk = goals["Walk three mornings a week"]
    assert walk.created_by == world.cole.id and walk.status == "active"
    assert walk.accepted_at is not None and walk.accepted_at > walk.created_at
    assert walk.specific and walk.measurable and walk.achievable and walk.relevant
    assert walk.target_date is not None and walk.target_date > T0.date()
    assert goals["Plant the tomatoes"].status == "achieved"
    assert goals["Finish the first module of my course"].created_by == world.alice.id
    waiting = goals["Try 5-4-3-2-1 grounding when panic starts"]
    assert (waiting.status, waiting.created_by) == ("proposed", world.tara.id)
    assert {g.client_id for g in goals.values()} == {world.alice.id}

    check_ins = list(service.check_ins_of(db, goal_id=walk.id))
    assert len(check_ins) == 4 and {c.by for c in check_ins} == {world.alice.id, world.cole.id}
    assert all(walk.accepted_at < c.at < T0 for c in check_ins)
    steps = service.steps_of(db, goal_ids=[walk.id])[walk.id]
    assert [s.done_at is not None for s in steps] == [True, True, False]

    summary = service.summaries(db, client_ids=[world.alice.id])[world.alice.id]
    assert (summary.active, summary.proposed, summary.latest_progress) == (2, 1, 6)
    assert count(db, RiskSignal) == 0
    assert care.is_consented(
        db,
        client_id=world.alice.id,
        member_id=world.cole.id,
        team_role_name="coach",
        category=Category.GOALS_HOMEWORK,
    )
    for model, column in (
        (Goal, Goal.created_at),
        (GoalCheckIn, GoalCheckIn.at),
        (GoalStep, GoalStep.done_at),
    ):
        assert all(at is None or at <= T0 for at in db.scalars(select(column))), model


def test_cole_reads_the_story(
    db: Session, world: World, sign_in: Callable[[str], SignedIn]
) -> None:
    _tell(db, world)
    listed = sign_in("cole").http.get(f"{API}/clients/{world.alice.id}/goals").json()
    assert (listed[0]["title"], listed[0]["status"]) == (
        "Try 5-4-3-2-1 grounding when panic starts",
        "proposed",
    )
    assert sign_in("alice").http.get("/goals").status_code == 200


def test_without_alice_there_is_no_story(db: Session, world: World) -> None:
    tell_stories(
        db,
        org=world.riverside,
        clients={"bob": world.bob},
        therapist=world.tara,
        coach=world.cole,
        now=T0,
    )
    assert count(db, Goal) == 0
