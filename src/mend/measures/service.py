"""Measurement-based care: which instruments an organisation offers, what is
assigned and due, drafts and completed responses, and change over time.

Services flush and never commit: the request's transaction does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care.models import CareTeamMember
from mend.measures import change, schedules
from mend.measures.change import ClinicalChange
from mend.measures.definitions import DefinitionError, Instrument, instruments, load_definition
from mend.measures.models import (
    ImportedInstrument,
    InstrumentPermission,
    MeasureAssignment,
    MeasureResponse,
)
from mend.measures.scoring import Score, Scorer, ScoringError, scorer
from mend.safety import service as safety
from mend.settings import Settings

# Licence classes an admin must confirm before anyone in the organisation uses them.
GATED = frozenset({"permission-unverified", "non-commercial"})
RISK_FLAG = "risk"
RISKY = frozenset({"positive", "unknown"})
DRAFT, COMPLETE = "draft", "complete"


class MeasureError(Exception):
    """A request the measures rules refuse, with the field at fault."""

    def __init__(self, status: int, field: str, message: str, *, risk: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.field = field
        self.message = message
        self.risk = risk  # a risk answer was seen (and kept) even though this was refused


# ---------------------------------------------------------------- instruments


@dataclass(frozen=True)
class Offered:
    """One instrument as this organisation sees it."""

    instrument: Instrument
    scorer: Scorer
    enabled: bool
    source: str  # shipped | imported
    permission: InstrumentPermission | None = None

    @property
    def gated(self) -> bool:
        return self.source == "shipped" and self.instrument.licence in GATED


@lru_cache(maxsize=64)
def _imported(text: str, source: str) -> tuple[Instrument, Scorer]:
    instrument = load_definition(text, source=source)
    return instrument, Scorer(instrument)


def catalog(db: Session, *, org_id: str) -> dict[str, Offered]:
    """Every instrument the organisation could use, shipped and imported."""
    permissions = {
        p.instrument_id: p
        for p in db.scalars(
            select(InstrumentPermission).where(InstrumentPermission.org_id == org_id)
        )
    }
    offered = {
        key: Offered(
            instrument,
            scorer(key),
            enabled=_shipped_enabled(instrument, permissions.get(key)),
            source="shipped",
            permission=permissions.get(key),
        )
        for key, instrument in instruments().items()
    }
    for row in db.scalars(select(ImportedInstrument).where(ImportedInstrument.org_id == org_id)):
        instrument, compiled = _imported(row.definition, row.source_name)
        offered[instrument.id] = Offered(instrument, compiled, enabled=True, source="imported")
    return offered


def _shipped_enabled(instrument: Instrument, permission: InstrumentPermission | None) -> bool:
    if instrument.licence in GATED:
        return permission is not None and permission.enabled
    return instrument.enabled_by_default


def usable(db: Session, *, org_id: str, instrument_id: str) -> Offered:
    """An instrument the organisation has turned on, or a clear refusal."""
    offered = catalog(db, org_id=org_id).get(instrument_id)
    if offered is None:
        raise MeasureError(404, "instrument_id", "We do not know that questionnaire.")
    if not offered.enabled:
        raise MeasureError(
            409,
            "instrument_id",
            "This questionnaire is not turned on: an organisation admin must first "
            "confirm permission to use it.",
        )
    return offered


def _imported_row(db: Session, *, org_id: str, instrument_id: str) -> ImportedInstrument | None:
    return db.scalar(
        select(ImportedInstrument).where(
            ImportedInstrument.org_id == org_id, ImportedInstrument.instrument_id == instrument_id
        )
    )


def set_permission(
    db: Session,
    *,
    org_id: str,
    instrument_id: str,
    enabled: bool,
    statement: str,
    by: Membership,
    now: datetime,
) -> InstrumentPermission:
    """Record an admin turning a gated instrument on (with what they confirmed) or off."""
    instrument = instruments().get(instrument_id)
    if instrument is None or instrument.licence not in GATED:
        raise MeasureError(
            404, "instrument_id", "Only questionnaires that need permission can be changed here."
        )
    if enabled and not statement.strip():
        raise MeasureError(
            422, "statement", "Please say how your organisation has permission to use it."
        )
    row = db.scalar(
        select(InstrumentPermission).where(
            InstrumentPermission.org_id == org_id,
            InstrumentPermission.instrument_id == instrument_id,
        )
    )
    if row is None:
        row = InstrumentPermission(org_id=org_id, instrument_id=instrument_id)
        db.add(row)
    row.enabled, row.statement = enabled, statement.strip()
    row.confirmed_by, row.confirmed_at = by.id, now
    db.flush()
    return row


def import_definition(
    db: Session, *, org_id: str, text: str, source_name: str, by: Membership, now: datetime
) -> Instrument:
    """Validate a licensed definition file against the shipped schema and keep it."""
    try:
        instrument = load_definition(text, source=source_name)
    except DefinitionError as error:
        raise MeasureError(422, "definition", str(error)) from error
    if instrument.id in instruments():
        raise MeasureError(
            409, "definition", f"{source_name}: id: {instrument.id!r} is a shipped questionnaire."
        )
    row = _imported_row(db, org_id=org_id, instrument_id=instrument.id)
    if row is None:
        row = ImportedInstrument(org_id=org_id, instrument_id=instrument.id)
        db.add(row)
    row.source_name, row.definition = source_name, text
    row.imported_by, row.imported_at = by.id, now
    db.flush()
    return instrument


# ---------------------------------------------------------------- assignments


def assign(
    db: Session,
    *,
    client: Membership,
    instrument: Instrument,
    every_days: int | None,
    starts_at: datetime,
    by: Membership,
    now: datetime,
) -> MeasureAssignment:
    assignment = MeasureAssignment(
        org_id=client.org_id,
        client_id=client.id,
        instrument_id=instrument.id,
        every_days=every_days,
        starts_at=starts_at,
        assigned_by=by.id,
        created_at=now,
    )
    db.add(assignment)
    db.flush()
    return assignment


def end_assignment(
    db: Session, *, assignment: MeasureAssignment, by: Membership, now: datetime
) -> None:
    if assignment.ended_at is None:
        assignment.ended_at, assignment.ended_by = now, by.id
        db.flush()


def get_assignment(db: Session, *, client_id: str, assignment_id: str) -> MeasureAssignment:
    """The client's own assignment; anyone else's is 'not found', never 'forbidden'."""
    assignment = db.get(MeasureAssignment, assignment_id)
    if assignment is None or assignment.client_id != client_id:
        raise MeasureError(404, "assignment_id", "We could not find that questionnaire.")
    return assignment


def assignments_of(
    db: Session, *, client_id: str, include_ended: bool = False
) -> list[MeasureAssignment]:
    query = select(MeasureAssignment).where(MeasureAssignment.client_id == client_id)
    if not include_ended:
        query = query.where(MeasureAssignment.ended_at.is_(None))
    return list(db.scalars(query.order_by(MeasureAssignment.created_at)))


def overdue_after(settings: Settings) -> timedelta:
    return timedelta(days=settings.measure_overdue_days)


def schedule_of(assignment: MeasureAssignment) -> schedules.Schedule:
    return schedules.Schedule(
        starts_at=assignment.starts_at,
        every_days=assignment.every_days,
        ended_at=assignment.ended_at,
    )


@dataclass(frozen=True)
class DueItem:
    assignment: MeasureAssignment
    instrument: Instrument
    due: schedules.Due
    draft: MeasureResponse | None


def due_for(
    db: Session,
    *,
    client_ids: Sequence[str],
    org_id: str,
    now: datetime,
    overdue_after: timedelta,
) -> list[DueItem]:
    """What each of these clients owes now, oldest first."""
    if not client_ids:
        return []
    active = list(
        db.scalars(
            select(MeasureAssignment).where(
                MeasureAssignment.client_id.in_(client_ids), MeasureAssignment.ended_at.is_(None)
            )
        )
    )
    completed, drafts = _responses_by_assignment(db, [a.id for a in active])
    offered = catalog(db, org_id=org_id)
    found = []
    for assignment in active:
        waiting = schedules.due(
            schedule_of(assignment),
            completed=completed.get(assignment.id, []),
            now=now,
            overdue_after=overdue_after,
        )
        if waiting is not None and assignment.instrument_id in offered:
            instrument = offered[assignment.instrument_id].instrument
            found.append(DueItem(assignment, instrument, waiting, drafts.get(assignment.id)))
    return sorted(found, key=lambda item: item.due.since)


def _responses_by_assignment(
    db: Session, assignment_ids: Sequence[str]
) -> tuple[dict[str, list[datetime]], dict[str, MeasureResponse]]:
    completed: dict[str, list[datetime]] = {}
    if not assignment_ids:
        return completed, {}
    # Only the completion times: years of answers need not become objects here.
    times = db.execute(
        select(MeasureResponse.assignment_id, MeasureResponse.completed_at).where(
            MeasureResponse.assignment_id.in_(assignment_ids),
            MeasureResponse.status == COMPLETE,
        )
    )
    for assignment_id, at in times:
        if at is not None:
            completed.setdefault(assignment_id, []).append(at)
    drafts = db.scalars(
        select(MeasureResponse).where(
            MeasureResponse.assignment_id.in_(assignment_ids), MeasureResponse.status == DRAFT
        )
    )
    return completed, {d.assignment_id: d for d in drafts}


# ---------------------------------------------------------------- responses


def check_answers(
    scoring: Scorer, answers: Sequence[int | None], *, cutoff: float | None = None
) -> Score:
    """Score the answers (every algorithm the definition has, optional ones too:
    who may see them is decided when showing), or name the field at fault."""
    algorithms = [a.id for a in scoring.instrument.algorithms]
    try:
        return scoring.score(answers, cutoff=cutoff, algorithms=algorithms)
    except ScoringError as error:
        where = f"answers.{error.item}" if error.item else "answers"
        raise MeasureError(422, where, str(error)) from error


def draft_of(db: Session, *, assignment: MeasureAssignment) -> MeasureResponse | None:
    return db.scalar(
        select(MeasureResponse).where(
            MeasureResponse.assignment_id == assignment.id, MeasureResponse.status == DRAFT
        )
    )


def _open_draft(db: Session, assignment: MeasureAssignment, now: datetime) -> MeasureResponse:
    draft = draft_of(db, assignment=assignment)
    if draft is None:
        draft = MeasureResponse(
            org_id=assignment.org_id,
            client_id=assignment.client_id,
            instrument_id=assignment.instrument_id,
            assignment_id=assignment.id,
            status=DRAFT,
            answers=[],
            started_at=now,
            updated_at=now,
        )
        db.add(draft)
    return draft


def _check_open(assignment: MeasureAssignment, now: datetime) -> None:
    if assignment.ended_at is not None and assignment.ended_at <= now:
        raise MeasureError(
            409, "assignment_id", "Your therapist has closed this questionnaire; nothing was saved."
        )


def save_draft(
    db: Session,
    *,
    assignment: MeasureAssignment,
    scoring: Scorer,
    answers: Sequence[int | None],
    now: datetime,
) -> MeasureResponse:
    """Keep the answers so far. A draft is never scored, but a risk answer in it
    is still a risk signal: the client may never press 'finish'."""
    _check_open(assignment, now)
    result = check_answers(scoring, answers)
    draft = _open_draft(db, assignment, now)
    draft.answers, draft.updated_at = list(answers), now
    db.flush()
    if result.flags.get(RISK_FLAG) == "positive":
        _signal(db, draft, scoring.instrument, answers, now)
    return draft


@dataclass(frozen=True)
class Completed:
    response: MeasureResponse
    score: Score
    risk: bool


def complete(
    db: Session,
    *,
    assignment: MeasureAssignment,
    scoring: Scorer,
    answers: Sequence[int | None],
    now: datetime,
    cutoff: float | None = None,
) -> Completed:
    """Score and store a finished questionnaire; its draft becomes the response."""
    _check_open(assignment, now)
    result = check_answers(scoring, answers, cutoff=cutoff)
    if not result.scorable:
        risk = result.flags.get(RISK_FLAG) == "positive"
        if risk:
            # Too few answers to score, but a risk answer must never be lost:
            # keep them as a draft (which stores the signal) and say so.
            save_draft(db, assignment=assignment, scoring=scoring, answers=answers, now=now)
        reason = result.reason or "Some answers are missing."
        raise MeasureError(422, "answers", reason, risk=risk)
    response = _open_draft(db, assignment, now)
    response.answers, response.updated_at = list(answers), now
    response.status, response.completed_at = COMPLETE, now
    response.total, response.band = result.total, result.band
    response.result = score_record(result)
    db.flush()
    risk = result.flags.get(RISK_FLAG) in RISKY
    if risk:
        _signal(db, response, scoring.instrument, answers, now)
    return Completed(response, result, risk)


def score_record(result: Score) -> dict[str, Any]:
    return {
        "subscales": result.subscales,
        "groupings": result.groupings,
        "flags": result.flags,
        "algorithms": result.algorithms,
        "derived": result.derived,
        "prorated": result.prorated,
        "missing_items": list(result.missing_items),
    }


def _signal(
    db: Session,
    response: MeasureResponse,
    instrument: Instrument,
    answers: Sequence[int | None],
    now: datetime,
) -> None:
    flag = next(f for f in instrument.flags if f.name == RISK_FLAG)
    levels = [answers[n - 1] for n in flag.items if n - 1 < len(answers)]
    known = [level for level in levels if level is not None]
    safety.record_signal(
        db,
        org_id=response.org_id,
        client_id=response.client_id,
        kind=f"{instrument.id}_risk_item"[:32],
        source_type="measure_response",
        source_id=response.id,
        level=max(known) if known else None,
        now=now,
    )


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Point:
    response_id: str
    at: datetime
    total: float | None
    band: str | None
    flags: dict[str, str]
    algorithms: dict[str, str]
    subscales: dict[str, int | None]
    prorated: bool
    change: change.ReliableChange | None = None  # against the first score


@dataclass(frozen=True)
class Series:
    instrument: Instrument
    points: list[Point] = field(default_factory=list)

    @property
    def change(self) -> change.ReliableChange | None:
        return self.points[-1].change if len(self.points) > 1 else None

    @property
    def clinical(self) -> ClinicalChange | None:
        """First to latest, read against the published clinical cut-off."""
        return clinical_change(self.instrument, self.points)


def clinical_change(
    instrument: Instrument, points: Sequence[Point]
) -> change.ClinicalChange | None:
    scored = [p.total for p in points if p.total is not None]
    rule = change_rule(instrument)
    if len(scored) < 2 or rule is None or instrument.cutoff is None:
        return None
    threshold, norms = rule
    return change.clinically_significant_change(
        before=scored[0],
        after=scored[-1],
        threshold=threshold,
        norms=norms,
        cutoff=float(instrument.cutoff.value),
        higher_is_worse=instrument.higher_is_worse is not False,
    )


def completed_responses(db: Session, *, client_id: str) -> list[MeasureResponse]:
    return list(
        db.scalars(
            select(MeasureResponse)
            .where(MeasureResponse.client_id == client_id, MeasureResponse.status == COMPLETE)
            .order_by(MeasureResponse.completed_at)
        )
    )


def load_points(db: Session, *, client_id: str) -> dict[str, list[Point]]:
    """Every completed score of the client, by instrument, oldest first."""
    rows = (
        db.connection()
        .execute(
            select(
                MeasureResponse.id,
                MeasureResponse.instrument_id,
                MeasureResponse.completed_at,
                MeasureResponse.total,
                MeasureResponse.band,
                MeasureResponse.result,
            )
            .where(MeasureResponse.client_id == client_id, MeasureResponse.status == COMPLETE)
            .order_by(MeasureResponse.completed_at)
        )
        .all()
    )
    points: dict[str, list[Point]] = {}
    for rid, instrument_id, at, total, band, result in rows:
        record = result or {}
        points.setdefault(instrument_id, []).append(
            Point(
                response_id=rid,
                at=at,
                total=_whole(total),
                band=band,
                flags=record.get("flags", {}),
                algorithms=record.get("algorithms", {}),
                subscales=record.get("subscales", {}),
                prorated=bool(record.get("prorated")),
            )
        )
    return points


def _whole(value: float | None) -> float | None:
    # Totals are stored as floats (CORE-10 and BRS can have decimals); a whole
    # number is shown as one.
    return int(value) if value is not None and float(value).is_integer() else value


def with_change(instrument: Instrument, points: Sequence[Point]) -> list[Point]:
    """Each point with its reliable change from the first score (pure)."""
    if not points or points[0].total is None:
        return list(points)
    first = points[0].total
    return [
        p if i == 0 or p.total is None else _changed(p, instrument, first)
        for i, p in enumerate(points)
    ]


def _changed(point: Point, instrument: Instrument, first: float) -> Point:
    assert point.total is not None
    rule = change_rule(instrument)
    if rule is None:
        return point
    threshold, norms = rule
    moved = change.reliable_change(
        before=first,
        after=point.total,
        threshold=threshold,
        norms=norms,
        higher_is_worse=instrument.higher_is_worse is not False,
    )
    return replace(point, change=moved)


def change_rule(instrument: Instrument) -> tuple[float | None, change.Norms | None] | None:
    """The published threshold, or norms for Jacobson-Truax, or None (no direction)."""
    if instrument.higher_is_worse is None:
        return None
    published = instrument.change.reliable_change
    norms = instrument.change.norms
    if published is None and norms is None:
        return None
    as_norms = (
        None
        if norms is None
        else change.Norms(
            clinical_mean=norms.clinical_mean,
            clinical_sd=norms.clinical_sd,
            functional_mean=norms.functional_mean,
            functional_sd=norms.functional_sd,
            reliability=norms.reliability,
            sd=norms.sd,
        )
    )
    return (float(published) if published is not None else None), as_norms


@dataclass(frozen=True)
class Course:
    """A course of treatment: one therapist's time on the client's care team."""

    therapist_id: str
    started_at: datetime
    ended_at: datetime | None
    paired: change.PairedCourse | None


@dataclass(frozen=True)
class Results:
    series: list[Series]
    paired: change.PairedCourse | None
    courses: list[Course] = field(default_factory=list)


def results(db: Session, *, client_id: str, org_id: str) -> Results:
    offered = catalog(db, org_id=org_id)
    points = load_points(db, client_id=client_id)
    series = [
        Series(offered[key].instrument, with_change(offered[key].instrument, found))
        for key, found in points.items()
        if key in offered
    ]
    episodes = [(e.member_id, e.added_at, e.ended_at) for e in _therapy_episodes(db, client_id)]
    return Results(
        series=series, paired=paired_from(points), courses=courses_from(points, episodes)
    )


def _therapy_episodes(db: Session, client_id: str) -> list[CareTeamMember]:
    return list(
        db.scalars(
            select(CareTeamMember)
            .where(CareTeamMember.client_id == client_id, CareTeamMember.role == "therapist")
            .order_by(CareTeamMember.added_at)
        )
    )


def courses_from(
    points: dict[str, list[Point]],
    episodes: Sequence[tuple[str, datetime, datetime | None]],
) -> list[Course]:
    """The paired outcome within each therapist's time with the client."""
    found = []
    for therapist_id, started, ended in episodes:
        inside = {
            key: [p for p in series if p.at >= started and (ended is None or p.at < ended)]
            for key, series in points.items()
        }
        found.append(Course(therapist_id, started, ended, paired_from(inside)))
    return found


def paired_from(points: dict[str, list[Point]]) -> change.PairedCourse | None:
    """The NHS Talking Therapies paired outcome over the whole course so far."""
    phq9, gad7 = points.get("phq9"), points.get("gad7")
    if not phq9 or not gad7:
        return None
    return change.paired_course(
        phq9_series=[(p.at, int(p.total)) for p in phq9 if p.total is not None],
        gad7_series=[(p.at, int(p.total)) for p in gad7 if p.total is not None],
    )
