"""The four roles a person can hold in an organisation."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CLIENT = "client"
    THERAPIST = "therapist"
    COACH = "coach"
    ADMIN = "admin"

    @property
    def needs_short_sessions(self) -> bool:
        # Practitioners and admins can open many clients' records, so an
        # unattended screen is a bigger risk than a client's own.
        return self is not Role.CLIENT

    @property
    def may_use_mfa(self) -> bool:
        return self is not Role.CLIENT
