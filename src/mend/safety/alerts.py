"""The rules of an alert's life (clinical-model §5). Pure.

open → acknowledged → resolved. A new signal never disappears into an old
alert: it joins the client's unresolved alert, and if that alert was already
acknowledged it opens again, because the clinician has not seen this one.
After resolution, a new signal starts a new alert.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class Severity(StrEnum):
    CONCERN = "concern"
    URGENT = "urgent"


class Route(StrEnum):
    THERAPIST = "therapist"  # the client's treating therapist
    DUTY = "duty"  # the organisation's duty clinician: the client has no therapist
    NOBODY = "nobody"  # neither exists: the admin is told to name a duty clinician


class TransitionError(ValueError):
    """This step is not possible from the alert's current status."""


def stronger(a: str, b: str) -> Severity:
    return Severity.URGENT if Severity.URGENT in (a, b) else Severity.CONCERN


def after_signal(status: str) -> Status:
    """What an unresolved alert becomes when a new signal joins it."""
    if status == Status.RESOLVED:
        raise TransitionError("a resolved alert takes no new signals: open a new one")
    return Status.OPEN


def acknowledge(status: str) -> Status:
    if status != Status.OPEN:
        raise TransitionError(f"an alert that is {status} cannot be acknowledged")
    return Status.ACKNOWLEDGED


def resolve(status: str, note: str) -> Status:
    if status == Status.RESOLVED:
        raise TransitionError("this alert is already resolved")
    if not note.strip():
        raise TransitionError("say what was done: a resolution needs a note")
    return Status.RESOLVED


def route_for(*, therapist_id: str | None, duty_id: str | None) -> tuple[Route, str | None]:
    if therapist_id is not None:
        return Route.THERAPIST, therapist_id
    if duty_id is not None:
        return Route.DUTY, duty_id
    return Route.NOBODY, None


def escalate_to(*, routed_to: str | None, duty_id: str | None) -> str | None:
    """The duty clinician, unless they are the one who has not answered."""
    if duty_id is None or duty_id == routed_to:
        return None
    return duty_id
