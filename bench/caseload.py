"""The caseload page: `uv run python -m bench.caseload [--db sqlite|postgres|both]`.

One therapist and one coach share 60 clients, each with a year of data: a coping
moment most days (written through the coping service), PHQ-9 and GAD-7 every two
weeks (through the measures service), goals with weekly check-ins, weekly
homework, messages both ways and, for a few clients, an open risk alert. Then the
therapist's `GET /caseload` is served in-process (ASGI, no network) RUNS times
after WARMUP; p50 / p95 / max in milliseconds. Target (issue 6): p95 < 200 ms.
The coach's caseload and the JSON API are timed the same way for comparison.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bench.coping import ensure_in_jar
from bench.prepare import database, percentile
from mend.accounts import service as accounts
from mend.accounts.models import Membership, User
from mend.accounts.roles import Role
from mend.app import create_app
from mend.care import service as care
from mend.care.goals.models import Goal, GoalCheckIn
from mend.care.homework.models import Homework
from mend.care.messages.models import Message
from mend.care.policy import Category
from mend.clock import utcnow
from mend.coping import service as coping
from mend.crypto import keyring
from mend.db import make_engine, make_sessionmaker, transaction
from mend.ids import new_id
from mend.measures import service as measures
from mend.measures.definitions import instruments
from mend.measures.demo_stories import answers_for
from mend.measures.scoring import scorer
from mend.migrate import upgrade
from mend.safety import service as safety
from mend.settings import Settings, normalise_database_url
from mend.web.auth import SESSION_COOKIE

SECRET = "bench-caseload-secret-0123456789abcdefghij"
CLIENTS, DAYS = 60, 365
RUNS, WARMUP = 60, 5
TARGET_P95_MS = 200.0
WITH_ALERTS = 5  # clients with an open alert
STRATEGIES = ("box-breathing", "brisk-walk", "call-a-friend", "journaling", "watch-a-show")


@dataclass
class Built:
    therapist_cookie: str
    coach_cookie: str
    moments: int = 0
    responses: int = 0
    seconds: float = 0.0


def _staff(db: Session, org_id: str, local: str, role: Role, now: datetime) -> Membership:
    user = User(
        email=f"{local}@bench.example", display_name=local.capitalize(), password_hash="x",
        created_at=now,
    )  # fmt: skip
    db.add(user)
    db.flush()
    membership = Membership(user_id=user.id, org_id=org_id, role=role.value, created_at=now)
    db.add(membership)
    db.flush()
    return membership


def _year_of_coping(db: Session, client: Membership, rng: random.Random, now: datetime) -> int:
    items = [
        ensure_in_jar(db, client=client, ref=ref, now=now - timedelta(days=DAYS))
        for ref in STRATEGIES
    ]
    count = 0
    for day in range(DAYS, 0, -1):
        if rng.random() < 0.2:
            continue
        at = now - timedelta(days=day, hours=rng.uniform(0, 12))
        before = rng.randint(3, 9)
        data = coping.MomentData(
            occurred_at=at,
            distress_before=before,
            distress_after=max(0, before - rng.randint(0, 4)),
            strategy_ids=(rng.choice(items),),
            stressor=None,
            stressor_category=rng.choice(("work", "family", "health")),
            controllability=None,
            urge=None,
            urge_target_id=None,
            loss_orientation=None,
            note=None,
        )
        limits = coping.MomentLimits(
            now=at + timedelta(minutes=5), skew=timedelta(minutes=5), imminent_urge_level=8
        )
        coping.log_moment(db, client=client, key=f"b-{day}", data=data, limits=limits)
        count += 1
    return count


def _year_of_measures(
    db: Session, client: Membership, therapist: Membership, rng: random.Random, now: datetime
) -> int:
    start, count = now - timedelta(days=DAYS), 0
    for instrument_id in ("phq9", "gad7"):
        assignment = measures.assign(
            db, client=client, instrument=instruments()[instrument_id],
            every_days=14, starts_at=start, by=therapist, now=start,
        )  # fmt: skip
        for i in range(DAYS // 14):
            measures.complete(
                db, assignment=assignment, scoring=scorer(instrument_id),
                answers=answers_for(instrument_id, rng.randint(3, 18), rng=rng),
                now=start + timedelta(days=i * 14, hours=rng.uniform(1, 48)),
            )  # fmt: skip
            count += 1
    return count


def _year_of_care(
    db: Session,
    client: Membership,
    therapist: Membership,
    coach: Membership,
    rng: random.Random,
    now: datetime,
) -> None:
    start = now - timedelta(days=DAYS)
    rows: list[object] = []
    for n, status in enumerate(("active", "active", "achieved", "proposed")):
        goal = Goal(
            id=new_id(), org_id=client.org_id, client_id=client.id, title=f"Goal {n}",
            status=status, created_by=coach.id if status == "proposed" else client.id,
            created_at=start, status_changed_at=start,
            accepted_at=start if status != "proposed" else None,
        )  # fmt: skip
        rows.append(goal)
        if status == "active":
            rows += [
                GoalCheckIn(
                    id=new_id(),
                    goal_id=goal.id,
                    at=start + timedelta(days=7 * w),
                    by=client.id,
                    progress=rng.randint(2, 9),
                )
                for w in range(52)
            ]
    for w in range(53):
        assigned = start + timedelta(days=7 * w)
        open_ = w >= 51
        rows.append(
            Homework(
                id=new_id(),
                org_id=client.org_id,
                client_id=client.id,
                assigned_by=rng.choice((therapist.id, coach.id)),
                kind="reading",
                title=f"Reading {w}",
                assigned_at=assigned,
                due_at=assigned + timedelta(days=6),
                status="assigned" if open_ else "completed",
                completed_at=None if open_ else assigned + timedelta(days=5),
            )
        )
    for d in range(0, DAYS, 2):
        member = therapist if d % 4 else coach
        sent = start + timedelta(days=d, hours=10)
        sender = client if d % 3 else member
        rows.append(
            Message(
                id=new_id(),
                org_id=client.org_id,
                client_id=client.id,
                member_id=member.id,
                sender_id=sender.id,
                idempotency_key=new_id(),
                body="Checking in.",
                sent_at=sent,
                read_at=None if d > DAYS - 6 else sent + timedelta(hours=2),
            )
        )
    db.add_all(rows)


def build(url: str) -> Built:
    keyring.load(SECRET)
    engine = make_engine(normalise_database_url(url))
    started = time.perf_counter()
    try:
        upgrade(engine)
        factory, now, rng = make_sessionmaker(engine), utcnow(), random.Random(60)
        with transaction(factory) as db:
            org = accounts.create_org(db, name="Bench practice", now=now - timedelta(days=DAYS))
            therapist = _staff(db, org.id, "tara", Role.THERAPIST, now)
            coach = _staff(db, org.id, "cole", Role.COACH, now)
            ids = [
                _staff(db, org.id, f"client{i:02d}", Role.CLIENT, now).id for i in range(CLIENTS)
            ]
            t_cookie = _session(db, therapist, now)
            c_cookie = _session(db, coach, now)
        built = Built(t_cookie, c_cookie)
        for i, client_id in enumerate(ids):
            with transaction(factory) as db:
                client = db.get_one(Membership, client_id)
                therapist_m = db.get_one(Membership, therapist.id)
                coach_m = db.get_one(Membership, coach.id)
                for member in (therapist_m, coach_m):
                    care.add_to_team(db, client=client, member=member, added_by=member, now=now)
                for category in (Category.COPING, Category.GOALS_HOMEWORK):
                    care.set_consent(
                        db, client=client, member_id=coach_m.id, category=category,
                        granted=True, changed_by=client, now=now,
                    )  # fmt: skip
                built.moments += _year_of_coping(db, client, rng, now)
                built.responses += _year_of_measures(db, client, therapist_m, rng, now)
                _year_of_care(db, client, therapist_m, coach_m, rng, now)
                if i < WITH_ALERTS:
                    safety.record_signal(
                        db, org_id=client.org_id, client_id=client.id, kind="phq9_item9",
                        source_type="bench", source_id=new_id(), level=2,
                        now=now - timedelta(hours=i),
                    )  # fmt: skip
        built.seconds = time.perf_counter() - started
        return built
    finally:
        engine.dispose()


def _session(db: Session, member: Membership, now: datetime) -> str:
    cookie, _ = accounts.start_session(
        db, membership=member, stage="active", ip="127.0.0.1", user_agent="bench", now=now
    )
    return cookie


def time_get(client: TestClient, path: str, cookie: str, runs: int) -> dict[str, float]:
    client.cookies.set(SESSION_COOKIE, cookie)
    for _ in range(WARMUP):
        assert client.get(path).status_code == 200
    samples = []
    gc.collect()
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.text[:300]
    return {
        "p50": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "max": max(samples),
    }


def run(kind: str, runs: int) -> None:
    with database(kind) as url:
        built = build(url)
        print(
            f"{kind}: built {CLIENTS} clients x {DAYS} days in {built.seconds:.0f} s "
            f"({built.moments} moments, {built.responses} questionnaire responses)"
        )
        engine: Engine = make_engine(normalise_database_url(url))
        settings = Settings(database_url=url, secret_key=SECRET)
        app = create_app(settings, engine=engine)
        with TestClient(app, base_url="https://testserver") as client:
            rows = client.get("/api/v1/caseload", cookies={SESSION_COOKIE: built.therapist_cookie})
            assert len(rows.json()) == CLIENTS
            for label, path, cookie in (
                ("therapist GET /caseload", "/caseload", built.therapist_cookie),
                ("therapist GET /api/v1/caseload", "/api/v1/caseload", built.therapist_cookie),
                ("coach GET /caseload", "/caseload", built.coach_cookie),
            ):
                t = time_get(client, path, cookie, runs)
                verdict = "met" if t["p95"] < TARGET_P95_MS else "MISSED"
                print(
                    f"  {label:34} p50 {t['p50']:6.1f} ms  p95 {t['p95']:6.1f} ms  "
                    f"max {t['max']:6.1f} ms  (p95 target < {TARGET_P95_MS:.0f} ms: {verdict})"
                )
        engine.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.caseload", description=__doc__)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    for kind in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        run(kind, args.runs)


if __name__ == "__main__":
    main()
