"""Tables for organisations, people and how they sign in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mend.crypto import EncryptedText
from mend.db import Base, id_column


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[str] = id_column()
    name: Mapped[str] = mapped_column(String(200))
    mfa_required: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    # Where most clients are: whose crisis lines they see (ISO 3166 alpha-2).
    country: Mapped[str | None] = mapped_column(String(2), default=None)
    # Safety (clinical-model §5): who answers alerts when a client has no
    # therapist or theirs has not acknowledged in time, and how soon.
    duty_clinician_id: Mapped[str | None] = mapped_column(String(24), default=None)
    alert_window_minutes: Mapped[int] = mapped_column(Integer, default=240, server_default="240")
    business_hours_only: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    business_days: Mapped[str] = mapped_column(String(20), default="12345", server_default="12345")
    business_start: Mapped[str] = mapped_column(String(5), default="09:00", server_default="09:00")
    business_end: Mapped[str] = mapped_column(String(5), default="17:00", server_default="17:00")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # The organisation's own names for the healing stages (clinical-model §4); None
    # keeps the default name. Checked by healing.stages.rename before they are set.
    stage_1_name: Mapped[str | None] = mapped_column(String(60), default=None)
    stage_2_name: Mapped[str | None] = mapped_column(String(60), default=None)
    stage_3_name: Mapped[str | None] = mapped_column(String(60), default=None)
    # Scope of practice (clinical-model §6, docs/decisions/0012): psychotherapy
    # notes stay with their author unless the organisation lets other treating
    # therapists read them; the client reads consultation threads about them
    # unless the organisation turns that off.
    psychotherapy_notes_shared: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="0"
    )
    client_sees_consultation: Mapped[bool] = mapped_column(
        Boolean, default=True, server_default="1"
    )


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[str] = id_column()
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    totp_enabled_at: Mapped[datetime | None] = mapped_column(default=None)
    totp_last_step: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)
    disabled_at: Mapped[datetime | None] = mapped_column(default=None)

    memberships: Mapped[list[Membership]] = relationship(back_populates="user")

    @property
    def mfa_enabled(self) -> bool:
        return self.totp_enabled_at is not None


class Membership(Base):
    """A person's one role in one organisation; clients are memberships too."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "org_id"),)

    id: Mapped[str] = id_column()
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"))
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    # A client's own country for crisis lines; the organisation's when unset.
    country: Mapped[str | None] = mapped_column(String(2), default=None)

    user: Mapped[User] = relationship(back_populates="memberships", lazy="joined")
    org: Mapped[Organisation] = relationship(lazy="joined")


class UserSession(Base):
    """A browser sign-in. The id is a hash of the cookie, never the cookie itself."""

    __tablename__ = "user_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), index=True)
    membership_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    stage: Mapped[str] = mapped_column(String(16))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    ended_reason: Mapped[str | None] = mapped_column(String(32), default=None)
    ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    membership: Mapped[Membership] = relationship(lazy="joined")


class ApiToken(Base):
    __tablename__ = "api_token"

    id: Mapped[str] = id_column()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), index=True)
    membership_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)

    membership: Mapped[Membership] = relationship(lazy="joined")


class LoginFailure(Base):
    __tablename__ = "login_failure"
    __table_args__ = (
        Index("ix_login_failure_email_at", "email", "at"),
        Index("ix_login_failure_ip_at", "ip", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
