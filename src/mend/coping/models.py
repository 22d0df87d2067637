"""Tables for the jar, coping moments and urge surfing (clinical-model §1-3)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mend.crypto import EncryptedText
from mend.db import Base, id_column


class CustomStrategy(Base):
    """A strategy added on top of the catalog: by the organisation (owner_id is
    None) or by one client for themselves. Names are the client's words, so they
    are encrypted like every other free text."""

    __tablename__ = "custom_strategy"

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"), index=True)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("membership.id"), default=None)
    name: Mapped[str] = mapped_column(EncryptedText)
    description: Mapped[str] = mapped_column(EncryptedText)
    family: Mapped[str] = mapped_column(String(40))
    orientation: Mapped[str] = mapped_column(String(16))
    helpfulness: Mapped[str] = mapped_column(String(16))
    harm_potential: Mapped[str] = mapped_column(String(16))
    functions: Mapped[str] = mapped_column(String(200))  # comma-separated vocabulary words
    places: Mapped[str] = mapped_column(String(100))
    minutes: Mapped[int] = mapped_column(Integer)
    social: Mapped[str] = mapped_column(String(16))
    cost: Mapped[str] = mapped_column(String(16))
    fit_tags: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    created_at: Mapped[datetime]
    retired_at: Mapped[datetime | None] = mapped_column(default=None)


class JarItem(Base):
    """One strategy in one client's jar. Never deleted: retired, with history."""

    __tablename__ = "jar_item"
    __table_args__ = (
        UniqueConstraint("client_id", "catalog_id", name="uq_jar_item_client_id_catalog_id"),
        UniqueConstraint("client_id", "custom_id", name="uq_jar_item_client_id_custom_id"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"), index=True)
    catalog_id: Mapped[str | None] = mapped_column(String(64), default=None)
    custom_id: Mapped[str | None] = mapped_column(ForeignKey("custom_strategy.id"), default=None)
    stage_of_change: Mapped[str | None] = mapped_column(String(20), default=None)
    reduction_goal_at: Mapped[datetime | None] = mapped_column(default=None)
    note: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    retired_at: Mapped[datetime | None] = mapped_column(default=None)

    custom: Mapped[CustomStrategy | None] = relationship(lazy="joined")

    @property
    def strategy_ref(self) -> str:
        return self.catalog_id or f"custom:{self.custom_id}"


class JarChange(Base):
    """What happened to a jar item, and when: the jar's own history."""

    __tablename__ = "jar_change"

    id: Mapped[str] = id_column()
    jar_item_id: Mapped[str] = mapped_column(ForeignKey("jar_item.id"), index=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    kind: Mapped[str] = mapped_column(String(24))
    value: Mapped[str | None] = mapped_column(String(40), default=None)
    changed_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    changed_at: Mapped[datetime]


class CopingMoment(Base):
    __tablename__ = "coping_moment"
    __table_args__ = (
        UniqueConstraint("client_id", "idempotency_key"),
        Index("ix_coping_moment_client_occurred", "client_id", "occurred_at"),
        # Practice outcomes count a million moments by client, month and jar kind:
        # covering them all keeps that a scan of one index, with no join.
        Index("ix_coping_moment_org_jar", "org_id", "occurred_at", "client_id", "jar_kind"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    body_hash: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime]
    logged_at: Mapped[datetime]
    stressor: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    stressor_category: Mapped[str] = mapped_column(String(24))
    appraisal: Mapped[str | None] = mapped_column(String(16), default=None)
    controllability: Mapped[str | None] = mapped_column(String(16), default=None)
    distress_before: Mapped[int] = mapped_column(Integer)
    distress_after: Mapped[int | None] = mapped_column(Integer, default=None)
    urge: Mapped[int | None] = mapped_column(Integer, default=None)
    urge_target_id: Mapped[str | None] = mapped_column(ForeignKey("jar_item.id"), default=None)
    urge_self_harm: Mapped[bool] = mapped_column(default=False)
    loss_orientation: Mapped[str | None] = mapped_column(String(16), default=None)
    note: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    # analytics.jar_kind of the strategies as logged (None when it used none), kept
    # here so whole-practice counts need not join a million moments to their strategies.
    jar_kind: Mapped[str | None] = mapped_column(String(16), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    edited_at: Mapped[datetime | None] = mapped_column(default=None)

    strategies: Mapped[list[MomentStrategy]] = relationship(
        lazy="selectin", order_by="MomentStrategy.position"
    )


class MomentStrategy(Base):
    """A strategy used in a moment, with what it was at the time: analytics judge
    the choice the client made then, not what the catalog says later."""

    __tablename__ = "moment_strategy"

    moment_id: Mapped[str] = mapped_column(ForeignKey("coping_moment.id"), primary_key=True)
    jar_item_id: Mapped[str] = mapped_column(
        ForeignKey("jar_item.id"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    strategy_ref: Mapped[str] = mapped_column(String(64))
    helpfulness: Mapped[str] = mapped_column(String(16))
    orientation: Mapped[str] = mapped_column(String(16))


class MomentRevision(Base):
    """The moment as it was before an edit, sealed whole (it holds free text)."""

    __tablename__ = "moment_revision"

    id: Mapped[str] = id_column()
    moment_id: Mapped[str] = mapped_column(ForeignKey("coping_moment.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[str] = mapped_column(EncryptedText)
    replaced_at: Mapped[datetime]
    replaced_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))


class UrgeSession(Base):
    """One urge-surfing session: intensity each minute until it passes or they stop."""

    __tablename__ = "urge_session"
    __table_args__ = (UniqueConstraint("client_id", "client_key"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"), index=True)
    client_key: Mapped[str] = mapped_column(String(64))
    target_id: Mapped[str | None] = mapped_column(ForeignKey("jar_item.id"), default=None)
    self_harm: Mapped[bool] = mapped_column(default=False)
    passed_level: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    end_reason: Mapped[str | None] = mapped_column(String(16), default=None)
    samples: Mapped[str] = mapped_column(Text)  # JSON [[minute, intensity], ...]
    peak: Mapped[int] = mapped_column(Integer)
    time_to_peak: Mapped[int] = mapped_column(Integer)
    time_to_pass: Mapped[int | None] = mapped_column(Integer, default=None)
    updated_at: Mapped[datetime]


class StrategyOutcome(Base):
    """Running totals of distress drops per strategy and client, so a strategy a
    client has used only once or twice can lean on how it went for others in the
    same organisation (clinical-model §3) without scanning their moments."""

    __tablename__ = "strategy_outcome"
    __table_args__ = (Index("ix_strategy_outcome_org_ref", "org_id", "strategy_ref"),)

    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"), primary_key=True)
    strategy_ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"), primary_key=True)
    uses: Mapped[int] = mapped_column(Integer)
    drop_total: Mapped[int] = mapped_column(Integer)


class CopingPreferences(Base):
    """The client's own settings for the jar."""

    __tablename__ = "coping_preferences"

    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"), primary_key=True)
    urge_passed_level: Mapped[int] = mapped_column(Integer)
    preferred_tags: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime]
