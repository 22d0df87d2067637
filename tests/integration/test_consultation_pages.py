"""The consultation pages: tara and cole write from the form once alice has
agreed to both; the page says plainly when there is nobody to consult with;
alice reads the thread on her record page and is told how to stop it."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.care.messages.models import ConsultationPost
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_consultation import agree

SignIn = Callable[[str], SignedIn]


def count(db: Session) -> int:
    db.rollback()
    return int(db.scalar(select(func.count()).select_from(ConsultationPost)) or 0)


def test_tara_posts_from_the_form(sign_in: SignIn, world: World, db: Session) -> None:
    agree(sign_in("alice"), world, "tara", "cole")
    tara = sign_in("tara")
    url = f"/clients/{world.alice.id}/consultation"
    page = tara.http.get(url)
    assert page.status_code == 200
    assert "Consultation about Alice" in page.text
    assert "Write to the care team about Alice" in page.text
    assert "Alice can read this thread: it is part of their record." in page.text
    posted = tara.post_form(url, {"body": "Pacing: one step a week.", "key": "form-post-0001"})
    assert posted.status_code == 303
    assert posted.headers["location"] == f"{url}?posted=1#latest"
    again = tara.post_form(url, {"body": "Pacing: one step a week.", "key": "form-post-0001"})
    assert again.status_code == 303
    assert count(db) == 1
    assert "Pacing: one step a week." in sign_in("cole").http.get(url).text


def test_an_empty_post_is_refused_on_the_form(sign_in: SignIn, world: World, db: Session) -> None:
    agree(sign_in("alice"), world, "tara", "cole")
    url = f"/clients/{world.alice.id}/consultation"
    refused = sign_in("cole").post_form(url, {"body": " ", "key": "form-post-0002"})
    assert refused.status_code == 422
    assert "Write something first: the post is empty." in refused.text
    assert count(db) == 0


def test_the_page_says_when_there_is_nobody_to_consult_with(
    sign_in: SignIn, world: World, db: Session
) -> None:
    agree(sign_in("alice"), world, "cole")
    cole = sign_in("cole")
    url = f"/clients/{world.alice.id}/consultation"
    page = cole.http.get(url)
    assert page.status_code == 200
    assert "Alice has not agreed to consultation with a therapist" in page.text
    assert 'name="body"' not in page.text
    refused = cole.post_form(url, {"body": "Hello?", "key": "form-post-0003"})
    assert refused.status_code == 403
    assert "nobody to consult with yet" in refused.text
    assert count(db) == 0


def test_alice_reads_her_record_page(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    empty = alice.http.get("/my-record/consultation").text
    assert "You have not agreed to this with anyone" in empty
    assert 'href="/consent"' in empty
    agree(alice, world, "tara", "cole")
    sign_in("tara").send(
        "POST",
        f"/api/v1/clients/{world.alice.id}/consultation",
        json={"body": "Checking in about pacing.", "idempotency_key": "record-0001"},
    )
    page = alice.http.get("/my-record/consultation").text
    assert "You agreed to this with Cole and Tara." in page
    assert "Checking in about pacing." in page
    assert 'name="body"' not in page


def test_tara_finds_the_consultation_from_her_messages_with_alice(
    sign_in: SignIn, world: World
) -> None:
    tara = sign_in("tara")
    link = f'href="/clients/{world.alice.id}/consultation"'
    assert link not in tara.http.get(f"/clients/{world.alice.id}/messages").text
    agree(sign_in("alice"), world, "tara")
    assert link in tara.http.get(f"/clients/{world.alice.id}/messages").text
