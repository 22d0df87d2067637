"""Diagnoses as the therapist enters them: the code's shape (ICD-10 or
ICD-11), the label they type, the status and the date. Only the shape is
checked: Mend never looks up, suggests or invents a label. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from mend.care.notes.templates import NoteError, check_reason

SYSTEMS: dict[str, str] = {"icd10": "ICD-10", "icd11": "ICD-11"}
STATUSES: tuple[str, ...] = ("provisional", "confirmed", "resolved", "ruled_out")
RECORD_STATUSES: tuple[str, ...] = ("provisional", "confirmed")
CODE_MAX_CHARS = 64
LABEL_MAX_CHARS = 300

# ICD-10 (and national variants such as ICD-10-CM): a letter, two digits, and
# optionally a dot with one to four more characters: F32.1, F43.10, Z63.
_ICD10 = re.compile(r"[A-Z][0-9]{2}(?:\.[A-Z0-9]{1,4})?")
# ICD-11 leaves out the letters I and O. A stem code is the chapter (1-9 or a
# letter), a letter, a digit and one more character, with up to two more
# after a dot: 6A70, 6B40.0, QE84, 6A00.Z. Extension codes (chapter X) join
# a stem with "&" (6A70&XS25); "/" joins stem codes into a cluster.
_CHAR = "[0-9A-HJ-NP-Z]"
_LETTER = "[A-HJ-NP-Z]"
_STEM = rf"[1-9A-HJ-NP-W]{_LETTER}[0-9]{_CHAR}(?:\.{_CHAR}{{1,2}})?"
_EXTENSION = rf"X{_LETTER}{_CHAR}{{2,4}}"
_GROUP = rf"{_STEM}(?:&{_EXTENSION})*"
_ICD11 = re.compile(rf"{_GROUP}(?:/{_GROUP})*")
_SHAPES = {"icd10": _ICD10, "icd11": _ICD11}
_EXAMPLES = {
    "icd10": "a letter and two digits, with an optional dot and up to four more "
    "characters, for example F32.1, F43.10 or Z63",
    "icd11": "like 6A70, 6B40.0, QE84 or 6A00.Z, with an extension joined by & "
    "(6A70&XS25) or a cluster joined by /",
}

STATUS_WORDS: dict[str, str] = {
    "provisional": "Provisional",
    "confirmed": "Confirmed",
    "resolved": "Resolved",
    "ruled_out": "Ruled out",
}
# For the client: what each status means, in plain words.
STATUS_MEANING: dict[str, str] = {
    "provisional": "a working idea your therapist is still checking",
    "confirmed": "your therapist has checked it and it fits",
    "resolved": "this no longer applies",
    "ruled_out": "your therapist checked and it does not apply",
}


@dataclass(frozen=True)
class DiagnosisState:
    system: str
    code: str
    label: str
    status: str


def check_system(system: str) -> str:
    if system not in SYSTEMS:
        raise NoteError(422, "system", "Choose ICD-10 or ICD-11.")
    return system


def system_of(code: str) -> str | None:
    """Which system's shape a (normalised) code has, if any."""
    for system, shape in _SHAPES.items():
        if shape.fullmatch(code):
            return system
    return None


def check_code(system: str, code: str) -> str:
    """The code as typed, in capitals, if it has the system's shape."""
    check_system(system)
    text = code.strip().upper()
    if not text:
        example = "F32.1" if system == "icd10" else "6A70"
        raise NoteError(422, "code", f"Enter the code, for example {example}.")
    if len(text) > CODE_MAX_CHARS:
        raise NoteError(422, "code", f"A code can be up to {CODE_MAX_CHARS} characters.")
    if _SHAPES[system].fullmatch(text):
        return text
    other = system_of(text)
    if other is not None:
        raise NoteError(
            422,
            "code",
            f"This looks like an {SYSTEMS[other]} code. "
            f"Choose {SYSTEMS[other]}, or check the code.",
        )
    raise NoteError(
        422,
        "code",
        f"This does not look like an {SYSTEMS[system]} code. "
        f"{SYSTEMS[system]} codes are {_EXAMPLES[system]}.",
    )


def check_label(label: str) -> str:
    """The diagnosis in the therapist's words, on one line."""
    if "\x00" in label:
        raise NoteError(422, "label", "This contains a character that is not allowed.")
    text = " ".join(label.split())
    if not text:
        raise NoteError(422, "label", "Enter the name of the diagnosis as you want it recorded.")
    if len(text) > LABEL_MAX_CHARS:
        raise NoteError(422, "label", f"A label can be up to {LABEL_MAX_CHARS} characters.")
    return text


def check_status(status: str, *, allowed: tuple[str, ...] = STATUSES) -> str:
    if status not in allowed:
        words = ", ".join(STATUS_WORDS[s].lower() for s in allowed)
        raise NoteError(422, "status", f"Choose one of: {words}.")
    return status


def check_noted_on(noted_on: date, *, today: date) -> date:
    if noted_on > today:
        raise NoteError(422, "noted_on", "The date cannot be in the future.")
    return noted_on


def new_diagnosis(
    *, system: str, code: str, label: str, status: str, noted_on: date, today: date
) -> tuple[DiagnosisState, date]:
    """A first entry: provisional or confirmed; resolving comes later."""
    state = DiagnosisState(
        system=check_system(system),
        code=check_code(system, code),
        label=check_label(label),
        status=check_status(status, allowed=RECORD_STATUSES),
    )
    return state, check_noted_on(noted_on, today=today)


def change(
    current: DiagnosisState,
    *,
    status: str | None = None,
    code: str | None = None,
    label: str | None = None,
    reason: str,
) -> tuple[DiagnosisState, str]:
    """A new status, or a corrected code or label, always with a reason. The
    system stays: a diagnosis in the other classification is a new entry.
    Whether anything changed is ``check_changed``'s question."""
    new = replace(
        current,
        status=current.status if status is None else check_status(status),
        code=current.code if code is None else check_code(current.system, code),
        label=current.label if label is None else check_label(label),
    )
    return new, check_reason(reason)


def check_changed(current: DiagnosisState, new: DiagnosisState) -> None:
    if new == current:
        raise NoteError(
            422, "status", "Nothing changed: choose a new status or correct the code or label."
        )
