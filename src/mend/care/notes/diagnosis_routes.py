"""Diagnoses: JSON API and pages. The treating therapist records and changes
them; the client reads their own; a coach or an admin never does (the policy
has no row for them)."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import Field, ValidationError
from sqlalchemy.orm import Session

from mend.care.notes import codes, diagnoses
from mend.care.notes.diagnoses import DiagnosisConflictError
from mend.care.notes.models import Diagnosis, DiagnosisChange
from mend.care.notes.templates import NoteError
from mend.care.policy import Action, Category
from mend.clock import utcnow
from mend.web.auth import ClientAccess, client_record, client_record_of
from mend.web.errors import ApiError, error_body
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session

router = APIRouter()
API = "/api/v1"

READ = client_record(Category.DIAGNOSES, Action.READ)
WRITE = client_record(Category.DIAGNOSES, Action.WRITE)


def _diagnosis_client(db: Session, request: Request, org_id: str) -> str | None:
    return diagnoses.diagnosis_client(
        db, diagnosis_id=request.path_params["diagnosis_id"], org_id=org_id
    )


READ_ONE = client_record_of(Category.DIAGNOSES, Action.READ, _diagnosis_client)
WRITE_ONE = client_record_of(Category.DIAGNOSES, Action.WRITE, _diagnosis_client)


class DiagnosisIn(Input):
    system: str = Field(max_length=8)
    code: str = Field(max_length=codes.CODE_MAX_CHARS * 2)
    label: str = Field(max_length=codes.LABEL_MAX_CHARS * 2)
    status: str = Field(default="provisional", max_length=16)
    noted_on: date | None = Field(default=None, ge=date(1900, 1, 1))
    idempotency_key: str | None = Field(default=None, min_length=8, max_length=64)


class DiagnosisChangeIn(Input):
    version: int = Field(ge=1, le=1_000_000)
    reason: str = Field(max_length=4_000)
    status: str | None = Field(default=None, max_length=16)
    code: str | None = Field(default=None, max_length=codes.CODE_MAX_CHARS * 2)
    label: str | None = Field(default=None, max_length=codes.LABEL_MAX_CHARS * 2)


def _person(member: Any) -> dict[str, Any]:
    return {"id": member.id, "name": member.user.display_name, "role": member.role}


def diagnosis_out(diagnosis: Diagnosis) -> dict[str, Any]:
    return {
        "id": diagnosis.id,
        "client_id": diagnosis.client_id,
        "system": diagnosis.system,
        "code": diagnosis.code,
        "label": diagnosis.label,
        "status": diagnosis.status,
        "noted_on": diagnosis.noted_on.isoformat(),
        "recorded_by": _person(diagnosis.recorder),
        "recorded_at": diagnosis.recorded_at.isoformat(),
        "version": diagnosis.version,
    }


def change_out(change: DiagnosisChange) -> dict[str, Any]:
    return {
        "version": change.version,
        "status": change.status,
        "code": change.code,
        "label": change.label,
        "reason": change.reason,
        "changed_at": change.changed_at.isoformat(),
        "changed_by": _person(change.changer),
    }


def _api_error(error: NoteError) -> ApiError:
    return ApiError(error.status, error.message, fields={error.field: error.message})


def _record(db: Session, access: ClientAccess, body: DiagnosisIn) -> diagnoses.Recorded:
    now = utcnow()
    recorded = diagnoses.record(
        db,
        client=access.client,
        by=access.principal.membership,
        system=body.system,
        code=body.code,
        label=body.label,
        status=body.status,
        noted_on=body.noted_on or now.date(),
        key=body.idempotency_key,
        now=now,
    )
    if recorded.created:
        access.audit(db, "diagnosis.recorded", resource_type="diagnosis",
                     resource_id=recorded.diagnosis.id)  # fmt: skip
    return recorded


def _change(
    db: Session, access: ClientAccess, diagnosis_id: str, body: DiagnosisChangeIn
) -> diagnoses.Recorded:
    diagnosis = diagnoses.get_diagnosis(db, client_id=access.client.id, diagnosis_id=diagnosis_id)
    changed = diagnoses.change(
        db,
        diagnosis=diagnosis,
        by=access.principal.membership,
        version=body.version,
        reason=body.reason,
        status=body.status,
        code=body.code,
        label=body.label,
        now=utcnow(),
    )
    if changed.created:
        access.audit(db, "diagnosis.changed", resource_type="diagnosis", resource_id=diagnosis_id,
                     detail={"version": str(diagnosis.version)})  # fmt: skip
    return changed


# ---------------------------------------------------------------- JSON API


@router.get(f"{API}/my-record/diagnoses")
@router.get(f"{API}/clients/{{client_id}}/diagnoses")
def diagnoses_api(access: ClientAccess = READ, db: Session = Depends(db_session)) -> list[Any]:
    return [diagnosis_out(d) for d in diagnoses.diagnoses_of(db, client_id=access.client.id)]


@router.post(f"{API}/clients/{{client_id}}/diagnoses", status_code=201)
def diagnosis_record_api(
    body: DiagnosisIn,
    response: Response,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    try:
        recorded = _record(db, access, body)
    except NoteError as error:
        raise _api_error(error) from None
    response.status_code = 201 if recorded.created else 200
    return diagnosis_out(recorded.diagnosis)


@router.get(f"{API}/diagnoses/{{diagnosis_id}}")
def diagnosis_api(
    diagnosis_id: str, access: ClientAccess = READ_ONE, db: Session = Depends(db_session)
) -> dict[str, Any]:
    try:
        found = diagnoses.get_diagnosis(db, client_id=access.client.id, diagnosis_id=diagnosis_id)
    except NoteError as error:
        raise _api_error(error) from None
    history = [change_out(c) for c in diagnoses.history_of(db, diagnosis_id=diagnosis_id)]
    return diagnosis_out(found) | {"history": history}


@router.patch(f"{API}/diagnoses/{{diagnosis_id}}", response_model=None)
def diagnosis_change_api(
    diagnosis_id: str,
    body: DiagnosisChangeIn,
    access: ClientAccess = WRITE_ONE,
    db: Session = Depends(db_session),
) -> dict[str, Any] | JSONResponse:
    try:
        changed = _change(db, access, diagnosis_id, body)
    except DiagnosisConflictError as conflict:
        out = error_body(409, conflict.message, "conflict", {conflict.field: conflict.message})
        return JSONResponse(out | {"current": diagnosis_out(conflict.current)}, status_code=409)
    except NoteError as error:
        raise _api_error(error) from None
    return diagnosis_out(changed.diagnosis)


# ---------------------------------------------------------------- pages


def _errors(error: Exception) -> dict[str, str]:
    if isinstance(error, NoteError):
        return {error.field: error.message}
    if isinstance(error, ValidationError):
        found: dict[str, str] = {}
        for problem in error.errors():
            name = ".".join(str(p) for p in problem["loc"]) or "form"
            found.setdefault(name, problem["msg"].removeprefix("Value error, "))
        return found
    return {"form": str(error)}


def _page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    changing: str | None = None,
    change_values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    found = diagnoses.diagnoses_of(db, client_id=access.client.id)
    own = access.client.id == access.principal.membership.id
    return render(
        request,
        "notes/diagnoses.html",
        status_code,
        principal=access.principal,
        client=access.client,
        own=own,
        base="/my-record" if own else f"/clients/{access.client.id}",
        diagnoses=found,
        history={d.id: diagnoses.history_of(db, diagnosis_id=d.id) for d in found},
        may_write=access.may(Category.DIAGNOSES, Action.WRITE),
        systems=codes.SYSTEMS,
        statuses=codes.STATUSES,
        record_statuses=codes.RECORD_STATUSES,
        status_words=codes.STATUS_WORDS,
        status_meaning=codes.STATUS_MEANING,
        values=values or {},
        errors=errors or {},
        changing=changing,
        change_values=change_values or {},
        new_key=secrets.token_hex(12),
        today=utcnow().date(),
    )


@router.get("/my-record/diagnoses")
@router.get("/clients/{client_id}/diagnoses")
def diagnoses_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _page(request, db, access)


@router.post("/clients/{client_id}/diagnoses")
async def diagnosis_record_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    form = await request.form()
    values: dict[str, Any] = {
        "system": str(form.get("system") or ""),
        "code": str(form.get("code") or ""),
        "label": str(form.get("label") or ""),
        "status": str(form.get("status") or "provisional"),
        "noted_on": str(form.get("noted_on") or "").strip() or None,
        "idempotency_key": str(form.get("key") or "") or None,
    }
    try:
        _record(db, access, DiagnosisIn(**values))
    except (ValidationError, NoteError) as error:
        status = error.status if isinstance(error, NoteError) else 422
        return _page(request, db, access, values=values, errors=_errors(error), status_code=status)
    return redirect(f"/clients/{access.client.id}/diagnoses?saved=1")


@router.post("/clients/{client_id}/diagnoses/{diagnosis_id}")
async def diagnosis_change_submit(
    diagnosis_id: str,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    try:
        diagnosis = diagnoses.get_diagnosis(
            db, client_id=access.client.id, diagnosis_id=diagnosis_id
        )
    except NoteError:
        raise ApiError(404) from None
    form = await request.form()
    version = str(form.get("version") or "")
    values: dict[str, Any] = {
        "version": int(version) if version.isdigit() else 0,
        "reason": str(form.get("reason") or ""),
        "status": str(form.get("status") or diagnosis.status),
        "code": str(form.get("code") or diagnosis.code),
        "label": str(form.get("label") or diagnosis.label),
    }
    try:
        _change(db, access, diagnosis_id, DiagnosisChangeIn(**values))
    except DiagnosisConflictError as conflict:
        values["version"] = conflict.current.version
        return _page(request, db, access, errors={"version": conflict.message},
                     changing=diagnosis_id, change_values=values, status_code=409)  # fmt: skip
    except (ValidationError, NoteError) as error:
        status = error.status if isinstance(error, NoteError) else 422
        return _page(request, db, access, errors=_errors(error), changing=diagnosis_id,
                     change_values=values, status_code=status)  # fmt: skip
    return redirect(f"/clients/{access.client.id}/diagnoses?changed=1")
