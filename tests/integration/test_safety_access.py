"""Who may see and act on alerts and read the journal. tara treats alice and
always sees her alerts (safety before consent); cole, her coach, and ada, the
admin, never do; bob and the other organisation (eve, tim) do not learn an
alert exists; alice sees where her alerts stand but not the clinicians' notes.
The journal is alice's: closed to everyone until she shares it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from mend.safety.models import JournalEntry
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.coping_helpers import count
from tests.integration.safety_helpers import API, BURDEN, ORDINARY, write

SignIn = Callable[[str], SignedIn]


@pytest.fixture
def alert_id(sign_in: SignIn, world: World) -> str:
    write(sign_in("alice"), BURDEN)
    found: str = sign_in("tara").http.get(f"{API}/alerts").json()[0]["id"]
    return found


@pytest.mark.parametrize(
    ("name", "status"),
    [("tara", 200), ("cole", 403), ("ada", 403), ("bob", 404), ("eve", 404), ("tim", 404)],
)
def test_who_may_read_an_alert(sign_in: SignIn, alert_id: str, name: str, status: int) -> None:
    assert sign_in(name).http.get(f"{API}/alerts/{alert_id}").status_code == status


@pytest.mark.parametrize(
    ("name", "status"),
    [("alice", 403), ("cole", 403), ("ada", 403), ("bob", 404), ("eve", 404), ("tim", 404)],
)
def test_only_clinicians_act_on_an_alert(
    sign_in: SignIn, alert_id: str, name: str, status: int
) -> None:
    response = sign_in(name).send("POST", f"{API}/alerts/{alert_id}/acknowledge", json={})
    assert response.status_code == status


def test_alice_sees_where_her_alert_stands_without_the_notes(
    sign_in: SignIn, alert_id: str
) -> None:
    mine = sign_in("alice").http.get(f"{API}/alerts/{alert_id}").json()
    assert mine == {"id": alert_id, "status": "open", "opened_at": mine["opened_at"]}


@pytest.mark.parametrize("name", ["cole", "ada", "alice", "bob"])
def test_the_alert_list_is_for_therapists(sign_in: SignIn, name: str) -> None:
    assert sign_in(name).http.get(f"{API}/alerts").status_code == 403


def test_an_unknown_alert_is_not_found(sign_in: SignIn, world: World) -> None:
    assert sign_in("tara").http.get(f"{API}/alerts/{'z' * 24}").status_code == 404
    assert sign_in("tara").http.get(f"/alerts/{'z' * 24}").status_code == 404


def test_an_unknown_step_is_not_found(sign_in: SignIn, alert_id: str) -> None:
    response = sign_in("tara").send("POST", f"{API}/alerts/{alert_id}/delete", json={})
    assert response.status_code == 404


def test_tims_alerts_list_does_not_show_alice(sign_in: SignIn, alert_id: str) -> None:
    assert sign_in("tim").http.get(f"{API}/alerts").json() == []


# ---------------------------------------------------------------- the journal


def share_journal(sign_in: SignIn, world: World, member: str, granted: bool) -> None:
    body = {"member_id": world.person(member).id, "category": "journal", "granted": granted}
    response = sign_in("alice").send("PUT", f"{API}/clients/{world.alice.id}/consent", json=body)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "status"),
    [("tara", 403), ("cole", 403), ("ada", 403), ("bob", 404), ("eve", 404), ("tim", 404)],
)
def test_the_journal_is_closed_until_alice_shares_it(
    sign_in: SignIn, world: World, name: str, status: int
) -> None:
    write(sign_in("alice"), ORDINARY)
    url = f"{API}/clients/{world.alice.id}/journal"
    assert sign_in(name).http.get(url).status_code == status


@pytest.mark.parametrize("member", ["tara", "cole"])
def test_sharing_opens_it_and_turning_it_off_closes_it_at_once(
    sign_in: SignIn, world: World, member: str
) -> None:
    write(sign_in("alice"), ORDINARY)
    url = f"{API}/clients/{world.alice.id}/journal"
    share_journal(sign_in, world, member, True)
    reader = sign_in(member)
    assert [e["body"] for e in reader.http.get(url).json()] == [ORDINARY]
    assert reader.http.get(f"/clients/{world.alice.id}/journal").status_code == 200
    share_journal(sign_in, world, member, False)
    assert reader.http.get(url).status_code == 403


def test_nobody_writes_in_alices_journal_but_alice(sign_in: SignIn, world: World) -> None:
    share_journal(sign_in, world, "tara", True)
    response = sign_in("tara").send(
        "POST", f"{API}/clients/{world.alice.id}/journal", json={"body": "hi"}
    )
    assert response.status_code == 405


def test_the_journal_is_sealed_at_rest(sign_in: SignIn, world: World, db: Session) -> None:
    from sqlalchemy import text

    write(sign_in("alice"), "A secret about the garden.")
    db.rollback()
    stored = db.execute(text("SELECT body FROM journal_entry")).scalar_one()
    assert "garden" not in stored
    assert count(db, JournalEntry) == 1
