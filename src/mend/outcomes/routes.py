"""Practice outcomes: the page and the JSON API (issue 7, point 7).

Who: the organisation's therapists and admins (capability ``outcomes.read``).
It is not one client's record, so no client's consent or care team decides
it: every figure is a count across clients, with small cells hidden
(`outcomes.rules`), and nothing names, dates or quotes anyone. Coaches and
clients are refused (403), anyone not signed in is sent to sign in (401).

A therapist may look at the whole practice or any therapist's clients: the
figures are de-identified, and comparing one's own outcomes with the
practice's is what they are for. Every view is audited once, with its filters.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from mend.accounts.service import today_for
from mend.clock import utcnow
from mend.outcomes import rules, service
from mend.web.auth import Principal, capability
from mend.web.errors import ApiError
from mend.web.forms import render
from mend.web.transaction import db_reader, db_session

router = APIRouter()
READ = capability("outcomes.read")
# Membership ids are letters and digits (mend.ids); anything else is not one,
# and is refused before it reaches the database (a NUL would upset PostgreSQL).
ID_PATTERN = re.compile(r"[A-Za-z0-9]{1,64}")

HEADLINE_WORDS: dict[str, str] = {
    "reliable_recovery": "Reliable recovery",
    "reliable_improvement": "Reliable improvement, still at caseness",
    "recovered": "Recovered without reliable change",
    "no_reliable_change": "No reliable change",
    "reliable_deterioration": "Reliable deterioration",
}
DIRECTION_WORDS: dict[str, str] = {
    "improved": "Reliably improved",
    "no_reliable_change": "No reliable change",
    "deteriorated": "Reliably deteriorated",
}
TREND_WORDS: dict[str, str] = {
    "toward_helpful": "Moved toward helpful ways",
    "no_change": "About the same",
    "away_from_helpful": "Moved away from helpful ways",
}


# ---------------------------------------------------------------- filters


def _filters(
    request: Request,
    principal: Principal,
    raw_from: str | None,
    raw_to: str | None,
    raw_practitioner: str | None,
) -> tuple[service.Filters | None, dict[str, str]]:
    db = db_reader(request)
    today = today_for(principal.membership.org, utcnow())
    period, errors = rules.parse_period(raw_from, raw_to, today=today)
    practitioner = (raw_practitioner or "").strip() or None
    if practitioner is not None and (
        not ID_PATTERN.fullmatch(practitioner)
        or service.find_practitioner(db, org_id=principal.org_id, member_id=practitioner) is None
    ):
        # Another organisation's therapist, a client, a coach or a made-up id:
        # all the same answer, so the filter reveals nothing about who exists.
        errors["practitioner"] = "Choose a therapist from this practice."
    if period is None or errors:
        return None, errors
    return service.Filters(period.start, period.end, practitioner), {}


def _audit(db: Session, principal: Principal, filters: service.Filters, view: str) -> None:
    principal.audit(
        db,
        "outcomes.viewed",
        resource_type="outcomes",
        detail={
            "from": filters.start.isoformat(),
            "to": filters.end.isoformat(),
            "practitioner": filters.practitioner_id or "all",
            "view": view,
        },
    )


# ---------------------------------------------------------------- JSON


def figure_out(f: rules.Figure) -> dict[str, Any]:
    return {"value": f.value, "suppressed": f.suppressed}


def rate_out(r: rules.Rate) -> dict[str, Any]:
    return {
        "numerator": figure_out(r.numerator),
        "denominator": figure_out(r.denominator),
        "percent": r.percent,
        "suppressed": r.suppressed,
    }


def outcomes_out(found: service.Outcomes) -> dict[str, Any]:
    p, jar = found.paired, found.jar
    return {
        "period": {
            "from": found.filters.start.isoformat(),
            "to": found.filters.end.isoformat(),
            "time_zone": found.zone,
        },
        "practitioner": (
            {"id": found.practitioner.id, "name": found.practitioner.name}
            if found.practitioner
            else None
        ),
        "small_cell": rules.SMALL_CELL,
        "talking_therapies": {
            "paired_courses": figure_out(p.paired),
            "without_outcome": figure_out(p.without_outcome),
            "at_caseness": figure_out(p.at_caseness),
            "not_at_caseness": figure_out(p.not_at_caseness),
            "outcomes": {k: figure_out(v) for k, v in p.headlines.items()},
            "rates": {
                "recovery": rate_out(p.recovery),
                "reliable_recovery": rate_out(p.reliable_recovery),
                "reliable_improvement": rate_out(p.reliable_improvement),
                "reliable_deterioration": rate_out(p.reliable_deterioration),
            },
        },
        "reliable_change": [
            {
                "instrument": c.instrument_id,
                "name": c.name,
                "threshold": c.rule.threshold,
                "method": "published_threshold" if c.rule.threshold else "jacobson_truax",
                "courses": figure_out(c.view.courses),
                "directions": {k: figure_out(v) for k, v in c.view.directions.items()},
                "rates": {
                    "improved": rate_out(c.view.improved),
                    "deteriorated": rate_out(c.view.deteriorated),
                },
            }
            for c in found.changes
        ],
        "jar_balance": {
            "months": [
                {
                    "month": m.month.strftime("%Y-%m"),
                    "clients": figure_out(m.clients),
                    "moments": m.moments,
                    "helpful_only": m.helpful_only,
                    "percent": m.percent,
                    "suppressed": m.clients.suppressed,
                }
                for m in jar.months
            ],
            "clients_compared": figure_out(jar.compared),
            "trends": {k: figure_out(v) for k, v in jar.trends.items()},
            "toward_helpful": rate_out(jar.toward_helpful),
        },
    }


@router.get("/api/v1/outcomes")
def outcomes_api(
    request: Request,
    raw_from: str | None = Query(default=None, alias="from", max_length=40),
    raw_to: str | None = Query(default=None, alias="to", max_length=40),
    practitioner: str | None = Query(default=None, max_length=200),
    principal: Principal = READ,
    db: Session = Depends(db_session),
) -> JSONResponse:
    """De-identified outcomes across the practice, or one therapist's clients."""
    filters, errors = _filters(request, principal, raw_from, raw_to, practitioner)
    if filters is None:
        raise ApiError(422, "Some of the filters need another look.", fields=errors)
    found = service.compute(db_reader(request), org=principal.membership.org, filters=filters)
    _audit(db, principal, filters, "api")
    return JSONResponse(outcomes_out(found))


# ---------------------------------------------------------------- the page


def chart_data(found: service.Outcomes) -> str:
    """The numbers the chart draws; hidden months are gaps, never zeros."""
    months = found.jar.months
    return json.dumps(
        {
            "months": [m.month.strftime("%b %Y") for m in months],
            "percent": [m.percent for m in months],
        }
    )


def trend_text(found: service.Outcomes) -> str:
    """The chart in words, for anyone who cannot see it."""
    shown = [m for m in found.jar.months if m.percent is not None]
    if not shown:
        return (
            f"No month in this period has coping moments from {rules.SMALL_CELL} or more "
            "clients, so there is no trend to show."
        )
    first, last = shown[0], shown[-1]
    if first is last:
        return (
            f"In {first.month:%B %Y}, {first.percent:.1f} % of coping moments used only "
            "helpful ways of coping."
        )
    if first.percent == last.percent:
        return (
            f"The share of coping moments that used only helpful ways of coping was "
            f"{first.percent:.1f} % in {first.month:%B %Y} and the same in {last.month:%B %Y}."
        )
    return (
        f"The share of coping moments that used only helpful ways of coping went from "
        f"{first.percent:.1f} % in {first.month:%B %Y} to {last.percent:.1f} % in "
        f"{last.month:%B %Y}."
    )


@router.get("/outcomes")
def outcomes_page(
    request: Request,
    raw_from: str | None = Query(default=None, alias="from", max_length=40),
    raw_to: str | None = Query(default=None, alias="to", max_length=40),
    practitioner: str | None = Query(default=None, max_length=200),
    principal: Principal = READ,
    db: Session = Depends(db_session),
) -> Response:
    reader = db_reader(request)
    filters, errors = _filters(request, principal, raw_from, raw_to, practitioner)
    values = {"from": raw_from or "", "to": raw_to or "", "practitioner": practitioner or ""}
    context: dict[str, Any] = {
        "principal": principal,
        "therapists": service.therapists(reader, org_id=principal.org_id),
        "errors": errors,
        "values": values,
        "small_cell": rules.SMALL_CELL,
        "headline_words": HEADLINE_WORDS,
        "direction_words": DIRECTION_WORDS,
        "trend_words": TREND_WORDS,
        "found": None,
    }
    if filters is None:
        return render(request, "outcomes/page.html", status_code=422, **context)
    found = service.compute(reader, org=principal.membership.org, filters=filters)
    _audit(db, principal, filters, "page")
    values.update({"from": filters.start.isoformat(), "to": filters.end.isoformat()})
    context.update(found=found, chart_data=chart_data(found), trend_text=trend_text(found))
    return render(request, "outcomes/page.html", **context)
