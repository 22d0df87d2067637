"""The demo's healing journey: alice starts in stage 1 at intake; Tara records
"not yet" while nightmares are still frequent; alice practises grounding most
days, reviews her safety plan and says yes to trauma-focused work herself;
once all six readiness indicators are met Tara records "ready" and moves her
to stage 2; after the first processing session alice's distress spikes, and
the pacing check sends Tara an alert to slow down.

Her growth beside falling symptoms (PTGI-SF and BRS every four weeks, once
the demo admin has turned them on) is told by `growth_stories`, from here.

Everything goes through the services with the clock set to when it happened,
so the rows are what the app itself would store. Only alice's story is told;
without alice there is no story.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.coping import service as coping
from mend.healing import growth_stories, service
from mend.healing.growth_stories import permission_events as permission_events
from mend.safety import plan
from mend.safety.models import SafetyPlanVersion

STAGE_1 = (
    "Intake: nightmares and feeling on edge since the car crash. Safety plan, grounding "
    "skills and steadier sleep come first."
)
NOT_YET = (
    "Not yet: nightmares most nights and grounding is still new to her. Look again in a month."
)
READY = (
    "All six indicators met. Alice feels steadier, grounds herself most days and asked to "
    "begin. Short, paced sessions to start."
)
STAGE_2 = (
    "Readiness met and Alice agreed: begin processing the crash, one part at a time, "
    "grounding at the start and end of each session."
)
SESSION = (
    "First processing session: the minutes before the crash. Stayed within her window of "
    "tolerance; grounded at the end. She left tired but steady."
)
GROUNDING = ("box-breathing", "grounding-5-4-3-2-1", "paced-breathing")
# The settings' defaults; the demo runs with them.
SKEW = timedelta(minutes=5)
IMMINENT_URGE_LEVEL = 8
COPING_INDICATORS = ("helpful_strategies", "grounding_practice", "jar_balance")
MAX_PRACTICE = 60


def tell_stories(
    db: Session,
    *,
    org: Organisation,
    clients: dict[str, Membership],
    therapist: Membership,
    coach: Membership,
    now: datetime,
) -> None:
    growth_stories.tell_stories(db, clients=clients, therapist=therapist, now=now)
    alice = clients.get("alice")
    if alice is None:
        return
    ready_at = now - timedelta(days=6)
    session_at = (now - timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
    service.change_stage(
        db, client=alice, by=therapist, target=1, reason=STAGE_1, override_reason=None,
        version=0, now=now - timedelta(days=165),
    )  # fmt: skip
    service.record_decision(
        db, client=alice, by=therapist, decision="not_yet", reason=NOT_YET,
        now=now - timedelta(days=60),
    )  # fmt: skip
    items = _grounding_jar(db, alice, at=ready_at - timedelta(days=20))
    _practise(db, alice, therapist, items, until=ready_at)
    _review_plan(db, alice, therapist, items, at=ready_at - timedelta(days=3))
    service.record_agreement(db, client=alice, agreed=True, now=ready_at - timedelta(days=2))
    service.record_decision(
        db, client=alice, by=therapist, decision="ready", reason=READY, now=ready_at
    )
    service.change_stage(
        db, client=alice, by=therapist, target=2, reason=STAGE_2, override_reason=None,
        version=1, now=ready_at + timedelta(minutes=5),
    )  # fmt: skip
    logged = service.log_session(
        db, client=alice, by=therapist, session_at=session_at, note=SESSION, key=None,
        now=session_at + timedelta(hours=1), skew=SKEW,
    )  # fmt: skip
    for hours, level in ((4, 10), (9, 9), (20, 10), (30, 10)):
        _moment(db, alice, items[hours % len(items)], at=session_at + timedelta(hours=hours),
                before=level, after=level - 2)  # fmt: skip
    service.check_pacing(db, session=logged.session, client=alice, now=now - timedelta(minutes=20))


def _grounding_jar(db: Session, alice: Membership, *, at: datetime) -> list[str]:
    """alice's grounding strategies, put in her jar (or brought back) if needed."""
    entries = {e.strategy.id: e for e in coping.jar_of(db, client=alice)}
    ids = []
    for ref in GROUNDING:
        entry = entries.get(ref)
        if entry is None or entry.retired:
            entry = coping.add_to_jar(
                db, client=alice, strategy_ref=ref, stage_of_change=None, by=alice.id, now=at
            ).entry
        ids.append(entry.item.id)
    return ids


def _moment(
    db: Session, alice: Membership, item_id: str, *, at: datetime, before: int, after: int
) -> None:
    coping.log_moment(
        db,
        client=alice,
        key=f"demo-healing-{int(at.timestamp())}",
        data=coping.MomentData(
            occurred_at=at,
            distress_before=before,
            distress_after=after,
            strategy_ids=(item_id,),
            stressor_category="trauma_reminder",
        ),
        limits=coping.MomentLimits(
            now=at + timedelta(minutes=2), skew=SKEW, imminent_urge_level=IMMINENT_URGE_LEVEL
        ),
    )


def _practise(
    db: Session, alice: Membership, therapist: Membership, items: list[str], *, until: datetime
) -> None:
    """Grounding moments, most days of the fortnight before `until`, each easing
    distress by 3 points, until the three coping indicators are met (her older
    history counts too, so how many it takes depends on it)."""
    for n in range(MAX_PRACTICE):
        found = service.assess(db, client=alice, viewer=therapist, now=until)
        if all(found.readiness.indicator(key).met for key in COPING_INDICATORS):
            return
        at = until - timedelta(hours=5 + (n * 17) % 310)
        _moment(db, alice, items[n % len(items)], at=at, before=6, after=3)


def _steps(row: SafetyPlanVersion) -> dict[str, list[str]]:
    """The plan's steps as lines (JSON lists as the app stores them, or plain lines)."""
    found = {}
    for name in plan.TEXT_FIELDS:
        raw = getattr(row, name) or ""
        try:
            lines = json.loads(raw) if raw else []
        except ValueError:
            lines = raw.splitlines()
        found[name] = [str(line) for line in lines] if isinstance(lines, list) else []
    return found


def _review_plan(
    db: Session, alice: Membership, therapist: Membership, items: list[str], *, at: datetime
) -> None:
    """Reviewed together with Tara: a new version only when the last is over a
    fortnight old (the demo's own plan may already be recent)."""
    latest = plan.current(db, client_id=alice.id)
    if latest is not None and latest.saved_at >= at - timedelta(days=14):
        return
    steps = _steps(latest) if latest is not None else {}
    plan.save_plan(
        db,
        client=alice,
        data=plan.PlanData(
            warning_signs=steps.get("warning_signs") or ["Lying awake going over the crash"],
            coping_item_ids=items,
            distractions=steps.get("distractions") or ["The allotment"],
            people_to_ask=steps.get("people_to_ask") or ["My sister Jo"],
            professionals=steps.get("professionals") or ["Tara, my therapist"],
            safe_environment=steps.get("safe_environment") or ["No alcohol in the flat"],
            reasons_for_living=steps.get("reasons_for_living") or ["My niece Ellie"],
        ),
        version_base=latest.version if latest is not None else 0,
        by=therapist,
        now=at,
    )
