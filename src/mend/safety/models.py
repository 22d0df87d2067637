"""Risk signals: stored the moment they are seen, never dropped (clinical-model §5)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mend.db import Base, id_column


class RiskSignal(Base):
    """One sign of risk, tied to the record it came from. The alert workflow
    (acknowledge, resolve, escalate) builds on these rows."""

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
    detected_at: Mapped[datetime]
