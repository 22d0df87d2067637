"""Load a practitioner's caseload: a few queries for all their clients, never
one per client, then the pure rules decide order and filters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.accounts.roles import Role
from mend.audit import service as audit_log
from mend.audit.service import Actor
from mend.care import service as care
from mend.care.caseload.rules import AlertMark, DueThing, GoalMarks, Row
from mend.care.goals import service as goals
from mend.care.homework import service as homework
from mend.care.messages import service as messages
from mend.care.policy import Category
from mend.coping.models import CopingMoment
from mend.healing import healing_view
from mend.healing import insights as healing_insights
from mend.measures import service as measures
from mend.safety import service as safety
from mend.safety.models import RiskSignal

# Risk signals shown beside a client: the newest few from recent weeks (the
# rest stay with their alerts, which the therapist always sees).
SIGNALS_SHOWN = 5
SIGNALS_SINCE = timedelta(days=90)


def load(
    db: Session,
    *,
    member: Membership,
    now: datetime,
    overdue_after: timedelta,
    insights: healing_insights.Thresholds = healing_insights.DEFAULT,
) -> list[Row]:
    """Every client on this member's care team, as caseload rows. Showing a
    row is a read of that client's record: call ``audit_shown`` with the rows shown."""
    team_rows = list(care.caseload_of(db, member_id=member.id))
    ids = [r.client_id for r in team_rows]
    shared = {
        category: care.shared_with(
            db, member_id=member.id, team_role_name=member.role, client_ids=ids, category=category
        )
        for category in (Category.COPING, Category.MEASURES, Category.GOALS_HOMEWORK)
    }
    treating = [r.client_id for r in team_rows if r.role == Role.THERAPIST.value]
    homework_ids = sorted(shared[Category.GOALS_HOMEWORK])
    alerts = _alerts(db, member=member, treating=treating)
    signals = _signals(db, client_ids=treating, now=now)
    due = _due(db, member=member, shared=shared, now=now, overdue_after=overdue_after)
    activity = _last_activity(db, client_ids=sorted(shared[Category.COPING]))
    goal_marks = goals.summaries(db, client_ids=homework_ids)
    unread = messages.unread_for(db, member_id=member.id, client_ids=ids)
    # The coping findings, for the treating therapist of a client who shares their coping.
    reviews = healing_view.reviews_for(
        db,
        client_ids=[c for c in treating if c in shared[Category.COPING]],
        now=now,
        thresholds=insights,
    )
    rows = [
        Row(
            client_id=r.client_id,
            name=r.client.user.display_name,
            role=r.role,
            since=r.added_at,
            alerts=tuple(alerts.get(r.client_id, ())),
            due=tuple(due.get(r.client_id, ())),
            last_activity=activity.get(r.client_id),
            activity_shared=r.client_id in shared[Category.COPING],
            goals=_goal_marks(goal_marks.get(r.client_id)) if r.client_id in homework_ids else None,
            unread=unread.get(r.client_id, messages.ThreadMarks()).unread,
            last_message_at=unread.get(r.client_id, messages.ThreadMarks()).last_at,
            signals=tuple(signals.get(r.client_id, ())),
            shown=tuple(sorted(c.value for c, ids in shared.items() if r.client_id in ids)),
            discuss=healing_insights.worth_discussing(reviews[r.client_id])
            if r.client_id in reviews
            else None,
        )
        for r in team_rows
    ]
    return rows


def audit_shown(db: Session, *, actor: Actor, rows: Sequence[Row], now: datetime) -> None:
    """One chained batch: a row per client shown, with what it showed."""
    events = [
        audit_log.Event(
            "profile.read",
            resource_type="profile",
            resource_id=r.client_id,
            subject_client_id=r.client_id,
            detail={"via": "caseload", "shown": ",".join(r.shown)},
        )
        for r in rows
    ]
    if events:
        audit_log.record_many(db, actor=actor, events=events, now=now)


def _alerts(db: Session, *, member: Membership, treating: list[str]) -> dict[str, list[AlertMark]]:
    found: dict[str, list[AlertMark]] = {}
    for alert in safety.alerts_for(db, member_id=member.id, org_id=member.org_id):
        if alert.client_id in treating:
            found.setdefault(alert.client_id, []).append(
                AlertMark(
                    id=alert.id,
                    status=alert.status,
                    severity=alert.severity,
                    opened_at=alert.opened_at,
                    escalated=alert.escalated_at is not None,
                )
            )
    return found


def _signals(db: Session, *, client_ids: list[str], now: datetime) -> dict[str, list[RiskSignal]]:
    if not client_ids:
        return {}
    query = (
        select(RiskSignal)
        .where(RiskSignal.client_id.in_(client_ids), RiskSignal.detected_at >= now - SIGNALS_SINCE)
        .order_by(RiskSignal.detected_at.desc())
    )
    found: dict[str, list[RiskSignal]] = {}
    for signal in db.scalars(query):
        kept = found.setdefault(signal.client_id, [])
        if len(kept) < SIGNALS_SHOWN:
            kept.append(signal)
    return found


def _due(
    db: Session,
    *,
    member: Membership,
    shared: dict[Category, set[str]],
    now: datetime,
    overdue_after: timedelta,
) -> dict[str, list[DueThing]]:
    found: dict[str, list[DueThing]] = {}
    for item in measures.due_for(
        db,
        client_ids=sorted(shared[Category.MEASURES]),
        org_id=member.org_id,
        now=now,
        overdue_after=overdue_after,
    ):
        client_id = item.assignment.client_id
        found.setdefault(client_id, []).append(
            DueThing(
                kind="questionnaire",
                what=item.instrument.short_name,
                due_at=item.due.since,
                overdue=item.due.overdue,
                link=f"/clients/{client_id}/measures",
            )
        )
    for client_id, work in homework.next_due(
        db, client_ids=sorted(shared[Category.GOALS_HOMEWORK]), now=now
    ).items():
        found.setdefault(client_id, []).append(
            DueThing(
                kind="homework",
                what=work.title,
                due_at=work.due_at,
                overdue=work.overdue,
                link=f"/clients/{client_id}/homework",
                late=work.overdue_count,
            )
        )
    return found


def _last_activity(db: Session, *, client_ids: list[str]) -> dict[str, datetime]:
    if not client_ids:
        return {}
    query = (
        select(CopingMoment.client_id, func.max(CopingMoment.occurred_at))
        .where(CopingMoment.client_id.in_(client_ids))
        .group_by(CopingMoment.client_id)
    )
    return {row[0]: row[1] for row in db.execute(query)}


def _goal_marks(summary: goals.GoalSummary | None) -> GoalMarks:
    if summary is None:
        return GoalMarks(active=0, proposed=0, latest_progress=None, latest_at=None)
    return GoalMarks(
        active=summary.active,
        proposed=summary.proposed,
        latest_progress=summary.latest_progress,
        latest_at=summary.latest_at,
    )
