"""The coping pages: the jar, logging a moment, urge surfing, what works for me,
and the practitioner's view of the same with the numbers behind each figure."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from mend.accounts.roles import Role
from mend.care.policy import Action, Category
from mend.clock import utcnow
from mend.coping import charts, rules
from mend.coping import service as coping
from mend.coping.catalog import FUNCTIONS, load_default
from mend.coping.routes import CLINICAL, edit, load_insights, log, to_strategy
from mend.coping.schemas import (
    STRESSOR_CATEGORIES,
    MomentEdit,
    MomentIn,
    PersonalAdd,
    StrategyIn,
)
from mend.coping.words import (
    APPRAISALS,
    CATEGORY_WORDS,
    CONTROL_WORDS,
    FAMILY_WORDS,
    FUNCTION_WORDS,
    HELPFULNESS_WORDS,
    STAGE_WORDS,
    WHEN_CHOICES,
)
from mend.ids import new_id
from mend.safety import crisis_lines
from mend.safety import service as safety
from mend.safety.countries import COUNTRY_CHOICES
from mend.safety.tell import after_words
from mend.web.auth import (
    ClientAccess,
    Principal,
    capability,
    client_record,
    public,
    resolve_principal,
    settings_of,
)
from mend.web.errors import ApiError
from mend.web.forms import redirect, render
from mend.web.transaction import db_session

router = APIRouter()

READ = client_record(Category.COPING, Action.READ)
WRITE = client_record(Category.COPING, Action.WRITE)
WORDS = {
    "categories": CATEGORY_WORDS,
    "appraisals": APPRAISALS,
    "control": CONTROL_WORDS,
    "families": FAMILY_WORDS,
    "functions": FUNCTION_WORDS,
    "helpfulness": HELPFULNESS_WORDS,
    "stages": STAGE_WORDS,
}


def page(request: Request, template: str, access: ClientAccess, **context: Any) -> Response:
    status = context.pop("status_code", 200)
    return render(
        request,
        template,
        status,
        principal=access.principal,
        client=access.client,
        words=WORDS,
        **context,
    )


def client_lines(request: Request, access: ClientAccess) -> dict[str, Any]:
    """The client's crisis lines (their country's, else every default), for
    coping/_crisis_resources.html. Uses the request's own session, so every
    caller of ``crisis`` keeps its signature."""
    found = crisis_lines.lines_for(db_session(request), client=access.client)
    return crisis_lines.template_context(found)


def crisis(request: Request, access: ClientAccess, *, reason: str) -> Response:
    """The imminent-harm pathway: crisis resources on screen at once."""
    return page(
        request, "coping/crisis.html", access, reason=reason, **client_lines(request, access)
    )


def _signed_in_or_none(request: Request, db: Session) -> Principal | None:
    """Who is looking at a public page, if anyone is fully signed in."""
    try:
        principal = resolve_principal(request, db)
    except ApiError:  # a bad bearer token: treat as anyone
        return None
    if principal is None or (principal.session and principal.session.stage != "active"):
        return None
    return principal


@router.get("/help-now", dependencies=[public()])
def help_now(request: Request, db: Session = Depends(db_session)) -> Response:
    """Crisis lines for anyone; a signed-in client sees their country's and may change it."""
    principal = _signed_in_or_none(request, db)
    is_client = principal is not None and principal.role is Role.CLIENT
    found = (
        crisis_lines.lines_for(db, client=principal.membership)
        if principal is not None and is_client
        else crisis_lines.defaults()
    )
    return render(
        request,
        "coping/help_now.html",
        principal=principal,
        is_client=is_client,
        chosen=principal.membership.country if principal is not None and is_client else None,
        country_choices=COUNTRY_CHOICES,
        changed=request.query_params.get("changed") == "1",
        **crisis_lines.template_context(found),
    )


# ---------------------------------------------------------------- the jar


def _recent_counts(db: Session, client_id: str) -> dict[str, int]:
    since = utcnow() - timedelta(days=28)
    counts = {"helpful": 0, "harmful": 0, "moments": 0}
    for moment in coping.load_moments(db, client_id=client_id, since=since):
        counts["moments"] += 1
        kinds = {h for _, h, _ in moment.strategies}
        counts["helpful"] += "helpful" in kinds
        counts["harmful"] += "harmful" in kinds
    return counts


@router.get("/jar")
def jar_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    entries = coping.jar_of(db, client=access.client)
    groups = {
        kind: [e for e in entries if not e.retired and e.strategy.helpfulness == kind]
        for kind in ("helpful", "mixed", "harmful")
    }
    return page(
        request,
        "coping/jar.html",
        access,
        groups=groups,
        retired=[e for e in entries if e.retired],
        recent=_recent_counts(db, access.client.id),
        logged=request.query_params.get("logged") == "1",
    )


@router.get("/jar/add")
def add_page(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    need = request.query_params.get("need", "")
    kind = request.query_params.get("kind", "helpful")
    catalog = coping.catalog_for(
        db, org_id=access.client.org_id, client_id=access.client.id, offered_only=True
    )
    in_jar = {e.strategy.id for e in coping.jar_of(db, client=access.client) if not e.retired}
    shown = [
        s
        for s in catalog.values()
        if (s.helpfulness == kind or kind == "all") and (not need or need in s.functions)
    ]
    shown.sort(key=lambda s: (s.id in in_jar, s.name.lower()))
    return page(
        request,
        "coping/add.html",
        access,
        strategies=shown,
        in_jar=in_jar,
        need=need if need in FUNCTIONS else "",
        kind=kind,
        functions=FUNCTIONS,
    )


def _form_value(form: Any, name: str) -> str | None:
    value = form.get(name)
    return value.strip() or None if isinstance(value, str) else None


@router.post("/jar/add")
async def add_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    form = await request.form()
    ref = _form_value(form, "strategy") or ""
    try:
        result = coping.add_to_jar(
            db,
            client=access.client,
            strategy_ref=ref[:64],
            stage_of_change=_form_value(form, "stage_of_change"),
            by=access.principal.membership.id,
            now=utcnow(),
        )
    except coping.CopingError as error:
        raise ApiError(error.status, error.message, fields={error.field: error.message}) from None
    access.audit(db, "jar.add", resource_type="jar_item", resource_id=result.entry.item.id)
    if result.safety_pathway:
        return crisis(request, access, reason="strategy")
    return redirect(f"/jar/{result.entry.item.id}?added=1")


@router.get("/jar/personal")
def personal_page(request: Request, access: ClientAccess = WRITE) -> Response:
    return page(request, "coping/personal.html", access, errors={}, values={}, functions=FUNCTIONS)


@router.post("/jar/personal")
async def personal_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    form = await request.form()
    values = {
        "name": _form_value(form, "name") or "",
        "description": _form_value(form, "description") or "",
        "family": _form_value(form, "family") or "",
        "helpfulness": _form_value(form, "helpfulness") or "",
        "functions": [v for v in form.getlist("functions") if isinstance(v, str)],
        "stage_of_change": _form_value(form, "stage_of_change"),
    }
    if values["helpfulness"] == "harmful":
        values["harm_potential"] = "low"
    try:
        body = PersonalAdd(**values)
        strategy = to_strategy(body)
        result = coping.add_personal(
            db, client=access.client, strategy=strategy,
            stage_of_change=body.stage_of_change, now=utcnow(),
        )  # fmt: skip
    except (ValidationError, ApiError, coping.CopingError) as error:
        return page(
            request, "coping/personal.html", access, status_code=422,
            errors=form_errors(error), values=values, functions=FUNCTIONS,
        )  # fmt: skip
    access.audit(db, "jar.add", resource_type="jar_item", resource_id=result.entry.item.id)
    return redirect(f"/jar/{result.entry.item.id}?added=1")


# What a person reads when a form field is refused at the edge.
FRIENDLY = {
    "name": "Please write what you do, in up to 80 characters.",
    "description": "Please keep the description under 400 characters.",
    "family": "Choose what kind of thing it is.",
    "helpfulness": "Choose how it works out for you.",
    "functions": "Choose at least one need it meets.",
    "distress_before": "Choose how upset you were before, from 0 to 10.",
    "distress_after": "Choose how upset you were after, from 0 to 10, or leave it empty.",
    "urge": "Choose how strong the urge was, from 0 to 10, or leave it empty.",
    "stressor": "Please keep this under 500 characters.",
    "note": "Please keep your note under 4,000 characters.",
    "idempotency_key": "This form has expired. Please reload the page and try again.",
}


def form_errors(error: Exception) -> dict[str, str]:
    """Field → message, whichever layer refused the input."""
    if isinstance(error, ValidationError):
        found: dict[str, str] = {}
        for problem in error.errors():
            name = str(problem["loc"][0]) if problem["loc"] else "form"
            message = problem["msg"].removeprefix("Value error, ")
            found.setdefault(name, FRIENDLY.get(name, message))
        return found
    if isinstance(error, coping.CopingError):
        return {error.field: error.message}
    if isinstance(error, ApiError):
        return dict(error.fields) or {"form": error.message}
    return {"form": str(error)}


def _item(db: Session, access: ClientAccess, item_id: str) -> coping.JarEntry:
    try:
        return coping.get_item(db, client=access.client, item_id=item_id)
    except coping.CopingError:
        raise ApiError(404) from None


def _insights_context(request: Request, access: ClientAccess, db: Session) -> dict[str, Any]:
    """What both insight pages show: the figures, their names, and their words."""
    settings = settings_of(request)
    found = load_insights(db, access, settings)
    names = found.names()
    return {
        "found": found,
        "names": names,
        "item_names": found.item_names(),
        "grief_days": settings.grief_window_days,
        "chart_data": json.dumps(charts.chart_data(found, names)),
        "balance_text": charts.balance_sentence(found.balance),
        "fit_text": charts.fit_sentence(found.fit),
    }


@router.get("/jar/insights")
def insights_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return page(
        request,
        "coping/insights.html",
        access,
        **_insights_context(request, access, db),
    )


@router.get("/jar/{item_id}")
def item_page(
    item_id: str, request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    entry = _item(db, access, item_id)
    harmful = entry.strategy.helpfulness == "harmful"
    decision = (
        rules.may_set_reduction_goal(
            harmful=entry.strategy,
            jar=coping.active_strategies(coping.jar_of(db, client=access.client)),
        )
        if harmful
        else None
    )
    history = coping.jar_history(db, client_id=access.client.id, jar_item_id=item_id)
    return page(
        request,
        "coping/item.html",
        access,
        entry=entry,
        decision=decision,
        suggestions=coping.suggestions_for(db, client=access.client, entry=entry)
        if harmful
        else [],
        history=history,
        added=request.query_params.get("added") == "1",
        refused=request.query_params.get("refused") == "1",
    )


@router.post("/jar/{item_id}/stage")
async def stage_submit(
    item_id: str, request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    entry = _item(db, access, item_id)
    stage = _form_value(await request.form(), "stage_of_change")
    try:
        coping.set_stage(
            db, entry=entry, stage=stage, by=access.principal.membership.id, now=utcnow()
        )
    except coping.CopingError as error:
        raise ApiError(422, error.message, fields={error.field: error.message}) from None
    access.audit(db, "jar.edit", resource_type="jar_item", resource_id=item_id)
    return redirect(f"/jar/{item_id}")


@router.post("/jar/{item_id}/note")
async def note_submit(
    item_id: str, request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    entry = _item(db, access, item_id)
    note = _form_value(await request.form(), "note")
    if note and len(note) > 4000:
        raise ApiError(422, fields={"note": "Please keep this under 4,000 characters."})
    coping.set_note(entry, note=note)
    access.audit(db, "jar.edit", resource_type="jar_item", resource_id=item_id)
    return redirect(f"/jar/{item_id}")


def _jar_step(
    db: Session,
    access: ClientAccess,
    item_id: str,
    step: Callable[..., object],
    action: str,
    anchor: str = "",
) -> Response:
    """One change to a jar item from its page: do it, audit it, show the item again."""
    entry = _item(db, access, item_id)
    step(db, entry=entry, by=access.principal.membership.id, now=utcnow())
    access.audit(db, action, resource_type="jar_item", resource_id=item_id)
    return redirect(f"/jar/{item_id}{anchor}")


@router.post("/jar/{item_id}/retire")
def retire_submit(
    item_id: str, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    return _jar_step(db, access, item_id, coping.retire, "jar.retire")


@router.post("/jar/{item_id}/restore")
def restore_submit(
    item_id: str, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    return _jar_step(db, access, item_id, coping.restore, "jar.restore")


@router.post("/jar/{item_id}/reduction-goal")
def goal_submit(
    item_id: str, request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    entry = _item(db, access, item_id)
    try:
        decision = coping.set_reduction_goal(
            db, client=access.client, entry=entry, by=access.principal.membership.id, now=utcnow()
        )
    except coping.CopingError as error:
        raise ApiError(error.status, error.message, fields={error.field: error.message}) from None
    if not decision.allowed:
        return redirect(f"/jar/{item_id}?refused=1#goal")
    access.audit(db, "jar.reduction_goal", resource_type="jar_item", resource_id=item_id)
    if decision.imminent:
        return crisis(request, access, reason="goal")
    return redirect(f"/jar/{item_id}#goal")


@router.post("/jar/{item_id}/reduction-goal/clear")
def goal_clear(
    item_id: str, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    clear = coping.clear_reduction_goal
    return _jar_step(db, access, item_id, clear, "jar.reduction_goal_cleared", "#goal")


# ---------------------------------------------------------------- coping moments


def _moment_form(
    request: Request,
    access: ClientAccess,
    db: Session,
    *,
    values: dict[str, Any],
    errors: dict[str, str],
    action: str,
    status_code: int = 200,
) -> Response:
    entries = [e for e in coping.jar_of(db, client=access.client) if not e.retired]
    return page(
        request,
        "coping/moment_form.html",
        access,
        status_code=status_code,
        entries=entries,
        harmful=[e for e in entries if e.strategy.helpfulness == "harmful"],
        values=values,
        errors=errors,
        action=action,
        categories=STRESSOR_CATEGORIES,
        when_choices=WHEN_CHOICES,
    )


@router.get("/moments/new")
def moment_page(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    values = {"idempotency_key": new_id(), "when": "0", "strategy_ids": []}
    return _moment_form(request, access, db, values=values, errors={}, action="/moments/new")


def _moment_values(form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        name: _form_value(form, name)
        for name in (
            "idempotency_key", "when", "distress_before", "distress_after", "stressor",
            "stressor_category", "appraisal", "controllability", "urge", "urge_target",
            "loss_orientation", "note", "version",
        )
    }  # fmt: skip
    values["strategy_ids"] = [v for v in form.getlist("strategy_ids") if isinstance(v, str)]
    return values


def _moment_body(values: dict[str, Any], *, now: Any, occurred_at: Any = None) -> dict[str, Any]:
    """Form fields to the API's moment body: the form and the API share one check."""
    target = values.get("urge_target") or ""
    minutes = values.get("when") or "0"
    if occurred_at is None:
        occurred_at = now - timedelta(minutes=int(minutes) if minutes.isdigit() else 0)
    body = {
        "idempotency_key": values.get("idempotency_key") or "",
        "occurred_at": occurred_at,
        "distress_before": values.get("distress_before"),
        "distress_after": values.get("distress_after"),
        "strategy_ids": values["strategy_ids"],
        "stressor": values.get("stressor"),
        "stressor_category": values.get("stressor_category") or "other",
        "appraisal": values.get("appraisal"),
        "controllability": values.get("controllability"),
        "urge": values.get("urge"),
        "urge_target_id": None if target in ("", "self_harm", "other") else target,
        "urge_self_harm": target == "self_harm",
        "loss_orientation": values.get("loss_orientation"),
        "note": values.get("note"),
    }
    if values.get("version"):
        body["version"] = values["version"]
    return body


@router.post("/moments/new")
async def moment_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    values = _moment_values(await request.form())
    try:
        body = MomentIn(**_moment_body(values, now=utcnow()))
        result = log(db, access, body, settings_of(request))
    except (ValidationError, ApiError) as error:
        return _moment_form(
            request, access, db, values=values, errors=form_errors(error),
            action="/moments/new", status_code=422,
        )  # fmt: skip
    if result.safety_pathway:
        return crisis(request, access, reason="urge")
    if result.words != "none":
        return after_words(request, db, access, result.words)
    return redirect("/jar?logged=1")


@router.get("/moments")
def moments_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    settings = settings_of(request)
    window = timedelta(hours=settings.moment_edit_hours)
    names = {e.item.id: e.strategy.name for e in coping.jar_of(db, client=access.client)}
    return page(
        request,
        "coping/moments.html",
        access,
        moments=coping.recent_moments(db, client_id=access.client.id, limit=50),
        names=names,
        editable_after=utcnow() - window,
    )


def _values_of(moment: Any) -> dict[str, Any]:
    target = (
        "self_harm"
        if moment.urge_self_harm and not moment.urge_target_id
        else moment.urge_target_id
    )
    return {
        "idempotency_key": moment.idempotency_key,
        "distress_before": str(moment.distress_before),
        "distress_after": "" if moment.distress_after is None else str(moment.distress_after),
        "strategy_ids": [s.jar_item_id for s in moment.strategies],
        "stressor": moment.stressor or "",
        "stressor_category": moment.stressor_category,
        "appraisal": moment.appraisal or "",
        "controllability": moment.controllability or "",
        "urge": "" if moment.urge is None else str(moment.urge),
        "urge_target": target or "",
        "loss_orientation": moment.loss_orientation or "",
        "note": moment.note or "",
        "version": str(moment.version),
    }


def _own_moment(db: Session, access: ClientAccess, moment_id: str) -> Any:
    try:
        return coping.get_moment(db, client=access.client, moment_id=moment_id)
    except coping.CopingError:
        raise ApiError(404) from None


@router.get("/moments/{moment_id}/edit")
def moment_edit_page(
    moment_id: str,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    moment = _own_moment(db, access, moment_id)
    return _moment_form(
        request, access, db, values=_values_of(moment), errors={},
        action=f"/moments/{moment_id}/edit",
    )  # fmt: skip


@router.post("/moments/{moment_id}/edit")
async def moment_edit_submit(
    moment_id: str,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    moment = _own_moment(db, access, moment_id)
    values = _moment_values(await request.form())
    try:
        body = MomentEdit(**_moment_body(values, now=utcnow(), occurred_at=moment.occurred_at))
        result = edit(db, access, moment, body, settings_of(request))
    except (ValidationError, ApiError) as error:
        return _moment_form(
            request, access, db, values=values, errors=form_errors(error),
            action=f"/moments/{moment_id}/edit", status_code=422,
        )  # fmt: skip
    if result.safety_pathway:
        return crisis(request, access, reason="urge")
    if result.words != "none":
        return after_words(request, db, access, result.words)
    return redirect("/moments?edited=1")


# ---------------------------------------------------------------- urge surfing


@router.get("/urge")
def urge_page(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    settings = settings_of(request)
    entries = [e for e in coping.jar_of(db, client=access.client) if not e.retired]
    level = coping.passed_level(db, client_id=access.client.id, default=settings.urge_passed_level)
    return page(
        request,
        "coping/urge.html",
        access,
        harmful=[e for e in entries if e.strategy.helpfulness == "harmful"],
        self_harm_ids=[e.item.id for e in entries if rules.is_self_harm(e.strategy)],
        helpful=[e for e in entries if e.strategy.helpfulness == "helpful"][:6],
        passed_level=level,
        imminent_level=settings.imminent_urge_level,
        summary=charts.urge_sentence(
            coping.load_urge_curves(db, client_id=access.client.id, now=utcnow())
        ),
        **client_lines(request, access),
    )


@router.post("/urge/passed-level")
async def passed_level_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    raw = _form_value(await request.form(), "urge_passed_level") or ""
    if not raw.isdigit() or not 1 <= int(raw) <= 10:
        raise ApiError(422, fields={"urge_passed_level": "Choose a number from 1 to 10."})
    coping.save_preferences(
        db,
        client_id=access.client.id,
        urge_passed_level=int(raw),
        tags=sorted(coping.preferred_tags(db, client_id=access.client.id)),
        now=utcnow(),
    )
    access.audit(db, "coping.preferences", resource_type="coping_preferences")
    return redirect("/urge?saved=1")


# ---------------------------------------------------------------- practitioner view


@router.get("/clients/{client_id}/coping")
def client_coping(
    client_id: str, request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    context = _insights_context(request, access, db)
    clinical = access.relation in CLINICAL
    return page(
        request,
        "coping/client_view.html",
        access,
        **context,
        entries=context["found"].entries,
        moments=coping.recent_moments(db, client_id=client_id, limit=30),
        signals=safety.signals_for(db, client_id=client_id) if clinical else [],
        clinical=clinical,
        catalog_ids={s.id for s in load_default()},
    )


# ---------------------------------------------------------------- the organisation's strategies


def _org_page(
    request: Request,
    principal: Principal,
    db: Session,
    *,
    errors: dict[str, str],
    values: dict[str, Any],
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "coping/org_strategies.html",
        status_code,
        principal=principal,
        rows=coping.org_strategies(db, org_id=principal.org_id),
        words=WORDS,
        functions=FUNCTIONS,
        errors=errors,
        values=values,
        added=request.query_params.get("added") == "1",
    )


@router.get("/admin/strategies")
def org_strategies_page(
    request: Request,
    principal: Principal = capability("catalog.write"),
    db: Session = Depends(db_session),
) -> Response:
    return _org_page(request, principal, db, errors={}, values={})


@router.post("/admin/strategies")
async def org_strategy_submit(
    request: Request,
    principal: Principal = capability("catalog.write"),
    db: Session = Depends(db_session),
) -> Response:
    form = await request.form()
    values: dict[str, Any] = {
        name: _form_value(form, name) or ""
        for name in ("name", "description", "family", "helpfulness", "harm_potential")
    }
    values["functions"] = [v for v in form.getlist("functions") if isinstance(v, str)]
    values["fit_tags"] = [t.strip() for t in (_form_value(form, "fit_tags") or "").split(",")]
    values["fit_tags"] = [t for t in values["fit_tags"] if t]
    try:
        strategy = to_strategy(
            StrategyIn(**{**values, "harm_potential": values["harm_potential"] or "none"})
        )
    except (ValidationError, ApiError) as error:
        values["fit_tags"] = ", ".join(values["fit_tags"])
        return _org_page(
            request, principal, db, errors=form_errors(error), values=values, status_code=422
        )
    row = coping.create_custom(
        db, org_id=principal.org_id, owner_id=None, strategy=strategy,
        by=principal.membership.id, now=utcnow(),
    )  # fmt: skip
    principal.audit(db, "catalog.add", resource_type="strategy", resource_id=row.id)
    return redirect("/admin/strategies?added=1")


@router.post("/admin/strategies/{strategy_id}/retire")
def org_strategy_retire(
    strategy_id: str,
    principal: Principal = capability("catalog.write"),
    db: Session = Depends(db_session),
) -> Response:
    try:
        coping.retire_org_strategy(
            db, org_id=principal.org_id, strategy_id=strategy_id, now=utcnow()
        )
    except coping.CopingError:
        raise ApiError(404) from None
    principal.audit(db, "catalog.retire", resource_type="strategy", resource_id=strategy_id)
    return redirect("/admin/strategies")
