"""`mend demo --clients N`: each generated client gets a believable history,
stored exactly as the app stores it, and the app reads it back: their
therapist opens their coping and questionnaire pages.

Built once for this file with 12 generated clients (and wiped afterwards)."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from mend import demo, demo_bulk
from mend.accounts import service as accounts
from mend.accounts.models import Membership
from mend.accounts.passwords import make_hasher
from mend.app import create_app
from mend.audit import service as audit_log
from mend.audit.models import AuditEntry
from mend.care.models import CareTeamMember
from mend.coping.analytics import jar_kind
from mend.coping.models import CopingMoment, JarChange, JarItem, MomentStrategy, StrategyOutcome
from mend.coping.service import MomentData
from mend.crypto import keyring
from mend.db import make_sessionmaker
from mend.measures.models import MeasureAssignment, MeasureResponse
from mend.measures.scoring import scorer
from mend.measures.service import check_answers, score_record
from mend.safety.models import RiskSignal
from mend.settings import Settings
from mend.web.auth import SESSION_COOKIE
from tests.conftest import SECRET, _wipe

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
EXTRA = 12

pytestmark = pytest.mark.xdist_group(name="demo_bulk")


@dataclass
class Built:
    db: Session
    practice: demo.Demo
    generated: list[str]  # membership ids of the generated clients


@pytest.fixture(scope="module")
def built(engine: Engine) -> Iterator[Built]:
    keyring.load(SECRET)
    db = make_sessionmaker(engine)()
    hasher = make_hasher(time_cost=1, memory_cost=64, parallelism=1)
    try:
        practice = demo.build(db, hasher=hasher, now=NOW, extra_clients=EXTRA)
        db.commit()
        generated = [c.id for c in practice.clients[len(demo.CLIENTS) :]]
        yield Built(db=db, practice=practice, generated=generated)
    finally:
        db.rollback()
        db.close()
        _wipe(engine)


def per_client(db: Session, column: object, ids: list[str]) -> Counter[str]:
    rows = db.execute(
        select(column, func.count()).where(column.in_(ids)).group_by(column)  # type: ignore[attr-defined]
    )
    return Counter(dict(rows.all()))  # type: ignore[arg-type]


def test_every_generated_client_has_months_of_history(built: Built) -> None:
    db, ids = built.db, built.generated
    assert len(ids) == EXTRA
    moments = per_client(db, CopingMoment.client_id, ids)
    responses = per_client(db, MeasureResponse.client_id, ids)
    items = per_client(db, JarItem.client_id, ids)
    assert set(moments) == set(ids) and set(responses) == set(ids)
    # About a hundred moments and ten questionnaires each: 10,000 clients make
    # about a million moments and a hundred thousand responses.
    assert all(15 <= n <= 300 for n in moments.values()), moments
    assert 60 <= statistics.mean(moments.values()) <= 140
    assert all(1 <= n <= 18 for n in responses.values()), responses
    assert 5 <= statistics.mean(responses.values()) <= 15
    assert all(5 <= n <= 11 for n in items.values())
    volumes = built.practice.volumes
    assert volumes is not None and volumes.clients == EXTRA
    assert volumes.moments == sum(moments.values())
    assert volumes.responses == sum(responses.values())
    instruments = set(
        db.scalars(select(MeasureResponse.instrument_id).where(MeasureResponse.client_id.in_(ids)))
    )
    assert instruments == {"phq9", "gad7"}


def test_each_is_on_a_therapists_care_team_from_the_day_they_joined(built: Built) -> None:
    db, ids = built.db, built.generated
    rows = db.scalars(select(CareTeamMember).where(CareTeamMember.client_id.in_(ids))).all()
    assert sorted(r.client_id for r in rows) == sorted(ids)
    staff = built.practice.staff
    assert {r.member_id for r in rows} == {staff["therapist"].id, staff["therapist2"].id}
    assert all(r.role == "therapist" and r.ended_at is None for r in rows)
    for row in rows:
        first = db.scalar(
            select(func.min(CopingMoment.occurred_at)).where(
                CopingMoment.client_id == row.client_id
            )
        )
        assert first is not None and row.added_at < first
        assigned_by = set(
            db.scalars(
                select(MeasureAssignment.assigned_by).where(
                    MeasureAssignment.client_id == row.client_id
                )
            )
        )
        assert assigned_by == {row.member_id}
    joins = db.scalars(
        select(AuditEntry.subject_client_id).where(
            AuditEntry.action == "care_team.add", AuditEntry.subject_client_id.in_(ids)
        )
    ).all()
    assert sorted(joins) == sorted(ids)
    count, breaks = audit_log.verify(db)
    assert count > 200 and breaks == []
    ats = list(db.scalars(select(AuditEntry.at).order_by(AuditEntry.seq)))
    assert ats == sorted(ats)


def test_moments_are_stored_as_log_moment_stores_them(built: Built) -> None:
    db, ids = built.db, built.generated
    moments = db.scalars(select(CopingMoment).where(CopingMoment.client_id.in_(ids))).all()
    jar = {i.id: i for i in db.scalars(select(JarItem).where(JarItem.client_id.in_(ids)))}
    added = {c.jar_item_id for c in db.scalars(select(JarChange).where(JarChange.kind == "added"))}
    assert set(jar) <= added
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for moment in moments:
        used = moment.strategies
        assert 1 <= len(used) <= 2 and [u.position for u in used] == list(range(len(used)))
        for u in used:
            item = jar[u.jar_item_id]
            assert item.client_id == moment.client_id and item.catalog_id == u.strategy_ref
            if moment.distress_after is not None:
                totals[(moment.client_id, u.strategy_ref)][0] += 1
                totals[(moment.client_id, u.strategy_ref)][1] += (
                    moment.distress_before - moment.distress_after
                )
        assert moment.logged_at >= moment.occurred_at and moment.occurred_at < NOW
        assert moment.stressor is None and moment.note is None and moment.urge is None
        data = MomentData(
            occurred_at=moment.occurred_at, distress_before=moment.distress_before,
            distress_after=moment.distress_after,
            strategy_ids=tuple(u.jar_item_id for u in used),
            stressor_category=moment.stressor_category, appraisal=moment.appraisal,
            controllability=moment.controllability, loss_orientation=moment.loss_orientation,
        )  # fmt: skip
        assert moment.body_hash == data.fingerprint()
        assert moment.jar_kind == jar_kind([u.helpfulness for u in used])
    stored = {
        (o.client_id, o.strategy_ref): [o.uses, o.drop_total]
        for o in db.scalars(select(StrategyOutcome).where(StrategyOutcome.client_id.in_(ids)))
    }
    assert stored == dict(totals)
    kinds = Counter(u.helpfulness for u in db.scalars(select(MomentStrategy)))
    assert kinds["helpful"] > kinds["harmful"] > 0


def test_scores_are_what_the_scoring_functions_give(built: Built) -> None:
    db, ids = built.db, built.generated
    responses = db.scalars(select(MeasureResponse).where(MeasureResponse.client_id.in_(ids))).all()
    for r in responses:
        result = check_answers(scorer(r.instrument_id), r.answers)
        assert r.status == "complete" and r.completed_at is not None
        assert (r.total, r.band, r.result) == (result.total, result.band, score_record(result))
        if r.instrument_id == "phq9":
            assert r.answers[8] == 0  # no risk answers in generated data
    assert (
        db.scalar(select(func.count()).select_from(RiskSignal).where(RiskSignal.client_id.in_(ids)))
        == 0
    )


def test_their_therapist_reads_them_through_the_app(
    built: Built, settings: Settings, clock: object
) -> None:
    db = built.db
    client = db.get_one(Membership, built.generated[0])
    team = db.scalars(select(CareTeamMember).where(CareTeamMember.client_id == client.id)).one()
    therapist = db.get_one(Membership, team.member_id)
    cookie, _ = accounts.start_session(
        db, membership=therapist, stage="active", ip="t", user_agent="pytest", now=NOW
    )
    db.commit()
    app = create_app(settings, engine=db.get_bind())  # type: ignore[arg-type]
    with TestClient(app, base_url="http://testserver") as http:
        http.cookies.set(SESSION_COOKIE, cookie)
        coping = http.get(f"/clients/{client.id}/coping")
        assert coping.status_code == 200, coping.text[:500]
        assert client.user.display_name in coping.text and "Jar balance" in coping.text
        measures = http.get(f"/clients/{client.id}/measures")
        assert measures.status_code == 200
        assert "PHQ-9" in measures.text and "GAD-7" in measures.text
        outcomes = http.get("/api/v1/outcomes", params={"practitioner": therapist.id})
        assert outcomes.status_code == 200
        jar = outcomes.json()["jar_balance"]
        assert jar["clients_compared"]["value"] is None or jar["clients_compared"]["value"] >= 5


def test_ten_thousand_clients_get_generated_therapists() -> None:
    assert demo.CASELOAD * 2 >= EXTRA  # a dozen stay with tara and theo
    assert -(-10_000 // demo.CASELOAD) == 40  # tara, theo and 38 generated therapists


def test_the_fast_ids_look_like_the_apps(built: Built) -> None:
    ids = demo_bulk.fast_ids(1000)
    assert len(set(ids)) == 1000
    assert all(len(i) == 16 and i.isalnum() and i.isascii() for i in ids)
