"""The safety plan (Stanley & Brown, clinical-model §5): six steps and the
client's reasons for living, written by the client with their therapist.

Every save is a new version and the newest is in force; a save names the
version it was based on, so two people editing at once never overwrite each
other. Step 2 holds jar item ids, never names: it is read from the jar each
time, so it follows the jar (a renamed strategy shows its new name, a retired
one asks for the step to be reviewed).

Services flush and never commit: the request's transaction does.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.coping import service as coping
from mend.safety.models import SafetyPlanVersion

MAX_LINES = 20  # per step: a plan is for a hard moment, so it stays short
MAX_LINE_CHARS = 300
REVIEW_DEFAULT_MONTHS = 3
REVIEW_MAX_MONTHS = 12
HARMFUL = "harmful"


@dataclass(frozen=True)
class Step:
    number: int | None  # None: the reasons for living, which close the plan
    field: str
    title: str
    hint: str


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "warning_signs",
        "Warning signs",
        "Thoughts, feelings or things that happen that tell me a hard time may be starting.",
    ),
    Step(
        2,
        "coping_item_ids",
        "Things I can do on my own to feel better",
        "Ways from my jar that help me, without needing anyone else.",
    ),
    Step(
        3,
        "distractions",
        "People and places that take my mind off things",
        "People I can be with and places I can go, without having to talk about how I feel.",
    ),
    Step(
        4,
        "people_to_ask",
        "People I can ask for help",
        "People I trust to talk to, with their phone numbers.",
    ),
    Step(
        5,
        "professionals",
        "Professionals and services I can contact",
        "My therapist, my doctor, a crisis line, the nearest emergency department.",
    ),
    Step(
        6,
        "safe_environment",
        "Making where I am safer",
        "Things I can do to keep myself safe, like putting away things I could use to hurt myself.",
    ),
    Step(
        None,
        "reasons_for_living",
        "My reasons for living",
        "The people, things and hopes that matter most to me.",
    ),
)
TEXT_FIELDS: tuple[str, ...] = tuple(s.field for s in STEPS if s.field != "coping_item_ids")
TITLES: Mapping[str, str] = {s.field: s.title for s in STEPS}


class PlanError(Exception):
    """A save the plan rules refuse, with the field at fault and a kind message."""

    def __init__(
        self, status: int, field: str, message: str, *, current_version: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.field = field
        self.message = message
        self.current_version = current_version  # set on a conflict: the newest version


@dataclass(frozen=True, kw_only=True)
class PlanData:
    """What a person sent: each step a list of lines, step 2 a list of jar item ids."""

    warning_signs: Sequence[Any] = ()
    coping_item_ids: Sequence[Any] = ()
    distractions: Sequence[Any] = ()
    people_to_ask: Sequence[Any] = ()
    professionals: Sequence[Any] = ()
    safe_environment: Sequence[Any] = ()
    reasons_for_living: Sequence[Any] = ()
    review_on: date | None = None  # None: three months from today


@dataclass(frozen=True)
class CopingStep:
    """One step-2 entry as the jar has it now."""

    item_id: str
    name: str
    helpfulness: str | None
    in_jar: bool  # False: retired (or now harmful), so the step needs a review


@dataclass(frozen=True)
class PlanView:
    """One version of the plan, ready to show."""

    version: int
    steps: Mapping[str, tuple[str, ...]]
    coping: tuple[CopingStep, ...]
    review_on: date
    saved_at: datetime
    saved_by: Membership
    due_for_review: bool

    @property
    def needs_review(self) -> tuple[CopingStep, ...]:
        return tuple(c for c in self.coping if not c.in_jar)


# ---------------------------------------------------------------- pure rules


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_review_on(today: date) -> date:
    return add_months(today, REVIEW_DEFAULT_MONTHS)


def check_review_on(review_on: date | None, *, today: date) -> date:
    if review_on is None:
        return default_review_on(today)
    if review_on < today:
        raise PlanError(422, "review_on", "Please choose a review date from today onwards.")
    latest = add_months(today, REVIEW_MAX_MONTHS)
    if review_on > latest:
        raise PlanError(
            422,
            "review_on",
            f"Please choose a review date within a year (by {latest.strftime('%d %B %Y')}). "
            "Plans work best when they are looked at again soon.",
        )
    return review_on


def clean_lines(field: str, lines: Sequence[Any]) -> tuple[str, ...]:
    """Each line tidied (spaces, blanks dropped); too long or too many is refused.
    Line numbers count what was sent, from 1, so `warning_signs.3` is the third line."""
    title = TITLES[field]
    kept: list[str] = []
    for number, line in enumerate(lines, 1):
        if not isinstance(line, str):
            raise PlanError(422, f"{field}.{number}", f"Line {number} of “{title}” is not text.")
        text = " ".join(line.split())
        if not text:
            continue
        if len(text) > MAX_LINE_CHARS:
            raise PlanError(
                422,
                f"{field}.{number}",
                f"Line {number} of “{title}” is too long. Please keep each line to "
                f"{MAX_LINE_CHARS} characters or fewer.",
            )
        kept.append(text)
    if len(kept) > MAX_LINES:
        raise PlanError(
            422,
            field,
            f"“{title}” has {len(kept)} lines. Please keep it to {MAX_LINES} or fewer: "
            "a short plan is easier to use in a hard moment.",
        )
    return tuple(kept)


def split_lines(text: str) -> list[str]:
    """A textarea, one line each."""
    return text.splitlines()


def usable(entry: coping.JarEntry) -> bool:
    """May this jar item be a step-2 coping step? In the jar, and not a harmful way."""
    return not entry.retired and entry.strategy.helpfulness != HARMFUL


def choosable(entries: Iterable[coping.JarEntry]) -> list[coping.JarEntry]:
    """The jar items offered for step 2: ways that help first, then sometimes-helpful."""
    order = {"helpful": 0, "mixed": 1}
    found = [e for e in entries if usable(e)]
    return sorted(found, key=lambda e: (order.get(e.strategy.helpfulness, 2), e.strategy.name))


def check_items(ids: Sequence[Any], jar: Mapping[str, coping.JarEntry]) -> tuple[str, ...]:
    """Step 2: the client's own jar items, in the jar now, and not harmful."""
    kept: list[str] = []
    for item_id in ids:
        entry = jar.get(item_id) if isinstance(item_id, str) else None
        if entry is None:
            raise PlanError(
                422,
                "coping_item_ids",
                "We could not find one of those in the jar. Please choose from the ways "
                "in the jar.",
            )
        name = entry.strategy.name
        if entry.retired:
            raise PlanError(
                422,
                "coping_item_ids",
                f"“{name}” is no longer in the jar. Please choose from the ways in the jar now.",
            )
        if entry.strategy.helpfulness == HARMFUL:
            raise PlanError(
                422,
                "coping_item_ids",
                f"“{name}” costs you something, so it can't be a step in your safety plan. "
                "That's okay: choose ways that help, even a little.",
            )
        if item_id not in kept:
            kept.append(item_id)
    if len(kept) > MAX_LINES:
        raise PlanError(
            422, "coping_item_ids", f"Please choose {MAX_LINES} ways or fewer for this step."
        )
    return tuple(kept)


# ---------------------------------------------------------------- loading


def _jar(db: Session, client: Membership) -> dict[str, coping.JarEntry]:
    return {e.item.id: e for e in coping.jar_of(db, client=client)}


def current(db: Session, *, client_id: str) -> SafetyPlanVersion | None:
    """The version in force: the newest."""
    query = (
        select(SafetyPlanVersion)
        .where(SafetyPlanVersion.client_id == client_id)
        .order_by(SafetyPlanVersion.version.desc())
        .limit(1)
    )
    return db.scalars(query).first()


def _lines(stored: str) -> tuple[str, ...]:
    found = json.loads(stored) if stored else []
    return tuple(str(line) for line in found)


def _coping_steps(stored: str, jar: Mapping[str, coping.JarEntry]) -> tuple[CopingStep, ...]:
    steps = []
    for item_id in json.loads(stored or "[]"):
        entry = jar.get(item_id)
        if entry is None:  # jar items are never deleted; kept for safety
            steps.append(
                CopingStep(item_id, "A way of coping that is gone from the jar", None, False)
            )
            continue
        steps.append(
            CopingStep(item_id, entry.strategy.name, entry.strategy.helpfulness, usable(entry))
        )
    return tuple(steps)


def view_of(row: SafetyPlanVersion, *, jar: Mapping[str, coping.JarEntry], today: date) -> PlanView:
    return PlanView(
        version=row.version,
        steps={name: _lines(getattr(row, name)) for name in TEXT_FIELDS},
        coping=_coping_steps(row.coping_item_ids, jar),
        review_on=row.review_on,
        saved_at=row.saved_at,
        saved_by=row.author,
        due_for_review=row.review_on <= today,
    )


def load_plan(db: Session, *, client: Membership, today: date) -> PlanView | None:
    """The plan in force, step 2 read from the jar as it is now; None if there is none."""
    row = current(db, client_id=client.id)
    return None if row is None else view_of(row, jar=_jar(db, client), today=today)


def history(db: Session, *, client: Membership, today: date) -> list[PlanView]:
    """Every version, newest first, with who saved it and when."""
    query = (
        select(SafetyPlanVersion)
        .where(SafetyPlanVersion.client_id == client.id)
        .order_by(SafetyPlanVersion.version.desc())
    )
    rows = list(db.scalars(query))
    jar = _jar(db, client) if rows else {}
    return [view_of(row, jar=jar, today=today) for row in rows]


def jar_choices(db: Session, *, client: Membership) -> list[coping.JarEntry]:
    return choosable(coping.jar_of(db, client=client))


def form_values(plan: PlanView | None, *, today: date) -> dict[str, Any]:
    """What the edit form starts with: the plan in force (step 2 without the
    ways no longer in the jar), and a review date that can still be saved."""
    values: dict[str, Any] = {
        name: "\n".join(plan.steps[name]) if plan else "" for name in TEXT_FIELDS
    }
    values["coping_item_ids"] = [c.item_id for c in plan.coping if c.in_jar] if plan else []
    review = plan.review_on if plan and plan.review_on > today else default_review_on(today)
    values["review_on"] = review.isoformat()
    values["version_base"] = str(plan.version if plan else 0)
    return values


# ---------------------------------------------------------------- saving


def _conflict(version: int) -> PlanError:
    return PlanError(
        409,
        "version_base",
        f"This plan was changed while you were working on it: it is now version {version}. "
        "Nothing is lost, every version is kept. Please look at the newest plan before "
        "saving again.",
        current_version=version,
    )


def save_plan(
    db: Session,
    *,
    client: Membership,
    data: PlanData,
    version_base: int,
    by: Membership,
    now: datetime,
) -> SafetyPlanVersion:
    """Check everything, then add the next version. `version_base` is the version
    the change was based on (0 for the first plan); a stale base is a 409."""
    today = now.date()
    steps = {name: clean_lines(name, getattr(data, name)) for name in TEXT_FIELDS}
    items = check_items(data.coping_item_ids, _jar(db, client))
    review_on = check_review_on(data.review_on, today=today)
    latest = current(db, client_id=client.id)
    have = latest.version if latest else 0
    if version_base != have:
        raise _conflict(have)
    row = SafetyPlanVersion(
        org_id=client.org_id,
        client_id=client.id,
        version=have + 1,
        coping_item_ids=json.dumps(list(items)),
        review_on=review_on,
        saved_at=now,
        saved_by=by.id,
        **{name: json.dumps(list(lines), ensure_ascii=False) for name, lines in steps.items()},
    )
    try:
        with db.begin_nested():
            db.add(row)
    except IntegrityError:
        # Someone saved the same version in the same instant: theirs stands.
        newest = current(db, client_id=client.id)
        raise _conflict(newest.version if newest else have + 1) from None
    return row
