"""Writing and reading the audit log."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mend.audit.chain import GENESIS, Break, entry_hash, find_breaks
from mend.audit.models import AuditEntry

# Any constant works; it names the lock that serialises the chain on PostgreSQL.
CHAIN_LOCK = 0x6D656E64


@dataclass(frozen=True)
class Actor:
    user_id: str | None
    role: str | None
    org_id: str | None
    ip: str | None


@dataclass(frozen=True)
class Event:
    """One thing to record: what was done, to what, and how it ended."""

    action: str
    outcome: str = "allowed"
    resource_type: str | None = None
    resource_id: str | None = None
    subject_client_id: str | None = None
    detail: dict[str, str] | None = None


def record(
    db: Session,
    *,
    actor: Actor,
    action: str,
    outcome: str,
    now: datetime,
    resource_type: str | None = None,
    resource_id: str | None = None,
    subject_client_id: str | None = None,
    detail: dict[str, str] | None = None,
) -> AuditEntry:
    event = Event(action, outcome, resource_type, resource_id, subject_client_id, detail)
    return record_many(db, actor=actor, events=[event], now=now)[0]


def record_many(
    db: Session, *, actor: Actor, events: Sequence[Event], now: datetime
) -> list[AuditEntry]:
    """Chain several entries in one go: one look at the newest hash, one flush
    (a caseload of sixty clients is sixty reads to record)."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    prev_hash = db.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
    prev_hash = prev_hash or GENESIS
    entries = []
    for event in events:
        fields = {
            "at": now,
            "actor_user_id": actor.user_id,
            "actor_role": actor.role,
            "org_id": actor.org_id,
            "action": event.action,
            "resource_type": event.resource_type,
            "resource_id": event.resource_id,
            "subject_client_id": event.subject_client_id,
            "outcome": event.outcome,
            "ip": actor.ip,
            "detail": event.detail,
        }
        entry = AuditEntry(**fields, prev_hash=prev_hash, hash=entry_hash(prev_hash, fields))
        entries.append(entry)
        prev_hash = entry.hash
    db.add_all(entries)
    db.flush()
    return entries


def _rows(db: Session, batch: int = 5000) -> Iterator[dict[str, object]]:
    columns = [c for c in AuditEntry.__table__.columns]
    for row in db.execute(select(*columns).order_by(AuditEntry.seq)).yield_per(batch):
        yield dict(row._mapping)


def newest(db: Session) -> tuple[int, str] | None:
    row = db.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def verify(db: Session) -> tuple[int, list[Break]]:
    count = 0

    def counted() -> Iterator[dict[str, object]]:
        nonlocal count
        for row in _rows(db):
            count += 1
            yield row

    breaks = find_breaks(counted())
    return count, breaks


@dataclass(frozen=True)
class AuditFilter:
    org_id: str
    since: datetime | None = None
    until: datetime | None = None
    actor_user_id: str | None = None
    subject_client_id: str | None = None
    action: str | None = None


def search(db: Session, *, where: AuditFilter, limit: int = 200) -> Sequence[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.org_id == where.org_id)
    if where.since:
        query = query.where(AuditEntry.at >= where.since)
    if where.until:
        query = query.where(AuditEntry.at < where.until)
    if where.actor_user_id:
        query = query.where(AuditEntry.actor_user_id == where.actor_user_id)
    if where.subject_client_id:
        query = query.where(AuditEntry.subject_client_id == where.subject_client_id)
    if where.action:
        query = query.where(AuditEntry.action.startswith(where.action))
    return db.scalars(query.order_by(AuditEntry.seq.desc()).limit(limit)).all()


def reads_of(db: Session, *, client_id: str, limit: int = 200) -> Sequence[AuditEntry]:
    """Who looked at or changed this client's record, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.subject_client_id == client_id)
        .order_by(AuditEntry.seq.desc())
        .limit(limit)
    )
    return db.scalars(query).all()
