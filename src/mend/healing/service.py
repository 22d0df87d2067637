"""The healing journey: load the client's real data, apply the pure rules
(`stages`, `readiness`, `pacing`) and write what they say to record.

- Readiness for stage 2 is computed from the safety plan's versions, risk
  signals and alerts, coping moments (with each strategy's helpfulness as it
  was when used, and its family from the catalog) and the client's own yes or
  no. A therapist the client does not share their coping or safety plan with
  sees those indicators as "not shared" (not met), never the numbers.
- A stage change goes through `stages.change_stage`; moving into stage 2
  without readiness needs an override reason, and the snapshot of the
  indicators is kept with the change.
- Pacing is checked after each processing session is logged and by the
  safety clock until the session's 72 h window has closed; a slow-down opens
  (or joins) an alert through the safety service, once per session.

Services flush and never commit: the request's transaction commits once.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.care import service as care
from mend.care.policy import Category
from mend.coping import service as coping
from mend.coping.models import CopingMoment as MomentRow
from mend.coping.models import MomentStrategy
from mend.healing import pacing, readiness, stages
from mend.healing.models import (
    ProcessingSession,
    ReadinessDecision,
    StageChange,
    TraumaWorkAgreement,
)
from mend.measures.models import MeasureResponse
from mend.safety import alerts as alert_rules
from mend.safety import service as safety
from mend.safety.models import Alert, RiskSignal, SafetyPlanVersion

log = logging.getLogger("mend.healing")

DECISIONS = ("ready", "not_yet")
MAX_NOTE_CHARS = 4000
# The catalog family that is grounding and relaxation practice (indicator 4).
PRACTICE_FAMILY = "relaxation_grounding"
PACING_KIND = "pacing"
PACING_SOURCE = "processing_session"
# Which shared category each indicator reads; without it the indicator is "not shared".
INDICATOR_CATEGORY: Mapping[str, Category] = {
    "safety_plan": Category.SAFETY_PLAN,
    "helpful_strategies": Category.COPING,
    "grounding_practice": Category.COPING,
    "jar_balance": Category.COPING,
}


class HealingError(Exception):
    """Refused input or a step not possible now, with the field at fault."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


class StaleStageError(HealingError):
    """A stage change based on an older view: the stage has changed since."""

    def __init__(self, version: int) -> None:
        super().__init__(
            409,
            "version",
            "The stage was changed while you were looking at it. "
            "Please look at the journey again before changing it.",
        )
        self.version = version


def _text(value: str | None, field: str, *, required: str | None, limit: int) -> str | None:
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise HealingError(422, field, required)
        return None
    if len(cleaned) > limit:
        raise HealingError(422, field, f"Keep it to {limit} characters.")
    return cleaned


# ---------------------------------------------------------------- stages


def history(db: Session, *, client_id: str) -> list[StageChange]:
    """Every stage change of the client, oldest first."""
    query = select(StageChange).where(StageChange.client_id == client_id)
    return list(db.scalars(query.order_by(StageChange.sequence)))


def current_of(changes: Sequence[StageChange]) -> StageChange | None:
    return changes[-1] if changes else None


def stage_names(org: Organisation) -> Mapping[stages.Stage, str]:
    """The organisation's names for the three stages: its own where it set one."""
    own = {1: org.stage_1_name, 2: org.stage_2_name, 3: org.stage_3_name}
    return stages.rename({n: name for n, name in own.items() if name})


def rename_stages(
    *, org: Organisation, names: Mapping[int, str | None]
) -> Mapping[stages.Stage, str]:
    """Set the organisation's stage names (None or blank: back to the default),
    all or none: `stages.rename` checks the three together before any is kept."""
    kept = {n: name.strip() if name else None for n, name in names.items()}
    found = stages.rename({n: name for n, name in kept.items() if name})
    org.stage_1_name, org.stage_2_name, org.stage_3_name = (
        kept.get(1) or None,
        kept.get(2) or None,
        kept.get(3) or None,
    )
    return found


def change_stage(
    db: Session,
    *,
    client: Membership,
    by: Membership,
    target: int,
    reason: str,
    override_reason: str | None,
    version: int,
    now: datetime,
) -> StageChange:
    """Check the change with `stages.change_stage` and record it with the
    readiness it was made on. `version` is how many changes the therapist saw;
    a stale one is a 409 and nothing is written."""
    changes = history(db, client_id=client.id)
    if version != len(changes):
        raise StaleStageError(len(changes))
    latest = current_of(changes)
    assessed = (
        assess(db, client=client, viewer=by, now=now) if target == stages.NEEDS_READINESS else None
    )
    try:
        change = stages.change_stage(
            current=latest.to_stage if latest else None,
            target=target,
            reason=reason,
            readiness=assessed.readiness if assessed else None,
            override_reason=override_reason,
        )
    except stages.StageError as error:
        raise HealingError(422, error.field, error.message) from None
    row = StageChange(
        org_id=client.org_id,
        client_id=client.id,
        sequence=len(changes) + 1,
        from_stage=None if change.from_stage is None else int(change.from_stage),
        to_stage=int(change.to_stage),
        reason=change.reason,
        override=change.override,
        override_reason=change.override_reason,
        readiness=json.dumps(snapshot(assessed)) if assessed else None,
        changed_by=by.id,
        changed_at=now,
    )
    try:
        with db.begin_nested():
            db.add(row)
    except IntegrityError:
        # Someone changed the stage in the same instant: theirs stands.
        raise StaleStageError(len(history(db, client_id=client.id))) from None
    return row


# ---------------------------------------------------------------- readiness inputs


def _shared(db: Session, *, client: Membership, viewer: Membership | None) -> frozenset[Category]:
    """The categories readiness may read for this viewer: everything for the
    client themself and for the system, what the client shares for a team member."""
    wanted = set(INDICATOR_CATEGORY.values())
    if viewer is None or viewer.id == client.id:
        return frozenset(wanted)
    return frozenset(
        c
        for c in wanted
        if care.is_consented(
            db, client_id=client.id, member_id=viewer.id, team_role_name=viewer.role, category=c
        )
    )


def _tags(family: str, fit_tags: Sequence[str]) -> frozenset[str]:
    tags = set(fit_tags)
    if family == PRACTICE_FAMILY:
        tags |= readiness.PRACTICE_TAGS
    return frozenset(tags)


def load_moments(
    db: Session, *, client: Membership, since: datetime, until: datetime
) -> list[readiness.CopingMoment]:
    """The client's coping moments that happened in [since, until], each with
    its strategies as they were when used and their catalog tags."""
    conn = db.connection()
    window = (
        MomentRow.client_id == client.id,
        MomentRow.occurred_at >= since,
        MomentRow.occurred_at <= until,
    )
    used: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for moment_id, ref, helpfulness in conn.execute(
        select(MomentStrategy.moment_id, MomentStrategy.strategy_ref, MomentStrategy.helpfulness)
        .join(MomentRow, MomentRow.id == MomentStrategy.moment_id)
        .where(*window)
        .order_by(MomentStrategy.moment_id, MomentStrategy.position)
    ):
        used[moment_id].append((ref, helpfulness))
    catalog = coping.catalog_for(db, org_id=client.org_id, client_id=client.id) if used else {}

    def strategy(ref: str, helpfulness: str) -> readiness.StrategyUse:
        found = catalog.get(ref)
        return readiness.StrategyUse(
            id=ref,
            helpfulness=helpfulness,
            tags=_tags(found.family, found.fit_tags) if found else frozenset(),
            name=found.name if found else ref,
        )

    rows = conn.execute(
        select(
            MomentRow.id, MomentRow.occurred_at, MomentRow.distress_before, MomentRow.distress_after
        )
        .where(*window)
        .order_by(MomentRow.occurred_at)
    )
    return [
        readiness.CopingMoment(
            at=at,
            distress_before=before,
            distress_after=after,
            strategies=tuple(strategy(ref, helpful) for ref, helpful in used.get(mid, ())),
        )
        for mid, at, before, after in rows
    ]


def _plan_versions(db: Session, *, client_id: str) -> list[readiness.PlanVersion]:
    query = select(SafetyPlanVersion.saved_at).where(SafetyPlanVersion.client_id == client_id)
    return [readiness.PlanVersion(saved_at=at) for at in db.scalars(query)]


def _risk_signals(
    db: Session, *, client_id: str, since: datetime, until: datetime
) -> list[readiness.RiskSignal]:
    query = select(RiskSignal.kind, RiskSignal.detected_at, RiskSignal.level).where(
        RiskSignal.client_id == client_id,
        RiskSignal.detected_at >= since,
        RiskSignal.detected_at <= until,
    )
    return [
        readiness.RiskSignal(kind=kind, at=at, level=level) for kind, at, level in db.execute(query)
    ]


def open_alerts_at(db: Session, *, client_id: str, at: datetime) -> int:
    """Alerts not resolved at `at` (open or acknowledged), as they stood then."""
    query = select(Alert.resolved_at).where(Alert.client_id == client_id, Alert.opened_at <= at)
    return sum(1 for resolved in db.scalars(query) if resolved is None or resolved > at)


def agreements(db: Session, *, client_id: str) -> list[TraumaWorkAgreement]:
    query = select(TraumaWorkAgreement).where(TraumaWorkAgreement.client_id == client_id)
    return list(db.scalars(query.order_by(TraumaWorkAgreement.said_at)))


def latest_agreement(db: Session, *, client_id: str) -> TraumaWorkAgreement | None:
    said = agreements(db, client_id=client_id)
    return said[-1] if said else None


# ---------------------------------------------------------------- readiness


@dataclass(frozen=True, kw_only=True)
class Assessment:
    """Readiness as this viewer may see it: `not_shared` lists the indicators
    whose data the client does not share with them (shown as not met)."""

    readiness: readiness.Readiness
    not_shared: tuple[str, ...] = ()


def _not_shared(indicator: readiness.Indicator, category: Category) -> readiness.Indicator:
    words = "safety plan" if category is Category.SAFETY_PLAN else "coping"
    return replace(
        indicator,
        verdict=readiness.Verdict.NOT_ENOUGH_DATA,
        numbers={"shared": False},
        explanation=f"The client does not share their {words} with you, so this cannot be "
        "checked; it counts as not met.",
        details=(),
    )


def assess(
    db: Session,
    *,
    client: Membership,
    viewer: Membership | None,
    now: datetime,
    thresholds: readiness.Thresholds = readiness.DEFAULT,
) -> Assessment:
    """The six indicators of readiness for stage 2, from the client's data as of `now`."""
    t = thresholds
    shared = _shared(db, client=client, viewer=viewer)
    days = max(t.helpful_days, t.practice_days, t.balance_days)
    moments = (
        load_moments(db, client=client, since=now - timedelta(days=days), until=now)
        if Category.COPING in shared
        else []
    )
    plans = _plan_versions(db, client_id=client.id) if Category.SAFETY_PLAN in shared else []
    found = readiness.assess(
        now=now,
        plan_versions=plans,
        risk_signals=_risk_signals(
            db, client_id=client.id, since=now - timedelta(days=t.risk_days), until=now
        ),
        open_alerts=open_alerts_at(db, client_id=client.id, at=now),
        moments=moments,
        agreements=[
            readiness.Agreement(agreed=a.agreed, at=a.said_at)
            for a in agreements(db, client_id=client.id)
        ],
        thresholds=t,
    )
    hidden = tuple(k for k, c in INDICATOR_CATEGORY.items() if c not in shared)
    if not hidden:
        return Assessment(readiness=found)
    indicators = tuple(
        _not_shared(i, INDICATOR_CATEGORY[i.key]) if i.key in hidden else i
        for i in found.indicators
    )
    return Assessment(
        readiness=readiness.Readiness(
            now=now, indicators=indicators, ready=all(i.met for i in indicators)
        ),
        not_shared=hidden,
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def indicator_out(indicator: readiness.Indicator) -> dict[str, Any]:
    return {
        "key": indicator.key,
        "number": indicator.number,
        "title": indicator.title,
        "verdict": str(indicator.verdict),
        "numbers": {k: _plain(v) for k, v in indicator.numbers.items()},
        "explanation": indicator.explanation,
        "details": list(indicator.details),
    }


def snapshot(assessed: Assessment) -> dict[str, Any]:
    """What is kept with a decision or a stage change: the indicators then."""
    found = assessed.readiness
    return {
        "assessed_at": found.now.isoformat(),
        "ready": found.ready,
        "unmet": list(found.unmet),
        "not_shared": list(assessed.not_shared),
        "indicators": [indicator_out(i) for i in found.indicators],
    }


def record_decision(
    db: Session,
    *,
    client: Membership,
    by: Membership,
    decision: str,
    reason: str,
    now: datetime,
) -> ReadinessDecision:
    """The therapist's decision about readiness, with its reason and the indicators."""
    if decision not in DECISIONS:
        raise HealingError(422, "decision", "Choose ready or not yet.")
    why = _text(
        reason, "reason", required="Say why you decided this.", limit=stages.MAX_REASON_CHARS
    )
    assessed = assess(db, client=client, viewer=by, now=now)
    row = ReadinessDecision(
        org_id=client.org_id,
        client_id=client.id,
        decision=decision,
        reason=why,
        ready=assessed.readiness.ready,
        indicators=json.dumps(snapshot(assessed)),
        decided_by=by.id,
        decided_at=now,
    )
    db.add(row)
    db.flush()
    return row


def decisions(db: Session, *, client_id: str) -> list[ReadinessDecision]:
    query = select(ReadinessDecision).where(ReadinessDecision.client_id == client_id)
    return list(db.scalars(query.order_by(ReadinessDecision.decided_at)))


def record_agreement(
    db: Session, *, client: Membership, agreed: bool, now: datetime
) -> TraumaWorkAgreement:
    """The client's own yes or no; saying the same again records nothing new."""
    latest = latest_agreement(db, client_id=client.id)
    if latest is not None and latest.agreed == agreed:
        return latest
    row = TraumaWorkAgreement(org_id=client.org_id, client_id=client.id, agreed=agreed, said_at=now)
    db.add(row)
    db.flush()
    return row


# ---------------------------------------------------------------- processing sessions and pacing


def sessions_of(db: Session, *, client_id: str) -> list[ProcessingSession]:
    query = select(ProcessingSession).where(ProcessingSession.client_id == client_id)
    return list(db.scalars(query.order_by(ProcessingSession.session_at.desc())))


@dataclass(frozen=True)
class Logged:
    session: ProcessingSession
    created: bool


def log_session(
    db: Session,
    *,
    client: Membership,
    by: Membership,
    session_at: datetime,
    note: str | None,
    key: str | None,
    now: datetime,
    skew: timedelta,
) -> Logged:
    """Log a processing session (stage 2 only) and check pacing at once.
    A retried request with the same key is stored once."""
    if key is not None:
        query = select(ProcessingSession).where(
            ProcessingSession.client_id == client.id, ProcessingSession.idempotency_key == key
        )
        existing = db.scalars(query).first()
        if existing is not None:
            return Logged(existing, created=False)
    if session_at.tzinfo is None:
        raise HealingError(422, "session_at", "Give the time with its time zone.")
    if session_at > now + skew:
        raise HealingError(422, "session_at", "This time is in the future.")
    text = _text(note, "note", required=None, limit=MAX_NOTE_CHARS)
    changes = history(db, client_id=client.id)
    latest = current_of(changes)
    if latest is None or latest.to_stage != stages.Stage.REMEMBRANCE:
        raise HealingError(
            409,
            "stage",
            "Processing sessions belong to stage 2. Move the client to stage 2 first.",
        )
    # Forms give the minute: a session in the minute of the move counts as after it.
    if session_at < latest.changed_at.replace(second=0, microsecond=0):
        raise HealingError(
            422, "session_at", "This is before the client moved to stage 2; check the date."
        )
    row = ProcessingSession(
        org_id=client.org_id,
        client_id=client.id,
        session_at=min(session_at, now),
        note=text,
        logged_by=by.id,
        logged_at=now,
        idempotency_key=key,
    )
    db.add(row)
    db.flush()
    check_pacing(db, session=row, client=client, now=now)
    return Logged(row, created=True)


def _pcl5_scores(
    db: Session, *, client_id: str, since: datetime, until: datetime
) -> list[pacing.Pcl5Score]:
    query = select(MeasureResponse.completed_at, MeasureResponse.total).where(
        MeasureResponse.client_id == client_id,
        MeasureResponse.instrument_id == "pcl5",
        MeasureResponse.status == "complete",
        MeasureResponse.completed_at >= since,
        MeasureResponse.completed_at <= until,
    )
    return [
        pacing.Pcl5Score(at=at, total=round(total))
        for at, total in db.execute(query)
        if at is not None and total is not None and 0 <= round(total) <= pacing.PCL5_MAX
    ]


def pacing_out(check: pacing.PacingCheck) -> dict[str, Any]:
    return {
        "checked_at": check.now.isoformat(),
        "window_end": check.window_end.isoformat(),
        "complete": check.complete,
        "slow_down": check.slow_down,
        "signals": [
            {
                "key": s.key,
                "title": s.title,
                "status": str(s.status),
                "numbers": {k: _plain(v) for k, v in s.numbers.items()},
                "explanation": s.explanation,
            }
            for s in check.signals
        ],
    }


STATUS_WORDS = {
    pacing.Status.SIGNAL: "slow down",
    pacing.Status.NO_SIGNAL: "no signal",
    pacing.Status.NOT_ENOUGH_DATA: "not enough data",
}


def _evidence(check: pacing.PacingCheck, session: ProcessingSession) -> str:
    """The alert's evidence: each of the three signals with its numbers, in the
    shape the alert page lists (`text` and `why`)."""
    return json.dumps(
        [
            {
                "text": f"{s.title}: {STATUS_WORDS[s.status]}",
                "why": s.explanation,
                "kind": s.key,
                "status": str(s.status),
                "numbers": {k: _plain(v) for k, v in s.numbers.items()},
                "session_id": session.id,
                "session_at": session.session_at.isoformat(),
            }
            for s in check.signals
        ]
    )


def check_pacing(
    db: Session,
    *,
    session: ProcessingSession,
    client: Membership | None = None,
    now: datetime,
    thresholds: pacing.Thresholds = pacing.DEFAULT,
) -> pacing.PacingCheck:
    """The three pacing signals for one session as of `now`, kept on the
    session; a slow-down is a risk signal (kind "pacing", severity concern)
    that opens or joins the client's alert, stored once per session."""
    t = thresholds
    who = client or db.get_one(Membership, session.client_id)
    at = max(now, session.session_at)
    window_end = session.session_at + timedelta(hours=t.window_hours)
    check = pacing.check(
        session_at=session.session_at,
        now=at,
        moments=load_moments(
            db,
            client=who,
            since=session.session_at - timedelta(days=t.baseline_days),
            until=min(at, window_end),
        ),
        pcl5_scores=_pcl5_scores(
            db,
            client_id=who.id,
            since=session.session_at - timedelta(days=t.pcl5_baseline_days),
            until=min(at, window_end),
        ),
        thresholds=t,
    )
    session.pacing = json.dumps(pacing_out(check))
    session.pacing_checked_at = at
    session.pacing_done = check.complete
    if check.slow_down:
        safety.record_signal(
            db,
            org_id=session.org_id,
            client_id=session.client_id,
            kind=PACING_KIND,
            source_type=PACING_SOURCE,
            source_id=session.id,
            level=None,
            now=at,
            severity=alert_rules.Severity.CONCERN,
            evidence=_evidence(check, session),
        )
        session.slow_down_at = session.slow_down_at or at
    db.flush()
    return check


def check_pacing_due(db: Session, *, now: datetime) -> int:
    """For the safety clock: check every session whose window is open, or has
    closed since its last check. Returns how many were checked."""
    query = select(ProcessingSession).where(
        ProcessingSession.pacing_done.is_(False), ProcessingSession.session_at <= now
    )
    due = list(db.scalars(query.order_by(ProcessingSession.session_at)))
    checked = 0
    for session in due:
        try:
            with db.begin_nested():
                check_pacing(db, session=session, now=now)
            checked += 1
        except Exception:  # one bad session must not hold back the clock's escalations
            log.exception("pacing check failed for processing session %s", session.id)
    return checked


def pacing_signal(db: Session, *, session_id: str) -> RiskSignal | None:
    query = select(RiskSignal).where(
        RiskSignal.source_type == PACING_SOURCE,
        RiskSignal.source_id == session_id,
        RiskSignal.kind == PACING_KIND,
    )
    return db.scalars(query).first()


def pacing_signals(db: Session, *, client_id: str) -> dict[str, RiskSignal]:
    """Session id -> its pacing signal, for the client's sessions."""
    query = select(RiskSignal).where(
        RiskSignal.client_id == client_id,
        RiskSignal.source_type == PACING_SOURCE,
        RiskSignal.kind == PACING_KIND,
    )
    return {s.source_id: s for s in db.scalars(query)}


def session_client(db: Session, *, session_id: str, org_id: str) -> str | None:
    query = select(ProcessingSession.client_id).where(
        ProcessingSession.id == session_id, ProcessingSession.org_id == org_id
    )
    return db.scalar(query)
