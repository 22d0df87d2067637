"""HTTP fixtures: the app, a test client, and signed-in clients per persona."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from mend.accounts import service as accounts
from mend.app import create_app
from mend.clock import utcnow
from mend.db import make_sessionmaker, transaction
from mend.settings import Settings
from mend.web.auth import SESSION_COOKIE
from tests.conftest import World


@pytest.fixture
def app(settings: Settings, db_engine: Engine) -> FastAPI:
    return create_app(settings, engine=db_engine)


@pytest.fixture
def anon(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


@dataclass
class SignedIn:
    """A test client with a live session and its CSRF token."""

    http: TestClient
    csrf: str
    name: str

    def post_form(self, url: str, data: dict[str, str] | None = None, **kw: object):  # type: ignore[no-untyped-def]
        return self.http.post(
            url, data={**(data or {}), "csrf_token": self.csrf}, follow_redirects=False, **kw
        )  # type: ignore[arg-type]

    def send(self, method: str, url: str, **kw: object):  # type: ignore[no-untyped-def]
        headers = {"X-CSRF-Token": self.csrf, **kw.pop("headers", {})}  # type: ignore[dict-item]
        return self.http.request(method, url, headers=headers, **kw)  # type: ignore[arg-type]


@pytest.fixture
def sign_in(app: FastAPI, db_engine: Engine, world: World) -> Iterator[Callable[[str], SignedIn]]:
    """sign_in("alice") gives a client signed in as alice, without the password round trip."""
    opened: list[TestClient] = []

    def _sign_in(name: str) -> SignedIn:
        with transaction(make_sessionmaker(db_engine)) as session:
            token, record = accounts.start_session(
                session,
                membership=world.person(name),
                stage="active",
                ip="testclient",
                user_agent="pytest",
                now=utcnow(),
            )
        http = TestClient(app, base_url="http://testserver")
        http.__enter__()
        opened.append(http)
        http.cookies.set(SESSION_COOKIE, token)
        return SignedIn(http=http, csrf=record.csrf_token, name=name)

    yield _sign_in
    for http in opened:
        http.__exit__(None, None, None)


def login_form_token(http: TestClient) -> str:
    page = http.get("/login")
    marker = 'name="csrf_token" value="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]


def form_login(http: TestClient, email: str, password: str):  # type: ignore[no-untyped-def]
    token = login_form_token(http)
    return http.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
