"""The healing view: growth beside symptoms, the jar and goals, in one place
(clinical-model §4), and for the therapist the insights (§3). Thin: the
loading is in `healing_view`, the rules in `growth` and `insights`.

- The treating therapist: ``GET /clients/{id}/healing`` and
  ``GET /api/v1/clients/{id}/healing``. Each section only if the client shares
  its category with them (measures, coping, goals and homework); otherwise
  the section says "Not shared with you".
- The client: ``GET /healing`` and ``GET /api/v1/my-record/healing``, their
  own, in plain words and without the clinician's findings.
- A coach, an admin and anyone off the care team get nothing: the view is
  the HEALING category, as the journey is.

Every read is audited: the HEALING read by the dependency, and one entry per
shared category the view showed data from (``via: healing``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from mend.audit import service as audit_log
from mend.care.policy import Action, Category
from mend.clock import utcnow
from mend.healing import growth, healing_view, insights, service, stages
from mend.healing.healing_view import View
from mend.measures.words import CHANGE_WORDS
from mend.web.auth import ClientAccess, client_record, settings_of
from mend.web.forms import redirect, render
from mend.web.transaction import db_session

router = APIRouter()
API = "/api/v1"

READ = client_record(Category.HEALING, Action.READ)

# Growth verdicts in words (symptoms use the measures' own CHANGE_WORDS).
GROWTH_WORDS = {
    growth.GREW: "Higher than at the start",
    growth.LOWER: "Lower than at the start",
    growth.ABOUT_THE_SAME: "About the same",
}
# The same, for the client.
CLIENT_CHANGE_WORDS = {
    "improved": "Eased: a clear change",
    "deteriorated": "Higher than at the start",
    "no_reliable_change": "Close to where you started",
    **GROWTH_WORDS,
}


def load(request: Request, db: Session, access: ClientAccess, now: datetime) -> View:
    """The view for this viewer, with the reads it made put on the record."""
    view = healing_view.load(
        db,
        client=access.client,
        viewer=access.principal.membership,
        now=now,
        settings=settings_of(request),
    )
    events = [
        audit_log.Event(
            f"{category}.read",
            resource_type=category.value,
            resource_id=access.client.id,
            subject_client_id=access.client.id,
            detail={"relation": access.relation.value, "via": "healing"},
        )
        for category in view.read
    ]
    if events:
        audit_log.record_many(db, actor=access.principal.actor, events=events, now=now)
    return view


# ---------------------------------------------------------------- JSON


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def change_out(change: growth.Change, *, series: Any, voice: growth.Voice) -> dict[str, Any]:
    client = voice is growth.Voice.CLIENT
    out = {
        "key": change.key,
        "label": growth.CLIENT_NAMES.get(change.key, change.label) if client else change.label,
        "first": None if change.first is None else {
            "at": change.first.at.isoformat(), "value": change.first.value,
        },
        "latest": None if change.latest is None else {
            "at": change.latest.at.isoformat(), "value": change.latest.value,
        },
        "count": change.count,
        "change": change.difference,
        "verdict": change.verdict,
        "explanation": change.explanation,
        "points": [{"at": r.at.isoformat(), "value": r.value} for r in series.readings],
    }  # fmt: skip
    # The clinically significant change category is the clinician's reading.
    return out if client else out | {"category": change.category}


def _stage_out(view: View) -> dict[str, Any] | None:
    if view.stage is None:
        return None
    text = stages.describe(view.stage.to_stage, service.stage_names(view.client.org))
    out: dict[str, Any] = {
        "number": view.stage.to_stage,
        "since": view.stage.changed_at.isoformat(),
    }
    if view.voice is growth.Voice.CLIENT:
        return out | {"title": text.client_title, "words": text.client_words}
    return out | {"name": text.name}


def _measures_out(view: View) -> dict[str, Any]:
    part = view.measures
    if part is None:
        return {"shared": False}
    symptom_series = {s.instrument_id: s for s in part.symptoms}
    growth_series = {g.key: g for g in part.growth}
    return {
        "shared": True,
        "symptoms": [
            change_out(c, series=symptom_series[c.key], voice=view.voice)
            for c in part.found.symptoms
        ],
        "growth": [
            change_out(c, series=growth_series[c.key], voice=view.voice) for c in part.found.growth
        ],
        "growth_instruments_enabled": part.enabled,
    }


def _jar_out(view: View) -> dict[str, Any]:
    if view.jar is None:
        return {"shared": False}
    return {
        "shared": True,
        "sentence": view.jar.sentence,
        "weeks": [
            {
                "week_start": w.week_start.isoformat(),
                "helpful_only": w.helpful_only,
                "other": w.other,
                "some_harmful": w.some_harmful,
                "only_harmful": w.only_harmful,
            }
            for w in view.jar.balance
        ],
    }


def _goal_out(line: healing_view.GoalLine) -> dict[str, Any]:
    latest = line.latest
    return {
        "id": line.goal.id,
        "title": line.goal.title,
        "status": line.goal.status,
        "since": line.goal.status_changed_at.isoformat(),
        "latest_check_in": None
        if latest is None
        else {"at": latest.at.isoformat(), "progress": latest.progress},
    }


def _goals_out(view: View) -> dict[str, Any]:
    if view.goals is None:
        return {"shared": False}
    return {
        "shared": True,
        "active": [_goal_out(g) for g in view.goals.active],
        "achieved": [_goal_out(g) for g in view.goals.achieved],
    }


def finding_out(finding: insights.Finding) -> dict[str, Any]:
    return {
        "kind": str(finding.kind),
        "title": finding.title,
        "sentence": finding.sentence,
        "numbers": dict(finding.numbers),
        "link": finding.link,
    }


def _insights_out(view: View) -> dict[str, Any]:
    if view.review is None:
        return {"shared": False}
    return {
        "shared": True,
        "findings": [finding_out(f) for f in view.review.findings],
        "checked": list(view.review.checked),
    }


def view_out(view: View) -> dict[str, Any]:
    out = {
        "client_id": view.client.id,
        "stage": _stage_out(view),
        "summary": list(view.summary),
        "measures": _measures_out(view),
        "jar": _jar_out(view),
        "goals": _goals_out(view),
    }
    if view.voice is growth.Voice.CLINICIAN:
        out["insights"] = _insights_out(view)
    return out


@router.get(f"{API}/clients/{{client_id}}/healing")
def healing_api(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return view_out(load(request, db, access, utcnow()))


@router.get(f"{API}/my-record/healing")
def own_healing_api(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return view_out(load(request, db, access, utcnow()))


# ---------------------------------------------------------------- pages


def _page(request: Request, access: ClientAccess, db: Session, template: str) -> Response:
    now = utcnow()
    view = load(request, db, access, now)
    return render(
        request,
        template,
        principal=access.principal,
        client=access.client,
        now=now,
        view=view,
        stage=(
            stages.describe(view.stage.to_stage, service.stage_names(access.client.org))
            if view.stage
            else None
        ),
        chart_data=json.dumps(healing_view.chart_data(view)),
        change_words=CHANGE_WORDS,
        growth_words=GROWTH_WORDS,
        client_change_words=CLIENT_CHANGE_WORDS,
        client_names=growth.CLIENT_NAMES,
        Category=Category,
    )


@router.get("/clients/{client_id}/healing")
def healing_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    if access.client.id == access.principal.membership.id:
        return redirect("/healing")
    return _page(request, access, db, "healing/view.html")


@router.get("/healing")
def own_healing_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _page(request, access, db, "healing/my_view.html")
