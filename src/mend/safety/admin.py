"""Crisis lines per country (clinical-model §5): the admin's page and API for
the organisation's own lines and default country, and a client's choice of
their own country."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.accounts.service import today_for
from mend.clock import utcnow
from mend.safety import crisis_lines as lines
from mend.safety.countries import COUNTRY_CHOICES
from mend.safety.models import CrisisLine
from mend.safety.resources import (
    DEFAULT_RESOURCES,
    LineError,
    LineValues,
    check_line,
    country_name,
    needs_recheck,
)
from mend.web.auth import Principal, capability
from mend.web.errors import ApiError
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session

router = APIRouter()

SETTINGS = capability("org.settings")
OWN = capability("record.own")
PAGE = "/admin/crisis-lines"
FORM_FIELDS = ("country", "name", "contact", "how", "tel", "source", "verified_on")


# ---------------------------------------------------------------- shapes


class LineIn(Input):
    """A crisis line; ``tel`` may be left out when ``contact`` is a number."""

    country: str = Field(max_length=100, examples=["GB"])
    name: str = Field(max_length=1000)
    contact: str = Field(max_length=1000, examples=["116 123"])
    how: str = Field(max_length=1000, examples=["Call"])
    tel: str | None = Field(default=None, max_length=1000, examples=["116123"])
    source: str = Field(max_length=1000)
    verified_on: str = Field(max_length=100, examples=["2026-11-21"])


class LineOut(BaseModel):
    id: str
    country: str
    country_name: str | None
    name: str
    contact: str
    how: str
    tel: str
    source: str
    verified_on: date
    needs_recheck: bool
    position: int
    updated_at: datetime


class ResourceOut(BaseModel):
    region: str
    countries: list[str]
    name: str
    contact: str
    how: str
    tel: str
    source: str
    verified: str


class CrisisLinesOut(BaseModel):
    country: str | None = Field(description="The organisation's default country")
    country_name: str | None
    lines: list[LineOut] = Field(description="The organisation's own lines")
    defaults: list[ResourceOut] = Field(
        description="Mend's default lines, shown for any country the organisation lists nothing for"
    )


class CountryIn(Input):
    country: str | None = Field(max_length=100, examples=["FR"])


class CountryOut(BaseModel):
    country: str | None
    country_name: str | None


class MyLinesOut(BaseModel):
    country: str | None = Field(
        description="Your country: your own choice, else your organisation's"
    )
    country_name: str | None
    chosen: bool = Field(description="Whether you chose the country yourself")
    for_country: bool = Field(description="False when these are every default line")
    lines: list[ResourceOut]
    emergency: str


def _out(line: CrisisLine, today: date) -> LineOut:
    return LineOut(
        id=line.id,
        country=line.country,
        country_name=country_name(line.country),
        name=line.name,
        contact=line.contact,
        how=line.how,
        tel=line.tel,
        source=line.source,
        verified_on=line.verified_on,
        needs_recheck=needs_recheck(line.verified_on, today),
        position=line.position,
        updated_at=line.updated_at,
    )


def _defaults_out() -> list[ResourceOut]:
    return [
        ResourceOut(
            region=r.region,
            countries=list(r.countries),
            name=r.name,
            contact=r.contact,
            how=r.how,
            tel=r.tel,
            source=r.source,
            verified=r.verified.isoformat(),
        )
        for r in DEFAULT_RESOURCES
    ]


def _invalid(error: LineError) -> ApiError:
    return ApiError(422, error.message, fields=error.fields)


# ---------------------------------------------------------------- the steps, shared by page and API


def _today(principal: Principal) -> date:
    return today_for(principal.membership.org, utcnow())


def _check(principal: Principal, raw: dict[str, Any]) -> LineValues:
    try:
        return check_line(**{k: raw.get(k) for k in FORM_FIELDS}, today=_today(principal))
    except LineError as error:
        raise _invalid(error) from None


def _line(db: Session, principal: Principal, line_id: str) -> CrisisLine:
    found = lines.get_line(db, org_id=principal.org_id, line_id=line_id)
    if found is None:
        raise ApiError(404)
    return found


def _audit(db: Session, principal: Principal, verb: str, line_id: str, **detail: str) -> None:
    principal.audit(
        db, f"crisis_line.{verb}", resource_type="crisis_line", resource_id=line_id, detail=detail
    )


def _add(db: Session, principal: Principal, raw: dict[str, Any]) -> CrisisLine:
    values = _check(principal, raw)
    line = lines.add_line(
        db, org_id=principal.org_id, values=values, by=principal.membership.id, now=utcnow()
    )
    _audit(db, principal, "add", line.id, country=line.country)
    return line


def _edit(db: Session, principal: Principal, line_id: str, raw: dict[str, Any]) -> CrisisLine:
    line = _line(db, principal, line_id)
    values = _check(principal, raw)
    changed = lines.edit_line(
        db, line=line, values=values, by=principal.membership.id, now=utcnow()
    )
    _audit(db, principal, "edit", line.id, country=line.country, changed=",".join(changed))
    return line


def _remove(db: Session, principal: Principal, line_id: str) -> None:
    line = _line(db, principal, line_id)
    country = line.country
    lines.remove_line(db, line=line)
    _audit(db, principal, "remove", line_id, country=country)


def _org_country(db: Session, principal: Principal, country: str | None) -> str | None:
    org = principal.membership.org
    before = org.country
    try:
        after = lines.set_org_country(db, org=org, country=country)
    except LineError as error:
        raise _invalid(error) from None
    principal.audit(
        db,
        "crisis_line.org_country",
        resource_type="organisation",
        resource_id=org.id,
        detail={"from": before or "", "to": after or ""},
    )
    return after


def _my_country(db: Session, principal: Principal, country: str | None) -> Membership:
    client = principal.membership
    before = client.country
    try:
        after = lines.set_client_country(db, client=client, country=country)
    except LineError as error:
        raise _invalid(error) from None
    principal.audit(
        db,
        "crisis_line.my_country",
        resource_type="membership",
        resource_id=client.id,
        subject_client_id=client.id,
        detail={"from": before or "", "to": after or ""},
    )
    return client


def _mine(db: Session, client: Membership) -> MyLinesOut:
    found = lines.lines_for(db, client=client)
    return MyLinesOut(
        country=found.country,
        country_name=found.country_name,
        chosen=client.country is not None,
        for_country=found.for_country,
        lines=[ResourceOut(**r) for r in lines.as_json(found)],
        emergency=found.emergency,
    )


# ---------------------------------------------------------------- the admin's page


def _grouped(rows: list[CrisisLine]) -> list[tuple[str, str, list[CrisisLine]]]:
    groups: dict[str, list[CrisisLine]] = {}
    for row in rows:
        groups.setdefault(row.country, []).append(row)
    named = [(code, country_name(code) or code, found) for code, found in groups.items()]
    return sorted(named, key=lambda group: group[1])


def _page(
    request: Request,
    principal: Principal,
    db: Session,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    org = principal.membership.org
    rows = lines.list_lines(db, org_id=principal.org_id)
    return render(
        request,
        "safety/crisis_lines.html",
        status_code,
        principal=principal,
        org=org,
        org_country=country_name(org.country),
        groups=_grouped(rows),
        listed={row.country for row in rows},
        defaults=DEFAULT_RESOURCES,
        choices=COUNTRY_CHOICES,
        country_name=country_name,
        today=_today(principal),
        needs_recheck=needs_recheck,
        errors=errors or {},
        values=values or {},
        done=request.query_params.get("done", ""),
    )


def _edit_page(
    request: Request,
    principal: Principal,
    line: CrisisLine,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    shown = values or {
        "country": line.country,
        "name": line.name,
        "contact": line.contact,
        "how": line.how,
        "tel": line.tel,
        "source": line.source,
        "verified_on": line.verified_on.isoformat(),
    }
    return render(
        request,
        "safety/crisis_lines.html",
        status_code,
        principal=principal,
        editing=line,
        choices=COUNTRY_CHOICES,
        today=_today(principal),
        errors=errors or {},
        values=shown,
    )


async def _form_values(request: Request) -> dict[str, Any]:
    form = await request.form()
    return {
        name: value[:1000] if isinstance(value := form.get(name), str) else None
        for name in FORM_FIELDS
    }


@router.get(PAGE)
def crisis_lines_page(
    request: Request, principal: Principal = SETTINGS, db: Session = Depends(db_session)
) -> Response:
    return _page(request, principal, db)


@router.post(PAGE)
async def crisis_line_add(
    request: Request, principal: Principal = SETTINGS, db: Session = Depends(db_session)
) -> Response:
    raw = await _form_values(request)
    try:
        _add(db, principal, raw)
    except ApiError as error:
        return _page(request, principal, db, errors=error.fields, values=raw, status_code=422)
    return redirect(f"{PAGE}?done=added")


@router.post(f"{PAGE}/country")
async def org_country_submit(
    request: Request, principal: Principal = SETTINGS, db: Session = Depends(db_session)
) -> Response:
    value = (await request.form()).get("country")
    try:
        _org_country(db, principal, value[:100] if isinstance(value, str) else None)
    except ApiError as error:
        errors = {"org_country": error.message}
        return _page(request, principal, db, errors=errors, status_code=422)
    return redirect(f"{PAGE}?done=country")


@router.get(PAGE + "/{line_id}/edit")
def crisis_line_edit_page(
    line_id: str,
    request: Request,
    principal: Principal = SETTINGS,
    db: Session = Depends(db_session),
) -> Response:
    return _edit_page(request, principal, _line(db, principal, line_id))


@router.post(PAGE + "/{line_id}/edit")
async def crisis_line_edit(
    line_id: str,
    request: Request,
    principal: Principal = SETTINGS,
    db: Session = Depends(db_session),
) -> Response:
    line = _line(db, principal, line_id)
    raw = await _form_values(request)
    try:
        _edit(db, principal, line_id, raw)
    except ApiError as error:
        return _edit_page(
            request, principal, line, errors=error.fields, values=raw, status_code=422
        )
    return redirect(f"{PAGE}?done=saved")


@router.post(PAGE + "/{line_id}/remove")
def crisis_line_remove(
    line_id: str, principal: Principal = SETTINGS, db: Session = Depends(db_session)
) -> Response:
    _remove(db, principal, line_id)
    return redirect(f"{PAGE}?done=removed")


# ---------------------------------------------------------------- the admin's API


def _listing(db: Session, principal: Principal) -> CrisisLinesOut:
    org = principal.membership.org
    today = _today(principal)
    return CrisisLinesOut(
        country=org.country,
        country_name=country_name(org.country),
        lines=[_out(row, today) for row in lines.list_lines(db, org_id=principal.org_id)],
        defaults=_defaults_out(),
    )


@router.get("/api/v1/crisis-lines")
def crisis_lines_api(
    principal: Principal = SETTINGS, db: Session = Depends(db_session)
) -> CrisisLinesOut:
    return _listing(db, principal)


@router.post("/api/v1/crisis-lines", status_code=201)
def crisis_line_add_api(
    body: LineIn, principal: Principal = SETTINGS, db: Session = Depends(db_session)
) -> LineOut:
    return _out(_add(db, principal, body.model_dump()), _today(principal))


@router.put("/api/v1/crisis-lines/{line_id}")
def crisis_line_edit_api(
    line_id: str, body: LineIn, principal: Principal = SETTINGS, db: Session = Depends(db_session)
) -> LineOut:
    return _out(_edit(db, principal, line_id, body.model_dump()), _today(principal))


@router.delete("/api/v1/crisis-lines/{line_id}", status_code=204)
def crisis_line_remove_api(
    line_id: str, principal: Principal = SETTINGS, db: Session = Depends(db_session)
) -> Response:
    _remove(db, principal, line_id)
    return Response(status_code=204)


@router.put("/api/v1/org/country")
def org_country_api(
    body: CountryIn, principal: Principal = SETTINGS, db: Session = Depends(db_session)
) -> CountryOut:
    """The organisation's default country: whose crisis lines its clients see
    until they choose their own. null clears it."""
    country = _org_country(db, principal, body.country)
    return CountryOut(country=country, country_name=country_name(country))


# ---------------------------------------------------------------- a client's own country


@router.get("/api/v1/me/country")
def my_country_api(principal: Principal = OWN, db: Session = Depends(db_session)) -> MyLinesOut:
    """Your country and the crisis lines you see there."""
    return _mine(db, principal.membership)


@router.put("/api/v1/me/country")
def my_country_put_api(
    body: CountryIn, principal: Principal = OWN, db: Session = Depends(db_session)
) -> MyLinesOut:
    """Choose your own country for crisis lines; null goes back to your organisation's."""
    return _mine(db, _my_country(db, principal, body.country))


@router.post("/help-now/country")
async def my_country_submit(
    request: Request, principal: Principal = OWN, db: Session = Depends(db_session)
) -> Response:
    value = (await request.form()).get("country")
    _my_country(db, principal, value[:100] if isinstance(value, str) else None)
    return redirect("/help-now?changed=1#lines-h")
