"""Who is asking, and may they? Every route declares its policy through one of
the dependencies here; the route-table test fails any route that does not.

- ``public()``: anyone, signed in or not (sign-in pages, health, static).
- ``pending(stage)``: half-way through sign-in (MFA code or MFA enrolment).
- ``signed_in()``: any fully signed-in person, about their own account.
- ``capability(name)``: a role-level action from ``care.policy.CAPABILITIES``.
- ``client_record(category, action)``: a client's data, decided by
  ``care.policy.decide`` and audited, allowed or not.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import ApiToken, Membership, User, UserSession
from mend.accounts.roles import Role
from mend.audit import service as audit_log
from mend.audit.service import Actor
from mend.care import policy
from mend.care import service as care
from mend.care.policy import Action, Category, Relation
from mend.clock import utcnow
from mend.settings import Settings
from mend.web.errors import ApiError, NotSignedInError
from mend.web.transaction import db_session, keep_writes_on_error

SESSION_COOKIE = "mend_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class RoutePolicy:
    kind: str
    capability: str | None = None
    category: Category | None = None
    action: Action | None = None
    stage: str | None = None
    by_record: bool = False  # the client is found from a record in the path


@dataclass(frozen=True)
class Principal:
    user: User
    membership: Membership
    via: str  # "session" or "token"
    ip: str
    session: UserSession | None = None
    token: ApiToken | None = None

    @property
    def role(self) -> Role:
        return Role(self.membership.role)

    @property
    def org_id(self) -> str:
        return self.membership.org_id

    @property
    def actor(self) -> Actor:
        return Actor(
            user_id=self.user.id, role=self.membership.role, org_id=self.org_id, ip=self.ip
        )

    def audit(self, db: Session, action: str, *, outcome: str = "allowed", **fields: Any) -> None:
        """Record something this person did, now."""
        audit_log.record(
            db, actor=self.actor, action=action, outcome=outcome, now=utcnow(), **fields
        )


@dataclass(frozen=True)
class ClientAccess:
    principal: Principal
    client: Membership
    relation: Relation

    def may(self, category: Category, action: Action) -> bool:
        """Would the policy allow this without consent? For showing only controls that work."""
        decision = policy.decide(
            role=self.principal.role,
            relation=self.relation,
            category=category,
            action=action,
            consented=False,
        )
        return decision.allowed

    def audit(self, db: Session, action: str, **fields: Any) -> None:
        """Record something done to this client's record."""
        self.principal.audit(db, action, subject_client_id=self.client.id, **fields)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def anonymous_actor(request: Request) -> Actor:
    return Actor(user_id=None, role=None, org_id=None, ip=client_ip(request))


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _mark(dependency: Callable[..., Any], route_policy: RoutePolicy) -> Any:
    dependency.mend_policy = route_policy  # type: ignore[attr-defined]
    return Depends(dependency)


async def _csrf_sent(request: Request) -> str | None:
    if request.method in SAFE_METHODS:
        return None
    header = request.headers.get("x-csrf-token")
    if header:
        return header
    if request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get("csrf_token")
        return value if isinstance(value, str) else None
    return None


def _from_token(db: Session, request: Request, raw: str) -> Principal:
    record = accounts.find_token(db, token=raw, now=utcnow())
    if record is None or not _usable(record.membership):
        raise NotSignedInError
    return Principal(
        user=record.membership.user,
        membership=record.membership,
        via="token",
        ip=client_ip(request),
        token=record,
    )


def _usable(membership: Membership) -> bool:
    return membership.ended_at is None and membership.user.disabled_at is None


def _from_cookie(db: Session, request: Request, raw: str) -> Principal | None:
    record = accounts.find_session(db, token=raw)
    if record is None or not _usable(record.membership):
        return None
    now = utcnow()
    expired = accounts.session_expiry_reason(record, settings=settings_of(request), now=now)
    if expired:
        accounts.end_session(record, reason=expired, now=now)
        actor = Actor(
            record.user_id, record.membership.role, record.membership.org_id, client_ip(request)
        )
        audit_log.record(
            db,
            actor=actor,
            action="session.expired",
            outcome="ended",
            now=now,
            detail={"reason": expired},
        )
        keep_writes_on_error(request)
        return None
    accounts.touch_session(record, now=now)
    return Principal(
        user=record.membership.user,
        membership=record.membership,
        via="session",
        ip=client_ip(request),
        session=record,
    )


def resolve_principal(request: Request, db: Session) -> Principal | None:
    authorization = request.headers.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        return _from_token(db, request, authorization[7:].strip())
    cookie = request.cookies.get(SESSION_COOKIE)
    return _from_cookie(db, request, cookie) if cookie else None


def _check_csrf(principal: Principal, request: Request, sent: str | None) -> None:
    if principal.session is None or request.method in SAFE_METHODS:
        return
    if not sent or not hmac.compare_digest(sent, principal.session.csrf_token):
        raise ApiError(
            403,
            "This form has expired. Please reload the page and try again.",
            code="csrf_failed",
            fields={"csrf_token": "missing or does not match"},
        )


def _signed_in(request: Request, db: Session, sent: str | None, stage: str) -> Principal:
    principal = resolve_principal(request, db)
    if principal is None:
        raise NotSignedInError
    current = principal.session.stage if principal.session else "active"
    if current != stage:
        if stage == "active":
            raise NotSignedInError
        raise ApiError(404)
    _check_csrf(principal, request, sent)
    return principal


def public() -> Any:
    def dependency() -> None:
        return None

    return _mark(dependency, RoutePolicy("public"))


def pending(stage: str) -> Any:
    def dependency(
        request: Request, db: Session = Depends(db_session), sent: str | None = Depends(_csrf_sent)
    ) -> Principal:
        return _signed_in(request, db, sent, stage)

    return _mark(dependency, RoutePolicy("pending", stage=stage))


def signed_in() -> Any:
    def dependency(
        request: Request, db: Session = Depends(db_session), sent: str | None = Depends(_csrf_sent)
    ) -> Principal:
        return _signed_in(request, db, sent, "active")

    return _mark(dependency, RoutePolicy("signed_in"))


def _refuse(
    request: Request,
    db: Session,
    principal: Principal,
    status: int,
    *,
    action: str,
    client_id: str | None,
    message: str | None = None,
) -> ApiError:
    principal.audit(
        db, action, outcome="denied", resource_id=client_id, subject_client_id=client_id
    )
    keep_writes_on_error(request)
    return ApiError(status, message)


def capability(name: str) -> Any:
    def dependency(
        request: Request, db: Session = Depends(db_session), sent: str | None = Depends(_csrf_sent)
    ) -> Principal:
        principal = _signed_in(request, db, sent, "active")
        if not policy.may(principal.role, name):
            raise _refuse(request, db, principal, 403, action=name, client_id=None)
        return principal

    return _mark(dependency, RoutePolicy("capability", capability=name))


def _relation(db: Session, principal: Principal, client: Membership | None) -> Relation:
    if client is None or client.role != Role.CLIENT:
        return Relation.NONE
    same_org = client.org_id == principal.org_id
    is_self = client.id == principal.membership.id
    team = (
        None
        if is_self or not same_org
        else care.team_role(db, client_id=client.id, member_id=principal.membership.id)
    )
    glass = (
        same_org
        and not is_self
        and team is None
        and policy.may(principal.role, "break_glass.start")
        and care.has_break_glass(
            db, actor_id=principal.membership.id, client_id=client.id, now=utcnow()
        )
    )
    return policy.relation_for(
        role=principal.role,
        is_self=is_self,
        team_role=team,
        same_org=same_org,
        break_glass=glass,
        on_duty=same_org and client.org.duty_clinician_id == principal.membership.id,
    )


def check_client_access(
    request: Request,
    db: Session,
    principal: Principal,
    client_id: str,
    category: Category,
    action: Action,
) -> ClientAccess:
    client = db.get(Membership, client_id)
    relation = _relation(db, principal, client)
    consented = relation in (Relation.TREATING, Relation.SUPPORTING) and care.is_consented(
        db,
        client_id=client_id,
        member_id=principal.membership.id,
        team_role_name=principal.role.value,
        category=category,
    )
    decision = policy.decide(
        role=principal.role,
        relation=relation,
        category=category,
        action=action,
        consented=consented,
    )
    subject = client_id if client is not None and client.org_id == principal.org_id else None
    if not decision.allowed:
        raise _refuse(
            request,
            db,
            principal,
            decision.status_code,
            client_id=subject,
            action=f"{category}.{action}",
            message=None if decision.hide else decision.reason.capitalize() + ".",
        )
    assert client is not None
    principal.audit(
        db,
        f"{category}.{action}",
        resource_type=category.value,
        resource_id=client_id,
        subject_client_id=client_id,
        detail={"relation": relation.value},
    )
    return ClientAccess(principal=principal, client=client, relation=relation)


def client_record(category: Category, action: Action) -> Any:
    """Access to one client's data: ``{client_id}`` from the path, or the client's own."""

    def dependency(
        request: Request, db: Session = Depends(db_session), sent: str | None = Depends(_csrf_sent)
    ) -> ClientAccess:
        principal = _signed_in(request, db, sent, "active")
        client_id = request.path_params.get("client_id") or principal.membership.id
        return check_client_access(request, db, principal, client_id, category, action)

    return _mark(dependency, RoutePolicy("client", category=category, action=action))


def client_record_of(
    category: Category, action: Action, find_client: Callable[[Session, Request, str], str | None]
) -> Any:
    """Access to the client a record belongs to, found from the path (an alert
    id, a plan version): ``find_client(db, request, org_id)`` returns the client
    id when the record is in the asker's organisation, else None (404)."""

    def dependency(
        request: Request, db: Session = Depends(db_session), sent: str | None = Depends(_csrf_sent)
    ) -> ClientAccess:
        principal = _signed_in(request, db, sent, "active")
        client_id = find_client(db, request, principal.org_id)
        if client_id is None:
            raise ApiError(404)
        return check_client_access(request, db, principal, client_id, category, action)

    return _mark(
        dependency, RoutePolicy("client", category=category, action=action, by_record=True)
    )


def route_policy(dependant: Any) -> RoutePolicy | None:
    """Find the policy a route declared, searching its dependency tree."""
    for sub in dependant.dependencies:
        found = getattr(sub.call, "mend_policy", None) or route_policy(sub)
        if found:
            return found
    return None
