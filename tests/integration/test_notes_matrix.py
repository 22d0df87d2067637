"""The authorisation matrix, walked over the notes and diagnoses routes only:
every persona and target against the policy, so this slice is checked even
while another part of the app is being changed."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.web.auth import SESSION_COOKIE, route_policy
from tests.conftest import T0, World
from tests.integration import test_authorisation_matrix as matrix


def _mine(path: str) -> bool:
    return "notes" in path or "diagnoses" in path


def test_notes_routes_hold_the_policy(app: FastAPI, db: Session, world: World) -> None:
    cases = [c for c in matrix._cases(app) if _mine(c.path)]
    assert len({(c.method, c.path) for c in cases}) >= 40
    failures: list[str] = []
    with TestClient(app, base_url="http://testserver") as http:
        for case in cases:
            path = matrix._fill(case.path, world, case.target)
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
            response = matrix._request(http, case, path, csrf)
            problem = matrix._check(
                case, world, path, response.status_code, response.headers.get("location", "")
            )
            if problem:
                failures.append(f"{case.method} {path} as {case.persona or 'anonymous'}: {problem}")
    assert failures == []


def test_every_notes_route_declares_a_client_policy(app: FastAPI) -> None:
    loose = [
        r.path
        for r in matrix.api_routes(app)
        if _mine(r.path) and route_policy(r.dependant).kind != "client"  # type: ignore[union-attr]
    ]
    assert loose == []
