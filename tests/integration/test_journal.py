"""Alice's journal: what she writes is kept exactly, shown escaped, refused
with a clear error when empty or too long, and never half-written."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from mend.safety.models import Alert, JournalEntry, RiskSignal
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.coping_helpers import count
from tests.integration.safety_helpers import API, BURDEN, ORDINARY, write

SignIn = Callable[[str], SignedIn]


def nothing_written(db: Session) -> bool:
    return count(db, JournalEntry) == count(db, RiskSignal) == count(db, Alert) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   \n  "}, "body"),
        ({"body": "x" * 20_001}, "body"),
        ({"body": "nul \x00 here"}, "body"),
        ({}, "body"),
        ({"body": ORDINARY, "mood": 3}, "mood"),
        ({"body": ORDINARY, "idempotency_key": "short"}, "idempotency_key"),
        ({"body": 5}, "body"),
    ],
    ids=["empty", "blank", "too-long", "nul", "missing", "unknown-field", "short-key", "number"],
)
def test_bad_entries_are_refused_and_nothing_is_written(
    sign_in: SignIn, world: World, db: Session, body: dict[str, object], field: str
) -> None:
    response = sign_in("alice").send("POST", f"{API}/journal", json=body)
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert nothing_written(db)


def test_the_longest_allowed_entry_is_kept(sign_in: SignIn, world: World, db: Session) -> None:
    assert write(sign_in("alice"), "y" * 20_000).status_code == 201
    assert count(db, JournalEntry) == 1


def test_the_same_key_with_other_words_is_a_conflict(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    write(alice, ORDINARY, idempotency_key="entry-0002")
    clash = write(alice, "Something else", idempotency_key="entry-0002")
    assert clash.status_code == 409
    assert "idempotency_key" in clash.json()["error"]["fields"]
    assert count(db, JournalEntry) == 1


def test_unicode_and_emoji_come_back_exactly(sign_in: SignIn, world: World) -> None:
    text = "Café with Zoë 🌧️→☀️ — 今日はいい日"
    alice = sign_in("alice")
    write(alice, text)
    assert alice.http.get(f"{API}/journal").json()[0]["body"] == text


def test_html_is_shown_as_text(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    write(alice, '<script>alert("x")</script><b>bold</b>')
    page = alice.http.get("/journal").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_the_form_keeps_what_was_typed_when_refused(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    refused = alice.post_form("/journal", {"body": "   "})
    assert refused.status_code == 422
    assert "entry is empty" in refused.text


def test_the_form_shows_crisis_lines_and_who_sees_at_once(
    sign_in: SignIn, world: World, db: Session
) -> None:
    page = sign_in("alice").post_form("/journal", {"body": BURDEN, "key": "form-key-0001"})
    assert page.status_code == 200
    assert "116 123" in page.text
    assert "Your therapist, Tara, will see an alert" in page.text
    assert "Mend is not an emergency service" in page.text
    assert count(db, Alert) == 1


def test_an_ordinary_entry_goes_back_to_the_journal(sign_in: SignIn, world: World) -> None:
    saved = sign_in("alice").post_form("/journal", {"body": ORDINARY, "key": "form-key-0002"})
    assert saved.status_code == 303
    assert ORDINARY in sign_in("alice").http.get("/journal").text
