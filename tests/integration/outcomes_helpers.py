"""Clients with questionnaire courses and coping moments, for the practice
outcomes tests, written through the same services the app uses (no tests here)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import Membership, Organisation
from mend.accounts.passwords import make_hasher
from mend.accounts.roles import Role
from mend.care import service as care
from mend.coping import service as coping
from mend.measures import service as measures
from mend.measures.definitions import instruments
from mend.measures.demo_stories import answers_for
from mend.measures.scoring import scorer
from tests.conftest import PASSWORD

# In the default period (the twelve months to T0 = 2026-03-02).
JOINED = datetime(2025, 12, 1, 9, tzinfo=UTC)
FIRST = datetime(2026, 1, 12, 10, tzinfo=UTC)
LAST = datetime(2026, 2, 16, 10, tzinfo=UTC)
JAN = datetime(2026, 1, 14, 18, tzinfo=UTC)
FEB = datetime(2026, 2, 18, 18, tzinfo=UTC)
HASHER = make_hasher(time_cost=1, memory_cost=64, parallelism=1)


@dataclass(frozen=True)
class Course:
    """First and last PHQ-9 and GAD-7, and helpful-only moments of 3 in Jan and Feb."""

    phq9: tuple[int, int]
    gad7: tuple[int, int]
    helpful: tuple[int, int] = (1, 3)


RECOVERS = Course(phq9=(16, 5), gad7=(13, 4))  # reliable recovery
WORSENS = Course(phq9=(10, 17), gad7=(8, 12), helpful=(2, 0))  # reliable deterioration
STAYS = Course(phq9=(12, 12), gad7=(9, 9), helpful=(2, 2))  # no reliable change


def client(
    db: Session,
    org: Organisation,
    name: str,
    *,
    therapist: Membership,
    course: Course,
    added_by: Membership,
    joined: datetime = JOINED,
) -> Membership:
    """A client on `therapist`'s care team since `joined`, with the course."""
    member = accounts.create_user(
        db, org=org, email=f"{name}@example.org", name=name.capitalize(), password=PASSWORD,
        role=Role.CLIENT, hasher=HASHER, now=joined,
    )  # fmt: skip
    care.add_to_team(db, client=member, member=therapist, added_by=added_by, now=joined)
    scores(db, member, therapist, course, joined=joined)
    moments(db, member, course, joined=joined)
    return member


def scores(
    db: Session, member: Membership, therapist: Membership, course: Course, *, joined: datetime
) -> None:
    rng = random.Random(member.id)
    for instrument_id, (first, last) in (("phq9", course.phq9), ("gad7", course.gad7)):
        assignment = measures.assign(
            db, client=member, instrument=instruments()[instrument_id], every_days=14,
            starts_at=joined, by=therapist, now=joined,
        )  # fmt: skip
        for when, total in ((FIRST, first), (LAST, last)):
            measures.complete(
                db, assignment=assignment, scoring=scorer(instrument_id),
                answers=answers_for(instrument_id, total, rng=rng), now=when,
            )  # fmt: skip


def _jar(db: Session, member: Membership, ref: str, joined: datetime) -> str:
    result = coping.add_to_jar(
        db, client=member, strategy_ref=ref, stage_of_change=None, by=member.id, now=joined
    )
    return result.entry.item.id


def moments(db: Session, member: Membership, course: Course, *, joined: datetime) -> None:
    """Three moments in January and three in February: `helpful` of each only helpful."""
    helpful = _jar(db, member, "box-breathing", joined)
    harmful = _jar(db, member, "drinking-alcohol", joined)
    for month, (start, good) in enumerate(((JAN, course.helpful[0]), (FEB, course.helpful[1]))):
        for n in range(3):
            at = start + timedelta(hours=n)
            used = (helpful,) if n < good else (helpful, harmful)
            data = coping.MomentData(
                occurred_at=at, distress_before=7, distress_after=4, strategy_ids=used
            )
            limits = coping.MomentLimits(
                now=at + timedelta(minutes=5), skew=timedelta(minutes=5), imminent_urge_level=8
            )
            coping.log_moment(
                db, client=member, key=f"outcomes-{month}-{n}", data=data, limits=limits
            )
