"""Browser fixtures: a live Mend server, Chromium through Playwright, personas, axe.

- ``live_server``: the app of this test (``create_app(settings, engine=db_engine)``) served
  by uvicorn on 127.0.0.1. One uvicorn server per worker runs in a background thread for the
  whole session, on a free port; each test plugs its own app into it and unplugs it after,
  so tests pay for neither a server start nor a graceful shutdown.
- ``browser``: one Chromium per worker (Debian's /usr/bin/chromium). Missing Chromium skips
  these tests, except under CI=true, where it fails them loudly.
- ``new_page`` / ``page``: a fresh context and page per test, with every request recorded;
  a request to anywhere but the live server fails the test.
- ``personas``: the same people as ``world`` in tests/conftest.py, but without freezing
  time: a live server needs a moving clock for sessions and two-step codes.
- ``sign_in``: a page already signed in as a persona (a session row plus its cookie, no
  password round trip); tests about signing in use the real form (``helpers.login``).
- ``axe``: run axe-core (WCAG 2.x A/AA) on a page; serious or critical findings fail.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import Receive, Scope, Send

from mend.accounts import service as accounts
from mend.accounts.models import Membership
from mend.accounts.roles import Role
from mend.app import create_app
from mend.clock import utcnow
from mend.db import make_sessionmaker
from mend.settings import Settings
from mend.web.auth import SESSION_COOKIE
from tests.browser.helpers import check_axe
from tests.conftest import build_world

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000
SIGNED_IN_AGENT = "Chromium (signed in by the browser tests)"


# Live server ---------------------------------------------------------------------------


class _Socket:
    """The ASGI app uvicorn serves: forwards to whichever test app is plugged in."""

    def __init__(self) -> None:
        self.app: FastAPI | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        app = self.app
        if app is None:
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [(b"content-type", b"text/plain")],
                }
            )
            await send({"type": "http.response.body", "body": b"no test app plugged in"})
            return
        await app(scope, receive, send)


class _ErrorLog(logging.Handler):
    """Collects errors the server logs (unhandled exceptions, failed commits)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class _Server:
    origin: str
    socket: _Socket
    errors: _ErrorLog


@pytest.fixture(scope="session")
def _uvicorn() -> Iterator[_Server]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    plug = _Socket()
    config = uvicorn.Config(
        plug,
        host="127.0.0.1",
        port=port,
        lifespan="off",
        ws="none",
        log_config=None,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    errors = _ErrorLog()
    loggers = [logging.getLogger(name) for name in ("uvicorn.error", "mend")]
    for logger in loggers:
        logger.addHandler(errors)

    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="mend-live-server", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the live server did not start", pytrace=False)
        time.sleep(0.005)
    try:
        yield _Server(origin=f"http://127.0.0.1:{port}", socket=plug, errors=errors)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        for logger in loggers:
            logger.removeHandler(errors)


@dataclass
class LiveServer:
    origin: str
    app: FastAPI

    def url(self, path: str = "/") -> str:
        return self.origin + path


@pytest.fixture
def live_server(_uvicorn: _Server, settings: Settings, db_engine: Engine) -> Iterator[LiveServer]:
    app = create_app(settings, engine=db_engine)
    _uvicorn.errors.records.clear()
    _uvicorn.socket.app = app
    try:
        yield LiveServer(origin=_uvicorn.origin, app=app)
    finally:
        _uvicorn.socket.app = None
    logged = [f"{r.name}: {r.getMessage()}" for r in _uvicorn.errors.records]
    _uvicorn.errors.records.clear()
    if logged:
        pytest.fail("the live server logged errors:\n" + "\n".join(logged), pytrace=False)


# Browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Requests:
    """Every URL any page of this test asked for."""

    origin: str
    urls: list[str] = field(default_factory=list)

    def elsewhere(self) -> list[str]:
        return [u for u in self.urls if not u.startswith(self.origin + "/")]


@pytest.fixture
def requests_seen(live_server: LiveServer) -> Requests:
    return Requests(origin=live_server.origin)


NewPage = Callable[..., Page]
SignIn = Callable[..., Page]
Axe = Callable[[Page], list[dict[str, Any]]]


@pytest.fixture
def new_page(
    browser: Browser, live_server: LiveServer, requests_seen: Requests
) -> Iterator[NewPage]:
    """``new_page(viewport=..., strict_csp=False)``: a page in a fresh browser context.

    Contexts bypass the page's CSP by default so axe can be injected; ``strict_csp=True``
    keeps the CSP in force (no axe then).
    """
    contexts = []

    def _new_page(
        *, viewport: dict[str, int] | None = None, strict_csp: bool = False, mobile: bool = False
    ) -> Page:
        options: dict[str, Any] = {
            "base_url": live_server.origin,
            "bypass_csp": not strict_csp,
            "service_workers": "block",
        }
        if viewport:
            options["viewport"] = viewport
        if mobile:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        context.on("request", lambda request: requests_seen.urls.append(request.url))
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()
    strays = requests_seen.elsewhere()
    if strays:
        pytest.fail(
            "pages asked for something other than the live server:\n" + "\n".join(strays),
            pytrace=False,
        )


@pytest.fixture
def page(new_page: NewPage) -> Page:
    return new_page()


@pytest.fixture
def axe() -> Axe:
    return check_axe


# Personas ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Persona:
    name: str
    display_name: str
    email: str
    role: Role
    id: str  # membership id, as in /clients/{id}
    user_id: str
    org_id: str


@dataclass(frozen=True)
class Personas:
    """Riverside: clients alice and bob, therapist tara, coach cole, admin ada.
    Elsewhere: client eve, therapist tim. tara and cole are on alice's care team;
    bob has no team; tim treats eve. Everyone's password is ``PASSWORD``."""

    riverside_id: str
    elsewhere_id: str
    alice: Persona
    bob: Persona
    tara: Persona
    cole: Persona
    ada: Persona
    eve: Persona
    tim: Persona

    def __getitem__(self, name: str) -> Persona:
        found: Persona = getattr(self, name)
        return found


@pytest.fixture
def store(db_engine: Engine) -> sessionmaker[Session]:
    """Short transactions from the test itself: ``with store.begin() as db: ...``.

    Never keep a session open while the browser works: on SQLite an open write
    transaction would hold the lock the live server needs.
    """
    return make_sessionmaker(db_engine)


@pytest.fixture
def personas(store: sessionmaker[Session]) -> Personas:
    with store.begin() as db:
        world = build_world(db, now=utcnow())
        people = {
            name: world.person(name)
            for name in ("alice", "bob", "tara", "cole", "ada", "eve", "tim")
        }
        riverside, elsewhere = world.riverside, world.elsewhere
        db.flush()
        plain = {
            name: Persona(
                name=name,
                display_name=m.user.display_name,
                email=m.user.email,
                role=Role(m.role),
                id=m.id,
                user_id=m.user_id,
                org_id=m.org_id,
            )
            for name, m in people.items()
        }
        return Personas(riverside_id=riverside.id, elsewhere_id=elsewhere.id, **plain)


@pytest.fixture
def sign_in(
    store: sessionmaker[Session], personas: Personas, live_server: LiveServer, new_page: NewPage
) -> SignIn:
    """``sign_in("alice")``: a new page whose context is signed in as alice.

    ``sign_in("alice", page=p)`` signs an existing page's context in instead.
    """

    def _sign_in(name: str, *, page: Page | None = None) -> Page:
        page = page or new_page()
        with store.begin() as db:
            membership = db.get(Membership, personas[name].id)
            assert membership is not None
            token, _ = accounts.start_session(
                db,
                membership=membership,
                stage="active",
                ip="127.0.0.1",
                user_agent=SIGNED_IN_AGENT,
                now=utcnow(),
            )
        page.context.add_cookies(
            [
                {
                    "name": SESSION_COOKIE,
                    "value": token,
                    "url": live_server.origin,
                    "httpOnly": True,
                    "sameSite": "Lax",
                }
            ]
        )
        return page

    return _sign_in
