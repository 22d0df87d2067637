"""Tables for progress-report shares: the therapist's request, the client's
answer, and the copy frozen when the client said yes.

A share is never deleted: a declined or withdrawn one stays as the record of
what was asked and answered. The purpose, an outside recipient's name and the
frozen copy are sealed (EncryptedText).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mend.accounts.models import Membership
from mend.crypto import EncryptedText
from mend.db import Base, id_column


class ReportShare(Base):
    """One request to share a client's progress report for a period with one
    recipient: a member of the client's care team (``recipient_id``) or a
    named person or service outside the practice (``recipient_name``).

    ``status``: pending → approved | declined; approved → withdrawn. Only an
    approved share is open to its recipient, and only as ``snapshot``: the
    report exactly as the client saw it when saying yes (``fingerprint`` is
    its hash)."""

    __tablename__ = "report_share"
    __table_args__ = (
        Index("ix_report_share_client_requested", "client_id", "requested_at"),
        Index("ix_report_share_recipient_status", "recipient_id", "status"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    requested_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    requested_at: Mapped[datetime]
    period_start: Mapped[date]
    period_end: Mapped[date]
    sections: Mapped[str] = mapped_column(String(80))  # comma-separated, report order
    recipient_id: Mapped[str | None] = mapped_column(ForeignKey("membership.id"), default=None)
    recipient_name: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    purpose: Mapped[str] = mapped_column(EncryptedText)
    status: Mapped[str] = mapped_column(String(16))
    decided_at: Mapped[datetime | None] = mapped_column(default=None)  # approved or declined
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)
    snapshot: Mapped[str | None] = mapped_column(EncryptedText, default=None)  # JSON
    fingerprint: Mapped[str | None] = mapped_column(String(64), default=None)

    requester: Mapped[Membership] = relationship(foreign_keys=[requested_by], lazy="joined")
    recipient: Mapped[Membership | None] = relationship(foreign_keys=[recipient_id], lazy="joined")
