"""Tables for safety: risk signals, alerts, the safety plan, the journal and
the organisation's own crisis lines (clinical-model §5)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mend.accounts.models import Membership
from mend.crypto import EncryptedText
from mend.db import Base, id_column


class RiskSignal(Base):
    """One sign of risk, tied to the record it came from. Every signal belongs
    to an alert: a repeat attaches to the client's unresolved alert, it is
    never folded away."""

    __tablename__ = "risk_signal"
    __table_args__ = (
        UniqueConstraint("source_type", "source_id", "kind"),
        Index("ix_risk_signal_client_detected", "client_id", "detected_at"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"), index=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    kind: Mapped[str] = mapped_column(String(32))
    source_type: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str] = mapped_column(String(24))
    level: Mapped[int | None] = mapped_column(default=None)
    severity: Mapped[str] = mapped_column(String(16), server_default="urgent")
    evidence: Mapped[str | None] = mapped_column(EncryptedText, default=None)  # JSON
    alert_id: Mapped[str | None] = mapped_column(ForeignKey("alert.id"), index=True, default=None)
    detected_at: Mapped[datetime]


class Alert(Base):
    """What a clinician acts on: open → acknowledged → resolved."""

    __tablename__ = "alert"
    __table_args__ = (
        Index("ix_alert_org_status_opened", "org_id", "status", "opened_at"),
        Index("ix_alert_client_status", "client_id", "status"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    status: Mapped[str] = mapped_column(String(16))
    severity: Mapped[str] = mapped_column(String(16))
    routed_to: Mapped[str | None] = mapped_column(ForeignKey("membership.id"), default=None)
    route: Mapped[str] = mapped_column(String(16))  # therapist, duty or nobody
    opened_at: Mapped[datetime]
    respond_by: Mapped[datetime]
    last_signal_at: Mapped[datetime]
    signal_count: Mapped[int] = mapped_column(Integer, default=1)
    acknowledged_at: Mapped[datetime | None] = mapped_column(default=None)
    acknowledged_by: Mapped[str | None] = mapped_column(ForeignKey("membership.id"), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolved_by: Mapped[str | None] = mapped_column(ForeignKey("membership.id"), default=None)
    escalated_at: Mapped[datetime | None] = mapped_column(default=None)
    escalated_to: Mapped[str | None] = mapped_column(ForeignKey("membership.id"), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    client: Mapped[Membership] = relationship(foreign_keys=[client_id], lazy="joined")


class AlertEvent(Base):
    """The alert's history: every step, by whom, with the note they wrote."""

    __tablename__ = "alert_event"

    id: Mapped[str] = id_column()
    alert_id: Mapped[str] = mapped_column(ForeignKey("alert.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    at: Mapped[datetime]
    by: Mapped[str | None] = mapped_column(ForeignKey("membership.id"), default=None)
    note: Mapped[str | None] = mapped_column(EncryptedText, default=None)


class SafetyPlanVersion(Base):
    """One saved version of a client's Stanley–Brown safety plan; the newest is
    in force. Step 2 names jar items, so it follows the jar."""

    __tablename__ = "safety_plan_version"
    __table_args__ = (UniqueConstraint("client_id", "version"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    warning_signs: Mapped[str] = mapped_column(EncryptedText)
    coping_item_ids: Mapped[str] = mapped_column(Text)  # JSON list of jar_item ids
    distractions: Mapped[str] = mapped_column(EncryptedText)
    people_to_ask: Mapped[str] = mapped_column(EncryptedText)
    professionals: Mapped[str] = mapped_column(EncryptedText)
    safe_environment: Mapped[str] = mapped_column(EncryptedText)
    reasons_for_living: Mapped[str] = mapped_column(EncryptedText)
    review_on: Mapped[date]
    saved_at: Mapped[datetime]
    saved_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))

    author: Mapped[Membership] = relationship(foreign_keys=[saved_by], lazy="joined")


class JournalEntry(Base):
    """Private writing, sealed at rest; shared only by the client's consent."""

    __tablename__ = "journal_entry"
    __table_args__ = (Index("ix_journal_client_written", "client_id", "written_at"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    idempotency_key: Mapped[str | None] = mapped_column(String(64), default=None)
    body: Mapped[str] = mapped_column(EncryptedText)
    screened: Mapped[str] = mapped_column(String(16))  # the screening level at writing
    written_at: Mapped[datetime]


class CrisisLine(Base):
    """An organisation's own crisis line for one country; where an organisation
    lists any line for a country, its list replaces the defaults there."""

    __tablename__ = "crisis_line"
    __table_args__ = (Index("ix_crisis_line_org_country", "org_id", "country"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    country: Mapped[str] = mapped_column(String(2))
    name: Mapped[str] = mapped_column(String(120))
    contact: Mapped[str] = mapped_column(String(60))
    how: Mapped[str] = mapped_column(String(60))
    tel: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(200))
    verified_on: Mapped[date]
    position: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
