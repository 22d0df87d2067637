"""Progress reports: load one client's rows for a period, hand them to the pure
`content` module, and keep the shares the client agrees to.

- The client's own report is the ``client`` version of everything they have.
- The treating therapist's is the ``clinician`` version, each section only if
  the client shares its category with them (healing is the therapist's own
  record); the rest is marked "not shared", never shown.
- A share is asked for by the treating therapist and waits for the client.
  What the client reads before saying yes is the ``client`` version limited
  to the sections asked for and to what they share with that therapist; at
  their yes exactly that is frozen (sealed JSON and its fingerprint), and the
  recipient only ever sees the frozen copy, while the share stands.

Services flush and never commit: the request's transaction commits once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import Membership
from mend.accounts.roles import Role
from mend.care import service as care
from mend.care.goals import rules as goal_rules
from mend.care.goals.models import Goal, GoalCheckIn
from mend.care.homework import service as homework
from mend.care.policy import Category
from mend.coping import service as coping
from mend.healing import service as healing
from mend.measures import service as measures
from mend.measures.definitions import Instrument
from mend.measures.models import MeasureResponse
from mend.reports import content, rules
from mend.reports.models import ReportShare
from mend.reports.rules import (
    COPING,
    GOALS_HOMEWORK,
    HEALING,
    MEASURES,
    SECTIONS,
    Period,
    ReportError,
    ShareStatus,
    Step,
)
from mend.safety.models import Alert
from mend.settings import Settings

# Which category of the client's record each section reads. Healing has none
# here: it is the treating therapist's own record (policy: ALWAYS).
SECTION_CATEGORY: Mapping[str, Category] = {
    MEASURES: Category.MEASURES,
    COPING: Category.COPING,
    GOALS_HOMEWORK: Category.GOALS_HOMEWORK,
}
RECIPIENT_ROLES = frozenset({Role.COACH.value, Role.THERAPIST.value})


@dataclass(frozen=True, kw_only=True)
class Limits:
    """The settings a report reads (named settings, as elsewhere)."""

    pcl5_cutoff: int = 33
    grief_days: int = 14
    grief_minimum: int = 5

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            pcl5_cutoff=settings.pcl5_cutoff,
            grief_days=settings.grief_window_days,
            grief_minimum=settings.grief_minimum_moments,
        )


# ---------------------------------------------------------------- the period


def period_for(*, client: Membership, start: str | None, end: str | None, now: datetime) -> Period:
    """The period asked for, in the organisation's days (422 with the field)."""
    return rules.parse_period(start, end, today=accounts.today_for(client.org, now))


# ---------------------------------------------------------------- who sees which sections


def withheld(db: Session, *, client: Membership, viewer: Membership | None) -> tuple[str, ...]:
    """The sections whose category the client does not share with this viewer."""
    if viewer is None or viewer.id == client.id:
        return ()
    return tuple(
        section
        for section, category in SECTION_CATEGORY.items()
        if not care.is_consented(
            db,
            client_id=client.id,
            member_id=viewer.id,
            team_role_name=viewer.role,
            category=category,
        )
    )


# ---------------------------------------------------------------- loading


def _facts(instrument: Instrument, limits: Limits) -> content.InstrumentFacts:
    rule = measures.change_rule(instrument)
    threshold, norms = rule if rule is not None else (None, None)
    cutoff = None if instrument.cutoff is None else float(instrument.cutoff.value)
    if instrument.id == "pcl5":
        cutoff = float(limits.pcl5_cutoff)  # a setting (instruments.md)
    low, high = instrument.scoring.range or (None, None)
    return content.InstrumentFacts(
        id=instrument.id,
        short_name=instrument.short_name,
        name=instrument.name,
        citation=instrument.citation,
        higher_is_worse=instrument.higher_is_worse,
        threshold=threshold,
        norms=norms,
        cutoff=cutoff,
        low=None if low is None else float(low),
        high=None if high is None else float(high),
        subscales=tuple((s.id, s.name) for s in instrument.scoring.subscales),
    )


def _measures(
    db: Session, client: Membership, since: datetime, until: datetime, limits: Limits
) -> list[tuple[content.InstrumentFacts, list[content.Score]]]:
    rows = db.execute(
        select(
            MeasureResponse.instrument_id,
            MeasureResponse.completed_at,
            MeasureResponse.total,
            MeasureResponse.band,
            MeasureResponse.result,
        )
        .where(
            MeasureResponse.client_id == client.id,
            MeasureResponse.status == measures.COMPLETE,
            MeasureResponse.completed_at >= since,
            MeasureResponse.completed_at < until,
        )
        .order_by(MeasureResponse.completed_at)
    ).all()
    if not rows:
        return []
    offered = measures.catalog(db, org_id=client.org_id)
    found: dict[str, list[content.Score]] = {}
    for instrument_id, at, total, band, result in rows:
        if instrument_id not in offered or at is None:
            continue
        subscales = (result or {}).get("subscales", {})
        found.setdefault(instrument_id, []).append(
            content.Score(at=at, total=_whole(total), band=band, subscales=subscales)
        )
    return [
        (_facts(offered[key].instrument, limits), found[key])
        for key in sorted(found, key=content.instrument_order)
    ]


def _whole(total: float | None) -> float | None:
    # Totals are stored as floats (CORE-10 and BRS can have decimals); a whole
    # number reads as one.
    return int(total) if total is not None and float(total).is_integer() else total


def _moments(
    db: Session, client: Membership, since: datetime, until: datetime
) -> tuple[list[Any], dict[str, str], dict[str, float]]:
    moments = [m for m in coping.load_moments(db, client_id=client.id, since=since) if m.at < until]
    refs = {sid for m in moments for sid, _, _ in m.strategies}
    if not refs:
        return moments, {}, {}
    catalog = coping.catalog_for(db, org_id=client.org_id, client_id=client.id)
    names = {ref: catalog[ref].name for ref in refs if ref in catalog}
    priors = coping.population_priors(db, org_id=client.org_id, client_id=client.id, refs=refs)
    return moments, names, priors


def _goals(
    db: Session, client: Membership, since: datetime, until: datetime
) -> list[content.GoalRow]:
    accepted = [s.value for s in goal_rules.ACCEPTED]
    finished = (goal_rules.Status.ACHIEVED.value, goal_rules.Status.LET_GO.value)
    goals = [
        g
        for g in db.scalars(
            select(Goal)
            .where(
                Goal.client_id == client.id,
                Goal.status.in_(accepted),
                Goal.accepted_at < until,
            )
            .order_by(Goal.accepted_at, Goal.id)
        )
        # A goal reached or let go before the period began is not part of it.
        if not (g.status in finished and g.status_changed_at < since)
    ]
    check_ins: dict[str, list[tuple[datetime, int]]] = {g.id: [] for g in goals}
    if goals:
        query = (
            select(GoalCheckIn.goal_id, GoalCheckIn.at, GoalCheckIn.progress)
            .where(
                GoalCheckIn.goal_id.in_(list(check_ins)),
                GoalCheckIn.at >= since,
                GoalCheckIn.at < until,
            )
            .order_by(GoalCheckIn.at, GoalCheckIn.id)
        )
        for goal_id, at, progress in db.execute(query):
            check_ins[goal_id].append((at, progress))
    return [
        content.GoalRow(
            title=g.title, status=g.status, check_ins=tuple(check_ins[g.id]), target=g.target_date
        )
        for g in goals
    ]


def _homework(
    db: Session, client: Membership, since: datetime, until: datetime, now: datetime
) -> list[content.HomeworkRow]:
    return [
        content.HomeworkRow(
            title=v.homework.title,
            kind=v.homework.kind,
            due_at=v.homework.due_at,
            status=v.status,
            completed_at=v.standing.completed_at,
        )
        for v in homework.homework_of(db, client_id=client.id, now=now)
        if since <= v.homework.due_at < until
    ]


def _titles(snapshot: Mapping[str, Any]) -> tuple[str, ...]:
    unmet = set(snapshot.get("unmet", []))
    return tuple(i["title"] for i in snapshot.get("indicators", []) if i.get("key") in unmet)


def _signals(evidence: str | None, pacing: str | None) -> tuple[content.PacingSignal, ...]:
    """The pacing signals as the alert gave them (its evidence), else the newest check."""
    if evidence:
        items = json.loads(evidence)
        return tuple(
            content.PacingSignal(
                key=str(e.get("kind", "")),
                title=str(e.get("text", "")).split(":")[0],
                slow_down=e.get("status") == "signal",
            )
            for e in items
            if isinstance(e, dict)
        )
    if pacing:
        return tuple(
            content.PacingSignal(key=s["key"], title=s["title"], slow_down=s["status"] == "signal")
            for s in json.loads(pacing).get("signals", [])
        )
    return ()


def _healing(db: Session, client: Membership, since: datetime, until: datetime) -> dict[str, Any]:
    changes = healing.history(db, client_id=client.id)
    before = [c for c in changes if c.changed_at < since]
    moves = [
        content.StageMove(
            at=c.changed_at,
            from_stage=c.from_stage,
            to_stage=c.to_stage,
            ready=snap.get("ready") if snap else None,
            override=c.override,
            unmet=_titles(snap) if snap else (),
            reason=c.reason,
            override_reason=c.override_reason,
            by=c.changer.user.display_name,
        )
        for c in changes
        if since <= c.changed_at < until
        for snap in [json.loads(c.readiness) if c.readiness else None]
    ]
    decisions = [
        content.Decision(
            at=d.decided_at,
            decision=d.decision,
            ready=d.ready,
            reason=d.reason,
            by=d.decider.user.display_name,
        )
        for d in healing.decisions(db, client_id=client.id)
        if since <= d.decided_at < until
    ]
    agreements = [
        content.Agreement(at=a.said_at, agreed=a.agreed)
        for a in healing.agreements(db, client_id=client.id)
        if since <= a.said_at < until
    ]
    ordered = list(reversed(healing.sessions_of(db, client_id=client.id)))
    inside = [(n, s) for n, s in enumerate(ordered, start=1) if since <= s.session_at < until]
    signals = healing.pacing_signals(db, client_id=client.id) if inside else {}
    alert_ids = {sig.alert_id for sig in signals.values() if sig.alert_id}
    alerts = (
        {a.id: a for a in db.scalars(select(Alert).where(Alert.id.in_(alert_ids)))}
        if alert_ids
        else {}
    )
    sessions = []
    for n, s in inside:
        signal = signals.get(s.id)
        raised = signal is not None and signal.detected_at < until
        alert = alerts.get(signal.alert_id) if raised and signal and signal.alert_id else None
        sessions.append(
            content.ProcessingSession(
                at=s.session_at,
                number=n,
                alert_at=signal.detected_at if raised and signal else None,
                signals=_signals(signal.evidence, s.pacing) if raised and signal else (),
                acknowledged_at=_before(alert.acknowledged_at, until) if alert else None,
                resolved_at=_before(alert.resolved_at, until) if alert else None,
            )
        )
    return {
        "stage_before": before[-1].to_stage if before else None,
        "moves": moves,
        "decisions": decisions,
        "agreements": agreements,
        "sessions": sessions,
    }


def _before(at: datetime | None, until: datetime) -> datetime | None:
    """What happened by the end of the period; later steps are another period's."""
    return at if at is not None and at < until else None


# ---------------------------------------------------------------- building


def build(
    db: Session,
    *,
    client: Membership,
    period: Period,
    audience: content.Audience,
    sections: Sequence[str] = SECTIONS,
    not_shared: Sequence[str] = (),
    limits: Limits,
    now: datetime,
) -> dict[str, Any]:
    """The report's content, loading only the sections it will show."""
    zone = accounts.zone_of(client.org)
    since, until = period.bounds(zone)
    shown = {s for s in sections if s not in not_shared}
    moments, names, priors = _moments(db, client, since, until) if COPING in shown else ([], {}, {})
    found = content.build(
        content.Inputs(
            client_name=client.user.display_name,
            period=period,
            zone=zone,
            audience=audience,
            sections=tuple(sections),
            not_shared=tuple(not_shared),
            measures=_measures(db, client, since, until, limits) if MEASURES in shown else (),
            moments=moments,
            strategy_names=names,
            priors=priors,
            grief_days=limits.grief_days,
            grief_minimum=limits.grief_minimum,
            goals=_goals(db, client, since, until) if GOALS_HOMEWORK in shown else (),
            homework=_homework(db, client, since, until, now) if GOALS_HOMEWORK in shown else (),
            until=min(until, now),
            stage_names=healing.stage_names(client.org),
            **(
                _healing(db, client, since, until)
                if HEALING in shown
                else {
                    "stage_before": None,
                    "moves": (),
                    "decisions": (),
                    "agreements": (),
                    "sessions": (),
                }
            ),
        )
    )
    return found | {"generated_at": now.isoformat(), "timezone": str(zone)}


def for_viewer(
    db: Session,
    *,
    client: Membership,
    viewer: Membership,
    period: Period,
    limits: Limits,
    now: datetime,
) -> dict[str, Any]:
    """The client's own report, or the treating therapist's clinical one."""
    own = viewer.id == client.id
    return build(
        db,
        client=client,
        period=period,
        audience="client" if own else "clinician",
        not_shared=withheld(db, client=client, viewer=viewer),
        limits=limits,
        now=now,
    )


# ---------------------------------------------------------------- shares


def shares_of(db: Session, *, client_id: str) -> list[ReportShare]:
    query = select(ReportShare).where(ReportShare.client_id == client_id)
    return list(db.scalars(query.order_by(ReportShare.requested_at.desc(), ReportShare.id)))


def pending_count(db: Session, *, client_id: str) -> int:
    return sum(1 for s in shares_of(db, client_id=client_id) if s.status == ShareStatus.PENDING)


def get_share(db: Session, *, client_id: str, share_id: str) -> ReportShare:
    """The client's own share; anyone else's is 'not found'."""
    share = db.get(ReportShare, share_id)
    if share is None or share.client_id != client_id:
        raise ReportError(404, "share_id", "We could not find that share.")
    return share


def visible_to(share: ReportShare, viewer: Membership) -> bool:
    """Who may know a share exists: the client, the therapist who asked, and
    the named recipient once the client has said yes (a withdrawn one stays
    listed for them, closed; a request still waiting or declined is never
    theirs to know about)."""
    if viewer.id in (share.client_id, share.requested_by):
        return True
    seen = (ShareStatus.APPROVED.value, ShareStatus.WITHDRAWN.value)
    return share.recipient_id == viewer.id and share.status in seen


def shares_for(db: Session, *, client_id: str, viewer: Membership) -> list[ReportShare]:
    return [s for s in shares_of(db, client_id=client_id) if visible_to(s, viewer)]


def status_of(share: ReportShare) -> ShareStatus:
    return ShareStatus(share.status)


def sections_of(share: ReportShare) -> tuple[str, ...]:
    return tuple(s for s in share.sections.split(",") if s)


def period_of(share: ReportShare) -> Period:
    return Period(share.period_start, share.period_end)


def _recipient(
    db: Session, *, client: Membership, by: Membership, recipient_id: str | None
) -> Membership:
    if recipient_id is None or recipient_id == by.id:
        raise ReportError(422, "recipient_id", "Choose someone else on the client's care team.")
    role = care.team_role(db, client_id=client.id, member_id=recipient_id)
    member = db.get(Membership, recipient_id) if role in RECIPIENT_ROLES else None
    if member is None:
        raise ReportError(422, "recipient_id", "Choose someone on the client's care team.")
    return member


@dataclass(frozen=True)
class Requested:
    share: ReportShare
    created: bool


def request_share(
    db: Session,
    *,
    client: Membership,
    by: Membership,
    period: Period,
    recipient_id: str | None,
    recipient_name: str | None,
    purpose: str,
    sections: Sequence[str],
    now: datetime,
) -> Requested:
    """The therapist's request; nothing is shared until the client says yes.
    The same request again while it waits (a double click) is stored once."""
    if recipient_id and recipient_name and recipient_name.strip():
        raise ReportError(
            422,
            "recipient",
            "Choose one recipient: someone on the care team or someone outside the practice.",
        )
    if not recipient_id and recipient_name is None:
        raise ReportError(422, "recipient", "Choose who the report is for.")
    member = (
        _recipient(db, client=client, by=by, recipient_id=recipient_id) if recipient_id else None
    )
    name = None if member else rules.clean_recipient_name(recipient_name)
    why = rules.clean_purpose(purpose)
    chosen = rules.clean_sections(sections)
    for s in shares_of(db, client_id=client.id):
        same = (
            s.status == ShareStatus.PENDING
            and s.requested_by == by.id
            and (s.recipient_id, s.recipient_name) == (member.id if member else None, name)
            and period_of(s) == period
            and sections_of(s) == chosen
            and s.purpose == why
        )
        if same:
            return Requested(s, created=False)
    share = ReportShare(
        org_id=client.org_id,
        client_id=client.id,
        requested_by=by.id,
        requested_at=now,
        period_start=period.start,
        period_end=period.end,
        sections=",".join(chosen),
        recipient_id=member.id if member else None,
        recipient_name=name,
        purpose=why,
        status=ShareStatus.PENDING.value,
    )
    db.add(share)
    db.flush()
    return Requested(share, created=True)


def preview(
    db: Session, *, share: ReportShare, client: Membership, limits: Limits, now: datetime
) -> dict[str, Any]:
    """What the recipient would get if the client said yes now: the client's
    own words, limited to the sections asked for and to what the client shares
    with the therapist who asked."""
    requester = db.get_one(Membership, share.requested_by)
    return build(
        db,
        client=client,
        period=period_of(share),
        audience="client",
        sections=sections_of(share),
        not_shared=withheld(db, client=client, viewer=requester),
        limits=limits,
        now=now,
    )


def frozen(share: ReportShare) -> dict[str, Any] | None:
    """The copy the client said yes to (None before a yes)."""
    if not share.snapshot:
        return None
    found: dict[str, Any] = json.loads(share.snapshot)
    return found


def _still_on_team(db: Session, share: ReportShare) -> None:
    if share.recipient_id is None:
        return
    if care.team_role(db, client_id=share.client_id, member_id=share.recipient_id) is None:
        raise ReportError(
            409,
            "recipient_id",
            "The person this was for is no longer on your care team, so it cannot be shared.",
        )


def _set(db: Session, share: ReportShare, expected: ShareStatus, **values: Any) -> bool:
    """Move the share only if it still stands where we read it: two answers at
    once (two tabs) cannot both win."""
    result = db.execute(
        update(ReportShare)
        .where(ReportShare.id == share.id, ReportShare.status == expected.value)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.flush()
    db.refresh(share)
    return bool(getattr(result, "rowcount", 0) == 1)


@dataclass(frozen=True)
class Answered:
    share: ReportShare
    changed: bool
    current: dict[str, Any] | None = None  # the newest preview, when a yes was stale


class StaleApprovalError(ReportError):
    def __init__(self, error: ReportError, current: dict[str, Any]) -> None:
        super().__init__(error.status, error.field, error.message)
        self.current = current


def approve(
    db: Session,
    *,
    share: ReportShare,
    client: Membership,
    seen: str | None,
    limits: Limits,
    now: datetime,
) -> Answered:
    """The client's yes to the copy they saw (``seen``: its fingerprint).

    Idempotent: a second yes changes nothing and says so. A yes to a copy that
    is no longer what the report says is 409 (StaleApprovalError carries the
    current copy to show instead); so is a yes to a declined or withdrawn one.
    """
    if status_of(share) is not ShareStatus.PENDING:
        rules.approve(status_of(share), seen=seen, current="")
        return Answered(share, changed=False)
    _still_on_team(db, share)
    current = preview(db, share=share, client=client, limits=limits, now=now)
    printed = content.fingerprint(current)
    try:
        rules.approve(ShareStatus.PENDING, seen=seen, current=printed)
    except ReportError as error:
        raise StaleApprovalError(error, current) from None
    moved = _set(
        db,
        share,
        ShareStatus.PENDING,
        status=ShareStatus.APPROVED.value,
        decided_at=now,
        snapshot=json.dumps(current, ensure_ascii=False),
        fingerprint=printed,
    )
    if not moved:  # answered in another tab meanwhile: read what stands now
        rules.approve(status_of(share), seen=seen, current=printed)
        return Answered(share, changed=False)
    return Answered(share, changed=True)


def decline(db: Session, *, share: ReportShare, now: datetime) -> Answered:
    if rules.decline(status_of(share)) is Step.ALREADY:
        return Answered(share, changed=False)
    if not _set(db, share, ShareStatus.PENDING, status=ShareStatus.DECLINED.value, decided_at=now):
        rules.decline(status_of(share))
        return Answered(share, changed=False)
    return Answered(share, changed=True)


def withdraw(db: Session, *, share: ReportShare, now: datetime) -> Answered:
    """The client takes their yes back; the recipient's next look is refused.
    The frozen copy stays sealed as the record of what was shared."""
    if rules.withdraw(status_of(share)) is Step.ALREADY:
        return Answered(share, changed=False)
    if not _set(
        db, share, ShareStatus.APPROVED, status=ShareStatus.WITHDRAWN.value, withdrawn_at=now
    ):
        rules.withdraw(status_of(share))
        return Answered(share, changed=False)
    return Answered(share, changed=True)


def open_for(db: Session, *, share: ReportShare, viewer: Membership) -> dict[str, Any]:
    """The frozen copy for someone the share is for; refused otherwise.

    The recipient sees it only while it is approved (a withdrawal applies on
    their next request); the therapist who asked sees it while it is approved
    too (it is what they release); the client always sees their own."""
    if not visible_to(share, viewer):
        raise ReportError(404, "share_id", "We could not find that share.")
    copy = frozen(share)
    if viewer.id != share.client_id and (not rules.shared_now(status_of(share)) or copy is None):
        raise ReportError(403, "share_id", "This report is not shared with you now.")
    if copy is None:
        raise ReportError(404, "share_id", "Nothing was shared: there is no copy to open.")
    return copy


def release_copy(
    db: Session, *, share: ReportShare, viewer: Membership, now: datetime
) -> dict[str, Any]:
    """The copy for an outside recipient, stamped with who it is for, why, and
    when the client consented. Only the therapist who asked, while it stands."""
    if share.recipient_name is None:
        raise ReportError(
            404, "share_id", "This share is for someone on the care team: they open it in Mend."
        )
    if viewer.id != share.requested_by:
        raise ReportError(404, "share_id", "We could not find that share.")
    copy = open_for(db, share=share, viewer=viewer)
    assert share.decided_at is not None
    zone = accounts.zone_of(db.get_one(Membership, share.client_id).org)
    return copy | {
        "release": {
            "recipient": share.recipient_name,
            "purpose": share.purpose,
            "consented_on": content.day_words(share.decided_at.astimezone(zone).date()),
            "requested_by": share.requester.user.display_name,
            "released_on": content.day_words(now.astimezone(zone).date()),
            "share_id": share.id,
        }
    }
