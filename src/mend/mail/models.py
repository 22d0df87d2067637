"""The outbox: an email is a row first, so a failing mail server loses nothing
and a rolled-back request sends nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mend.db import Base, id_column


class OutboxEmail(Base):
    __tablename__ = "outbox_email"
    __table_args__ = (Index("ix_outbox_pending", "status", "next_try_at"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str | None] = mapped_column(String(24), default=None)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # never clinical detail: a link to sign in
    created_at: Mapped[datetime]
    next_try_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending")  # sent, failed, skipped
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(String(300), default=None)
