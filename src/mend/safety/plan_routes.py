"""The safety plan: its JSON API and its pages (the client's own, and the
therapist's with the client), the version history, and the service worker that
keeps the client's plan readable offline."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError, WithJsonSchema
from sqlalchemy.orm import Session

from mend.care import policy
from mend.care.policy import Action, Category, Relation
from mend.clock import utcnow
from mend.coping.pages import page
from mend.safety import plan
from mend.safety.crisis_lines import lines_for
from mend.safety.models import SafetyPlanVersion
from mend.web.auth import ClientAccess, client_record, public
from mend.web.errors import ApiError, error_body
from mend.web.forms import redirect
from mend.web.transaction import db_session

router = APIRouter()

READ = client_record(Category.SAFETY_PLAN, Action.READ)
WRITE = client_record(Category.SAFETY_PLAN, Action.WRITE)
WORKER = Path(__file__).parent.parent / "web" / "static" / "safety-plan-sw.js"
# Coarse limits at the edge; the plan's own rules (20 lines of 300 characters)
# are checked by the service, which names the line at fault ("warning_signs.3").
Lines = Annotated[
    list[Any],
    Field(max_length=200),
    WithJsonSchema({"type": "array", "maxItems": 200, "items": {"type": "string"}}),
]


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version_base: int = Field(ge=0, le=1_000_000)
    warning_signs: Lines = []
    coping_item_ids: Lines = []
    distractions: Lines = []
    people_to_ask: Lines = []
    professionals: Lines = []
    safe_environment: Lines = []
    reasons_for_living: Lines = []
    review_on: date | None = Field(default=None, ge=date(2000, 1, 1), le=date(2100, 1, 1))


class ConflictError(ApiError):
    """A save based on an older version: the answer names the newest."""

    def __init__(self, error: plan.PlanError) -> None:
        super().__init__(409, error.message, fields={error.field: error.message})
        self.current_version = error.current_version or 0


def plan_error(error: plan.PlanError) -> ApiError:
    if error.status == 409:
        return ConflictError(error)
    return ApiError(error.status, error.message, fields={error.field: error.message})


def save(db: Session, access: ClientAccess, body: PlanIn) -> SafetyPlanVersion:
    data = plan.PlanData(**body.model_dump(exclude={"version_base"}))
    try:
        row = plan.save_plan(
            db,
            client=access.client,
            data=data,
            version_base=body.version_base,
            by=access.principal.membership,
            now=utcnow(),
        )
    except plan.PlanError as error:
        raise plan_error(error) from None
    access.audit(
        db,
        "safety_plan.saved",
        resource_type="safety_plan_version",
        resource_id=row.id,
        detail={"version": str(row.version)},
    )
    return row


def may_write(access: ClientAccess) -> bool:
    """Reading already needed the client's consent to share the safety plan,
    the same consent writing needs; the role and relation decide the rest."""
    return policy.decide(
        role=access.principal.role,
        relation=access.relation,
        category=Category.SAFETY_PLAN,
        action=Action.WRITE,
        consented=True,
    ).allowed


# ---------------------------------------------------------------- JSON API


def person_out(member: Any) -> dict[str, Any]:
    return {"id": member.id, "name": member.user.display_name, "role": member.role}


def plan_out(db: Session, access: ClientAccess) -> dict[str, Any]:
    view = plan.load_plan(db, client=access.client, today=utcnow().date())
    out: dict[str, Any] = {"client_id": access.client.id, "version": 0}
    out |= {name: [] for name in plan.TEXT_FIELDS}
    out |= {"coping_item_ids": [], "coping": [], "review_on": None, "due_for_review": False}
    out |= {"saved_at": None, "saved_by": None}
    if view is None:
        return out
    return out | {
        "version": view.version,
        **{name: list(lines) for name, lines in view.steps.items()},
        "coping_item_ids": [c.item_id for c in view.coping],
        "coping": [
            {"item_id": c.item_id, "name": c.name, "helpfulness": c.helpfulness, "in_jar": c.in_jar}
            for c in view.coping
        ],
        "review_on": view.review_on.isoformat(),
        "due_for_review": view.due_for_review,
        "saved_at": view.saved_at.isoformat(),
        "saved_by": person_out(view.saved_by),
    }


def put_plan(db: Session, access: ClientAccess, body: PlanIn) -> Response:
    try:
        save(db, access, body)
    except ConflictError as conflict:
        out = error_body(409, conflict.message, conflict.code, conflict.fields)
        return JSONResponse(out | {"current_version": conflict.current_version}, 409)
    return JSONResponse(plan_out(db, access))


def versions_out(db: Session, access: ClientAccess) -> list[dict[str, Any]]:
    return [
        {
            "version": v.version,
            "saved_at": v.saved_at.isoformat(),
            "saved_by": person_out(v.saved_by),
            "review_on": v.review_on.isoformat(),
        }
        for v in plan.history(db, client=access.client, today=utcnow().date())
    ]


@router.get("/api/v1/safety-plan")
def my_plan_api(access: ClientAccess = READ, db: Session = Depends(db_session)) -> dict[str, Any]:
    return plan_out(db, access)


@router.put("/api/v1/safety-plan")
def my_plan_put(
    body: PlanIn, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    return put_plan(db, access, body)


@router.get("/api/v1/safety-plan/versions")
def my_versions_api(
    access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    return versions_out(db, access)


@router.get("/api/v1/clients/{client_id}/safety-plan")
def client_plan_api(
    client_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return plan_out(db, access)


@router.put("/api/v1/clients/{client_id}/safety-plan")
def client_plan_put(
    client_id: str, body: PlanIn, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    return put_plan(db, access, body)


@router.get("/api/v1/clients/{client_id}/safety-plan/versions")
def client_versions_api(
    client_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    return versions_out(db, access)


# ---------------------------------------------------------------- pages


def _base(access: ClientAccess) -> str:
    """Where this plan's pages live: the client's own, or the therapist's view."""
    if access.relation is Relation.SELF:
        return "/safety-plan"
    return f"/clients/{access.client.id}/safety-plan"


def _context(access: ClientAccess) -> dict[str, Any]:
    return {
        "own": access.relation is Relation.SELF,
        "base": _base(access),
        "may_write": may_write(access),
        "steps": plan.STEPS,
    }


def _plan_page(request: Request, access: ClientAccess, db: Session) -> Response:
    view = plan.load_plan(db, client=access.client, today=utcnow().date())
    context = _context(access) | {"lines": lines_for(db, client=access.client)}
    if view is None:
        return page(request, "safety/plan_empty.html", access, **context)
    saved = request.query_params.get("saved") == "1"
    return page(request, "safety/plan.html", access, plan=view, saved=saved, **context)


def _edit_page(
    request: Request,
    access: ClientAccess,
    db: Session,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    today = utcnow().date()
    view = plan.load_plan(db, client=access.client, today=today)
    errors = errors or {}
    return page(
        request,
        "safety/plan_edit.html",
        access,
        status_code=status_code,
        plan=view,
        values=values if values is not None else plan.form_values(view, today=today),
        errors=errors,
        # "warning_signs.3" is shown at its step's box.
        step_errors={key.split(".")[0]: message for key, message in reversed(errors.items())},
        choices=plan.jar_choices(db, client=access.client),
        today=today.isoformat(),
        latest=plan.add_months(today, plan.REVIEW_MAX_MONTHS).isoformat(),
        max_lines=plan.MAX_LINES,
        max_chars=plan.MAX_LINE_CHARS,
        **_context(access),
    )


def _form_values(form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        name: str(form.get(name) or "") for name in (*plan.TEXT_FIELDS, "review_on", "version_base")
    }
    values["coping_item_ids"] = [v for v in form.getlist("coping_item_ids") if isinstance(v, str)]
    return values


# What a person reads when the form is refused before the plan's own rules see it.
FRIENDLY = {
    "version_base": "This form has expired. Please reload the page and try again.",
    "review_on": "Please choose a review date, or leave it empty for three months from today.",
    "coping_item_ids": "Please choose from the ways in the jar.",
} | {name: f"Please keep this step to {plan.MAX_LINES} short lines." for name in plan.TEXT_FIELDS}


def _form_errors(error: ValidationError | ApiError) -> dict[str, str]:
    if isinstance(error, ApiError):
        return dict(error.fields) or {"form": error.message}
    found: dict[str, str] = {}
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else "form"
        found.setdefault(name, FRIENDLY.get(name, problem["msg"]))
    return found


async def _edit_submit(request: Request, access: ClientAccess, db: Session) -> Response:
    values = _form_values(await request.form())
    try:
        body = PlanIn(
            version_base=values["version_base"],
            coping_item_ids=values["coping_item_ids"],
            review_on=values["review_on"] or None,
            **{name: plan.split_lines(values[name]) for name in plan.TEXT_FIELDS},
        )
        save(db, access, body)
    except ConflictError as conflict:
        # Keep what was typed; the next save is made knowing about the newer version.
        values["version_base"] = str(conflict.current_version)
        return _edit_page(
            request, access, db, values=values, errors=conflict.fields, status_code=409
        )
    except (ValidationError, ApiError) as error:
        status = error.status if isinstance(error, ApiError) else 422
        return _edit_page(
            request, access, db, values=values, errors=_form_errors(error), status_code=status
        )
    return redirect(f"{_base(access)}?saved=1")


def _history_page(request: Request, access: ClientAccess, db: Session) -> Response:
    versions = plan.history(db, client=access.client, today=utcnow().date())
    return page(request, "safety/plan_history.html", access, versions=versions, **_context(access))


@router.get("/safety-plan")
def plan_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _plan_page(request, access, db)


@router.get("/safety-plan/edit")
def edit_page(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    return _edit_page(request, access, db)


@router.post("/safety-plan/edit")
async def edit_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    return await _edit_submit(request, access, db)


@router.get("/safety-plan/history")
def history_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _history_page(request, access, db)


@router.get("/clients/{client_id}/safety-plan")
def client_plan_page(
    client_id: str, request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _plan_page(request, access, db)


@router.get("/clients/{client_id}/safety-plan/edit")
def client_edit_page(
    client_id: str,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    return _edit_page(request, access, db)


@router.post("/clients/{client_id}/safety-plan/edit")
async def client_edit_submit(
    client_id: str,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    return await _edit_submit(request, access, db)


@router.get("/clients/{client_id}/safety-plan/history")
def client_history_page(
    client_id: str, request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _history_page(request, access, db)


# ---------------------------------------------------------------- offline


@cache
def _worker_script() -> bytes:
    return WORKER.read_bytes()


@router.get("/safety-plan-sw.js", dependencies=[public()], include_in_schema=False)
def service_worker() -> Response:
    """Served from the root so it may control /safety-plan; it answers for that page only."""
    return Response(
        _worker_script(),
        media_type="application/javascript",
        headers={"Cache-Control": "no-cache"},
    )
