"""The caseload: each client's alerts, what is due, goals, activity and
messages, only as far as the client shares them; filters and sorting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.safety_helpers import BURDEN, write
from tests.integration.sharing import share

API = "/api/v1"
SignIn = Callable[[str], SignedIn]


def caseload(person: SignedIn, **params: str) -> list[dict[str, Any]]:
    response = person.http.get(f"{API}/caseload", params=params)
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


def put_bob_with_tara(sign_in: SignIn, world: World) -> None:
    ada = sign_in("ada")
    response = ada.send(
        "POST", f"{API}/clients/{world.bob.id}/team", json={"member_id": world.tara.id}
    )
    assert response.status_code == 201, response.text


def test_the_coach_sees_only_what_alice_shares(sign_in: SignIn, world: World) -> None:
    [row] = caseload(sign_in("cole"))
    assert (row["goals"], row["last_activity"], row["next_due"]) == (None, None, None)
    page = sign_in("cole").http.get("/caseload").text
    assert "Not shared with you" in page
    alice = sign_in("alice")
    share(alice, world, "cole", "goals_homework")
    alice.send("POST", f"{API}/goals", json={"title": "Walk three mornings a week"})
    [row] = caseload(sign_in("cole"))
    assert row["goals"]["active"] == 1


def test_goals_homework_and_messages_reach_the_therapist(sign_in: SignIn, world: World) -> None:
    alice, tara = sign_in("alice"), sign_in("tara")
    alice.send("POST", f"{API}/goals", json={"title": "Sleep by eleven"})
    due = (T0 + timedelta(days=2)).isoformat()
    work = {"kind": "reading", "title": "Chapter 2", "due_at": due}
    assert (
        tara.send("POST", f"{API}/clients/{world.alice.id}/homework", json=work).status_code == 201
    )
    message = {
        "member_id": world.tara.id,
        "body": "See you Thursday.",
        "idempotency_key": "message-1",
    }
    assert alice.send("POST", f"{API}/messages", json=message).status_code == 201
    [row] = caseload(sign_in("tara"))
    assert row["goals"]["active"] == 1
    assert (row["next_due"]["kind"], row["next_due"]["what"]) == ("homework", "Chapter 2")
    assert (row["overdue"], row["unread_messages"]) == (0, 1)


def test_filters_search_and_sorting(sign_in: SignIn, world: World) -> None:
    put_bob_with_tara(sign_in, world)
    tara = sign_in("tara")
    assert [r["display_name"] for r in caseload(tara, sort="name")] == ["Alice", "Bob"]
    assert [r["display_name"] for r in caseload(tara, q="BO")] == ["Bob"]
    assert caseload(tara, show="alerts") == []
    write(sign_in("alice"), BURDEN)
    tara = sign_in("tara")
    assert [r["display_name"] for r in caseload(tara, show="alerts")] == ["Alice"]
    assert [r["display_name"] for r in caseload(tara, sort="attention")] == ["Alice", "Bob"]
    page = tara.http.get("/caseload", params={"show": "alerts"}).text
    assert "Showing 1 of 2 clients." in page


def test_an_unknown_filter_is_a_clear_error(sign_in: SignIn) -> None:
    response = sign_in("tara").http.get(f"{API}/caseload", params={"show": "everyone-ever"})
    assert response.status_code == 422
    assert "show" in response.json()["error"]["fields"]


def test_a_long_search_is_cut_not_refused(sign_in: SignIn) -> None:
    assert caseload(sign_in("tara"), q="a" * 5000) == []


def test_clients_and_admins_have_no_caseload(sign_in: SignIn) -> None:
    for persona in ("alice", "ada"):
        assert sign_in(persona).http.get(f"{API}/caseload").status_code == 403


def test_only_the_clients_shown_are_audited(sign_in: SignIn, world: World, db: Session) -> None:
    put_bob_with_tara(sign_in, world)
    caseload(sign_in("tara"), q="bob")
    db.rollback()
    reads = db.scalars(
        select(AuditEntry.subject_client_id).where(
            AuditEntry.action == "profile.read", AuditEntry.actor_user_id == world.tara.user_id
        )
    ).all()
    assert reads == [world.bob.id]
