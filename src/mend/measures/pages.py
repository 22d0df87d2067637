"""The measures pages: what is due, answering a questionnaire, results over time,
the therapist's view and assignments, and the admin's instrument settings."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from mend.care import policy
from mend.care import service as care
from mend.care.policy import Action, Category
from mend.clock import utcnow
from mend.coping.pages import crisis, form_errors, page
from mend.measures import service as measures
from mend.measures.charts import chart_data
from mend.measures.routes import (
    ASSIGN,
    READ,
    SEES_DIAGNOSES,
    WRITE,
    AnswersIn,
    AssignIn,
    PermissionIn,
    RiskKeptError,
    change_permission,
    do_import,
    end,
    finish,
    make_assignment,
    own_assignment,
    save_draft,
)
from mend.measures.words import ALGORITHM_WORDS, CHANGE_WORDS, LICENCE_WORDS, OUTCOME_WORDS
from mend.web.auth import ClientAccess, Principal, capability, settings_of
from mend.web.errors import ApiError
from mend.web.forms import redirect, render
from mend.web.transaction import db_session

router = APIRouter()
EVERY_CHOICES = (
    ("", "Once"),
    ("7", "Every week"),
    ("14", "Every two weeks"),
    ("28", "Every four weeks"),
)


def _results_context(db: Session, request: Request, access: ClientAccess) -> dict[str, Any]:
    found = measures.results(db, client_id=access.client.id, org_id=access.client.org_id)
    cutoffs = {"pcl5": float(settings_of(request).pcl5_cutoff)}
    return {
        "found": found,
        "chart_data": json.dumps(chart_data(found.series, cutoffs=cutoffs)),
        "diagnoses": access.relation in SEES_DIAGNOSES,
        "algorithm_words": ALGORITHM_WORDS,
        "outcome_words": OUTCOME_WORDS,
        "change_words": CHANGE_WORDS,
        "therapist_names": {
            m.member_id: m.member.user.display_name
            for m in care.team_of(db, client_id=access.client.id)
        },
    }


def _due(db: Session, request: Request, access: ClientAccess) -> list[measures.DueItem]:
    return measures.due_for(
        db,
        client_ids=[access.client.id],
        org_id=access.client.org_id,
        now=utcnow(),
        overdue_after=measures.overdue_after(settings_of(request)),
    )


@router.get("/measures")
def measures_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return page(
        request,
        "measures/mine.html",
        access,
        due=_due(db, request, access),
        **_results_context(db, request, access),
    )


# ---------------------------------------------------------------- answering


def _take_form(
    request: Request,
    access: ClientAccess,
    db: Session,
    assignment_id: str,
    *,
    answers: list[int | None] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    assignment, scoring = own_assignment(db, access, assignment_id)
    if assignment.ended_at is not None:
        errors = {"assignment_id": "Your therapist has closed this questionnaire; nothing is due."}
        status_code = 409
    if answers is None:
        draft = measures.draft_of(db, assignment=assignment)
        answers = list(draft.answers) if draft else []
    instrument = scoring.instrument
    answers = (answers + [None] * len(instrument.items))[: len(instrument.items)]
    return page(
        request,
        "measures/take.html",
        access,
        assignment=assignment,
        instrument=instrument,
        answers=answers,
        errors=errors or {},
        status_code=status_code,
    )


@router.get("/measures/take/{assignment_id}")
def take_page(
    assignment_id: str,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    return _take_form(request, access, db, assignment_id)


def _status(error: ValidationError | ApiError) -> int:
    """A refusal keeps the API's status (403, 404, 409); a form that does not parse is 422."""
    return error.status if isinstance(error, ApiError) else 422


def _answers_from(form: Any, count: int) -> list[Any]:
    found: list[Any] = []
    for number in range(1, count + 1):
        value = form.get(f"item-{number}")
        found.append(int(value) if isinstance(value, str) and value.lstrip("-").isdigit() else None)
    return found


@router.post("/measures/take/{assignment_id}")
async def take_submit(
    assignment_id: str,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    _, scoring = own_assignment(db, access, assignment_id)
    form = await request.form()
    answers = _answers_from(form, len(scoring.instrument.items))
    try:
        body = AnswersIn(answers=answers)
        if form.get("action") == "save":
            save_draft(db, access, assignment_id, body.answers)
            return redirect("/measures?saved=1")
        done = finish(db, access, assignment_id, body.answers, request)
    except RiskKeptError:
        return crisis(request, access, reason="measure")
    except (ValidationError, ApiError) as error:
        return _take_form(
            request, access, db, assignment_id, answers=answers,
            errors=form_errors(error), status_code=_status(error),
        )  # fmt: skip
    if done.risk:
        return crisis(request, access, reason="measure")
    return redirect(f"/measures?done={done.response.instrument_id}")


# ---------------------------------------------------------------- the practitioner's view


def _client_context(db: Session, request: Request, access: ClientAccess) -> dict[str, Any]:
    offered = measures.catalog(db, org_id=access.client.org_id)
    return {
        "due": _due(db, request, access),
        "assignments": measures.assignments_of(db, client_id=access.client.id),
        "offered": [o for o in offered.values() if o.enabled],
        "names": {key: o.instrument.short_name for key, o in offered.items()},
        "every_choices": EVERY_CHOICES,
        # Reading this page already needed the client's consent to share measures,
        # the same consent assigning needs.
        "may_assign": policy.decide(
            role=access.principal.role,
            relation=access.relation,
            category=Category.MEASURES,
            action=Action.ASSIGN,
            consented=True,
        ).allowed,
        **_results_context(db, request, access),
    }


@router.get("/clients/{client_id}/measures")
def client_measures_page(
    client_id: str,
    request: Request,
    access: ClientAccess = READ,
    db: Session = Depends(db_session),
) -> Response:
    return page(
        request, "measures/client.html", access, errors={}, **_client_context(db, request, access)
    )


@router.post("/clients/{client_id}/measures/assign")
async def assign_submit(
    client_id: str,
    request: Request,
    access: ClientAccess = ASSIGN,
    db: Session = Depends(db_session),
) -> Response:
    form = await request.form()
    try:
        body = AssignIn(
            instrument_id=str(form.get("instrument_id") or ""),
            every_days=str(form.get("every_days") or "") or None,
            starts_on=str(form.get("starts_on") or "") or None,
        )
        make_assignment(
            db, access, instrument_id=body.instrument_id,
            every_days=body.every_days, starts_on=body.starts_on,
        )  # fmt: skip
    except (ValidationError, ApiError) as error:
        return page(
            request, "measures/client.html", access, errors=form_errors(error),
            status_code=_status(error), **_client_context(db, request, access),
        )  # fmt: skip
    return redirect(f"/clients/{client_id}/measures?assigned=1")


@router.post("/clients/{client_id}/measures/assignments/{assignment_id}/end")
def end_submit(
    client_id: str,
    assignment_id: str,
    access: ClientAccess = ASSIGN,
    db: Session = Depends(db_session),
) -> Response:
    end(db, access, assignment_id)
    return redirect(f"/clients/{client_id}/measures?ended=1")


# ---------------------------------------------------------------- the admin's settings


def _admin_page(
    request: Request,
    principal: Principal,
    db: Session,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "measures/admin.html",
        status_code,
        principal=principal,
        offered=list(measures.catalog(db, org_id=principal.org_id).values()),
        licence_words=LICENCE_WORDS,
        errors=errors or {},
    )


@router.get("/admin/instruments")
def admin_page(
    request: Request,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> Response:
    return _admin_page(request, principal, db)


@router.post("/admin/instruments/{instrument_id}/permission")
async def permission_submit(
    instrument_id: str,
    request: Request,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> Response:
    form = await request.form()
    enabled = form.get("enabled") == "1"
    if enabled and form.get("confirm") != "1":
        return _admin_page(
            request, principal, db, status_code=422,
            errors={"confirm": "Please tick the box to confirm your organisation has permission."},
        )  # fmt: skip
    try:
        body = PermissionIn(enabled=enabled, statement=str(form.get("statement") or ""))
        change_permission(db, principal, instrument_id, body)
    except ValidationError as error:
        return _admin_page(request, principal, db, status_code=422, errors=form_errors(error))
    except ApiError as error:
        return _admin_page(request, principal, db, status_code=error.status, errors=error.fields)
    return redirect("/admin/instruments?saved=1")


@router.post("/admin/instruments/import")
async def import_submit(
    request: Request,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> Response:
    form = await request.form()
    upload = form.get("file")
    if upload is None or isinstance(upload, str) or not upload.filename:
        return _admin_page(
            request, principal, db, status_code=422,
            errors={"file": "Please choose a definition file (.toml)."},
        )  # fmt: skip
    raw = await upload.read()
    await form.close()  # the upload's temporary file: nothing else closes it
    try:
        text = raw.decode("utf-8")
        do_import(db, principal, source_name=upload.filename[:200], text=text)
    except UnicodeDecodeError:
        return _admin_page(
            request, principal, db, status_code=422,
            errors={"file": "That file is not UTF-8 text."},
        )  # fmt: skip
    except ApiError as error:
        return _admin_page(request, principal, db, status_code=error.status, errors=error.fields)
    return redirect("/admin/instruments?imported=1")
