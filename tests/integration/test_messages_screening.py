"""What alice writes in a message is screened like her journal: crisis
language opens an alert routed to tara, her therapist, even when the message
is to cole; alice sees at once who to call and who will see it. What
practitioners write is not screened. Every message page says plainly that
messages are not an emergency channel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.care.messages.models import Message
from mend.safety.models import RiskSignal
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.safety_helpers import API, BURDEN, ORDINARY, alerts_of

SignIn = Callable[[str], SignedIn]


def message(person: SignedIn, body: str, *, key: str, to: str | None = None,
            url: str = f"{API}/messages") -> Any:  # fmt: skip
    payload = {"body": body, "idempotency_key": key}
    if to:
        payload["member_id"] = to
    return person.send("POST", url, json=payload)


def signals(db: Session) -> list[RiskSignal]:
    db.rollback()
    return list(db.scalars(select(RiskSignal)))


def test_a_message_to_cole_with_crisis_language_opens_an_alert_for_tara(
    sign_in: SignIn, world: World, db: Session
) -> None:
    sent = message(sign_in("alice"), BURDEN, key="crisis-0001", to=world.cole.id)
    assert sent.status_code == 201, sent.text
    safety = sent.json()["safety"]
    assert safety["who_sees"].startswith("Your therapist, Tara, will see an alert")
    assert "not an emergency service" in safety["not_an_emergency_service"]
    assert {r["contact"] for r in safety["crisis_resources"]} >= {"988", "116 123"}
    [alert] = alerts_of(db, world.alice)
    assert (alert.status, alert.route, alert.routed_to) == ("open", "therapist", world.tara.id)
    [signal] = signals(db)
    assert (signal.kind, signal.source_type) == ("crisis_language", "message")
    assert signal.source_id == sent.json()["message"]["id"]

    tara = sign_in("tara")
    [listed] = tara.http.get(f"{API}/alerts").json()
    assert listed["client_id"] == world.alice.id
    detail = tara.http.get(f"{API}/alerts/{listed['id']}").json()
    [seen] = detail["signals"]
    assert seen["source_type"] == "message"
    assert any("better off without me" in e["text"] for e in seen["evidence"])
    # The message itself stays between alice and cole.
    thread = tara.http.get(f"{API}/clients/{world.alice.id}/messages").json()
    assert thread["messages"] == []


def test_an_ordinary_message_opens_nothing(sign_in: SignIn, world: World, db: Session) -> None:
    sent = message(sign_in("alice"), ORDINARY, key="ordinary-0001", to=world.tara.id)
    assert sent.status_code == 201
    assert "safety" not in sent.json()
    assert alerts_of(db, world.alice) == [] and signals(db) == []


def test_a_retried_crisis_message_answers_the_same_and_stores_one_signal(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    first = message(alice, BURDEN, key="crisis-0002", to=world.cole.id)
    again = message(alice, BURDEN, key="crisis-0002", to=world.cole.id)
    assert (first.status_code, again.status_code) == (201, 200)
    assert "safety" in again.json()
    assert len(signals(db)) == 1 and len(alerts_of(db, world.alice)) == 1


def test_what_practitioners_write_is_not_screened(
    sign_in: SignIn, world: World, db: Session
) -> None:
    url = f"{API}/clients/{world.alice.id}/messages"
    sent = message(sign_in("cole"), f"Alice told me: '{BURDEN}'", key="coach-0001", url=url)
    assert sent.status_code == 201
    assert "safety" not in sent.json()
    assert signals(db) == [] and alerts_of(db, world.alice) == []


def test_the_form_shows_crisis_lines_and_who_sees_at_once(
    sign_in: SignIn, world: World, db: Session
) -> None:
    page = sign_in("alice").post_form(
        f"/messages/{world.cole.id}", {"body": BURDEN, "key": "form-crisis-0001"}
    )
    assert page.status_code == 200
    assert "116 123" in page.text
    assert "Your message to Cole was sent." in page.text
    assert "Your therapist, Tara, will see an alert" in page.text
    assert "Messages are not an emergency channel" in page.text
    assert f'href="/messages/{world.cole.id}"' in page.text
    assert len(alerts_of(db, world.alice)) == 1
    db.rollback()
    assert db.scalar(select(func.count()).select_from(Message)) == 1


def test_every_message_page_says_it_is_not_an_emergency_channel(
    sign_in: SignIn, world: World
) -> None:
    pages = [
        ("alice", "/messages"),
        ("alice", f"/messages/{world.cole.id}"),
        ("tara", "/messages"),
        ("cole", f"/clients/{world.alice.id}/messages"),
    ]
    for name, url in pages:
        page = sign_in(name).http.get(url)
        assert page.status_code == 200, url
        assert "Messages are not an emergency channel." in page.text, url
        assert 'href="/help-now"' in page.text, url
    client_page = sign_in("alice").http.get(f"/messages/{world.tara.id}").text
    assert "a reply can take a day or more" in client_page
