"""Messages between alice and each member of her care team: sent, read,
counted, kept to their two people, refused outside the team, ended when a
member leaves, stored once per idempotency key, sealed at rest, shown escaped,
and never half-written when refused."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from mend.care.messages.models import Message
from mend.safety.models import Alert, RiskSignal
from tests.conftest import World
from tests.integration.conftest import SignedIn

SignIn = Callable[[str], SignedIn]
API = "/api/v1"
HELLO = "Hi Cole, the morning walk went well today."


def send(person: SignedIn, body: Any, *, to: str | None = None, key: str | None = None,
         url: str = f"{API}/messages", **extra: Any) -> Any:  # fmt: skip
    payload: dict[str, Any] = {"body": body, "idempotency_key": key or uuid.uuid4().hex}
    if to is not None:
        payload["member_id"] = to
    return person.send("POST", url, json=payload | extra)


def count(db: Session, model: type[Any] = Message) -> int:
    db.rollback()
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


def threads_of(person: SignedIn, url: str) -> dict[str, dict[str, Any]]:
    response = person.http.get(url)
    assert response.status_code == 200, response.text
    return {row.get("member_id") or row["client_id"]: row for row in response.json()}


def test_alice_writes_to_cole_and_cole_reads_and_replies(
    sign_in: SignIn, world: World, clock: time_machine.Coordinates
) -> None:
    alice, cole = sign_in("alice"), sign_in("cole")
    sent = send(alice, f"  {HELLO}  ", to=world.cole.id)
    assert sent.status_code == 201, sent.text
    message = sent.json()["message"]
    assert message["body"] == HELLO
    assert (message["from"], message["sender_name"], message["read_at"]) == (
        "client",
        "Alice",
        None,
    )
    assert "safety" not in sent.json()

    waiting = threads_of(cole, f"{API}/caseload/messages")
    assert waiting[world.alice.id]["unread"] == 1
    assert waiting[world.alice.id]["last_message_at"] == message["sent_at"]

    thread = cole.http.get(f"{API}/clients/{world.alice.id}/messages").json()
    assert [m["body"] for m in thread["messages"]] == [HELLO]
    assert thread["messages"][0]["read_at"] is not None  # opening it read it
    assert threads_of(cole, f"{API}/caseload/messages")[world.alice.id]["unread"] == 0

    clock.shift(timedelta(minutes=1))
    reply = send(cole, "Lovely to hear, Alice.", url=f"{API}/clients/{world.alice.id}/messages")
    assert reply.status_code == 201, reply.text
    assert reply.json()["message"]["from"] == "member"
    mine = threads_of(alice, f"{API}/messages")
    assert mine[world.cole.id]["unread"] == 1
    assert mine[world.tara.id]["unread"] == 0
    opened = alice.http.get(f"{API}/messages/{world.cole.id}").json()
    assert [m["sender_name"] for m in opened["messages"]] == ["Alice", "Cole"]
    assert (opened["display_name"], opened["role"], opened["on_team"]) == ("Cole", "coach", True)
    assert threads_of(alice, f"{API}/messages")[world.cole.id]["unread"] == 0


def test_a_thread_is_private_to_its_two_people(sign_in: SignIn, world: World) -> None:
    alice, tara, cole = sign_in("alice"), sign_in("tara"), sign_in("cole")
    send(alice, "For Cole only", to=world.cole.id)
    send(alice, "For Tara only", to=world.tara.id)
    send(cole, "Cole to Alice", url=f"{API}/clients/{world.alice.id}/messages")
    send(tara, "Tara to Alice", url=f"{API}/clients/{world.alice.id}/messages")

    def bodies(person: SignedIn, url: str) -> set[str]:
        return {m["body"] for m in person.http.get(url).json()["messages"]}

    assert bodies(tara, f"{API}/clients/{world.alice.id}/messages") == {
        "For Tara only",
        "Tara to Alice",
    }
    assert bodies(cole, f"{API}/clients/{world.alice.id}/messages") == {
        "For Cole only",
        "Cole to Alice",
    }
    assert bodies(alice, f"{API}/messages/{world.tara.id}") == {"For Tara only", "Tara to Alice"}
    page = tara.http.get(f"/clients/{world.alice.id}/messages").text
    assert "For Tara only" in page and "For Cole only" not in page and "Cole to Alice" not in page
    page = cole.http.get(f"/clients/{world.alice.id}/messages").text
    assert "For Cole only" in page and "For Tara only" not in page
    for name, status in (("bob", 404), ("eve", 404), ("tim", 404), ("ada", 403)):
        other = sign_in(name)
        assert other.http.get(f"{API}/clients/{world.alice.id}/messages").status_code == status
        assert other.http.get(f"/clients/{world.alice.id}/messages").status_code == status
    assert sign_in("bob").http.get(f"{API}/messages/{world.cole.id}").status_code == 404


@pytest.mark.parametrize("who", ["ada", "tim", "bob", "nobody", "alice"])
def test_alice_cannot_message_anyone_outside_her_care_team(
    sign_in: SignIn, world: World, db: Session, who: str
) -> None:
    member_id = "no-such-person" if who == "nobody" else world.person(who).id
    refused = send(sign_in("alice"), HELLO, to=member_id)
    assert refused.status_code == 422
    fields = refused.json()["error"]["fields"]
    assert fields == {"member_id": "You can only send messages to people on your care team."}
    assert count(db) == 0
    assert sign_in("alice").http.get(f"{API}/messages/{member_id}").status_code == 404
    assert sign_in("alice").http.get(f"/messages/{member_id}").status_code == 404


def test_practitioners_cannot_message_clients_off_their_caseload(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assert (
        send(sign_in("tara"), HELLO, url=f"{API}/clients/{world.bob.id}/messages").status_code
        == 404
    )
    assert (
        send(sign_in("tim"), HELLO, url=f"{API}/clients/{world.alice.id}/messages").status_code
        == 404
    )
    assert (
        send(sign_in("ada"), HELLO, url=f"{API}/clients/{world.alice.id}/messages").status_code
        == 403
    )
    refused = send(
        sign_in("tara"), HELLO, url=f"{API}/clients/{world.alice.id}/messages", to=world.cole.id
    )
    assert refused.status_code == 422
    assert "member_id" in refused.json()["error"]["fields"]
    assert count(db) == 0


def test_a_client_writing_through_the_client_address_must_name_the_member(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    refused = send(alice, HELLO, url=f"{API}/clients/{world.alice.id}/messages")
    assert refused.status_code == 422
    assert "member_id" in refused.json()["error"]["fields"]
    sent = send(alice, HELLO, url=f"{API}/clients/{world.alice.id}/messages", to=world.tara.id)
    assert sent.status_code == 201
    listed = alice.http.get(f"{API}/clients/{world.alice.id}/messages").json()
    assert {row["member_id"] for row in listed} == {world.tara.id, world.cole.id}
    assert count(db) == 1


def test_leaving_the_care_team_ends_the_thread_on_the_next_request(
    sign_in: SignIn, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    alice, cole = sign_in("alice"), sign_in("cole")
    send(alice, HELLO, to=world.cole.id)
    clock.shift(timedelta(minutes=5))
    send(cole, "Glad to hear it.", url=f"{API}/clients/{world.alice.id}/messages")
    assert cole.http.get(f"{API}/clients/{world.alice.id}/messages").status_code == 200

    removed = sign_in("ada").send("DELETE", f"{API}/clients/{world.alice.id}/team/{world.cole.id}")
    assert removed.status_code == 204

    assert cole.http.get(f"{API}/clients/{world.alice.id}/messages").status_code == 404
    assert (
        send(cole, "Still there?", url=f"{API}/clients/{world.alice.id}/messages").status_code
        == 404
    )
    assert world.alice.id not in threads_of(cole, f"{API}/caseload/messages")
    refused = send(alice, "Hello again", to=world.cole.id)
    assert refused.status_code == 422
    assert "member_id" in refused.json()["error"]["fields"]
    # Alice keeps her own record: she reads the old thread, but cannot send in it.
    kept = alice.http.get(f"{API}/messages/{world.cole.id}").json()
    assert kept["on_team"] is False
    assert [m["body"] for m in kept["messages"]] == [HELLO, "Glad to hear it."]
    assert threads_of(alice, f"{API}/messages")[world.cole.id]["on_team"] is False
    page = alice.http.get(f"/messages/{world.cole.id}")
    assert page.status_code == 200
    assert "no longer on your care team" in page.text
    assert 'name="body"' not in page.text
    assert count(db) == 2


def test_the_same_key_is_one_message_and_other_words_are_a_conflict(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    first = send(alice, HELLO, to=world.cole.id, key="retry-key-0001")
    again = send(alice, HELLO, to=world.cole.id, key="retry-key-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["message"]["id"] == first.json()["message"]["id"]
    clash = send(alice, "Something else", to=world.cole.id, key="retry-key-0001")
    assert clash.status_code == 409
    assert "idempotency_key" in clash.json()["error"]["fields"]
    elsewhere = send(alice, HELLO, to=world.tara.id, key="retry-key-0001")
    assert elsewhere.status_code == 409
    # Keys are per sender: Cole may use the same key for his own message.
    cole = send(
        sign_in("cole"), HELLO, url=f"{API}/clients/{world.alice.id}/messages", key="retry-key-0001"
    )
    assert cole.status_code == 201
    assert count(db) == 2


def test_the_words_are_sealed_at_rest(sign_in: SignIn, world: World, db: Session) -> None:
    send(sign_in("alice"), "My secret garden plan", to=world.cole.id)
    db.rollback()
    raw = db.execute(text("SELECT body FROM message")).scalar_one()
    assert "secret garden" not in raw
    assert db.scalars(select(Message)).one().body == "My secret garden plan"


def test_html_is_shown_as_text_on_both_sides(sign_in: SignIn, world: World) -> None:
    send(sign_in("alice"), '<script>alert("x")</script><b>hi</b>', to=world.cole.id)
    for person, url in (
        (sign_in("alice"), f"/messages/{world.cole.id}"),
        (sign_in("cole"), f"/clients/{world.alice.id}/messages"),
    ):
        page = person.http.get(url).text
        assert "<script>alert" not in page and "<b>hi</b>" not in page
        assert "&lt;script&gt;" in page


def test_unicode_and_line_breaks_come_back_exactly(sign_in: SignIn, world: World) -> None:
    words = "Café with Zoë 🌧️→☀️\nSecond line — 今日はいい日"
    alice = sign_in("alice")
    send(alice, words, to=world.tara.id)
    assert alice.http.get(f"{API}/messages/{world.tara.id}").json()["messages"][0]["body"] == words


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   \n "}, "body"),
        ({"body": "x" * 5_001}, "body"),
        ({"body": "x" * 60_000}, "body"),
        ({"body": "nul \x00 here"}, "body"),
        ({"body": 5}, "body"),
        ({"body": None}, "body"),
        ({"mood": 3}, "mood"),
        ({"idempotency_key": "short"}, "idempotency_key"),
        ({"idempotency_key": "has spaces in it"}, "idempotency_key"),
        ({"member_id": "x" * 25}, "member_id"),
    ],
    ids=[
        "empty", "blank", "too-long", "far-too-long", "nul", "number", "null", "unknown-field",
        "short-key", "bad-key", "long-member-id",
    ],
)  # fmt: skip
def test_bad_messages_are_refused_with_the_field_and_nothing_is_written(
    sign_in: SignIn, world: World, db: Session, payload: dict[str, Any], field: str
) -> None:
    body = {"body": HELLO, "idempotency_key": "good-key-0001", "member_id": world.cole.id}
    response = sign_in("alice").send("POST", f"{API}/messages", json=body | payload)
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["fields"]
    assert count(db) == count(db, RiskSignal) == count(db, Alert) == 0


@pytest.mark.parametrize("missing", ["body", "idempotency_key"])
def test_a_missing_field_is_named(sign_in: SignIn, world: World, db: Session, missing: str) -> None:
    body = {"body": HELLO, "idempotency_key": "good-key-0001", "member_id": world.cole.id}
    del body[missing]
    response = sign_in("alice").send("POST", f"{API}/messages", json=body)
    assert response.status_code == 422
    assert missing in response.json()["error"]["fields"]
    assert count(db) == 0


def test_the_longest_message_is_kept(sign_in: SignIn, world: World, db: Session) -> None:
    assert send(sign_in("alice"), "y" * 5_000, to=world.cole.id).status_code == 201
    assert count(db) == 1


def test_sending_and_reading_are_in_the_access_log(sign_in: SignIn, world: World) -> None:
    send(sign_in("alice"), HELLO, to=world.cole.id)
    sign_in("cole").http.get(f"{API}/clients/{world.alice.id}/messages")
    log = sign_in("alice").http.get(f"{API}/clients/{world.alice.id}/access-log").json()
    actions = [(e["action"], e["actor_role"]) for e in log]
    assert ("message.send", "client") in actions
    assert ("messages.read", "coach") in actions
