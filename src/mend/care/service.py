"""Care teams, consent and break-glass: loading and changing. Flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.accounts.roles import Role
from mend.care.models import BreakGlass, CareTeamMember, ConsentChange
from mend.care.policy import CONSENT_CATEGORIES, THERAPIST_DEFAULT_GRANTS, Category


class CareError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def team_of(db: Session, *, client_id: str) -> Sequence[CareTeamMember]:
    query = select(CareTeamMember).where(
        CareTeamMember.client_id == client_id, CareTeamMember.ended_at.is_(None)
    )
    return db.scalars(query.order_by(CareTeamMember.role, CareTeamMember.added_at)).all()


def team_role(db: Session, *, client_id: str, member_id: str) -> str | None:
    query = select(CareTeamMember.role).where(
        CareTeamMember.client_id == client_id,
        CareTeamMember.member_id == member_id,
        CareTeamMember.ended_at.is_(None),
    )
    return db.scalar(query.limit(1))


def caseload_of(db: Session, *, member_id: str) -> Sequence[CareTeamMember]:
    query = select(CareTeamMember).where(
        CareTeamMember.member_id == member_id, CareTeamMember.ended_at.is_(None)
    )
    return db.scalars(query.order_by(CareTeamMember.added_at)).all()


def add_to_team(
    db: Session, *, client: Membership, member: Membership, added_by: Membership, now: datetime
) -> CareTeamMember:
    if client.role != Role.CLIENT or client.org_id != member.org_id:
        raise CareError("client_id", "Choose a client from this organisation.")
    if member.role not in (Role.THERAPIST, Role.COACH):
        raise CareError("member_id", "Only therapists and coaches join a care team.")
    if team_role(db, client_id=client.id, member_id=member.id):
        raise CareError("member_id", "This person is already on the care team.")
    row = CareTeamMember(
        org_id=client.org_id,
        client_id=client.id,
        member_id=member.id,
        role=member.role,
        added_at=now,
        added_by=added_by.id,
    )
    db.add(row)
    db.flush()
    return row


def remove_from_team(db: Session, *, row: CareTeamMember, now: datetime) -> None:
    row.ended_at = now
    db.flush()


def default_grant(team_role_name: str, category: Category) -> bool:
    return team_role_name == Role.THERAPIST and category in THERAPIST_DEFAULT_GRANTS


def _in_force(
    db: Session, *, client_id: str, member_id: str, category: str
) -> ConsentChange | None:
    """The newest change for one category: one index lookup, however long the history."""
    query = (
        select(ConsentChange)
        .where(
            ConsentChange.client_id == client_id,
            ConsentChange.member_id == member_id,
            ConsentChange.category == category,
        )
        .order_by(ConsentChange.version.desc())
        .limit(1)
    )
    return db.scalar(query)


@dataclass(frozen=True)
class ConsentState:
    category: Category
    granted: bool
    by_default: bool
    changed_at: datetime | None


def consent_state(
    db: Session, *, client_id: str, member_id: str, team_role_name: str
) -> list[ConsentState]:
    states = []
    for category in CONSENT_CATEGORIES:
        row = _in_force(db, client_id=client_id, member_id=member_id, category=category)
        states.append(
            ConsentState(
                category=category,
                granted=row.granted if row else default_grant(team_role_name, category),
                by_default=row is None,
                changed_at=row.changed_at if row else None,
            )
        )
    return states


def is_consented(
    db: Session, *, client_id: str, member_id: str, team_role_name: str, category: Category
) -> bool:
    if category not in CONSENT_CATEGORIES:
        return False
    row = _in_force(db, client_id=client_id, member_id=member_id, category=category)
    return default_grant(team_role_name, category) if row is None else row.granted


def shared_with(
    db: Session,
    *,
    member_id: str,
    team_role_name: str,
    client_ids: Sequence[str],
    category: Category,
) -> set[str]:
    """Which of these clients share ``category`` with this member now: the
    caseload's version of ``is_consented``, one query for all of them."""
    if category not in CONSENT_CATEGORIES or not client_ids:
        return set()
    query = (
        select(ConsentChange.client_id, ConsentChange.granted)
        .where(
            ConsentChange.member_id == member_id,
            ConsentChange.category == category,
            ConsentChange.client_id.in_(client_ids),
        )
        .order_by(ConsentChange.version)
    )
    granted = dict.fromkeys(client_ids, default_grant(team_role_name, category))
    granted.update({row.client_id: row.granted for row in db.execute(query)})
    return {client_id for client_id, yes in granted.items() if yes}


def set_consent(
    db: Session,
    *,
    client: Membership,
    member_id: str,
    category: Category,
    granted: bool,
    changed_by: Membership,
    now: datetime,
) -> ConsentChange:
    if team_role(db, client_id=client.id, member_id=member_id) is None:
        raise CareError("member_id", "This person is not on your care team.")
    version = (
        db.scalar(
            select(func.max(ConsentChange.version)).where(ConsentChange.client_id == client.id)
        )
        or 0
    ) + 1
    row = ConsentChange(
        org_id=client.org_id,
        client_id=client.id,
        member_id=member_id,
        category=category.value,
        granted=granted,
        version=version,
        changed_by=changed_by.id,
        changed_at=now,
    )
    db.add(row)
    db.flush()
    return row


def consent_history(db: Session, *, client_id: str) -> Sequence[ConsentChange]:
    query = select(ConsentChange).where(ConsentChange.client_id == client_id)
    return db.scalars(query.order_by(ConsentChange.version.desc())).all()


def start_break_glass(
    db: Session,
    *,
    actor: Membership,
    client: Membership,
    reason: str,
    minutes: int,
    now: datetime,
) -> BreakGlass:
    reason = reason.strip()
    if len(reason) < 10:
        raise CareError(
            "reason", "Please say why you need emergency access (at least 10 characters)."
        )
    if client.role != Role.CLIENT or client.org_id != actor.org_id:
        raise CareError("client_id", "Choose a client from this organisation.")
    row = BreakGlass(
        org_id=actor.org_id,
        actor_id=actor.id,
        client_id=client.id,
        reason=reason,
        started_at=now,
        expires_at=now + timedelta(minutes=minutes),
    )
    db.add(row)
    db.flush()
    return row


def has_break_glass(db: Session, *, actor_id: str, client_id: str, now: datetime) -> bool:
    query = select(BreakGlass.id).where(
        BreakGlass.actor_id == actor_id,
        BreakGlass.client_id == client_id,
        BreakGlass.expires_at > now,
    )
    return db.scalar(query.limit(1)) is not None


def break_glass_log(db: Session, *, org_id: str) -> Sequence[BreakGlass]:
    query = select(BreakGlass).where(BreakGlass.org_id == org_id)
    return db.scalars(query.order_by(BreakGlass.started_at.desc()).limit(200)).all()


def review_break_glass(
    db: Session, *, row: BreakGlass, reviewer: Membership, now: datetime
) -> None:
    if row.actor_id == reviewer.id:
        raise CareError("id", "Someone else must review your own emergency access.")
    row.reviewed_at = now
    row.reviewed_by = reviewer.id
    db.flush()
