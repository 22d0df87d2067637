"""The caseload page and API: every client on the practitioner's care teams,
what needs attention first, with filters and sorting."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from mend.care.caseload import service as caseload
from mend.care.caseload.rules import QUIET_AFTER, Row, Show, Sort, arrange, is_quiet
from mend.clock import utcnow
from mend.healing.healing_view import insight_thresholds
from mend.measures import service as measures
from mend.safety.words import SIGNAL_WORDS
from mend.web.auth import Principal, capability, settings_of
from mend.web.forms import render
from mend.web.transaction import db_session

router = APIRouter()

SHOW_LABELS = {
    Show.ALL: "Everyone",
    Show.ATTENTION: "Needs attention",
    Show.ALERTS: "With an alert",
    Show.OVERDUE: "With something overdue",
    Show.QUIET: f"Quiet for {QUIET_AFTER.days} days or more",
}
SORT_LABELS = {
    Sort.ATTENTION: "Needs attention first",
    Sort.NAME: "Name",
    Sort.DUE: "Next due first",
    Sort.ACTIVITY: "Quietest first",
}


def _rows(request: Request, db: Session, principal: Principal, now: datetime) -> list[Row]:
    return caseload.load(
        db,
        member=principal.membership,
        now=now,
        overdue_after=measures.overdue_after(settings_of(request)),
        insights=insight_thresholds(settings_of(request)),
    )


def _shown(db: Session, principal: Principal, rows: list[Row], now: datetime) -> list[Row]:
    caseload.audit_shown(db, actor=principal.actor, rows=rows, now=now)
    return rows


@router.get("/caseload")
def caseload_page(
    request: Request,
    show: Show = Show.ALL,
    sort: Sort = Sort.ATTENTION,
    q: str = "",
    principal: Principal = capability("caseload.read"),
    db: Session = Depends(db_session),
) -> Response:
    now = utcnow()
    everyone = _rows(request, db, principal, now)
    return render(
        request,
        "care/caseload.html",
        principal=principal,
        rows=_shown(
            db, principal, arrange(everyone, show=show, sort=sort, now=now, search=q[:100]), now
        ),
        total=len(everyone),
        show=show,
        sort=sort,
        q=q[:100],
        show_labels=SHOW_LABELS,
        sort_labels=SORT_LABELS,
        signal_words=SIGNAL_WORDS,
        quiet={r.client_id for r in everyone if is_quiet(r, now=now)},
    )


class DueOut(BaseModel):
    kind: str
    what: str
    due_at: datetime
    overdue: bool


class AlertOut(BaseModel):
    id: str
    status: str
    severity: str
    opened_at: datetime


class GoalsOut(BaseModel):
    active: int
    proposed: int
    latest_progress: int | None
    latest_at: datetime | None


class CaseloadOut(BaseModel):
    client_id: str
    display_name: str
    team_role: str
    alerts: list[AlertOut]
    next_due: DueOut | None
    overdue: int
    last_activity: datetime | None
    goals: GoalsOut | None
    unread_messages: int
    # The treating therapist's gentle "worth discussing" line (the coping insights), or None.
    worth_discussing: str | None = None


def _out(row: Row) -> CaseloadOut:
    due = row.next_due
    return CaseloadOut(
        client_id=row.client_id,
        display_name=row.name,
        team_role=row.role,
        alerts=[
            AlertOut(id=a.id, status=a.status, severity=a.severity, opened_at=a.opened_at)
            for a in row.alerts
        ],
        next_due=DueOut(kind=due.kind, what=due.what, due_at=due.due_at, overdue=due.overdue)
        if due
        else None,
        overdue=row.overdue,
        last_activity=row.last_activity,
        goals=GoalsOut(**vars(row.goals)) if row.goals else None,
        unread_messages=row.unread,
        worth_discussing=row.discuss,
    )


@router.get("/api/v1/caseload")
def caseload_api(
    request: Request,
    show: Show = Show.ALL,
    sort: Sort = Sort.ATTENTION,
    q: str = "",
    principal: Principal = capability("caseload.read"),
    db: Session = Depends(db_session),
) -> list[CaseloadOut]:
    now = utcnow()
    rows = arrange(
        _rows(request, db, principal, now), show=show, sort=sort, now=now, search=q[:100]
    )
    return [_out(r) for r in _shown(db, principal, rows, now)]
