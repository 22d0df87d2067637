"""The notes pages: tara writes SOAP and DAP notes and psychotherapy notes
with forms that keep what was typed when refused; she amends with a reason
and sees the history; a stale amendment shows the newer note; cole writes
support notes; alice reads hers with a kind word about psychotherapy notes."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from mend.accounts.roles import Role
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_notes_helpers import (
    API,
    PRIVATE,
    SOAP,
    SUPPORT,
    add_member,
    counts,
    made,
    set_shared,
    write_clinical,
    write_private,
)

SignIn = Callable[[str], SignedIn]


def notes_url(world: World) -> str:
    return f"/clients/{world.alice.id}/notes"


def test_tara_writes_a_soap_note_with_the_form(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    form = tara.http.get(notes_url(world)).text
    for label in ("Subjective", "Objective", "Assessment", "Plan", "Session date"):
        assert label in form
    assert 'aria-current="page">SOAP note' in form
    response = tara.post_form(
        notes_url(world),
        {"kind": "soap", "key": "form-key-0001", "session_on": "2026-03-02", **SOAP},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/clients/{world.alice.id}/notes?saved=1"
    page = tara.http.get(response.headers["location"]).text
    assert "Saved." in page and SOAP["plan"] in page and "Session on 02 March 2026" in page
    again = tara.post_form(notes_url(world), {"kind": "soap", "key": "form-key-0001",
                                             "session_on": "2026-03-02", **SOAP})  # fmt: skip
    assert again.status_code == 303 and counts(db)[:2] == (1, 1)


def test_the_dap_template_has_its_own_form(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    form = tara.http.get(notes_url(world) + "?template=dap").text
    assert 'name="data"' in form and 'name="subjective"' not in form
    assert 'value="dap"' in form
    response = tara.post_form(notes_url(world), {"kind": "dap", "data": "Walked daily."})
    assert response.status_code == 303
    assert tara.http.get(f"{API}/clients/{world.alice.id}/notes").json()[0]["kind"] == "dap"


def test_a_refused_note_keeps_what_was_typed(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    empty = tara.post_form(notes_url(world), {"kind": "soap", "plan": "   "})
    assert empty.status_code == 422 and "Write something in at least one section." in empty.text
    future = tara.post_form(
        notes_url(world), {"kind": "dap", "session_on": "2026-03-03", "data": "Kept words"}
    )
    assert future.status_code == 422
    assert "cannot be in the future" in future.text and "Kept words" in future.text
    assert 'name="data"' in future.text  # still the DAP form
    too_long = tara.post_form(notes_url(world), {"kind": "soap", "plan": "p" * 20_001})
    assert too_long.status_code == 422 and 'aria-invalid="true"' in too_long.text
    unknown = tara.post_form(notes_url(world), {"kind": "progress", "plan": "x"})
    assert unknown.status_code == 422
    assert counts(db) == (0, 0, 0, 0)


def test_tara_amends_with_a_reason_and_sees_the_history(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    url = f"/clients/{world.alice.id}/notes/{note_id}"
    page = tara.http.get(url).text
    assert "Amend this note" in page and "This note has not been amended." in page
    fields = {**SOAP, "plan": "Two walks a day.", "version": "1"}
    no_reason = tara.post_form(f"{url}/amend", fields)
    assert no_reason.status_code == 422 and "Say why" in no_reason.text
    assert "Two walks a day." in no_reason.text
    done = tara.post_form(f"{url}/amend", fields | {"reason": "Agreed two walks, not one."})
    assert done.status_code == 303 and done.headers["location"] == f"{url}?amended=1"
    page = tara.http.get(done.headers["location"]).text
    assert "Amended. The earlier version is kept below." in page
    assert "Version 2" in page and "Version 1" in page
    assert "Agreed two walks, not one." in page and SOAP["plan"] in page
    assert counts(db)[:2] == (1, 2)


def test_a_stale_amendment_on_the_page_shows_the_newer_note(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    url = f"/clients/{world.alice.id}/notes/{note_id}"
    first = {**SOAP, "plan": "Newer plan from another tab.", "version": "1", "reason": "one"}
    assert tara.post_form(f"{url}/amend", first).status_code == 303
    stale = {**SOAP, "plan": "My words from the old tab.", "version": "1", "reason": "two"}
    response = tara.post_form(f"{url}/amend", stale)
    assert response.status_code == 409
    assert "it is now version 2" in response.text
    assert "Newer plan from another tab." in response.text  # the newer note is shown
    assert "My words from the old tab." in response.text  # and the typed words are kept
    assert 'name="version" value="2"' in response.text
    assert counts(db)[:2] == (1, 2)


def test_another_therapist_reads_but_does_not_get_the_amend_form(
    sign_in: SignIn, world: World, db: Session
) -> None:
    note_id = made(write_clinical(sign_in("tara"), world))
    add_member(db, world, "theo", Role.THERAPIST)
    page = sign_in("theo").http.get(f"/clients/{world.alice.id}/notes/{note_id}").text
    assert SOAP["plan"] in page and "Only Tara can amend this note." in page
    assert "Amend this note" not in page


def test_psychotherapy_notes_have_their_own_clearly_labelled_page(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    hub = tara.http.get(notes_url(world)).text
    assert f'href="/clients/{world.alice.id}/psychotherapy-notes"' in hub
    url = f"/clients/{world.alice.id}/psychotherapy-notes"
    page = tara.http.get(url).text
    assert "Psychotherapy notes" in page and "(only you can see these)" in page
    refused = tara.post_form(url, {"kind": "psychotherapy", "text": ""})
    assert refused.status_code == 422
    saved = tara.post_form(url, {"kind": "psychotherapy", "text": PRIVATE})
    assert saved.status_code == 303 and saved.headers["location"] == f"{url}?saved=1"
    assert PRIVATE in tara.http.get(url).text
    assert PRIVATE not in tara.http.get(notes_url(world)).text  # never mixed into the record
    note_id = tara.http.get(f"{API}/clients/{world.alice.id}/psychotherapy-notes").json()[0]["id"]
    one = tara.http.get(f"{url}/{note_id}").text
    assert "only you" in one and "Amend this note" in one
    set_shared(db, world, True)
    assert (
        "(you and Alice&#39;s other treating therapists can see these)" in tara.http.get(url).text
    )


def test_cole_writes_a_support_note_that_alice_reads(
    sign_in: SignIn, world: World, db: Session
) -> None:
    cole = sign_in("cole")
    url = f"/clients/{world.alice.id}/support-notes"
    refused = cole.post_form(url, {"kind": "support", "text": "  "})
    assert refused.status_code == 422 and "Write a support note" in refused.text
    saved = cole.post_form(url, {"kind": "support", "text": SUPPORT})
    assert saved.status_code == 303 and saved.headers["location"] == f"{notes_url(world)}?saved=1"
    assert SUPPORT in cole.http.get(notes_url(world)).text
    assert SUPPORT in sign_in("alice").http.get("/my-record/notes").text


def test_alices_notes_page_explains_psychotherapy_notes_kindly(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    made(write_private(tara, world))
    alice = sign_in("alice")
    page = alice.http.get("/my-record/notes")
    assert page.status_code == 200
    assert "Notes from my care team" in page.text and SOAP["plan"] in page.text
    assert "About psychotherapy notes" in page.text
    assert "Nobody else on your care team sees them either." in page.text
    assert "you can always ask your therapist" in page.text
    assert PRIVATE not in page.text and "Write a clinical note" not in page.text
    assert f'href="/my-record/notes/{note_id}"' in page.text
    # Her own id under /clients/ shows the same page.
    assert "About psychotherapy notes" in alice.http.get(notes_url(world)).text
    set_shared(db, world, True)
    shared = alice.http.get("/my-record/notes").text
    assert "Other therapists who treat you may read them. Your coach never does." in shared


def test_alice_reads_a_note_and_its_history_without_an_amend_form(
    sign_in: SignIn, world: World
) -> None:
    tara = sign_in("tara")
    note_id = made(write_clinical(tara, world))
    body = {"version": 1, "sections": SOAP | {"plan": "Two walks."}, "reason": "Corrected."}
    assert tara.send("POST", f"{API}/notes/{note_id}/amend", json=body).status_code == 201
    page = sign_in("alice").http.get(f"/my-record/notes/{note_id}").text
    assert "Two walks." in page and "Corrected." in page and SOAP["plan"] in page
    assert "Amend this note" not in page and "Only Tara" not in page
    assert 'href="/my-record/notes"' in page


def test_unknown_notes_are_not_found_on_the_pages(sign_in: SignIn, world: World) -> None:
    tara = sign_in("tara")
    for url in (
        f"/clients/{world.alice.id}/notes/{'z' * 24}",
        f"/clients/{world.alice.id}/psychotherapy-notes/{'z' * 24}",
        f"/clients/{world.alice.id}/notes/{'z' * 24}/amend",
    ):
        method = "POST" if url.endswith("amend") else "GET"
        response = tara.post_form(url, {}) if method == "POST" else tara.http.get(url)
        assert response.status_code == 404, url
