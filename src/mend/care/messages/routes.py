"""Messages between a client and each member of their care team, and the
consultation thread between the client's therapist and coach: the JSON API
and the pages. Thin: access comes from ``web.auth``, rules from ``service``."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import Field, ValidationError
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.accounts.roles import Role
from mend.care import policy
from mend.care import service as care
from mend.care.messages import service, threads
from mend.care.messages.models import ConsultationPost, Message
from mend.care.messages.threads import ThreadError
from mend.care.policy import Action, Category, Relation
from mend.clock import utcnow
from mend.coping.pages import form_errors
from mend.safety.crisis_lines import lines_for
from mend.safety.tell import safety_answer, who_sees
from mend.web.auth import (
    ClientAccess,
    Principal,
    capability,
    check_client_access,
    client_record,
    signed_in,
)
from mend.web.errors import ApiError
from mend.web.forms import redirect, render
from mend.web.inputs import Input
from mend.web.transaction import db_session

router = APIRouter()

READ = client_record(Category.MESSAGES, Action.READ)
WRITE = client_record(Category.MESSAGES, Action.WRITE)
CONSULT_READ = client_record(Category.CONSULTATION, Action.READ)
CONSULT_WRITE = client_record(Category.CONSULTATION, Action.WRITE)

Key = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
HIDDEN_FROM_CLIENT = (
    "Your organisation has chosen not to show the consultation between your therapist "
    "and coach to clients. You can ask either of them about it."
)


class MessageIn(Input):
    """A message. The client names the team member (``member_id``); a
    practitioner writes to the client in the path and leaves it out."""

    body: str = Field(min_length=1, max_length=50_000)
    idempotency_key: str = Key
    member_id: str | None = Field(default=None, min_length=1, max_length=24)


class PostIn(Input):
    body: str = Field(min_length=1, max_length=50_000)
    idempotency_key: str = Key


def api_error(error: ThreadError) -> ApiError:
    return ApiError(
        error.status, error.message, fields={error.field: error.message} if error.field else {}
    )


def _is_self(access: ClientAccess) -> bool:
    return access.relation is Relation.SELF


# ---------------------------------------------------------------- shapes


def message_out(m: Message, names: dict[str, str]) -> dict[str, Any]:
    thread = threads.Thread(m.client_id, m.member_id)
    return {
        "id": m.id,
        "client_id": m.client_id,
        "member_id": m.member_id,
        "sender_id": m.sender_id,
        "sender_name": names.get(m.sender_id, ""),
        "from": thread.side(m.sender_id),
        "body": m.body,
        "sent_at": m.sent_at.isoformat(),
        "read_at": m.read_at.isoformat() if m.read_at else None,
    }


def thread_out(row: service.ThreadRow, *, key: str) -> dict[str, Any]:
    return {
        key: row.person.id,
        "display_name": row.person.user.display_name,
        "role": row.role,
        "on_team": row.on_team,
        "unread": row.unread,
        "last_message_at": row.last_at.isoformat() if row.last_at else None,
    }


def post_out(p: ConsultationPost, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": p.id,
        "client_id": p.client_id,
        "author_id": p.author_id,
        "author_name": names.get(p.author_id, "A former team member"),
        "body": p.body,
        "posted_at": p.posted_at.isoformat(),
    }


def _thread_names(client: Membership, member: Membership) -> dict[str, str]:
    return {client.id: client.user.display_name, member.id: member.user.display_name}


# ---------------------------------------------------------------- messages: doing


def _member_for(access: ClientAccess, member_id: str | None) -> str:
    """Whose thread a message goes in: the member the client names, or the
    practitioner's own thread with the client in the path."""
    if _is_self(access):
        if not member_id:
            raise ApiError(422, fields={"member_id": "Choose who on your care team to write to."})
        return member_id
    me = access.principal.membership.id
    if member_id not in (None, me):
        raise ApiError(
            422, fields={"member_id": "Leave this out: you write to the client as yourself."}
        )
    return me


def _send(db: Session, access: ClientAccess, member_id: str, body: MessageIn) -> service.Written:
    try:
        written = service.send(
            db,
            client=access.client,
            member_id=member_id,
            sender=access.principal.membership,
            body=body.body,
            key=body.idempotency_key,
            now=utcnow(),
        )
    except ThreadError as error:
        raise api_error(error) from None
    if written.created:
        access.audit(db, "message.send", resource_type="message", resource_id=written.message.id)
    return written


def _sent_response(db: Session, access: ClientAccess, written: service.Written) -> JSONResponse:
    m = written.message
    names = service.names_of(db, [m.client_id, m.member_id])
    answer: dict[str, Any] = {"message": message_out(m, names)}
    if written.level != "none":
        # Crisis language: the same answer as the journal's, at once.
        answer["safety"] = safety_answer(db, access.client)
    return JSONResponse(answer, status_code=201 if written.created else 200)


def _client_thread(db: Session, access: ClientAccess, member_id: str) -> dict[str, Any]:
    found = service.client_thread_with(db, client=access.client, member_id=member_id)
    if found is None:
        raise ApiError(404)
    member, role, on_team = found
    opened = service.open_thread(
        db, client_id=access.client.id, member_id=member.id, reader_id=access.client.id,
        now=utcnow(),
    )  # fmt: skip
    names = _thread_names(access.client, member)
    return {
        "member_id": member.id,
        "display_name": member.user.display_name,
        "role": role,
        "on_team": on_team,
        "messages": [message_out(m, names) for m in opened.messages],
    }


def _member_thread(db: Session, access: ClientAccess) -> dict[str, Any]:
    me = access.principal.membership
    opened = service.open_thread(
        db, client_id=access.client.id, member_id=me.id, reader_id=me.id, now=utcnow()
    )
    names = _thread_names(access.client, me)
    return {
        "client_id": access.client.id,
        "display_name": access.client.user.display_name,
        "messages": [message_out(m, names) for m in opened.messages],
    }


# ---------------------------------------------------------------- messages: API


@router.get("/api/v1/messages")
def my_threads_api(
    access: ClientAccess = READ, db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    """The client's threads: one with each member of their care team."""
    return [
        thread_out(r, key="member_id") for r in service.client_threads(db, client=access.client)
    ]


@router.post("/api/v1/messages", status_code=201)
def my_send_api(
    body: MessageIn, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> JSONResponse:
    """The client sends a message to a member of their care team."""
    written = _send(db, access, _member_for(access, body.member_id), body)
    return _sent_response(db, access, written)


@router.get("/api/v1/messages/{member_id}")
def my_thread_api(
    member_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    """The client's thread with one team member; opening it marks their messages read."""
    return _client_thread(db, access, member_id)


@router.get("/api/v1/clients/{client_id}/messages")
def client_messages_api(
    client_id: str, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Any:
    """A practitioner's thread with the client (marks the client's messages
    read); the client themself gets their list of threads."""
    if _is_self(access):
        return my_threads_api(access, db)
    return _member_thread(db, access)


@router.post("/api/v1/clients/{client_id}/messages", status_code=201)
def client_send_api(
    client_id: str, body: MessageIn, access: ClientAccess = WRITE, db: Session = Depends(db_session)
) -> JSONResponse:
    written = _send(db, access, _member_for(access, body.member_id), body)
    return _sent_response(db, access, written)


def _caseload_threads(db: Session, principal: Principal) -> list[service.ThreadRow]:
    """Only clients on the practitioner's care team now; listing each is a read
    of that client's messages (who wrote last, how many unread)."""
    rows = service.caseload_threads(db, member=principal.membership)
    for row in rows:
        principal.audit(
            db,
            "messages.read",
            resource_type="messages",
            resource_id=row.person.id,
            subject_client_id=row.person.id,
            detail={"via": "thread_list"},
        )
    return rows


@router.get("/api/v1/caseload/messages")
def caseload_threads_api(
    principal: Principal = capability("caseload.read"), db: Session = Depends(db_session)
) -> list[dict[str, Any]]:
    """A practitioner's threads with each client on their caseload, unread first."""
    return [thread_out(r, key="client_id") for r in _caseload_threads(db, principal)]


# ---------------------------------------------------------------- messages: pages


@router.get("/messages")
def messages_page(
    request: Request, principal: Principal = signed_in(), db: Session = Depends(db_session)
) -> Response:
    """One address for everyone's messages: a client's threads with their team
    (read through the client policy, like any record), a practitioner's threads
    across their caseload; admins have no messages."""
    if principal.role is Role.CLIENT:
        access = check_client_access(
            request, db, principal, principal.membership.id, Category.MESSAGES, Action.READ
        )
        return render(
            request,
            "messages/client_threads.html",
            principal=principal,
            rows=service.client_threads(db, client=access.client),
            sees_consultation=access.client.org.client_sees_consultation,
        )
    if not policy.may(principal.role, "caseload.read"):
        return redirect("/")
    return render(
        request,
        "messages/caseload_threads.html",
        principal=principal,
        rows=_caseload_threads(db, principal),
    )


def _thread_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    member: Membership,
    role: str,
    on_team: bool,
    draft: str = "",
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    me = access.principal.membership
    opened = service.open_thread(
        db, client_id=access.client.id, member_id=member.id, reader_id=me.id, now=utcnow()
    )
    own = _is_self(access)
    consult_link = not own and care.is_consented(
        db,
        client_id=access.client.id,
        member_id=me.id,
        team_role_name=me.role,
        category=Category.CONSULTATION,
    )
    return render(
        request,
        "messages/thread.html",
        status_code,
        principal=access.principal,
        client=access.client,
        member=member,
        role=role,
        own=own,
        other=member if own else access.client,
        on_team=on_team,
        consult_link=consult_link,
        messages=opened.messages,
        new_ids=opened.new_ids,
        names=_thread_names(access.client, member),
        action=f"/messages/{member.id}" if own else f"/clients/{access.client.id}/messages",
        draft=draft,
        errors=errors or {},
        new_key=secrets.token_hex(12),
        max_chars=threads.MAX_CHARS,
    )


def _client_side(db: Session, access: ClientAccess, member_id: str) -> tuple[Membership, str, bool]:
    found = service.client_thread_with(db, client=access.client, member_id=member_id)
    if found is None:
        raise ApiError(404)
    return found


@router.get("/messages/{member_id}")
def my_thread_page(
    member_id: str, request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    member, role, on_team = _client_side(db, access, member_id)
    return _thread_page(request, db, access, member=member, role=role, on_team=on_team)


async def _form_message(request: Request) -> tuple[str, str]:
    form = await request.form()
    return str(form.get("body") or ""), str(form.get("key") or "")


def _submit(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    member: Membership,
    role: str,
    on_team: bool,
    text: str,
    key: str,
    back: str,
) -> Response:
    try:
        body = MessageIn(body=text or " ", idempotency_key=key)
        written = _send(db, access, member.id, body)
    except (ValidationError, ApiError) as error:
        status = error.status if isinstance(error, ApiError) else 422
        return _thread_page(
            request, db, access, member=member, role=role, on_team=on_team, draft=text,
            errors=form_errors(error), status_code=status,
        )  # fmt: skip
    if written.level != "none":
        return _after_words(request, db, access, member, written.level)
    return redirect(f"{back}?sent=1#latest")


def _after_words(
    request: Request, db: Session, access: ClientAccess, member: Membership, level: str
) -> Response:
    """Crisis lines on screen at once, and plainly who will see the alert: the
    journal's after-words, with the way back to this conversation."""
    lines = lines_for(db, client=access.client)
    return render(
        request,
        "messages/after_words.html",
        principal=access.principal,
        client=access.client,
        member=member,
        level=level,
        resources=lines.resources,
        emergency=lines.emergency,
        seen=who_sees(db, access.client),
    )


@router.post("/messages/{member_id}")
async def my_send_page(
    member_id: str,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    member, role, on_team = _client_side(db, access, member_id)
    text, key = await _form_message(request)
    return _submit(
        request, db, access, member=member, role=role, on_team=on_team, text=text, key=key,
        back=f"/messages/{member_id}",
    )  # fmt: skip


@router.get("/clients/{client_id}/messages")
def client_thread_page(
    client_id: str, request: Request, access: ClientAccess = READ, db: Session = Depends(db_session)
) -> Response:
    if _is_self(access):
        return redirect("/messages")
    me = access.principal.membership
    return _thread_page(request, db, access, member=me, role=me.role, on_team=True)


@router.post("/clients/{client_id}/messages")
async def client_send_page(
    client_id: str,
    request: Request,
    access: ClientAccess = WRITE,
    db: Session = Depends(db_session),
) -> Response:
    if _is_self(access):
        return redirect("/messages")
    me = access.principal.membership
    text, key = await _form_message(request)
    return _submit(
        request, db, access, member=me, role=me.role, on_team=True, text=text, key=key,
        back=f"/clients/{client_id}/messages",
    )  # fmt: skip


# ---------------------------------------------------------------- consultation


def _client_may_see(access: ClientAccess) -> None:
    """The client reads the consultation about them unless their organisation
    has turned that off (docs/decisions/0012)."""
    if _is_self(access) and not access.client.org.client_sees_consultation:
        raise ApiError(403, HIDDEN_FROM_CLIENT)


def _consultation(db: Session, access: ClientAccess) -> dict[str, Any]:
    _client_may_see(access)
    posts = service.posts_of(db, client_id=access.client.id)
    who = service.consulting(db, client_id=access.client.id)
    names = service.names_of(db, [p.author_id for p in posts])
    answer: dict[str, Any] = {
        "client_id": access.client.id,
        "consulting": who.names(),
        "client_sees": access.client.org.client_sees_consultation,
        "posts": [post_out(p, names) for p in posts],
    }
    if not _is_self(access):
        answer["can_post"] = bool(who.partners_of(access.principal.membership))
    return answer


def _post(db: Session, access: ClientAccess, body: PostIn) -> service.Posted:
    try:
        posted = service.post(
            db,
            client=access.client,
            author=access.principal.membership,
            body=body.body,
            key=body.idempotency_key,
            now=utcnow(),
        )
    except ThreadError as error:
        raise api_error(error) from None
    if posted.created:
        access.audit(db, "consultation.post", resource_type="consultation_post",
                     resource_id=posted.post.id)  # fmt: skip
    return posted


@router.get("/api/v1/clients/{client_id}/consultation")
def consultation_api(
    client_id: str, access: ClientAccess = CONSULT_READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return _consultation(db, access)


@router.post("/api/v1/clients/{client_id}/consultation", status_code=201)
def consultation_post_api(
    client_id: str, body: PostIn, access: ClientAccess = CONSULT_WRITE,
    db: Session = Depends(db_session),
) -> JSONResponse:  # fmt: skip
    posted = _post(db, access, body)
    names = service.names_of(db, [posted.post.author_id])
    return JSONResponse(
        {"post": post_out(posted.post, names)}, status_code=201 if posted.created else 200
    )


@router.get("/api/v1/my-record/consultation")
def my_consultation_api(
    access: ClientAccess = CONSULT_READ, db: Session = Depends(db_session)
) -> dict[str, Any]:
    return _consultation(db, access)


def _consultation_page(
    request: Request,
    db: Session,
    access: ClientAccess,
    *,
    draft: str = "",
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    _client_may_see(access)
    posts = service.posts_of(db, client_id=access.client.id)
    who = service.consulting(db, client_id=access.client.id)
    own = _is_self(access)
    me = access.principal.membership
    return render(
        request,
        "messages/consultation.html",
        status_code,
        principal=access.principal,
        client=access.client,
        own=own,
        posts=posts,
        names=service.names_of(db, [p.author_id for p in posts]),
        consulting=who.names(),
        can_post=not own and bool(who.partners_of(me)),
        no_partner=""
        if own
        else threads.no_partner_reason(client_name=access.client.user.display_name,
                                       asker_role=me.role),
        client_sees=access.client.org.client_sees_consultation,
        draft=draft,
        errors=errors or {},
        new_key=secrets.token_hex(12),
        max_chars=threads.MAX_CHARS,
    )  # fmt: skip


@router.get("/clients/{client_id}/consultation")
def consultation_page(
    client_id: str,
    request: Request,
    access: ClientAccess = CONSULT_READ,
    db: Session = Depends(db_session),
) -> Response:
    if _is_self(access):
        return redirect("/my-record/consultation")
    return _consultation_page(request, db, access)


@router.post("/clients/{client_id}/consultation")
async def consultation_submit(
    client_id: str,
    request: Request,
    access: ClientAccess = CONSULT_WRITE,
    db: Session = Depends(db_session),
) -> Response:
    form = await request.form()
    text = str(form.get("body") or "")
    try:
        _post(db, access, PostIn(body=text or " ", idempotency_key=str(form.get("key") or "")))
    except (ValidationError, ApiError) as error:
        status = error.status if isinstance(error, ApiError) else 422
        return _consultation_page(
            request, db, access, draft=text, errors=form_errors(error), status_code=status
        )
    return redirect(f"/clients/{client_id}/consultation?posted=1#latest")


@router.get("/my-record/consultation")
def my_consultation_page(
    request: Request, access: ClientAccess = CONSULT_READ, db: Session = Depends(db_session)
) -> Response:
    return _consultation_page(request, db, access)
