"""Tables for messages and consultation posts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mend.crypto import EncryptedText
from mend.db import Base, id_column


class Message(Base):
    """One message in the thread between a client and one team member
    (``member_id``); ``sender_id`` is one of the two."""

    __tablename__ = "message"
    __table_args__ = (
        Index("ix_message_thread", "client_id", "member_id", "sent_at"),
        UniqueConstraint("sender_id", "idempotency_key"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    sender_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(EncryptedText)
    sent_at: Mapped[datetime]
    read_at: Mapped[datetime | None] = mapped_column(default=None)


class ConsultationPost(Base):
    """One post in the consultation thread about a client, part of their record."""

    __tablename__ = "consultation_post"
    __table_args__ = (
        Index("ix_consultation_client_posted", "client_id", "posted_at"),
        UniqueConstraint("author_id", "idempotency_key"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    author_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(EncryptedText)
    posted_at: Mapped[datetime]
