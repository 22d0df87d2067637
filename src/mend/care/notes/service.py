"""Notes: write (version 1), amend (a new version with a reason; the old one
is kept), list and read them, narrowed to what the reader may see.

The policy decides who reaches a category of notes at all; here the author
filter for psychotherapy notes (clinical-model §6) and the rule that only the
author amends are applied. Services flush, never commit.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care.notes import templates
from mend.care.notes.models import Note, NoteRevision
from mend.care.notes.templates import NoteError


class NoteConflictError(NoteError):
    """An amendment based on an older version: carries the note as it is now."""

    def __init__(self, current: NoteView) -> None:
        super().__init__(
            409,
            "version",
            f"This note was amended since you opened it; it is now version "
            f"{current.note.version}. Please read it again before amending.",
        )
        self.current = current


@dataclass(frozen=True)
class NoteView:
    """A note with the words of its newest version."""

    note: Note
    latest: NoteRevision

    @property
    def sections(self) -> dict[str, str]:
        found: dict[str, str] = json.loads(self.latest.body)
        return found

    @property
    def template(self) -> templates.Template:
        return templates.TEMPLATES[self.note.kind]

    @property
    def amended(self) -> bool:
        return self.note.version > 1


@dataclass(frozen=True)
class Written:
    view: NoteView
    created: bool


def _body(sections: Mapping[str, str]) -> str:
    return json.dumps(dict(sections), ensure_ascii=False)


def sections_of(revision: NoteRevision) -> dict[str, str]:
    found: dict[str, str] = json.loads(revision.body)
    return found


def write(
    db: Session,
    *,
    client: Membership,
    author: Membership,
    kind: str,
    sections: Mapping[str, object],
    session_on: date | None,
    key: str | None,
    now: datetime,
) -> Written:
    """A new note and its first version. The same idempotency key with the
    same words is the same note; with other words it is a conflict."""
    cleaned = templates.check_sections(kind, sections)
    templates.check_session_on(session_on, today=now.date())
    if key is not None:
        existing = db.scalars(
            select(Note).where(Note.client_id == client.id, Note.idempotency_key == key)
        ).first()
        if existing is not None:
            view = _view(db, existing)
            same = (existing.kind, existing.author_id, existing.session_on, view.sections) == (
                kind,
                author.id,
                session_on,
                cleaned,
            )
            if not same:
                raise NoteError(
                    409, "idempotency_key", "This key was already used for a different note."
                )
            return Written(view, created=False)
    note = Note(
        org_id=client.org_id,
        client_id=client.id,
        author_id=author.id,
        kind=kind,
        session_on=session_on,
        written_at=now,
        version=1,
        idempotency_key=key,
    )
    db.add(note)
    db.flush()
    revision = NoteRevision(
        note_id=note.id, version=1, body=_body(cleaned), written_at=now, written_by=author.id
    )
    db.add(revision)
    db.flush()
    return Written(NoteView(note, revision), created=True)


def amend(
    db: Session,
    *,
    note: Note,
    by: Membership,
    sections: Mapping[str, object],
    reason: str,
    version: int,
    now: datetime,
) -> Written:
    """The next version of the note's words, with the reason; the earlier
    versions stay as they were. Only the author amends."""
    if not templates.may_amend(author_id=note.author_id, by_id=by.id):
        raise NoteError(
            403,
            "note_id",
            "Only the person who wrote this note can amend it. You can write a new note.",
        )
    cleaned = templates.check_sections(note.kind, sections)
    why = templates.check_reason(reason)
    current = _view(db, note)
    if version != note.version:
        previous = version == note.version - 1
        if previous and templates.is_retry(
            latest_by=current.latest.written_by,
            latest_sections=current.sections,
            latest_reason=current.latest.reason,
            by=by.id,
            sections=cleaned,
            reason=why,
        ):
            return Written(current, created=False)
        raise NoteConflictError(current)
    templates.check_amendment(current.sections, cleaned)
    note.version += 1
    revision = NoteRevision(
        note_id=note.id,
        version=note.version,
        body=_body(cleaned),
        reason=why,
        written_at=now,
        written_by=by.id,
    )
    db.add(revision)
    db.flush()
    return Written(NoteView(note, revision), created=True)


def _view(db: Session, note: Note) -> NoteView:
    latest = db.scalars(
        select(NoteRevision)
        .where(NoteRevision.note_id == note.id)
        .order_by(NoteRevision.version.desc())
        .limit(1)
    ).one()
    return NoteView(note, latest)


def view_of(db: Session, note: Note) -> NoteView:
    return _view(db, note)


def notes_of(
    db: Session,
    *,
    client_id: str,
    kinds: Collection[str],
    reader_id: str,
    shared: bool,
    limit: int = 200,
) -> list[NoteView]:
    """The client's notes of these kinds that the reader may see, newest first."""
    notes = list(
        db.scalars(
            select(Note)
            .where(Note.client_id == client_id, Note.kind.in_(list(kinds)))
            .order_by(Note.written_at.desc(), Note.id.desc())
            .limit(limit)
        )
    )
    notes = [
        n
        for n in notes
        if templates.may_read(n.kind, author_id=n.author_id, reader_id=reader_id, shared=shared)
    ]
    if not notes:
        return []
    latest: dict[str, NoteRevision] = {}
    query = select(NoteRevision).where(NoteRevision.note_id.in_([n.id for n in notes]))
    for revision in db.scalars(query):
        known = latest.get(revision.note_id)
        if known is None or revision.version > known.version:
            latest[revision.note_id] = revision
    return [NoteView(n, latest[n.id]) for n in notes]


def get_note(
    db: Session,
    *,
    client_id: str,
    note_id: str,
    kinds: Collection[str],
    reader_id: str,
    shared: bool,
) -> Note:
    """One note the reader may see; anything else is not found (404)."""
    note = db.get(Note, note_id)
    if (
        note is None
        or note.client_id != client_id
        or note.kind not in kinds
        or not templates.may_read(
            note.kind, author_id=note.author_id, reader_id=reader_id, shared=shared
        )
    ):
        raise NoteError(404, "note_id", "No such note.")
    return note


def revisions_of(db: Session, *, note_id: str) -> Sequence[NoteRevision]:
    """Every version of the note's words, the first first."""
    query = (
        select(NoteRevision).where(NoteRevision.note_id == note_id).order_by(NoteRevision.version)
    )
    return list(db.scalars(query))


def note_client(db: Session, *, note_id: str, org_id: str, kinds: Collection[str]) -> str | None:
    """Whose note this is, when it is in this organisation and of these kinds
    (so a psychotherapy note's id never resolves under clinical notes)."""
    query = select(Note.client_id).where(
        Note.id == note_id, Note.org_id == org_id, Note.kind.in_(list(kinds))
    )
    return db.scalar(query)
