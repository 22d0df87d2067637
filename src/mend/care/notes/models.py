"""Tables for notes (amended with history, never edited in place) and diagnoses."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mend.accounts.models import Membership
from mend.crypto import EncryptedText
from mend.db import Base, id_column


class Note(Base):
    """A note's identity; its words live in revisions. ``kind`` is soap or dap
    (clinical notes), psychotherapy, or support (a coach's). Psychotherapy
    notes are kept apart by category and by author in every query."""

    __tablename__ = "care_note"
    __table_args__ = (
        Index("ix_care_note_client_kind", "client_id", "kind", "written_at"),
        UniqueConstraint("client_id", "idempotency_key"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    author_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    kind: Mapped[str] = mapped_column(String(16))
    session_on: Mapped[date | None] = mapped_column(default=None)
    written_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)
    # A retried submission (a double click, a lost answer) is stored once.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), default=None)

    author: Mapped[Membership] = relationship(foreign_keys=[author_id], lazy="joined")


class NoteRevision(Base):
    """Every version of a note's words, kept. Version 1 is the original; each
    amendment adds the next with the reason for it."""

    __tablename__ = "care_note_revision"
    __table_args__ = (UniqueConstraint("note_id", "version"),)

    id: Mapped[str] = id_column()
    note_id: Mapped[str] = mapped_column(ForeignKey("care_note.id"))
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(EncryptedText)  # JSON: the template's sections
    reason: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    written_at: Mapped[datetime]
    written_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))

    writer: Mapped[Membership] = relationship(foreign_keys=[written_by], lazy="joined")


class Diagnosis(Base):
    """A diagnosis the therapist recorded: the code and label as they entered them."""

    __tablename__ = "diagnosis"
    __table_args__ = (
        Index("ix_diagnosis_client", "client_id", "recorded_at"),
        UniqueConstraint("client_id", "idempotency_key"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    system: Mapped[str] = mapped_column(String(8))  # icd10 or icd11
    code: Mapped[str] = mapped_column(EncryptedText)
    label: Mapped[str] = mapped_column(EncryptedText)
    status: Mapped[str] = mapped_column(String(16))  # provisional, confirmed, resolved, ruled_out
    noted_on: Mapped[date]
    recorded_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    recorded_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)
    idempotency_key: Mapped[str | None] = mapped_column(String(64), default=None)

    recorder: Mapped[Membership] = relationship(foreign_keys=[recorded_by], lazy="joined")


class DiagnosisChange(Base):
    """Each change to a diagnosis, so the history stays readable."""

    __tablename__ = "diagnosis_change"

    id: Mapped[str] = id_column()
    diagnosis_id: Mapped[str] = mapped_column(ForeignKey("diagnosis.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(EncryptedText)
    label: Mapped[str] = mapped_column(EncryptedText)
    reason: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    changed_at: Mapped[datetime]
    changed_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))

    changer: Mapped[Membership] = relationship(foreign_keys=[changed_by], lazy="joined")
