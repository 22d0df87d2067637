"""What the client is told the moment something they wrote raised an alert:
crisis lines for their country, who will see it and how soon, and that Mend
is not an emergency service (clinical-model §5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.safety import service
from mend.safety.crisis_lines import lines_for
from mend.safety.escalation import describe
from mend.web.auth import ClientAccess
from mend.web.forms import render


@dataclass(frozen=True)
class WhoSees:
    """What the client is told when something they did raised an alert."""

    who: str
    when: str


def who_sees(db: Session, client: Membership) -> WhoSees:
    org = client.org
    therapist = service.therapist_of(db, client_id=client.id)
    member_id = therapist or org.duty_clinician_id
    member = db.get(Membership, member_id) if member_id else None
    if member is None:
        who = f"The clinical team at {org.name}"
    elif therapist:
        who = f"Your therapist, {member.user.display_name},"
    else:
        who = f"The duty clinician at {org.name}, {member.user.display_name},"
    hours = service.hours_of(org)
    window = _duration(org.alert_window_minutes)
    when = f"within {window}, counting {describe(hours)}"
    return WhoSees(who=who, when=when)


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minutes"


def safety_answer(db: Session, client: Membership) -> dict[str, Any]:
    """The API's words for a client whose writing raised an alert."""
    lines = lines_for(db, client=client)
    seen = who_sees(db, client)
    return {
        "message": (
            "What you wrote sounds like you may be going through something very hard. "
            "You don't have to face it alone."
        ),
        "who_sees": f"{seen.who} will see an alert about this {seen.when}.",
        "not_an_emergency_service": (
            f"Mend is not an emergency service. If you are in danger now, call {lines.emergency}."
        ),
        "crisis_resources": [
            {
                "name": r.name,
                "contact": r.contact,
                "how": r.how,
                "tel": r.tel,
                "source": r.source,
                "verified": r.verified.isoformat(),
            }
            for r in lines.resources
        ],
    }


def after_words(request: Request, db: Session, access: ClientAccess, level: str) -> Response:
    """Crisis lines on screen at once, and plainly who will see the alert."""
    lines = lines_for(db, client=access.client)
    return render(
        request,
        "safety/after_words.html",
        principal=access.principal,
        client=access.client,
        level=level,
        resources=lines.resources,
        emergency=lines.emergency,
        seen=who_sees(db, access.client),
    )
