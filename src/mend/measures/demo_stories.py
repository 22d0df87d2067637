"""Questionnaire histories for the demo practice, told through the services.

- alice improves: PHQ-9 and GAD-7 every two weeks fall from the moderately
  severe range to minimal (a reliable recovery), and her monthly PCL-5 falls
  below the cut-off.
- bob stays where he is: PHQ-9 and GAD-7 wander around the same scores, with
  no reliable change either way. That is information, not a failure.
- grace gets worse around an anniversary: her PHQ-9 and CORE-10 rise reliably,
  and her latest PHQ-9 answers item 9, so a risk signal waits on her
  therapist's caseload.

Each client's newest round is left open, so something is due on their home.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.measures import service as measures
from mend.measures.definitions import instruments
from mend.measures.scoring import scorer

FORTNIGHT = 14


@dataclass(frozen=True)
class _Course:
    instrument_id: str
    every_days: int
    first: float  # total at the start
    last: float  # total at the end
    noise: float = 1.0
    risk_at_end: int = 0  # the risk item's answer in the newest response


COURSES: dict[str, tuple[_Course, ...]] = {
    "alice": (
        _Course("phq9", FORTNIGHT, first=17, last=5),
        _Course("gad7", FORTNIGHT, first=14, last=4),
        _Course("pcl5", 28, first=46, last=24, noise=2.0),
    ),
    "bob": (
        _Course("phq9", FORTNIGHT, first=11, last=11, noise=1.5),
        _Course("gad7", FORTNIGHT, first=9, last=9, noise=1.2),
    ),
    "grace": (
        _Course("phq9", FORTNIGHT, first=7, last=17, risk_at_end=1),
        _Course("core10", FORTNIGHT, first=10, last=22),
    ),
}


def tell_stories(
    db: Session,
    *,
    clients: dict[str, Membership],
    therapists: dict[str, Membership],
    now: datetime,
    rng: random.Random,
    days: int = 150,
) -> dict[str, int]:
    """Assign and answer each course; returns responses stored per name."""
    told: dict[str, int] = {}
    for name, courses in COURSES.items():
        client, therapist = clients.get(name), therapists.get(name)
        if client is None or therapist is None:
            continue
        story_rng = random.Random(rng.getrandbits(64))  # noqa: S311 - demo data, not secrets
        told[name] = sum(
            _tell(db, client, therapist, course, now=now, days=days, rng=story_rng)
            for course in courses
        )
    return told


def _tell(
    db: Session,
    client: Membership,
    therapist: Membership,
    course: _Course,
    *,
    now: datetime,
    days: int,
    rng: random.Random,
) -> int:
    start = now - timedelta(days=days, hours=-10)
    instrument = instruments()[course.instrument_id]
    assignment = measures.assign(
        db,
        client=client,
        instrument=instrument,
        every_days=course.every_days,
        starts_at=start,
        by=therapist,
        now=start,
    )
    rounds = days // course.every_days  # the newest round stays open
    for i in range(rounds):
        when = start + timedelta(days=i * course.every_days + rng.uniform(0.1, 2.5))
        share = i / max(rounds - 1, 1)
        target = course.first + (course.last - course.first) * share + rng.gauss(0, course.noise)
        risk = course.risk_at_end if i == rounds - 1 else 0
        answers = answers_for(course.instrument_id, round(target), rng=rng, risk=risk)
        measures.complete(
            db,
            assignment=assignment,
            scoring=scorer(course.instrument_id),
            answers=answers,
            now=when,
        )
    return rounds


def answers_for(
    instrument_id: str, total: int, *, rng: random.Random, risk: int = 0
) -> list[int | None]:
    """Answers that add up to about `total` (reversed items are answered so they
    count as intended); the risk item gets exactly `risk`."""
    instrument = instruments()[instrument_id]
    scored = [item for item in instrument.items if item.scored]
    risk_items = {n for f in instrument.flags if f.name == "risk" for n in f.items}
    reverse = set(instrument.scoring.reverse)
    top = max(a.value for a in scored[0].answers)
    free = [item.number for item in scored if item.number not in risk_items]
    points = _spread(max(0, total - risk), free, top=top, rng=rng)
    answers: list[int | None] = []
    for item in instrument.items:
        if not item.scored:
            answers.append(min(a.value for a in item.answers) + (1 if total > top * 3 else 0))
        elif item.number in risk_items:
            answers.append(risk)
        elif item.number in reverse:
            answers.append(top - points[item.number])
        else:
            answers.append(points[item.number])
    return answers


def _spread(total: int, numbers: Sequence[int], *, top: int, rng: random.Random) -> dict[int, int]:
    points = dict.fromkeys(numbers, 0)
    left = min(total, top * len(numbers))
    while left > 0:
        number = rng.choice(numbers)
        if points[number] < top:
            points[number] += 1
            left -= 1
    return points
