"""The demo's notes and diagnoses: Tara keeps SOAP notes of alice's sessions
(one in the DAP template, one amended with a reason) and a psychotherapy note
that only she can see; she recorded PTSD (ICD-11 6B40) as provisional at
intake and confirmed it a week later; Cole, alice's coach, wrote support
notes. Everything goes through the services with the clock set to when it
was written, so the rows are what the app itself would store."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.care.notes import diagnoses, service

# (days ago, kind, sections)
CLINICAL = (
    (
        168,
        "soap",
        {
            "subjective": "First session. Alice describes nightmares and feeling on edge since a "
            "car crash two years ago. She avoids driving and the road where it happened. Sleep "
            "is broken most nights.",
            "objective": "Tense, spoke quickly, good eye contact. PCL-5 58, PHQ-9 17, GAD-7 15. "
            "No current thoughts of harming herself; safety plan started together.",
            "assessment": "Presentation fits a post-traumatic stress reaction; provisional "
            "diagnosis recorded. Motivated, with a supportive sister.",
            "plan": "Psychoeducation about trauma responses. Grounding (5-4-3-2-1) to practise "
            "daily. Weekly sessions.",
        },
    ),
    (
        161,
        "soap",
        {
            "subjective": "Used grounding twice when a siren set off memories. Still avoiding the "
            "car. Slept a little better on nights she walked by the river.",
            "objective": "Calmer than last week. Completed the trauma history at her own pace.",
            "assessment": "Diagnosis confirmed after the full assessment. Good use of skills.",
            "plan": "Start trauma-focused CBT next session. Keep the evening walks.",
        },
    ),
    (
        84,
        "dap",
        {
            "data": "Alice drove to the supermarket with her sister, a step she chose herself. "
            "Urge to cancel came and passed. PHQ-9 9, GAD-7 8.",
            "assessment": "Steady progress with graded exposure; avoidance loosening.",
            "plan": "Next step on her list: a short drive alone in daylight.",
        },
    ),
    (
        28,
        "soap",
        {
            "subjective": "Her brother visited; old arguments left her tense but she did not "
            "shut down. Nightmares about once a week now.",
            "objective": "Relaxed, laughed twice. PCL-5 31, below the cut-off.",
            "assessment": "Reliable improvement across measures.",
            "plan": "Box breathing once a day; review the safety plan together next session.",
        },
    ),
    (
        7,
        "soap",
        {
            "subjective": "Planted tomatoes, described an hour of quiet. Looking ahead to summer.",
            "objective": "Bright, reflective. Safety plan reviewed; no changes needed.",
            "assessment": "Moving towards relapse prevention.",
            "plan": "Plan fortnightly sessions and an ending in about two months.",
        },
    ),
)
AMENDED = (
    "Box breathing twice a day, morning and evening; review the safety plan together next session."
)
AMEND_REASON = "Corrected the homework: we agreed twice a day, not once."
PSYCHOTHERAPY = (
    "I notice I feel protective of Alice when she talks about her brother. Worth watching "
    "that I don't steer her away from that topic. Bring to supervision."
)
SUPPORT = (
    (
        150,
        "Met to set a first goal: a 20-minute walk three evenings a week. Alice chose the river "
        "path. We agreed a check-in on Fridays.",
    ),
    (
        20,
        "Alice walked five evenings this week and wants to try a weekend hike with her sister. "
        "Talked through what she would pack and how she would pace it.",
    ),
)


def _at(now: datetime, days_ago: int, hour: int) -> datetime:
    day = (now - timedelta(days=days_ago)).date()
    return datetime.combine(day, time(hour, 0), tzinfo=now.tzinfo)


def tell_stories(
    db: Session,
    *,
    org: Organisation,
    clients: dict[str, Membership],
    therapist: Membership,
    coach: Membership,
    now: datetime,
) -> None:
    alice = clients.get("alice")
    if alice is None:
        return
    _diagnosis(db, alice=alice, therapist=therapist, now=now)
    for days_ago, kind, sections in CLINICAL:
        written = service.write(
            db,
            client=alice,
            author=therapist,
            kind=kind,
            sections=sections,
            session_on=(now - timedelta(days=days_ago)).date(),
            key=None,
            now=_at(now, days_ago, 17),
        )
        if days_ago == 28:
            service.amend(
                db,
                note=written.view.note,
                by=therapist,
                sections=sections | {"plan": AMENDED},
                reason=AMEND_REASON,
                version=1,
                now=_at(now, days_ago - 1, 9),
            )
    service.write(
        db,
        client=alice,
        author=therapist,
        kind="psychotherapy",
        sections={"text": PSYCHOTHERAPY},
        session_on=(now - timedelta(days=28)).date(),
        key=None,
        now=_at(now, 28, 18),
    )
    for days_ago, text in SUPPORT:
        service.write(
            db,
            client=alice,
            author=coach,
            kind="support",
            sections={"text": text},
            session_on=(now - timedelta(days=days_ago)).date(),
            key=None,
            now=_at(now, days_ago, 16),
        )


def _diagnosis(db: Session, *, alice: Membership, therapist: Membership, now: datetime) -> None:
    recorded = diagnoses.record(
        db,
        client=alice,
        by=therapist,
        system="icd11",
        code="6B40",
        label="Post traumatic stress disorder",
        status="provisional",
        noted_on=(now - timedelta(days=168)).date(),
        key=None,
        now=_at(now, 168, 18),
    )
    diagnoses.change(
        db,
        diagnosis=recorded.diagnosis,
        by=therapist,
        version=1,
        status="confirmed",
        reason="Full assessment completed in the second session; criteria met.",
        now=_at(now, 161, 18),
    )
