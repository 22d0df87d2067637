"""Databases for the bench: create, migrate, fill with the demo practice, drop."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from bench.coping import History, build_history, ensure_in_jar
from bench.measures import build_measure_history
from bench.server import create_raw_table
from mend import demo
from mend.accounts import service as accounts
from mend.accounts.models import LoginFailure, Membership
from mend.accounts.passwords import make_hasher
from mend.audit import service as audit_log
from mend.audit.models import AuditEntry
from mend.audit.service import Actor
from mend.care import service as care
from mend.clock import utcnow
from mend.coping.models import CopingMoment
from mend.crypto import keyring
from mend.db import make_engine, make_sessionmaker, transaction
from mend.migrate import upgrade
from mend.models import load_all
from mend.settings import Settings, normalise_database_url

load_all()


@dataclass(frozen=True)
class SimClient:
    """One simulated person: a demo client with a live session and API token."""

    membership_id: str
    email: str
    session_cookie: str
    bearer_token: str
    jar_item_id: str  # box breathing, in this client's own jar


@dataclass
class Fixture:
    url: str
    coach_id: str
    clients: list[SimClient] = field(default_factory=list)
    build_seconds: float = 0.0
    built_at: datetime | None = None  # the demo's "now": moments logged later came over HTTP
    # The heavy reader: one more client, with three years of coping moments.
    heavy: SimClient | None = None
    history: History | None = None
    measure_responses: int = 0  # the heavy reader's completed questionnaires


@contextmanager
def sqlite_database() -> Iterator[str]:
    directory = Path(tempfile.mkdtemp(prefix="mend-bench-"))
    try:
        yield f"sqlite:///{directory / 'mend.db'}"
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A fresh database, dropped afterwards even if the bench fails."""
    name = f"mend_bench_{secrets.token_hex(6)}"
    admin = create_engine(normalise_database_url(admin_url), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        base = normalise_database_url(admin_url).rpartition("/")[0]
        try:
            yield f"{base}/{name}"
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def _sim_client(db: Session, client: Membership, settings: Settings, now: datetime) -> SimClient:
    """A session and an API token for ``client``, and box breathing in their jar
    (each simulated client logs moments with a strategy of their own)."""
    cookie, _ = accounts.start_session(
        db, membership=client, stage="active", ip="127.0.0.1", user_agent="mend-bench", now=now
    )
    token, _ = accounts.issue_token(db, membership=client, settings=settings, now=now)
    item = ensure_in_jar(db, client=client, ref="box-breathing", now=now)
    return SimClient(client.id, client.user.email, cookie, token, item)


def build(url: str, *, secret: str, people: int) -> Fixture:
    """Migrate, build the demo practice (production argon2 cost) and give every
    simulated client a session and a token. The coach joins every client's care
    team so each can change what the coach may see. One more client, not among
    the simulated ones, gets three years of coping moments (the heavy reader)."""
    import time

    settings = Settings()
    keyring.load(secret)
    engine = make_engine(normalise_database_url(url))
    try:
        upgrade(engine)
        create_raw_table(engine)
        hasher = make_hasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_cost,
            parallelism=settings.argon2_parallelism,
        )
        started = time.perf_counter()
        extra = max(0, people + 1 - len(demo.CLIENTS))
        with transaction(make_sessionmaker(engine)) as db:
            now = utcnow()
            # Simulated clients start empty: the HTTP bench measures their own
            # requests, and the heavy reader's priors assume no one else's moments.
            practice = demo.build(
                db, hasher=hasher, now=now, extra_clients=extra, extra_history=False
            )
            coach, admin = practice.staff["coach"], practice.staff["admin"]
            fixture = Fixture(url=url, coach_id=coach.id, built_at=now)
            for client in practice.clients[:people]:
                if care.team_role(db, client_id=client.id, member_id=coach.id) is None:
                    care.add_to_team(db, client=client, member=coach, added_by=admin, now=now)
                    audit_log.record(
                        db,
                        actor=Actor(admin.user_id, admin.role, admin.org_id, "192.0.2.10"),
                        action="care_team.add",
                        outcome="allowed",
                        now=now,
                        resource_type="care_team",
                        resource_id=coach.id,
                        subject_client_id=client.id,
                    )
                fixture.clients.append(_sim_client(db, client, settings, now))
            fixture.heavy = _sim_client(db, practice.clients[people], settings, now)
        fixture.build_seconds = time.perf_counter() - started
        fixture.history = build_history(engine, client_id=fixture.heavy.membership_id, now=now)
        fixture.measure_responses = build_measure_history(
            engine,
            client_id=fixture.heavy.membership_id,
            therapist_id=practice.staff["therapist"].id,
            now=now,
        )
        return fixture
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Checks:
    login_failures: int
    audit_entries: int
    audit_chain_breaks: int
    raw_rows: int
    moments_logged: int  # coping moments logged over HTTP during the run, warm-ups included


def check(url: str, *, secret: str, since: datetime) -> Checks:
    """After the run: no throttled/failed sign-ins, and the audit chain is intact."""
    from bench.server import RAW_TABLE

    keyring.load(secret)
    engine = make_engine(normalise_database_url(url))
    try:
        with transaction(make_sessionmaker(engine)) as db:
            failures = db.scalar(select(func.count()).select_from(LoginFailure)) or 0
            entries = db.scalar(select(func.count()).select_from(AuditEntry)) or 0
            _, breaks = audit_log.verify(db)
            raw = db.scalar(text(f"SELECT count(*) FROM {RAW_TABLE}")) or 0  # noqa: S608
            logged = select(func.count()).where(CopingMoment.logged_at > since)
            moments = db.scalar(logged) or 0
        return Checks(
            login_failures=int(failures),
            audit_entries=int(entries),
            audit_chain_breaks=len(breaks),
            raw_rows=int(raw),
            moments_logged=int(moments),
        )
    finally:
        engine.dispose()


PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextmanager
def database(kind: str) -> Iterator[str]:
    """A fresh database of `kind` ("sqlite" or "postgres"), removed afterwards."""
    if kind == "sqlite":
        with sqlite_database() as url:
            yield url
    else:
        with postgres_database(PG_ADMIN) as url:
            yield url


def percentile(samples: Sequence[float], p: float) -> float:
    """The sample at fraction `p` of the sorted samples (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]
