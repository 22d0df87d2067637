"""The consultation between alice's therapist and coach: only with alice's yes
for each of them, someone on the other side to consult with, her "no" taking
effect on the next request, her organisation deciding whether she reads it,
one post per idempotency key, sealed at rest, shown escaped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from mend.accounts.models import Organisation
from mend.care.messages.models import ConsultationPost
from tests.conftest import World
from tests.integration.conftest import SignedIn

SignIn = Callable[[str], SignedIn]
API = "/api/v1"
PACING = "Alice and I slowed the homework to one small step a week."


def agree(alice: SignedIn, world: World, *members: str, granted: bool = True) -> None:
    for name in members:
        response = alice.send(
            "PUT",
            f"{API}/clients/{world.alice.id}/consent",
            json={
                "member_id": world.person(name).id,
                "category": "consultation",
                "granted": granted,
            },
        )
        assert response.status_code == 200, response.text


def post(person: SignedIn, world: World, body: Any, *, key: str = "consult-0001") -> Any:
    return person.send(
        "POST",
        f"{API}/clients/{world.alice.id}/consultation",
        json={"body": body, "idempotency_key": key},
    )


def read(person: SignedIn, world: World) -> Any:
    return person.http.get(f"{API}/clients/{world.alice.id}/consultation")


def count(db: Session) -> int:
    db.rollback()
    return int(db.scalar(select(func.count()).select_from(ConsultationPost)) or 0)


def test_without_alices_yes_neither_reads_nor_writes(
    sign_in: SignIn, world: World, db: Session
) -> None:
    for name in ("tara", "cole"):
        person = sign_in(name)
        refused = read(person, world)
        assert refused.status_code == 403
        assert "not shared consultation" in refused.json()["error"]["message"]
        assert post(person, world, PACING).status_code == 403
    assert count(db) == 0


def test_with_only_one_side_agreed_there_is_nobody_to_consult_with(
    sign_in: SignIn, world: World, db: Session
) -> None:
    agree(sign_in("alice"), world, "tara")
    tara = sign_in("tara")
    seen = read(tara, world)
    assert seen.status_code == 200
    assert (seen.json()["can_post"], seen.json()["consulting"]) == (False, ["Tara"])
    refused = post(tara, world, PACING)
    assert refused.status_code == 403
    assert refused.json()["error"]["message"].startswith(
        "Alice has not agreed to consultation with a coach"
    )
    assert read(sign_in("cole"), world).status_code == 403
    assert count(db) == 0


def test_tara_and_cole_consult_and_alice_reads_it(
    sign_in: SignIn, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    agree(sign_in("alice"), world, "tara", "cole")
    tara, cole = sign_in("tara"), sign_in("cole")
    assert read(tara, world).json()["can_post"] is True
    first = post(tara, world, f"  {PACING}  ")
    assert first.status_code == 201, first.text
    assert (first.json()["post"]["body"], first.json()["post"]["author_name"]) == (PACING, "Tara")
    clock.shift(timedelta(minutes=1))
    assert post(cole, world, "Yes, I'll keep check-ins to that pace.").status_code == 201

    thread = read(cole, world).json()
    assert [p["author_name"] for p in thread["posts"]] == ["Tara", "Cole"]
    assert thread["client_sees"] is True
    assert sorted(thread["consulting"]) == ["Cole", "Tara"]
    mine = sign_in("alice").http.get(f"{API}/my-record/consultation")
    assert mine.status_code == 200
    assert [p["body"] for p in mine.json()["posts"]] == [
        PACING,
        "Yes, I'll keep check-ins to that pace.",
    ]
    assert "can_post" not in mine.json()
    same = sign_in("alice").http.get(f"{API}/clients/{world.alice.id}/consultation").json()
    assert same["posts"] == mine.json()["posts"]
    assert count(db) == 2


def test_alice_cannot_write_in_it_and_strangers_cannot_find_it(
    sign_in: SignIn, world: World, db: Session
) -> None:
    agree(sign_in("alice"), world, "tara", "cole")
    assert post(sign_in("alice"), world, "Me too").status_code == 403
    for name, status in (("bob", 404), ("eve", 404), ("tim", 404), ("ada", 403)):
        person = sign_in(name)
        assert read(person, world).status_code == status, name
        assert post(person, world, PACING).status_code == status, name
    assert count(db) == 0


def test_revoking_the_coach_applies_on_his_next_request(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    agree(alice, world, "tara", "cole")
    tara, cole = sign_in("tara"), sign_in("cole")
    assert post(tara, world, PACING).status_code == 201
    assert read(cole, world).status_code == 200

    agree(alice, world, "cole", granted=False)

    assert read(cole, world).status_code == 403
    assert post(cole, world, "One more thing", key="consult-0002").status_code == 403
    assert sign_in("cole").http.get(f"/clients/{world.alice.id}/consultation").status_code == 403
    # Tara still reads what was written, but has nobody left to consult with.
    kept = read(tara, world)
    assert kept.status_code == 200
    assert (len(kept.json()["posts"]), kept.json()["can_post"]) == (1, False)
    assert post(tara, world, "Anyone?", key="consult-0003").status_code == 403
    assert count(db) == 1

    agree(alice, world, "cole")
    assert post(cole, world, "Back again", key="consult-0004").status_code == 201


def test_revoking_the_therapist_applies_on_her_next_request(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    agree(alice, world, "tara", "cole")
    tara = sign_in("tara")
    assert read(tara, world).status_code == 200
    agree(alice, world, "tara", granted=False)
    assert read(tara, world).status_code == 403
    assert post(tara, world, PACING).status_code == 403
    assert post(sign_in("cole"), world, PACING).status_code == 403  # nobody to consult


def test_a_coach_leaving_the_team_loses_the_thread_on_the_next_request(
    sign_in: SignIn, world: World
) -> None:
    agree(sign_in("alice"), world, "tara", "cole")
    cole = sign_in("cole")
    assert read(cole, world).status_code == 200
    removed = sign_in("ada").send("DELETE", f"{API}/clients/{world.alice.id}/team/{world.cole.id}")
    assert removed.status_code == 204
    assert read(cole, world).status_code == 404
    assert post(sign_in("tara"), world, PACING).status_code == 403


@pytest.mark.parametrize("sees", [True, False])
def test_the_organisation_decides_whether_alice_reads_it(
    sign_in: SignIn, world: World, db: Session, sees: bool
) -> None:
    agree(sign_in("alice"), world, "tara", "cole")
    assert post(sign_in("tara"), world, PACING).status_code == 201
    db.get_one(Organisation, world.riverside.id).client_sees_consultation = sees
    db.commit()
    alice = sign_in("alice")
    for url in (f"{API}/my-record/consultation", f"{API}/clients/{world.alice.id}/consultation"):
        response = alice.http.get(url)
        if sees:
            assert response.status_code == 200
            assert [p["body"] for p in response.json()["posts"]] == [PACING]
        else:
            assert response.status_code == 403
            assert "chosen not to show" in response.json()["error"]["message"]
    page = alice.http.get("/my-record/consultation")
    assert page.status_code == (200 if sees else 403)
    assert (PACING in page.text) is sees
    if not sees:
        assert "You can ask either of them about it." in page.text
    # The team reads it either way, and is told whether alice does.
    thread = read(sign_in("cole"), world).json()
    assert (thread["client_sees"], len(thread["posts"])) == (sees, 1)
    tara_page = sign_in("tara").http.get(f"/clients/{world.alice.id}/consultation").text
    assert ("Alice can read this thread" in tara_page) is sees


def test_the_same_key_is_one_post_and_other_words_are_a_conflict(
    sign_in: SignIn, world: World, db: Session
) -> None:
    agree(sign_in("alice"), world, "tara", "cole")
    tara = sign_in("tara")
    first = post(tara, world, PACING, key="same-key-0001")
    again = post(tara, world, PACING, key="same-key-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["post"]["id"] == again.json()["post"]["id"]
    clash = post(tara, world, "Different words", key="same-key-0001")
    assert clash.status_code == 409
    assert "idempotency_key" in clash.json()["error"]["fields"]
    assert post(sign_in("cole"), world, PACING, key="same-key-0001").status_code == 201
    assert count(db) == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "  \n "}, "body"),
        ({"body": "x" * 5_001}, "body"),
        ({"body": "nul \x00"}, "body"),
        ({"body": ["a list"]}, "body"),
        ({"idempotency_key": "short"}, "idempotency_key"),
        ({"member_id": "x"}, "member_id"),
    ],
    ids=["empty", "blank", "too-long", "nul", "list", "short-key", "unknown-field"],
)
def test_bad_posts_are_refused_with_the_field_and_nothing_is_written(
    sign_in: SignIn, world: World, db: Session, payload: dict[str, Any], field: str
) -> None:
    agree(sign_in("alice"), world, "tara", "cole")
    body = {"body": PACING, "idempotency_key": "good-key-0001"} | payload
    response = sign_in("tara").send(
        "POST", f"{API}/clients/{world.alice.id}/consultation", json=body
    )
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["fields"]
    assert count(db) == 0


def test_the_words_are_sealed_at_rest(sign_in: SignIn, world: World, db: Session) -> None:
    agree(sign_in("alice"), world, "tara", "cole")
    post(sign_in("tara"), world, "Private pacing plan")
    db.rollback()
    assert "pacing" not in db.execute(text("SELECT body FROM consultation_post")).scalar_one()
    assert db.scalars(select(ConsultationPost)).one().body == "Private pacing plan"


def test_html_is_shown_as_text(sign_in: SignIn, world: World) -> None:
    agree(sign_in("alice"), world, "tara", "cole")
    post(sign_in("tara"), world, '<img src=x onerror="alert(1)">')
    for person, url in (
        (sign_in("cole"), f"/clients/{world.alice.id}/consultation"),
        (sign_in("alice"), "/my-record/consultation"),
    ):
        page = person.http.get(url).text
        assert "<img src=x" not in page
        assert "&lt;img src=x" in page


def test_posting_is_in_the_access_log(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    agree(alice, world, "tara", "cole")
    post(sign_in("tara"), world, PACING)
    log = alice.http.get(f"{API}/clients/{world.alice.id}/access-log").json()
    actions = {(e["action"], e["actor_role"]) for e in log}
    assert ("consultation.post", "therapist") in actions
    assert ("consultation.write", "therapist") in actions
