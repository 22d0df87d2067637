"""Admin pages and API: people, roles and organisation settings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import Membership, Organisation
from mend.accounts.roles import Role
from mend.audit import service as audit_log
from mend.care import service as care
from mend.clock import utcnow
from mend.healing import service as healing
from mend.healing import stages
from mend.web.auth import Principal, capability
from mend.web.errors import ApiError
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session

router = APIRouter()


class PersonIn(Input):
    email: EmailStr = Field(max_length=254)
    display_name: str = Field(min_length=1, max_length=200)
    role: Role
    password: str = Field(min_length=1, max_length=1024)


class PersonOut(BaseModel):
    membership_id: str
    user_id: str
    email: str
    display_name: str
    role: Role
    mfa_enabled: bool
    ended_at: datetime | None


class RoleIn(Input):
    role: Role


def _out(m: Membership) -> PersonOut:
    return PersonOut(
        membership_id=m.id,
        user_id=m.user_id,
        email=m.user.email,
        display_name=m.user.display_name,
        role=Role(m.role),
        mfa_enabled=m.user.mfa_enabled,
        ended_at=m.ended_at,
    )


def _create(request: Request, db: Session, principal: Principal, person: PersonIn) -> Membership:
    try:
        membership = accounts.create_user(
            db,
            org=principal.membership.org,
            email=str(person.email),
            name=person.display_name,
            password=person.password,
            role=person.role,
            hasher=request.app.state.hasher,
            now=utcnow(),
        )
    except accounts.AccountError as error:
        raise ApiError(422, error.message, fields={error.field: error.message}) from None
    principal.audit(
        db,
        "person.create",
        resource_type="membership",
        resource_id=membership.id,
        detail={"role": person.role.value},
    )
    return membership


def _change_role(db: Session, principal: Principal, membership_id: str, role: Role) -> Membership:
    membership = accounts.get_membership(db, membership_id=membership_id, org_id=principal.org_id)
    if membership is None:
        raise ApiError(404)
    if membership.id == principal.membership.id:
        raise ApiError(
            422,
            "Ask another admin to change your own role.",
            fields={"role": "cannot change your own role"},
        )
    before = membership.role
    accounts.change_role(db, membership=membership, role=role)
    principal.audit(
        db,
        "role.change",
        resource_type="membership",
        resource_id=membership.id,
        detail={"from": before, "to": role.value},
    )
    return membership


def _someone_else(db: Session, principal: Principal, membership_id: str) -> Membership:
    """Another person in the admin's organisation, whose sign-in the admin may reset."""
    membership = accounts.get_membership(db, membership_id=membership_id, org_id=principal.org_id)
    if membership is None:
        raise ApiError(404)
    if membership.id == principal.membership.id:
        raise ApiError(
            422,
            "Use your own account pages for your own sign-in.",
            fields={"membership_id": "this is you"},
        )
    if not accounts.only_in(membership.user, principal.org_id):
        raise ApiError(
            403,
            "This person also belongs to another organisation, so their "
            "sign-in can only be changed by them.",
        )
    return membership


def _audit_person(db: Session, principal: Principal, action: str, membership: Membership) -> None:
    audit_log.record(
        db,
        actor=principal.actor,
        action=action,
        outcome="allowed",
        now=utcnow(),
        resource_type="membership",
        resource_id=membership.id,
    )


def _reset_password(
    request: Request, db: Session, principal: Principal, membership_id: str, password: str
) -> None:
    membership = _someone_else(db, principal, membership_id)
    try:
        accounts.set_password(
            db, user=membership.user, password=password, hasher=request.app.state.hasher
        )
    except accounts.AccountError as error:
        raise ApiError(422, error.message, fields={"password": error.message}) from None
    accounts.sign_out_everywhere(
        db, user_id=membership.user_id, now=utcnow(), reason="password_reset"
    )
    _audit_person(db, principal, "password.reset", membership)


def _reset_mfa(db: Session, principal: Principal, membership_id: str) -> None:
    membership = _someone_else(db, principal, membership_id)
    accounts.reset_mfa(membership.user)
    accounts.sign_out_everywhere(db, user_id=membership.user_id, now=utcnow(), reason="mfa_reset")
    _audit_person(db, principal, "mfa.reset", membership)


def _end_role(db: Session, principal: Principal, membership_id: str) -> None:
    membership = _someone_else(db, principal, membership_id)
    accounts.end_membership(db, membership=membership, now=utcnow())
    for row in care.caseload_of(db, member_id=membership.id):
        care.remove_from_team(db, row=row, now=utcnow())
    _audit_person(db, principal, "role.end", membership)


def _people(db: Session, principal: Principal) -> list[Membership]:
    principal.audit(
        db,
        "people.list",
    )
    return list(accounts.people_in(db, org_id=principal.org_id))


@router.get("/admin/people")
def people_page(
    request: Request,
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> Response:
    return render(
        request,
        "accounts/people.html",
        principal=principal,
        people=_people(db, principal),
        roles=list(Role),
    )


@router.post("/admin/people")
def people_create(
    request: Request,
    email: Annotated[str, Form(max_length=254)],
    display_name: Annotated[str, Form(max_length=200)],
    role: Annotated[Role, Form()],
    password: Annotated[str, Form(max_length=1024)],
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> Response:
    try:
        person = PersonIn(email=email, display_name=display_name, role=role, password=password)
    except ValueError:
        raise ApiError(
            422, fields={"email": "Enter an email address like name@example.org."}
        ) from None
    _create(request, db, principal, person)
    return redirect("/admin/people")


@router.post("/admin/people/{membership_id}/role")
def people_role(
    membership_id: str,
    role: Annotated[Role, Form()],
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> Response:
    _change_role(db, principal, membership_id, role)
    return redirect("/admin/people")


@router.post("/admin/people/{membership_id}/password")
def people_password(
    membership_id: str,
    request: Request,
    password: Annotated[str, Form(max_length=1024)],
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> Response:
    _reset_password(request, db, principal, membership_id, password)
    return redirect("/admin/people")


@router.post("/admin/people/{membership_id}/mfa-reset")
def people_mfa_reset(
    membership_id: str,
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> Response:
    _reset_mfa(db, principal, membership_id)
    return redirect("/admin/people")


@router.post("/admin/people/{membership_id}/end")
def people_end(
    membership_id: str,
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> Response:
    _end_role(db, principal, membership_id)
    return redirect("/admin/people")


class PasswordReset(Input):
    password: str = Field(min_length=1, max_length=1024)


@router.put("/api/v1/people/{membership_id}/password", status_code=204)
def people_password_api(
    membership_id: str,
    body: PasswordReset,
    request: Request,
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> Response:
    _reset_password(request, db, principal, membership_id, body.password)
    return Response(status_code=204)


@router.delete("/api/v1/people/{membership_id}/mfa", status_code=204)
def people_mfa_reset_api(
    membership_id: str,
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> Response:
    _reset_mfa(db, principal, membership_id)
    return Response(status_code=204)


@router.delete("/api/v1/people/{membership_id}", status_code=204)
def people_end_api(
    membership_id: str,
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> Response:
    _end_role(db, principal, membership_id)
    return Response(status_code=204)


def _settings_page(
    request: Request,
    principal: Principal,
    *,
    stage_values: dict[int, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    org = principal.membership.org
    names = healing.stage_names(org)
    return render(
        request, "accounts/org_settings.html", status_code, principal=principal, org=org,
        stages=[(s, stages.DEFAULT_NAMES[s], names[s]) for s in stages.Stage],
        stage_values=stage_values, errors=errors or {},
    )  # fmt: skip


@router.get("/admin/settings")
def settings_page(request: Request, principal: Principal = capability("org.settings")) -> Response:
    return _settings_page(request, principal)


class StageNames(Input):
    """The organisation's names for stages 1 to 3; null or empty keeps the default."""

    stage_1: str | None = Field(default=None, max_length=200)
    stage_2: str | None = Field(default=None, max_length=200)
    stage_3: str | None = Field(default=None, max_length=200)


def _stage_names_out(org: Organisation) -> dict[str, Any]:
    names = healing.stage_names(org)
    own = {1: org.stage_1_name, 2: org.stage_2_name, 3: org.stage_3_name}
    return {
        "stages": [
            {"stage": int(s), "name": names[s], "default": stages.DEFAULT_NAMES[s],
             "renamed": own[int(s)] is not None}
            for s in stages.Stage
        ]
    }  # fmt: skip


def _rename(db: Session, principal: Principal, names: dict[int, str | None]) -> None:
    """Rename the stages, all three or none, and audit what they are now."""
    org = principal.membership.org
    try:
        found = healing.rename_stages(org=org, names=names)
    except stages.StageError as error:
        raise ApiError(422, error.message, fields={error.field: error.message}) from error
    principal.audit(
        db, "org.stage_names", resource_type="organisation", resource_id=org.id,
        detail={f"stage_{int(s)}": found[s] for s in stages.Stage},
    )  # fmt: skip


@router.get("/api/v1/org/stage-names")
def stage_names_api(principal: Principal = capability("org.settings")) -> dict[str, Any]:
    return _stage_names_out(principal.membership.org)


@router.put("/api/v1/org/stage-names")
def stage_names_change_api(
    body: StageNames,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> dict[str, Any]:
    """The organisation's own stage names (clinical-model §4); the client's plain
    words for each stage stay as they are."""
    _rename(db, principal, {1: body.stage_1, 2: body.stage_2, 3: body.stage_3})
    return _stage_names_out(principal.membership.org)


@router.post("/admin/settings/stages")
def stage_names_submit(
    request: Request,
    stage_1: Annotated[str, Form(max_length=200)] = "",
    stage_2: Annotated[str, Form(max_length=200)] = "",
    stage_3: Annotated[str, Form(max_length=200)] = "",
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> Response:
    given = {1: stage_1, 2: stage_2, 3: stage_3}
    try:
        _rename(db, principal, dict(given))
    except ApiError as error:
        return _settings_page(
            request, principal, stage_values=given, errors=error.fields, status_code=422
        )
    return redirect("/admin/settings?saved=stages")


@router.post("/admin/settings")
def settings_submit(
    mfa_required: Annotated[bool, Form()] = False,
    psychotherapy_notes_shared: Annotated[bool, Form()] = False,
    client_sees_consultation: Annotated[bool, Form()] = False,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> Response:
    org = principal.membership.org
    org.mfa_required = mfa_required
    org.psychotherapy_notes_shared = psychotherapy_notes_shared
    org.client_sees_consultation = client_sees_consultation
    principal.audit(
        db,
        "org.settings",
        resource_type="organisation",
        resource_id=org.id,
        detail={
            "mfa_required": str(mfa_required).lower(),
            "psychotherapy_notes_shared": str(psychotherapy_notes_shared).lower(),
            "client_sees_consultation": str(client_sees_consultation).lower(),
        },
    )
    return redirect("/admin/settings")


@router.get("/api/v1/people")
def people_api(
    principal: Principal = capability("people.manage"), db: Session = Depends(db_session)
) -> list[PersonOut]:
    return [_out(m) for m in _people(db, principal)]


@router.post("/api/v1/people", status_code=201)
def people_create_api(
    body: PersonIn,
    request: Request,
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> PersonOut:
    return _out(_create(request, db, principal, body))


@router.put("/api/v1/people/{membership_id}/role")
def people_role_api(
    membership_id: str,
    body: RoleIn,
    principal: Principal = capability("people.manage"),
    db: Session = Depends(db_session),
) -> PersonOut:
    return _out(_change_role(db, principal, membership_id, body.role))
