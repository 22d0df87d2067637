"""Who may read, set, change and complete homework: alice owns hers; tara
(her therapist) reads and sets it by default; cole (her coach) only once she
shares goals and homework with him; ada (admin) never; bob, eve and tim (other
client, other organisation) get 404, exactly as for a record that does not exist."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.audit.models import AuditEntry
from mend.web.auth import SESSION_COOKIE
from tests.conftest import T0, World
from tests.integration.coping_helpers import count
from tests.integration.test_authorisation_matrix import _cases, _check, _fill, _request
from tests.integration.test_homework_helpers import (
    API,
    SignIn,
    assign,
    assigned,
    share,
    worksheet,
)

OUTSIDERS = ("bob", "eve", "tim")


@pytest.fixture
def homework_id(sign_in: SignIn, world: World) -> str:
    """A worksheet tara set for alice."""
    found: str = assigned(sign_in("tara"), world.alice.id, worksheet())["id"]
    return found


def test_homework_routes_follow_the_policy_for_everyone(
    app: FastAPI, db: Session, world: World
) -> None:
    """The route-table walk of test_authorisation_matrix, for the homework routes."""
    failures: list[str] = []
    cases = [c for c in _cases(app) if "homework" in c.path]
    assert len({(c.method, c.path) for c in cases}) >= 14
    with TestClient(app, base_url="http://testserver") as http:
        for case in cases:
            path = _fill(case.path, world, case.target)
            http.cookies.clear()
            csrf = ""
            if case.persona:
                token, record = accounts.start_session(
                    db, membership=world.person(case.persona), stage="active", ip="t",
                    user_agent="matrix", now=T0,
                )  # fmt: skip
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


def test_alice_reads_her_own_homework(sign_in: SignIn, world: World, homework_id: str) -> None:
    alice = sign_in("alice")
    assert [h["id"] for h in alice.http.get(f"{API}/homework").json()] == [homework_id]
    mine = alice.http.get(f"{API}/clients/{world.alice.id}/homework")
    assert [h["id"] for h in mine.json()] == [homework_id]
    assert alice.http.get(f"{API}/homework/{homework_id}").status_code == 200
    assert alice.http.get("/homework").status_code == 200
    assert alice.http.get(f"/homework/{homework_id}").status_code == 200


def test_bob_sees_only_his_own_empty_list(sign_in: SignIn, world: World, homework_id: str) -> None:
    assert sign_in("bob").http.get(f"{API}/homework").json() == []


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404_everywhere(
    sign_in: SignIn, world: World, homework_id: str, who: str
) -> None:
    person = sign_in(who)
    unknown = person.http.get(f"{API}/homework/{'x' * 24}")
    seen = person.http.get(f"{API}/homework/{homework_id}")
    assert unknown.status_code == seen.status_code == 404
    assert seen.json() == unknown.json()  # indistinguishable from nothing at all
    for method, url, body in (
        ("GET", f"{API}/clients/{world.alice.id}/homework", None),
        ("POST", f"{API}/clients/{world.alice.id}/homework", worksheet()),
        ("PATCH", f"{API}/homework/{homework_id}", {"version": 1, "title": "Mine now"}),
        ("POST", f"{API}/homework/{homework_id}/complete", {"reflection": "done"}),
        ("POST", f"{API}/homework/{homework_id}/cancel", {}),
        ("GET", f"/homework/{homework_id}", None),
        ("GET", f"/clients/{world.alice.id}/homework", None),
    ):
        response = (
            person.send(method, url, json=body) if body is not None else person.send(method, url)
        )
        assert response.status_code == 404, (method, url)


def test_bob_completing_alices_homework_is_404_and_changes_nothing(
    sign_in: SignIn, world: World, db: Session, homework_id: str
) -> None:
    bob = sign_in("bob")
    response = bob.send("POST", f"{API}/homework/{homework_id}/complete", json={})
    assert response.status_code == 404
    assert bob.post_form(f"/homework/{homework_id}/complete", {}).status_code == 404
    assert sign_in("alice").http.get(f"{API}/homework/{homework_id}").json()["status"] == "assigned"


def test_tara_reads_and_sets_by_default(sign_in: SignIn, world: World, homework_id: str) -> None:
    tara = sign_in("tara")
    assert tara.http.get(f"{API}/clients/{world.alice.id}/homework").status_code == 200
    assert tara.http.get(f"{API}/homework/{homework_id}").status_code == 200
    assert tara.http.get(f"/clients/{world.alice.id}/homework").status_code == 200
    assert tara.http.get(f"/homework/{homework_id}").status_code == 200
    # /homework is a client's own page.
    assert tara.http.get(f"{API}/homework").status_code == 404
    assert tara.http.get("/homework").status_code == 404


def test_cole_needs_alice_to_share_goals_and_homework(
    sign_in: SignIn, world: World, homework_id: str
) -> None:
    cole = sign_in("cole")
    refused = assign(cole, world.alice.id, worksheet())
    assert refused.status_code == 403
    assert "not shared goals and homework" in refused.json()["error"]["message"]
    assert cole.http.get(f"{API}/homework/{homework_id}").status_code == 403
    assert cole.http.get(f"/clients/{world.alice.id}/homework").status_code == 403
    share(sign_in("alice"), world, "cole", "goals_homework")
    assert cole.http.get(f"{API}/homework/{homework_id}").status_code == 200
    assert assign(cole, world.alice.id, worksheet(title="Walk log")).status_code == 201


def test_revoking_takes_effect_on_the_next_request(
    sign_in: SignIn, world: World, homework_id: str
) -> None:
    alice, cole = sign_in("alice"), sign_in("cole")
    share(alice, world, "cole", "goals_homework")
    assert cole.http.get(f"{API}/clients/{world.alice.id}/homework").status_code == 200
    share(alice, world, "cole", "goals_homework", granted=False)
    assert cole.http.get(f"{API}/clients/{world.alice.id}/homework").status_code == 403
    assert cole.http.get(f"{API}/homework/{homework_id}").status_code == 403
    share(alice, world, "tara", "goals_homework", granted=False)
    assert sign_in("tara").http.get(f"{API}/homework/{homework_id}").status_code == 403


def test_ada_the_admin_sees_no_homework(sign_in: SignIn, world: World, homework_id: str) -> None:
    ada = sign_in("ada")
    assert ada.http.get(f"{API}/clients/{world.alice.id}/homework").status_code == 403
    assert ada.http.get(f"{API}/homework/{homework_id}").status_code == 403
    assert assign(ada, world.alice.id, worksheet()).status_code == 403


def test_alice_does_not_set_her_own_homework(sign_in: SignIn, world: World, db: Session) -> None:
    from mend.care.homework.models import Homework

    response = assign(sign_in("alice"), world.alice.id, worksheet())
    assert response.status_code == 403
    assert "therapist or coach" in response.json()["error"]["message"]
    assert count(db, Homework) == 0


@pytest.mark.parametrize("who", ["tara", "cole"])
def test_only_alice_completes_her_homework(
    sign_in: SignIn, world: World, homework_id: str, who: str
) -> None:
    share(sign_in("alice"), world, "cole", "goals_homework")
    response = sign_in(who).send("POST", f"{API}/homework/{homework_id}/complete", json={})
    assert response.status_code == 403
    assert "Only Alice can mark" in response.json()["error"]["message"]


def test_reads_and_writes_are_in_the_audit_log(
    sign_in: SignIn, world: World, db: Session, homework_id: str
) -> None:
    alice = sign_in("alice")
    alice.send("POST", f"{API}/homework/{homework_id}/complete", json={"reflection": "Done"})
    db.rollback()
    actions = {
        e.action
        for e in db.query(AuditEntry).filter(AuditEntry.subject_client_id == world.alice.id)
    }
    assert {"homework.assign", "homework.complete", "goals_homework.write"} <= actions
    assigned_rows = db.query(AuditEntry).filter(AuditEntry.action == "homework.assign").all()
    assert [(a.resource_type, a.resource_id) for a in assigned_rows] == [("homework", homework_id)]
