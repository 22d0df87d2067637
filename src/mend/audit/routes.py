"""The admin's view of the audit log and the review of break-glass access."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator, StringConstraints
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.audit import service as audit_log
from mend.audit.service import AuditFilter
from mend.care import service as care
from mend.care.models import BreakGlass
from mend.clock import utcnow
from mend.web.auth import Principal, capability
from mend.web.errors import ApiError
from mend.web.forms import redirect, render
from mend.web.transaction import db_session

router = APIRouter()


def _blank_is_none(value: object) -> object:
    # An HTML filter form sends empty fields for filters left open.
    return value or None


ID = Annotated[
    Annotated[str, StringConstraints(max_length=24)] | None,
    BeforeValidator(_blank_is_none),
    Query(),
]
Day = Annotated[date | None, BeforeValidator(_blank_is_none), Query()]
Action = Annotated[
    Annotated[str, StringConstraints(max_length=64)] | None,
    BeforeValidator(_blank_is_none),
    Query(),
]


class EntryOut(BaseModel):
    seq: int
    at: datetime
    actor_user_id: str | None
    actor_role: str | None
    action: str
    resource_type: str | None
    resource_id: str | None
    subject_client_id: str | None
    outcome: str
    ip: str | None
    detail: dict[str, str] | None


def _day_start(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, tzinfo=UTC) if day else None


def _filter(
    principal: Principal,
    since: date | None,
    until: date | None,
    user: str | None,
    client: str | None,
    action: str | None,
) -> AuditFilter:
    end = _day_start(until + timedelta(days=1)) if until else None
    return AuditFilter(
        org_id=principal.org_id,
        since=_day_start(since),
        until=end,
        actor_user_id=user or None,
        subject_client_id=client or None,
        action=action or None,
    )


@router.get("/admin/audit")
def audit_page(
    request: Request,
    since: Day = None,
    until: Day = None,
    user: ID = None,
    client: ID = None,
    action: Action = None,
    principal: Principal = capability("audit.read"),
    db: Session = Depends(db_session),
) -> Response:
    where = _filter(principal, since, until, user, client, action)
    entries = audit_log.search(db, where=where)
    people = accounts.people_in(db, org_id=principal.org_id)
    principal.audit(
        db,
        "audit.search",
    )
    return render(
        request,
        "audit/search.html",
        principal=principal,
        entries=entries,
        people=people,
        names={m.user_id: m.user.display_name for m in people},
        clients={m.id: m.user.display_name for m in people},
        form={"since": since, "until": until, "user": user, "client": client, "action": action},
    )


@router.get("/api/v1/audit")
def audit_api(
    since: Day = None,
    until: Day = None,
    user: ID = None,
    client: ID = None,
    action: Action = None,
    principal: Principal = capability("audit.read"),
    db: Session = Depends(db_session),
) -> list[EntryOut]:
    entries = audit_log.search(db, where=_filter(principal, since, until, user, client, action))
    principal.audit(
        db,
        "audit.search",
    )
    return [EntryOut.model_validate(e, from_attributes=True) for e in entries]


@router.get("/admin/break-glass")
def break_glass_review_page(
    request: Request,
    principal: Principal = capability("break_glass.review"),
    db: Session = Depends(db_session),
) -> Response:
    rows = care.break_glass_log(db, org_id=principal.org_id)
    return render(request, "audit/break_glass.html", principal=principal, rows=rows, now=utcnow())


@router.post("/admin/break-glass/{grant_id}/review")
def break_glass_review(
    grant_id: str,
    principal: Principal = capability("break_glass.review"),
    db: Session = Depends(db_session),
) -> Response:
    row = db.get(BreakGlass, grant_id)
    if row is None or row.org_id != principal.org_id:
        raise ApiError(404)
    try:
        care.review_break_glass(db, row=row, reviewer=principal.membership, now=utcnow())
    except care.CareError as error:
        raise ApiError(422, error.message, fields={error.field: error.message}) from None
    principal.audit(
        db,
        "break_glass.review",
        resource_type="break_glass",
        resource_id=row.id,
        subject_client_id=row.client_id,
    )
    return redirect("/admin/break-glass")
