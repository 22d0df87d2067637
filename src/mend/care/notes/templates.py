"""Note templates and what a note's words may be (clinical-model §6).

A therapist's clinical note follows SOAP (subjective, objective, assessment,
plan) or DAP (data, assessment, plan); a psychotherapy note and a coach's
support note are free text. Pure: values in, values (or a NoteError) out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from mend.care.policy import Category

SECTION_MAX_CHARS = 20_000
REASON_MAX_CHARS = 2_000


class NoteError(Exception):
    """Refused input or a step not possible now, with the field at fault."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


@dataclass(frozen=True)
class Section:
    name: str
    label: str
    hint: str


@dataclass(frozen=True)
class Template:
    kind: str
    title: str
    category: Category
    sections: tuple[Section, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sections)


_ASSESSMENT = Section(
    "assessment", "Assessment", "Your clinical understanding: what is going on, and progress."
)
_PLAN = Section("plan", "Plan", "What happens next: focus, homework, the next session.")

SOAP = Template(
    "soap",
    "SOAP note",
    Category.CLINICAL_NOTES,
    (
        Section("subjective", "Subjective", "What the client told you, in their words."),
        Section("objective", "Objective", "What you observed: presentation, mood, scores."),
        _ASSESSMENT,
        _PLAN,
    ),
)
DAP = Template(
    "dap",
    "DAP note",
    Category.CLINICAL_NOTES,
    (
        Section("data", "Data", "What the client said and what you observed."),
        _ASSESSMENT,
        _PLAN,
    ),
)
PSYCHOTHERAPY = Template(
    "psychotherapy",
    "Psychotherapy note",
    Category.PSYCHOTHERAPY_NOTES,
    (Section("text", "Note", "Your own process notes, kept apart from the record."),),
)
SUPPORT = Template(
    "support",
    "Support note",
    Category.SUPPORT_NOTES,
    (Section("text", "Note", "What you and the client worked on, and what comes next."),),
)

TEMPLATES: dict[str, Template] = {t.kind: t for t in (SOAP, DAP, PSYCHOTHERAPY, SUPPORT)}
CLINICAL_KINDS: tuple[str, ...] = ("soap", "dap")
# Which kinds of note each policy category holds.
KINDS_OF: dict[Category, tuple[str, ...]] = {
    Category.CLINICAL_NOTES: CLINICAL_KINDS,
    Category.PSYCHOTHERAPY_NOTES: ("psychotherapy",),
    Category.SUPPORT_NOTES: ("support",),
}


def template_for(kind: str) -> Template:
    try:
        return TEMPLATES[kind]
    except KeyError:
        choices = ", ".join(TEMPLATES)
        raise NoteError(422, "kind", f"Choose one of: {choices}.") from None


def tidy(text: str) -> str:
    """One kind of line ending, no blank edges: what a person typed, kept."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _check_text(field: str, value: object, *, max_chars: int) -> str:
    if not isinstance(value, str):
        raise NoteError(422, field, "Write text here.")
    if "\x00" in value:
        raise NoteError(422, field, "This contains a character that is not allowed.")
    text = tidy(value)
    if len(text) > max_chars:
        raise NoteError(
            422, field, f"This can be up to {max_chars:,} characters; it is {len(text):,}."
        )
    return text


def check_sections(
    kind: str, sections: Mapping[str, object], *, max_chars: int = SECTION_MAX_CHARS
) -> dict[str, str]:
    """The note's words, one entry per section of its template (empty ones
    kept as ""). Unknown sections are refused; at least one must have words."""
    template = template_for(kind)
    for name in sections:
        if name not in template.names:
            shown = name[:40]
            raise NoteError(
                422,
                f"sections.{shown}",
                f"A {template.title} has no “{shown}” section; "
                f"its sections are {', '.join(template.names)}.",
            )
    cleaned = {
        s.name: _check_text(f"sections.{s.name}", sections.get(s.name, ""), max_chars=max_chars)
        for s in template.sections
    }
    if not any(cleaned.values()):
        raise NoteError(422, "sections", "Write something in at least one section.")
    return cleaned


def check_reason(reason: object, *, max_chars: int = REASON_MAX_CHARS) -> str:
    """Every change to the record says why, so its history reads clearly."""
    text = _check_text("reason", reason, max_chars=max_chars)
    if not text:
        raise NoteError(422, "reason", "Say why you are making this change.")
    return text


def check_session_on(session_on: date | None, *, today: date) -> date | None:
    if session_on is not None and session_on > today:
        raise NoteError(422, "session_on", "The session date cannot be in the future.")
    return session_on


def check_amendment(current: Mapping[str, str], new: Mapping[str, str]) -> None:
    if dict(current) == dict(new):
        raise NoteError(422, "sections", "Nothing changed: the note already says this.")


def is_retry(
    *,
    latest_by: str,
    latest_sections: Mapping[str, str],
    latest_reason: str | None,
    by: str,
    sections: Mapping[str, str],
    reason: str,
) -> bool:
    """An amendment already saved, sent again (a double click, a lost answer)."""
    return latest_by == by and dict(latest_sections) == dict(sections) and latest_reason == reason


def may_read(kind: str, *, author_id: str, reader_id: str, shared: bool) -> bool:
    """Within what the policy allows: a psychotherapy note stays with its
    author, unless the organisation lets the client's other treating
    therapists read them (``shared``)."""
    if kind == PSYCHOTHERAPY.kind:
        return author_id == reader_id or shared
    return True


def may_amend(*, author_id: str, by_id: str) -> bool:
    """Only the author amends a note; anyone else writes a note of their own."""
    return author_id == by_id
