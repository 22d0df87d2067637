"""The demo's goals story: alice shares goals and homework with Cole, her
coach. Four weeks ago Cole suggested "Walk three mornings a week"; alice said
yes the next day, broke it into steps and has checked in since (Cole once,
after a call). She also has goals of her own — one reached (the tomatoes she
wrote about in her journal), one under way — and Tara's suggestion from two
days ago is still waiting for her answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.accounts.roles import Role
from mend.care import service as care
from mend.care.goals import service as goals
from mend.care.goals.models import Goal
from mend.care.goals.rules import GoalText, Status
from mend.care.policy import Category

WALK = GoalText(
    title="Walk three mornings a week",
    specific="Walk the river path before work on Monday, Wednesday and Friday, for 20 minutes.",
    measurable="Three ticks a week on the calendar by the fridge.",
    achievable="The path is five minutes from home, and I am up early anyway.",
    relevant="Moving in the morning lifts my mood for the day, and I sleep better after.",
)
WALK_STEPS = (
    ("Put my trainers by the door the night before", 24),
    ("Find a 20-minute loop along the river", 22),
    ("Ask Jo to come along on Fridays", None),
)
# (days ago, progress, by coach?, note)
WALK_CHECK_INS = (
    (21, 3, False, "One walk. Rain on Wednesday and I couldn't face it on Friday."),
    (14, 5, False, "Two walks. The Friday one with Jo was lovely."),
    (
        9,
        4,
        True,
        "From our call: the early start is hard after a bad night. "
        "Alice will try a shorter loop on those days.",
    ),
    (3, 7, False, "Three walks this week! I felt proud walking into work."),
)

COURSE = GoalText(
    title="Finish the first module of my course",
    specific="Read the three chapters and write the one-page summary.",
    measurable="The summary is uploaded.",
    achievable="An hour on Tuesday and Thursday evenings.",
    relevant="I want to finish what I started, for me.",
)
COURSE_STEPS = (("Read chapter 1", 30), ("Read chapter 2", 12), ("Write the summary", None))
COURSE_CHECK_INS: tuple[tuple[int, int, str | None], ...] = (
    (30, 2, "Slow start. Chapter 1 is dense."),
    (16, 5, None),
    (2, 6, None),
)

TOMATOES = GoalText(
    title="Plant the tomatoes",
    specific="Get the seedlings into the allotment before the end of the month.",
    relevant="An hour with my hands in the soil quiets my head.",
)

GROUNDING = GoalText(
    title="Try 5-4-3-2-1 grounding when panic starts",
    specific="When my chest tightens, name 5 things I see, 4 I can touch, 3 I hear, "
    "2 I smell and 1 I taste.",
    measurable="Note in a check-in each time I try it, and how it went.",
    achievable="It takes two minutes and needs nothing but me.",
    relevant="Panic at work has been the hardest part of the last month.",
)


def tell_stories(
    db: Session,
    *,
    org: Organisation,
    clients: dict[str, Membership],
    therapist: Membership,
    coach: Membership,
    now: datetime,
) -> None:
    alice = clients.get("alice")
    if alice is None or alice.org_id != org.id:
        return
    on_team = care.team_role(db, client_id=alice.id, member_id=coach.id) == Role.COACH
    if on_team:
        _share_goals(db, alice=alice, coach=coach, at=now - timedelta(days=29))
        text = replace(WALK, target_date=(now + timedelta(days=30)).date())
        walk = _goal(db, alice=alice, by=coach, text=text, at=now - timedelta(days=28))
        goals.accept(
            db,
            goal=walk,
            client=alice,
            by=alice,
            version=walk.version,
            now=now - timedelta(days=27, hours=-3),
        )
        _steps(db, walk, alice=alice, steps=WALK_STEPS, now=now)
        for days, progress, by_coach, note in WALK_CHECK_INS:
            _check_in(
                db,
                walk,
                alice=alice,
                by=coach if by_coach else alice,
                progress=progress,
                note=note,
                at=now - timedelta(days=days, hours=-8),
            )
    tomatoes = _goal(db, alice=alice, by=alice, text=TOMATOES, at=now - timedelta(days=40))
    goals.change_status(
        db,
        goal=tomatoes,
        client=alice,
        by=alice,
        to=Status.ACHIEVED,
        version=tomatoes.version,
        now=now - timedelta(days=6),
    )
    text = replace(COURSE, target_date=(now + timedelta(days=20)).date())
    course = _goal(db, alice=alice, by=alice, text=text, at=now - timedelta(days=35))
    _steps(db, course, alice=alice, steps=COURSE_STEPS, now=now)
    for days, progress, words in COURSE_CHECK_INS:
        _check_in(
            db,
            course,
            alice=alice,
            by=alice,
            progress=progress,
            note=words,
            at=now - timedelta(days=days, hours=-11),
        )
    if care.team_role(db, client_id=alice.id, member_id=therapist.id) == Role.THERAPIST:
        _goal(db, alice=alice, by=therapist, text=GROUNDING, at=now - timedelta(days=2))


def _share_goals(db: Session, *, alice: Membership, coach: Membership, at: datetime) -> None:
    """Cole's suggestion needs alice to share goals and homework with him;
    the demo's history usually has already."""
    shared = care.is_consented(
        db,
        client_id=alice.id,
        member_id=coach.id,
        team_role_name=Role.COACH.value,
        category=Category.GOALS_HOMEWORK,
    )
    if not shared:
        care.set_consent(
            db,
            client=alice,
            member_id=coach.id,
            category=Category.GOALS_HOMEWORK,
            granted=True,
            changed_by=alice,
            now=at,
        )


def _goal(db: Session, *, alice: Membership, by: Membership, text: GoalText, at: datetime) -> Goal:
    return goals.create(db, client=alice, by=by, draft=text, key=None, now=at).goal


def _steps(
    db: Session,
    goal: Goal,
    *,
    alice: Membership,
    steps: tuple[tuple[str, int | None], ...],
    now: datetime,
) -> None:
    for text, done_days_ago in steps:
        step = goals.add_step(db, goal=goal, client=alice, by=alice, text=text)
        if done_days_ago is not None:
            goals.set_step_done(
                db,
                goal=goal,
                client=alice,
                by=alice,
                step_id=step.id,
                done=True,
                now=now - timedelta(days=done_days_ago),
            )


def _check_in(
    db: Session,
    goal: Goal,
    *,
    alice: Membership,
    by: Membership,
    progress: int,
    note: str | None,
    at: datetime,
) -> None:
    goals.check_in(
        db, goal=goal, client=alice, by=by, progress=progress, note=note, key=None, now=at
    )
