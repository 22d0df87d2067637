"""Shared by the safety tests: write in the journal, run the safety clock, add
a duty clinician."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import Membership, Organisation
from mend.accounts.passwords import make_hasher
from mend.accounts.roles import Role
from mend.db import make_sessionmaker
from mend.safety import jobs
from mend.safety.models import Alert
from mend.settings import Settings
from tests.conftest import PASSWORD, World

API = "/api/v1"
BURDEN = "I think everyone would be better off without me"
ORDINARY = "Went for a walk by the river after work and felt a bit lighter."


def write(person: Any, body: str, **extra: Any) -> Any:
    return person.send("POST", f"{API}/journal", json={"body": body, **extra})


def alerts_of(db: Session, client: Membership) -> list[Alert]:
    db.rollback()
    query = select(Alert).where(Alert.client_id == client.id).order_by(Alert.opened_at)
    return list(db.scalars(query))


def add_therapist(db: Session, world: World, name: str, *, duty: bool) -> Membership:
    """Another therapist at Riverside, on nobody's care team; the duty clinician if asked."""
    hasher = make_hasher(time_cost=1, memory_cost=64, parallelism=1)
    member = accounts.create_user(
        db,
        org=world.riverside,
        email=f"{name}@example.org",
        name=name.capitalize(),
        password=PASSWORD,
        role=Role.THERAPIST,
        hasher=hasher,
        now=world.riverside.created_at,
    )
    if duty:
        db.get_one(Organisation, world.riverside.id).duty_clinician_id = member.id
    db.commit()
    setattr(world, name, member)  # so sign_in(name) finds them
    return member


def run_clock(db_engine: Any, settings: Settings, now: datetime) -> jobs.Checked:
    """One pass of the safety clock, as `mend serve` runs it every minute."""
    return jobs.check(make_sessionmaker(db_engine), settings=settings, now=now)
