"""The demo's safety story: Theo is the duty clinician; alerts from the months
of history were answered by the therapist (grace's newest one acknowledged,
still being followed up); alice keeps a journal and has a safety plan she
built with Tara and revised herself."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.coping import service as coping
from mend.safety import journal
from mend.safety import service as safety
from mend.safety.models import Alert, SafetyPlanVersion

HISTORY_NOTE = "Talked it through in our next session; safety plan reviewed together."
FOLLOW_UP = "Called Grace the same afternoon. She is safe; extra session booked for Thursday."
JOURNAL = (
    (40, "First entry. My therapist suggested writing things down, so here goes. "
         "Work was loud today and I went for a walk at lunch instead of scrolling."),
    (21, "Bad night. Old thoughts came back but I used the box breathing and texted my sister."),
    (6, "Planted the tomatoes. My hands were covered in soil and my head was quiet for an hour."),
    (1, "Session tomorrow. I want to talk about my brother's visit and how tense it made me."),
)  # fmt: skip


def tell_stories(
    db: Session,
    *,
    org: Organisation,
    clients: dict[str, Membership],
    therapist: Membership,
    duty: Membership,
    now: datetime,
) -> None:
    org.duty_clinician_id = duty.id
    org.country = "GB"
    safety.adopt_orphans(db, now=now)
    _answer_history(db, org=org, therapist=therapist, grace=clients.get("grace"), now=now)
    alice = clients.get("alice")
    if alice is not None:
        for days_ago, text in JOURNAL:
            journal.write(
                db, client=alice, body=text, key=None, now=now - timedelta(days=days_ago),
                max_chars=20_000,
            )  # fmt: skip
        _safety_plan(db, alice=alice, therapist=therapist, now=now)


def _answer_history(
    db: Session,
    *,
    org: Organisation,
    therapist: Membership,
    grace: Membership | None,
    now: datetime,
) -> None:
    """Every alert from the history was answered within a day; grace's newest
    is acknowledged and being followed up, so it stays on the caseload."""
    alerts = list(db.scalars(select(Alert).where(Alert.org_id == org.id)))
    newest_of_grace = max(
        (a for a in alerts if grace is not None and a.client_id == grace.id),
        key=lambda a: a.opened_at,
        default=None,
    )
    for alert in alerts:
        answered = min(alert.opened_at + timedelta(hours=2), now)
        by = alert.routed_to or therapist.id
        if alert is newest_of_grace:
            safety.acknowledge(db, alert=alert, by=by, now=answered, note=FOLLOW_UP)
        else:
            safety.resolve(db, alert=alert, by=by, note=HISTORY_NOTE, now=answered)


def _lines(*lines: str) -> str:
    """A plan step as the plan stores it: its lines, as JSON."""
    return json.dumps(list(lines), ensure_ascii=False)


def _safety_plan(db: Session, *, alice: Membership, therapist: Membership, now: datetime) -> None:
    helpful = [
        e.item.id
        for e in coping.jar_of(db, client=alice)
        if not e.retired and e.strategy.helpfulness == "helpful"
    ]
    first = dict(
        org_id=alice.org_id,
        client_id=alice.id,
        warning_signs=_lines("Not answering my phone", "Lying awake going over things",
                             "Skipping meals"),
        coping_item_ids=json.dumps(helpful[:3]),
        distractions=_lines("The allotment", "The café on Mill Street",
                            "Watching football with Dad"),
        people_to_ask=_lines("My sister Jo — 07700 900123", "My friend Sam — 07700 900456"),
        professionals=_lines("Tara Nolan (therapist), Riverside Counselling — 020 7946 0000",
                             "My GP, Dr Patel — 020 7946 0111"),
        safe_environment=_lines("Jo keeps my spare medication", "No alcohol in the flat"),
        reasons_for_living=_lines("My niece Ellie", "The garden in summer", "Finishing my course"),
    )  # fmt: skip
    db.add(SafetyPlanVersion(
        **first, version=1, review_on=(now - timedelta(days=30)).date(),
        saved_at=now - timedelta(days=120), saved_by=therapist.id,
    ))  # fmt: skip
    revised = first | {
        "coping_item_ids": json.dumps(helpful[:4]),
        "reasons_for_living": _lines(
            "My niece Ellie", "The garden in summer", "Finishing my course", "My dog, Pepper"
        ),
    }
    db.add(SafetyPlanVersion(
        **revised, version=2, review_on=(now + timedelta(days=60)).date(),
        saved_at=now - timedelta(days=20), saved_by=alice.id,
    ))  # fmt: skip
