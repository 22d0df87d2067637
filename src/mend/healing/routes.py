"""The healing journey: JSON API and pages (clinical-model §4).

- The treating therapist (``/clients/{id}/journey``) sees the stage and its
  history, the six readiness indicators with the data behind them, records a
  readiness decision, changes the stage with a reason (an override reason to
  enter stage 2 without readiness) and logs processing sessions, each with
  its pacing check.
- The client (``/journey``) sees their stage and their journey in plain words
  and says yes or no to trauma-focused work themself (a consent: the policy's
  CONSENT category, which only the client writes).
- A coach, an admin and anyone off the care team get nothing (no policy row).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import Field, StrictBool, ValidationError
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care.policy import Action, Category
from mend.clock import utcnow
from mend.coping.schemas import When
from mend.healing import healing_view, insights, readiness, service, stages
from mend.healing.models import (
    ProcessingSession,
    ReadinessDecision,
    StageChange,
    TraumaWorkAgreement,
)
from mend.healing.service import Assessment, HealingError, StaleStageError
from mend.safety.models import RiskSignal
from mend.web.auth import ClientAccess, client_record, settings_of
from mend.web.errors import ApiError, error_body
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session

router = APIRouter()
API = "/api/v1"

READ = client_record(Category.HEALING, Action.READ)
WRITE = client_record(Category.HEALING, Action.WRITE)
# Saying yes or no to trauma-focused work is the client's own consent.
AGREE = client_record(Category.CONSENT, Action.WRITE)

VERDICT_WORDS = {
    readiness.Verdict.MET: "Met",
    readiness.Verdict.NOT_MET: "Not met",
    readiness.Verdict.NOT_ENOUGH_DATA: "Not enough data",
}
DECISION_WORDS = {"ready": "Ready for stage 2", "not_yet": "Not yet"}
# Field names in the API for the pure module's names.
FIELD_NAMES = {"target": "to_stage"}


# ---------------------------------------------------------------- inputs


class StageIn(Input):
    to_stage: Annotated[int, Field(strict=True)]
    reason: str = Field(max_length=stages.MAX_REASON_CHARS * 2)
    override_reason: str | None = Field(default=None, max_length=stages.MAX_REASON_CHARS * 2)
    version: int = Field(ge=0, le=1_000_000)


class DecisionIn(Input):
    decision: Literal["ready", "not_yet"]
    reason: str = Field(max_length=stages.MAX_REASON_CHARS * 2)


class SessionIn(Input):
    session_at: When
    note: str | None = Field(default=None, max_length=service.MAX_NOTE_CHARS * 2)
    idempotency_key: str | None = Field(default=None, min_length=8, max_length=64)


class AgreementIn(Input):
    agreed: StrictBool


# ---------------------------------------------------------------- outputs


def _person(member: Membership) -> dict[str, Any]:
    return {"id": member.id, "name": member.user.display_name, "role": member.role}


def links_for(client_id: str, assessed: Assessment) -> dict[str, str | None]:
    """Where the data behind each indicator is, for the therapist."""
    coping = f"/clients/{client_id}/coping"
    found: dict[str, str | None] = {
        "safety_plan": f"/clients/{client_id}/safety-plan",
        "no_recent_risk": "/alerts?show=all",
        "helpful_strategies": coping,
        "grounding_practice": coping,
        "jar_balance": coping,
        "client_agrees": f"/clients/{client_id}/journey#agreement",
    }
    return {k: None if k in assessed.not_shared else v for k, v in found.items()}


def readiness_out(client_id: str, assessed: Assessment) -> dict[str, Any]:
    links = links_for(client_id, assessed)
    out = service.snapshot(assessed)
    for indicator in out["indicators"]:
        indicator["link"] = links[indicator["key"]]
    return out


def change_out(change: StageChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "version": change.sequence,
        "from_stage": change.from_stage,
        "to_stage": change.to_stage,
        "reason": change.reason,
        "override": change.override,
        "override_reason": change.override_reason,
        "readiness": json.loads(change.readiness) if change.readiness else None,
        "changed_by": _person(change.changer),
        "changed_at": change.changed_at.isoformat(),
    }


def decision_out(decision: ReadinessDecision) -> dict[str, Any]:
    return {
        "id": decision.id,
        "decision": decision.decision,
        "reason": decision.reason,
        "ready": decision.ready,
        "indicators": json.loads(decision.indicators),
        "decided_by": _person(decision.decider),
        "decided_at": decision.decided_at.isoformat(),
    }


def session_out(session: ProcessingSession, signal: RiskSignal | None) -> dict[str, Any]:
    return {
        "id": session.id,
        "session_at": session.session_at.isoformat(),
        "note": session.note,
        "logged_by": _person(session.logger),
        "logged_at": session.logged_at.isoformat(),
        "pacing": json.loads(session.pacing) if session.pacing else None,
        "pacing_done": session.pacing_done,
        "alert_id": signal.alert_id if signal else None,
    }


def stage_out(
    change: StageChange | None, version: int, names: Mapping[stages.Stage, str]
) -> dict[str, Any] | None:
    if change is None:
        return None
    text = stages.describe(change.to_stage, names)
    return {
        "number": int(text.stage),
        "name": text.name,
        "client_title": text.client_title,
        "since": change.changed_at.isoformat(),
        "version": version,
    }


def journey_out(db: Session, access: ClientAccess, *, now: datetime) -> dict[str, Any]:
    client = access.client
    changes = service.history(db, client_id=client.id)
    assessed = service.assess(db, client=client, viewer=access.principal.membership, now=now)
    said = service.latest_agreement(db, client_id=client.id)
    signals = service.pacing_signals(db, client_id=client.id)
    return {
        "client_id": client.id,
        "version": len(changes),
        "stage": stage_out(
            service.current_of(changes), len(changes), service.stage_names(client.org)
        ),
        "history": [change_out(c) for c in changes],
        "readiness": readiness_out(client.id, assessed),
        "decisions": [decision_out(d) for d in service.decisions(db, client_id=client.id)],
        "agreement": None if said is None else {
            "agreed": said.agreed, "said_at": said.said_at.isoformat(),
        },
        "sessions": [
            session_out(s, signals.get(s.id))
            for s in service.sessions_of(db, client_id=client.id)
        ],
    }  # fmt: skip


def own_journey_out(db: Session, client: Membership) -> dict[str, Any]:
    """The client's own view: plain words, no clinical reasons or indicators."""
    changes = service.history(db, client_id=client.id)
    said = service.latest_agreement(db, client_id=client.id)
    latest = service.current_of(changes)
    now_stage = None
    if latest is not None:
        words = stages.CLIENT_WORDS[stages.Stage(latest.to_stage)]
        now_stage = {
            "number": latest.to_stage,
            "title": words.title,
            "words": words.words,
            "since": latest.changed_at.isoformat(),
        }
    return {
        "stage": now_stage,
        "history": [
            {
                "stage": c.to_stage,
                "title": stages.CLIENT_WORDS[stages.Stage(c.to_stage)].title,
                "since": c.changed_at.isoformat(),
            }
            for c in changes
        ],
        "agreement": None if said is None else {
            "agreed": said.agreed, "said_at": said.said_at.isoformat(),
        },
    }  # fmt: skip


# ---------------------------------------------------------------- actions


def _api_error(error: HealingError) -> ApiError:
    field = FIELD_NAMES.get(error.field, error.field)
    return ApiError(error.status, error.message, fields={field: error.message})


def _change(db: Session, access: ClientAccess, body: StageIn) -> StageChange:
    row = service.change_stage(
        db,
        client=access.client,
        by=access.principal.membership,
        target=body.to_stage,
        reason=body.reason,
        override_reason=body.override_reason,
        version=body.version,
        now=utcnow(),
    )
    detail = {"from": str(row.from_stage or ""), "to": str(row.to_stage)}
    access.audit(db, "healing.stage_changed", resource_type="healing_stage_change",
                 resource_id=row.id, detail=detail)  # fmt: skip
    if row.override:
        unmet = json.loads(row.readiness or "{}").get("unmet", [])
        access.audit(db, "healing.stage_override", resource_type="healing_stage_change",
                     resource_id=row.id, detail=detail | {"unmet": ",".join(unmet)})  # fmt: skip
    return row


def _decide(db: Session, access: ClientAccess, body: DecisionIn) -> ReadinessDecision:
    row = service.record_decision(
        db,
        client=access.client,
        by=access.principal.membership,
        decision=body.decision,
        reason=body.reason,
        now=utcnow(),
    )
    access.audit(db, "healing.readiness_decided", resource_type="healing_readiness_decision",
                 resource_id=row.id, detail={"decision": row.decision,
                                             "ready": "yes" if row.ready else "no"})  # fmt: skip
    return row


def _log(db: Session, request: Request, access: ClientAccess, body: SessionIn) -> service.Logged:
    logged = service.log_session(
        db,
        client=access.client,
        by=access.principal.membership,
        session_at=body.session_at,
        note=body.note,
        key=body.idempotency_key,
        now=utcnow(),
        skew=timedelta(minutes=settings_of(request).clock_skew_minutes),
    )
    if logged.created:
        access.audit(db, "healing.session_logged", resource_type="healing_processing_session",
                     resource_id=logged.session.id)  # fmt: skip
    return logged


def _agree(db: Session, access: ClientAccess, agreed: bool) -> None:
    row = service.record_agreement(db, client=access.client, agreed=agreed, now=utcnow())
    access.audit(db, "healing.agreement", resource_type="healing_agreement", resource_id=row.id,
                 detail={"agreed": "yes" if agreed else "no"})  # fmt: skip


# ---------------------------------------------------------------- JSON API


@router.get(f"{API}/clients/{{client_id}}/journey")
def journey_api(access: ClientAccess = READ, db: Session = Depends(db_session)) -> dict[str, Any]:
    if access.client.id == access.principal.membership.id:
        return own_journey_out(db, access.client)
    return journey_out(db, access, now=utcnow())


@router.get(f"{API}/my-record/journey")
def own_journey_api(
    access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return own_journey_out(db, access.client)


@router.post(f"{API}/clients/{{client_id}}/journey/stage", status_code=201, response_model=None)
def stage_api(
    body: StageIn, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> dict[str, Any] | JSONResponse:
    try:
        row = _change(db, access, body)
    except StaleStageError as stale:
        out = error_body(409, stale.message, "conflict", {stale.field: stale.message})
        current = journey_out(db, access, now=utcnow())
        return JSONResponse(out | {"current": current}, status_code=409)
    except HealingError as error:
        raise _api_error(error) from None
    return change_out(row)


@router.post(f"{API}/clients/{{client_id}}/journey/decisions", status_code=201)
def decision_api(
    body: DecisionIn, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> dict[str, Any]:
    try:
        return decision_out(_decide(db, access, body))
    except HealingError as error:
        raise _api_error(error) from None


@router.post(f"{API}/clients/{{client_id}}/journey/sessions", status_code=201)
def session_api(
    body: SessionIn,
    request: Request,
    response: Response,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    try:
        logged = _log(db, request, access, body)
    except HealingError as error:
        raise _api_error(error) from None
    response.status_code = 201 if logged.created else 200
    signal = service.pacing_signal(db, session_id=logged.session.id)
    return session_out(logged.session, signal)


@router.put(f"{API}/my-record/journey/agreement")
def agreement_api(
    body: AgreementIn, access: ClientAccess = AGREE, db: Session = Depends(db_session)
) -> dict[str, Any]:
    _agree(db, access, body.agreed)
    return own_journey_out(db, access.client)


# ---------------------------------------------------------------- pages


# What a page says when a field fails its shape check (the API keeps pydantic's words).
PLAIN = {
    "to_stage": "Choose stage 1, 2 or 3.",
    "reason": f"Keep the reason to {stages.MAX_REASON_CHARS} characters.",
    "override_reason": f"Keep the override reason to {stages.MAX_REASON_CHARS} characters.",
    "version": "This form is out of date. Please reload the page and try again.",
    "decision": "Choose ready for stage 2 or not yet.",
    "session_at": "Give the date and time the session started.",
    "note": f"Keep the note to {service.MAX_NOTE_CHARS} characters.",
    "idempotency_key": "This form is out of date. Please reload the page and try again.",
}


def _errors(error: Exception) -> dict[str, str]:
    if isinstance(error, HealingError):
        return {FIELD_NAMES.get(error.field, error.field): error.message}
    found: dict[str, str] = {}
    if isinstance(error, ValidationError):
        for problem in error.errors():
            name = ".".join(str(p) for p in problem["loc"]) or "form"
            found.setdefault(name, PLAIN.get(name, problem["msg"].removeprefix("Value error, ")))
    return found or {"form": str(error)}


def _status(error: Exception) -> int:
    return error.status if isinstance(error, HealingError) else 422


def _journey_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    form: str | None = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    now = utcnow()
    client = access.client
    changes = service.history(db, client_id=client.id)
    latest = service.current_of(changes)
    assessed = service.assess(db, client=client, viewer=access.principal.membership, now=now)
    signals = service.pacing_signals(db, client_id=client.id)
    sessions = service.sessions_of(db, client_id=client.id)
    decided = service.decisions(db, client_id=client.id)
    agreement = service.latest_agreement(db, client_id=client.id)
    matter = _insights_matter(latest, decided, agreement)
    names = service.stage_names(client.org)
    return render(
        request,
        "healing/journey.html",
        status_code,
        principal=access.principal,
        client=client,
        now=now,
        stage=stages.describe(latest.to_stage, names) if latest else None,
        latest=latest,
        version=len(changes),
        history=list(reversed(changes)),
        snapshots={c.id: json.loads(c.readiness) for c in changes if c.readiness},
        all_stages=[stages.describe(s, names) for s in stages.Stage],
        names=names,
        assessed=assessed,
        links=links_for(client.id, assessed),
        verdict_words=VERDICT_WORDS,
        decisions=list(reversed(decided)),
        decision_words=DECISION_WORDS,
        agreement=agreement,
        insights_matter=matter,
        insights=_insights(request, db, access, now) if matter else None,
        sessions=sessions,
        pacing={s.id: json.loads(s.pacing) for s in sessions if s.pacing},
        signals=signals,
        status_words={k.value: v for k, v in service.STATUS_WORDS.items()},
        form=form,
        values=values or {},
        errors=errors or {},
        new_key=secrets.token_hex(12),
        default_session_at=now.strftime("%Y-%m-%dT%H:%M"),
        max_reason=stages.MAX_REASON_CHARS,
        max_note=service.MAX_NOTE_CHARS,
    )


def _insights_matter(
    latest: StageChange | None,
    decided: list[ReadinessDecision],
    agreement: TraumaWorkAgreement | None,
) -> bool:
    """The coping findings go beside readiness for a client in stage 2 or being
    assessed for it (see `insights.beside_readiness`)."""
    return insights.beside_readiness(
        latest.to_stage if latest else None,
        decisions=len(decided),
        agreed=agreement.agreed if agreement else None,
    )


def _insights(
    request: Request, db: Session, access: ClientAccess, now: datetime
) -> insights.Review | None:
    """The findings, or None when the client does not share their coping with this viewer.
    Shown findings are a read of the client's coping, so the access log says so."""
    review = healing_view.review_for(
        db,
        client=access.client,
        viewer=access.principal.membership,
        now=now,
        settings=settings_of(request),
    )
    if review is not None:
        access.audit(
            db,
            f"{Category.COPING}.read",
            resource_type=Category.COPING.value,
            detail={"via": "healing"},
        )
    return review


@router.get("/clients/{client_id}/journey")
def journey_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    if access.client.id == access.principal.membership.id:
        return redirect("/journey")
    return _journey_page(request, db, access)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


def _whole(text: str, default: int) -> int:
    """A whole number typed in a form, or `default` (which the checks then refuse)."""
    try:
        return int(text.strip()) if text.strip().isascii() else default
    except ValueError:
        return default


@router.post("/clients/{client_id}/journey/stage")
async def stage_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    form = await _form(request)
    values: dict[str, Any] = {
        "to_stage": form.get("to_stage", ""),
        "reason": form.get("reason", ""),
        "override_reason": form.get("override_reason", "") or None,
        "version": form.get("version", ""),
    }
    try:
        body = StageIn.model_validate(
            values
            | {
                "to_stage": _whole(values["to_stage"], 0),
                "version": _whole(values["version"], -1),
            }
        )
        row = _change(db, access, body)
    except StaleStageError as stale:
        return _journey_page(request, db, access, form="stage", values=values,
                             errors={"version": stale.message}, status_code=409)  # fmt: skip
    except (ValidationError, HealingError) as error:
        return _journey_page(request, db, access, form="stage", values=values,
                             errors=_errors(error), status_code=_status(error))  # fmt: skip
    done = "override" if row.override else "stage"
    return redirect(f"/clients/{access.client.id}/journey?saved={done}#stage-h")


@router.post("/clients/{client_id}/journey/decision")
async def decision_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    form = await _form(request)
    values = {"decision": form.get("decision", ""), "reason": form.get("reason", "")}
    try:
        _decide(db, access, DecisionIn.model_validate(values))
    except (ValidationError, HealingError) as error:
        return _journey_page(request, db, access, form="decision", values=values,
                             errors=_errors(error), status_code=_status(error))  # fmt: skip
    return redirect(f"/clients/{access.client.id}/journey?saved=decision#decisions-h")


def _session_at(text: str) -> datetime | str:
    """A datetime-local value, read as UTC (the time every page shows)."""
    try:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)
    except ValueError:
        return text


@router.post("/clients/{client_id}/journey/sessions")
async def session_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    form = await _form(request)
    values = {
        "session_at": form.get("session_at", ""),
        "note": form.get("note", "") or None,
        "idempotency_key": form.get("key", "") or None,
    }
    try:
        body = SessionIn.model_validate(
            values | {"session_at": _session_at(values["session_at"] or "")}
        )
        _log(db, request, access, body)
    except (ValidationError, HealingError) as error:
        return _journey_page(request, db, access, form="session", values=values,
                             errors=_errors(error), status_code=_status(error))  # fmt: skip
    return redirect(f"/clients/{access.client.id}/journey?saved=session#sessions-h")


def _own_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    changes = service.history(db, client_id=access.client.id)
    latest = service.current_of(changes)
    return render(
        request,
        "healing/mine.html",
        status_code,
        principal=access.principal,
        client=access.client,
        stage=stages.describe(latest.to_stage) if latest else None,
        latest=latest,
        history=list(reversed(changes)),
        words=stages.CLIENT_WORDS,
        all_stages=list(stages.Stage),
        agreement=service.latest_agreement(db, client_id=access.client.id),
        errors=errors or {},
    )


@router.get("/journey")
def own_journey_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _own_page(request, db, access)


@router.post("/journey/agreement")
async def agreement_submit(
    request: Request, access: ClientAccess = AGREE, db: Session = Depends(db_session)
) -> Response:
    form = await _form(request)
    answer = form.get("agreed", "")
    if answer not in ("yes", "no"):
        message = "Choose yes or no."
        return _own_page(request, db, access, errors={"agreed": message}, status_code=422)
    _agree(db, access, answer == "yes")
    return redirect(f"/journey?saved={answer}#agreement-h")
