"""Progress reports: JSON API, pages, the printable page and the PDF.

- The client (``/my-record/report``) reads their own report for any period,
  prints it or downloads the PDF, and answers each request to share it:
  yes (the copy they read is frozen and shared), no, or later, withdraw.
- The treating therapist (``/clients/{id}/report``) reads the clinical version,
  each section only if the client shares it with them, prints it, downloads
  it, and asks the client to share it with a care-team member or a named
  outside recipient, for a purpose.
- The recipient on the care team opens an approved share at
  ``/clients/{id}/report/shares/{share_id}``; for an outside recipient the
  therapist who asked downloads the release copy, stamped with recipient,
  purpose and the client's consent date.

Every read, download and answer is audited.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import Field, ValidationError
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care import service as care
from mend.care.policy import Action, Category
from mend.clock import utcnow
from mend.reports import content, pdf, rules, service
from mend.reports.models import ReportShare
from mend.reports.rules import SECTION_WORDS, SECTIONS, STATUS_WORDS, Period, ReportError
from mend.reports.service import Limits, StaleApprovalError
from mend.web.auth import ClientAccess, client_record, settings_of
from mend.web.errors import ApiError, error_body
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session, keep_writes_on_error

router = APIRouter()
API = "/api/v1"

READ = client_record(Category.REPORTS, Action.READ)
# Asking the client to share the report.
WRITE = client_record(Category.REPORTS, Action.WRITE)
SHARES = client_record(Category.REPORT_SHARES, Action.READ)
# Saying yes, no or "no longer" to a share is the client's own consent.
ANSWER = client_record(Category.CONSENT, Action.WRITE)
NO_STORE = {"Cache-Control": "no-store, private"}


# ---------------------------------------------------------------- inputs


class ShareIn(Input):
    start: str | None = Field(default=None, alias="from", max_length=10)
    end: str | None = Field(default=None, alias="to", max_length=10)
    recipient_id: str | None = Field(default=None, max_length=24)
    recipient_name: str | None = Field(default=None, max_length=rules.RECIPIENT_MAX * 2)
    purpose: str = Field(max_length=rules.PURPOSE_MAX * 2)
    sections: list[str] = Field(default_factory=lambda: list(SECTIONS), max_length=10)


class AnswerIn(Input):
    fingerprint: str | None = Field(default=None, max_length=64)


# ---------------------------------------------------------------- helpers


def _limits(request: Request) -> Limits:
    return Limits.of(settings_of(request))


def _api_error(error: ReportError) -> ApiError:
    return ApiError(error.status, error.message, fields={error.field: error.message})


def _period(request: Request, access: ClientAccess) -> Period:
    return service.period_for(
        client=access.client,
        start=request.query_params.get("from"),
        end=request.query_params.get("to"),
        now=utcnow(),
    )


def _report(db: Session, request: Request, access: ClientAccess, period: Period) -> dict[str, Any]:
    return service.for_viewer(
        db,
        client=access.client,
        viewer=access.principal.membership,
        period=period,
        limits=_limits(request),
        now=utcnow(),
    )


def _opened(db: Session, access: ClientAccess, report: dict[str, Any], fmt: str) -> None:
    access.audit(db, "report.opened", resource_type="progress_report",
                 resource_id=access.client.id,
                 detail={"format": fmt, "from": report["period"]["from"],
                         "to": report["period"]["to"], "version": report["audience"],
                         "sections": ",".join(report["sections"])})  # fmt: skip


def _query(period: Period) -> str:
    return urlencode({"from": period.start.isoformat(), "to": period.end.isoformat()})


def _pdf_response(html: str, name: str) -> Response:
    return Response(
        pdf.to_pdf(html),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}.pdf"', **NO_STORE},
    )


def _file_name(report: dict[str, Any], tail: str = "") -> str:
    period = report["period"]
    return f"progress-report-{period['from']}-to-{period['to']}{tail}"


def _person(member: Membership | None) -> dict[str, Any] | None:
    if member is None:
        return None
    return {"id": member.id, "name": member.user.display_name, "role": member.role}


def share_out(share: ReportShare) -> dict[str, Any]:
    recipient: dict[str, Any] = (
        {"kind": "care_team"} | (_person(share.recipient) or {})
        if share.recipient_id
        else {"kind": "outside", "name": share.recipient_name}
    )
    return {
        "id": share.id,
        "status": share.status,
        "status_words": STATUS_WORDS[service.status_of(share)],
        "requested_by": _person(share.requester),
        "requested_at": share.requested_at.isoformat(),
        "period": {"from": share.period_start.isoformat(), "to": share.period_end.isoformat()},
        "sections": list(service.sections_of(share)),
        "recipient": recipient,
        "purpose": share.purpose,
        "decided_at": share.decided_at.isoformat() if share.decided_at else None,
        "withdrawn_at": share.withdrawn_at.isoformat() if share.withdrawn_at else None,
        "fingerprint": share.fingerprint,
    }


def _share_event(db: Session, access: ClientAccess, share: ReportShare, event: str,
                 **detail: str) -> None:  # fmt: skip
    access.audit(db, f"report_share.{event}", resource_type="report_share",
                 resource_id=share.id,
                 detail={"status": share.status,
                         "recipient": "care_team" if share.recipient_id else "outside"}
                 | detail)  # fmt: skip


def _refused(db: Session, request: Request, access: ClientAccess, share: ReportShare,
             event: str, error: ReportError) -> ApiError:  # fmt: skip
    """A look the service refused, recorded as refused (kept though the request fails)."""
    access.principal.audit(db, f"report_share.{event}", outcome="denied",
                           resource_type="report_share", resource_id=share.id,
                           subject_client_id=access.client.id,
                           detail={"status": share.status})  # fmt: skip
    keep_writes_on_error(request)
    return _api_error(error)


def _share(db: Session, access: ClientAccess, share_id: str) -> ReportShare:
    try:
        share = service.get_share(db, client_id=access.client.id, share_id=share_id)
    except ReportError as error:
        raise _api_error(error) from None
    if not service.visible_to(share, access.principal.membership):
        raise ApiError(404)
    return share


# ---------------------------------------------------------------- the report


@router.get(f"{API}/my-record/report")
def own_report_api(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return _report_api(request, access, db)


@router.get(f"{API}/clients/{{client_id}}/report")
def report_api(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return _report_api(request, access, db)


def _report_api(request: Request, access: ClientAccess, db: Session) -> dict[str, Any]:
    try:
        report = _report(db, request, access, _period(request, access))
    except ReportError as error:
        raise _api_error(error) from None
    _opened(db, access, report, "json")
    return report


def _printable(request: Request, access: ClientAccess, db: Session, *, as_pdf: bool) -> Response:
    try:
        report = _report(db, request, access, _period(request, access))
    except ReportError as error:
        raise _api_error(error) from None
    _opened(db, access, report, "pdf" if as_pdf else "print")
    env = request.app.state.templates.env
    html = pdf.page_html(env, report, for_pdf=as_pdf)
    if as_pdf:
        return _pdf_response(html, _file_name(report))
    return HTMLResponse(html, headers=NO_STORE)


@router.get("/my-record/report/print")
def own_print(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _printable(request, access, db, as_pdf=False)


@router.get("/my-record/report.pdf")
def own_pdf(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _printable(request, access, db, as_pdf=True)


@router.get("/clients/{client_id}/report/print")
def client_print(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _printable(request, access, db, as_pdf=False)


@router.get("/clients/{client_id}/report.pdf")
def client_pdf(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _printable(request, access, db, as_pdf=True)


# ---------------------------------------------------------------- the client's page


def _values(request: Request) -> dict[str, str]:
    return {k: request.query_params.get(k, "") for k in ("from", "to")}


def _own_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    status_code: int = 200,
) -> Response:
    values, errors = _values(request), {}
    report, period = None, None
    try:
        period = _period(request, access)
        report = _report(db, request, access, period)
        _opened(db, access, report, "page")
    except ReportError as error:
        errors = {error.field: error.message}
        status_code = error.status
    shares = service.shares_of(db, client_id=access.client.id)
    return render(
        request,
        "reports/mine.html",
        status_code,
        principal=access.principal,
        client=access.client,
        report=report,
        charts=pdf.charts_of(report) if report else {},
        day=content.iso_words,
        period=period,
        query=_query(period) if period else "",
        values=values,
        errors=errors,
        waiting=[s for s in shares if s.status == rules.ShareStatus.PENDING],
        answered=[s for s in shares if s.status != rules.ShareStatus.PENDING],
        status_words={s.value: w for s, w in STATUS_WORDS.items()},
        section_words=SECTION_WORDS,
    )


@router.get("/my-record/report")
def own_report_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    return _own_page(request, db, access)


# ---------------------------------------------------------------- the therapist's page


def _team_choices(db: Session, access: ClientAccess) -> list[Membership]:
    me = access.principal.membership.id
    return [
        row.member
        for row in care.team_of(db, client_id=access.client.id)
        if row.member_id != me and row.role in service.RECIPIENT_ROLES
    ]


def _client_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    form: dict[str, Any] | None = None,
    form_errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    values, errors = _values(request), {}
    report, period = None, None
    try:
        period = _period(request, access)
        report = _report(db, request, access, period)
        _opened(db, access, report, "page")
    except ReportError as error:
        errors = {error.field: error.message}
        status_code = error.status
    viewer = access.principal.membership
    return render(
        request,
        "reports/client.html",
        status_code,
        principal=access.principal,
        client=access.client,
        report=report,
        charts=pdf.charts_of(report) if report else {},
        day=content.iso_words,
        period=period,
        query=_query(period) if period else "",
        values=values,
        errors=errors,
        form=form or {},
        form_errors=form_errors or {},
        may_ask=access.may(Category.REPORTS, Action.WRITE),
        team=_team_choices(db, access),
        shares=service.shares_for(db, client_id=access.client.id, viewer=viewer),
        status_words={s.value: w for s, w in STATUS_WORDS.items()},
        sections=SECTIONS,
        section_words=SECTION_WORDS,
        max_purpose=rules.PURPOSE_MAX,
        max_name=rules.RECIPIENT_MAX,
    )


@router.get("/clients/{client_id}/report")
def client_report_page(
    request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    if access.client.id == access.principal.membership.id:
        query = request.url.query
        return redirect("/my-record/report" + (f"?{query}" if query else ""))
    return _client_page(request, db, access)


# ---------------------------------------------------------------- asking to share


def _ask(db: Session, access: ClientAccess, body: ShareIn) -> service.Requested:
    period = service.period_for(client=access.client, start=body.start, end=body.end,
                                now=utcnow())  # fmt: skip
    asked = service.request_share(
        db,
        client=access.client,
        by=access.principal.membership,
        period=period,
        recipient_id=body.recipient_id or None,
        recipient_name=body.recipient_name,
        purpose=body.purpose,
        sections=body.sections,
        now=utcnow(),
    )
    if asked.created:
        _share_event(db, access, asked.share, "requested",
                     **{"from": period.start.isoformat(), "to": period.end.isoformat(),
                        "sections": asked.share.sections})  # fmt: skip
    return asked


@router.post(f"{API}/clients/{{client_id}}/report/shares", status_code=201)
def ask_api(
    body: ShareIn, response: Response, access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> dict[str, Any]:  # fmt: skip
    try:
        asked = _ask(db, access, body)
    except ReportError as error:
        raise _api_error(error) from None
    response.status_code = 201 if asked.created else 200
    return share_out(asked.share)


PLAIN = {
    "from": "Give the start date as YYYY-MM-DD.",
    "to": "Give the end date as YYYY-MM-DD.",
    "purpose": f"Keep the purpose to {rules.PURPOSE_MAX} characters.",
    "recipient_name": f"Keep the name to {rules.RECIPIENT_MAX} characters.",
    "recipient_id": "Choose someone on the client's care team.",
    "sections": "Choose the parts of the report to share.",
}


def _form_errors(error: Exception) -> dict[str, str]:
    if isinstance(error, ReportError):
        return {error.field: error.message}
    found: dict[str, str] = {}
    if isinstance(error, ValidationError):
        for problem in error.errors():
            name = ".".join(str(p) for p in problem["loc"][:1]) or "form"
            found.setdefault(name, PLAIN.get(name, "Please check this."))
    return found or {"form": "Please check the form."}


@router.post("/clients/{client_id}/report/shares")
async def ask_submit(
    request: Request, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> Response:
    form = await request.form()
    who = str(form.get("recipient") or "")
    values: dict[str, Any] = {
        "from": str(form.get("from") or ""),
        "to": str(form.get("to") or ""),
        "recipient": who,
        "recipient_name": str(form.get("recipient_name") or ""),
        "purpose": str(form.get("purpose") or ""),
        "sections": [str(s) for s in form.getlist("sections")],
    }
    try:
        body = ShareIn.model_validate({
            "from": values["from"] or None, "to": values["to"] or None,
            "recipient_id": who.removeprefix("member:") if who.startswith("member:") else None,
            "recipient_name": values["recipient_name"] if who == "outside" else None,
            "purpose": values["purpose"], "sections": values["sections"],
        })  # fmt: skip
        if not who:
            raise ReportError(422, "recipient", "Choose who the report is for.")
        asked = _ask(db, access, body)
    except (ValidationError, ReportError) as error:
        status = error.status if isinstance(error, ReportError) else 422
        return _client_page(request, db, access, form=values, form_errors=_form_errors(error),
                            status_code=status)  # fmt: skip
    period = service.period_of(asked.share)
    return redirect(f"/clients/{access.client.id}/report?{_query(period)}&asked=1#shares-h")


# ---------------------------------------------------------------- shares: the client's side


@router.get(f"{API}/my-record/report/shares")
def own_shares_api(
    access: ClientAccess = SHARES, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    return [share_out(s) for s in service.shares_of(db, client_id=access.client.id)]


def _own_share_body(
    db: Session, request: Request, access: ClientAccess, share: ReportShare
) -> tuple[dict[str, Any] | None, str | None]:
    """What the client reads: the copy they would share now, or the frozen one."""
    if share.status == rules.ShareStatus.PENDING:
        report = service.preview(db, share=share, client=access.client, limits=_limits(request),
                                 now=utcnow())  # fmt: skip
        return report, content.fingerprint(report)
    return service.frozen(share), share.fingerprint


@router.get(f"{API}/my-record/report/shares/{{share_id}}")
def own_share_api(
    share_id: str, request: Request, access: ClientAccess = SHARES,
    db: Session = Depends(db_session),
) -> dict[str, Any]:  # fmt: skip
    share = _share(db, access, share_id)
    report, printed = _own_share_body(db, request, access, share)
    _share_event(db, access, share, "opened")
    return share_out(share) | {"report": report, "fingerprint": printed}


def _own_share_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    share: ReportShare,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
    current: dict[str, Any] | None = None,
) -> Response:
    report: dict[str, Any] | None = current
    printed: str | None = None
    if current is not None:
        printed = content.fingerprint(current)
    else:
        report, printed = _own_share_body(db, request, access, share)
    _share_event(db, access, share, "opened")
    return render(
        request,
        "reports/share.html",
        status_code,
        principal=access.principal,
        client=access.client,
        share=share,
        mine=True,
        report=report,
        charts=pdf.charts_of(report) if report else {},
        day=content.iso_words,
        fingerprint=printed,
        errors=errors or {},
        status_words={s.value: w for s, w in STATUS_WORDS.items()},
        section_words=SECTION_WORDS,
    )


@router.get("/my-record/report/shares/{share_id}")
def own_share_page(
    share_id: str, request: Request, access: ClientAccess = SHARES,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    return _own_share_page(request, db, access, _share(db, access, share_id))


def _answer(
    db: Session, request: Request, access: ClientAccess, share: ReportShare, what: str,
    seen: str | None,
) -> service.Answered:  # fmt: skip
    now = utcnow()
    if what == "approve":
        done = service.approve(db, share=share, client=access.client, seen=seen,
                               limits=_limits(request), now=now)  # fmt: skip
    elif what == "decline":
        done = service.decline(db, share=share, now=now)
    else:
        done = service.withdraw(db, share=share, now=now)
    if done.changed:
        event = {"approve": "approved", "decline": "declined", "withdraw": "withdrawn"}[what]
        extra = {"fingerprint": share.fingerprint or ""} if what == "approve" else {}
        _share_event(db, access, share, event, **extra)
    return done


ANSWERS = ("approve", "decline", "withdraw")


def _answer_api(
    what: str, share_id: str, request: Request, access: ClientAccess, db: Session,
    body: AnswerIn | None,
) -> Any:  # fmt: skip
    share = _share(db, access, share_id)
    try:
        done = _answer(db, request, access, share, what, body.fingerprint if body else None)
    except StaleApprovalError as stale:
        out = error_body(409, stale.message, "conflict", {stale.field: stale.message})
        current = {"report": stale.current, "fingerprint": content.fingerprint(stale.current)}
        return JSONResponse(out | {"current": current}, status_code=409)
    except ReportError as error:
        raise _api_error(error) from None
    return share_out(done.share) | {"changed": done.changed}


@router.post(f"{API}/my-record/report/shares/{{share_id}}/approve")
def approve_api(
    share_id: str, body: AnswerIn, request: Request, access: ClientAccess = ANSWER,
    db: Session = Depends(db_session),
) -> Any:  # fmt: skip
    return _answer_api("approve", share_id, request, access, db, body)


@router.post(f"{API}/my-record/report/shares/{{share_id}}/decline")
def decline_api(
    share_id: str, request: Request, access: ClientAccess = ANSWER,
    db: Session = Depends(db_session),
) -> Any:  # fmt: skip
    return _answer_api("decline", share_id, request, access, db, None)


@router.post(f"{API}/my-record/report/shares/{{share_id}}/withdraw")
def withdraw_api(
    share_id: str, request: Request, access: ClientAccess = ANSWER,
    db: Session = Depends(db_session),
) -> Any:  # fmt: skip
    return _answer_api("withdraw", share_id, request, access, db, None)


async def _answer_form(what: str, share_id: str, request: Request, access: ClientAccess,
                       db: Session) -> Response:  # fmt: skip
    share = _share(db, access, share_id)
    form = await request.form()
    seen = str(form.get("fingerprint") or "") or None
    try:
        _answer(db, request, access, share, what, seen)
    except StaleApprovalError as stale:
        return _own_share_page(request, db, access, share, errors={stale.field: stale.message},
                               status_code=409, current=stale.current)  # fmt: skip
    except ReportError as error:
        return _own_share_page(request, db, access, share, errors={error.field: error.message},
                               status_code=error.status)  # fmt: skip
    done = {"approve": "approved", "decline": "declined", "withdraw": "withdrawn"}[what]
    return redirect(f"/my-record/report/shares/{share.id}?done={done}")


@router.post("/my-record/report/shares/{share_id}/approve")
async def approve_submit(
    share_id: str, request: Request, access: ClientAccess = ANSWER,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    return await _answer_form("approve", share_id, request, access, db)


@router.post("/my-record/report/shares/{share_id}/decline")
async def decline_submit(
    share_id: str, request: Request, access: ClientAccess = ANSWER,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    return await _answer_form("decline", share_id, request, access, db)


@router.post("/my-record/report/shares/{share_id}/withdraw")
async def withdraw_submit(
    share_id: str, request: Request, access: ClientAccess = ANSWER,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    return await _answer_form("withdraw", share_id, request, access, db)


# ---------------------------------------------------------------- shares: the care team's side


@router.get(f"{API}/clients/{{client_id}}/report/shares")
def shares_api(
    access: ClientAccess = SHARES, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    viewer = access.principal.membership
    return [share_out(s) for s in service.shares_for(db, client_id=access.client.id, viewer=viewer)]


@router.get("/clients/{client_id}/report/shares")
def shares_page(
    request: Request, access: ClientAccess = SHARES, db: Session = Depends(db_session)
) -> Response:
    viewer = access.principal.membership
    if access.client.id == viewer.id:
        return redirect("/my-record/report#shares-h")
    return render(
        request,
        "reports/shares.html",
        principal=access.principal,
        client=access.client,
        shares=service.shares_for(db, client_id=access.client.id, viewer=viewer),
        status_words={s.value: w for s, w in STATUS_WORDS.items()},
        section_words=SECTION_WORDS,
        day=content.iso_words,
    )


def _team_copy(
    db: Session, request: Request, access: ClientAccess, share: ReportShare
) -> dict[str, Any] | None:
    """The frozen copy for a team member, or None while it waits (for the one
    who asked); refused (403, recorded) when it is not shared with them now."""
    viewer = access.principal.membership
    if viewer.id == share.requested_by and share.status == rules.ShareStatus.PENDING:
        return None
    try:
        copy = service.open_for(db, share=share, viewer=viewer)
    except ReportError as error:
        if viewer.id == share.requested_by:
            return None  # declined or withdrawn: they see where it stands, not the copy
        raise _refused(db, request, access, share, "opened", error) from None
    _share_event(db, access, share, "opened")
    return copy


@router.get(f"{API}/clients/{{client_id}}/report/shares/{{share_id}}")
def share_api(
    share_id: str, request: Request, access: ClientAccess = SHARES,
    db: Session = Depends(db_session),
) -> dict[str, Any]:  # fmt: skip
    if access.client.id == access.principal.membership.id:
        return own_share_api(share_id, request, access, db)
    share = _share(db, access, share_id)
    return share_out(share) | {"report": _team_copy(db, request, access, share)}


@router.get("/clients/{client_id}/report/shares/{share_id}")
def share_page(
    share_id: str, request: Request, access: ClientAccess = SHARES,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    if access.client.id == access.principal.membership.id:
        return redirect(f"/my-record/report/shares/{share_id}")
    share = _share(db, access, share_id)
    report = _team_copy(db, request, access, share)
    return render(
        request,
        "reports/share.html",
        principal=access.principal,
        client=access.client,
        share=share,
        mine=False,
        report=report,
        charts=pdf.charts_of(report) if report else {},
        day=content.iso_words,
        fingerprint=share.fingerprint,
        errors={},
        status_words={s.value: w for s, w in STATUS_WORDS.items()},
        section_words=SECTION_WORDS,
    )


def _release(request: Request, access: ClientAccess, db: Session, share_id: str,
             *, as_pdf: bool) -> Response:  # fmt: skip
    share = _share(db, access, share_id)
    try:
        copy = service.release_copy(db, share=share, viewer=access.principal.membership,
                                    now=utcnow())  # fmt: skip
    except ReportError as error:
        if error.status == 404:
            raise _api_error(error) from None
        raise _refused(db, request, access, share, "released", error) from None
    _share_event(db, access, share, "released", format="pdf" if as_pdf else "print")
    env = request.app.state.templates.env
    title = f"Progress report: {copy['client_name']} (released to {share.recipient_name})"
    html = pdf.page_html(env, copy, for_pdf=as_pdf, title=title)
    if as_pdf:
        return _pdf_response(html, _file_name(copy, f"-release-{share.id}"))
    return HTMLResponse(html, headers=NO_STORE)


@router.get("/clients/{client_id}/report/shares/{share_id}/release.pdf")
def release_pdf(
    share_id: str, request: Request, access: ClientAccess = SHARES,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    return _release(request, access, db, share_id, as_pdf=True)


@router.get("/clients/{client_id}/report/shares/{share_id}/release")
def release_print(
    share_id: str, request: Request, access: ClientAccess = SHARES,
    db: Session = Depends(db_session),
) -> Response:  # fmt: skip
    return _release(request, access, db, share_id, as_pdf=False)
