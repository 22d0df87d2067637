"""Tables for homework."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mend.crypto import EncryptedText
from mend.db import Base, id_column


class Homework(Base):
    """One piece of work set for a client. Practice homework (use a jar item
    N times) counts itself from the coping moments the client logs between
    ``assigned_at`` and ``due_at``; the count is derived, never stored."""

    __tablename__ = "homework"
    __table_args__ = (Index("ix_homework_client_status_due", "client_id", "status", "due_at"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    assigned_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    kind: Mapped[str] = mapped_column(
        String(16)
    )  # practice, worksheet, reflection, questionnaire, reading
    title: Mapped[str] = mapped_column(EncryptedText)
    instructions: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    jar_item_id: Mapped[str | None] = mapped_column(ForeignKey("jar_item.id"), default=None)
    target_count: Mapped[int | None] = mapped_column(Integer, default=None)
    instrument_id: Mapped[str | None] = mapped_column(String(32), default=None)
    measure_assignment_id: Mapped[str | None] = mapped_column(
        ForeignKey("measure_assignment.id"), default=None
    )
    goal_id: Mapped[str | None] = mapped_column(ForeignKey("goal.id"), default=None)
    assigned_at: Mapped[datetime]
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))  # assigned, completed, cancelled
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    reflection: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    reminded_at: Mapped[datetime | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
