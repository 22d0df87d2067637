"""Shared fixtures: a database per test worker (SQLite, or PostgreSQL when
MEND_TEST_DATABASE_URL is set), the app, and the personas.

Personas — organisation "Riverside": clients alice and bob, therapist tara,
coach cole, admin ada. Organisation "Elsewhere": client eve, therapist tim.
tara and cole are on alice's care team; bob has no team; tim treats eve.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import Membership, Organisation
from mend.accounts.roles import Role
from mend.care import service as care
from mend.crypto import keyring
from mend.db import Base, make_engine, make_sessionmaker
from mend.migrate import upgrade
from mend.models import load_all
from mend.settings import Settings, load_settings, normalise_database_url

PASSWORD = "correct-horse-battery-staple"
SECRET = "test-secret-key-that-is-long-enough-0123456789"
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

load_all()


def _postgres_url() -> str | None:
    return os.environ.get("MEND_TEST_DATABASE_URL") or None


@contextmanager
def fresh_database(directory: Path) -> Iterator[str]:
    """The URL of a new, empty database, dropped afterwards: a file in
    `directory` on SQLite, or its own database beside MEND_TEST_DATABASE_URL."""
    admin_url = _postgres_url()
    if admin_url is None:
        yield f"sqlite:///{directory / 'mend-test.db'}"
        return
    name = f"mend_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_database_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = normalise_database_url(admin_url).rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    upgrade(eng)
    yield eng
    eng.dispose()


def _wipe(engine: Engine) -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        for table in tables:
            conn.execute(table.delete())


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        {},
        data_dir=tmp_path,
        database_url=database_url,
        secret_key=SECRET,
        argon2_time_cost=1,
        argon2_memory_cost=64,
        argon2_parallelism=1,
    )


@pytest.fixture
def db_engine(engine: Engine, settings: Settings) -> Iterator[Engine]:
    """The engine, emptied after the test so no test sees another's rows."""
    keyring.load(settings.secret_key)
    yield engine
    _wipe(engine)


@pytest.fixture(scope="session")
def reader_engine(database_url: str, engine: Engine) -> Iterator[Engine]:
    """The tests' own connection: on SQLite its transactions start deferred, so a
    test that reads rows never holds the write lock the app under test needs."""
    eng = make_engine(database_url, immediate=False)
    yield eng
    eng.dispose()


@pytest.fixture
def db(db_engine: Engine, reader_engine: Engine) -> Iterator[Session]:
    session = make_sessionmaker(reader_engine)()
    yield session
    session.rollback()
    session.close()


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@dataclass
class World:
    riverside: Organisation
    elsewhere: Organisation
    alice: Membership
    bob: Membership
    tara: Membership
    cole: Membership
    ada: Membership
    eve: Membership
    tim: Membership

    def person(self, name: str) -> Membership:
        found: Membership = getattr(self, name)
        return found


def build_world(db: Session, *, now: datetime) -> World:
    """The personas, with their care teams; flushed, not committed."""
    from mend.accounts.passwords import make_hasher

    hasher = make_hasher(time_cost=1, memory_cost=64, parallelism=1)
    riverside = accounts.create_org(db, name="Riverside", now=now)
    elsewhere = accounts.create_org(db, name="Elsewhere", now=now)

    def person(org: Organisation, name: str, role: Role) -> Membership:
        return accounts.create_user(
            db,
            org=org,
            email=f"{name}@example.org",
            name=name.capitalize(),
            password=PASSWORD,
            role=role,
            hasher=hasher,
            now=now,
        )

    w = World(
        riverside=riverside,
        elsewhere=elsewhere,
        alice=person(riverside, "alice", Role.CLIENT),
        bob=person(riverside, "bob", Role.CLIENT),
        tara=person(riverside, "tara", Role.THERAPIST),
        cole=person(riverside, "cole", Role.COACH),
        ada=person(riverside, "ada", Role.ADMIN),
        eve=person(elsewhere, "eve", Role.CLIENT),
        tim=person(elsewhere, "tim", Role.THERAPIST),
    )
    for client, member in ((w.alice, w.tara), (w.alice, w.cole), (w.eve, w.tim)):
        care.add_to_team(db, client=client, member=member, added_by=w.ada, now=now)
    return w


@pytest.fixture
def world(db: Session, settings: Settings, clock: time_machine.Coordinates) -> World:
    w = build_world(db, now=T0)
    db.commit()
    return w


def enable_mfa(db: Session, membership: Membership) -> str:
    """Turn two-step sign-in on for this person, as if they had enrolled; returns the secret."""
    from mend.accounts import totp
    from mend.accounts.models import User
    from mend.clock import utcnow

    user = db.get_one(User, membership.user_id)
    user.totp_secret, user.totp_enabled_at = totp.new_secret(), utcnow()
    db.commit()
    return user.totp_secret
