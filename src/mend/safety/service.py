"""Risk signals and the alerts they open (clinical-model §5).

A signal is stored once per source (a retried save stores nothing new) and
always joins an alert: the client's unresolved one, or a new one routed to
their therapist, else to the organisation's duty clinician.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.accounts.roles import Role
from mend.care import service as care
from mend.care.models import CareTeamMember
from mend.ids import new_id
from mend.mail import service as mail
from mend.safety import alerts as rules
from mend.safety.escalation import BusinessHours, parse_hours, respond_by
from mend.safety.models import Alert, AlertEvent, RiskSignal
from mend.safety.screening import screen

if TYPE_CHECKING:
    from mend.safety.screening import Screening

ALERT_SUBJECT = "Mend: a safety alert needs you"
# Email says where to look, never what happened: inboxes are not private.
ALERT_BODY = (
    "A client's safety alert in Mend {why}.\n\n"
    "Please sign in to see it: {{base_url}}/alerts/{alert_id}\n\n"
    "This email holds no clinical detail on purpose."
)


class SafetyError(Exception):
    """Refused input or a step not possible now, with the field at fault."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


def record_signal(
    db: Session,
    *,
    org_id: str,
    client_id: str,
    kind: str,
    source_type: str,
    source_id: str,
    level: int | None,
    now: datetime,
    severity: str = rules.Severity.URGENT,
    evidence: str | None = None,
) -> Alert | None:
    """Store a risk signal and join it to an alert. A second report of the same
    signal (a retried request) stores nothing and returns None."""
    signal_id = new_id()
    values = {
        "id": signal_id,
        "org_id": org_id,
        "client_id": client_id,
        "kind": kind,
        "source_type": source_type,
        "source_id": source_id,
        "level": level,
        "severity": str(severity),
        "evidence": evidence,
        "detected_at": now,
    }
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    # RETURNING, not rowcount: PostgreSQL's driver reports -1 rows for this
    # statement, which would attach a retried signal a second time.
    statement = (
        dialect.insert(RiskSignal)
        .values(**values)
        .on_conflict_do_nothing()
        .returning(RiskSignal.id)
    )
    if db.execute(statement).scalar_one_or_none() is None:
        return None
    return _attach(
        db, signal_id=signal_id, org_id=org_id, client_id=client_id, severity=str(severity), now=now
    )


def screen_own_words(
    db: Session,
    *,
    client: Membership,
    by: Membership,
    text: str | None,
    source_type: str,
    source_id: str,
    now: datetime,
) -> Screening | None:
    """Screen what the client wrote themself (§5: every free text a client
    writes); words a team member wrote about them are not the client's voice."""
    if by.id != client.id or not text:
        return None
    screening = screen(text)
    record_screening(
        db,
        client=client,
        screening=screening,
        source_type=source_type,
        source_id=source_id,
        now=now,
    )
    return screening


def record_screening(
    db: Session,
    *,
    client: Membership,
    screening: Screening,
    source_type: str,
    source_id: str,
    now: datetime,
) -> Alert | None:
    """Crisis language in something the client wrote: a signal with its evidence."""
    if screening.level == "none":
        return None
    evidence = [
        {"text": e.text, "kind": e.kind, "why": e.why, "start": e.start, "end": e.end}
        for e in screening.evidence
    ]
    return record_signal(
        db,
        org_id=client.org_id,
        client_id=client.id,
        kind="crisis_language",
        source_type=source_type,
        source_id=source_id,
        level=None,
        now=now,
        severity=str(screening.level),
        evidence=json.dumps(evidence),
    )


def _attach(
    db: Session, *, signal_id: str, org_id: str, client_id: str, severity: str, now: datetime
) -> Alert:
    alert = unresolved_alert(db, client_id=client_id)
    if alert is None:
        alert = _open(db, org_id=org_id, client_id=client_id, severity=severity, now=now)
    else:
        _join(db, alert, severity=severity, now=now)
    db.execute(update(RiskSignal).where(RiskSignal.id == signal_id).values(alert_id=alert.id))
    return alert


def unresolved_alert(db: Session, *, client_id: str) -> Alert | None:
    query = (
        select(Alert)
        .where(Alert.client_id == client_id, Alert.status != rules.Status.RESOLVED)
        .order_by(Alert.opened_at)
        .limit(1)
    )
    return db.scalars(query).first()


def hours_of(org: Organisation) -> BusinessHours | None:
    """The organisation's business hours, or None when it answers around the
    clock. Settings are checked when saved; a bad stored value counts every
    minute, which escalates sooner, never later."""
    if not org.business_hours_only:
        return None
    try:
        return parse_hours(
            days=org.business_days,
            start=org.business_start,
            end=org.business_end,
            zone=org.timezone,
        )
    except ValueError:
        return None


def deadline(org: Organisation, now: datetime) -> datetime:
    return respond_by(now, timedelta(minutes=org.alert_window_minutes), hours_of(org))


def therapist_of(db: Session, *, client_id: str) -> str | None:
    for row in care.team_of(db, client_id=client_id):
        if row.role == Role.THERAPIST:
            return row.member_id
    return None


def _open(db: Session, *, org_id: str, client_id: str, severity: str, now: datetime) -> Alert:
    org = db.get_one(Organisation, org_id)
    route, to = rules.route_for(
        therapist_id=therapist_of(db, client_id=client_id), duty_id=org.duty_clinician_id
    )
    alert = Alert(
        id=new_id(),
        org_id=org_id,
        client_id=client_id,
        status=rules.Status.OPEN,
        severity=severity,
        routed_to=to,
        route=route,
        opened_at=now,
        respond_by=deadline(org, now),
        last_signal_at=now,
        signal_count=1,
    )
    db.add(alert)
    db.flush()
    _event(db, alert, "opened", now=now)
    _tell(db, alert, member_id=to, why="was opened", now=now)
    return alert


def _join(db: Session, alert: Alert, *, severity: str, now: datetime) -> None:
    was = alert.status
    alert.status = rules.after_signal(was)
    alert.severity = rules.stronger(alert.severity, severity)
    alert.last_signal_at = now
    alert.signal_count += 1
    alert.version += 1
    if was == rules.Status.ACKNOWLEDGED:
        # Acknowledged meant "I have seen it"; this signal nobody has seen yet.
        alert.respond_by = deadline(db.get_one(Organisation, alert.org_id), now)
        _event(db, alert, "reopened", now=now)
        _tell(db, alert, member_id=alert.routed_to, why="has a new signal", now=now)
    else:
        _event(db, alert, "signal", now=now)


def _event(
    db: Session,
    alert: Alert,
    kind: str,
    *,
    now: datetime,
    by: str | None = None,
    note: str | None = None,
) -> None:
    db.add(AlertEvent(alert_id=alert.id, kind=kind, at=now, by=by, note=note))


def _tell(db: Session, alert: Alert, *, member_id: str | None, why: str, now: datetime) -> None:
    """Email the person who must act; the app shows the alert either way."""
    if member_id is None:
        return
    member = db.get(Membership, member_id)
    if member is None or member.ended_at is not None:
        return
    mail.queue(
        db,
        to=member.user.email,
        subject=ALERT_SUBJECT,
        body=ALERT_BODY.format(why=why, alert_id=alert.id),
        org_id=alert.org_id,
        now=now,
    )


def _tell_admins(db: Session, alert: Alert, *, now: datetime) -> None:
    query = select(Membership).where(
        Membership.org_id == alert.org_id,
        Membership.role == Role.ADMIN,
        Membership.ended_at.is_(None),
    )
    for admin in db.scalars(query):
        mail.queue(
            db,
            to=admin.user.email,
            subject="Mend: an alert has nobody to answer it",
            body=(
                "A client's safety alert in Mend has not been acknowledged in time and there "
                "is no other duty clinician to pass it to. Please name a duty clinician: "
                "{base_url}/admin/safety\n\nThis email holds no clinical detail on purpose."
            ),
            org_id=alert.org_id,
            now=now,
        )


# ---------------------------------------------------------------- clinician steps


def _check_version(alert: Alert, version: int | None) -> None:
    if version is not None and version != alert.version:
        raise SafetyError(
            409, "version", "This alert changed since you opened it. Please look again."
        )


def acknowledge(
    db: Session,
    *,
    alert: Alert,
    by: str,
    now: datetime,
    note: str = "",
    version: int | None = None,
) -> None:
    _check_version(alert, version)
    try:
        alert.status = rules.acknowledge(alert.status)
    except rules.TransitionError as error:
        raise SafetyError(409, "status", str(error).capitalize() + ".") from None
    alert.acknowledged_at, alert.acknowledged_by = now, by
    alert.version += 1
    _event(db, alert, "acknowledged", now=now, by=by, note=note.strip() or None)


def resolve(
    db: Session, *, alert: Alert, by: str, note: str, now: datetime, version: int | None = None
) -> None:
    _check_version(alert, version)
    try:
        alert.status = rules.resolve(alert.status, note)
    except rules.TransitionError as error:
        field = "note" if alert.status != rules.Status.RESOLVED else "status"
        status = 422 if field == "note" else 409
        raise SafetyError(status, field, str(error).capitalize() + ".") from None
    if alert.acknowledged_at is None:
        alert.acknowledged_at, alert.acknowledged_by = now, by
    alert.resolved_at, alert.resolved_by = now, by
    alert.version += 1
    _event(db, alert, "resolved", now=now, by=by, note=note.strip())


def add_note(db: Session, *, alert: Alert, by: str, note: str, now: datetime) -> None:
    if not note.strip():
        raise SafetyError(422, "note", "Please write the note.")
    _event(db, alert, "note", now=now, by=by, note=note.strip())


# ---------------------------------------------------------------- the clock


def escalate_due(db: Session, *, now: datetime) -> list[Alert]:
    """Open alerts past their window go to the duty clinician (or, when the duty
    clinician is the one who has not answered, to the admins). An alert that
    was escalated and then had a new signal can escalate again."""
    query = select(Alert).where(
        Alert.status == rules.Status.OPEN,
        Alert.respond_by <= now,
        or_(Alert.escalated_at.is_(None), Alert.escalated_at < Alert.last_signal_at),
    )
    due = list(db.scalars(query))
    for alert in due:
        org = db.get_one(Organisation, alert.org_id)
        to = rules.escalate_to(routed_to=alert.routed_to, duty_id=org.duty_clinician_id)
        alert.escalated_at, alert.escalated_to = now, to
        alert.version += 1
        _event(db, alert, "escalated", now=now)
        if to is None:
            _tell_admins(db, alert, now=now)
        else:
            _tell(db, alert, member_id=to, why="was not acknowledged in time", now=now)
    return due


def adopt_orphans(db: Session, *, now: datetime) -> int:
    """Signals stored before alerts existed, or by any path that did not attach
    them, are joined to alerts: a risk signal is never left unread."""
    orphans = list(
        db.scalars(
            select(RiskSignal).where(RiskSignal.alert_id.is_(None)).order_by(RiskSignal.detected_at)
        )
    )
    for signal in orphans:
        _attach(
            db,
            signal_id=signal.id,
            org_id=signal.org_id,
            client_id=signal.client_id,
            severity=signal.severity,
            now=now,
        )
    return len(orphans)


# ---------------------------------------------------------------- reading


def signals_for(db: Session, *, client_id: str, limit: int = 50) -> list[RiskSignal]:
    query = (
        select(RiskSignal)
        .where(RiskSignal.client_id == client_id)
        .order_by(RiskSignal.detected_at.desc())
        .limit(limit)
    )
    return list(db.scalars(query))


def signals_of(db: Session, *, alert_id: str) -> list[RiskSignal]:
    query = select(RiskSignal).where(RiskSignal.alert_id == alert_id)
    return list(db.scalars(query.order_by(RiskSignal.detected_at)))


# Steps taken in the same instant read in the order an alert lives them.
EVENT_ORDER = ("opened", "signal", "reopened", "acknowledged", "note", "escalated", "resolved")


def events_of(db: Session, *, alert_id: str) -> list[AlertEvent]:
    query = select(AlertEvent).where(AlertEvent.alert_id == alert_id)
    return sorted(db.scalars(query), key=lambda e: (e.at, EVENT_ORDER.index(e.kind)))


def alert_client(db: Session, *, alert_id: str, org_id: str) -> str | None:
    query = select(Alert.client_id).where(Alert.id == alert_id, Alert.org_id == org_id)
    return db.scalar(query)


STATUS_ORDER = {rules.Status.OPEN: 0, rules.Status.ACKNOWLEDGED: 1, rules.Status.RESOLVED: 2}


def queue_order(alerts: Sequence[Alert]) -> list[Alert]:
    """Open first, then acknowledged, then resolved; oldest first within each."""
    return sorted(alerts, key=lambda a: (STATUS_ORDER[rules.Status(a.status)], a.opened_at))


def alerts_for(
    db: Session,
    *,
    member_id: str,
    org_id: str,
    include_resolved: bool = False,
    limit: int = 200,
) -> list[Alert]:
    query = select(Alert).where(Alert.org_id == org_id, _answered_by(member_id))
    if not include_resolved:
        query = query.where(Alert.status != rules.Status.RESOLVED)
    return queue_order(list(db.scalars(query.order_by(Alert.opened_at).limit(limit))))


def _answered_by(member_id: str) -> ColumnElement[bool]:
    """Alerts this clinician answers: for the clients they treat, and any routed
    or escalated to them as duty clinician."""
    treating = select(CareTeamMember.client_id).where(
        CareTeamMember.member_id == member_id,
        CareTeamMember.role == Role.THERAPIST,
        CareTeamMember.ended_at.is_(None),
    )
    return or_(
        Alert.client_id.in_(treating),
        Alert.routed_to == member_id,
        Alert.escalated_to == member_id,
    )


def open_count_for(db: Session, *, member_id: str, org_id: str) -> int:
    """How many open alerts wait for this therapist: the number in their menu."""
    query = select(func.count()).where(
        Alert.org_id == org_id, Alert.status == rules.Status.OPEN, _answered_by(member_id)
    )
    return int(db.scalar(query) or 0)


def alerts_of_client(db: Session, *, client_id: str, limit: int = 50) -> list[Alert]:
    query = select(Alert).where(Alert.client_id == client_id)
    return queue_order(list(db.scalars(query.order_by(Alert.opened_at.desc()).limit(limit))))


def open_counts(db: Session, *, client_ids: Sequence[str]) -> dict[str, tuple[int, datetime]]:
    """Per client: how many alerts are open and when the oldest opened."""
    query = (
        select(Alert.client_id, func.count(), func.min(Alert.opened_at))
        .where(Alert.client_id.in_(client_ids), Alert.status == rules.Status.OPEN)
        .group_by(Alert.client_id)
    )
    return {client: (count, oldest) for client, count, oldest in db.execute(query)}


def unanswerable_count(db: Session, *, org_id: str) -> int:
    """Alerts with nobody to answer them, for the admin (a count, no detail)."""
    query = select(func.count()).where(
        Alert.org_id == org_id,
        Alert.status != rules.Status.RESOLVED,
        or_(
            Alert.route == rules.Route.NOBODY,
            Alert.escalated_at.is_not(None) & Alert.escalated_to.is_(None),
        ),
    )
    return int(db.scalar(query) or 0)
