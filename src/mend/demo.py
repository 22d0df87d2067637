"""A demo practice with months of believable history, for trying Mend out.

Everything is made through the same services the app uses, with the clock
wound back, so the audit chain and consent history are real.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from argon2 import PasswordHasher
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from mend import demo_bulk
from mend.accounts import service as accounts
from mend.accounts.models import Membership, Organisation, User
from mend.accounts.roles import Role
from mend.audit import service as audit_log
from mend.audit.service import Actor
from mend.care import service as care
from mend.care.goals import demo_stories as goal_stories
from mend.care.homework import demo_stories as homework_stories
from mend.care.messages import demo_stories as message_stories
from mend.care.models import CareTeamMember
from mend.care.notes import demo_stories as note_stories
from mend.care.policy import Category
from mend.coping import demo_stories
from mend.healing import demo_stories as healing_stories
from mend.measures import demo_stories as measure_stories
from mend.safety import demo_stories as safety_stories

DEMO_PASSWORD = "calm-river-demo-2026"  # noqa: S105 - printed for the demo on purpose
DOMAIN = "demo.mend.example"
HISTORY_DAYS = 180
# Generated clients share the therapists so that no caseload grows past about
# this many; with more clients the demo adds generated therapists.
CASELOAD = 250

STAFF = [
    ("Tara Nolan", "therapist", Role.THERAPIST),
    ("Cole Martin", "coach", Role.COACH),
    ("Ada Okafor", "admin", Role.ADMIN),
    ("Theo Lindqvist", "therapist2", Role.THERAPIST),
]
CLIENTS = [
    ("Alice Moreno", "alice"),
    ("Bob Achterberg", "bob"),
    ("Grace Whitfield", "grace"),
    ("Sam Oduya", "sam"),
    ("Priya Raman", "priya"),
]


@dataclass
class Demo:
    org: Organisation
    staff: dict[str, Membership] = field(default_factory=dict)
    clients: list[Membership] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    # Who treats the generated clients: tara, theo and any generated therapists.
    therapists: list[Membership] = field(default_factory=list)
    newcomers: list[demo_bulk.Newcomer] = field(default_factory=list)
    volumes: demo_bulk.Volumes | None = None


def _actor(m: Membership) -> Actor:
    return Actor(user_id=m.user_id, role=m.role, org_id=m.org_id, ip="192.0.2.10")


def _person(
    db: Session, demo: Demo, *, name: str, local: str, role: Role, password_hash: str, now: datetime
) -> Membership:
    user = User(
        email=f"{local}@{DOMAIN}", display_name=name, password_hash=password_hash, created_at=now
    )
    db.add(user)
    db.flush()
    membership = Membership(user_id=user.id, org_id=demo.org.id, role=role.value, created_at=now)
    db.add(membership)
    db.flush()
    return membership


def build(
    db: Session,
    *,
    hasher: PasswordHasher,
    now: datetime,
    extra_clients: int = 0,
    seed: int = 7,
    extra_history: bool = True,
) -> Demo:
    """The demo practice. `extra_clients` adds generated clients, each on a
    therapist's care team; with `extra_history` (the default) each also gets
    months of coping moments and a PHQ-9 / GAD-7 course (demo_bulk), without
    it they start empty (the HTTP bench wants them light)."""
    rng = random.Random(seed)
    start = now - timedelta(days=HISTORY_DAYS)
    demo = Demo(org=accounts.create_org(db, name="Riverside Counselling (demo)", now=start))
    password_hash = hasher.hash(DEMO_PASSWORD)
    for name, local, role in STAFF:
        demo.staff[local] = _person(
            db, demo, name=name, local=local, role=role, password_hash=password_hash, now=start
        )
        demo.logins.append((role.value, f"{local}@{DOMAIN}", name))
    for name, local in CLIENTS:
        demo.clients.append(
            _person(
                db,
                demo,
                name=name,
                local=local,
                role=Role.CLIENT,
                password_hash=password_hash,
                now=start,
            )
        )
        demo.logins.append(("client", f"{local}@{DOMAIN}", name))
    if extra_clients:
        _generated(db, demo, count=extra_clients, password_hash=password_hash, start=start)
    _history(db, demo, rng=rng, start=start, now=now)
    if demo.newcomers and extra_history:
        demo.volumes = demo_bulk.write_history(
            db, org_id=demo.org.id, newcomers=demo.newcomers, now=now, seed=seed
        )
    named = dict(zip((local for _, local in CLIENTS), demo.clients, strict=False))
    demo_stories.tell_stories(db, clients=named, now=now, rng=random.Random(f"coping-{seed}"))
    tara, theo = demo.staff["therapist"], demo.staff["therapist2"]
    measure_stories.tell_stories(
        db,
        clients=named,
        therapists={"alice": tara, "bob": theo, "grace": tara},
        now=now,
        rng=random.Random(f"measures-{seed}"),
    )
    safety_stories.tell_stories(db, org=demo.org, clients=named, therapist=tara, duty=theo, now=now)
    cole = demo.staff["coach"]
    for stories in (goal_stories, homework_stories, note_stories, message_stories, healing_stories):
        stories.tell_stories(db, org=demo.org, clients=named, therapist=tara, coach=cole, now=now)
    return demo


def _generated(db: Session, demo: Demo, *, count: int, password_hash: str, start: datetime) -> None:
    """Generated clients in bulk, shared among tara, theo and, for large
    numbers, generated therapists; each joins on a day of the first five months."""
    demo.therapists = [demo.staff["therapist"], demo.staff["therapist2"]]
    for n in range(max(0, math.ceil(count / CASELOAD) - len(demo.therapists))):
        number = f"{n + 1:02d}"
        demo.therapists.append(
            _person(
                db, demo, name=f"Demo therapist {number}", local=f"therapist{number}",
                role=Role.THERAPIST, password_hash=password_hash, now=start,
            )
        )  # fmt: skip
    if len(demo.therapists) > 2:
        more = len(demo.therapists) - 3
        demo.logins.append(
            ("therapist", f"therapist01@{DOMAIN}", f"Demo therapist 01 (and {more} more like it)")
        )
    ids = demo_bulk.create_clients(
        db, org_id=demo.org.id, count=count, password_hash=password_hash, domain=DOMAIN, now=start
    )
    days = random.Random(f"joined-{count}")
    for i, client_id in enumerate(ids):
        joined = start + timedelta(days=days.randint(0, demo_bulk.JOIN_UNTIL_DAY), hours=7.5)
        therapist = demo.therapists[i % len(demo.therapists)]
        demo.newcomers.append(demo_bulk.Newcomer(client_id, therapist.id, joined))
    query = (
        select(Membership)
        .join(User, User.id == Membership.user_id)
        .where(Membership.id.in_(ids))
        .order_by(User.email)
    )
    demo.clients.extend(db.scalars(query))


Event = tuple[datetime, Callable[..., object]]


def _history(
    db: Session, demo: Demo, *, rng: random.Random, start: datetime, now: datetime
) -> None:
    """Gather the story's events, then replay them oldest first so the log reads in order."""
    admin, tara, cole = demo.staff["admin"], demo.staff["therapist"], demo.staff["coach"]
    theo = demo.staff["therapist2"]
    events: list[Event] = []
    for i, client in enumerate(demo.clients[: len(CLIENTS)]):
        joined = start + timedelta(days=min(i * 9, 60), hours=10)
        therapist = tara if i % 2 == 0 else theo
        events.append((joined, partial(_join, admin=admin, client=client, member=therapist)))
        if i < 3:
            events.append(
                (
                    joined + timedelta(days=14),
                    partial(_join, admin=admin, client=client, member=cole),
                )
            )
            events.append(
                (
                    joined + timedelta(days=15),
                    partial(
                        _consent,
                        client=client,
                        member=cole,
                        category=Category.GOALS_HOMEWORK,
                        granted=True,
                    ),
                )
            )
            events.append(
                (
                    joined + timedelta(days=30),
                    partial(
                        _consent, client=client, member=cole, category=Category.COPING, granted=True
                    ),
                )
            )
    alice, bob = demo.clients[0], demo.clients[1]
    events.append(
        (
            start + timedelta(days=40, hours=19),
            partial(_consent, client=alice, member=tara, category=Category.JOURNAL, granted=True),
        )
    )
    events.append(
        (
            start + timedelta(days=95, hours=21),
            partial(_consent, client=bob, member=cole, category=Category.COPING, granted=False),
        )
    )
    events.extend(healing_stories.permission_events(org=demo.org, admin=admin, at=start))
    events.extend(_visits(demo, rng=rng, start=start + timedelta(days=1), now=now))
    events.extend(_arrivals(demo.newcomers, admin=admin))
    for when, happen in sorted(events, key=lambda event: event[0]):
        happen(db, when=when)


def _join(
    db: Session, *, when: datetime, admin: Membership, client: Membership, member: Membership
) -> None:
    care.add_to_team(db, client=client, member=member, added_by=admin, now=when)
    audit_log.record(
        db,
        actor=_actor(admin),
        action="care_team.add",
        outcome="allowed",
        now=when,
        resource_type="care_team",
        resource_id=member.id,
        subject_client_id=client.id,
    )


def _arrivals(newcomers: Sequence[demo_bulk.Newcomer], *, admin: Membership) -> list[Event]:
    """The generated clients arrive a day's worth at a time: one event per day."""
    by_day: dict[datetime, list[demo_bulk.Newcomer]] = defaultdict(list)
    for newcomer in newcomers:
        by_day[newcomer.joined_at].append(newcomer)
    return [
        (when, partial(_join_many, admin=admin, newcomers=arrived))
        for when, arrived in by_day.items()
    ]


def _join_many(
    db: Session, *, when: datetime, admin: Membership, newcomers: Sequence[demo_bulk.Newcomer]
) -> None:
    """What `_join` does for each, in one insert and one chained audit batch:
    ten thousand clients one by one would take minutes."""
    ids = demo_bulk.fast_ids(len(newcomers))
    rows = [
        {"id": row_id, "org_id": admin.org_id, "client_id": n.client_id,
         "member_id": n.therapist_id, "role": Role.THERAPIST.value, "added_at": when,
         "added_by": admin.id, "ended_at": None}
        for row_id, n in zip(ids, newcomers, strict=True)
    ]  # fmt: skip
    db.execute(insert(CareTeamMember), rows)
    events = [
        audit_log.Event(
            action="care_team.add",
            resource_type="care_team",
            resource_id=n.therapist_id,
            subject_client_id=n.client_id,
        )
        for n in newcomers
    ]
    audit_log.record_many(db, actor=_actor(admin), events=events, now=when)


def _consent(
    db: Session,
    *,
    when: datetime,
    client: Membership,
    member: Membership,
    category: Category,
    granted: bool,
) -> None:
    change = care.set_consent(
        db,
        client=client,
        member_id=member.id,
        category=category,
        granted=granted,
        changed_by=client,
        now=when,
    )
    audit_log.record(
        db,
        actor=_actor(client),
        action="consent.change",
        outcome="allowed",
        now=when,
        resource_type="consent",
        resource_id=member.id,
        subject_client_id=client.id,
        detail={
            "category": category.value,
            "granted": str(granted).lower(),
            "version": str(change.version),
        },
    )


def _visits(demo: Demo, *, rng: random.Random, start: datetime, now: datetime) -> list[Event]:
    """Between sessions the client signs in; on weekdays their therapist opens the record."""
    named = demo.clients[: len(CLIENTS)]
    events: list[Event] = []
    day = start
    while day < now - timedelta(days=1):
        for client in named:
            if rng.random() < 0.45:
                when = day + timedelta(hours=rng.randint(8, 20), minutes=rng.randint(0, 59))
                events.append((when, partial(_sign_in, client=client)))
            if day.weekday() < 5 and rng.random() < 0.2:
                events.append(
                    (
                        day + timedelta(hours=rng.randint(9, 17)),
                        partial(_therapist_look, client=client),
                    )
                )
        day += timedelta(days=1)
    return events


def _sign_in(db: Session, *, when: datetime, client: Membership) -> None:
    audit_log.record(db, actor=_actor(client), action="login", outcome="allowed", now=when)


def _therapist_look(db: Session, *, when: datetime, client: Membership) -> None:
    for row in care.team_of(db, client_id=client.id):
        if row.role == Role.THERAPIST and row.added_at < when:
            audit_log.record(
                db,
                actor=_actor(row.member),
                action="profile.read",
                outcome="allowed",
                now=when,
                resource_type="profile",
                resource_id=client.id,
                subject_client_id=client.id,
                detail={"relation": "treating"},
            )
