"""Questionnaires under load: five years of fortnightly PHQ-9, GAD-7 and PCL-5
for the heavy reader, written through the measures service."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import Engine

from mend.accounts.models import Membership
from mend.db import make_sessionmaker, transaction
from mend.measures import service as measures
from mend.measures.definitions import instruments
from mend.measures.demo_stories import answers_for
from mend.measures.scoring import scorer

YEARS = 5
EVERY_DAYS = 14
INSTRUMENTS = ("phq9", "gad7", "pcl5")


def build_measure_history(
    engine: Engine, *, client_id: str, therapist_id: str, now: datetime
) -> int:
    """Assign each instrument fortnightly from five years ago and answer every round."""
    rng = random.Random(5)
    start = now - timedelta(days=365 * YEARS)
    rounds = (now - start).days // EVERY_DAYS
    with transaction(make_sessionmaker(engine)) as db:
        client = db.get_one(Membership, client_id)
        therapist = db.get_one(Membership, therapist_id)
        for instrument_id in INSTRUMENTS:
            assignment = measures.assign(
                db, client=client, instrument=instruments()[instrument_id],
                every_days=EVERY_DAYS, starts_at=start, by=therapist, now=start,
            )  # fmt: skip
            top = instruments()[instrument_id].scoring.range
            high = int(top[1]) if top else 20
            for i in range(rounds):
                total = rng.randint(0, high)
                measures.complete(
                    db, assignment=assignment, scoring=scorer(instrument_id),
                    answers=answers_for(instrument_id, total, rng=rng),
                    now=start + timedelta(days=i * EVERY_DAYS, hours=rng.uniform(1, 48)),
                )  # fmt: skip
    return rounds * len(INSTRUMENTS)
