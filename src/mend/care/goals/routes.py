"""Goals: the JSON API and the pages — the client's own goals, the care team's
suggestions, steps and check-ins (clinical-model §6). Thin: the rules are in
``rules``, the reading and writing in ``service``."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from pydantic import Field, Strict, ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mend.accounts.models import Membership
from mend.accounts.service import today_for
from mend.care import policy
from mend.care.goals import rules, service
from mend.care.goals.models import Goal, GoalCheckIn, GoalStep
from mend.care.goals.rules import GoalText, Status
from mend.care.goals.service import GoalError
from mend.care.policy import Action, Category, Relation
from mend.clock import utcnow
from mend.safety import service as safety
from mend.safety.tell import after_words, safety_answer
from mend.web.auth import ClientAccess, client_record, client_record_of
from mend.web.errors import ApiError, error_body
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session, keep_writes_on_error

router = APIRouter()

READ = client_record(Category.GOALS_HOMEWORK, Action.READ)
WRITE = client_record(Category.GOALS_HOMEWORK, Action.WRITE)


def _goal_client(db: Session, request: Request, org_id: str) -> str | None:
    return service.goal_client(db, goal_id=request.path_params["goal_id"], org_id=org_id)


GOAL_READ = client_record_of(Category.GOALS_HOMEWORK, Action.READ, _goal_client)
GOAL_WRITE = client_record_of(Category.GOALS_HOMEWORK, Action.WRITE, _goal_client)

StrictInt = Annotated[int, Strict()]
StrictBool = Annotated[bool, Strict()]
# Coarse limits at the edge; the rules give the exact ones in plain words.
Title = Annotated[str, Field(max_length=1_000)]
Part = Annotated[str | None, Field(default=None, max_length=5_000)]
Version = Annotated[int, Strict(), Field(ge=1, le=1_000_000_000)]
Key = Annotated[str | None, Field(default=None, min_length=8, max_length=64)]


class GoalIn(Input):
    title: Title
    specific: Part = None
    measurable: Part = None
    achievable: Part = None
    relevant: Part = None
    target_date: date | None = None
    idempotency_key: Key = None


class GoalPatch(Input):
    version: Version
    title: Annotated[str | None, Field(default=None, max_length=1_000)] = None
    specific: Part = None
    measurable: Part = None
    achievable: Part = None
    relevant: Part = None
    target_date: date | None = None


class VersionIn(Input):
    version: Version


class StatusIn(Input):
    status: Annotated[str, Field(max_length=16)]
    version: Version


class StepIn(Input):
    text: Annotated[str, Field(max_length=1_000)]


class StepPatch(Input):
    done: StrictBool


class CheckInIn(Input):
    progress: StrictInt
    note: Annotated[str | None, Field(default=None, max_length=20_000)] = None
    idempotency_key: Key = None


# ---------------------------------------------------------------- shared


def may_write(access: ClientAccess) -> bool:
    """Reading needed the client's consent for goals and homework, the same
    consent writing needs; the role and relation decide the rest."""
    return policy.decide(
        role=access.principal.role,
        relation=access.relation,
        category=Category.GOALS_HOMEWORK,
        action=Action.WRITE,
        consented=True,
    ).allowed


def _goal(db: Session, request: Request, access: ClientAccess, *, for_update: bool) -> Goal:
    try:
        return service.get_goal(
            db,
            goal_id=request.path_params["goal_id"],
            client_id=access.client.id,
            for_update=for_update,
        )
    except GoalError:
        raise ApiError(404) from None


def person_out(member: Membership | None) -> dict[str, Any] | None:
    if member is None:
        return None
    return {"id": member.id, "name": member.user.display_name, "role": member.role}


def _step_out(step: GoalStep) -> dict[str, Any]:
    return {
        "id": step.id,
        "text": step.text,
        "position": step.position,
        "done": step.done_at is not None,
        "done_at": step.done_at.isoformat() if step.done_at else None,
    }


def _check_in_out(row: GoalCheckIn, people: dict[str, Membership]) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": row.at.isoformat(),
        "by": person_out(people.get(row.by)),
        "progress": row.progress,
        "note": row.note,
    }


ORDER = {
    Status.PROPOSED: 0,
    Status.ACTIVE: 1,
    Status.PAUSED: 2,
    Status.ACHIEVED: 3,
    Status.LET_GO: 4,
    Status.DECLINED: 5,
}


def goals_out(db: Session, goals: list[Goal], *, detail: bool = False) -> list[dict[str, Any]]:
    """Goals as the API shows them. A suggestion is marked as one in every
    listing (``status: "proposed"``, ``is_proposal``, ``proposed_by``) and is
    not the client's goal (``is_goal: false``) until accepted."""
    ids = [g.id for g in goals]
    steps = service.steps_of(db, goal_ids=ids)
    latest = service.latest_check_ins(db, goal_ids=ids)
    history = {g.id: list(service.check_ins_of(db, goal_id=g.id)) for g in goals} if detail else {}
    people = service.names_of(
        db,
        {g.created_by for g in goals}
        | {c.by for c in latest.values()}
        | {c.by for rows in history.values() for c in rows},
    )
    out = []
    for g in goals:
        status = Status(g.status)
        row: dict[str, Any] = {
            "id": g.id,
            "client_id": g.client_id,
            "status": g.status,
            "status_words": rules.STATUS_WORDS[status],
            "is_proposal": status in rules.SUGGESTIONS,
            "is_goal": status in rules.ACCEPTED,
            "proposed_by": person_out(people.get(g.created_by))
            if g.created_by != g.client_id
            else None,
            "title": g.title,
            "specific": g.specific,
            "measurable": g.measurable,
            "achievable": g.achievable,
            "relevant": g.relevant,
            "target_date": g.target_date.isoformat() if g.target_date else None,
            "created_at": g.created_at.isoformat(),
            "accepted_at": g.accepted_at.isoformat() if g.accepted_at else None,
            "status_changed_at": g.status_changed_at.isoformat(),
            "version": g.version,
            "steps": [_step_out(s) for s in steps[g.id]],
            "latest_check_in": _check_in_out(latest[g.id], people) if g.id in latest else None,
        }
        if detail:
            row["check_ins"] = [_check_in_out(c, people) for c in history[g.id]]
        out.append(row)
    return out


def goal_detail(db: Session, goal: Goal) -> dict[str, Any]:
    return goals_out(db, [goal], detail=True)[0]


def listing(db: Session, client_id: str) -> list[Goal]:
    goals = list(service.goals_of(db, client_id=client_id))
    return sorted(goals, key=lambda g: ORDER[Status(g.status)])


def note_denied(db: Session, request: Request, access: ClientAccess, error: GoalError) -> None:
    """A step the goal's own rules refuse to this person (accepting someone
    else's suggestion) is recorded like any refused access."""
    if error.status != 403:
        return
    access.principal.audit(
        db,
        f"{Category.GOALS_HOMEWORK}.{Action.WRITE}",
        outcome="denied",
        resource_type="goal",
        resource_id=request.path_params.get("goal_id"),
        subject_client_id=access.client.id,
    )
    keep_writes_on_error(request)


def refusal(db: Session, request: Request, access: ClientAccess, error: GoalError) -> Response:
    """The API's answer to a refusal; a conflict over the goal carries the goal
    as it now is (``current``), so nothing is saved over a newer version."""
    note_denied(db, request, access, error)
    if error.status == 409 and error.current is not None:
        body = error_body(409, error.message, "conflict", {error.field: error.message})
        current = goal_detail(db, error.current)
        body |= {"current_version": current["version"], "current": current}
        return JSONResponse(jsonable_encoder(body), status_code=409)
    raise ApiError(error.status, error.message, fields={error.field: error.message})


def _draft(body: GoalIn) -> GoalText:
    return GoalText(**body.model_dump(exclude={"idempotency_key"}))


def _create(db: Session, access: ClientAccess, body: GoalIn) -> service.Created:
    made = service.create(
        db,
        client=access.client,
        by=access.principal.membership,
        draft=_draft(body),
        key=body.idempotency_key,
        now=utcnow(),
    )
    if made.created:
        verb = "created" if made.goal.status == Status.ACTIVE else "proposed"
        access.audit(db, f"goal.{verb}", resource_type="goal", resource_id=made.goal.id)
    return made


def _screened(db: Session, access: ClientAccess, goal: Goal) -> str:
    """Screen the client's own words on a goal (§5); the level, for the answer."""
    screening = service.screen_words(
        db, goal=goal, client=access.client, by=access.principal.membership, now=utcnow()
    )
    return "none" if screening is None else str(screening.level)


def _audit(db: Session, access: ClientAccess, verb: str, goal: Goal, **detail: str) -> None:
    access.audit(
        db, f"goal.{verb}", resource_type="goal", resource_id=goal.id, detail=detail or None
    )


# ---------------------------------------------------------------- JSON API


@router.get("/api/v1/goals")
@router.get("/api/v1/clients/{client_id}/goals")
def goals_api(
    access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    return goals_out(db, listing(db, access.client.id))


@router.post("/api/v1/goals", status_code=201)
@router.post("/api/v1/clients/{client_id}/goals", status_code=201)
def goal_create_api(
    body: GoalIn,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    """The client sets a goal of their own, or someone on their care team
    suggests one (it waits for the client's yes)."""
    try:
        made = _create(db, access, body)
    except GoalError as error:
        return refusal(db, request, access, error)
    answer = goal_detail(db, made.goal)
    if made.created and _screened(db, access, made.goal) != "none":
        answer["safety"] = safety_answer(db, access.client)
    return JSONResponse(jsonable_encoder(answer), status_code=201 if made.created else 200)


@router.get("/api/v1/goals/{goal_id}")
def goal_api(
    goal_id: str,
    request: Request,
    access: ClientAccess = GOAL_READ,
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    return goal_detail(db, _goal(db, request, access, for_update=False))


@router.patch("/api/v1/goals/{goal_id}")
def goal_edit_api(
    goal_id: str,
    body: GoalPatch,
    request: Request,
    access: ClientAccess = GOAL_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    goal = _goal(db, request, access, for_update=True)
    changes = body.model_dump(include=body.model_fields_set - {"version"})
    try:
        level = _edit(db, access, goal, body.version, changes)
    except GoalError as error:
        return refusal(db, request, access, error)
    answer = goal_detail(db, goal)
    if level != "none":
        answer["safety"] = safety_answer(db, access.client)
    return JSONResponse(jsonable_encoder(answer))


def _edit(
    db: Session, access: ClientAccess, goal: Goal, version: int, changes: dict[str, object]
) -> str:
    """Change the words; the screening level of the client's new words."""
    before = goal.version
    service.edit(
        db,
        goal=goal,
        client=access.client,
        by=access.principal.membership,
        version=version,
        changes=changes,
        now=utcnow(),
    )
    if goal.version == before:
        return "none"
    _audit(db, access, "edited", goal, fields=",".join(sorted(changes)))
    return _screened(db, access, goal)


def _answer(db: Session, access: ClientAccess, goal: Goal, what: str, body: Any) -> None:
    me, now = access.principal.membership, utcnow()
    if what == "accept":
        service.accept(db, goal=goal, client=access.client, by=me, version=body.version, now=now)
        _audit(db, access, "accepted", goal)
    elif what == "decline":
        service.decline(db, goal=goal, client=access.client, by=me, version=body.version, now=now)
        _audit(db, access, "declined", goal)
    else:
        service.change_status(
            db,
            goal=goal,
            client=access.client,
            by=me,
            to=body.status,
            version=body.version,
            now=now,
        )
        _audit(db, access, "status", goal, status=goal.status)


@router.post("/api/v1/goals/{goal_id}/accept")
def goal_accept_api(
    goal_id: str,
    body: VersionIn,
    request: Request,
    access: ClientAccess = GOAL_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    """Only the client accepts a suggestion; then it is their goal."""
    return _answer_api(db, request, access, "accept", body)


@router.post("/api/v1/goals/{goal_id}/decline")
def goal_decline_api(
    goal_id: str,
    body: VersionIn,
    request: Request,
    access: ClientAccess = GOAL_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    """Only the client says "not now" to a suggestion."""
    return _answer_api(db, request, access, "decline", body)


@router.post("/api/v1/goals/{goal_id}/status")
def goal_status_api(
    goal_id: str,
    body: StatusIn,
    request: Request,
    access: ClientAccess = GOAL_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    """The client rests a goal, marks it reached, lets it go, or picks it up again."""
    return _answer_api(db, request, access, "status", body)


def _answer_api(
    db: Session, request: Request, access: ClientAccess, what: str, body: Any
) -> Response:
    goal = _goal(db, request, access, for_update=True)
    try:
        _answer(db, access, goal, what, body)
    except GoalError as error:
        return refusal(db, request, access, error)
    return JSONResponse(jsonable_encoder(goal_detail(db, goal)))


@router.post("/api/v1/goals/{goal_id}/steps", status_code=201)
def goal_step_api(
    goal_id: str,
    body: StepIn,
    request: Request,
    access: ClientAccess = GOAL_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    goal = _goal(db, request, access, for_update=True)
    try:
        level = _add_step(db, access, goal, body.text)
    except GoalError as error:
        return refusal(db, request, access, error)
    answer = goal_detail(db, goal)
    if level != "none":
        answer["safety"] = safety_answer(db, access.client)
    return JSONResponse(jsonable_encoder(answer), status_code=201)


def _add_step(db: Session, access: ClientAccess, goal: Goal, text: str) -> str:
    """Add a step; the screening level of the client's own words (§5)."""
    by = access.principal.membership
    step = service.add_step(db, goal=goal, client=access.client, by=by, text=text)
    access.audit(db, "goal.step_added", resource_type="goal_step", resource_id=step.id)
    screening = safety.screen_own_words(
        db, client=access.client, by=by, text=text, source_type="goal_step", source_id=step.id,
        now=utcnow(),
    )  # fmt: skip
    return "none" if screening is None else str(screening.level)


@router.patch("/api/v1/goals/{goal_id}/steps/{step_id}")
def goal_step_patch_api(
    goal_id: str,
    step_id: str,
    body: StepPatch,
    request: Request,
    access: ClientAccess = GOAL_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    goal = _goal(db, request, access, for_update=True)
    try:
        _tick(db, access, goal, step_id, done=body.done)
    except GoalError as error:
        return refusal(db, request, access, error)
    return JSONResponse(jsonable_encoder(goal_detail(db, goal)))


def _tick(db: Session, access: ClientAccess, goal: Goal, step_id: str, *, done: bool) -> None:
    service.set_step_done(
        db,
        goal=goal,
        client=access.client,
        by=access.principal.membership,
        step_id=step_id,
        done=done,
        now=utcnow(),
    )
    verb = "step_done" if done else "step_undone"
    access.audit(db, f"goal.{verb}", resource_type="goal_step", resource_id=step_id)


@router.post("/api/v1/goals/{goal_id}/check-ins", status_code=201)
def goal_check_in_api(
    goal_id: str,
    body: CheckInIn,
    request: Request,
    access: ClientAccess = GOAL_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    """How it is going, 0–10, and a note. The client and the care team members
    the client shares goals with may check in; each check-in says who did."""
    goal = _goal(db, request, access, for_update=True)
    try:
        done = _check_in(db, access, goal, body)
    except GoalError as error:
        return refusal(db, request, access, error)
    answer: dict[str, Any] = {
        "check_in": _check_in_out(
            done.check_in, {access.principal.membership.id: access.principal.membership}
        ),
        "goal": goal_detail(db, goal),
    }
    if done.screening is not None and str(done.screening.level) != "none":
        answer["safety"] = safety_answer(db, access.client)
    return JSONResponse(jsonable_encoder(answer), status_code=201 if done.created else 200)


def _check_in(db: Session, access: ClientAccess, goal: Goal, body: CheckInIn) -> service.CheckedIn:
    done = service.check_in(
        db,
        goal=goal,
        client=access.client,
        by=access.principal.membership,
        progress=body.progress,
        note=body.note,
        key=body.idempotency_key,
        now=utcnow(),
    )
    if done.created:
        access.audit(
            db, "goal.checked_in", resource_type="goal_check_in", resource_id=done.check_in.id
        )
    return done


# ---------------------------------------------------------------- pages

FRIENDLY = {
    "title": "Please give your goal a name, in a few words.",
    "specific": f"Please keep this to {rules.SMART_MAX} characters.",
    "measurable": f"Please keep this to {rules.SMART_MAX} characters.",
    "achievable": f"Please keep this to {rules.SMART_MAX} characters.",
    "relevant": f"Please keep this to {rules.SMART_MAX} characters.",
    "target_date": "Please choose a date, or leave it empty.",
    "progress": "Choose a number from 0 to 10.",
    "note": f"Please keep the note to {rules.NOTE_MAX:,} characters.",
    "text": "Please write the step in a few words.",
    "version": "This form has expired. Please reload the page and try again.",
    "idempotency_key": "This form has expired. Please reload the page and try again.",
    "status": "Choose what to do with this goal.",
}


def form_errors(error: Exception) -> dict[str, str]:
    """Field → message, whichever layer refused the input."""
    if isinstance(error, ValidationError):
        found: dict[str, str] = {}
        for problem in error.errors():
            name = str(problem["loc"][0]) if problem["loc"] else "form"
            found.setdefault(name, FRIENDLY.get(name, "Please check this."))
        return found
    if isinstance(error, GoalError):
        return {error.field: error.message}
    if isinstance(error, ApiError):
        return dict(error.fields) or {"form": error.message}
    return {"form": str(error)}


def day(iso: str | None) -> str:
    """ "2026-04-01" (or a time on that day) as "1 April 2026"."""
    if not iso:
        return ""
    found = date.fromisoformat(iso[:10])
    return f"{found.day} {found:%B %Y}"


def _status(error: Exception) -> int:
    return error.status if isinstance(error, (GoalError, ApiError)) else 422


def _text(form: FormData, name: str) -> str:
    return str(form.get(name) or "")


def _number(form: FormData, name: str) -> int | str:
    """A whole number typed in a form, else the text as typed (refused by the model)."""
    value = _text(form, name).strip()
    return int(value) if value.isdigit() and len(value) < 10 else value


def _goal_values(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {
        name: _text(form, name)
        for name in ("title", "specific", "measurable", "achievable", "relevant")
    }
    values["target_date"] = _text(form, "target_date").strip() or None
    return values


def _new_values() -> dict[str, Any]:
    return {"key": secrets.token_hex(12)}


def _grouped(out: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {
        "waiting": [],
        "active": [],
        "paused": [],
        "done": [],
        "not_now": [],
    }
    where = {
        Status.PROPOSED: "waiting",
        Status.ACTIVE: "active",
        Status.PAUSED: "paused",
        Status.ACHIEVED: "done",
        Status.LET_GO: "done",
        Status.DECLINED: "not_now",
    }
    for g in out:
        groups[where[Status(g["status"])]].append(g)
    return groups


def _list_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    own = access.relation is Relation.SELF
    out = goals_out(db, listing(db, access.client.id))
    return render(
        request,
        "goals/list.html" if own else "goals/client.html",
        status_code,
        principal=access.principal,
        client=access.client,
        groups=_grouped(out),
        counts=rules.count([g["status"] for g in out]),
        may_write=may_write(access),
        limits={"title": rules.TITLE_MAX, "part": rules.SMART_MAX},
        values=values or _new_values(),
        errors=errors or {},
        today=today_for(access.client.org, utcnow()).isoformat(),
        day=day,
    )


@router.get("/goals")
def goals_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _list_page(request, db, access)


@router.get("/clients/{client_id}/goals")
def client_goals_page(
    client_id: str, request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _list_page(request, db, access)


async def _create_submit(request: Request, db: Session, access: ClientAccess) -> Response:
    form = await request.form()
    values = _goal_values(form) | {"key": _text(form, "key")}
    try:
        body = GoalIn(
            **{k: v for k, v in values.items() if k != "key"}, idempotency_key=values["key"] or None
        )
        made = _create(db, access, body)
    except (ValidationError, GoalError) as error:
        return _list_page(
            request,
            db,
            access,
            values=values,
            errors=form_errors(error),
            status_code=_status(error),
        )
    level = _screened(db, access, made.goal) if made.created else "none"
    if level != "none":
        return after_words(request, db, access, level)
    if access.relation is Relation.SELF:
        return redirect(f"/goals/{made.goal.id}?done=created")
    return redirect(f"/clients/{access.client.id}/goals?done=suggested")


@router.post("/goals")
async def goal_create_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    return await _create_submit(request, db, access)


@router.post("/clients/{client_id}/goals")
async def client_goal_suggest_submit(
    client_id: str,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    return await _create_submit(request, db, access)


def _detail_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    goal: Goal,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    me = access.principal.membership
    status = Status(goal.status)
    writer = may_write(access)
    own = me.id == access.client.id
    is_author = me.id == goal.created_by
    return render(
        request,
        "goals/detail.html",
        status_code,
        principal=access.principal,
        client=access.client,
        goal=goal,
        out=goal_detail(db, goal),
        own=own,
        may_text=writer
        and status in rules.EDITABLE
        and rules.may_shape(status, "text", is_client=own, is_author=is_author),
        may_steps=writer
        and status in rules.STEPS_OPEN
        and rules.may_shape(status, "steps", is_client=own, is_author=is_author),
        may_check_in=writer and status in rules.CHECK_IN_OPEN,
        moves=[(s.value, rules.MOVE_WORDS[s]) for s in rules.moves_from(status)] if own else [],
        limits={
            "title": rules.TITLE_MAX,
            "part": rules.SMART_MAX,
            "note": rules.NOTE_MAX,
            "step": rules.STEP_MAX,
        },
        values=values or {"key": secrets.token_hex(12)},
        errors=errors or {},
        today=today_for(access.client.org, utcnow()).isoformat(),
        day=day,
        back=("/goals" if own else f"/clients/{access.client.id}/goals"),
    )


@router.get("/goals/{goal_id}")
def goal_page(
    goal_id: str,
    request: Request,
    access: ClientAccess = GOAL_READ,
    db: Session = Depends(db_session),
) -> Response:
    return _detail_page(request, db, access, _goal(db, request, access, for_update=False))


async def _goal_form(request: Request, db: Session, access: ClientAccess, what: str) -> Response:
    """Every form on a goal's page: do it, then back to the page; a refusal
    shows the page again, as it now is, with the reason."""
    goal = _goal(db, request, access, for_update=True)
    form = await request.form()
    values: dict[str, Any] = {}
    try:
        if what in ("accept", "decline"):
            _answer(db, access, goal, what, VersionIn(version=_number(form, "version")))
        elif what == "status":
            body = StatusIn(status=_text(form, "status"), version=_number(form, "version"))
            _answer(db, access, goal, what, body)
        elif what == "edit":
            values = _goal_values(form)
            patch = GoalPatch(version=_number(form, "version"), **values)
            level = _edit(db, access, goal, patch.version, patch.model_dump(exclude={"version"}))
            if level != "none":
                return after_words(request, db, access, level)
        elif what == "steps":
            values = {"step": _text(form, "text")}
            level = _add_step(db, access, goal, StepIn(text=values["step"]).text)
            if level != "none":
                return after_words(request, db, access, level)
        elif what == "check-ins":
            values = {
                "progress": _text(form, "progress"),
                "note": _text(form, "note"),
                "key": _text(form, "key"),
            }
            body_in = CheckInIn(
                progress=_number(form, "progress"),
                note=values["note"] or None,
                idempotency_key=values["key"] or None,
            )
            done = _check_in(db, access, goal, body_in)
            if done.screening is not None and str(done.screening.level) != "none":
                return after_words(request, db, access, str(done.screening.level))
    except (ValidationError, GoalError) as error:
        if isinstance(error, GoalError):
            note_denied(db, request, access, error)
        if "key" not in values:
            values["key"] = secrets.token_hex(12)
        return _detail_page(
            request,
            db,
            access,
            goal,
            errors=form_errors(error),
            values=values,
            status_code=_status(error),
        )
    if what == "decline":
        return redirect("/goals?done=declined")
    return redirect(f"/goals/{goal.id}?done={what}")


FORMS = ("accept", "decline", "status", "edit", "steps", "check-ins")


@router.post("/goals/{goal_id}/{what}")
async def goal_form_submit(
    goal_id: str,
    what: str,
    request: Request,
    access: ClientAccess = GOAL_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    if what not in FORMS:
        raise ApiError(404)
    return await _goal_form(request, db, access, what)


@router.post("/goals/{goal_id}/steps/{step_id}")
async def goal_step_submit(
    goal_id: str,
    step_id: str,
    request: Request,
    access: ClientAccess = GOAL_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    goal = _goal(db, request, access, for_update=True)
    form = await request.form()
    try:
        _tick(db, access, goal, step_id, done=_text(form, "done") == "yes")
    except GoalError as error:
        if error.status == 404:
            raise ApiError(404) from None
        note_denied(db, request, access, error)
        return _detail_page(
            request, db, access, goal, errors=form_errors(error), status_code=error.status
        )
    return redirect(f"/goals/{goal.id}?done=step#steps")
