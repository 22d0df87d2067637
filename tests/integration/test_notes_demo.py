"""The demo's notes story, told on the test world: Tara's SOAP and DAP notes
(one amended with a reason), her psychotherapy note, the PTSD diagnosis
confirmed after it was provisional, and Cole's support notes; each person
sees only what is theirs to see."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.care.notes import demo_stories, diagnoses
from mend.care.notes.models import Diagnosis, Note, NoteRevision
from tests.conftest import T0, World
from tests.integration import stories
from tests.integration.conftest import SignedIn
from tests.integration.test_notes_helpers import API, counts, path

SignIn = Callable[[str], SignedIn]


def tell(db: Session, world: World) -> None:
    stories.tell(demo_stories.tell_stories, db, world)


def test_the_story_is_written_through_the_services(world: World, db: Session) -> None:
    tell(db, world)
    notes = list(db.scalars(select(Note).order_by(Note.written_at)))
    kinds = [n.kind for n in notes]
    assert kinds.count("soap") == 4 and kinds.count("dap") == 1
    assert kinds.count("psychotherapy") == 1 and kinds.count("support") == 2
    assert {n.client_id for n in notes} == {world.alice.id}
    assert {n.author_id for n in notes if n.kind != "support"} == {world.tara.id}
    assert {n.author_id for n in notes if n.kind == "support"} == {world.cole.id}
    amended = [n for n in notes if n.version > 1]
    assert len(amended) == 1 and amended[0].kind == "soap"
    reasons = list(db.scalars(select(NoteRevision.reason).where(NoteRevision.version == 2)))
    assert reasons == [demo_stories.AMEND_REASON]
    assert all(n.written_at <= T0 and n.session_on and n.session_on <= T0.date() for n in notes)
    revisions = db.scalars(select(NoteRevision)).all()
    assert all(r.written_at <= T0 for r in revisions)


def test_the_diagnosis_was_provisional_then_confirmed(world: World, db: Session) -> None:
    tell(db, world)
    found = db.scalars(select(Diagnosis)).one()
    assert (found.system, found.code, found.label) == (
        "icd11", "6B40", "Post traumatic stress disorder",
    )  # fmt: skip
    assert found.status == "confirmed" and found.noted_on < T0.date()
    history = diagnoses.history_of(db, diagnosis_id=found.id)
    assert [h.status for h in history] == ["provisional", "confirmed"]
    assert history[1].reason and history[1].changed_at > history[0].changed_at


def test_each_person_sees_only_their_part_of_the_story(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell(db, world)
    tara, cole, alice = sign_in("tara"), sign_in("cole"), sign_in("alice")
    assert len(tara.http.get(path(world)).json()) == 5
    assert len(tara.http.get(path(world, "psychotherapy-notes")).json()) == 1
    assert len(cole.http.get(path(world, "support-notes")).json()) == 2
    assert cole.http.get(path(world)).status_code == 403
    assert len(alice.http.get(f"{API}/my-record/notes").json()) == 5
    page = alice.http.get("/my-record/notes").text
    assert "Bring to supervision" in demo_stories.PSYCHOTHERAPY
    assert "Bring to supervision" not in page
    assert "Post traumatic stress disorder" in alice.http.get("/my-record/diagnoses").text


def test_without_alice_there_is_no_story(world: World, db: Session) -> None:
    demo_stories.tell_stories(
        db, org=world.riverside, clients={"bob": world.bob}, therapist=world.tara,
        coach=world.cole, now=T0,
    )  # fmt: skip
    assert counts(db) == (0, 0, 0, 0)
