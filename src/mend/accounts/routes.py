"""Sign-in, MFA, sessions and API tokens: pages and JSON API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import segno
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts import totp
from mend.accounts.models import Membership, User
from mend.audit import service as audit_log
from mend.audit.service import Actor
from mend.clock import utcnow
from mend.web.auth import (
    SESSION_COOKIE,
    Principal,
    anonymous_actor,
    client_ip,
    pending,
    public,
    settings_of,
    signed_in,
)
from mend.web.errors import ApiError
from mend.web.forms import check_anonymous_csrf, redirect, render, render_anonymous
from mend.web.inputs import Input
from mend.web.transaction import db_reader, db_session, keep_writes_on_error

router = APIRouter()

WRONG = "That email and password do not match an account. Please try again."


def _throttled(request: Request, db: Session, email: str, wait: int) -> ApiError:
    audit_log.record(
        db,
        actor=anonymous_actor(request),
        action="login.throttled",
        outcome="denied",
        now=utcnow(),
        detail={"retry_after": str(wait)},
    )
    keep_writes_on_error(request)
    return ApiError(
        429,
        f"Too many attempts. Please wait {wait} seconds and try again.",
        fields={"email": "too many failed attempts"},
        headers={"Retry-After": str(wait)},
    )


def _password_step(request: Request, db: Session, email: str, password: str) -> User:
    settings = settings_of(request)
    result = accounts.check_password(
        db,
        reader=db_reader(request),
        email=email,
        password=password,
        ip=client_ip(request),
        hasher=request.app.state.hasher,
        settings=settings,
        now=utcnow(),
    )
    if result.retry_after:
        raise _throttled(request, db, email, result.retry_after)
    if result.user is None:
        audit_log.record(
            db,
            actor=anonymous_actor(request),
            action="login.failure",
            outcome="denied",
            now=utcnow(),
        )
        keep_writes_on_error(request)
        raise ApiError(401, WRONG, code="wrong_credentials", fields={"password": WRONG})
    return result.user


def _signed_in_membership(request: Request, db: Session, email: str, password: str) -> Membership:
    membership = accounts.default_membership(db, user=_password_step(request, db, email, password))
    if membership is None:
        raise ApiError(401, WRONG, code="wrong_credentials", fields={"password": WRONG})
    return membership


def _audit_login(db: Session, request: Request, membership: Membership, action: str) -> None:
    actor = Actor(membership.user_id, membership.role, membership.org_id, client_ip(request))
    audit_log.record(db, actor=actor, action=action, outcome="allowed", now=utcnow())


def _start(request: Request, db: Session, membership: Membership, stage: str) -> Response:
    """Begin a new session (rotating any old one) and send the person on."""
    old = request.cookies.get(SESSION_COOKIE)
    if old and (previous := accounts.find_session(db, token=old)):
        accounts.end_session(previous, reason="rotated", now=utcnow())
    token, _ = accounts.start_session(
        db,
        membership=membership,
        stage=stage,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent", ""),
        now=utcnow(),
    )
    target = {"mfa": "/login/mfa", "enrol": "/login/enrol"}.get(stage, "/")
    response = redirect(target)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        path="/",
        secure=settings_of(request).https or request.url.scheme == "https",
    )
    return response


@router.get("/login", dependencies=[public()])
def login_page(request: Request) -> Response:
    return render_anonymous(request, "accounts/login.html")


@router.post("/login", dependencies=[public()])
def login(
    request: Request,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=128)] = "",
    db: Session = Depends(db_session),
) -> Response:
    check_anonymous_csrf(request, csrf_token)
    try:
        membership = _signed_in_membership(request, db, email, password)
    except ApiError as problem:
        page = render_anonymous(
            request, "accounts/login.html", problem.status, error=problem.message, email=email
        )
        page.headers.update(problem.headers)
        return page
    stage = accounts.mfa_needed(membership)
    _audit_login(db, request, membership, "login.password_ok" if stage != "active" else "login")
    if stage == "active":
        accounts.mark_signed_in(membership.user, now=utcnow())
    return _start(request, db, membership, stage)


@router.get("/login/mfa")
def mfa_page(request: Request, principal: Principal = pending("mfa")) -> Response:
    return render(request, "accounts/mfa.html", principal=principal)


def _second_step(
    request: Request,
    db: Session,
    user: User,
    code: str,
    actor: Actor,
    *,
    status: int = 422,
    field: str = "code",
) -> None:
    """Check a two-step code, throttled like a password; refusals are audited and kept."""
    result = accounts.check_mfa_code(
        db, user=user, code=code, ip=client_ip(request), settings=settings_of(request), now=utcnow()
    )
    if result.retry_after:
        raise _throttled(request, db, user.email, result.retry_after)
    if not result.ok:
        audit_log.record(
            db, actor=actor, action="login.mfa_failure", outcome="denied", now=utcnow()
        )
        keep_writes_on_error(request)
        raise ApiError(
            status,
            "That code did not work. Codes change every 30 seconds and each works once.",
            code="mfa_failed",
            fields={field: "missing, wrong or already used"},
        )


def _finish_mfa(
    request: Request, db: Session, principal: Principal, code: str, action: str
) -> Response:
    _second_step(request, db, principal.user, code, principal.actor)
    _audit_login(db, request, principal.membership, action)
    accounts.mark_signed_in(principal.user, now=utcnow())
    return _start(request, db, principal.membership, "active")


@router.post("/login/mfa")
def mfa_submit(
    request: Request,
    code: Annotated[str, Form(max_length=16)],
    principal: Principal = pending("mfa"),
    db: Session = Depends(db_session),
) -> Response:
    try:
        return _finish_mfa(request, db, principal, code, "login")
    except ApiError as problem:
        page = render(
            request, "accounts/mfa.html", problem.status, principal=principal, error=problem.message
        )
        page.headers.update(problem.headers)
        return page


def _qr_svg(uri: str) -> str:
    return str(
        segno.make(uri, error="m").svg_inline(scale=5, dark="#111", light="#fff", omitsize=False)
    )


@router.get("/login/enrol")
def enrol_page(
    request: Request, principal: Principal = pending("enrol"), db: Session = Depends(db_session)
) -> Response:
    secret = principal.user.totp_secret or accounts.begin_mfa_enrolment(principal.user)
    db.flush()
    uri = totp.provisioning_uri(secret, email=principal.user.email)
    return render(
        request,
        "accounts/enrol.html",
        principal=principal,
        secret=secret,
        qr=_qr_svg(uri),
        action="/login/enrol",
    )


@router.post("/login/enrol")
def enrol_submit(
    request: Request,
    code: Annotated[str, Form(max_length=16)],
    principal: Principal = pending("enrol"),
    db: Session = Depends(db_session),
) -> Response:
    return _finish_mfa(request, db, principal, code, "mfa.enrolled")


@router.get("/account/security")
def security_page(
    request: Request, principal: Principal = signed_in(), db: Session = Depends(db_session)
) -> Response:
    if principal.user.mfa_enabled or not principal.role.may_use_mfa:
        return render(request, "accounts/security.html", principal=principal)
    secret = principal.user.totp_secret or accounts.begin_mfa_enrolment(principal.user)
    db.flush()
    uri = totp.provisioning_uri(secret, email=principal.user.email)
    return render(
        request, "accounts/security.html", principal=principal, secret=secret, qr=_qr_svg(uri)
    )


@router.post("/account/security")
def security_enrol(
    request: Request,
    code: Annotated[str, Form(max_length=16)],
    principal: Principal = signed_in(),
    db: Session = Depends(db_session),
) -> Response:
    if not principal.role.may_use_mfa:
        raise ApiError(403)
    _second_step(request, db, principal.user, code, principal.actor)
    _audit_login(db, request, principal.membership, "mfa.enrolled")
    return redirect("/account/security")


def _change_password(
    request: Request, db: Session, principal: Principal, current: str, new: str
) -> None:
    hasher = request.app.state.hasher
    check = accounts.check_password(
        db,
        reader=db_reader(request),
        email=principal.user.email,
        password=current,
        ip=client_ip(request),
        hasher=hasher,
        settings=settings_of(request),
        now=utcnow(),
    )
    if check.retry_after:
        raise _throttled(request, db, principal.user.email, check.retry_after)
    if not check.ok:
        audit_log.record(
            db, actor=principal.actor, action="password.change", outcome="denied", now=utcnow()
        )
        keep_writes_on_error(request)
        raise ApiError(
            422,
            "Your current password is not right.",
            fields={"current_password": "does not match"},
        )
    try:
        accounts.set_password(db, user=principal.user, password=new, hasher=hasher)
    except accounts.AccountError as error:
        raise ApiError(422, error.message, fields={error.field: error.message}) from None
    accounts.sign_out_everywhere(
        db,
        user_id=principal.user.id,
        now=utcnow(),
        reason="password_changed",
        keep_session_id=principal.session.id if principal.session else None,
    )
    _audit_login(db, request, principal.membership, "password.change")


@router.get("/account/password")
def password_page(request: Request, principal: Principal = signed_in()) -> Response:
    return render(request, "accounts/password.html", principal=principal)


@router.post("/account/password")
def password_submit(
    request: Request,
    current_password: Annotated[str, Form(max_length=1024)],
    new_password: Annotated[str, Form(max_length=1024)],
    principal: Principal = signed_in(),
    db: Session = Depends(db_session),
) -> Response:
    try:
        _change_password(request, db, principal, current_password, new_password)
    except ApiError as problem:
        return render(
            request,
            "accounts/password.html",
            problem.status,
            principal=principal,
            error=problem.message,
        )
    return render(request, "accounts/password.html", principal=principal, done=True)


class PasswordChange(Input):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


@router.put("/api/v1/me/password", status_code=204)
def password_api(
    body: PasswordChange,
    request: Request,
    principal: Principal = signed_in(),
    db: Session = Depends(db_session),
) -> Response:
    _change_password(request, db, principal, body.current_password, body.new_password)
    return Response(status_code=204)


@router.post("/logout")
def logout(
    request: Request, principal: Principal = signed_in(), db: Session = Depends(db_session)
) -> Response:
    if principal.session:
        accounts.end_session(principal.session, reason="logout", now=utcnow())
    _audit_login(db, request, principal.membership, "logout")
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account/sessions")
def sessions_page(
    request: Request, principal: Principal = signed_in(), db: Session = Depends(db_session)
) -> Response:
    sessions = accounts.sessions_of(db, user_id=principal.user.id)
    return render(
        request,
        "accounts/sessions.html",
        principal=principal,
        sessions=sessions,
        current=principal.session.id if principal.session else None,
    )


@router.post("/account/sessions/{session_id}/end")
def end_session_page(
    session_id: str,
    request: Request,
    principal: Principal = signed_in(),
    db: Session = Depends(db_session),
) -> Response:
    _end_own_session(request, db, principal, session_id)
    return redirect("/account/sessions")


def _end_own_session(request: Request, db: Session, principal: Principal, session_id: str) -> None:
    if not accounts.end_session_by_id(
        db, user_id=principal.user.id, session_id=session_id, now=utcnow()
    ):
        raise ApiError(404)
    _audit_login(db, request, principal.membership, "session.ended")


class TokenRequest(Input):
    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)
    totp_code: str | None = Field(default=None, max_length=16)


class TokenOut(BaseModel):
    token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type
    expires_at: datetime


class SessionOut(BaseModel):
    id: str
    created_at: datetime
    last_seen_at: datetime
    ip: str
    user_agent: str
    current: bool


class MeOut(BaseModel):
    user_id: str
    membership_id: str
    org_id: str
    role: str
    display_name: str
    email: str
    mfa_enabled: bool


@router.post("/api/v1/auth/token", dependencies=[public()], status_code=201)
def create_token(
    body: TokenRequest, request: Request, db: Session = Depends(db_session)
) -> TokenOut:
    membership = _signed_in_membership(request, db, body.email, body.password)
    user = membership.user
    if accounts.mfa_needed(membership) == "enrol":
        raise ApiError(
            403, "Set up two-step sign-in in the browser first.", code="mfa_enrolment_required"
        )
    if user.mfa_enabled:
        _second_step(
            request,
            db,
            user,
            body.totp_code or "",
            anonymous_actor(request),
            status=401,
            field="totp_code",
        )
    accounts.mark_signed_in(user, now=utcnow())
    token, record = accounts.issue_token(
        db, membership=membership, settings=settings_of(request), now=utcnow()
    )
    _audit_login(db, request, membership, "token.issued")
    return TokenOut(token=token, expires_at=record.expires_at)


@router.delete("/api/v1/auth/token", status_code=204)
def revoke_token(
    request: Request, principal: Principal = signed_in(), db: Session = Depends(db_session)
) -> Response:
    if principal.token is None:
        raise ApiError(400, "Only a bearer token can be revoked here.", code="not_a_token")
    principal.token.revoked_at = utcnow()
    _audit_login(db, request, principal.membership, "token.revoked")
    return Response(status_code=204)


@router.get("/api/v1/me")
def me(principal: Principal = signed_in()) -> MeOut:
    return MeOut(
        user_id=principal.user.id,
        membership_id=principal.membership.id,
        org_id=principal.org_id,
        role=principal.role.value,
        display_name=principal.user.display_name,
        email=principal.user.email,
        mfa_enabled=principal.user.mfa_enabled,
    )


@router.get("/api/v1/sessions")
def list_sessions(
    principal: Principal = signed_in(), db: Session = Depends(db_session)
) -> list[SessionOut]:
    current = principal.session.id if principal.session else None
    return [
        SessionOut(
            id=s.id,
            created_at=s.created_at,
            last_seen_at=s.last_seen_at,
            ip=s.ip,
            user_agent=s.user_agent,
            current=s.id == current,
        )
        for s in accounts.sessions_of(db, user_id=principal.user.id)
    ]


@router.delete("/api/v1/sessions/{session_id}", status_code=204)
def end_session_api(
    session_id: str,
    request: Request,
    principal: Principal = signed_in(),
    db: Session = Depends(db_session),
) -> Response:
    _end_own_session(request, db, principal, session_id)
    return Response(status_code=204)
