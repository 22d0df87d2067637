"""Notes: JSON API and pages. Diagnoses are in diagnosis_routes.py, included here.

Each kind of note has its own policy category, so each has its own paths and
every route declares exactly one category (the authorisation matrix checks it):
- clinical notes (SOAP, DAP): ``/notes``
- psychotherapy notes: ``/psychotherapy-notes`` (the author's own, unless the
  organisation lets the client's other treating therapists read them)
- support notes (coaches): ``/support-notes``

The notes page (``/clients/{id}/notes``, ``/my-record/notes``) is everyone's
way in: it is declared as the care team, and each kind of note it shows is
checked and audited against the policy on its own.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import Field, ValidationError
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care.notes import diagnosis_routes, service, templates
from mend.care.notes.service import NoteConflictError, NoteView
from mend.care.notes.templates import NoteError
from mend.care.policy import Action, Category
from mend.clock import utcnow
from mend.web.auth import ClientAccess, check_client_access, client_record, client_record_of
from mend.web.errors import ApiError, error_body
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session

router = APIRouter()
API = "/api/v1"


@dataclass(frozen=True)
class Family:
    """One category of notes: its policy category, its kinds and its paths."""

    category: Category
    segment: str  # in paths: /clients/{client_id}/<segment>, /api/v1/<segment>/{note_id}
    title: str

    @property
    def kinds(self) -> tuple[str, ...]:
        return templates.KINDS_OF[self.category]


CLINICAL = Family(Category.CLINICAL_NOTES, "notes", "Clinical notes")
PSYCHOTHERAPY = Family(Category.PSYCHOTHERAPY_NOTES, "psychotherapy-notes", "Psychotherapy notes")
SUPPORT = Family(Category.SUPPORT_NOTES, "support-notes", "Support notes")
FAMILIES = (CLINICAL, PSYCHOTHERAPY, SUPPORT)
BY_KIND = {kind: family for family in FAMILIES for kind in family.kinds}


# ---------------------------------------------------------------- inputs and outputs


class NoteIn(Input):
    kind: str | None = Field(default=None, max_length=16)
    session_on: date | None = Field(default=None, ge=date(1900, 1, 1))
    sections: dict[str, str] = Field(max_length=12)
    idempotency_key: str | None = Field(default=None, min_length=8, max_length=64)


class AmendIn(Input):
    version: int = Field(ge=1, le=1_000_000)
    sections: dict[str, str] = Field(max_length=12)
    reason: str = Field(max_length=templates.REASON_MAX_CHARS * 2)


def person_out(member: Membership) -> dict[str, Any]:
    return {"id": member.id, "name": member.user.display_name, "role": member.role}


def note_out(view: NoteView) -> dict[str, Any]:
    note = view.note
    return {
        "id": note.id,
        "client_id": note.client_id,
        "kind": note.kind,
        "category": str(view.template.category),
        "author": person_out(note.author),
        "session_on": note.session_on.isoformat() if note.session_on else None,
        "written_at": note.written_at.isoformat(),
        "version": note.version,
        "amended": view.amended,
        "updated_at": view.latest.written_at.isoformat(),
        "reason": view.latest.reason,
        "sections": view.sections,
    }


def revisions_out(db: Session, note_id: str) -> list[dict[str, Any]]:
    return [
        {
            "version": r.version,
            "sections": service.sections_of(r),
            "reason": r.reason,
            "written_at": r.written_at.isoformat(),
            "written_by": person_out(r.writer),
        }
        for r in service.revisions_of(db, note_id=note_id)
    ]


def api_error(error: NoteError) -> ApiError:
    return ApiError(error.status, error.message, fields={error.field: error.message})


def conflict_response(error: NoteConflictError) -> JSONResponse:
    """409 with the note as it is now, so the writer sees what changed."""
    body = error_body(409, error.message, "conflict", {error.field: error.message})
    return JSONResponse(body | {"current": note_out(error.current)}, status_code=409)


# ---------------------------------------------------------------- shared steps


def _shared(access: ClientAccess) -> bool:
    return bool(access.client.org.psychotherapy_notes_shared)


def _list(
    db: Session, access: ClientAccess, family: Family, kind: str | None = None
) -> list[NoteView]:
    kinds = family.kinds if kind is None else (kind,)
    return service.notes_of(
        db,
        client_id=access.client.id,
        kinds=kinds,
        reader_id=access.principal.membership.id,
        shared=_shared(access),
    )


def _get(db: Session, access: ClientAccess, family: Family, note_id: str) -> NoteView:
    note = service.get_note(
        db,
        client_id=access.client.id,
        note_id=note_id,
        kinds=family.kinds,
        reader_id=access.principal.membership.id,
        shared=_shared(access),
    )
    return service.view_of(db, note)


def _kind(family: Family, kind: str | None) -> str:
    if kind is None and len(family.kinds) == 1:
        return family.kinds[0]
    if kind not in family.kinds:
        raise NoteError(422, "kind", f"Choose one of: {', '.join(family.kinds)}.")
    return kind


def _write(db: Session, access: ClientAccess, family: Family, body: NoteIn) -> service.Written:
    written = service.write(
        db,
        client=access.client,
        author=access.principal.membership,
        kind=_kind(family, body.kind),
        sections=body.sections,
        session_on=body.session_on,
        key=body.idempotency_key,
        now=utcnow(),
    )
    if written.created:
        note = written.view.note
        access.audit(db, "note.written", resource_type="care_note", resource_id=note.id,
                     detail={"kind": note.kind})  # fmt: skip
    return written


def _amend(
    db: Session, access: ClientAccess, family: Family, note_id: str, body: AmendIn
) -> service.Written:
    view = _get(db, access, family, note_id)
    written = service.amend(
        db,
        note=view.note,
        by=access.principal.membership,
        sections=body.sections,
        reason=body.reason,
        version=body.version,
        now=utcnow(),
    )
    if written.created:
        access.audit(db, "note.amended", resource_type="care_note", resource_id=note_id,
                     detail={"version": str(written.view.note.version)})  # fmt: skip
    return written


# ---------------------------------------------------------------- JSON API


def _finder(family: Family) -> Callable[[Session, Request, str], str | None]:
    def find(db: Session, request: Request, org_id: str) -> str | None:
        note_id = request.path_params["note_id"]
        return service.note_client(db, note_id=note_id, org_id=org_id, kinds=family.kinds)

    return find


def _note_api(family: Family) -> None:
    """The five routes of one category of notes: list, write, read, history, amend."""
    read = client_record(family.category, Action.READ)
    write = client_record(family.category, Action.WRITE)
    read_one = client_record_of(family.category, Action.READ, _finder(family))
    write_one = client_record_of(family.category, Action.WRITE, _finder(family))
    by_client = f"{API}/clients/{{client_id}}/{family.segment}"
    by_id = f"{API}/{family.segment}/{{note_id}}"
    own = [f"{API}/my-record/{family.segment}"] if family is not PSYCHOTHERAPY else []

    def list_notes(
        kind: str | None = None, access: ClientAccess = read, db: Session = Depends(db_session)
    ) -> list[dict[str, Any]]:
        try:
            chosen = None if kind is None else _kind(family, kind)
        except NoteError as error:
            raise api_error(error) from None
        return [note_out(v) for v in _list(db, access, family, chosen)]

    def write_note(
        body: NoteIn, response: Response, access: ClientAccess = write,
        db: Session = Depends(db_session),
    ) -> Any:  # fmt: skip
        try:
            written = _write(db, access, family, body)
        except NoteError as error:
            raise api_error(error) from None
        response.status_code = 201 if written.created else 200
        return note_out(written.view)

    def read_note(
        note_id: str, access: ClientAccess = read_one, db: Session = Depends(db_session)
    ) -> dict[str, Any]:
        try:
            view = _get(db, access, family, note_id)
        except NoteError as error:
            raise api_error(error) from None
        return note_out(view) | {"revisions": revisions_out(db, note_id)}

    def note_revisions(
        note_id: str, access: ClientAccess = read_one, db: Session = Depends(db_session)
    ) -> list[dict[str, Any]]:
        try:
            _get(db, access, family, note_id)
        except NoteError as error:
            raise api_error(error) from None
        return revisions_out(db, note_id)

    def amend_note(
        note_id: str, body: AmendIn, response: Response, access: ClientAccess = write_one,
        db: Session = Depends(db_session),
    ) -> Any:  # fmt: skip
        try:
            written = _amend(db, access, family, note_id, body)
        except NoteConflictError as conflict:
            return conflict_response(conflict)
        except NoteError as error:
            raise api_error(error) from None
        response.status_code = 201 if written.created else 200
        return note_out(written.view)

    name = family.segment.replace("-", "_")
    for path in (by_client, *own):
        router.add_api_route(path, list_notes, methods=["GET"], name=f"{name}_list")
    router.add_api_route(by_client, write_note, methods=["POST"], name=f"{name}_write",
                         status_code=201)  # fmt: skip
    router.add_api_route(by_id, read_note, methods=["GET"], name=f"{name}_read")
    router.add_api_route(f"{by_id}/revisions", note_revisions, methods=["GET"],
                         name=f"{name}_revisions")  # fmt: skip
    router.add_api_route(f"{by_id}/amend", amend_note, methods=["POST"], name=f"{name}_amend")


for _family in FAMILIES:
    _note_api(_family)


# ---------------------------------------------------------------- pages


def _own(access: ClientAccess) -> bool:
    return access.client.id == access.principal.membership.id


def base_of(access: ClientAccess) -> str:
    return "/my-record" if _own(access) else f"/clients/{access.client.id}"


def _page(
    request: Request, page_name: str, access: ClientAccess, status_code: int = 200, **context: Any
) -> Response:
    return render(
        request,
        page_name,
        status_code,
        principal=access.principal,
        client=access.client,
        own=_own(access),
        base=base_of(access),
        shared=_shared(access),
        templates=templates.TEMPLATES,
        **context,
    )


def form_errors(error: Exception) -> dict[str, str]:
    """Field → message, whichever layer refused the input."""
    if isinstance(error, NoteError):
        return {error.field: error.message}
    if isinstance(error, ValidationError):
        found: dict[str, str] = {}
        for problem in error.errors():
            name = ".".join(str(p) for p in problem["loc"]) or "form"
            found.setdefault(name, problem["msg"].removeprefix("Value error, "))
        return found
    if isinstance(error, ApiError):
        return dict(error.fields) or {"form": error.message}
    return {"form": str(error)}


def _status(error: Exception) -> int:
    return error.status if isinstance(error, NoteError | ApiError) else 422


def _sections_from(form: Any, kind: str) -> dict[str, str]:
    template = templates.TEMPLATES.get(kind)
    names = template.names if template else ()
    return {name: str(form.get(name) or "") for name in names}


def _date_or_none(value: object) -> str | None:
    text = str(value or "").strip()
    return text or None


def _readable(access: ClientAccess, family: Family) -> bool:
    # Every notes category is granted always or never (no consent), so this is exact.
    return access.may(family.category, Action.READ)


def _notes_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    template: str = "soap",
    form: str = "",
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """Clinical notes for the therapist, support notes for the coach, both for
    the client; each kind is checked and audited on its own."""
    lists: dict[str, list[NoteView]] = {}
    for family in (CLINICAL, SUPPORT):
        if _readable(access, family):
            check_client_access(request, db, access.principal, access.client.id,
                                family.category, Action.READ)  # fmt: skip
            lists[family.segment] = _list(db, access, family)
    return _page(
        request,
        "notes/notes.html",
        access,
        status_code,
        lists=lists,
        form_template=templates.TEMPLATES[
            template if template in templates.CLINICAL_KINDS else "soap"
        ],
        may_write_clinical=access.may(Category.CLINICAL_NOTES, Action.WRITE),
        may_write_support=access.may(Category.SUPPORT_NOTES, Action.WRITE),
        may_psychotherapy=access.may(Category.PSYCHOTHERAPY_NOTES, Action.READ),
        may_diagnoses=access.may(Category.DIAGNOSES, Action.READ),
        form=form,  # which form the values and errors belong to
        values=values or {},
        errors=errors or {},
        new_key=secrets.token_hex(12),
        today=utcnow().date(),
    )


TEAM_READ = client_record(Category.CARE_TEAM, Action.READ)


@router.get("/my-record/notes")
@router.get("/clients/{client_id}/notes")
def notes_page(
    request: Request,
    template: str = "soap",
    access: ClientAccess = TEAM_READ,
    db: Session = Depends(db_session),
) -> Response:
    return _notes_page(request, db, access, template=template)


async def _write_submit(
    request: Request, db: Session, access: ClientAccess, family: Family
) -> tuple[dict[str, Any], Exception | None]:
    form = await request.form()
    kind = str(form.get("kind") or "") or None
    values: dict[str, Any] = {
        "kind": kind,
        "session_on": _date_or_none(form.get("session_on")),
        "sections": _sections_from(form, kind or family.kinds[0]),
        "idempotency_key": str(form.get("key") or "") or None,
    }
    try:
        _write(db, access, family, NoteIn(**values))
    except (ValidationError, NoteError) as error:
        return values, error
    return values, None


@router.post("/clients/{client_id}/notes")
async def clinical_note_submit(
    request: Request,
    access: ClientAccess = client_record(Category.CLINICAL_NOTES, Action.WRITE),
    db: Session = Depends(db_session),
) -> Response:
    values, error = await _write_submit(request, db, access, CLINICAL)
    if error is not None:
        return _notes_page(request, db, access, template=values["kind"] or "soap",
                           form="clinical", values=values, errors=form_errors(error),
                           status_code=_status(error))  # fmt: skip
    return redirect(f"{base_of(access)}/notes?saved=1")


@router.post("/clients/{client_id}/support-notes")
async def support_note_submit(
    request: Request,
    access: ClientAccess = client_record(Category.SUPPORT_NOTES, Action.WRITE),
    db: Session = Depends(db_session),
) -> Response:
    values, error = await _write_submit(request, db, access, SUPPORT)
    if error is not None:
        return _notes_page(request, db, access, form="support", values=values,
                           errors=form_errors(error), status_code=_status(error))  # fmt: skip
    return redirect(f"{base_of(access)}/notes?saved=1")


# Psychotherapy notes: a page of their own, never mixed with the record.

PSYCHOTHERAPY_READ = client_record(Category.PSYCHOTHERAPY_NOTES, Action.READ)
PSYCHOTHERAPY_WRITE = client_record(Category.PSYCHOTHERAPY_NOTES, Action.WRITE)


def _psychotherapy_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return _page(
        request,
        "notes/psychotherapy.html",
        access,
        status_code,
        notes=_list(db, access, PSYCHOTHERAPY),
        form_template=templates.PSYCHOTHERAPY,
        values=values or {},
        errors=errors or {},
        new_key=secrets.token_hex(12),
        today=utcnow().date(),
    )


@router.get("/clients/{client_id}/psychotherapy-notes")
def psychotherapy_page(
    request: Request, access: ClientAccess = PSYCHOTHERAPY_READ, db: Session = Depends(db_session)
) -> Response:
    return _psychotherapy_page(request, db, access)


@router.post("/clients/{client_id}/psychotherapy-notes")
async def psychotherapy_submit(
    request: Request, access: ClientAccess = PSYCHOTHERAPY_WRITE, db: Session = Depends(db_session)
) -> Response:
    values, error = await _write_submit(request, db, access, PSYCHOTHERAPY)
    if error is not None:
        return _psychotherapy_page(request, db, access, values=values, errors=form_errors(error),
                                   status_code=_status(error))  # fmt: skip
    return redirect(f"{base_of(access)}/psychotherapy-notes?saved=1")


# One note: its words now, every earlier version with its reason, and the
# amend form for its author.


def _note_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    family: Family,
    note_id: str,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    try:
        view = _get(db, access, family, note_id)
    except NoteError:
        raise ApiError(404) from None
    me = access.principal.membership.id
    return _page(
        request,
        "notes/note.html",
        access,
        status_code,
        family=family,
        view=view,
        history=[
            (r, service.sections_of(r)) for r in reversed(service.revisions_of(db, note_id=note_id))
        ],
        may_amend=access.may(family.category, Action.WRITE)
        and templates.may_amend(author_id=view.note.author_id, by_id=me),
        values=values or {},
        errors=errors or {},
        back=f"{base_of(access)}/{'notes' if family is SUPPORT else family.segment}",
    )


def _note_pages(family: Family) -> None:
    """Read one note, and amend it (its author), for one category."""
    read = client_record(family.category, Action.READ)
    write = client_record(family.category, Action.WRITE)

    def note_page(
        note_id: str, request: Request, access: ClientAccess = read,
        db: Session = Depends(db_session),
    ) -> Response:  # fmt: skip
        return _note_page(request, db, access, family, note_id)

    async def amend_submit(
        note_id: str, request: Request, access: ClientAccess = write,
        db: Session = Depends(db_session),
    ) -> Response:  # fmt: skip
        form = await request.form()
        version = str(form.get("version") or "")
        view = _get_or_404(db, access, family, note_id)
        values: dict[str, Any] = {
            "version": int(version) if version.isdigit() else 0,
            "sections": _sections_from(form, view.note.kind),
            "reason": str(form.get("reason") or ""),
        }
        try:
            _amend(db, access, family, note_id, AmendIn(**values))
        except NoteConflictError as conflict:
            # Keep what was typed; the next amendment is made knowing the newer version.
            values["version"] = conflict.current.note.version
            return _note_page(request, db, access, family, note_id, values=values,
                              errors={"version": conflict.message}, status_code=409)  # fmt: skip
        except (ValidationError, NoteError) as error:
            return _note_page(request, db, access, family, note_id, values=values,
                              errors=form_errors(error), status_code=_status(error))  # fmt: skip
        return redirect(f"{base_of(access)}/{family.segment}/{note_id}?amended=1")

    name = family.segment.replace("-", "_")
    paths = [f"/clients/{{client_id}}/{family.segment}/{{note_id}}"]
    if family is not PSYCHOTHERAPY:
        paths.append(f"/my-record/{family.segment}/{{note_id}}")
    for path in paths:
        router.add_api_route(path, note_page, methods=["GET"], name=f"{name}_page")
    router.add_api_route(f"{paths[0]}/amend", amend_submit, methods=["POST"],
                         name=f"{name}_amend_submit")  # fmt: skip


def _get_or_404(db: Session, access: ClientAccess, family: Family, note_id: str) -> NoteView:
    try:
        return _get(db, access, family, note_id)
    except NoteError:
        raise ApiError(404) from None


for _family in FAMILIES:
    _note_pages(_family)


router.include_router(diagnosis_routes.router)
