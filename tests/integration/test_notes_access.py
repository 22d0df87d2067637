"""Who reads and writes which notes and diagnoses (clinical-model §6).

- cole, alice's coach, never reads a diagnosis, a clinical note or a
  psychotherapy note, by list, by id or on a page, even when alice has shared
  everything she can share with him;
- alice reads her clinical notes, support notes and diagnoses, never a
  psychotherapy note;
- ada, the admin, reads none of it; bob and the other organisation do not
  learn it exists;
- a second treating therapist reads psychotherapy notes only when the
  organisation allows it, and only the author amends a note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts.roles import Role
from mend.audit.models import AuditEntry
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_notes_helpers import (
    API,
    PRIVATE,
    PTSD,
    SOAP,
    SUPPORT,
    add_member,
    counts,
    made,
    path,
    record,
    set_shared,
    share_everything,
    write_clinical,
    write_private,
    write_support,
)

SignIn = Callable[[str], SignedIn]
SECRETS = (SOAP["assessment"], PRIVATE, PTSD["label"], "6B40")


@dataclass
class Written:
    clinical: str
    private: str
    support: str
    diagnosis: str


@pytest.fixture
def written(sign_in: SignIn, world: World) -> Written:
    tara, cole = sign_in("tara"), sign_in("cole")
    return Written(
        clinical=made(write_clinical(tara, world)),
        private=made(write_private(tara, world)),
        support=made(write_support(cole, world)),
        diagnosis=made(record(tara, world)),
    )


def _reads(world: World, w: Written) -> list[str]:
    a = world.alice.id
    return [
        f"{API}/clients/{a}/notes",
        f"{API}/notes/{w.clinical}",
        f"{API}/notes/{w.clinical}/revisions",
        f"{API}/clients/{a}/psychotherapy-notes",
        f"{API}/psychotherapy-notes/{w.private}",
        f"{API}/psychotherapy-notes/{w.private}/revisions",
        f"{API}/clients/{a}/diagnoses",
        f"{API}/diagnoses/{w.diagnosis}",
        f"/clients/{a}/notes/{w.clinical}",
        f"/clients/{a}/psychotherapy-notes",
        f"/clients/{a}/psychotherapy-notes/{w.private}",
        f"/clients/{a}/diagnoses",
    ]


def _writes(world: World, w: Written) -> list[tuple[str, str, dict[str, Any]]]:
    a = world.alice.id
    soap = {"kind": "soap", "sections": SOAP}
    text = {"sections": {"text": "x"}}
    amend = {"version": 1, "sections": {"text": "y"}, "reason": "r"}
    return [
        ("POST", f"{API}/clients/{a}/notes", soap),
        ("POST", f"{API}/notes/{w.clinical}/amend", amend | {"sections": SOAP | {"plan": "y"}}),
        ("POST", f"{API}/clients/{a}/psychotherapy-notes", text),
        ("POST", f"{API}/psychotherapy-notes/{w.private}/amend", amend),
        ("POST", f"{API}/clients/{a}/diagnoses", PTSD),
        (
            "PATCH",
            f"{API}/diagnoses/{w.diagnosis}",
            {"version": 1, "status": "resolved", "reason": "r"},
        ),
    ]


def _never_shown(response_text: str) -> None:
    for secret in SECRETS:
        assert secret not in response_text


def test_cole_never_reads_clinical_private_or_diagnoses_even_with_everything_shared(
    sign_in: SignIn, world: World, written: Written
) -> None:
    share_everything(sign_in("alice"), world)
    cole = sign_in("cole")
    for url in _reads(world, written):
        response = cole.http.get(url)
        assert response.status_code == 403, url
        _never_shown(response.text)


def test_cole_never_writes_clinical_private_or_diagnoses(
    sign_in: SignIn, world: World, written: Written, db: Session
) -> None:
    share_everything(sign_in("alice"), world)
    cole = sign_in("cole")
    before = counts(db)
    for method, url, body in _writes(world, written):
        assert cole.send(method, url, json=body).status_code == 403, url
    for form_url in (
        f"/clients/{world.alice.id}/notes",
        f"/clients/{world.alice.id}/psychotherapy-notes",
        f"/clients/{world.alice.id}/diagnoses",
        f"/clients/{world.alice.id}/diagnoses/{written.diagnosis}",
        f"/clients/{world.alice.id}/notes/{written.clinical}/amend",
    ):
        assert cole.post_form(form_url, {"kind": "soap", "plan": "x"}).status_code == 403, form_url
    assert counts(db) == before


def test_coles_notes_page_shows_only_support_notes(
    sign_in: SignIn, world: World, written: Written
) -> None:
    share_everything(sign_in("alice"), world)
    page = sign_in("cole").http.get(f"/clients/{world.alice.id}/notes")
    assert page.status_code == 200
    assert SUPPORT in page.text and "Write a support note" in page.text
    _never_shown(page.text)
    assert "Clinical notes" not in page.text and "Write a clinical note" not in page.text
    assert "psychotherapy-notes" not in page.text and "/diagnoses" not in page.text


def test_alice_never_reads_psychotherapy_notes(
    sign_in: SignIn, world: World, written: Written
) -> None:
    alice = sign_in("alice")
    a = world.alice.id
    for url in (
        f"{API}/clients/{a}/psychotherapy-notes",
        f"{API}/psychotherapy-notes/{written.private}",
        f"{API}/psychotherapy-notes/{written.private}/revisions",
        f"/clients/{a}/psychotherapy-notes",
        f"/clients/{a}/psychotherapy-notes/{written.private}",
    ):
        response = alice.http.get(url)
        assert response.status_code == 403, url
        assert PRIVATE not in response.text
    # Not under the clinical notes' paths either, by id or in a list.
    assert alice.http.get(f"{API}/notes/{written.private}").status_code == 404
    assert alice.http.get(f"/my-record/notes/{written.private}").status_code == 404
    for url in (f"{API}/my-record/notes", f"{API}/my-record/support-notes", "/my-record/notes"):
        assert PRIVATE not in alice.http.get(url).text


def test_alice_reads_her_clinical_notes_support_notes_and_diagnoses(
    sign_in: SignIn, world: World, written: Written
) -> None:
    alice = sign_in("alice")
    assert [n["id"] for n in alice.http.get(f"{API}/my-record/notes").json()] == [written.clinical]
    assert [n["id"] for n in alice.http.get(path(world)).json()] == [written.clinical]
    assert alice.http.get(f"{API}/notes/{written.clinical}").json()["sections"] == SOAP
    assert alice.http.get(f"{API}/notes/{written.clinical}/revisions").status_code == 200
    support = alice.http.get(f"{API}/my-record/support-notes").json()
    assert [n["id"] for n in support] == [written.support]
    assert alice.http.get(f"{API}/support-notes/{written.support}").status_code == 200
    mine = alice.http.get(f"{API}/my-record/diagnoses").json()
    assert [(d["code"], d["label"]) for d in mine] == [("6B40", PTSD["label"])]
    assert alice.http.get(f"{API}/diagnoses/{written.diagnosis}").status_code == 200
    page = alice.http.get("/my-record/notes").text
    assert SOAP["assessment"] in page and SUPPORT in page
    assert PTSD["label"] in alice.http.get("/my-record/diagnoses").text
    assert alice.http.get(f"/my-record/notes/{written.clinical}").status_code == 200
    assert alice.http.get(f"/my-record/support-notes/{written.support}").status_code == 200


def test_alice_writes_no_notes_or_diagnoses(
    sign_in: SignIn, world: World, written: Written, db: Session
) -> None:
    alice = sign_in("alice")
    before = counts(db)
    for method, url, body in _writes(world, written):
        assert alice.send(method, url, json=body).status_code == 403, url
    support = {"sections": {"text": "x"}}
    assert alice.send("POST", path(world, "support-notes"), json=support).status_code == 403
    assert counts(db) == before


def test_ada_reads_no_notes_or_diagnoses(sign_in: SignIn, world: World, written: Written) -> None:
    ada = sign_in("ada")
    support = [
        f"{API}/clients/{world.alice.id}/support-notes",
        f"{API}/support-notes/{written.support}",
    ]
    for url in [*_reads(world, written), *support]:
        response = ada.http.get(url)
        assert response.status_code == 403, url
        _never_shown(response.text)
    page = ada.http.get(f"/clients/{world.alice.id}/notes")
    assert page.status_code == 200 and "You do not have access to them" in page.text
    _never_shown(page.text)
    assert SUPPORT not in page.text


@pytest.mark.parametrize("name", ["bob", "eve", "tim"])
def test_strangers_do_not_learn_the_notes_exist(
    sign_in: SignIn, world: World, written: Written, name: str
) -> None:
    person = sign_in(name)
    for url in [*_reads(world, written), f"{API}/support-notes/{written.support}"]:
        response = person.http.get(url)
        assert response.status_code == 404, url
        _never_shown(response.text)


def test_a_therapist_not_on_the_team_gets_404(
    sign_in: SignIn, world: World, written: Written, db: Session
) -> None:
    add_member(db, world, "theo", Role.THERAPIST, on_team=False)
    theo = sign_in("theo")
    for url in _reads(world, written):
        assert theo.http.get(url).status_code == 404, url


def test_a_second_therapist_sees_psychotherapy_notes_only_when_the_organisation_allows(
    sign_in: SignIn, world: World, written: Written, db: Session
) -> None:
    add_member(db, world, "theo", Role.THERAPIST)
    theo = sign_in("theo")
    private_list = path(world, "psychotherapy-notes")
    one = f"{API}/psychotherapy-notes/{written.private}"
    page = f"/clients/{world.alice.id}/psychotherapy-notes"

    assert theo.http.get(private_list).json() == []
    assert theo.http.get(one).status_code == 404
    assert theo.http.get(f"{one}/revisions").status_code == 404
    assert theo.http.get(f"{page}/{written.private}").status_code == 404
    assert PRIVATE not in theo.http.get(page).text
    assert "only you can see these" in theo.http.get(page).text

    set_shared(db, world, True)
    assert [n["id"] for n in theo.http.get(private_list).json()] == [written.private]
    assert theo.http.get(one).json()["sections"] == {"text": PRIVATE}
    assert PRIVATE in theo.http.get(page).text
    assert "other treating therapists can see these" in theo.http.get(page).text

    set_shared(db, world, False)
    assert theo.http.get(one).status_code == 404


def test_the_authors_own_psychotherapy_notes_stay_hers(
    sign_in: SignIn, world: World, written: Written, db: Session
) -> None:
    add_member(db, world, "theo", Role.THERAPIST)
    theirs = made(write_private(sign_in("theo"), world, "Theo's own process note."))
    tara = sign_in("tara")
    mine = tara.http.get(path(world, "psychotherapy-notes")).json()
    assert [n["id"] for n in mine] == [written.private]
    assert tara.http.get(f"{API}/psychotherapy-notes/{theirs}").status_code == 404


def test_only_the_author_amends(
    sign_in: SignIn, world: World, written: Written, db: Session
) -> None:
    add_member(db, world, "theo", Role.THERAPIST)
    theo = sign_in("theo")
    clinical = {"version": 1, "sections": SOAP | {"plan": "Theo's plan"}, "reason": "mine now"}
    private = {"version": 1, "sections": {"text": "Theo's words"}, "reason": "mine now"}
    # Theo reads tara's clinical note, but the amendment is hers to make.
    assert theo.http.get(f"{API}/notes/{written.clinical}").status_code == 200
    refused = theo.send("POST", f"{API}/notes/{written.clinical}/amend", json=clinical)
    assert refused.status_code == 403 and "note_id" in refused.json()["error"]["fields"]
    # A psychotherapy note he cannot see is not found; one he can see is still not his.
    private_url = f"{API}/psychotherapy-notes/{written.private}/amend"
    assert theo.send("POST", private_url, json=private).status_code == 404
    set_shared(db, world, True)
    assert theo.send("POST", private_url, json=private).status_code == 403
    form = theo.post_form(
        f"/clients/{world.alice.id}/notes/{written.clinical}/amend",
        {"version": "1", "reason": "x", **SOAP, "plan": "Theo's plan"},
    )
    assert form.status_code == 403
    assert counts(db)[:2] == (3, 3)


def test_support_notes_are_for_the_coaches_and_the_client(
    sign_in: SignIn, world: World, written: Written, db: Session
) -> None:
    add_member(db, world, "cara", Role.COACH)
    add_member(db, world, "carl", Role.COACH, on_team=False)
    support_list = path(world, "support-notes")
    one = f"{API}/support-notes/{written.support}"
    cara = sign_in("cara")
    assert [n["id"] for n in cara.http.get(support_list).json()] == [written.support]
    amend = {"version": 1, "sections": {"text": "Cara's words"}, "reason": "mine"}
    assert cara.send("POST", f"{one}/amend", json=amend).status_code == 403
    assert sign_in("carl").http.get(one).status_code == 404
    # The therapist's record is clinical; coaching notes are the coach's and the client's.
    tara = sign_in("tara")
    assert tara.http.get(support_list).status_code == 403
    assert tara.http.get(one).status_code == 403
    assert SUPPORT not in tara.http.get(f"/clients/{world.alice.id}/notes").text
    cole = sign_in("cole")
    ok = cole.send("POST", f"{one}/amend", json=amend | {"sections": {"text": "Cole's fix"}})
    assert ok.status_code == 201 and ok.json()["version"] == 2


def test_a_note_id_resolves_only_under_its_own_kind(
    sign_in: SignIn, world: World, written: Written
) -> None:
    tara, cole = sign_in("tara"), sign_in("cole")
    assert tara.http.get(f"{API}/notes/{written.private}").status_code == 404
    assert tara.http.get(f"{API}/notes/{written.support}").status_code == 404
    assert tara.http.get(f"{API}/psychotherapy-notes/{written.clinical}").status_code == 404
    assert cole.http.get(f"{API}/support-notes/{written.clinical}").status_code == 404
    assert cole.http.get(f"{API}/support-notes/{written.private}").status_code == 404
    a = world.alice.id
    assert tara.http.get(f"/clients/{a}/notes/{written.private}").status_code == 404
    assert tara.http.get(f"/clients/{a}/psychotherapy-notes/{written.clinical}").status_code == 404


def test_a_note_of_another_client_is_not_found_under_alices_path(
    sign_in: SignIn, world: World, written: Written, db: Session
) -> None:
    tara = sign_in("tara")
    assert tara.http.get(f"/clients/{world.bob.id}/notes/{written.clinical}").status_code == 404
    tim_note = f"/clients/{world.eve.id}/notes/{written.clinical}"
    assert sign_in("tim").http.get(tim_note).status_code == 404


def test_the_notes_page_checks_and_audits_each_kind_it_shows(
    sign_in: SignIn, world: World, written: Written, db: Session
) -> None:
    def reads_by(name: str) -> set[str]:
        db.rollback()
        query = select(AuditEntry.action).where(
            AuditEntry.subject_client_id == world.alice.id,
            AuditEntry.actor_user_id == world.person(name).user_id,
            AuditEntry.action.like("%.read"),
            AuditEntry.outcome == "allowed",
        )
        return set(db.scalars(query))

    page = f"/clients/{world.alice.id}/notes"
    for name, kinds in (
        ("cole", {"support_notes.read"}),
        ("tara", {"clinical_notes.read"}),
        ("alice", {"clinical_notes.read", "support_notes.read"}),
        ("ada", set()),
    ):
        assert sign_in(name).http.get(page).status_code == 200
        assert reads_by(name) == {"care_team.read"} | kinds, name
