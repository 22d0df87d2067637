"""The demo's growth story, on the test world and on the whole demo practice:
the demo admin turns PTGI-SF and BRS on through the real service (audited),
alice answers both every four weeks, and her growth rises while her PHQ-9,
GAD-7 and PCL-5 fall; without the permission or without alice, nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend import demo
from mend.accounts.passwords import make_hasher
from mend.audit import service as audit_log
from mend.audit.models import AuditEntry
from mend.healing import demo_stories, growth, growth_stories, healing_view
from mend.measures import service as measures
from mend.measures.models import InstrumentPermission, MeasureResponse
from mend.settings import Settings
from tests.conftest import T0, World
from tests.integration import stories
from tests.integration.growth_helpers import enable_growth, tell_measures


def responses(db: Session, instrument_id: str) -> list[MeasureResponse]:
    query = select(MeasureResponse).where(MeasureResponse.instrument_id == instrument_id)
    return list(db.scalars(query.order_by(MeasureResponse.completed_at)))


def test_the_admin_turns_both_on_through_the_service_and_it_is_audited(
    world: World, db: Session
) -> None:
    at = T0 - timedelta(days=170)
    enable_growth(db, world, at=at)
    db.commit()
    rows = {r.instrument_id: r for r in db.scalars(select(InstrumentPermission))}
    assert set(rows) == {"ptgi_sf", "brs"}
    assert all(r.enabled and r.confirmed_by == world.ada.id for r in rows.values())
    assert "confirmed permission to use the Brief Resilience Scale" in rows["brs"].statement
    entries = db.scalars(select(AuditEntry).where(AuditEntry.action == "instrument.enabled"))
    found = [(e.resource_id, e.actor_user_id, e.outcome, e.at) for e in entries]
    assert found == [
        ("ptgi_sf", world.ada.user_id, "allowed", at),
        ("brs", world.ada.user_id, "allowed", at + timedelta(minutes=1)),
    ]
    assert audit_log.verify(db)[1] == []


def test_alice_answers_every_four_weeks_and_grows(world: World, db: Session) -> None:
    tell_measures(db, world)
    ptgi, brs = responses(db, "ptgi_sf"), responses(db, "brs")
    assert len(ptgi) == len(brs) == growth_stories.ROUNDS
    whens = [r.completed_at for r in ptgi if r.completed_at]
    assert len(whens) == len(ptgi) and whens[-1] < T0
    assert {(b - a).days for a, b in pairwise(whens)} <= {27, 28}
    domains = [r.result["subscales"] for r in ptgi if r.result]
    assert domains[0] == {d: first for d, (first, _) in growth_stories.DOMAINS.items()}
    assert domains[-1] == {d: last for d, (_, last) in growth_stories.DOMAINS.items()}
    assert (brs[0].total, brs[-1].total) == (2.33, 3.67)
    totals = [r.total or 0.0 for r in ptgi]
    assert totals == sorted(totals) and totals[0] < totals[-1]


def test_without_the_permission_growth_is_not_measured(world: World, db: Session) -> None:
    assert (
        growth_stories.tell_stories(
            db, clients={"alice": world.alice}, therapist=world.tara, now=T0
        )
        == 0
    )
    assert db.scalar(select(func.count()).select_from(MeasureResponse)) == 0


def test_without_alice_there_is_no_growth_story(world: World, db: Session) -> None:
    enable_growth(db, world)
    told = growth_stories.tell_stories(db, clients={"bob": world.bob}, therapist=world.tara, now=T0)
    assert told == 0 and db.scalar(select(func.count()).select_from(MeasureResponse)) == 0


def test_the_healing_story_tells_growth_once_it_is_turned_on(world: World, db: Session) -> None:
    enable_growth(db, world)
    stories.tell(demo_stories.tell_stories, db, world)
    assert len(responses(db, "ptgi_sf")) == len(responses(db, "brs")) == growth_stories.ROUNDS


def test_on_the_whole_demo_practice_growth_shows_beside_falling_symptoms(
    db: Session, settings: Settings
) -> None:
    now = datetime(2026, 11, 22, 9, 40, tzinfo=UTC)
    practice = demo.build(db, hasher=make_hasher(time_cost=1, memory_cost=64, parallelism=1),
                          now=now)  # fmt: skip
    alice = next(c for c in practice.clients if c.user.email.startswith("alice@"))
    tara = practice.staff["therapist"]
    assert all(
        measures.usable(db, org_id=practice.org.id, instrument_id=key).enabled
        for key in growth.GROWTH
    )
    view = healing_view.load(db, client=alice, viewer=tara, now=now, settings=settings)
    assert view.measures is not None
    verdicts = {c.key: c.verdict for c in view.measures.found.symptoms}
    assert verdicts == {"phq9": "improved", "gad7": "improved", "pcl5": "improved"}
    grown = {c.key: c.verdict for c in view.measures.found.growth}
    assert grown[growth.PTGI] == grown[growth.BRS] == "grew"
    assert view.summary[0].startswith("Symptoms have eased")
    assert "growth is showing in" in view.summary[0]
    ats = list(db.scalars(select(AuditEntry.at).order_by(AuditEntry.seq)))
    assert ats == sorted(ats)
    db.rollback()
