"""The demo's homework, told through the same services the app uses:

- alice: Cole set "practise box breathing 5 times" last week; she logged the
  moments (it counted itself) and wrote how it went. This week he set brisk
  walks, one done so far. Tara set a reading due in a few days, and a
  worksheet a month ago that alice finished with a reflection.
- bob: Cole asked for a short reflection each day; it is due within a day,
  so the reminder shows.
- grace: a worksheet from Tara is a few days overdue (grief is not on a
  schedule), and a short questionnaire (CORE-10) is set as homework.

Clients missing from ``clients`` are skipped. Runs after the coping stories,
so alice's jar and moments are already there; anything missing is added.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.accounts.service import zone_of
from mend.care.homework import rules
from mend.care.homework import service as homework
from mend.care.homework.models import Homework
from mend.coping import service as coping
from mend.coping.models import CopingMoment, MomentStrategy
from mend.measures import service as measures

SKEW = timedelta(minutes=5)
IMMINENT_URGE_LEVEL = 8  # the settings' default

BOX_REFLECTION = (
    "Did it most evenings after work, and once on the bus. Four counts in, four out. "
    "It works better if I start before I'm really wound up."
)
SHEET_REFLECTION = (
    "I found three early signs: I stop answering messages, I skip lunch, and I lie awake "
    "replaying conversations. Seeing them written down helped."
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
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    zone = zone_of(org)

    def day(offset: int, hour: int = 0, minute: int = 0) -> datetime:
        return midnight + timedelta(days=offset, hours=hour, minutes=minute)

    def due_on(offset: int) -> datetime:
        return rules.end_of_day((now + timedelta(days=offset)).astimezone(zone).date(), zone)

    alice, bob, grace = clients.get("alice"), clients.get("bob"), clients.get("grace")
    if alice is not None:
        _alice(db, alice=alice, tara=therapist, cole=coach, day=day, due_on=due_on)
    if bob is not None:
        _set(
            db, bob, coach, at=day(-6, 16),
            draft=rules.Draft(
                kind=rules.REFLECTION, title="One thing that went OK each day",
                instructions="Small things count: a good coffee, a kind word, getting up on time.",
                due_at=now + timedelta(hours=20),
            ),
        )  # fmt: skip
    if grace is not None:
        _set(
            db, grace, therapist, at=day(-10, 11),
            draft=rules.Draft(
                kind=rules.WORKSHEET, title="A letter you won't send",
                instructions="Write to the person you lost about one thing you miss and one "
                "thing that still hurts. No one else needs to read it.",
                due_at=due_on(-3),
            ),
        )  # fmt: skip
        try:
            measures.usable(db, org_id=org.id, instrument_id="core10")
        except measures.MeasureError:
            return
        _set(
            db, grace, therapist, at=day(-1, 14),
            draft=rules.Draft(kind=rules.QUESTIONNAIRE, instrument_id="core10", due_at=due_on(4)),
        )  # fmt: skip


def _set(
    db: Session, client: Membership, by: Membership, *, at: datetime, draft: rules.Draft
) -> Homework:
    return homework.assign(db, client=client, by=by, draft=draft, goal_id=None, now=at).homework


def _entry(db: Session, client: Membership, ref: str, *, at: datetime) -> coping.JarEntry:
    """The client's jar item for this catalog strategy, added then if it is not there."""
    for entry in coping.jar_of(db, client=client):
        if entry.item.catalog_id == ref and not entry.retired:
            return entry
    return coping.add_to_jar(
        db, client=client, strategy_ref=ref, stage_of_change=None, by=client.id, now=at
    ).entry


def _practise(
    db: Session, client: Membership, entry: coping.JarEntry, when: datetime, key: str
) -> None:
    data = coping.MomentData(
        occurred_at=when,
        distress_before=6,
        distress_after=3,
        strategy_ids=(entry.item.id,),
        stressor_category="work",
        note="Practising for my homework.",
    )
    limits = coping.MomentLimits(
        now=when + timedelta(minutes=4), skew=SKEW, imminent_urge_level=IMMINENT_URGE_LEVEL
    )
    coping.log_moment(db, client=client, key=key, data=data, limits=limits)


def _done_so_far(db: Session, made: Homework, now: datetime) -> int:
    progress = homework.view_of(db, homework=made, now=now).progress
    return progress.done if progress else 0


def _uses(db: Session, entry: coping.JarEntry, start: datetime, end: datetime) -> int:
    """Moments that used this jar item between two times, both included."""
    query = (
        select(func.count())
        .select_from(MomentStrategy)
        .join(CopingMoment, CopingMoment.id == MomentStrategy.moment_id)
        .where(
            MomentStrategy.jar_item_id == entry.item.id,
            CopingMoment.occurred_at >= start,
            CopingMoment.occurred_at <= end,
        )
    )
    return int(db.scalar(query) or 0)


def _alice(
    db: Session,
    *,
    alice: Membership,
    tara: Membership,
    cole: Membership,
    day: Callable[..., datetime],
    due_on: Callable[[int], datetime],
) -> None:
    at, due = day, due_on
    # A month ago: Tara's worksheet, done with a reflection.
    sheet = _set(
        db, alice, tara, at=at(-30, 10),
        draft=rules.Draft(
            kind=rules.WORKSHEET, title="My early warning signs",
            instructions="List the first small signs that things are getting harder.",
            due_at=due(-23),
        ),
    )  # fmt: skip
    homework.complete(
        db, homework=sheet, reflection=SHEET_REFLECTION, version=None, now=at(-25, 19, 40)
    )
    # Last week: Cole's box breathing, counted from the moments she logged.
    box = _entry(db, alice, "box-breathing", at=at(-10, 9))
    practice = _set(
        db, alice, cole, at=at(-9, 10),
        draft=rules.Draft(
            kind=rules.PRACTICE, jar_item_id=box.item.id, target_count=5, due_at=due(-2),
            instructions="Any time you notice your shoulders creeping up. Log it each time.",
        ),
    )  # fmt: skip
    evening, n = at(-9, 21, 15), 0
    while _done_so_far(db, practice, evening) < 5 and evening <= practice.due_at:
        _practise(db, alice, box, evening, key=f"demo-homework-box-{n}")
        evening, n = evening + timedelta(days=1), n + 1
    reached = homework.view_of(db, homework=practice, now=evening).standing.completed_at
    if reached is not None:
        homework.complete(
            db, homework=practice, reflection=BOX_REFLECTION, version=None,
            now=reached + timedelta(minutes=20),
        )  # fmt: skip
    # This week: brisk walks at lunchtime, one done so far (more if her own walks count).
    walk = _entry(db, alice, "brisk-walk", at=at(-3, 9))
    set_at, walks_due = at(-2, 10), due(5)
    if _uses(db, walk, set_at, walks_due) == 0:
        _practise(db, alice, walk, at(-1, 12, 30), key="demo-homework-walk-0")
    target = min(max(4, _uses(db, walk, set_at, walks_due) + 2), rules.TARGET_MAX)
    _set(
        db, alice, cole, at=set_at,
        draft=rules.Draft(
            kind=rules.PRACTICE, jar_item_id=walk.item.id, target_count=target,
            due_at=walks_due, title=f"Brisk walk at lunchtime, {target} times",
        ),
    )  # fmt: skip
    # Yesterday: Tara's reading for next session.
    _set(
        db, alice, tara, at=at(-1, 15),
        draft=rules.Draft(
            kind=rules.READING, title="The window of tolerance (handout from our session)",
            instructions="Read the two pages and mark one thing that sounds like you. "
            "Bring it next week.",
            due_at=due(3),
        ),
    )  # fmt: skip
