"""Shared by the notes and diagnoses tests (no tests of its own): write notes
and diagnoses through the API, add a second therapist or coach to alice's
team, let cole see everything alice can share, and count rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import Membership, Organisation
from mend.accounts.passwords import make_hasher
from mend.accounts.roles import Role
from mend.care import service as care
from mend.care.notes.models import Diagnosis, DiagnosisChange, Note, NoteRevision
from mend.care.policy import CONSENT_CATEGORIES
from tests.conftest import PASSWORD, T0, World
from tests.integration.sharing import share

API = "/api/v1"
SOAP = {
    "subjective": "Sleeping badly since the move; worried about work.",
    "objective": "Tired, good eye contact. PHQ-9 14.",
    "assessment": "Low mood linked to the move; no risk indicators.",
    "plan": "Behavioural activation: one walk a day. Review next week.",
}
DAP = {
    "data": "Walked four days out of seven.",
    "assessment": "Activation is helping.",
    "plan": "Keep going; add one call to a friend.",
}
PRIVATE = "My own hunch: the move echoes leaving home at sixteen. Bring to supervision."
SUPPORT = "We set a goal together: a short walk after lunch on weekdays."
PTSD = {"system": "icd11", "code": "6B40", "label": "Post traumatic stress disorder"}


def path(world: World, segment: str = "notes", client: str = "alice") -> str:
    return f"{API}/clients/{world.person(client).id}/{segment}"


def write_clinical(person: Any, world: World, kind: str = "soap", **extra: Any) -> Any:
    sections = SOAP if kind == "soap" else DAP
    body = {"kind": kind, "sections": sections, "session_on": "2026-03-02"} | extra
    return person.send("POST", path(world), json=body)


def write_private(person: Any, world: World, text: str = PRIVATE) -> Any:
    return person.send(
        "POST", path(world, "psychotherapy-notes"), json={"sections": {"text": text}}
    )


def write_support(person: Any, world: World, text: str = SUPPORT) -> Any:
    return person.send("POST", path(world, "support-notes"), json={"sections": {"text": text}})


def record(person: Any, world: World, **extra: Any) -> Any:
    return person.send("POST", path(world, "diagnoses"), json=PTSD | extra)


def made(response: Any) -> str:
    assert response.status_code == 201, response.text
    found: str = response.json()["id"]
    return found


def add_member(
    db: Session, world: World, name: str, role: Role, *, on_team: bool = True
) -> Membership:
    """Another therapist or coach at Riverside, on alice's care team if asked;
    ``sign_in(name)`` finds them."""
    hasher = make_hasher(time_cost=1, memory_cost=64, parallelism=1)
    riverside = db.get_one(Organisation, world.riverside.id)
    member = accounts.create_user(
        db,
        org=riverside,
        email=f"{name}@example.org",
        name=name.capitalize(),
        password=PASSWORD,
        role=role,
        hasher=hasher,
        now=T0,
    )
    if on_team:
        alice = db.get_one(Membership, world.alice.id)
        ada = db.get_one(Membership, world.ada.id)
        care.add_to_team(db, client=alice, member=member, added_by=ada, now=T0)
    db.commit()
    setattr(world, name, member)
    return member


def share_everything(alice: Any, world: World, member: str = "cole") -> None:
    """alice says yes to every sharing category for this team member."""
    for category in CONSENT_CATEGORIES:
        share(alice, world, member, category)


def set_shared(db: Session, world: World, shared: bool) -> None:
    """The organisation's choice: may other treating therapists read psychotherapy notes?"""
    db.get_one(Organisation, world.riverside.id).psychotherapy_notes_shared = shared
    db.commit()


def counts(db: Session) -> tuple[int, int, int, int]:
    db.rollback()
    return tuple(  # type: ignore[return-value]
        int(db.scalar(select(func.count()).select_from(model)) or 0)
        for model in (Note, NoteRevision, Diagnosis, DiagnosisChange)
    )
