"""One request, one transaction, committed before the response leaves.

This middleware is the only place that commits during a request. It commits
when the response is a success, or when the request asked to keep what it wrote
despite failing (an audit entry for a refused access, a failed sign-in), and it
rolls back everything else, so a failed request never leaves half a record.
"""

from __future__ import annotations

import json
import logging
from functools import partial
from typing import Any

import anyio.to_thread
from anyio import CapacityLimiter
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mend.web.errors import MESSAGES, error_body

log = logging.getLogger(__name__)


class UnitOfWork:
    """Lazily opens a session the first time a request needs the database."""

    def __init__(self, factory: sessionmaker[Session], read_factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._read_factory = read_factory
        self.session: Session | None = None
        self.read_session: Session | None = None
        self.keep_on_error = False

    def get(self) -> Session:
        if self.session is None:
            self.session = self._factory()
        return self.session

    def reader(self) -> Session:
        """A session for reads that must not take SQLite's write lock (see db.make_engine)."""
        if self.read_session is None:
            self.read_session = self._read_factory()
        return self.read_session

    def finish(self, *, commit: bool) -> None:
        if self.read_session is not None:
            self.read_session.close()
            self.read_session = None
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


def db_reader(request: Request) -> Session:
    return unit_of_work(request).reader()


def keep_writes_on_error(request: Request) -> None:
    """Keep this request's writes even though it fails (audit of a refusal, a failed sign-in)."""
    unit_of_work(request).keep_on_error = True


class TransactionMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        factory: sessionmaker[Session],
        *,
        read_factory: sessionmaker[Session],
        slots: int,
    ) -> None:
        self.app = app
        self.factory = factory
        self.read_factory = read_factory
        self.slots = slots
        self._slots: CapacityLimiter | None = None

    async def _finish(self, uow: UnitOfWork, *, commit: bool) -> None:
        await anyio.to_thread.run_sync(partial(uow.finish, commit=commit))

    def _admission(self) -> CapacityLimiter:
        # Fewer requests in flight than request threads. A request holding the write
        # lock (SQLite) or the audit-chain lock (PostgreSQL) needs more threads to
        # finish; if every thread were held by requests waiting for that lock, it
        # could never get one. Requests beyond the slots wait without a thread.
        if self._slots is None:
            self._slots = CapacityLimiter(self.slots)
        return self._slots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        uow = UnitOfWork(self.factory, self.read_factory)
        scope.setdefault("state", {})["uow"] = uow
        replaced = False

        async def send_after_commit(message: Message) -> None:
            nonlocal replaced
            if replaced:
                return
            if message["type"] == "http.response.start":
                commit = message["status"] < 400 or uow.keep_on_error
                try:
                    await self._finish(uow, commit=commit)
                except Exception:
                    log.exception("commit failed; answering 503")
                    replaced = True
                    await _send_unavailable(send)
                    return
            await send(message)

        try:
            async with self._admission():
                await self.app(scope, receive, send_after_commit)
        finally:
            if uow.session is not None or uow.read_session is not None:
                await self._finish(uow, commit=False)


async def _send_unavailable(send: Send) -> None:
    body = json.dumps(error_body(503, MESSAGES[503], "unavailable", {})).encode()
    headers: list[Any] = [(b"content-type", b"application/json"), (b"cache-control", b"no-store")]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
