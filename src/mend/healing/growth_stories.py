"""The demo's growth story: healing is more than fewer symptoms.

- PTGI-SF and BRS ship disabled (permission-unverified). The demo admin turns
  both on for the practice through the measures service, after "confirming"
  permission, and the change is audited as the admin page audits it
  (`permission_events`, replayed with the practice's history so the audit
  log reads in time order).
- Tara asks alice for both every four weeks from intake; alice answers each
  round. Her growth rises, most in personal strength, appreciation of life and
  relating to others, a little in new possibilities and hardly at all in
  spiritual change (not every domain moves, and that is fine), and her BRS
  climbs from 2.33 to 3.67, while her PHQ-9, GAD-7 and PCL-5 fall (the
  measures story).

Everything goes through the services with the clock set to when it happened.
Without the permission, or without alice, no growth is measured: as in a real
practice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.audit import service as audit_log
from mend.audit.service import Actor
from mend.healing import growth
from mend.measures import service as measures
from mend.measures.definitions import Instrument
from mend.measures.scoring import scorer

EVERY_DAYS = 28
ROUNDS = 6  # intake and every four weeks after: the last a little over a week ago
DAYS = 150  # as the measures story: both start at intake
# Each PTGI-SF domain (0-10) at the first and the latest round.
DOMAINS = {
    "appreciation_of_life": (3, 8),
    "new_possibilities": (2, 5),
    "spiritual_change": (1, 2),
    "relating_to_others": (3, 7),
    "personal_strength": (2, 8),
}
BRS_SIXTHS = (14, 22)  # BRS sum of the six (reversed) answers: a mean of 2.33, then 3.67
STATEMENT = (
    "Demo practice: we confirmed permission to use the {name} ({citation}) with our "
    "clients, for measurement-based care."
)
IP = "192.0.2.10"

Event = tuple[datetime, Callable[..., object]]


def permission_events(*, org: Organisation, admin: Membership, at: datetime) -> list[Event]:
    """The admin turning PTGI-SF and BRS on, a minute apart, for the demo's history."""
    return [
        (at + timedelta(minutes=i), partial(enable, org=org, admin=admin, instrument_id=key))
        for i, key in enumerate(growth.GROWTH)
    ]


def enable(
    db: Session, *, when: datetime, org: Organisation, admin: Membership, instrument_id: str
) -> None:
    """Turn one gated instrument on, as the admin page does: the service, then the audit."""
    instrument = measures.catalog(db, org_id=org.id)[instrument_id].instrument
    measures.set_permission(
        db,
        org_id=org.id,
        instrument_id=instrument_id,
        enabled=True,
        statement=STATEMENT.format(name=instrument.name, citation=instrument.citation),
        by=admin,
        now=when,
    )
    audit_log.record(
        db,
        actor=Actor(user_id=admin.user_id, role=admin.role, org_id=admin.org_id, ip=IP),
        action="instrument.enabled",
        outcome="allowed",
        now=when,
        resource_type="instrument",
        resource_id=instrument_id,
    )


def _towards(first: float, last: float, share: float) -> int:
    return round(first + (last - first) * share)


def ptgi_answers(instrument: Instrument, share: float) -> list[int | None]:
    """Answers whose domains sit `share` of the way from the first to the latest values."""
    answers: list[int | None] = [0] * len(instrument.items)
    for subscale in instrument.scoring.subscales:
        first, last = DOMAINS[subscale.id]
        value = _towards(first, last, share)
        one, two = subscale.items
        answers[one - 1], answers[two - 1] = (value + 1) // 2, value // 2
    return answers


def brs_answers(instrument: Instrument, share: float) -> list[int | None]:
    """Answers whose (reversed) sum sits `share` of the way along BRS_SIXTHS."""
    total = _towards(*BRS_SIXTHS, share)
    count = len(instrument.items)
    base, extra = divmod(total, count)
    reverse = set(instrument.scoring.reverse)
    flip = instrument.scoring.reverse_base or 0
    answers: list[int | None] = []
    for i, item in enumerate(instrument.items):
        value = base + (1 if i < extra else 0)
        answers.append(flip - value if item.number in reverse else value)
    return answers


ANSWERS = {growth.PTGI: ptgi_answers, growth.BRS: brs_answers}


def tell_stories(
    db: Session,
    *,
    clients: dict[str, Membership],
    therapist: Membership,
    now: datetime,
    days: int = DAYS,
) -> int:
    """alice's PTGI-SF and BRS, every four weeks; returns the responses stored."""
    alice = clients.get("alice")
    if alice is None:
        return 0
    try:
        offered = [measures.usable(db, org_id=alice.org_id, instrument_id=k) for k in ANSWERS]
    except measures.MeasureError:
        return 0  # not turned on in this organisation: growth is not measured
    start = now - timedelta(days=days, hours=-10)
    stored = 0
    for found in offered:
        instrument = found.instrument
        assignment = measures.assign(
            db, client=alice, instrument=instrument, every_days=EVERY_DAYS, starts_at=start,
            by=therapist, now=start,
        )  # fmt: skip
        for i in range(ROUNDS):
            when = start + timedelta(days=i * EVERY_DAYS + 1, hours=i % 3)
            answers = ANSWERS[instrument.id](instrument, i / (ROUNDS - 1))
            measures.complete(
                db,
                assignment=assignment,
                scoring=scorer(instrument.id),
                answers=answers,
                now=when,
            )
            stored += 1
    return stored
