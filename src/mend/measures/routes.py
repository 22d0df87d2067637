"""The measures JSON API: instruments, assignments, drafts, responses, results."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema
from sqlalchemy.orm import Session

from mend.care import policy
from mend.care.policy import Action, Category, Relation
from mend.clock import utcnow
from mend.coping.routes import crisis_resources
from mend.interop import fhir
from mend.measures import service as measures
from mend.measures.change import PairedCourse
from mend.measures.definitions import Instrument
from mend.measures.models import InstrumentPermission, MeasureAssignment
from mend.measures.scoring import Scorer
from mend.settings import Settings
from mend.web.auth import ClientAccess, Principal, capability, client_record, settings_of
from mend.web.errors import ApiError, error_body
from mend.web.transaction import db_session, keep_writes_on_error

router = APIRouter(prefix="/api/v1")

READ = client_record(Category.MEASURES, Action.READ)
WRITE = client_record(Category.MEASURES, Action.WRITE)
ASSIGN = client_record(Category.MEASURES, Action.ASSIGN)
# Diagnostic algorithms (PHQ-9 depressive syndrome, PCL-5 provisional PTSD) are
# for the treating therapist and the client's own record, never for a coach.
SEES_DIAGNOSES = frozenset({Relation.SELF, Relation.TREATING, Relation.BREAK_GLASS})
# Each answer is checked by the scorer, not the parser, so a wrong one is always
# named by its item number ("answers.3" is item 3), whatever is wrong with it.
Answers = Annotated[
    list[Any],
    Field(max_length=200),
    WithJsonSchema(
        {
            "type": "array",
            "maxItems": 200,
            "items": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
        }
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AssignIn(Strict):
    instrument_id: str = Field(min_length=1, max_length=40)
    every_days: int | None = Field(default=None, ge=1, le=365)
    starts_on: date | None = Field(default=None, ge=date(2000, 1, 1), le=date(2100, 1, 1))


class AnswersIn(Strict):
    answers: Answers


class PermissionIn(Strict):
    enabled: bool
    statement: str = Field(default="", max_length=2000)


class ImportIn(Strict):
    source_name: str = Field(min_length=1, max_length=200)
    definition: str = Field(min_length=1, max_length=200_000)


def measure_error(error: measures.MeasureError) -> ApiError:
    return ApiError(error.status, error.message, fields={error.field: error.message})


def usable(db: Session, *, org_id: str, instrument_id: str) -> measures.Offered:
    try:
        return measures.usable(db, org_id=org_id, instrument_id=instrument_id)
    except measures.MeasureError as error:
        raise measure_error(error) from None


def cutoff_for(instrument: Instrument, settings: Settings) -> float | None:
    return float(settings.pcl5_cutoff) if instrument.id == "pcl5" else None


# ---------------------------------------------------------------- instruments


def instrument_out(offered: measures.Offered) -> dict[str, Any]:
    i = offered.instrument
    return {
        "id": i.id,
        "name": i.name,
        "short_name": i.short_name,
        "licence": i.licence,
        "citation": i.citation,
        "enabled": offered.enabled,
        "source": offered.source,
        "needs_permission": offered.gated,
        "items": len(i.items),
    }


def definition_out(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.id,
        "name": instrument.name,
        "short_name": instrument.short_name,
        "citation": instrument.citation,
        "licence": instrument.licence,
        "stem": instrument.stem,
        "items": [
            {
                "number": item.number,
                "text": item.text,
                "scored": item.scored,
                "answers": [{"value": a.value, "label": a.label} for a in item.answers],
            }
            for item in instrument.items
        ],
    }


@router.get("/instruments")
def list_instruments(
    principal: Principal = capability("catalog.read"), db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    offered = measures.catalog(db, org_id=principal.org_id).values()
    admin = policy.may(principal.role, "org.settings")
    return [instrument_out(o) for o in offered if o.enabled or admin]


@router.get("/instruments/{instrument_id}")
def get_instrument(
    instrument_id: str,
    principal: Principal = capability("catalog.read"),
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    return definition_out(
        usable(db, org_id=principal.org_id, instrument_id=instrument_id).instrument
    )


@router.put("/instruments/{instrument_id}/permission")
def set_permission(
    instrument_id: str,
    body: PermissionIn,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    row = change_permission(db, principal, instrument_id, body)
    return {"instrument_id": instrument_id, "enabled": row.enabled}


def change_permission(
    db: Session, principal: Principal, instrument_id: str, body: PermissionIn
) -> InstrumentPermission:
    try:
        row = measures.set_permission(
            db,
            org_id=principal.org_id,
            instrument_id=instrument_id,
            enabled=body.enabled,
            statement=body.statement,
            by=principal.membership,
            now=utcnow(),
        )
    except measures.MeasureError as error:
        raise measure_error(error) from None
    action = "instrument.enabled" if row.enabled else "instrument.disabled"
    principal.audit(db, action, resource_type="instrument", resource_id=instrument_id)
    return row


@router.post("/instruments/import", status_code=201)
def import_instrument(
    body: ImportIn,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    instrument = do_import(db, principal, source_name=body.source_name, text=body.definition)
    return definition_out(instrument)


def do_import(db: Session, principal: Principal, *, source_name: str, text: str) -> Instrument:
    try:
        instrument = measures.import_definition(
            db,
            org_id=principal.org_id,
            text=text,
            source_name=source_name,
            by=principal.membership,
            now=utcnow(),
        )
    except measures.MeasureError as error:
        raise measure_error(error) from None
    principal.audit(db, "instrument.import", resource_type="instrument", resource_id=instrument.id)
    return instrument


# ---------------------------------------------------------------- assignments


def assignment_out(a: MeasureAssignment) -> dict[str, Any]:
    return {
        "id": a.id,
        "instrument_id": a.instrument_id,
        "every_days": a.every_days,
        "starts_at": a.starts_at.isoformat(),
        "ended_at": a.ended_at.isoformat() if a.ended_at else None,
    }


def make_assignment(
    db: Session,
    access: ClientAccess,
    *,
    instrument_id: str,
    every_days: int | None,
    starts_on: date | None,
) -> MeasureAssignment:
    now = utcnow()
    # Today (or no date) means "from now"; another day starts at its midnight UTC.
    if starts_on is None or starts_on == now.date():
        starts_at = now
    else:
        starts_at = datetime.combine(starts_on, time(), tzinfo=UTC)
    instrument = usable(db, org_id=access.client.org_id, instrument_id=instrument_id).instrument
    assignment = measures.assign(
        db,
        client=access.client,
        instrument=instrument,
        every_days=every_days,
        starts_at=starts_at,
        by=access.principal.membership,
        now=now,
    )
    access.audit(
        db, "measure.assign", resource_type="measure_assignment", resource_id=assignment.id
    )
    return assignment


@router.post("/clients/{client_id}/assignments", status_code=201)
def assign(
    client_id: str,
    body: AssignIn,
    access: ClientAccess = ASSIGN,
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    assignment = make_assignment(
        db,
        access,
        instrument_id=body.instrument_id,
        every_days=body.every_days,
        starts_on=body.starts_on,
    )
    return assignment_out(assignment)


def end(db: Session, access: ClientAccess, assignment_id: str) -> None:
    try:
        assignment = measures.get_assignment(
            db, client_id=access.client.id, assignment_id=assignment_id
        )
    except measures.MeasureError as error:
        raise measure_error(error) from None
    measures.end_assignment(db, assignment=assignment, by=access.principal.membership, now=utcnow())
    access.audit(
        db, "measure.unassign", resource_type="measure_assignment", resource_id=assignment_id
    )


@router.delete("/clients/{client_id}/assignments/{assignment_id}", status_code=204)
def end_assignment(
    client_id: str,
    assignment_id: str,
    access: ClientAccess = ASSIGN,
    db: Session = Depends(db_session),
) -> Response:
    end(db, access, assignment_id)
    return Response(status_code=204)


@router.get("/clients/{client_id}/assignments")
def client_assignments(
    client_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    rows = measures.assignments_of(db, client_id=access.client.id, include_ended=True)
    return [assignment_out(a) for a in rows]


# ---------------------------------------------------------------- answering


def due_out(item: measures.DueItem) -> dict[str, Any]:
    return {
        "assignment": assignment_out(item.assignment),
        "instrument": {"id": item.instrument.id, "name": item.instrument.name},
        "since": item.due.since.isoformat(),
        "overdue": item.due.overdue,
        "draft_answers": item.draft.answers if item.draft else None,
    }


@router.get("/measures/due")
def my_due(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    items = measures.due_for(
        db,
        client_ids=[access.client.id],
        org_id=access.client.org_id,
        now=utcnow(),
        overdue_after=measures.overdue_after(settings_of(request)),
    )
    return [due_out(item) for item in items]


def own_assignment(
    db: Session, access: ClientAccess, assignment_id: str
) -> tuple[MeasureAssignment, Scorer]:
    """The signed-in client's own assignment and its scorer; anyone else's is 404."""
    try:
        assignment = measures.get_assignment(
            db, client_id=access.client.id, assignment_id=assignment_id
        )
    except measures.MeasureError as error:
        raise measure_error(error) from None
    offered = usable(db, org_id=assignment.org_id, instrument_id=assignment.instrument_id)
    return assignment, offered.scorer


def save_draft(
    db: Session, access: ClientAccess, assignment_id: str, answers: list[int | None]
) -> None:
    assignment, scoring = own_assignment(db, access, assignment_id)
    try:
        draft = measures.save_draft(
            db, assignment=assignment, scoring=scoring, answers=answers, now=utcnow()
        )
    except measures.MeasureError as error:
        raise measure_error(error) from None
    access.audit(db, "measure.draft", resource_type="measure_response", resource_id=draft.id)


@router.put("/assignments/{assignment_id}/draft", status_code=204)
def put_draft(
    assignment_id: str,
    body: AnswersIn,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    save_draft(db, access, assignment_id, body.answers)
    return Response(status_code=204)


class RiskKeptError(ApiError):
    """Refused (too few answers to score), but a risk answer in it was kept."""


def finish(
    db: Session,
    access: ClientAccess,
    assignment_id: str,
    answers: list[int | None],
    request: Request,
) -> measures.Completed:
    assignment, scoring = own_assignment(db, access, assignment_id)
    try:
        done = measures.complete(
            db,
            assignment=assignment,
            scoring=scoring,
            answers=answers,
            now=utcnow(),
            cutoff=cutoff_for(scoring.instrument, settings_of(request)),
        )
    except measures.MeasureError as error:
        if error.risk:
            keep_writes_on_error(request)
            raise RiskKeptError(
                error.status, error.message, fields={error.field: error.message}
            ) from None
        raise measure_error(error) from None
    access.audit(
        db, "measure.complete", resource_type="measure_response", resource_id=done.response.id
    )
    return done


def response_out(done: measures.Completed) -> dict[str, Any]:
    s = done.score
    out: dict[str, Any] = {
        "id": done.response.id,
        "instrument_id": done.response.instrument_id,
        "completed_at": done.response.completed_at.isoformat()
        if done.response.completed_at
        else None,
        "total": s.total,
        "band": s.band,
        "subscales": s.subscales,
        "groupings": s.groupings,
        "flags": s.flags,
        "prorated": s.prorated,
        "risk": done.risk,
    }
    return out


@router.post("/assignments/{assignment_id}/responses", status_code=201)
def post_response(
    assignment_id: str,
    body: AnswersIn,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> JSONResponse:
    try:
        done = finish(db, access, assignment_id, body.answers, request)
    except RiskKeptError as refused:
        out = error_body(refused.status, refused.message, refused.code, refused.fields)
        lines = crisis_resources(db, access.client)
        return JSONResponse(out | {"crisis_resources": lines}, refused.status)
    out = response_out(done)
    if done.risk:
        out["crisis_resources"] = crisis_resources(db, access.client)
    return JSONResponse(out, status_code=201)


# ---------------------------------------------------------------- results


def point_out(point: measures.Point, *, diagnoses: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "response_id": point.response_id,
        "at": point.at.isoformat(),
        "total": point.total,
        "band": point.band,
        "flags": point.flags,
        "subscales": point.subscales,
        "prorated": point.prorated,
        "reliable_change": None
        if point.change is None
        else {
            "direction": point.change.direction,
            "difference": point.change.difference,
            "method": point.change.method,
            "explanation": point.change.explanation,
        },
    }
    if diagnoses:
        out["algorithms"] = point.algorithms
    return out


@router.get("/clients/{client_id}/measures")
def client_measures(
    client_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return results_out(db, access)


@router.get("/measures")
def my_measures(access: ClientAccess = READ, db: Session = Depends(db_session)) -> dict[str, Any]:
    return results_out(db, access)


def results_out(db: Session, access: ClientAccess) -> dict[str, Any]:
    found = measures.results(db, client_id=access.client.id, org_id=access.client.org_id)
    diagnoses = access.relation in SEES_DIAGNOSES
    return {
        "instruments": [
            {
                "id": s.instrument.id,
                "name": s.instrument.name,
                "points": [point_out(p, diagnoses=diagnoses) for p in s.points],
                "clinically_significant_change": None
                if s.clinical is None
                else {
                    "category": s.clinical.category,
                    "cutoff": s.clinical.cutoff,
                    "explanation": s.clinical.explanation,
                },
            }
            for s in found.series
        ],
        "paired_outcome": paired_out(found.paired),
        "courses": [
            {
                "therapist_id": c.therapist_id,
                "started_at": c.started_at.isoformat(),
                "ended_at": c.ended_at.isoformat() if c.ended_at else None,
                "paired_outcome": paired_out(c.paired),
            }
            for c in found.courses
        ],
    }


def paired_out(course: PairedCourse | None) -> dict[str, Any] | None:
    paired = course.outcome if course else None
    if paired is None:
        return None
    return {
        "headline": paired.headline,
        "caseness_start": paired.caseness_start,
        "caseness_end": paired.caseness_end,
        "recovered": paired.recovered,
        "reliable_improvement": paired.reliable_improvement,
        "reliable_deterioration": paired.reliable_deterioration,
        "reliable_recovery": paired.reliable_recovery,
    }


# ---------------------------------------------------------------- FHIR


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/instruments/{instrument_id}/fhir")
def instrument_fhir(
    instrument_id: str,
    request: Request,
    principal: Principal = capability("catalog.read"),
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    """The instrument as a FHIR R4B Questionnaire."""
    instrument = usable(db, org_id=principal.org_id, instrument_id=instrument_id).instrument
    return fhir.questionnaire(instrument, base_url=_base_url(request))


@router.get("/clients/{client_id}/measures/fhir")
def client_measures_fhir(
    client_id: str,
    request: Request,
    access: ClientAccess = READ,
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    """Every completed response as a QuestionnaireResponse with its Observations,
    in one FHIR R4B collection Bundle."""
    base = _base_url(request)
    offered = measures.catalog(db, org_id=access.client.org_id)
    resources: list[dict[str, Any]] = []
    for row in measures.completed_responses(db, client_id=access.client.id):
        if row.instrument_id not in offered or row.completed_at is None:
            continue
        instrument = offered[row.instrument_id].instrument
        scoring = offered[row.instrument_id].scorer
        patient = f"Patient/{row.client_id}"
        resources.append(
            fhir.questionnaire_response(
                instrument, response_id=row.id, patient_ref=patient, answers=row.answers,
                authored=row.completed_at, status="completed", base_url=base,
            )
        )  # fmt: skip
        resources.extend(
            fhir.observations(
                instrument, measures.check_answers(scoring, row.answers), response_id=row.id,
                patient_ref=patient, effective=row.completed_at, base_url=base,
            )
        )  # fmt: skip
    access.audit(db, "measure.export", resource_type="fhir_bundle", resource_id=access.client.id)
    return fhir.bundle(resources, base_url=base)
