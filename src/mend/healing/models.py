"""Tables for the healing journey (clinical-model §4): stage changes with their
reasons, readiness decisions, the client's own yes or no to trauma-focused
work, and processing sessions with their latest pacing check.

Nothing here is edited in place or deleted: the history is the record. Free
text and the snapshots (which name the client's strategies) are sealed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mend.accounts.models import Membership
from mend.crypto import EncryptedText
from mend.db import Base, id_column


class StageChange(Base):
    """One move of a client's stage, by their therapist. ``sequence`` counts the
    client's changes from 1; it is the version a change is based on, and the
    unique constraint makes two changes from the same view impossible."""

    __tablename__ = "healing_stage_change"
    __table_args__ = (UniqueConstraint("client_id", "sequence"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    sequence: Mapped[int] = mapped_column(Integer)
    from_stage: Mapped[int | None] = mapped_column(Integer, default=None)
    to_stage: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(EncryptedText)
    override: Mapped[bool] = mapped_column(default=False)
    override_reason: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    readiness: Mapped[str | None] = mapped_column(EncryptedText, default=None)  # JSON snapshot
    changed_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    changed_at: Mapped[datetime]

    changer: Mapped[Membership] = relationship(foreign_keys=[changed_by], lazy="joined")


class ReadinessDecision(Base):
    """The therapist's decision about readiness for stage 2, with the
    indicators as they stood when it was made."""

    __tablename__ = "healing_readiness_decision"
    __table_args__ = (Index("ix_healing_readiness_decision_client", "client_id", "decided_at"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    decision: Mapped[str] = mapped_column(String(16))  # ready | not_yet
    reason: Mapped[str] = mapped_column(EncryptedText)
    ready: Mapped[bool]  # all six indicators met at the time
    indicators: Mapped[str] = mapped_column(EncryptedText)  # JSON snapshot
    decided_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    decided_at: Mapped[datetime]

    decider: Mapped[Membership] = relationship(foreign_keys=[decided_by], lazy="joined")


class TraumaWorkAgreement(Base):
    """What the client said, themself, about starting trauma-focused work
    (indicator 6). The newest statement counts; earlier ones stay."""

    __tablename__ = "healing_agreement"
    __table_args__ = (Index("ix_healing_agreement_client", "client_id", "said_at"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    agreed: Mapped[bool]
    said_at: Mapped[datetime]


class ProcessingSession(Base):
    """A trauma-processing session the therapist logged. Pacing is checked
    after it until its 72 h window has closed (``pacing_done``); the newest
    check is kept here, and a slow-down signal goes to the alert system."""

    __tablename__ = "healing_processing_session"
    __table_args__ = (
        UniqueConstraint("client_id", "idempotency_key"),
        Index("ix_healing_processing_session_due", "pacing_done", "session_at"),
        Index("ix_healing_processing_session_client", "client_id", "session_at"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    session_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    logged_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    logged_at: Mapped[datetime]
    idempotency_key: Mapped[str | None] = mapped_column(String(64), default=None)
    pacing: Mapped[str | None] = mapped_column(EncryptedText, default=None)  # JSON, newest check
    pacing_checked_at: Mapped[datetime | None] = mapped_column(default=None)
    pacing_done: Mapped[bool] = mapped_column(default=False)
    slow_down_at: Mapped[datetime | None] = mapped_column(default=None)  # first signal

    logger: Mapped[Membership] = relationship(foreign_keys=[logged_by], lazy="joined")
