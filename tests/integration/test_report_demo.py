"""The demo tells the story end to end, and alice's progress report for the
last six months says so: symptoms fell, she moved from stage 1 to stage 2
once readiness was met, and a pacing alert fired after her first processing
session; growth shows beside falling symptoms whenever the demo measures it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from mend import demo
from mend.accounts.passwords import make_hasher
from mend.reports import service as reports
from mend.reports.rules import Period


@pytest.fixture(scope="module")
def now() -> datetime:
    return datetime(2026, 11, 22, 9, 40, tzinfo=UTC)


def test_alices_last_six_months_on_the_demo_practice(db: Session, now: datetime) -> None:
    practice = demo.build(db, hasher=make_hasher(time_cost=1, memory_cost=64, parallelism=1),
                          now=now)  # fmt: skip
    alice = next(c for c in practice.clients if c.user.email.startswith("alice@"))
    tara = practice.staff["therapist"]
    period = Period(now.date() - timedelta(days=182), now.date())
    limits = reports.Limits()
    clinical = reports.for_viewer(db, client=alice, viewer=tara, period=period, limits=limits,
                                  now=now)  # fmt: skip
    own = reports.for_viewer(db, client=alice, viewer=alice, period=period, limits=limits, now=now)
    said, hers = " ".join(clinical["summary"]), " ".join(own["summary"])

    assert "Symptoms fell: PHQ-9 from " in said and "(reliable improvements)" in said
    assert "Moved from stage 1 to stage 2 (remembrance and mourning) on " in said
    assert "once readiness was met." in said
    assert "A pacing alert on " in said and "after the first processing session" in said

    assert "Your symptom scores fell" in hers
    assert (
        "to “Making sense of what happened” (part 2) on " in hers and "once you were ready" in hers
    )
    assert "After your first processing session on " in hers

    growth = [m for m in own["measures"]["instruments"] if m["kind"] == "growth" and m["change"]]
    # The demo may or may not measure growth; when it does, it shows beside symptoms.
    assert len([line for line in own["summary"] if line.startswith("Growth ")]) == len(growth)
    db.rollback()
