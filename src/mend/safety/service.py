"""Storing risk signals: once per source, and never lost to a retry."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from mend.ids import new_id
from mend.safety.models import RiskSignal


def record_signal(
    db: Session,
    *,
    org_id: str,
    client_id: str,
    kind: str,
    source_type: str,
    source_id: str,
    level: int | None,
    now: datetime,
) -> None:
    """Store a risk signal; a second report of the same one is a no-op."""
    values = {
        "id": new_id(),
        "org_id": org_id,
        "client_id": client_id,
        "kind": kind,
        "source_type": source_type,
        "source_id": source_id,
        "level": level,
        "detected_at": now,
    }
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(RiskSignal).values(**values).on_conflict_do_nothing()
    db.execute(statement)


def signals_for(db: Session, *, client_id: str, limit: int = 50) -> list[RiskSignal]:
    query = (
        select(RiskSignal)
        .where(RiskSignal.client_id == client_id)
        .order_by(RiskSignal.detected_at.desc())
        .limit(limit)
    )
    return list(db.scalars(query))
