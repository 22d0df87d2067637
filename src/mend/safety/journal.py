"""The journal: private writing, sealed at rest, screened for crisis language
the moment it is saved (clinical-model §5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.safety import service as safety
from mend.safety.models import Alert, JournalEntry
from mend.safety.screening import Screening, screen
from mend.safety.service import SafetyError


@dataclass(frozen=True)
class Written:
    entry: JournalEntry
    screening: Screening
    alert: Alert | None
    created: bool


def check_body(body: str, *, max_chars: int) -> str:
    text = body.strip()
    if not text:
        raise SafetyError(422, "body", "Write something first: the entry is empty.")
    if len(text) > max_chars:
        raise SafetyError(
            422,
            "body",
            f"An entry can be up to {max_chars:,} characters; this one is {len(text):,}.",
        )
    return text


def write(
    db: Session,
    *,
    client: Membership,
    body: str,
    key: str | None,
    now: datetime,
    max_chars: int,
) -> Written:
    """Save an entry; the same idempotency key with the same words is one entry."""
    text = check_body(body, max_chars=max_chars)
    if key is not None:
        existing = _by_key(db, client_id=client.id, key=key)
        if existing is not None:
            if existing.body != text:
                raise SafetyError(
                    409, "idempotency_key", "This key was already used for a different entry."
                )
            return Written(existing, screen(text), None, created=False)
    entry = JournalEntry(
        org_id=client.org_id, client_id=client.id, idempotency_key=key, body=text, written_at=now
    )
    screening = screen(text)
    entry.screened = str(screening.level)
    db.add(entry)
    db.flush()
    alert = safety.record_screening(
        db,
        client=client,
        screening=screening,
        source_type="journal_entry",
        source_id=entry.id,
        now=now,
    )
    return Written(entry, screening, alert, created=True)


def _by_key(db: Session, *, client_id: str, key: str) -> JournalEntry | None:
    query = select(JournalEntry).where(
        JournalEntry.client_id == client_id, JournalEntry.idempotency_key == key
    )
    return db.scalars(query).first()


def entries_of(db: Session, *, client_id: str, limit: int = 50) -> Sequence[JournalEntry]:
    query = (
        select(JournalEntry)
        .where(JournalEntry.client_id == client_id)
        .order_by(JournalEntry.written_at.desc(), JournalEntry.id.desc())
        .limit(limit)
    )
    return list(db.scalars(query))


def get_entry(db: Session, *, client_id: str, entry_id: str) -> JournalEntry:
    entry = db.get(JournalEntry, entry_id)
    if entry is None or entry.client_id != client_id:
        raise SafetyError(404, "entry_id", "No such journal entry.")
    return entry
