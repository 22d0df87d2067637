"""The coping JSON API: catalog, jar, coping moments, urge surfing, insights."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care.policy import Action, Category, Relation
from mend.clock import utcnow
from mend.coping import analytics, rules
from mend.coping import service as coping
from mend.coping.catalog import FAMILIES, CatalogError, Strategy, parse_strategy
from mend.coping.models import CopingMoment, UrgeSession
from mend.coping.schemas import (
    JarAdd,
    JarEdit,
    MomentEdit,
    MomentIn,
    MomentOut,
    PersonalAdd,
    PreferencesIn,
    StrategyIn,
    UrgeIn,
    UsedOut,
)
from mend.safety import crisis_lines
from mend.safety.tell import safety_answer
from mend.settings import Settings
from mend.web.auth import ClientAccess, Principal, capability, client_record, settings_of
from mend.web.errors import ApiError, error_body
from mend.web.transaction import db_session

router = APIRouter(prefix="/api/v1")

CLIENT_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
# Who sees clinical prompts (the grief flag, risk signals): the treating
# therapist, or someone using audited emergency access.
CLINICAL = frozenset({Relation.TREATING, Relation.BREAK_GLASS})
READ = client_record(Category.COPING, Action.READ)
WRITE = client_record(Category.COPING, Action.WRITE)


def coping_error(error: coping.CopingError) -> ApiError:
    return ApiError(error.status, error.message, fields={error.field: error.message})


def limits_for(settings: Settings) -> coping.MomentLimits:
    return coping.MomentLimits(
        now=utcnow(),
        skew=timedelta(minutes=settings.clock_skew_minutes),
        imminent_urge_level=settings.imminent_urge_level,
    )


def crisis_resources(
    db: Session | None = None, client: Membership | None = None
) -> list[dict[str, Any]]:
    """The client's crisis lines (their country's, else every default) and the
    emergency number, each with its source and when it was last checked
    (clinical-model §5). Without a client: every default line."""
    found = (
        crisis_lines.lines_for(db, client=client)
        if db is not None and client is not None
        else crisis_lines.defaults()
    )
    return crisis_lines.as_json(found)


def strategy_out(strategy: Strategy) -> dict[str, Any]:
    return {
        "id": strategy.id,
        "name": strategy.name,
        "family": strategy.family,
        "orientation": strategy.orientation,
        "helpfulness": strategy.helpfulness,
        "harm_potential": strategy.harm_potential,
        "functions": list(strategy.functions),
        "places": list(strategy.places),
        "minutes": strategy.minutes,
        "social": strategy.social,
        "cost": strategy.cost,
        "fit_tags": list(strategy.fit_tags),
        "description": strategy.description,
    }


def entry_out(entry: coping.JarEntry) -> dict[str, Any]:
    item = entry.item
    return {
        "id": item.id,
        "strategy": strategy_out(entry.strategy),
        "stage_of_change": item.stage_of_change,
        "reduction_goal_at": item.reduction_goal_at,
        "note": item.note,
        "added_at": item.added_at,
        "retired_at": item.retired_at,
    }


def moment_out(moment: CopingMoment, *, safety_pathway: bool = False) -> MomentOut:
    return MomentOut(
        id=moment.id,
        idempotency_key=moment.idempotency_key,
        occurred_at=moment.occurred_at,
        logged_at=moment.logged_at,
        distress_before=moment.distress_before,
        distress_after=moment.distress_after,
        strategies=[
            UsedOut(
                jar_item_id=s.jar_item_id,
                strategy=s.strategy_ref,
                helpfulness=s.helpfulness,
                orientation=s.orientation,
            )
            for s in moment.strategies
        ],
        stressor=moment.stressor,
        stressor_category=moment.stressor_category,
        appraisal=moment.appraisal,
        controllability=moment.controllability,
        urge=moment.urge,
        urge_target_id=moment.urge_target_id,
        urge_self_harm=moment.urge_self_harm,
        loss_orientation=moment.loss_orientation,
        note=moment.note,
        version=moment.version,
        edited_at=moment.edited_at,
        safety_pathway=safety_pathway,
    )


def moment_data(body: MomentIn) -> coping.MomentData:
    return coping.MomentData(
        occurred_at=body.occurred_at,
        distress_before=body.distress_before,
        distress_after=body.distress_after,
        strategy_ids=tuple(body.strategy_ids),
        stressor=(body.stressor or "").strip() or None,
        stressor_category=body.stressor_category,
        appraisal=body.appraisal,
        controllability=body.controllability,
        urge=body.urge,
        urge_target_id=body.urge_target_id or None,
        urge_self_harm=body.urge_self_harm,
        loss_orientation=body.loss_orientation,
        note=(body.note or "").strip() or None,
    )


def urge_out(
    session: UrgeSession, *, imminent: bool = False, lines: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": session.id,
        "client_key": session.client_key,
        "target_id": session.target_id,
        "self_harm": session.self_harm,
        "passed_level": session.passed_level,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "end_reason": session.end_reason,
        "samples": json.loads(session.samples),
        "peak": session.peak,
        "time_to_peak": session.time_to_peak,
        "time_to_pass": session.time_to_pass,
        "safety_pathway": imminent,
    }
    if imminent:
        out["crisis_resources"] = lines if lines is not None else crisis_resources()
    return out


def to_strategy(body: StrategyIn) -> Strategy:
    """Check a strategy in someone's own words against the catalog vocabulary."""
    entry = body.model_dump(exclude={"stage_of_change"})
    entry["description"] = entry["description"].strip() or entry["name"]
    entry["orientation"] = FAMILIES.get(body.family, "")
    try:
        return parse_strategy({"id": "new", **entry}, "strategy")
    except CatalogError as error:
        raise ApiError(422, fields={error.field: error.problem}) from None


# ---------------------------------------------------------------- catalog


@router.get("/catalog")
def catalog(
    principal: Principal = capability("catalog.read"),
    db: Session = Depends(db_session),
) -> list[dict[str, Any]]:
    client_id = principal.membership.id if principal.role.value == "client" else None
    found = coping.catalog_for(db, org_id=principal.org_id, client_id=client_id, offered_only=True)
    return [strategy_out(s) for s in found.values()]


@router.post("/catalog", status_code=201)
def add_org_strategy(
    body: StrategyIn,
    principal: Principal = capability("catalog.write"),
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    strategy = to_strategy(body)
    row = coping.create_custom(
        db,
        org_id=principal.org_id,
        owner_id=None,
        strategy=strategy,
        by=principal.membership.id,
        now=utcnow(),
    )
    principal.audit(db, "catalog.add", resource_type="strategy", resource_id=row.id)
    return strategy_out(coping.custom_to_strategy(row))


# ---------------------------------------------------------------- the jar


def _jar(db: Session, access: ClientAccess) -> dict[str, Any]:
    entries = coping.jar_of(db, client=access.client)
    return {"items": [entry_out(e) for e in entries]}


@router.get("/jar")
def my_jar(access: ClientAccess = READ, db: Session = Depends(db_session)) -> dict[str, Any]:
    return _jar(db, access)


@router.get("/clients/{client_id}/jar")
def client_jar(
    client_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return _jar(db, access)


def _jar_response(db: Session, access: ClientAccess, result: coping.JarResult) -> JSONResponse:
    body = entry_out(result.entry) | {"safety_pathway": result.safety_pathway}
    if result.safety_pathway:
        body["crisis_resources"] = crisis_resources(db, access.client)
    status = 201 if result.created else 200
    return JSONResponse(jsonable_encoder(body), status_code=status)


@router.post("/jar", status_code=201)
def add_to_jar(
    body: JarAdd, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    try:
        result = coping.add_to_jar(
            db,
            client=access.client,
            strategy_ref=body.strategy,
            stage_of_change=body.stage_of_change,
            by=access.principal.membership.id,
            now=utcnow(),
        )
    except coping.CopingError as error:
        raise coping_error(error) from None
    access.audit(db, "jar.add", resource_type="jar_item", resource_id=result.entry.item.id)
    return _jar_response(db, access, result)


@router.post("/jar/personal", status_code=201)
def add_personal(
    body: PersonalAdd, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    strategy = to_strategy(body)
    try:
        result = coping.add_personal(
            db,
            client=access.client,
            strategy=strategy,
            stage_of_change=body.stage_of_change,
            now=utcnow(),
        )
    except coping.CopingError as error:
        raise coping_error(error) from None
    access.audit(db, "jar.add", resource_type="jar_item", resource_id=result.entry.item.id)
    return _jar_response(db, access, result)


def _entry(db: Session, access: ClientAccess, item_id: str) -> coping.JarEntry:
    try:
        return coping.get_item(db, client=access.client, item_id=item_id)
    except coping.CopingError as error:
        raise coping_error(error) from None


@router.patch("/jar/{item_id}")
def edit_jar_item(
    item_id: str, body: JarEdit, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> dict[str, Any]:
    entry = _entry(db, access, item_id)
    now, by = utcnow(), access.principal.membership.id
    try:
        if "stage_of_change" in body.model_fields_set:
            coping.set_stage(db, entry=entry, stage=body.stage_of_change, by=by, now=now)
        if "note" in body.model_fields_set:
            coping.set_note(entry, note=(body.note or "").strip())
    except coping.CopingError as error:
        raise coping_error(error) from None
    access.audit(db, "jar.edit", resource_type="jar_item", resource_id=item_id)
    return entry_out(entry)


@router.post("/jar/{item_id}/retire")
def retire(
    item_id: str, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> dict[str, Any]:
    entry = _entry(db, access, item_id)
    coping.retire(db, entry=entry, by=access.principal.membership.id, now=utcnow())
    access.audit(db, "jar.retire", resource_type="jar_item", resource_id=item_id)
    return entry_out(entry)


@router.post("/jar/{item_id}/restore")
def restore(
    item_id: str, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    entry = _entry(db, access, item_id)
    pathway = coping.restore(db, entry=entry, by=access.principal.membership.id, now=utcnow())
    access.audit(db, "jar.restore", resource_type="jar_item", resource_id=item_id)
    return _jar_response(db, access, coping.JarResult(entry, created=False, safety_pathway=pathway))


def suggestion_out(suggestion: rules.Suggestion) -> dict[str, Any]:
    return {
        "strategy": strategy_out(suggestion.strategy),
        "score": suggestion.score,
        "in_jar": suggestion.in_jar,
        "reasons": list(suggestion.reasons),
    }


@router.get("/jar/{item_id}/suggestions")
def suggestions(
    item_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    entry = _entry(db, access, item_id)
    if entry.strategy.helpfulness != "harmful":
        return []
    found = coping.suggestions_for(db, client=access.client, entry=entry)
    return [suggestion_out(s) for s in found]


@router.put("/jar/{item_id}/reduction-goal")
def set_reduction_goal(
    item_id: str, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    entry = _entry(db, access, item_id)
    try:
        decision = coping.set_reduction_goal(
            db, client=access.client, entry=entry, by=access.principal.membership.id, now=utcnow()
        )
    except coping.CopingError as error:
        raise coping_error(error) from None
    if not decision.allowed:
        body = error_body(409, decision.reason, "replace_first", {"item_id": decision.reason})
        offered = coping.suggestions_for(db, client=access.client, entry=entry)
        body["error"]["suggestions"] = [suggestion_out(s) for s in offered]
        return JSONResponse(jsonable_encoder(body), status_code=409)
    access.audit(db, "jar.reduction_goal", resource_type="jar_item", resource_id=item_id)
    out = entry_out(entry) | {"reason": decision.reason, "safety_pathway": decision.imminent}
    if decision.imminent:
        out["crisis_resources"] = crisis_resources(db, access.client)
    return JSONResponse(jsonable_encoder(out))


@router.delete("/jar/{item_id}/reduction-goal")
def clear_reduction_goal(
    item_id: str, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> dict[str, Any]:
    entry = _entry(db, access, item_id)
    coping.clear_reduction_goal(db, entry=entry, by=access.principal.membership.id, now=utcnow())
    access.audit(db, "jar.reduction_goal_cleared", resource_type="jar_item", resource_id=item_id)
    return entry_out(entry)


# ---------------------------------------------------------------- coping moments


def log(
    db: Session, access: ClientAccess, body: MomentIn, settings: Settings
) -> coping.MomentResult:
    try:
        result = coping.log_moment(
            db,
            client=access.client,
            key=body.idempotency_key,
            data=moment_data(body),
            limits=limits_for(settings),
        )
    except coping.CopingError as error:
        raise coping_error(error) from None
    action = "moment.create" if result.created else "moment.replay"
    access.audit(db, action, resource_type="coping_moment", resource_id=result.moment.id)
    return result


@router.post("/moments", status_code=201, response_model=MomentOut)
def log_moment(
    body: MomentIn,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    result = log(db, access, body, settings_of(request))
    return moment_response(db, access, result, status=201 if result.created else 200)


def moment_response(
    db: Session, access: ClientAccess, result: coping.MomentResult, *, status: int
) -> JSONResponse:
    out = moment_out(result.moment, safety_pathway=result.safety_pathway).model_dump(mode="json")
    if result.safety_pathway:
        out["crisis_resources"] = crisis_resources(db, access.client)
    if result.words != "none":
        # Words in the note that sound like risk: the same answer as the journal's.
        out["safety"] = safety_answer(db, access.client)
    return JSONResponse(out, status_code=status)


def _moments(db: Session, client_id: str, limit: int) -> list[MomentOut]:
    rows = coping.recent_moments(db, client_id=client_id, limit=max(1, min(limit, 200)))
    return [moment_out(m) for m in rows]


@router.get("/moments", response_model=list[MomentOut])
def my_moments(
    limit: int = 50, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[MomentOut]:
    return _moments(db, access.client.id, limit)


@router.get("/clients/{client_id}/moments", response_model=list[MomentOut])
def client_moments(
    client_id: str, limit: int = 50, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[MomentOut]:
    return _moments(db, client_id, limit)


def _moment(db: Session, access: ClientAccess, moment_id: str) -> CopingMoment:
    try:
        return coping.get_moment(db, client=access.client, moment_id=moment_id)
    except coping.CopingError as error:
        raise coping_error(error) from None


@router.get("/moments/{moment_id}", response_model=MomentOut)
def get_moment(
    moment_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> MomentOut:
    return moment_out(_moment(db, access, moment_id))


def edit(
    db: Session, access: ClientAccess, moment: CopingMoment, body: MomentEdit, settings: Settings
) -> coping.MomentResult:
    try:
        result = coping.edit_moment(
            db,
            client=access.client,
            moment=moment,
            data=moment_data(body),
            version=body.version,
            edit_window=timedelta(hours=settings.moment_edit_hours),
            limits=limits_for(settings),
        )
    except coping.CopingError as error:
        raise coping_error(error) from None
    access.audit(db, "moment.edit", resource_type="coping_moment", resource_id=moment.id)
    return result


@router.patch("/moments/{moment_id}", response_model=MomentOut)
def edit_moment(
    moment_id: str,
    body: MomentEdit,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    result = edit(db, access, _moment(db, access, moment_id), body, settings_of(request))
    return moment_response(db, access, result, status=200)


@router.get("/moments/{moment_id}/revisions")
def moment_revisions(
    moment_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    moment = _moment(db, access, moment_id)
    return [
        {
            "version": r.version,
            "replaced_at": r.replaced_at,
            "was": json.loads(r.snapshot),
        }
        for r in coping.revisions_of(db, moment_id=moment.id)
    ]


# ---------------------------------------------------------------- urge surfing


def save_urge(
    db: Session, access: ClientAccess, key: str, body: UrgeIn, settings: Settings
) -> tuple[UrgeSession, bool]:
    level = coping.passed_level(db, client_id=access.client.id, default=settings.urge_passed_level)
    data = coping.UrgeData(
        started_at=body.started_at,
        samples=tuple(body.samples),
        target_id=body.target_id or None,
        self_harm=body.self_harm,
        ended=body.ended,
        end_reason=body.end_reason,
    )
    try:
        session, imminent = coping.save_urge_session(
            db, client=access.client, key=key, data=data, passed_level=level,
            limits=limits_for(settings),
        )  # fmt: skip
    except coping.CopingError as error:
        raise coping_error(error) from None
    access.audit(db, "urge_session.save", resource_type="urge_session", resource_id=session.id)
    return session, imminent


@router.put("/urge-sessions/{client_key}")
def put_urge_session(
    client_key: str,
    body: UrgeIn,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    if not CLIENT_KEY.fullmatch(client_key):
        raise ApiError(422, fields={"client_key": "Use 8 to 64 letters, digits, - or _."})
    session, imminent = save_urge(db, access, client_key, body, settings_of(request))
    lines = crisis_resources(db, access.client) if imminent else None
    return urge_out(session, imminent=imminent, lines=lines)


@router.get("/urge-sessions")
def my_urge_sessions(
    access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    return [urge_out(s) for s in coping.urge_sessions(db, client_id=access.client.id)]


@router.get("/clients/{client_id}/urge-sessions")
def client_urge_sessions(
    client_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    return [urge_out(s) for s in coping.urge_sessions(db, client_id=client_id)]


@router.get("/coping/preferences")
def get_preferences(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    default = settings_of(request).urge_passed_level
    return {
        "urge_passed_level": coping.passed_level(db, client_id=access.client.id, default=default),
        "preferred_tags": sorted(coping.preferred_tags(db, client_id=access.client.id)),
    }


@router.put("/coping/preferences")
def put_preferences(
    body: PreferencesIn, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> dict[str, Any]:
    coping.save_preferences(
        db,
        client_id=access.client.id,
        urge_passed_level=body.urge_passed_level,
        tags=body.preferred_tags,
        now=utcnow(),
    )
    access.audit(db, "coping.preferences", resource_type="coping_preferences")
    return {"urge_passed_level": body.urge_passed_level, "preferred_tags": body.preferred_tags}


# ---------------------------------------------------------------- insights


def insights_out(found: coping.Insights) -> dict[str, Any]:
    return {
        "moments": found.moments,
        "jar_balance": [
            {
                "week_start": w.week_start,
                "helpful_only": w.helpful_only,
                "some_harmful": w.some_harmful,
                "only_harmful": w.only_harmful,
                "other": w.other,
                "total": w.total,
            }
            for w in found.balance
        ],
        "what_works": [effect_out(e) for e in found.effects],
        "what_works_by_category": {
            c: [effect_out(e) for e in effects] for c, effects in found.by_category.items()
        },
        "goodness_of_fit": {
            "judged": found.fit.judged,
            "fits": found.fit.fits,
            "rate": found.fit.rate,
            "mismatches": list(found.fit.mismatches),
        },
        "dual_process": {
            "loss": found.grief.loss,
            "restoration": found.grief.restoration,
            "flag": found.grief.flag,
            "weeks": [
                {"week_start": w, "loss": loss, "restoration": rest}
                for w, loss, rest in found.grief_weeks
            ],
        },
        "urges": {
            "sessions": len(found.urges),
            "summary": found.urge_summary,
            "curves": [
                {"peak": c.peak, "time_to_peak": c.time_to_peak, "time_to_pass": c.time_to_pass}
                for c in found.urges
            ],
        },
        "replacements": {
            item_id: [suggestion_out(s) for s in offered]
            for item_id, offered in found.suggestions.items()
        },
    }


def effect_out(effect: analytics.StrategyEffect) -> dict[str, Any]:
    return {
        "strategy": effect.strategy_id,
        "uses": effect.uses,
        "mean_drop": round(effect.mean_drop, 3),
        "estimate": round(effect.estimate, 3),
        "low": round(effect.low, 3),
        "high": round(effect.high, 3),
        "toward": effect.toward,
    }


def load_insights(db: Session, access: ClientAccess, settings: Settings) -> coping.Insights:
    return coping.insights(
        db,
        client=access.client,
        now=utcnow(),
        grief_days=settings.grief_window_days,
        grief_minimum=settings.grief_minimum_moments,
    )


@router.get("/insights")
def my_insights(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    found = insights_out(load_insights(db, access, settings_of(request)))
    # The grief flag is for the clinician (clinical-model §3), not for the client.
    found["dual_process"].pop("flag")
    return found


@router.get("/clients/{client_id}/insights")
def client_insights(
    client_id: str, request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    loaded = load_insights(db, access, settings_of(request))
    found = insights_out(loaded)
    if access.relation in CLINICAL:
        found["dual_process"]["reason"] = loaded.grief.reason
    else:
        # The grief flag is for the clinician (clinical-model §3), not the coach.
        found["dual_process"].pop("flag")
    return found
