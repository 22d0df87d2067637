"""The demo's messages story: over the past weeks alice exchanged a few kind,
ordinary messages with Tara and Cole; she agreed to consultation with both,
and they keep a short thread about pacing her homework; her newest message
to Cole is still unread. Everything goes through the same services the app
uses (alice's messages are screened like any of her writing)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.care import service as care
from mend.care.messages import service
from mend.care.policy import Category

# (days ago, hours after 9:00, who writes: "alice" or the member, to whom, words)
MESSAGES = (
    (24, 2, "alice", "therapist",
     "Hi Tara, I tried the breathing exercise before work three times this week. "
     "It helped most on Tuesday, before the team meeting."),
    (24, 6, "therapist", "therapist",
     "That's good to hear, Alice. Noticing which day it helped most is useful. "
     "Let's talk about Tuesday when we meet."),
    (19, 1, "coach", "coach",
     "Hi Alice, how did the first week of morning walks go?"),
    (19, 9, "alice", "coach",
     "Four mornings out of seven! The rainy days were the hard ones."),
    (18, 1, "coach", "coach",
     "Four is a real start. Shall we plan something for rainy days too?"),
    (18, 3, "alice", "coach",
     "Yes please. Maybe ten minutes of stretching by the window?"),
    (18, 4, "coach", "coach",
     "Sounds good. Let's add it to your goals when we meet on Friday."),
    (5, 0, "therapist", "therapist",
     "A reminder that our session moves to Thursday at 2pm this week. See you then."),
    (5, 3, "alice", "therapist", "Thanks, Thursday works for me."),
    (1, 0, "alice", "coach",
     "It rained again this morning, so I did the stretching instead of the walk. "
     "It felt good!"),
)  # fmt: skip

CONSULTATION = (
    (16, 2, "therapist",
     "Alice and I agreed to slow the exposure homework to one small step a week. "
     "Could your check-ins keep to that pace rather than adding new tasks?"),
    (16, 5, "coach",
     "Yes, happy to. The morning walks are helping her, so I'll keep her goals "
     "around those and ask how the week's step went."),
    (8, 1, "therapist",
     "Thanks. If the homework seems to weigh on her, please say so here and "
     "I'll bring it to our session."),
    (7, 4, "coach",
     "Will do. At our last check-in she said the pace feels right."),
)  # fmt: skip

AGREED_DAYS_AGO = 25


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
    if alice is None or org.id != alice.org_id:
        return
    team = {row.member_id for row in care.team_of(db, client_id=alice.id)}
    if not {therapist.id, coach.id} <= team:
        return
    members = {"therapist": therapist, "coach": coach}
    _agree_to_consultation(db, alice=alice, members=members.values(), now=now)
    _messages(db, alice=alice, members=members, now=now)
    _consultation(db, alice=alice, members=members, now=now)


def _at(now: datetime, days_ago: int, hours: int) -> datetime:
    day = (now - timedelta(days=days_ago)).replace(hour=9, minute=0, second=0, microsecond=0)
    return min(day + timedelta(hours=hours), now - timedelta(minutes=5))


def _agree_to_consultation(
    db: Session, *, alice: Membership, members: Iterable[Membership], now: datetime
) -> None:
    when = _at(now, AGREED_DAYS_AGO, 3)
    for member in members:
        care.set_consent(
            db,
            client=alice,
            member_id=member.id,
            category=Category.CONSULTATION,
            granted=True,
            changed_by=alice,
            now=when,
        )


def _messages(
    db: Session, *, alice: Membership, members: dict[str, Membership], now: datetime
) -> None:
    for n, (days_ago, hours, who, thread, words) in enumerate(MESSAGES):
        member = members[thread]
        sender = alice if who == "alice" else members[who]
        when = _at(now, days_ago, hours)
        service.send(
            db, client=alice, member_id=member.id, sender=sender, body=words,
            key=f"demo-message-{n:03d}", now=when,
        )  # fmt: skip
        if days_ago > 1:
            # Opened within the hour, like a thread someone is keeping up with.
            reader = member.id if sender is alice else alice.id
            service.mark_read(
                db, client_id=alice.id, member_id=member.id, reader_id=reader,
                now=when + timedelta(minutes=40),
            )  # fmt: skip


def _consultation(
    db: Session, *, alice: Membership, members: dict[str, Membership], now: datetime
) -> None:
    for n, (days_ago, hours, who, words) in enumerate(CONSULTATION):
        service.post(
            db, client=alice, author=members[who], body=words, key=f"demo-consult-{n:03d}",
            now=_at(now, days_ago, hours),
        )  # fmt: skip
