"""One request, one transaction, committed before the response leaves.

This middleware is the only place that commits during a request. It commits
when the response is a success, or when the request asked to keep what it wrote
despite failing (an audit entry for a refused access, a failed sign-in), and it
rolls back everything else, so a failed request never leaves half a record.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mend.web.errors import MESSAGES, error_body

log = logging.getLogger(__name__)


class UnitOfWork:
    """Lazily opens a session the first time a request needs the database."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self.session: Session | None = None
        self.keep_on_error = False

    def get(self) -> Session:
        if self.session is None:
            self.session = self._factory()
        return self.session

    def finish(self, *, commit: bool) -> None:
        if self.session is None:
            return
        try:
            if commit:
                self.session.commit()
            else:
                self.session.rollback()
        finally:
            self.session.close()
            self.session = None


def unit_of_work(request: Request) -> UnitOfWork:
    uow: UnitOfWork = request.scope["state"]["uow"]
    return uow


def db_session(request: Request) -> Session:
    return unit_of_work(request).get()


def keep_writes_on_error(request: Request) -> None:
    """Keep this request's writes even though it fails (audit of a refusal, a failed sign-in)."""
    unit_of_work(request).keep_on_error = True


class TransactionMiddleware:
    def __init__(self, app: ASGIApp, factory: sessionmaker[Session]) -> None:
        self.app = app
        self.factory = factory

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        uow = UnitOfWork(self.factory)
        scope.setdefault("state", {})["uow"] = uow
        replaced = False

        async def send_after_commit(message: Message) -> None:
            nonlocal replaced
            if replaced:
                return
            if message["type"] == "http.response.start":
                commit = message["status"] < 400 or uow.keep_on_error
                try:
                    await run_in_threadpool(uow.finish, commit=commit)
                except Exception:
                    log.exception("commit failed; answering 503")
                    replaced = True
                    await _send_unavailable(send)
                    return
            await send(message)

        try:
            await self.app(scope, receive, send_after_commit)
        finally:
            if uow.session is not None:
                await run_in_threadpool(uow.finish, commit=False)


async def _send_unavailable(send: Send) -> None:
    body = json.dumps(error_body(503, MESSAGES[503], "unavailable", {})).encode()
    headers: list[Any] = [(b"content-type", b"application/json"), (b"cache-control", b"no-store")]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
