"""The message pages: alice's conversations with her team and their unread
counts, a conversation with its send form, cole's conversations across his
caseload with unread ones first, and the form's answers to bad input."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import time_machine
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import Organisation
from mend.accounts.passwords import make_hasher
from mend.accounts.roles import Role
from mend.care import service as care
from mend.care.messages.models import Message
from tests.conftest import PASSWORD, T0, World
from tests.integration.conftest import SignedIn

SignIn = Callable[[str], SignedIn]
API = "/api/v1"


def count(db: Session) -> int:
    db.rollback()
    return int(db.scalar(select(func.count()).select_from(Message)) or 0)


def test_alice_sends_from_the_form_and_lands_back_in_the_conversation(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    page = alice.http.get(f"/messages/{world.cole.id}")
    assert page.status_code == 200
    assert "Messages with Cole" in page.text
    assert 'for="body">Write to Cole</label>' in page.text
    key = re.search(r'name="key" value="([0-9a-f]+)"', page.text)
    assert key is not None
    sent = alice.post_form(f"/messages/{world.cole.id}", {"body": "See you Friday!", "key": key[1]})
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/messages/{world.cole.id}?sent=1#latest"
    # The same form sent twice (a double tap) is one message.
    again = alice.post_form(
        f"/messages/{world.cole.id}", {"body": "See you Friday!", "key": key[1]}
    )
    assert again.status_code == 303
    assert count(db) == 1
    shown = alice.http.get(f"/messages/{world.cole.id}?sent=1").text
    assert "See you Friday!" in shown and "Sent." in shown


def test_an_empty_message_is_refused_on_the_form_and_keeps_nothing(
    sign_in: SignIn, world: World, db: Session
) -> None:
    refused = sign_in("alice").post_form(
        f"/messages/{world.cole.id}", {"body": "  ", "key": "k" * 12}
    )
    assert refused.status_code == 422
    assert "Write something first: the message is empty." in refused.text
    assert 'aria-invalid="true"' in refused.text
    assert count(db) == 0


def test_a_too_long_message_keeps_what_was_typed(
    sign_in: SignIn, world: World, db: Session
) -> None:
    words = "w" * 5_001
    refused = sign_in("alice").post_form(
        f"/messages/{world.tara.id}", {"body": words, "key": "k" * 12}
    )
    assert refused.status_code == 422
    assert "up to 5,000 characters; this one is 5,001" in refused.text
    assert words in refused.text
    assert count(db) == 0


def test_an_expired_form_asks_for_a_reload(sign_in: SignIn, world: World, db: Session) -> None:
    refused = sign_in("alice").post_form(f"/messages/{world.tara.id}", {"body": "Hi", "key": ""})
    assert refused.status_code == 422
    assert "Please reload the page" in refused.text
    assert count(db) == 0


def test_cole_replies_from_his_page(sign_in: SignIn, world: World, db: Session) -> None:
    cole = sign_in("cole")
    sent = cole.post_form(
        f"/clients/{world.alice.id}/messages", {"body": "How was the walk?", "key": "c" * 12}
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/clients/{world.alice.id}/messages?sent=1#latest"
    assert "How was the walk?" in sign_in("alice").http.get(f"/messages/{world.cole.id}").text
    assert count(db) == 1


def test_alice_sees_unread_counts_and_new_messages(sign_in: SignIn, world: World) -> None:
    cole = sign_in("cole")
    for n, words in enumerate(("First", "Second")):
        cole.send(
            "POST",
            f"{API}/clients/{world.alice.id}/messages",
            json={"body": words, "idempotency_key": f"unread-{n:04d}"},
        )
    alice = sign_in("alice")
    listing = alice.http.get("/messages").text
    assert f'<a href="/messages/{world.cole.id}">Cole</a>' in listing
    assert '2<span class="visually-hidden"> unread</span>' in listing
    assert f'<a href="/messages/{world.tara.id}">Tara</a>' in listing
    opened = alice.http.get(f"/messages/{world.cole.id}").text
    assert opened.count('<span class="tag">New</span>') == 2
    assert "unread" not in alice.http.get("/messages").text.split("Your conversations")[1]
    assert '<span class="tag">New</span>' not in alice.http.get(f"/messages/{world.cole.id}").text


def _second_client(db: Session, world: World) -> None:
    """Grace, another of cole's clients at Riverside."""
    hasher = make_hasher(time_cost=1, memory_cost=64, parallelism=1)
    grace = accounts.create_user(
        db, org=world.riverside, email="grace@example.org", name="Grace", password=PASSWORD,
        role=Role.CLIENT, hasher=hasher, now=T0,
    )  # fmt: skip
    care.add_to_team(db, client=grace, member=world.cole, added_by=world.ada, now=T0)
    db.commit()
    setattr(world, "grace", grace)  # noqa: B010 - so sign_in("grace") finds her


def test_cole_sees_his_caseload_with_unread_first(
    sign_in: SignIn, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    _second_client(db, world)
    cole = sign_in("cole")
    cole.send(
        "POST", f"{API}/clients/{world.alice.id}/messages",
        json={"body": "Hello Alice", "idempotency_key": "order-0001"},
    )  # fmt: skip
    clock.shift(timedelta(minutes=1))
    sign_in("grace").send(
        "POST", f"{API}/messages",
        json={"body": "Hi Cole", "idempotency_key": "order-0002", "member_id": world.cole.id},
    )  # fmt: skip
    listed = cole.http.get(f"{API}/caseload/messages").json()
    assert [(r["display_name"], r["unread"]) for r in listed] == [("Grace", 1), ("Alice", 0)]
    page = cole.http.get("/messages").text
    assert page.index("Grace") < page.index(">Alice<")
    assert f'href="/clients/{world.alice.id}/messages"' in page


def test_the_consultation_link_follows_the_organisation_setting(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    assert 'href="/my-record/consultation"' in alice.http.get("/messages").text
    db.get_one(Organisation, world.riverside.id).client_sees_consultation = False
    db.commit()
    assert 'href="/my-record/consultation"' not in alice.http.get("/messages").text


def test_bob_with_no_team_is_told_so(sign_in: SignIn, world: World) -> None:
    page = sign_in("bob").http.get("/messages")
    assert page.status_code == 200
    assert "No one is on your care team yet" in page.text
