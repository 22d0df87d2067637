"""The authorisation matrix, for the messages and consultation routes only:
the same cases and checks as test_authorisation_matrix.py, so these routes
can be checked on their own while the rest of the app changes."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.web.auth import SESSION_COOKIE
from tests.conftest import T0, World
from tests.integration.test_authorisation_matrix import _cases, _check, _fill, _request

MINE = ("messages", "consultation")


def test_matrix_for_messages_and_consultation(app: FastAPI, db: Session, world: World) -> None:
    cases = [c for c in _cases(app) if any(part in c.path for part in MINE)]
    assert len({(c.method, c.path) for c in cases}) >= 17
    failures: list[str] = []
    with TestClient(app, base_url="http://testserver") as http:
        for case in cases:
            path = _fill(case.path, world, case.target)
            http.cookies.clear()
            csrf = ""
            if case.persona:
                token, record = accounts.start_session(
                    db,
                    membership=world.person(case.persona),
                    stage="active",
                    ip="t",
                    user_agent="matrix",
                    now=T0,
                )
                db.commit()
                http.cookies.set(SESSION_COOKIE, token)
                csrf = record.csrf_token
            response = _request(http, case, path, csrf)
            problem = _check(
                case, world, path, response.status_code, response.headers.get("location", "")
            )
            if problem:
                failures.append(f"{case.method} {path} as {case.persona or 'anonymous'}: {problem}")
    assert failures == []
