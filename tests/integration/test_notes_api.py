"""Tara's clinical notes through the API: written as version 1, amended with a
reason into a new version while the original is kept, never silently edited;
a stale amendment is a 409 carrying the newer note; a retry is stored once;
bad input is refused per field with nothing written; the words are sealed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_notes_helpers import (
    API,
    DAP,
    SOAP,
    counts,
    made,
    path,
    write_clinical,
)

SignIn = Callable[[str], SignedIn]


def amend(person: SignedIn, note_id: str, **body: Any) -> Any:
    return person.send("POST", f"{API}/notes/{note_id}/amend", json=body)


def test_a_soap_note_is_version_one_with_its_sections(
    sign_in: SignIn, world: World, db: Session
) -> None:
    response = write_clinical(sign_in("tara"), world)
    assert response.status_code == 201
    note = response.json()
    assert note["kind"] == "soap" and note["category"] == "clinical_notes"
    assert note["version"] == 1 and note["amended"] is False and note["reason"] is None
    assert note["sections"] == SOAP
    assert note["author"] == {"id": world.tara.id, "name": "Tara", "role": "therapist"}
    assert note["session_on"] == "2026-03-02" and note["written_at"].startswith("2026-03-02T09:30")
    assert counts(db)[:2] == (1, 1)


def test_the_list_is_newest_first_and_filters_by_template(
    sign_in: SignIn, world: World, clock: time_machine.Coordinates
) -> None:
    tara = sign_in("tara")
    soap = made(write_clinical(tara, world))
    clock.shift(timedelta(minutes=5))
    dap = made(write_clinical(tara, world, kind="dap"))
    everything = tara.http.get(path(world)).json()
    assert [n["id"] for n in everything] == [dap, soap]
    assert everything[0]["sections"] == DAP
    assert [n["id"] for n in tara.http.get(path(world) + "?kind=soap").json()] == [soap]
    assert [n["id"] for n in tara.http.get(path(world) + "?kind=dap").json()] == [dap]


@pytest.mark.parametrize("kind", ["psychotherapy", "support", "progress"])
def test_other_kinds_are_not_listed_here(sign_in: SignIn, world: World, kind: str) -> None:
    response = sign_in("tara").http.get(path(world) + f"?kind={kind}")
    assert response.status_code == 422 and "kind" in response.json()["error"]["fields"]


def test_an_amendment_is_a_new_version_and_the_original_is_kept(
    sign_in: SignIn, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    clock.shift(timedelta(minutes=5))
    corrected = SOAP | {"plan": "Behavioural activation: two walks a day."}
    response = amend(tara, note_id, version=1, sections=corrected, reason="Corrected the plan.")
    assert response.status_code == 201
    note = response.json()
    assert note["version"] == 2 and note["amended"] is True
    assert note["sections"] == corrected and note["reason"] == "Corrected the plan."
    assert note["written_at"].startswith("2026-03-02T09:30")
    assert note["updated_at"].startswith("2026-03-02T09:35")
    history = tara.http.get(f"{API}/notes/{note_id}/revisions").json()
    assert [(r["version"], r["reason"]) for r in history] == [(1, None), (2, "Corrected the plan.")]
    assert history[0]["sections"] == SOAP and history[1]["sections"] == corrected
    one = tara.http.get(f"{API}/notes/{note_id}").json()
    assert one["sections"] == corrected and one["revisions"] == history
    assert counts(db)[:2] == (1, 2)


def test_a_stale_amendment_gets_409_with_the_newer_note(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    first = SOAP | {"plan": "First change."}
    assert amend(tara, note_id, version=1, sections=first, reason="one").status_code == 201
    stale = amend(tara, note_id, version=1, sections=SOAP | {"plan": "Other."}, reason="two")
    assert stale.status_code == 409
    body = stale.json()
    assert "version" in body["error"]["fields"] and body["error"]["code"] == "conflict"
    assert body["current"]["version"] == 2 and body["current"]["sections"] == first
    assert counts(db)[:2] == (1, 2)  # no lost update, nothing half-written
    newer = amend(tara, note_id, version=3, sections=SOAP, reason="from the future")
    assert newer.status_code == 409


def test_the_same_amendment_sent_twice_is_stored_once(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    body = {"version": 1, "sections": SOAP | {"plan": "Changed."}, "reason": "typo"}
    assert amend(tara, note_id, **body).status_code == 201
    again = amend(tara, note_id, **body)
    assert again.status_code == 200 and again.json()["version"] == 2
    assert counts(db)[:2] == (1, 2)


def test_an_amendment_that_changes_nothing_is_refused(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    response = amend(tara, note_id, version=1, sections=SOAP, reason="no change")
    assert response.status_code == 422 and "sections" in response.json()["error"]["fields"]
    assert counts(db)[:2] == (1, 1)


def test_a_retried_note_with_the_same_key_is_stored_once(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    first = write_clinical(tara, world, idempotency_key="note-key-0001")
    again = write_clinical(tara, world, idempotency_key="note-key-0001")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    clash = write_clinical(tara, world, kind="dap", idempotency_key="note-key-0001")
    assert clash.status_code == 409 and "idempotency_key" in clash.json()["error"]["fields"]
    assert counts(db)[:2] == (1, 1)


BAD_NOTES: list[tuple[dict[str, Any], str]] = [
    ({"kind": "soap", "sections": {}}, "sections"),
    ({"kind": "soap", "sections": {"plan": "   "}}, "sections"),
    ({"kind": "soap", "sections": {"data": "x"}}, "sections.data"),
    ({"kind": "soap", "sections": {"plan": "x" * 20_001}}, "sections.plan"),
    ({"kind": "soap", "sections": {"plan": "nul \x00"}}, "sections.plan"),
    ({"kind": "soap", "sections": {"plan": 5}}, "sections.plan"),
    ({"kind": "soap", "sections": "plan"}, "sections"),
    ({"kind": "dap", "sections": {"subjective": "x"}}, "sections.subjective"),
    ({"sections": SOAP}, "kind"),
    ({"kind": "psychotherapy", "sections": {"text": "x"}}, "kind"),
    ({"kind": "support", "sections": {"text": "x"}}, "kind"),
    ({"kind": "SOAP", "sections": SOAP}, "kind"),
    ({"kind": "soap", "sections": SOAP, "session_on": "2026-03-03"}, "session_on"),
    ({"kind": "soap", "sections": SOAP, "session_on": "yesterday"}, "session_on"),
    ({"kind": "soap", "sections": SOAP, "session_on": "1899-12-31"}, "session_on"),
    ({"kind": "soap", "sections": SOAP, "idempotency_key": "short"}, "idempotency_key"),
    ({"kind": "soap", "sections": SOAP, "author_id": "x"}, "author_id"),
    ({"kind": "soap", "sections": SOAP, "version": 3}, "version"),
]


@pytest.mark.parametrize(("body", "field"), BAD_NOTES, ids=[f for _, f in BAD_NOTES])
def test_bad_notes_are_refused_per_field_and_nothing_is_written(
    sign_in: SignIn, world: World, db: Session, body: dict[str, Any], field: str
) -> None:
    response = sign_in("tara").send("POST", path(world), json=body)
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["fields"]
    assert counts(db) == (0, 0, 0, 0)


BAD_AMENDMENTS: list[tuple[dict[str, Any], str]] = [
    ({"version": 1, "sections": SOAP | {"plan": "x"}}, "reason"),
    ({"version": 1, "sections": SOAP | {"plan": "x"}, "reason": "  "}, "reason"),
    ({"version": 1, "sections": SOAP | {"plan": "x"}, "reason": "r" * 2_001}, "reason"),
    ({"sections": SOAP | {"plan": "x"}, "reason": "r"}, "version"),
    ({"version": 0, "sections": SOAP | {"plan": "x"}, "reason": "r"}, "version"),
    ({"version": "one", "sections": SOAP, "reason": "r"}, "version"),
    ({"version": 1, "sections": {"text": "x"}, "reason": "r"}, "sections.text"),
    ({"version": 1, "sections": {}, "reason": "r"}, "sections"),
    ({"version": 1, "sections": SOAP | {"plan": "x"}, "reason": "r", "kind": "dap"}, "kind"),
]


@pytest.mark.parametrize(("body", "field"), BAD_AMENDMENTS, ids=[f for _, f in BAD_AMENDMENTS])
def test_bad_amendments_are_refused_and_the_note_is_unchanged(
    sign_in: SignIn, world: World, db: Session, body: dict[str, Any], field: str
) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    response = amend(tara, note_id, **body)
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["fields"]
    assert counts(db)[:2] == (1, 1)
    assert tara.http.get(f"{API}/notes/{note_id}").json()["version"] == 1


def test_malformed_json_is_a_400(sign_in: SignIn, world: World, db: Session) -> None:
    response = sign_in("tara").send(
        "POST", path(world), content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400 and counts(db) == (0, 0, 0, 0)


def test_the_words_and_reasons_are_sealed_at_rest(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    amend(tara, note_id, version=1, sections=SOAP | {"plan": "Secret plan"}, reason="Secret why")
    db.rollback()
    rows = db.execute(text("SELECT body, reason FROM care_note_revision")).all()
    assert len(rows) == 2
    for body, reason in rows:
        assert body.startswith("v1:") and "walk" not in body and "Secret" not in body
        assert reason is None or (reason.startswith("v1:") and "Secret" not in reason)


def test_writing_and_amending_are_audited(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    amend(tara, note_id, version=1, sections=SOAP | {"plan": "x"}, reason="why")
    db.rollback()
    actions = [
        (e.action, e.resource_id)
        for e in db.scalars(select(AuditEntry).where(AuditEntry.action.like("note.%")))
    ]
    assert actions == [("note.written", note_id), ("note.amended", note_id)]


def test_html_comes_back_as_text(sign_in: SignIn, world: World) -> None:
    tara = sign_in("tara")
    words = '<script>alert("x")</script>'
    note_id = made(write_clinical(tara, world, sections={"plan": words}))
    assert tara.http.get(f"{API}/notes/{note_id}").json()["sections"]["plan"] == words
    page = tara.http.get(f"/clients/{world.alice.id}/notes").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page
