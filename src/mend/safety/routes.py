"""Safety: the journal, risk alerts for clinicians, and the organisation's
alert settings (clinical-model §5). The safety plan is in plan_routes.py,
crisis lines in admin.py."""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.accounts.roles import Role
from mend.care import service as care
from mend.care.policy import Action, Category
from mend.clock import utcnow
from mend.coping.pages import form_errors, page
from mend.safety import journal, service
from mend.safety.escalation import describe, parse_hours
from mend.safety.models import Alert, JournalEntry
from mend.safety.tell import after_words, safety_answer
from mend.safety.words import SIGNAL_WORDS
from mend.web.auth import (
    ClientAccess,
    Principal,
    capability,
    client_record,
    client_record_of,
    settings_of,
)
from mend.web.errors import ApiError
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session

router = APIRouter()

JOURNAL_READ = client_record(Category.JOURNAL, Action.READ)
JOURNAL_WRITE = client_record(Category.JOURNAL, Action.WRITE)


def _alert_client(db: Session, request: Request, org_id: str) -> str | None:
    return service.alert_client(db, alert_id=request.path_params["alert_id"], org_id=org_id)


ALERT_READ = client_record_of(Category.ALERTS, Action.READ, _alert_client)
ALERT_WRITE = client_record_of(Category.ALERTS, Action.WRITE, _alert_client)


# ---------------------------------------------------------------- journal


class JournalIn(Input):
    body: str = Field(min_length=1, max_length=200_000)
    idempotency_key: str | None = Field(default=None, min_length=8, max_length=64)


def api_error(error: service.SafetyError) -> ApiError:
    return ApiError(error.status, error.message, fields={error.field: error.message})


def entry_out(entry: JournalEntry) -> dict[str, Any]:
    return {"id": entry.id, "body": entry.body, "written_at": entry.written_at.isoformat()}


def _write(db: Session, request: Request, access: ClientAccess, body: JournalIn) -> journal.Written:
    try:
        written = journal.write(
            db,
            client=access.client,
            body=body.body,
            key=body.idempotency_key,
            now=utcnow(),
            max_chars=settings_of(request).journal_max_chars,
        )
    except service.SafetyError as error:
        raise api_error(error) from None
    if written.created:
        access.audit(db, "journal.written", resource_type="journal_entry",
                     resource_id=written.entry.id)  # fmt: skip
    return written


@router.post("/api/v1/journal", status_code=201)
def journal_create_api(
    body: JournalIn,
    request: Request,
    access: ClientAccess = JOURNAL_WRITE,
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    if access.client.id != access.principal.membership.id:
        raise ApiError(403, "Only the client writes in their journal.")
    written = _write(db, request, access, body)
    answer: dict[str, Any] = {"entry": entry_out(written.entry)}
    if str(written.screening.level) != "none":
        answer["safety"] = safety_answer(db, access.client)
    return answer


@router.get("/api/v1/journal")
@router.get("/api/v1/clients/{client_id}/journal")
def journal_list_api(
    access: ClientAccess = JOURNAL_READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    return [entry_out(e) for e in journal.entries_of(db, client_id=access.client.id)]


@router.get("/journal")
def journal_page(
    request: Request, access: ClientAccess = JOURNAL_READ, db: Session = Depends(db_session)
) -> Response:
    return _journal_page(request, db, access)


def _journal_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    draft: str = "",
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    shared_with = [
        m.member.user.display_name
        for m in care.team_of(db, client_id=access.client.id)
        if care.is_consented(
            db,
            client_id=access.client.id,
            member_id=m.member_id,
            team_role_name=m.role,
            category=Category.JOURNAL,
        )
    ]
    return page(
        request,
        "safety/journal.html",
        access,
        entries=journal.entries_of(db, client_id=access.client.id),
        own=access.client.id == access.principal.membership.id,
        shared_with=shared_with,
        draft=draft,
        errors=errors or {},
        max_chars=settings_of(request).journal_max_chars,
        new_key=secrets.token_hex(12),
        status_code=status_code,
    )


@router.post("/journal")
async def journal_submit(
    request: Request, access: ClientAccess = JOURNAL_WRITE, db: Session = Depends(db_session)
) -> Response:
    form = await request.form()
    text = str(form.get("body") or "")
    try:
        written = _write(
            db, request, access,
            JournalIn(body=text or " ", idempotency_key=str(form.get("key") or "") or None),
        )  # fmt: skip
    except (ValidationError, ApiError) as error:
        status = error.status if isinstance(error, ApiError) else 422
        return _journal_page(
            request, db, access, draft=text, errors=form_errors(error), status_code=status
        )
    level = str(written.screening.level)
    if level != "none":
        return after_words(request, db, access, level)
    return redirect("/journal?saved=1")


@router.get("/clients/{client_id}/journal")
def client_journal_page(
    client_id: str,
    request: Request,
    access: ClientAccess = JOURNAL_READ,
    db: Session = Depends(db_session),
) -> Response:
    return _journal_page(request, db, access)


# ---------------------------------------------------------------- alerts: API


class StepIn(Input):
    note: str = Field(default="", max_length=4000)
    version: int | None = None


def _alert(db: Session, request: Request, access: ClientAccess) -> Alert:
    alert = db.get(Alert, request.path_params["alert_id"])
    if alert is None or alert.client_id != access.client.id:
        raise ApiError(404)
    return alert


def _names(db: Session, ids: set[str | None]) -> dict[str, str]:
    found: dict[str, str] = {}
    for member_id in ids - {None}:
        assert member_id is not None
        member = db.get(Membership, member_id)
        if member is not None:
            found[member_id] = member.user.display_name
    return found


def alert_out(alert: Alert, *, names: dict[str, str]) -> dict[str, Any]:
    def when(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    return {
        "id": alert.id,
        "client_id": alert.client_id,
        "client_name": alert.client.user.display_name,
        "status": alert.status,
        "severity": alert.severity,
        "route": alert.route,
        "routed_to": names.get(alert.routed_to or ""),
        "opened_at": when(alert.opened_at),
        "respond_by": when(alert.respond_by),
        "last_signal_at": when(alert.last_signal_at),
        "signal_count": alert.signal_count,
        "acknowledged_at": when(alert.acknowledged_at),
        "acknowledged_by": names.get(alert.acknowledged_by or ""),
        "resolved_at": when(alert.resolved_at),
        "resolved_by": names.get(alert.resolved_by or ""),
        "escalated_at": when(alert.escalated_at),
        "escalated_to": names.get(alert.escalated_to or ""),
        "version": alert.version,
    }


def _alert_names(db: Session, alerts: list[Alert]) -> dict[str, str]:
    ids: set[str | None] = set()
    for a in alerts:
        ids |= {a.routed_to, a.acknowledged_by, a.resolved_by, a.escalated_to}
    return _names(db, ids)


def alert_detail(db: Session, alert: Alert) -> dict[str, Any]:
    events = service.events_of(db, alert_id=alert.id)
    names = _names(db, {alert.routed_to, alert.acknowledged_by, alert.resolved_by,
                        alert.escalated_to, *(e.by for e in events)})  # fmt: skip
    return {
        **alert_out(alert, names=names),
        "signals": [
            {
                "id": s.id,
                "kind": s.kind,
                "what": SIGNAL_WORDS.get(s.kind, s.kind.replace("_", " ")),
                "severity": s.severity,
                "level": s.level,
                "source_type": s.source_type,
                "source_id": s.source_id,
                "detected_at": s.detected_at.isoformat(),
                "evidence": json.loads(s.evidence) if s.evidence else [],
            }
            for s in service.signals_of(db, alert_id=alert.id)
        ],
        "events": [
            {"kind": e.kind, "at": e.at.isoformat(), "by": names.get(e.by or ""), "note": e.note}
            for e in events
        ],
    }


def visible_alerts(
    db: Session, principal: Principal, *, include_resolved: bool = False
) -> list[Alert]:
    return service.alerts_for(
        db,
        member_id=principal.membership.id,
        org_id=principal.org_id,
        include_resolved=include_resolved,
    )


@router.get("/api/v1/alerts")
def alerts_api(
    include_resolved: bool = False,
    principal: Principal = capability("alerts.read"),
    db: Session = Depends(db_session),
) -> list[dict[str, Any]]:
    alerts = visible_alerts(db, principal, include_resolved=include_resolved)
    principal.audit(db, "alerts.listed", detail={"count": len(alerts)})
    names = _alert_names(db, alerts)
    return [alert_out(a, names=names) for a in alerts]


@router.get("/api/v1/clients/{client_id}/alerts")
def client_alerts_api(
    client_id: str,
    access: ClientAccess = client_record(Category.ALERTS, Action.READ),
    db: Session = Depends(db_session),
) -> list[dict[str, Any]]:
    alerts = service.alerts_of_client(db, client_id=client_id)
    if access.principal.role is Role.CLIENT:
        # The client sees where their alerts stand; clinicians' notes are theirs.
        return [{"id": a.id, "status": a.status, "opened_at": a.opened_at.isoformat()}
                for a in alerts]  # fmt: skip
    names = _alert_names(db, alerts)
    return [alert_out(a, names=names) for a in alerts]


@router.get("/api/v1/alerts/{alert_id}")
def alert_api(
    alert_id: str,
    request: Request,
    access: ClientAccess = ALERT_READ,
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    alert = _alert(db, request, access)
    if access.principal.role is Role.CLIENT:
        return {"id": alert.id, "status": alert.status, "opened_at": alert.opened_at.isoformat()}
    return alert_detail(db, alert)


def _step(db: Session, access: ClientAccess, alert: Alert, step: str, body: StepIn) -> None:
    me, now = access.principal.membership.id, utcnow()
    try:
        if step == "acknowledge":
            service.acknowledge(db, alert=alert, by=me, now=now, note=body.note,
                                version=body.version)  # fmt: skip
        elif step == "resolve":
            service.resolve(db, alert=alert, by=me, note=body.note, now=now, version=body.version)
        else:
            service.add_note(db, alert=alert, by=me, note=body.note, now=now)
    except service.SafetyError as error:
        raise api_error(error) from None
    access.audit(db, f"alert.{step}", resource_type="alert", resource_id=alert.id)


STEPS = ("acknowledge", "resolve", "note")


@router.post("/api/v1/alerts/{alert_id}/{step}")
def alert_step_api(
    alert_id: str,
    step: str,
    body: StepIn,
    request: Request,
    access: ClientAccess = ALERT_WRITE,
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    if step not in STEPS:
        raise ApiError(404)
    alert = _alert(db, request, access)
    _step(db, access, alert, step, body)
    return alert_detail(db, alert)


# ---------------------------------------------------------------- alerts: pages


@router.get("/alerts")
def alerts_page(
    request: Request,
    show: str = "open",
    principal: Principal = capability("alerts.read"),
    db: Session = Depends(db_session),
) -> Response:
    alerts = visible_alerts(db, principal, include_resolved=show == "all")
    principal.audit(db, "alerts.listed", detail={"count": len(alerts)})
    return render(
        request,
        "safety/alerts.html",
        principal=principal,
        alerts=alerts,
        names=_alert_names(db, alerts),
        show=show,
        now=utcnow(),
    )


def _alert_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    alert: Alert,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return page(
        request,
        "safety/alert.html",
        access,
        alert=alert,
        detail=alert_detail(db, alert),
        may_act=access.may(Category.ALERTS, Action.WRITE),
        errors=errors or {},
        now=utcnow(),
        status_code=status_code,
    )


@router.get("/alerts/{alert_id}")
def alert_page(
    alert_id: str,
    request: Request,
    access: ClientAccess = ALERT_READ,
    db: Session = Depends(db_session),
) -> Response:
    if access.principal.role is Role.CLIENT:
        raise ApiError(404)
    return _alert_page(request, db, access, _alert(db, request, access))


@router.post("/alerts/{alert_id}/{step}")
async def alert_step_submit(
    alert_id: str,
    step: str,
    request: Request,
    access: ClientAccess = ALERT_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    if step not in STEPS:
        raise ApiError(404)
    alert = _alert(db, request, access)
    form = await request.form()
    try:
        version = str(form.get("version") or "")
        body = StepIn(note=str(form.get("note") or ""),
                      version=int(version) if version.isdigit() else None)  # fmt: skip
        _step(db, access, alert, step, body)
    except (ValidationError, ApiError) as error:
        status = error.status if isinstance(error, ApiError) else 422
        return _alert_page(
            request, db, access, alert, errors=form_errors(error), status_code=status
        )
    return redirect(f"/alerts/{alert_id}?done={step}")


# ---------------------------------------------------------------- the organisation's settings


class SafetySettingsIn(Input):
    duty_clinician_id: str | None = Field(default=None, max_length=24)
    alert_window_minutes: int = Field(ge=15, le=7 * 24 * 60)
    business_hours_only: bool
    business_days: str = Field(default="12345", max_length=7)
    business_start: str = Field(default="09:00", max_length=5)
    business_end: str = Field(default="17:00", max_length=5)
    timezone: str = Field(default="UTC", max_length=64)


def _therapists(db: Session, org_id: str) -> list[Membership]:
    query = select(Membership).where(
        Membership.org_id == org_id,
        Membership.role == Role.THERAPIST,
        Membership.ended_at.is_(None),
    )
    return list(db.scalars(query))


def apply_settings(db: Session, principal: Principal, body: SafetySettingsIn) -> Organisation:
    org = db.get_one(Organisation, principal.org_id)
    if body.duty_clinician_id and body.duty_clinician_id not in {
        m.id for m in _therapists(db, org.id)
    }:
        raise ApiError(
            422, fields={"duty_clinician_id": "Choose a therapist in this organisation."}
        )
    try:
        parse_hours(days=body.business_days, start=body.business_start,
                    end=body.business_end, zone=body.timezone)  # fmt: skip
    except ValueError as error:
        field, _, message = str(error).partition(": ")
        raise ApiError(422, fields={field: message.capitalize() + "."}) from None
    for name, value in body.model_dump().items():
        setattr(org, name, value or None if name == "duty_clinician_id" else value)
    principal.audit(db, "org.safety_settings", resource_type="organisation",
                    resource_id=org.id, detail=body.model_dump())  # fmt: skip
    return org


def settings_out(org: Organisation) -> dict[str, Any]:
    return {
        "duty_clinician_id": org.duty_clinician_id,
        "alert_window_minutes": org.alert_window_minutes,
        "business_hours_only": org.business_hours_only,
        "business_days": org.business_days,
        "business_start": org.business_start,
        "business_end": org.business_end,
        "timezone": org.timezone,
    }


@router.get("/api/v1/org/safety-settings")
def safety_settings_api(
    principal: Principal = capability("org.settings"), db: Session = Depends(db_session)
) -> dict[str, Any]:
    return settings_out(db.get_one(Organisation, principal.org_id))


@router.put("/api/v1/org/safety-settings")
def safety_settings_put(
    body: SafetySettingsIn,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    return settings_out(apply_settings(db, principal, body))


def _admin_page(
    request: Request,
    db: Session,
    principal: Principal,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    org = db.get_one(Organisation, principal.org_id)
    return render(
        request,
        "safety/admin.html",
        status_code,
        principal=principal,
        org=org,
        values=values or settings_out(org),
        therapists=_therapists(db, org.id),
        hours_words=describe(service.hours_of(org)),
        unanswerable=service.unanswerable_count(db, org_id=org.id),
        errors=errors or {},
    )


@router.get("/admin/safety")
def safety_admin_page(
    request: Request,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> Response:
    return _admin_page(request, db, principal)


@router.post("/admin/safety")
async def safety_admin_submit(
    request: Request,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> Response:
    form = await request.form()
    values: dict[str, Any] = {
        "duty_clinician_id": str(form.get("duty_clinician_id") or "") or None,
        "alert_window_minutes": str(form.get("alert_window_minutes") or ""),
        "business_hours_only": form.get("business_hours_only") == "on",
        "business_days": "".join(str(d) for d in form.getlist("business_days")),
        "business_start": str(form.get("business_start") or ""),
        "business_end": str(form.get("business_end") or ""),
        "timezone": str(form.get("timezone") or ""),
    }
    try:
        apply_settings(db, principal, SafetySettingsIn(**values))
    except (ValidationError, ApiError) as error:
        status = error.status if isinstance(error, ApiError) else 422
        return _admin_page(
            request, db, principal, values=values, errors=form_errors(error), status_code=status
        )
    return redirect("/admin/safety?saved=1")
