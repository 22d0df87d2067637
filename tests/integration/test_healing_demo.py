"""The demo's healing story, told on the test world and on the whole demo
practice: alice moves from stage 1 to stage 2 once readiness is met (no
override), then distress spikes after her first processing session and a
pacing alert reaches Tara; each person sees only their part."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend import demo
from mend.accounts.passwords import make_hasher
from mend.healing import demo_stories, service
from mend.healing.models import ProcessingSession
from mend.safety.models import Alert, RiskSignal, SafetyPlanVersion
from tests.conftest import T0, World
from tests.integration import stories
from tests.integration.conftest import SignedIn
from tests.integration.test_healing_helpers import counts, journey, page

SignIn = Callable[[str], SignedIn]


def tell(db: Session, world: World) -> None:
    stories.tell(demo_stories.tell_stories, db, world)


def test_alice_moves_to_stage_2_once_ready(world: World, db: Session) -> None:
    tell(db, world)
    changes = service.history(db, client_id=world.alice.id)
    assert [(c.from_stage, c.to_stage, c.override) for c in changes] == [
        (None, 1, False), (1, 2, False),
    ]  # fmt: skip
    snapshot = json.loads(changes[1].readiness or "{}")
    assert snapshot["ready"] is True and snapshot["unmet"] == []
    decided = service.decisions(db, client_id=world.alice.id)
    assert [(d.decision, d.ready) for d in decided] == [("not_yet", False), ("ready", True)]
    said = service.latest_agreement(db, client_id=world.alice.id)
    assert said is not None and said.agreed and said.said_at < changes[1].changed_at
    assert db.scalars(select(SafetyPlanVersion)).one().saved_by == world.tara.id
    assert all(c.changed_at <= T0 for c in changes)


def test_the_first_session_sends_tara_a_pacing_alert(world: World, db: Session) -> None:
    tell(db, world)
    session = db.scalars(select(ProcessingSession)).one()
    assert session.session_at < T0 and session.slow_down_at is not None
    signal = db.scalars(select(RiskSignal).where(RiskSignal.kind == "pacing")).one()
    assert signal.source_id == session.id and signal.severity == "concern"
    alert = db.get_one(Alert, signal.alert_id)
    assert (alert.status, alert.routed_to) == ("open", world.tara.id)
    evidence = {e["kind"]: e for e in json.loads(signal.evidence or "[]")}
    assert evidence["distress_rise"]["status"] == "signal"


def test_each_person_sees_only_their_part(sign_in: SignIn, world: World, db: Session) -> None:
    tell(db, world)
    tara = sign_in("tara").http.get(page(world)).text
    assert "Stage 2: Remembrance and mourning" in tara and "Slow down" in tara
    assert demo_stories.STAGE_2 in tara and demo_stories.SESSION in tara
    alice = sign_in("alice").http.get("/journey").text
    assert "Making sense of what happened" in alice and demo_stories.STAGE_2 not in alice
    assert sign_in("cole").http.get(journey(world)).status_code == 403


def test_without_alice_there_is_no_story(world: World, db: Session) -> None:
    demo_stories.tell_stories(
        db, org=world.riverside, clients={"bob": world.bob}, therapist=world.tara,
        coach=world.cole, now=T0,
    )  # fmt: skip
    assert counts(db) == (0, 0, 0, 0)


@pytest.mark.parametrize("hour", [0, 9, 17, 23])
def test_on_the_whole_demo_practice_readiness_is_met_and_pacing_fires(
    db: Session, hour: int
) -> None:
    now = datetime(2026, 11, 22, hour, 40, tzinfo=UTC)
    hasher = make_hasher(time_cost=1, memory_cost=64, parallelism=1)
    practice = demo.build(db, hasher=hasher, now=now)
    alice = next(c for c in practice.clients if c.user.email.startswith("alice@"))
    named = {"alice": alice}
    tara, cole = practice.staff["therapist"], practice.staff["coach"]
    if not service.history(db, client_id=alice.id):  # until demo.py tells it itself
        demo_stories.tell_stories(
            db, org=practice.org, clients=named, therapist=tara, coach=cole, now=now
        )
    changes = service.history(db, client_id=alice.id)
    assert [(c.to_stage, c.override) for c in changes] == [(1, False), (2, False)]
    session = db.scalars(
        select(ProcessingSession).where(ProcessingSession.client_id == alice.id)
    ).one()
    assert json.loads(session.pacing or "{}")["slow_down"] is True
    db.rollback()
