"""Diagnoses: the therapist records one (the code and label as they typed
them), changes its status or corrects it with a reason; every version is
kept in DiagnosisChange. Services flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care.notes import codes
from mend.care.notes.models import Diagnosis, DiagnosisChange
from mend.care.notes.templates import NoteError


class DiagnosisConflictError(NoteError):
    """A change based on an older version: carries the diagnosis as it is now."""

    def __init__(self, current: Diagnosis) -> None:
        super().__init__(
            409,
            "version",
            f"This diagnosis changed since you opened it; it is now version "
            f"{current.version}. Please look again before changing it.",
        )
        self.current = current


@dataclass(frozen=True)
class Recorded:
    diagnosis: Diagnosis
    created: bool


def _state(diagnosis: Diagnosis) -> codes.DiagnosisState:
    return codes.DiagnosisState(
        system=diagnosis.system,
        code=diagnosis.code,
        label=diagnosis.label,
        status=diagnosis.status,
    )


def _history(
    db: Session, diagnosis: Diagnosis, *, reason: str | None, by: str, now: datetime
) -> None:
    db.add(
        DiagnosisChange(
            diagnosis_id=diagnosis.id,
            version=diagnosis.version,
            status=diagnosis.status,
            code=diagnosis.code,
            label=diagnosis.label,
            reason=reason,
            changed_at=now,
            changed_by=by,
        )
    )


def record(
    db: Session,
    *,
    client: Membership,
    by: Membership,
    system: str,
    code: str,
    label: str,
    status: str,
    noted_on: date,
    key: str | None,
    now: datetime,
) -> Recorded:
    """A new diagnosis (provisional or confirmed) and the first line of its history."""
    state, noted = codes.new_diagnosis(
        system=system, code=code, label=label, status=status, noted_on=noted_on, today=now.date()
    )
    if key is not None:
        existing = db.scalars(
            select(Diagnosis).where(
                Diagnosis.client_id == client.id, Diagnosis.idempotency_key == key
            )
        ).first()
        if existing is not None:
            if existing.version != 1 or _state(existing) != state or existing.noted_on != noted:
                raise NoteError(
                    409, "idempotency_key", "This key was already used for a different diagnosis."
                )
            return Recorded(existing, created=False)
    diagnosis = Diagnosis(
        org_id=client.org_id,
        client_id=client.id,
        system=state.system,
        code=state.code,
        label=state.label,
        status=state.status,
        noted_on=noted,
        recorded_by=by.id,
        recorded_at=now,
        version=1,
        idempotency_key=key,
    )
    db.add(diagnosis)
    db.flush()
    _history(db, diagnosis, reason=None, by=by.id, now=now)
    db.flush()
    return Recorded(diagnosis, created=True)


def change(
    db: Session,
    *,
    diagnosis: Diagnosis,
    by: Membership,
    version: int,
    reason: str,
    now: datetime,
    status: str | None = None,
    code: str | None = None,
    label: str | None = None,
) -> Recorded:
    """A new status or a correction, with the reason; a stale version is a
    conflict, and the same change sent twice is stored once."""
    state = _state(diagnosis)
    new, why = codes.change(state, status=status, code=code, label=label, reason=reason)
    if version != diagnosis.version:
        last = history_of(db, diagnosis_id=diagnosis.id)[-1]
        retry = (
            version == diagnosis.version - 1
            and last.changed_by == by.id
            and last.reason == why
            and new == state
        )
        if retry:
            return Recorded(diagnosis, created=False)
        raise DiagnosisConflictError(diagnosis)
    codes.check_changed(state, new)
    diagnosis.status, diagnosis.code, diagnosis.label = new.status, new.code, new.label
    diagnosis.version += 1
    _history(db, diagnosis, reason=why, by=by.id, now=now)
    db.flush()
    return Recorded(diagnosis, created=True)


def diagnoses_of(db: Session, *, client_id: str) -> Sequence[Diagnosis]:
    """The client's diagnoses: those in force first, then the newest."""
    query = select(Diagnosis).where(Diagnosis.client_id == client_id)
    found = list(db.scalars(query.order_by(Diagnosis.recorded_at.desc(), Diagnosis.id.desc())))
    in_force = ("confirmed", "provisional")
    return sorted(found, key=lambda d: d.status not in in_force)


def get_diagnosis(db: Session, *, client_id: str, diagnosis_id: str) -> Diagnosis:
    diagnosis = db.get(Diagnosis, diagnosis_id)
    if diagnosis is None or diagnosis.client_id != client_id:
        raise NoteError(404, "diagnosis_id", "No such diagnosis.")
    return diagnosis


def history_of(db: Session, *, diagnosis_id: str) -> Sequence[DiagnosisChange]:
    query = (
        select(DiagnosisChange)
        .where(DiagnosisChange.diagnosis_id == diagnosis_id)
        .order_by(DiagnosisChange.version)
    )
    return list(db.scalars(query))


def diagnosis_client(db: Session, *, diagnosis_id: str, org_id: str) -> str | None:
    query = select(Diagnosis.client_id).where(
        Diagnosis.id == diagnosis_id, Diagnosis.org_id == org_id
    )
    return db.scalar(query)
