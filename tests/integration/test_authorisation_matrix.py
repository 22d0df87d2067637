"""Every route in the app's own route table, for every persona and target client.

A route without a declared policy fails here, so nothing ships unguarded. For
client records the expected answer comes from the policy table; the point is
that every route really enforces it, and that strangers get 404, not 403.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import Organisation
from mend.accounts.roles import Role
from mend.app import api_routes as all_routes
from mend.care.policy import Relation, decide, may
from mend.care.service import default_grant
from mend.web.auth import SESSION_COOKIE, RoutePolicy, route_policy
from tests.conftest import T0, World

PERSONAS = ("alice", "bob", "tara", "cole", "ada", "eve", "tim")
DENIED = {401, 403, 404}


def api_routes(app: FastAPI) -> list[APIRoute]:
    return list(all_routes(app.routes))


def test_route_walk_finds_every_documented_operation(app: FastAPI) -> None:
    walked = {(m, r.path) for r in api_routes(app) for m in r.methods}
    documented = {(m.upper(), path) for path, ops in app.openapi()["paths"].items() for m in ops}
    assert documented and documented <= walked


def test_every_route_declares_a_policy(app: FastAPI) -> None:
    missing = [
        f"{sorted(r.methods)} {r.path}"
        for r in api_routes(app)
        if route_policy(r.dependant) is None
    ]
    assert missing == [], f"routes without a policy: {missing}"


def test_the_matrix_covers_a_real_number_of_routes(app: FastAPI) -> None:
    kinds = {route_policy(r.dependant).kind for r in api_routes(app)}  # type: ignore[union-attr]
    assert kinds == {"public", "pending", "signed_in", "capability", "client"}
    assert len(api_routes(app)) >= 40


RELATIONS = {
    # (persona, target client) -> how the persona stands to that client
    ("alice", "alice"): Relation.SELF,
    ("bob", "bob"): Relation.SELF,
    ("eve", "eve"): Relation.SELF,
    ("tara", "alice"): Relation.TREATING,
    ("cole", "alice"): Relation.SUPPORTING,
    ("tim", "eve"): Relation.TREATING,
    ("tara", "bob"): Relation.SAME_ORG,
    ("cole", "bob"): Relation.SAME_ORG,
    ("ada", "alice"): Relation.SAME_ORG,
    ("ada", "bob"): Relation.SAME_ORG,
}


def expected_client_status(
    persona: str, target: str | None, world: World, rp: RoutePolicy
) -> set[int]:
    role = Role(world.person(persona).role)
    relation = RELATIONS.get((persona, target or persona), Relation.NONE)
    assert rp.category is not None and rp.action is not None
    consented = relation in (Relation.TREATING, Relation.SUPPORTING) and default_grant(
        role, rp.category
    )
    decision = decide(
        role=role, relation=relation, category=rp.category, action=rp.action, consented=consented
    )
    return {decision.status_code} if not decision.allowed else set()


@dataclass
class Case:
    method: str
    path: str
    persona: str
    target: str | None
    policy: RoutePolicy


def _cases(app: FastAPI) -> list[Case]:
    cases = []
    for route in api_routes(app):
        rp = route_policy(route.dependant)
        assert rp is not None
        for method in sorted(route.methods - {"HEAD"}):
            targets = ["alice", "bob", "eve"] if "{client_id}" in route.path else [None]
            for persona in (*PERSONAS, None):
                for target in targets:
                    cases.append(Case(method, route.path, persona or "", target, rp))
    return cases


def _fill(path: str, world: World, target: str | None) -> str:
    if target:
        path = path.replace("{client_id}", world.person(target).id)
    return re.sub(r"\{[a-z_]+\}", "unknown-id", path)


def _request(http: TestClient, case: Case, path: str, csrf: str):  # type: ignore[no-untyped-def]
    headers = {"X-CSRF-Token": csrf}
    if case.method in ("GET", "DELETE"):
        return http.request(case.method, path, headers=headers, follow_redirects=False)
    return http.request(case.method, path, headers=headers, json={}, follow_redirects=False)


def _denied_as_anonymous(status: int, path: str, location: str) -> bool:
    if path.startswith("/api/"):
        return status == 401
    return status == 303 and location.endswith("/login")


def test_matrix(app: FastAPI, db: Session, world: World) -> None:
    failures: list[str] = []
    with TestClient(app, base_url="http://testserver") as http:
        for case in _cases(app):
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
            if case.method != "GET" and path.startswith(("/admin/settings", "/api/v1/org/")):
                _restore_org_settings(db, world)
    assert failures == []


def _restore_org_settings(db: Session, world: World) -> None:
    """An admin's empty settings form turns every switch off; put the defaults
    back so later cases meet the organisation the policy table assumes (the
    consultation setting narrows what a client reads, decision 0012)."""
    db.execute(
        update(Organisation)
        .where(Organisation.id == world.riverside.id)
        .values(client_sees_consultation=True, psychotherapy_notes_shared=False)
    )
    db.commit()


def _check(case: Case, world: World, path: str, status: int, location: str) -> str | None:
    rp = case.policy
    if status >= 500:
        return f"server error {status}"
    if not case.persona:
        if rp.kind == "public":
            return None
        return None if _denied_as_anonymous(status, path, location) else f"anonymous got {status}"
    if rp.kind == "pending":
        return None if status == 404 else f"a signed-in person reached a sign-in step: {status}"
    if rp.kind == "capability" and not may(
        Role(world.person(case.persona).role), rp.capability or ""
    ):
        return None if status == 403 else f"expected 403, got {status}"
    if rp.by_record and "unknown-id" in path:
        # Found by a record's id (an alert): an unknown record belongs to nobody.
        return None if status == 404 else f"unknown record: expected 404, got {status}"
    if rp.kind == "client":
        expected = expected_client_status(case.persona, case.target, world, rp)
        if expected:
            return None if status in expected else f"expected {expected}, got {status}"
    if status in (401, 403):
        return f"expected access, got {status}"
    if status == 404 and "unknown-id" not in path:
        return "expected access, got 404"
    return None


@pytest.mark.parametrize("persona", PERSONAS)
def test_strangers_get_404_not_403(sign_in, world: World, persona: str) -> None:
    """Another organisation's client is indistinguishable from no client at all."""
    person = sign_in(persona)
    stranger = world.eve if world.person(persona).org_id == world.riverside.id else world.alice
    for url in (
        f"/api/v1/clients/{stranger.id}",
        f"/api/v1/clients/{stranger.id}/consent",
        f"/api/v1/clients/{stranger.id}/team",
        "/api/v1/clients/no-such-client",
    ):
        assert person.http.get(url).status_code == 404, url


def test_routes_about_a_client_use_the_client_policy(app: FastAPI) -> None:
    loose = [
        r.path
        for r in api_routes(app)
        if "{client_id}" in r.path and route_policy(r.dependant).kind != "client"
    ]  # type: ignore[union-attr]
    assert loose == []
