"""Tables for goals: the goal, its steps and progress check-ins."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mend.crypto import EncryptedText
from mend.db import Base, id_column


class Goal(Base):
    """A SMART goal. A proposal from a coach or therapist is not the client's
    goal until the client accepts it (status ``proposed`` until then)."""

    __tablename__ = "goal"
    __table_args__ = (
        Index("ix_goal_client_status", "client_id", "status"),
        # A retried "create" (a slow phone, a double tap) is stored once.
        UniqueConstraint("client_id", "idempotency_key"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    idempotency_key: Mapped[str | None] = mapped_column(String(64), default=None)
    title: Mapped[str] = mapped_column(EncryptedText)
    specific: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    measurable: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    achievable: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    relevant: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    target_date: Mapped[date | None] = mapped_column(default=None)
    # proposed, declined, active, achieved, paused, let_go
    status: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    created_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None] = mapped_column(default=None)
    status_changed_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


class GoalStep(Base):
    __tablename__ = "goal_step"

    id: Mapped[str] = id_column()
    goal_id: Mapped[str] = mapped_column(ForeignKey("goal.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(EncryptedText)
    done_at: Mapped[datetime | None] = mapped_column(default=None)


class GoalCheckIn(Base):
    """How it is going, 0–10, with an optional note."""

    __tablename__ = "goal_check_in"
    __table_args__ = (
        Index("ix_goal_check_in_goal_at", "goal_id", "at"),
        UniqueConstraint("goal_id", "idempotency_key"),
    )

    id: Mapped[str] = id_column()
    goal_id: Mapped[str] = mapped_column(ForeignKey("goal.id"))
    idempotency_key: Mapped[str | None] = mapped_column(String(64), default=None)
    at: Mapped[datetime]
    by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    progress: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(EncryptedText, default=None)
