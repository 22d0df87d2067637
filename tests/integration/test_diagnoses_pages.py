"""The diagnoses pages: tara records one with a form and changes its status
with a reason; a refused form keeps what was typed; alice reads hers with
plain words about what a diagnosis is; cole and ada never see the page."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_notes_helpers import API, PTSD, counts, made, record, share_everything

SignIn = Callable[[str], SignedIn]


def url(world: World) -> str:
    return f"/clients/{world.alice.id}/diagnoses"


def test_tara_records_a_diagnosis_with_the_form(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    form = tara.http.get(url(world)).text
    assert "Record a diagnosis" in form and "never looks up or suggests a name" in form
    assert "No diagnoses recorded." in form
    fields = {"system": "icd11", "code": "6b40", "label": PTSD["label"], "status": "provisional",
              "noted_on": "2026-02-27", "key": "diag-form-0001"}  # fmt: skip
    saved = tara.post_form(url(world), fields)
    assert saved.status_code == 303 and saved.headers["location"] == f"{url(world)}?saved=1"
    page = tara.http.get(saved.headers["location"]).text
    assert "Diagnosis recorded." in page and PTSD["label"] in page and "ICD-11 6B40" in page
    assert "Provisional" in page and "Dated 27 February 2026" in page
    assert tara.post_form(url(world), fields).status_code == 303  # a double click
    assert counts(db)[2:] == (1, 1)


def test_a_refused_diagnosis_keeps_what_was_typed(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    wrong = tara.post_form(url(world), {"system": "icd10", "code": "6B40", "label": "My words"})
    assert wrong.status_code == 422
    assert "looks like an ICD-11 code" in wrong.text
    assert 'value="My words"' in wrong.text and 'aria-invalid="true"' in wrong.text
    future = tara.post_form(url(world), PTSD | {"noted_on": "2026-03-10"})
    assert future.status_code == 422 and "cannot be in the future" in future.text
    no_label = tara.post_form(url(world), PTSD | {"label": ""})
    assert no_label.status_code == 422 and "Enter the name of the diagnosis" in no_label.text
    assert counts(db) == (0, 0, 0, 0)


def test_tara_changes_the_status_with_a_reason(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    diagnosis_id = made(record(tara, world))
    target = f"{url(world)}/{diagnosis_id}"
    fields = {"version": "1", "status": "confirmed", "code": "6B40", "label": PTSD["label"]}
    no_reason = tara.post_form(target, fields)
    assert no_reason.status_code == 422 and "Say why you are making this change." in no_reason.text
    assert "<details open>" in no_reason.text
    done = tara.post_form(target, fields | {"reason": "Criteria met at the second session."})
    assert done.status_code == 303
    page = tara.http.get(done.headers["location"]).text
    assert "Change saved." in page and "Confirmed" in page
    assert "History (2 entries)" in page and "Criteria met at the second session." in page
    stale = tara.post_form(target, fields | {"status": "ruled_out", "reason": "late"})
    assert stale.status_code == 409 and "it is now version 2" in stale.text
    assert 'name="version" value="2"' in stale.text
    assert counts(db)[2:] == (1, 2)


def test_an_unknown_diagnosis_is_not_found_on_the_page(sign_in: SignIn, world: World) -> None:
    response = sign_in("tara").post_form(f"{url(world)}/{'z' * 24}", {"reason": "r"})
    assert response.status_code == 404


def test_alice_reads_her_diagnoses_in_plain_words(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    diagnosis_id = made(record(tara, world))
    tara.send("PATCH", f"{API}/diagnoses/{diagnosis_id}",
              json={"version": 1, "status": "confirmed", "reason": "Assessment done."})  # fmt: skip
    alice = sign_in("alice")
    page = alice.http.get("/my-record/diagnoses")
    assert page.status_code == 200
    assert "A diagnosis is a working description" in page.text
    assert "please ask your therapist" in page.text
    assert PTSD["label"] in page.text and "your therapist has checked it and it fits" in page.text
    assert "Assessment done." in page.text
    assert "Record a diagnosis" not in page.text and "Change status" not in page.text
    assert PTSD["label"] in alice.http.get(url(world)).text  # her own id works too


def test_an_empty_list_is_said_kindly(sign_in: SignIn, world: World) -> None:
    page = sign_in("alice").http.get("/my-record/diagnoses").text
    assert "Your therapist has not recorded a diagnosis." in page


def test_cole_and_ada_never_see_the_page(sign_in: SignIn, world: World) -> None:
    made(record(sign_in("tara"), world))
    share_everything(sign_in("alice"), world)
    for name in ("cole", "ada"):
        response = sign_in(name).http.get(url(world))
        assert response.status_code == 403
        assert PTSD["label"] not in response.text
    assert sign_in("cole").post_form(url(world), PTSD).status_code == 403
    assert sign_in("bob").http.get(url(world)).status_code == 404
    assert sign_in("cole").http.get("/my-record/diagnoses").status_code == 404
