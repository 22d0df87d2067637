"""Homework: the JSON API and the pages (the client's /homework, the
practitioner's /clients/{client_id}/homework, and one piece at /homework/{id}).

Who may do what: reading and setting homework is the goals-and-homework
category of the policy. On top of it, practice needs the client's coping jar
shared with the person setting it (they choose a strategy from it), a
questionnaire needs the right to assign measures (the treating therapist), only
the client marks homework done, and only the person who set it changes or
cancels it (anyone on the team with write access, once that person has left).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from pydantic import AwareDatetime, Field, ValidationError
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.accounts.roles import Role
from mend.accounts.service import zone_of
from mend.care import policy
from mend.care import service as care
from mend.care.homework import rules
from mend.care.homework import service as homework_service
from mend.care.homework.models import Homework
from mend.care.policy import Action, Category, Relation
from mend.clock import utcnow
from mend.measures import service as measures
from mend.safety import service as safety
from mend.safety.tell import after_words, safety_answer
from mend.web.auth import ClientAccess, check_client_access, client_record, client_record_of
from mend.web.errors import ApiError, error_body
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session, keep_writes_on_error

router = APIRouter()

READ = client_record(Category.GOALS_HOMEWORK, Action.READ)
WRITE = client_record(Category.GOALS_HOMEWORK, Action.WRITE)


def _homework_client(db: Session, request: Request, org_id: str) -> str | None:
    return homework_service.client_of(
        db, homework_id=request.path_params["homework_id"], org_id=org_id
    )


ONE_READ = client_record_of(Category.GOALS_HOMEWORK, Action.READ, _homework_client)
ONE_WRITE = client_record_of(Category.GOALS_HOMEWORK, Action.WRITE, _homework_client)

Kind = Literal["practice", "worksheet", "reflection", "questionnaire", "reading"]
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 1, 1)


class HomeworkIn(Input):
    kind: Kind
    title: str | None = Field(default=None, max_length=rules.TITLE_MAX)
    instructions: str | None = Field(default=None, max_length=rules.INSTRUCTIONS_MAX)
    due_at: AwareDatetime | None = None
    due_on: date | None = Field(default=None, ge=EARLIEST, le=LATEST)
    jar_item_id: str | None = Field(default=None, max_length=24)
    target_count: int | None = None
    instrument_id: str | None = Field(default=None, max_length=40)
    goal_id: str | None = Field(default=None, max_length=24)


class HomeworkEdit(Input):
    version: int
    title: str | None = Field(default=None, max_length=rules.TITLE_MAX)
    instructions: str | None = Field(default=None, max_length=rules.INSTRUCTIONS_MAX)
    due_at: AwareDatetime | None = None
    due_on: date | None = Field(default=None, ge=EARLIEST, le=LATEST)
    target_count: int | None = None


class CompleteIn(Input):
    reflection: str | None = Field(default=None, max_length=rules.REFLECTION_MAX)
    version: int | None = None


class CancelIn(Input):
    version: int | None = None


class ConflictError(ApiError):
    """Someone changed it first (or it is done): the answer carries it as it is now."""

    def __init__(self, error: rules.HomeworkError, current: dict[str, Any]) -> None:
        super().__init__(409, error.message, fields={error.field: error.message})
        self.current = current


def api_error(error: rules.HomeworkError) -> ApiError:
    return ApiError(error.status, error.message, fields={error.field: error.message})


def conflict_response(request: Request, conflict: ConflictError) -> JSONResponse:
    # The read that produced `current` was allowed and audited: keep that record.
    keep_writes_on_error(request)
    body = error_body(409, conflict.message, conflict.code, conflict.fields)
    return JSONResponse(body | {"current": conflict.current}, status_code=409)


# ---------------------------------------------------------------- who may


def _may(db: Session, access: ClientAccess, category: Category, action: Action) -> bool:
    """The policy's answer, with the client's consent, without recording a read:
    only for showing controls that will work."""
    relation = access.relation
    consented = relation in (Relation.TREATING, Relation.SUPPORTING) and care.is_consented(
        db,
        client_id=access.client.id,
        member_id=access.principal.membership.id,
        team_role_name=access.principal.role.value,
        category=category,
    )
    return policy.decide(
        role=access.principal.role,
        relation=relation,
        category=category,
        action=action,
        consented=consented,
    ).allowed


def _require(
    request: Request,
    db: Session,
    access: ClientAccess,
    category: Category,
    action: Action,
    *,
    field: str,
    message: str,
) -> None:
    """A second policy check (audited like any other), refused in words that fit."""
    try:
        check_client_access(request, db, access.principal, access.client.id, category, action)
    except ApiError as error:
        if error.status != 403:
            raise
        raise ApiError(403, message, fields={field: message}) from None


def _name(access: ClientAccess) -> str:
    return access.client.user.display_name


def _may_set_practice(request: Request, db: Session, access: ClientAccess) -> None:
    message = (
        f"Practice is set with a strategy from {_name(access)}'s coping jar, and "
        f"{_name(access)} has not shared their jar with you. You can set a worksheet, "
        "a reflection or a reading."
    )
    _require(request, db, access, Category.COPING, Action.READ, field="kind", message=message)


def _may_set_questionnaire(request: Request, db: Session, access: ClientAccess) -> None:
    if access.principal.role is Role.THERAPIST:
        message = f"{_name(access)} has not shared questionnaires with you, so you cannot set one."
    else:
        message = (
            "Only the client's therapist can set a questionnaire. You can set practice, "
            "a worksheet, a reflection or a reading."
        )
    _require(request, db, access, Category.MEASURES, Action.ASSIGN, field="kind", message=message)


def _check_may_change(db: Session, access: ClientAccess, homework: Homework) -> None:
    me = access.principal.membership.id
    is_client = access.relation is Relation.SELF
    on_team = (
        care.team_role(db, client_id=homework.client_id, member_id=homework.assigned_by) is not None
    )
    if rules.may_change(
        me=me, assigned_by=homework.assigned_by, assigner_on_team=on_team, is_client=is_client
    ):
        return
    if is_client:
        raise ApiError(
            403,
            "Homework is changed by the person who set it. You can mark it done, "
            "or talk it over with them.",
        )
    setter = db.get(Membership, homework.assigned_by)
    who = setter.user.display_name if setter else "the person"
    raise ApiError(403, f"Only {who}, who set this homework, can change it.")


# ---------------------------------------------------------------- shaping


def _people(db: Session, views: list[homework_service.View]) -> dict[str, Membership]:
    found: dict[str, Membership] = {}
    for view in views:
        member = db.get(Membership, view.homework.assigned_by)
        if member is not None:
            found[member.id] = member
    return found


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def homework_out(
    view: homework_service.View,
    *,
    people: dict[str, Membership],
    strategies: dict[str, str],
    sees_measures: bool,
    client: Membership,
    now: datetime,
) -> dict[str, Any]:
    h = view.homework
    setter = people.get(h.assigned_by)
    zone = zone_of(client.org)
    questionnaire = None
    if h.kind == rules.QUESTIONNAIRE:
        questionnaire = {
            "answered": view.answered_at is not None,
            # Which questionnaire is the measures category's to show.
            "instrument_id": h.instrument_id if sees_measures else None,
            "assignment_id": h.measure_assignment_id if sees_measures else None,
        }
    return {
        "id": h.id,
        "client_id": h.client_id,
        "kind": h.kind,
        "title": h.title,
        "instructions": h.instructions,
        "status": view.status,
        "done_on_its_own": view.standing.on_its_own,
        "assigned_by": {
            "id": h.assigned_by,
            "name": setter.user.display_name if setter else None,
            "role": setter.role if setter else None,
        },
        "assigned_at": h.assigned_at.isoformat(),
        "assigned_words": rules.on_day(h.assigned_at, now=now, zone=zone),
        "due_at": h.due_at.isoformat(),
        "due_words": rules.due_words(h.due_at, now=now, zone=zone, status=view.status),
        "timing": view.timing,
        "completed_at": _when(view.standing.completed_at),
        "completed_words": (
            rules.on_day(view.standing.completed_at, now=now, zone=zone)
            if view.standing.completed_at
            else None
        ),
        "reflection": h.reflection,
        "jar_item_id": h.jar_item_id,
        "strategy": strategies.get(h.jar_item_id or ""),
        "target_count": h.target_count,
        "progress": (
            {"done": view.progress.done, "target": view.progress.target} if view.progress else None
        ),
        "questionnaire": questionnaire,
        "goal_id": h.goal_id,
        "version": h.version,
    }


def _sees_measures(db: Session, access: ClientAccess) -> bool:
    return _may(db, access, Category.MEASURES, Action.READ)


def _out_all(
    db: Session, access: ClientAccess, views: list[homework_service.View], now: datetime
) -> list[dict[str, Any]]:
    people = _people(db, views)
    strategies = homework_service.strategy_names(db, client=access.client)
    sees = _sees_measures(db, access)
    return [
        homework_out(v, people=people, strategies=strategies, sees_measures=sees,
                     client=access.client, now=now)
        for v in views
    ]  # fmt: skip


def _out_one(db: Session, access: ClientAccess, homework: Homework) -> dict[str, Any]:
    now = utcnow()
    return _out_all(db, access, [homework_service.view_of(db, homework=homework, now=now)], now)[0]


# ---------------------------------------------------------------- the steps (API and pages)


def _due_at(access: ClientAccess, due_at: datetime | None, due_on: date | None) -> datetime:
    if due_at is not None and due_on is not None:
        raise ApiError(422, fields={"due_on": "Send a due date or a due time, not both."})
    if due_on is not None:
        return rules.end_of_day(due_on, zone_of(access.client.org))
    if due_at is None:
        raise ApiError(422, fields={"due_at": "Choose a due date."})
    return due_at


def _assign(
    request: Request, db: Session, access: ClientAccess, body: HomeworkIn
) -> homework_service.Assigned:
    if access.relation is Relation.SELF:
        raise ApiError(403, "Homework is set by your therapist or coach.")
    if body.kind == rules.PRACTICE:
        _may_set_practice(request, db, access)
    if body.kind == rules.QUESTIONNAIRE:
        _may_set_questionnaire(request, db, access)
    draft = rules.Draft(
        kind=body.kind,
        title=body.title,
        instructions=body.instructions,
        due_at=_due_at(access, body.due_at, body.due_on),
        jar_item_id=body.jar_item_id,
        target_count=body.target_count,
        instrument_id=body.instrument_id,
    )
    try:
        done = homework_service.assign(
            db, client=access.client, by=access.principal.membership, draft=draft,
            goal_id=body.goal_id, now=utcnow(),
        )  # fmt: skip
    except rules.HomeworkError as error:
        raise api_error(error) from None
    homework = done.homework
    if not done.created:
        return done
    access.audit(db, "homework.assign", resource_type="homework", resource_id=homework.id)
    if homework.measure_assignment_id:
        access.audit(db, "measure.assign", resource_type="measure_assignment",
                     resource_id=homework.measure_assignment_id)  # fmt: skip
    return done


def _load(db: Session, access: ClientAccess, homework_id: str) -> Homework:
    try:
        return homework_service.get(db, client_id=access.client.id, homework_id=homework_id)
    except rules.HomeworkError as error:
        raise api_error(error) from None


def _refused(
    db: Session, access: ClientAccess, homework: Homework, error: rules.HomeworkError
) -> ApiError:
    if error.status == 409:
        db.refresh(homework)
        return ConflictError(error, _out_one(db, access, homework))
    return api_error(error)


def _edit(db: Session, access: ClientAccess, homework: Homework, body: HomeworkEdit) -> None:
    _check_may_change(db, access, homework)
    changes = body.model_dump(exclude_unset=True, exclude={"version", "due_on"})
    if "due_on" in body.model_fields_set or "due_at" in body.model_fields_set:
        changes["due_at"] = _due_at(access, body.due_at, body.due_on)
    try:
        homework_service.edit(
            db, homework=homework, changes=changes, version=body.version, now=utcnow()
        )
    except rules.HomeworkError as error:
        raise _refused(db, access, homework, error) from None
    access.audit(db, "homework.edit", resource_type="homework", resource_id=homework.id)


def _complete(db: Session, access: ClientAccess, homework: Homework, body: CompleteIn) -> str:
    """Mark it done; the screening level of the client's reflection (§5)."""
    if access.relation is not Relation.SELF:
        raise ApiError(403, f"Only {_name(access)} can mark their homework done.")
    before, now = homework.reflection, utcnow()
    try:
        homework_service.complete(
            db, homework=homework, reflection=body.reflection, version=body.version, now=now
        )
    except rules.HomeworkError as error:
        raise _refused(db, access, homework, error) from None
    access.audit(db, "homework.complete", resource_type="homework", resource_id=homework.id)
    if homework.reflection == before:
        return "none"
    screening = safety.screen_own_words(
        db, client=access.client, by=access.principal.membership, text=homework.reflection,
        source_type="homework", source_id=homework.id, now=now,
    )  # fmt: skip
    return "none" if screening is None else str(screening.level)


def _cancel(
    request: Request, db: Session, access: ClientAccess, homework: Homework, body: CancelIn
) -> None:
    _check_may_change(db, access, homework)
    if homework.kind == rules.QUESTIONNAIRE and homework.status == rules.ASSIGNED:
        _may_set_questionnaire(request, db, access)  # cancelling it closes the questionnaire
    try:
        homework_service.cancel(
            db, homework=homework, by=access.principal.membership, version=body.version,
            now=utcnow(),
        )  # fmt: skip
    except rules.HomeworkError as error:
        raise _refused(db, access, homework, error) from None
    access.audit(db, "homework.cancel", resource_type="homework", resource_id=homework.id)


# ---------------------------------------------------------------- JSON API


@router.get("/api/v1/homework")
@router.get("/api/v1/clients/{client_id}/homework")
def homework_list_api(
    access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    now = utcnow()
    return _out_all(db, access, homework_service.homework_of(db, client_id=access.client.id,
                                                             now=now), now)  # fmt: skip


@router.post("/api/v1/clients/{client_id}/homework", status_code=201)
def homework_assign_api(
    client_id: str,
    body: HomeworkIn,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    done = _assign(request, db, access, body)
    out = _out_one(db, access, done.homework)
    return JSONResponse(out, status_code=201 if done.created else 200)


@router.get("/api/v1/homework/{homework_id}")
def homework_api(
    homework_id: str, access: ClientAccess = ONE_READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return _out_one(db, access, _load(db, access, homework_id))


def _answer(
    request: Request, db: Session, access: ClientAccess, homework: Homework, step: Any
) -> Response:
    try:
        step()
    except ConflictError as conflict:
        return conflict_response(request, conflict)
    return JSONResponse(_out_one(db, access, homework))


@router.patch("/api/v1/homework/{homework_id}")
def homework_edit_api(
    homework_id: str,
    body: HomeworkEdit,
    request: Request,
    access: ClientAccess = ONE_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    homework = _load(db, access, homework_id)
    return _answer(request, db, access, homework, lambda: _edit(db, access, homework, body))


@router.post("/api/v1/homework/{homework_id}/complete")
def homework_complete_api(
    homework_id: str,
    body: CompleteIn,
    request: Request,
    access: ClientAccess = ONE_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    homework = _load(db, access, homework_id)
    try:
        level = _complete(db, access, homework, body)
    except ConflictError as conflict:
        return conflict_response(request, conflict)
    answer = _out_one(db, access, homework)
    if level != "none":
        answer["safety"] = safety_answer(db, access.client)
    return JSONResponse(jsonable_encoder(answer))


@router.post("/api/v1/homework/{homework_id}/cancel")
def homework_cancel_api(
    homework_id: str,
    body: CancelIn,
    request: Request,
    access: ClientAccess = ONE_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    homework = _load(db, access, homework_id)
    return _answer(
        request, db, access, homework, lambda: _cancel(request, db, access, homework, body)
    )


# ---------------------------------------------------------------- pages

FRIENDLY = {
    "kind": "Choose what kind of homework this is.",
    "title": f"Please keep the title under {rules.TITLE_MAX} characters.",
    "instructions": f"Please keep the instructions under {rules.INSTRUCTIONS_MAX:,} characters.",
    "due_on": "Choose a due date.",
    "target_count": f"Choose a number of times from {rules.TARGET_MIN} to {rules.TARGET_MAX}.",
    "reflection": f"Please keep your reflection under {rules.REFLECTION_MAX:,} characters.",
    "version": "This page is out of date. Please reload it and try again.",
}


def form_errors(error: Exception) -> dict[str, str]:
    if isinstance(error, ValidationError):
        found: dict[str, str] = {}
        for problem in error.errors():
            name = str(problem["loc"][0]) if problem["loc"] else "form"
            found.setdefault(name, FRIENDLY.get(name, problem["msg"]))
        return found
    if isinstance(error, ApiError):
        return dict(error.fields) or {"form": error.message}
    return {"form": str(error)}


def _status(error: Exception) -> int:
    return error.status if isinstance(error, ApiError) else 422


def _text(form: Any, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _page(request: Request, template: str, access: ClientAccess, **context: Any) -> Response:
    status = context.pop("status_code", 200)
    return render(
        request,
        template,
        status,
        principal=access.principal,
        client=access.client,
        kind_words=rules.KIND_WORDS,
        **context,
    )


def _list_context(db: Session, access: ClientAccess) -> dict[str, Any]:
    now = utcnow()
    views = homework_service.homework_of(db, client_id=access.client.id, now=now)
    return {
        "views": views,
        "out": {
            v.homework.id: o for v, o in zip(views, _out_all(db, access, views, now), strict=True)
        },
        "open": [v for v in views if v.is_open],
        "done": [v for v in views if v.status == rules.COMPLETED],
        "cancelled": [v for v in views if v.status == rules.CANCELLED],
        "soon": [v for v in views if v.timing == "due_soon"],
        "late": [v for v in views if v.timing == "overdue"],
        "own": access.relation is Relation.SELF,
    }


def _client_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    errors: dict[str, dict[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    return _page(
        request, "homework/mine.html", access, errors=errors or {}, status_code=status_code,
        **_list_context(db, access),
    )  # fmt: skip


@router.get("/homework")
def homework_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _client_page(request, db, access)


def _detail_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    homework: Homework,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    now = utcnow()
    view = homework_service.view_of(db, homework=homework, now=now)
    out = _out_all(db, access, [view], now)[0]
    own = access.relation is Relation.SELF
    may_change = False
    if not own and view.is_open:
        try:
            _check_may_change(db, access, homework)
            may_change = _may(db, access, Category.GOALS_HOMEWORK, Action.WRITE)
        except ApiError:
            may_change = False
    zone = zone_of(access.client.org)
    return _page(
        request, "homework/detail.html", access, view=view, h=out, own=own,
        may_change=may_change, errors=errors or {},
        values=values or {"due_on": homework.due_at.astimezone(zone).date().isoformat()},
        status_code=status_code,
    )  # fmt: skip


@router.get("/homework/{homework_id}")
def homework_detail_page(
    homework_id: str, request: Request, access: ClientAccess = ONE_READ,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    return _detail_page(request, db, access, _load(db, access, homework_id))


@router.post("/homework/{homework_id}/complete")
async def homework_complete_submit(
    homework_id: str, request: Request, access: ClientAccess = ONE_WRITE,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    homework = _load(db, access, homework_id)
    form = await request.form()
    back = _text(form, "back") == "list"
    try:
        version = _text(form, "version")
        body = CompleteIn(reflection=_text(form, "reflection"), version=version)
        level = _complete(db, access, homework, body)
    except (ValidationError, ApiError) as error:
        if isinstance(error, ApiError) and error.status == 403:
            raise
        if isinstance(error, ConflictError):
            keep_writes_on_error(request)
        errors = form_errors(error)
        if back:
            return _client_page(request, db, access, errors={homework.id: errors},
                                status_code=_status(error))  # fmt: skip
        return _detail_page(request, db, access, homework, errors=errors,
                            status_code=_status(error))  # fmt: skip
    if level != "none":
        return after_words(request, db, access, level)
    return redirect("/homework?done=1" if back else f"/homework/{homework.id}?done=1")


@router.post("/homework/{homework_id}/edit")
async def homework_edit_submit(
    homework_id: str, request: Request, access: ClientAccess = ONE_WRITE,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    homework = _load(db, access, homework_id)
    form = await request.form()
    values = {n: str(form.get(n) or "") for n in ("title", "instructions", "due_on",
                                                   "target_count", "version")}  # fmt: skip
    try:
        fields: dict[str, Any] = {
            "version": values["version"] or None,
            "title": values["title"],
            "instructions": values["instructions"] or None,
            "due_on": values["due_on"] or None,
        }
        if homework.kind == rules.PRACTICE:
            fields["target_count"] = values["target_count"] or None
        _edit(db, access, homework, HomeworkEdit(**fields))
    except (ValidationError, ApiError) as error:
        if isinstance(error, ApiError) and error.status == 403:
            raise
        if isinstance(error, ConflictError):
            keep_writes_on_error(request)
            db.refresh(homework)
            values = {}  # show what is saved now
        return _detail_page(request, db, access, homework, errors=form_errors(error),
                            values=values or None, status_code=_status(error))  # fmt: skip
    return redirect(f"/homework/{homework.id}?saved=1")


@router.post("/homework/{homework_id}/cancel")
async def homework_cancel_submit(
    homework_id: str, request: Request, access: ClientAccess = ONE_WRITE,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    homework = _load(db, access, homework_id)
    form = await request.form()
    try:
        body = CancelIn(version=_text(form, "version"))
        _cancel(request, db, access, homework, body)
    except (ValidationError, ApiError) as error:
        if isinstance(error, ApiError) and error.status == 403:
            raise
        if isinstance(error, ConflictError):
            keep_writes_on_error(request)
        return _detail_page(request, db, access, homework, errors=form_errors(error),
                            status_code=_status(error))  # fmt: skip
    return redirect(f"/clients/{homework.client_id}/homework?cancelled=1")


# ---------------------------------------------------------------- the practitioner's page


def _assign_context(db: Session, access: ClientAccess) -> dict[str, Any]:
    may_practice = _may(db, access, Category.COPING, Action.READ)
    may_questionnaire = _may(db, access, Category.MEASURES, Action.ASSIGN)
    offered = measures.catalog(db, org_id=access.client.org_id) if may_questionnaire else {}
    return {
        "may_assign": access.relation is not Relation.SELF
        and _may(db, access, Category.GOALS_HOMEWORK, Action.WRITE),
        "may_practice": may_practice,
        "may_questionnaire": may_questionnaire,
        "jar": homework_service.jar_choices(db, client=access.client) if may_practice else [],
        "instruments": [o.instrument for o in offered.values() if o.enabled],
        "kinds": [
            k for k in rules.KINDS
            if (k != rules.PRACTICE or may_practice)
            and (k != rules.QUESTIONNAIRE or may_questionnaire)
        ],
    }  # fmt: skip


def _practitioner_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    return _page(
        request, "homework/client.html", access, errors=errors or {},
        values=values or {"kind": "", "target_count": "5"}, status_code=status_code,
        **_list_context(db, access), **_assign_context(db, access),
    )  # fmt: skip


@router.get("/clients/{client_id}/homework")
def client_homework_page(
    client_id: str, request: Request, access: ClientAccess = READ,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    if access.relation is Relation.SELF:
        return redirect("/homework")
    return _practitioner_page(request, db, access)


FORM_FIELDS = ("kind", "title", "instructions", "due_on", "jar_item_id", "target_count",
               "instrument_id")  # fmt: skip


@router.post("/clients/{client_id}/homework")
async def client_homework_submit(
    client_id: str, request: Request, access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    form = await request.form()
    values = {n: str(form.get(n) or "") for n in FORM_FIELDS}
    kind = values["kind"]
    fields: dict[str, Any] = {
        "kind": kind,
        "title": values["title"] or None,
        "instructions": values["instructions"] or None,
        "due_on": values["due_on"] or None,
    }
    if kind == rules.PRACTICE:
        fields |= {"jar_item_id": values["jar_item_id"] or None,
                   "target_count": values["target_count"] or None}  # fmt: skip
    if kind == rules.QUESTIONNAIRE:
        fields["instrument_id"] = values["instrument_id"] or None
    try:
        _assign(request, db, access, HomeworkIn(**fields))
    except (ValidationError, ApiError) as error:
        errors = form_errors(error)
        if "due_at" in errors:  # the form asks for a day
            errors["due_on"] = errors.pop("due_at")
        return _practitioner_page(request, db, access, errors=errors, values=values,
                                  status_code=_status(error))  # fmt: skip
    return redirect(f"/clients/{access.client.id}/homework?assigned=1")
