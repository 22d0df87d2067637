"""Care teams, versioned consent and break-glass access."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mend.accounts.models import Membership
from mend.crypto import EncryptedText
from mend.db import Base, id_column


class CareTeamMember(Base):
    __tablename__ = "care_team_member"
    __table_args__ = (Index("ix_care_team_client_member", "client_id", "member_id"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("membership.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    ended_at: Mapped[datetime | None] = mapped_column(default=None)

    client: Mapped[Membership] = relationship(foreign_keys=[client_id], lazy="joined")
    member: Mapped[Membership] = relationship(foreign_keys=[member_id], lazy="joined")


class ConsentChange(Base):
    """One versioned change: the newest row per (client, member, category) is in force."""

    __tablename__ = "consent_change"
    __table_args__ = (
        Index("ix_consent_in_force", "client_id", "member_id", "category", "version"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    category: Mapped[str] = mapped_column(String(32))
    granted: Mapped[bool] = mapped_column(Boolean)
    version: Mapped[int] = mapped_column(Integer)
    changed_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    changed_at: Mapped[datetime]


class BreakGlass(Base):
    __tablename__ = "break_glass"
    __table_args__ = (Index("ix_break_glass_actor_client", "actor_id", "client_id"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"), index=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    reason: Mapped[str] = mapped_column(EncryptedText)
    started_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    reviewed_at: Mapped[datetime | None] = mapped_column(default=None)
    reviewed_by: Mapped[str | None] = mapped_column(ForeignKey("membership.id"), default=None)

    actor: Mapped[Membership] = relationship(foreign_keys=[actor_id], lazy="joined")
    client: Mapped[Membership] = relationship(foreign_keys=[client_id], lazy="joined")
