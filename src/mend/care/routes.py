"""Home, caseload, care teams, consent, break-glass and "who looked at my record"."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.roles import Role
from mend.audit import service as audit_log
from mend.care import service as care
from mend.care.goals import service as goals
from mend.care.homework import service as homework
from mend.care.messages import service as messages
from mend.care.policy import CONSENT_CATEGORIES, Action, Category, Relation
from mend.clock import utcnow
from mend.measures import service as measures
from mend.reports import service as reports
from mend.web.auth import (
    ClientAccess,
    Principal,
    capability,
    client_record,
    settings_of,
    signed_in,
)
from mend.web.errors import ApiError
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session

router = APIRouter()

CATEGORY_LABELS = {
    Category.COPING: "Coping jar and coping moments",
    Category.MEASURES: "Questionnaires and scores",
    Category.JOURNAL: "Journal",
    Category.SAFETY_PLAN: "Safety plan",
    Category.GOALS_HOMEWORK: "Goals and homework",
    Category.CONSULTATION: "Talking with your other team members about you (consultation)",
}


def _care_error(error: care.CareError) -> ApiError:
    return ApiError(422, error.message, fields={error.field: error.message})


@router.get("/")
def home(principal: Principal = signed_in()) -> Response:
    target = {Role.CLIENT: "/today", Role.ADMIN: "/admin/people"}.get(principal.role, "/caseload")
    return redirect(target)


@router.get("/today")
def today(
    request: Request,
    access: ClientAccess = client_record(Category.PROFILE, Action.READ),
    db: Session = Depends(db_session),
) -> Response:
    team = care.team_of(db, client_id=access.client.id)
    due = measures.due_for(
        db,
        client_ids=[access.client.id],
        org_id=access.client.org_id,
        now=utcnow(),
        overdue_after=measures.overdue_after(settings_of(request)),
    )
    client_id, now = access.client.id, utcnow()
    goals_now = goals.summaries(db, client_ids=[client_id]).get(client_id)
    return render(
        request,
        "care/today.html",
        principal=access.principal,
        team=team,
        due=due,
        homework_due=homework.due_for(db, client_id=client_id, now=now),
        proposals=goals_now.proposed if goals_now else 0,
        unread=sum(t.unread for t in messages.client_threads(db, client=access.client)),
        report_requests=reports.pending_count(db, client_id=client_id),
    )


@router.get("/clients/{client_id}")
def client_page(
    client_id: str,
    request: Request,
    access: ClientAccess = client_record(Category.PROFILE, Action.READ),
    db: Session = Depends(db_session),
) -> Response:
    me = access.principal.membership
    on_team = access.relation in (Relation.TREATING, Relation.SUPPORTING)
    shared = (
        care.consent_state(db, client_id=client_id, member_id=me.id, team_role_name=me.role)
        if on_team
        else []
    )
    return render(
        request,
        "care/client.html",
        principal=access.principal,
        client=access.client,
        relation=access.relation.value,
        team=care.team_of(db, client_id=client_id),
        shared=shared,
        labels=CATEGORY_LABELS,
    )


@router.get("/clients/{client_id}/team")
def team_page(
    client_id: str,
    request: Request,
    access: ClientAccess = client_record(Category.CARE_TEAM, Action.READ),
    db: Session = Depends(db_session),
) -> Response:
    team = care.team_of(db, client_id=client_id)
    on_team = {row.member_id for row in team}
    candidates = [
        m
        for m in accounts.people_in(db, org_id=access.client.org_id)
        if m.role in (Role.THERAPIST, Role.COACH) and m.id not in on_team
    ]
    return render(
        request,
        "care/team.html",
        principal=access.principal,
        client=access.client,
        team=team,
        candidates=candidates,
        can_edit=access.may(Category.CARE_TEAM, Action.WRITE),
    )


def _add_member(db: Session, access: ClientAccess, member_id: str) -> None:
    member = accounts.get_membership(db, membership_id=member_id, org_id=access.client.org_id)
    if member is None:
        raise ApiError(
            422, fields={"member_id": "Choose a therapist or coach from this organisation."}
        )
    try:
        care.add_to_team(
            db,
            client=access.client,
            member=member,
            added_by=access.principal.membership,
            now=utcnow(),
        )
    except care.CareError as error:
        raise _care_error(error) from None
    access.audit(
        db,
        "care_team.add",
        resource_type="care_team",
        resource_id=member_id,
    )


def _remove_member(db: Session, access: ClientAccess, member_id: str) -> None:
    row = next(
        (r for r in care.team_of(db, client_id=access.client.id) if r.member_id == member_id), None
    )
    if row is None:
        raise ApiError(404)
    care.remove_from_team(db, row=row, now=utcnow())
    access.audit(
        db,
        "care_team.remove",
        resource_type="care_team",
        resource_id=member_id,
    )


@router.post("/clients/{client_id}/team")
def team_add(
    client_id: str,
    member_id: Annotated[str, Form(max_length=24)],
    access: ClientAccess = client_record(Category.CARE_TEAM, Action.WRITE),
    db: Session = Depends(db_session),
) -> Response:
    _add_member(db, access, member_id)
    return redirect(f"/clients/{client_id}/team")


@router.post("/clients/{client_id}/team/{member_id}/remove")
def team_remove(
    client_id: str,
    member_id: str,
    access: ClientAccess = client_record(Category.CARE_TEAM, Action.WRITE),
    db: Session = Depends(db_session),
) -> Response:
    _remove_member(db, access, member_id)
    return redirect(f"/clients/{client_id}/team")


@router.get("/consent")
def consent_page(
    request: Request,
    access: ClientAccess = client_record(Category.CONSENT, Action.READ),
    db: Session = Depends(db_session),
) -> Response:
    team = care.team_of(db, client_id=access.client.id)
    states = {
        row.member_id: care.consent_state(
            db, client_id=access.client.id, member_id=row.member_id, team_role_name=row.role
        )
        for row in team
    }
    history = care.consent_history(db, client_id=access.client.id)
    names = {row.member_id: row.member.user.display_name for row in team}
    return render(
        request,
        "care/consent.html",
        principal=access.principal,
        team=team,
        states=states,
        history=history,
        labels=CATEGORY_LABELS,
        names=names,
    )


def _change_consent(
    db: Session, access: ClientAccess, member_id: str, category: Category, granted: bool
) -> None:
    try:
        change = care.set_consent(
            db,
            client=access.client,
            member_id=member_id,
            category=category,
            granted=granted,
            changed_by=access.principal.membership,
            now=utcnow(),
        )
    except care.CareError as error:
        raise _care_error(error) from None
    access.audit(
        db,
        "consent.change",
        resource_type="consent",
        resource_id=member_id,
        detail={
            "category": category.value,
            "granted": str(granted).lower(),
            "version": str(change.version),
        },
    )


@router.post("/consent")
def consent_submit(
    member_id: Annotated[str, Form(max_length=24)],
    category: Annotated[Category, Form()],
    granted: Annotated[bool, Form()],
    access: ClientAccess = client_record(Category.CONSENT, Action.WRITE),
    db: Session = Depends(db_session),
) -> Response:
    if category not in CONSENT_CATEGORIES:
        raise ApiError(422, fields={"category": "Choose one of the sharing categories."})
    _change_consent(db, access, member_id, category, granted)
    return redirect("/consent")


@router.get("/my-record/access")
def access_log_page(
    request: Request,
    access: ClientAccess = client_record(Category.ACCESS_LOG, Action.READ),
    db: Session = Depends(db_session),
) -> Response:
    entries = audit_log.reads_of(db, client_id=access.client.id)
    return render(
        request,
        "care/access_log.html",
        principal=access.principal,
        entries=entries,
        names=_names(db, access.client.org_id),
    )


def _names(db: Session, org_id: str) -> dict[str, str]:
    return {m.user_id: m.user.display_name for m in accounts.people_in(db, org_id=org_id)}


@router.get("/break-glass")
def break_glass_page(
    request: Request,
    principal: Principal = capability("break_glass.start"),
    db: Session = Depends(db_session),
) -> Response:
    clients = [m for m in accounts.people_in(db, org_id=principal.org_id) if m.role == Role.CLIENT]
    principal.audit(
        db,
        "break_glass.lookup",
    )
    return render(
        request,
        "care/break_glass.html",
        principal=principal,
        clients=clients,
        minutes=settings_of(request).break_glass_minutes,
    )


def _start_break_glass(
    request: Request, db: Session, principal: Principal, client_id: str, reason: str
) -> None:
    client = accounts.get_membership(db, membership_id=client_id, org_id=principal.org_id)
    if client is None:
        raise ApiError(404)
    try:
        row = care.start_break_glass(
            db,
            actor=principal.membership,
            client=client,
            reason=reason,
            minutes=settings_of(request).break_glass_minutes,
            now=utcnow(),
        )
    except care.CareError as error:
        raise _care_error(error) from None
    principal.audit(
        db,
        "break_glass.start",
        resource_type="break_glass",
        resource_id=row.id,
        subject_client_id=client.id,
        detail={"flag": "needs_review"},
    )


@router.post("/break-glass")
def break_glass_submit(
    request: Request,
    client_id: Annotated[str, Form(max_length=24)],
    reason: Annotated[str, Form(max_length=2000)],
    principal: Principal = capability("break_glass.start"),
    db: Session = Depends(db_session),
) -> Response:
    _start_break_glass(request, db, principal, client_id, reason)
    return redirect(f"/clients/{client_id}")


# JSON API


class TeamMemberOut(BaseModel):
    member_id: str
    role: str
    display_name: str
    added_at: datetime


class TeamAdd(Input):
    member_id: str = Field(min_length=1, max_length=24)


class ConsentOut(BaseModel):
    member_id: str
    category: Category
    granted: bool
    by_default: bool
    changed_at: datetime | None


class ConsentIn(Input):
    member_id: str = Field(min_length=1, max_length=24)
    category: Category
    granted: bool


class AccessOut(BaseModel):
    at: datetime
    actor_user_id: str | None
    actor_role: str | None
    action: str
    outcome: str


class BreakGlassIn(Input):
    client_id: str = Field(min_length=1, max_length=24)
    reason: str = Field(min_length=1, max_length=2000)


def _team_out(db: Session, client_id: str) -> list[TeamMemberOut]:
    return [
        TeamMemberOut(
            member_id=r.member_id,
            role=r.role,
            added_at=r.added_at,
            display_name=r.member.user.display_name,
        )
        for r in care.team_of(db, client_id=client_id)
    ]


@router.get("/api/v1/clients/{client_id}/team")
def team_api(
    client_id: str,
    access: ClientAccess = client_record(Category.CARE_TEAM, Action.READ),
    db: Session = Depends(db_session),
) -> list[TeamMemberOut]:
    return _team_out(db, client_id)


@router.post("/api/v1/clients/{client_id}/team", status_code=201)
def team_add_api(
    client_id: str,
    body: TeamAdd,
    access: ClientAccess = client_record(Category.CARE_TEAM, Action.WRITE),
    db: Session = Depends(db_session),
) -> list[TeamMemberOut]:
    _add_member(db, access, body.member_id)
    return _team_out(db, client_id)


@router.delete("/api/v1/clients/{client_id}/team/{member_id}", status_code=204)
def team_remove_api(
    client_id: str,
    member_id: str,
    access: ClientAccess = client_record(Category.CARE_TEAM, Action.WRITE),
    db: Session = Depends(db_session),
) -> Response:
    _remove_member(db, access, member_id)
    return Response(status_code=204)


def _consent_out(db: Session, access: ClientAccess) -> list[ConsentOut]:
    """What is shared with whom. Team members see only what is shared with them."""
    me = access.principal.membership.id
    mine_only = access.relation in (Relation.TREATING, Relation.SUPPORTING)
    return [
        ConsentOut(
            member_id=row.member_id,
            category=s.category,
            granted=s.granted,
            by_default=s.by_default,
            changed_at=s.changed_at,
        )
        for row in care.team_of(db, client_id=access.client.id)
        if not mine_only or row.member_id == me
        for s in care.consent_state(
            db, client_id=access.client.id, member_id=row.member_id, team_role_name=row.role
        )
    ]


@router.get("/api/v1/clients/{client_id}/consent")
def consent_api(
    client_id: str,
    access: ClientAccess = client_record(Category.CONSENT, Action.READ),
    db: Session = Depends(db_session),
) -> list[ConsentOut]:
    return _consent_out(db, access)


@router.put("/api/v1/clients/{client_id}/consent")
def consent_change_api(
    client_id: str,
    body: ConsentIn,
    access: ClientAccess = client_record(Category.CONSENT, Action.WRITE),
    db: Session = Depends(db_session),
) -> list[ConsentOut]:
    if body.category not in CONSENT_CATEGORIES:
        raise ApiError(422, fields={"category": "Choose one of the sharing categories."})
    _change_consent(db, access, body.member_id, body.category, body.granted)
    return _consent_out(db, access)


@router.get("/api/v1/clients/{client_id}/access-log")
def access_log_api(
    client_id: str,
    access: ClientAccess = client_record(Category.ACCESS_LOG, Action.READ),
    db: Session = Depends(db_session),
) -> list[AccessOut]:
    return [
        AccessOut(
            at=e.at,
            actor_user_id=e.actor_user_id,
            actor_role=e.actor_role,
            action=e.action,
            outcome=e.outcome,
        )
        for e in audit_log.reads_of(db, client_id=client_id)
    ]


class ClientOut(BaseModel):
    client_id: str
    display_name: str
    team_role: str


@router.get("/api/v1/clients/{client_id}")
def client_api(
    client_id: str, access: ClientAccess = client_record(Category.PROFILE, Action.READ)
) -> ClientOut:
    return ClientOut(
        client_id=access.client.id,
        display_name=access.client.user.display_name,
        team_role=access.relation.value,
    )


class CareSettings(Input):
    psychotherapy_notes_shared: bool
    client_sees_consultation: bool


def _care_settings(principal: Principal) -> CareSettings:
    org = principal.membership.org
    return CareSettings(
        psychotherapy_notes_shared=org.psychotherapy_notes_shared,
        client_sees_consultation=org.client_sees_consultation,
    )


@router.get("/api/v1/org/care-settings")
def care_settings_api(principal: Principal = capability("org.settings")) -> CareSettings:
    return _care_settings(principal)


@router.put("/api/v1/org/care-settings")
def care_settings_change_api(
    body: CareSettings,
    principal: Principal = capability("org.settings"),
    db: Session = Depends(db_session),
) -> CareSettings:
    """Scope-of-practice choices for the whole organisation (docs/decisions/0012)."""
    org = principal.membership.org
    org.psychotherapy_notes_shared = body.psychotherapy_notes_shared
    org.client_sees_consultation = body.client_sees_consultation
    principal.audit(
        db,
        "org.care_settings",
        resource_type="organisation",
        resource_id=org.id,
        detail={k: str(v).lower() for k, v in body.model_dump().items()},
    )
    return _care_settings(principal)


@router.post("/api/v1/break-glass", status_code=201)
def break_glass_api(
    body: BreakGlassIn,
    request: Request,
    principal: Principal = capability("break_glass.start"),
    db: Session = Depends(db_session),
) -> dict[str, str]:
    _start_break_glass(request, db, principal, body.client_id, body.reason)
    return {"client_id": body.client_id}
