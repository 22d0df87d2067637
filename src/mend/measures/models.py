"""Tables for measurement-based care: which instruments an organisation uses,
what a therapist assigned, and each client's answers and scores."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mend.crypto import EncryptedText
from mend.db import Base, id_column


class InstrumentPermission(Base):
    """An admin's confirmation that the organisation may use a gated instrument
    (permission-unverified or non-commercial). Turning it off keeps the row."""

    __tablename__ = "instrument_permission"
    __table_args__ = (UniqueConstraint("org_id", "instrument_id"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    instrument_id: Mapped[str] = mapped_column(String(40))
    enabled: Mapped[bool]
    statement: Mapped[str] = mapped_column(EncryptedText)
    confirmed_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    confirmed_at: Mapped[datetime]


class ImportedInstrument(Base):
    """A licensed definition file an organisation brought itself (e.g. a C-SSRS
    screener). Kept verbatim so it is re-validated every time it is loaded."""

    __tablename__ = "imported_instrument"
    __table_args__ = (UniqueConstraint("org_id", "instrument_id"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    instrument_id: Mapped[str] = mapped_column(String(40))
    source_name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text)
    imported_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    imported_at: Mapped[datetime]


class MeasureAssignment(Base):
    """A therapist asking a client to complete an instrument once, or every N days."""

    __tablename__ = "measure_assignment"
    __table_args__ = (Index("ix_measure_assignment_client", "client_id", "ended_at"),)

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    instrument_id: Mapped[str] = mapped_column(String(40))
    every_days: Mapped[int | None] = mapped_column(Integer, default=None)
    starts_at: Mapped[datetime]
    assigned_by: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    created_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    ended_by: Mapped[str | None] = mapped_column(ForeignKey("membership.id"), default=None)


class MeasureResponse(Base):
    """One sitting of a questionnaire. A draft holds answers so far and is never
    scored; completing it stores the score as it was computed then."""

    __tablename__ = "measure_response"
    __table_args__ = (
        Index("ix_measure_response_client", "client_id", "instrument_id", "completed_at"),
        Index("ix_measure_response_assignment", "assignment_id", "status"),
    )

    id: Mapped[str] = id_column()
    org_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"))
    client_id: Mapped[str] = mapped_column(ForeignKey("membership.id"))
    instrument_id: Mapped[str] = mapped_column(String(40))
    assignment_id: Mapped[str] = mapped_column(ForeignKey("measure_assignment.id"))
    status: Mapped[str] = mapped_column(String(10))  # draft | complete
    answers: Mapped[list[int | None]] = mapped_column(JSON)
    started_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    total: Mapped[float | None] = mapped_column(Float, default=None)
    band: Mapped[str | None] = mapped_column(String(40), default=None)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
