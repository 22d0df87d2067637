"""The crisis lines a client sees: their organisation's own for their country,
else the defaults (clinical-model §5); and the admin's list of the
organisation's own lines. Flushes, never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.safety.models import CrisisLine
from mend.safety.resources import (
    DEFAULT_RESOURCES,
    EMERGENCY,
    EMERGENCY_NUMBERS,
    CrisisResource,
    LineError,
    LineValues,
    check_country,
    choose,
    country_name,
    serves,
)

__all__ = [
    "CrisisLines",
    "LineError",
    "add_line",
    "as_json",
    "defaults",
    "edit_line",
    "get_line",
    "lines_for",
    "list_lines",
    "remove_line",
    "set_client_country",
    "set_org_country",
    "template_context",
]


@dataclass(frozen=True)
class CrisisLines:
    country: str | None  # the client's country (theirs, else the organisation's)
    resources: tuple[CrisisResource, ...]
    emergency: str
    # True when the lines are the ones for ``country``; False when they are the
    # every-country fallback (no country known, or no line for it).
    for_country: bool = False

    @property
    def country_name(self) -> str | None:
        return country_name(self.country)


def defaults() -> CrisisLines:
    """What someone not signed in sees: every default line."""
    return CrisisLines(country=None, resources=DEFAULT_RESOURCES, emergency=EMERGENCY_NUMBERS)


def as_resource(line: CrisisLine) -> CrisisResource:
    return CrisisResource(
        region=country_name(line.country) or line.country,
        name=line.name,
        contact=line.contact,
        how=line.how,
        tel=line.tel,
        countries=(line.country,),
        source=line.source,
        verified=line.verified_on,
    )


def lines_for(db: Session, *, client: Membership) -> CrisisLines:
    """The client's country (their own choice, else the organisation's): the
    organisation's lines for it, else the default lines for it, else every
    default line."""
    country = client.country or client.org.country
    own: tuple[CrisisResource, ...] = ()
    if country:
        rows = db.scalars(
            select(CrisisLine)
            .where(CrisisLine.org_id == client.org_id, CrisisLine.country == country)
            .order_by(CrisisLine.position, CrisisLine.name)
        )
        own = tuple(as_resource(row) for row in rows)
    resources = choose(own, country)
    return CrisisLines(
        country=country,
        resources=resources,
        emergency=EMERGENCY_NUMBERS,
        for_country=serves(resources, country),
    )


def template_context(lines: CrisisLines) -> dict[str, Any]:
    """What coping/_crisis_resources.html shows: the lines, the emergency
    number, and the country they are for when known."""
    return {
        "resources": lines.resources,
        "emergency": lines.emergency,
        "crisis_country": lines.country_name,
        "crisis_for_country": lines.for_country,
    }


def as_json(lines: CrisisLines) -> list[dict[str, Any]]:
    """Each line with its source and when it was last checked, then the
    emergency number: what the API sends with every risk answer."""
    return [
        {
            "region": r.region,
            "countries": list(r.countries),
            "name": r.name,
            "contact": r.contact,
            "how": r.how,
            "tel": r.tel,
            "source": r.source,
            "verified": r.verified.isoformat(),
        }
        for r in (*lines.resources, EMERGENCY)
    ]


# ---------------------------------------------------------------- the organisation's own lines


def list_lines(db: Session, *, org_id: str) -> list[CrisisLine]:
    return list(
        db.scalars(
            select(CrisisLine)
            .where(CrisisLine.org_id == org_id)
            .order_by(CrisisLine.country, CrisisLine.position, CrisisLine.name)
        )
    )


def get_line(db: Session, *, org_id: str, line_id: str) -> CrisisLine | None:
    """One of the organisation's lines; another organisation's is None, as if it did not exist."""
    line = db.get(CrisisLine, line_id)
    return line if line is not None and line.org_id == org_id else None


def _next_position(db: Session, *, org_id: str, country: str) -> int:
    last = db.scalar(
        select(func.max(CrisisLine.position)).where(
            CrisisLine.org_id == org_id, CrisisLine.country == country
        )
    )
    return 0 if last is None else last + 1


def add_line(db: Session, *, org_id: str, values: LineValues, by: str, now: datetime) -> CrisisLine:
    line = CrisisLine(
        org_id=org_id,
        country=values.country,
        name=values.name,
        contact=values.contact,
        how=values.how,
        tel=values.tel,
        source=values.source,
        verified_on=values.verified_on,
        position=_next_position(db, org_id=org_id, country=values.country),
        updated_at=now,
        updated_by=by,
    )
    db.add(line)
    db.flush()
    return line


def edit_line(
    db: Session, *, line: CrisisLine, values: LineValues, by: str, now: datetime
) -> dict[str, str]:
    """Change a line; returns what changed, field → new value (for the audit log)."""
    if values.country != line.country:
        line.position = _next_position(db, org_id=line.org_id, country=values.country)
    changed: dict[str, str] = {}
    for field in ("country", "name", "contact", "how", "tel", "source", "verified_on"):
        new = getattr(values, field)
        if getattr(line, field) != new:
            setattr(line, field, new)
            changed[field] = new.isoformat() if isinstance(new, date) else str(new)
    line.updated_at, line.updated_by = now, by
    db.flush()
    return changed


def remove_line(db: Session, *, line: CrisisLine) -> None:
    db.delete(line)
    db.flush()


def set_org_country(db: Session, *, org: Organisation, country: str | None) -> str | None:
    """The organisation's default country for clients who have not chosen one.
    Raises LineError for a code not on the list; '' or None clears it."""
    org.country = check_country(country)
    db.flush()
    return org.country


def set_client_country(db: Session, *, client: Membership, country: str | None) -> str | None:
    """The client's own country; '' or None goes back to the organisation's."""
    client.country = check_country(country)
    db.flush()
    return client.country
