"""The healing journey's stages (clinical-model §4): names, plain words, changes.

Herman's three-stage model of trauma recovery is the default: 1 safety and
stabilisation, 2 remembrance and mourning (trauma processing), 3 reconnection
and integration. An organisation can rename the stages; the client sees each
stage in plain, hopeful words. The therapist sets the stage, and every change
is recorded with its reason.

Pure: values in, values out. The client-facing words are kind, free of orders
and pressure, and written for a reading age of about 12.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from types import MappingProxyType

from mend.healing.readiness import Readiness


class Stage(IntEnum):
    SAFETY = 1
    REMEMBRANCE = 2
    RECONNECTION = 3


# What the care team sees (an organisation can rename these).
DEFAULT_NAMES: Mapping[Stage, str] = MappingProxyType(
    {
        Stage.SAFETY: "Safety and stabilisation",
        Stage.REMEMBRANCE: "Remembrance and mourning",
        Stage.RECONNECTION: "Reconnection and integration",
    }
)


@dataclass(frozen=True, kw_only=True)
class ClientWords:
    """How the client sees a stage: a short title and a few plain sentences."""

    title: str
    words: str


CLIENT_WORDS: Mapping[Stage, ClientWords] = MappingProxyType(
    {
        Stage.SAFETY: ClientWords(
            title="Feeling safe and steady",
            words=(
                "This part is about feeling safer in your body and in your day. "
                "You are finding ways to calm down and people you can lean on. "
                "There is no rush. You can take all the time you need."
            ),
        ),
        Stage.REMEMBRANCE: ClientWords(
            title="Making sense of what happened",
            words=(
                "This part is about looking at what happened, with your therapist by your side. "
                "You go at a pace that feels okay, and you can pause or slow down at any time. "
                "It is okay to feel sad about what was lost."
            ),
        ),
        Stage.RECONNECTION: ClientWords(
            title="Reconnecting with your life",
            words=(
                "This part is about building the life you want, with people and things "
                "that matter to you. What happened is part of your story. "
                "It is not all of who you are."
            ),
        ),
    }
)

MAX_NAME_CHARS = 60
MAX_REASON_CHARS = 2000
# The one stage a move into needs readiness (against retraumatization).
NEEDS_READINESS = Stage.REMEMBRANCE


class StageError(ValueError):
    """A stage name or change Mend refuses; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def as_stage(value: int, *, field: str = "stage") -> Stage:
    """The stage numbered `value` (1-3), or a StageError."""
    # bool is an int: True would silently become stage 1.
    if isinstance(value, bool) or value not in (1, 2, 3):
        raise StageError(field, "A stage is 1, 2 or 3.")
    return Stage(value)


def _breaks_line(text: str) -> bool:
    # Control characters (newline, tab, NUL) and Unicode line/paragraph separators.
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def clean_name(name: str, *, field: str = "name") -> str:
    """A stage name trimmed of outer spaces; refused when empty, too long or multi-line."""
    cleaned = name.strip()
    if not cleaned:
        raise StageError(field, "Give the stage a name.")
    if len(cleaned) > MAX_NAME_CHARS:
        raise StageError(field, f"A stage name can be at most {MAX_NAME_CHARS} characters.")
    if _breaks_line(cleaned):
        raise StageError(field, "A stage name is one line of text.")
    return cleaned


def rename(overrides: Mapping[int, str]) -> Mapping[Stage, str]:
    """An organisation's stage names: the defaults with `overrides` applied.

    Each override is checked by `clean_name` (field `stage_<n>`); the three names
    must differ from each other (ignoring case), so no two stages read the same.
    """
    names = dict(DEFAULT_NAMES)
    for number, name in overrides.items():
        stage = as_stage(number, field=f"stage_{number}")
        names[stage] = clean_name(name, field=f"stage_{int(stage)}")
    seen: dict[str, Stage] = {}
    for stage in Stage:
        key = names[stage].casefold()
        if key in seen:
            raise StageError(
                f"stage_{int(stage)}",
                f"Stages {int(seen[key])} and {int(stage)} have the same name; "
                "give each stage its own name.",
            )
        seen[key] = stage
    return MappingProxyType(names)


@dataclass(frozen=True, kw_only=True)
class StageText:
    """Everything shown about a stage: the team's name and the client's words."""

    stage: Stage
    name: str
    client_title: str
    client_words: str


def describe(stage: int, names: Mapping[Stage, str] = DEFAULT_NAMES) -> StageText:
    """The name (default or the organisation's) and the client's words for `stage`."""
    s = as_stage(stage)
    words = CLIENT_WORDS[s]
    return StageText(
        stage=s, name=names.get(s, DEFAULT_NAMES[s]), client_title=words.title,
        client_words=words.words,
    )  # fmt: skip


# ---------------------------------------------------------------- stage changes


@dataclass(frozen=True, kw_only=True)
class StageChange:
    """What the caller records for a stage change (with who and when, which it knows)."""

    from_stage: Stage | None  # None: the client's first stage
    to_stage: Stage
    reason: str
    readiness_required: bool  # moving into stage 2
    ready: bool | None  # readiness at the time; None when not required or not given
    unmet: tuple[str, ...]  # keys of readiness indicators not met at the time
    override: bool  # moved into stage 2 without readiness fully met
    override_reason: str | None


def _text(value: str | None, field: str, missing: str) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise StageError(field, missing)
    if len(cleaned) > MAX_REASON_CHARS:
        raise StageError(field, f"Keep it to {MAX_REASON_CHARS} characters.")
    return cleaned


def change_stage(
    *,
    current: int | None,
    target: int,
    reason: str,
    readiness: Readiness | None = None,
    override_reason: str | None = None,
) -> StageChange:
    """Check a stage change and return what must be recorded.

    - Every change needs a reason (also the first stage a client is given).
    - The target must differ from the current stage.
    - Moving into stage 2 (from 1, from 3 or as a first stage) when readiness is
      not fully met, or was not assessed at all, needs an explicit override reason.
      When readiness is met an override reason given anyway is kept, not
      dropped, but the change is not an override.
    - Moving back to stage 1 is never blocked: safety first.
    """
    to_stage = as_stage(target, field="target")
    from_stage = None if current is None else as_stage(current, field="current")
    if from_stage == to_stage:
        raise StageError("target", f"The client is already in stage {int(to_stage)}.")
    why = _text(reason, "reason", "Say why the stage is changing.")
    required = to_stage is NEEDS_READINESS
    given = readiness if required else None
    ready = None if given is None else given.ready
    unmet = () if given is None else given.unmet
    override = required and not ready
    note = (override_reason or "").strip() or None
    if override:
        missing = ", ".join(unmet) if unmet else "not assessed"
        note = _text(
            override_reason,
            "override_reason",
            f"Readiness for stage 2 is not fully met ({missing}). "
            "To move on anyway, give a reason for the override.",
        )
    elif note is not None:
        note = _text(note, "override_reason", "")
    return StageChange(
        from_stage=from_stage, to_stage=to_stage, reason=why, readiness_required=required,
        ready=ready, unmet=unmet, override=override,
        override_reason=note,
    )  # fmt: skip
