"""Homework: load rows, ask the rules, write. Services flush and never commit.

Practice homework is never counted in the table: how far it has got comes from
the coping moments the client logged with that strategy between ``assigned_at``
and ``due_at``, every time it is read. A questionnaire is done when its
measure assignment has a completed response. Either shows as complete on read
(``rules.standing``); the row only says ``completed`` once the client marks it
done or adds a reflection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care.goals.models import Goal
from mend.care.homework import rules
from mend.care.homework.models import Homework
from mend.coping import service as coping
from mend.coping.models import CopingMoment, MomentStrategy
from mend.mail import service as mail
from mend.measures import service as measures
from mend.measures.models import MeasureAssignment, MeasureResponse

HomeworkError = rules.HomeworkError

REMINDER_SUBJECT = "Mend: a reminder"
# Email says where to look, never what: inboxes are not private.
REMINDER_BODY = (
    "Something in Mend is due within a day.\n\n"
    "Please sign in to see it: {url}\n\n"
    "This email holds no detail on purpose."
)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class View:
    """One piece of homework and where it stands now."""

    homework: Homework
    standing: rules.Standing
    progress: rules.Progress | None
    answered_at: datetime | None
    timing: str | None  # overdue, due_soon, later; None once finished

    @property
    def status(self) -> str:
        return self.standing.status

    @property
    def is_open(self) -> bool:
        return self.standing.status == rules.ASSIGNED


def _answered_at() -> Any:
    """When the homework's questionnaire was first answered (a correlated subquery)."""
    return (
        select(func.min(MeasureResponse.completed_at))
        .where(
            MeasureResponse.assignment_id == Homework.measure_assignment_id,
            MeasureResponse.status == measures.COMPLETE,
        )
        .correlate(Homework)
        .scalar_subquery()
    )


def _with_answers(*where: Any) -> Select[Homework, datetime | None]:
    return select(Homework, _answered_at()).where(*where)


def _rows(
    db: Session, query: Select[Homework, datetime | None]
) -> list[tuple[Homework, datetime | None]]:
    return [(homework, answered_at) for homework, answered_at in db.execute(query)]


def _practice_times(db: Session, rows: Sequence[Homework]) -> dict[str, list[datetime]]:
    """For each practice homework, when each moment using its strategy happened
    inside its window: one query, however many pieces."""
    ids = [h.id for h in rows if h.kind == rules.PRACTICE and h.jar_item_id]
    found: dict[str, list[datetime]] = {i: [] for i in ids}
    if not ids:
        return found
    query = (
        select(Homework.id, CopingMoment.occurred_at)
        .select_from(Homework)
        .join(MomentStrategy, MomentStrategy.jar_item_id == Homework.jar_item_id)
        .join(
            CopingMoment,
            (CopingMoment.id == MomentStrategy.moment_id)
            & (CopingMoment.client_id == Homework.client_id),
        )
        .where(
            Homework.id.in_(ids),
            CopingMoment.occurred_at >= Homework.assigned_at,
            CopingMoment.occurred_at <= Homework.due_at,
        )
    )
    for homework_id, occurred_at in db.execute(query):
        found[homework_id].append(occurred_at)
    return found


def _views(
    db: Session, rows: Sequence[tuple[Homework, datetime | None]], *, now: datetime
) -> list[View]:
    times = _practice_times(db, [h for h, _ in rows])
    views = []
    for homework, answered_at in rows:
        progress = None
        if homework.kind == rules.PRACTICE and homework.target_count:
            progress = rules.practice_progress(
                times.get(homework.id, []),
                homework.assigned_at,
                homework.due_at,
                homework.target_count,
            )
        standing = rules.standing(
            stored=homework.status,
            completed_at=homework.completed_at,
            progress=progress,
            answered_at=answered_at,
        )
        views.append(
            View(
                homework=homework,
                standing=standing,
                progress=progress,
                answered_at=answered_at,
                timing=rules.timing(now, homework.due_at, status=standing.status),
            )
        )
    return views


def _order(view: View) -> tuple[int, str]:
    """Open first, soonest due first; then done, newest first; cancelled last."""
    h = view.homework
    if view.is_open:
        return 0, h.due_at.isoformat()
    if view.status == rules.COMPLETED:
        done = view.standing.completed_at or h.assigned_at
        return 1, f"{10**12 - int(done.timestamp()):013d}"
    return 2, f"{10**12 - int(h.assigned_at.timestamp()):013d}"


def homework_of(db: Session, *, client_id: str, now: datetime) -> list[View]:
    """All of one client's homework, open first."""
    rows = _rows(db, _with_answers(Homework.client_id == client_id))
    return sorted(_views(db, rows, now=now), key=_order)


def view_of(db: Session, *, homework: Homework, now: datetime) -> View:
    rows = _rows(db, _with_answers(Homework.id == homework.id))
    return _views(db, rows, now=now)[0]


def get(db: Session, *, client_id: str, homework_id: str) -> Homework:
    """The client's own piece; anyone else's is 'not found'."""
    homework = db.get(Homework, homework_id)
    if homework is None or homework.client_id != client_id:
        raise HomeworkError(404, "homework_id", "We could not find that homework.")
    return homework


def client_of(db: Session, *, homework_id: str, org_id: str) -> str | None:
    """Whose homework this is, when it belongs to this organisation."""
    return db.scalar(
        select(Homework.client_id).where(Homework.id == homework_id, Homework.org_id == org_id)
    )


def due_for(db: Session, *, client_id: str, now: datetime) -> list[View]:
    """Open homework that is overdue or due within 24 hours, soonest first:
    for the client's Today page and the top of /homework."""
    query = _with_answers(
        Homework.client_id == client_id,
        Homework.status == rules.ASSIGNED,
        Homework.due_at <= now + rules.SOON,
    ).order_by(Homework.due_at)
    rows = _rows(db, query)
    return [v for v in _views(db, rows, now=now) if v.timing in ("overdue", "due_soon")]


@dataclass(frozen=True)
class HomeworkDue:
    """A client's soonest open homework, for the caseload."""

    client_id: str
    homework_id: str
    kind: str
    title: str
    due_at: datetime
    overdue: bool  # the soonest one is already past its date
    overdue_count: int
    open_count: int


def next_due(db: Session, *, client_ids: Sequence[str], now: datetime) -> dict[str, HomeworkDue]:
    """Each client's soonest open homework with counts, in two queries. Pass
    only clients whose goals and homework the viewer may read."""
    if not client_ids:
        return {}
    query = _with_answers(
        Homework.client_id.in_(list(client_ids)), Homework.status == rules.ASSIGNED
    ).order_by(Homework.due_at, Homework.id)
    views = [v for v in _views(db, _rows(db, query), now=now) if v.is_open]
    found: dict[str, HomeworkDue] = {}
    for view in views:  # soonest first, so the first per client is its next
        h = view.homework
        late = view.timing == "overdue"
        seen = found.get(h.client_id)
        if seen is None:
            found[h.client_id] = HomeworkDue(
                h.client_id, h.id, h.kind, h.title, h.due_at, late, int(late), 1
            )
        else:
            found[h.client_id] = HomeworkDue(
                seen.client_id,
                seen.homework_id,
                seen.kind,
                seen.title,
                seen.due_at,
                seen.overdue,
                seen.overdue_count + int(late),
                seen.open_count + 1,
            )
    return found


def jar_choices(db: Session, *, client: Membership) -> list[coping.JarEntry]:
    """Strategies practice can be set for: in use and not harmful."""
    return [
        e
        for e in coping.jar_of(db, client=client)
        if not e.retired and e.strategy.helpfulness != "harmful"
    ]


def strategy_names(db: Session, *, client: Membership) -> dict[str, str]:
    return {e.item.id: e.strategy.name for e in coping.jar_of(db, client=client)}


# ---------------------------------------------------------------- writing


RETRY_WINDOW = timedelta(minutes=2)


def _twin(
    db: Session,
    *,
    client: Membership,
    by: Membership,
    draft: rules.Draft,
    goal_id: str | None,
    title: str,
    now: datetime,
) -> Homework | None:
    """The same homework from the same person a moment ago: a form sent twice."""
    query = select(Homework).where(
        Homework.client_id == client.id,
        Homework.assigned_by == by.id,
        Homework.kind == draft.kind,
        Homework.status == rules.ASSIGNED,
        Homework.assigned_at >= now - RETRY_WINDOW,
        Homework.due_at == draft.due_at,
    )
    for row in db.scalars(query):
        same = (row.title, row.instructions, row.jar_item_id, row.target_count,
                row.instrument_id, row.goal_id)  # fmt: skip
        if same == (title, draft.instructions, draft.jar_item_id, draft.target_count,
                    draft.instrument_id, goal_id):  # fmt: skip
            return row
    return None


@dataclass(frozen=True)
class Assigned:
    homework: Homework
    created: bool  # False: the same homework was sent twice, and set once


def assign(
    db: Session,
    *,
    client: Membership,
    by: Membership,
    draft: rules.Draft,
    goal_id: str | None,
    now: datetime,
) -> Assigned:
    """Set homework. Every check runs before anything is written; the same
    homework sent twice within two minutes is set once."""
    draft = rules.check_draft(draft, now=now)
    title = draft.title
    if draft.kind == rules.PRACTICE:
        assert draft.jar_item_id is not None
        assert draft.target_count is not None
        try:
            entry = coping.get_item(db, client=client, item_id=draft.jar_item_id)
        except coping.CopingError:
            raise HomeworkError(
                422, "jar_item_id", "Choose a strategy from this client's own jar."
            ) from None
        rules.check_practice_strategy(helpfulness=entry.strategy.helpfulness, retired=entry.retired)
        title = title or rules.practice_title(entry.strategy.name, draft.target_count)
    instrument = None
    if draft.kind == rules.QUESTIONNAIRE:
        assert draft.instrument_id is not None
        try:
            instrument = measures.usable(
                db, org_id=client.org_id, instrument_id=draft.instrument_id
            ).instrument
        except measures.MeasureError as error:
            raise HomeworkError(422, "instrument_id", error.message) from None
        title = title or rules.QUESTIONNAIRE_TITLE
    if goal_id is not None:
        goal = db.get(Goal, goal_id)
        if goal is None or goal.client_id != client.id:
            raise HomeworkError(422, "goal_id", "Choose one of this client's goals.")
    assert title is not None
    twin = _twin(db, client=client, by=by, draft=draft, goal_id=goal_id, title=title, now=now)
    if twin is not None:
        return Assigned(twin, created=False)
    assignment = None
    if instrument is not None:
        assignment = measures.assign(
            db, client=client, instrument=instrument, every_days=None, starts_at=now, by=by,
            now=now,
        )  # fmt: skip
    homework = Homework(
        org_id=client.org_id,
        client_id=client.id,
        assigned_by=by.id,
        kind=draft.kind,
        title=title,
        instructions=draft.instructions,
        jar_item_id=draft.jar_item_id,
        target_count=draft.target_count,
        instrument_id=draft.instrument_id,
        measure_assignment_id=assignment.id if assignment else None,
        goal_id=goal_id,
        assigned_at=now,
        due_at=draft.due_at,
        status=rules.ASSIGNED,
        version=1,
    )
    db.add(homework)
    db.flush()
    return Assigned(homework, created=True)


def edit(
    db: Session, *, homework: Homework, changes: dict[str, Any], version: int, now: datetime
) -> Homework:
    """Change the title, instructions, due date or (practice) count of open
    homework, based on the version the person read."""
    rules.check_version(sent=version, current=homework.version)
    rules.check_open(view_of(db, homework=homework, now=now).status, action="changed")
    values: dict[str, Any] = {}
    if "title" in changes:
        values["title"] = rules.check_title(changes["title"], required=True)
    if "instructions" in changes:
        values["instructions"] = rules.check_instructions(changes["instructions"])
    if changes.get("due_at") is not None:
        values["due_at"] = rules.check_due(
            changes["due_at"], assigned_at=homework.assigned_at, now=now
        )
    elif "due_at" in changes:
        raise HomeworkError(422, "due_at", "Choose a due date in the future.")
    if "target_count" in changes:
        if homework.kind != rules.PRACTICE:
            raise HomeworkError(
                422, "target_count", "Only practice homework has a number of times."
            )
        values["target_count"] = rules.check_target(changes["target_count"])
    if not values:
        return homework
    for name, value in values.items():
        setattr(homework, name, value)
    if "due_at" in values:
        homework.reminded_at = None  # a new date earns a new reminder
    homework.version += 1
    db.flush()
    return homework


def complete(
    db: Session,
    *,
    homework: Homework,
    reflection: str | None,
    version: int | None,
    now: datetime,
) -> Homework:
    """The client marks it done, with an optional reflection. Done homework
    may get (or change) its reflection; sending none keeps the one it has."""
    rules.check_version(sent=version, current=homework.version)
    view = view_of(db, homework=homework, now=now)
    rules.check_complete(
        status=view.status, kind=homework.kind, done_on_its_own=view.standing.on_its_own
    )
    if homework.status == rules.COMPLETED:
        text = rules.check_reflection(reflection, required=False)
        if text is not None and text != homework.reflection:
            homework.reflection = text
            homework.version += 1
            db.flush()
        return homework
    text = rules.check_reflection(reflection, required=homework.kind == rules.REFLECTION)
    homework.status = rules.COMPLETED
    homework.completed_at = view.standing.completed_at if view.standing.on_its_own else now
    homework.reflection = text
    homework.version += 1
    db.flush()
    return homework


def cancel(
    db: Session, *, homework: Homework, by: Membership, version: int | None, now: datetime
) -> Homework:
    """No longer needed. A cancelled questionnaire is closed in measures too."""
    rules.check_version(sent=version, current=homework.version)
    if homework.status == rules.CANCELLED:
        return homework  # asked twice: already so
    rules.check_open(view_of(db, homework=homework, now=now).status, action="cancelled")
    homework.status = rules.CANCELLED
    homework.version += 1
    if homework.measure_assignment_id:
        assignment = db.get(MeasureAssignment, homework.measure_assignment_id)
        if assignment is not None:
            measures.end_assignment(db, assignment=assignment, by=by, now=now)
    db.flush()
    return homework


# ---------------------------------------------------------------- reminders


def remind_due(db: Session, *, now: datetime, base_url: str) -> int:
    """Queue one email per open homework now within 24 hours of its date, once
    (``reminded_at``), with a link and nothing else. Safe to run twice at once."""
    query = _with_answers(
        Homework.status == rules.ASSIGNED,
        Homework.reminded_at.is_(None),
        Homework.due_at >= now,
        Homework.due_at <= now + rules.SOON,
    ).order_by(Homework.due_at)
    queued = 0
    for view in _views(db, _rows(db, query), now=now):
        h = view.homework
        if not rules.should_remind(
            now=now, due_at=h.due_at, status=view.status, reminded_at=h.reminded_at
        ):
            continue
        client = db.get(Membership, h.client_id)
        if client is None or client.ended_at is not None or client.user.disabled_at is not None:
            continue
        claimed = db.execute(
            update(Homework)
            .where(Homework.id == h.id, Homework.reminded_at.is_(None))
            .values(reminded_at=now)
        )
        if not getattr(claimed, "rowcount", 0):
            continue  # another pass got there first
        url = f"{base_url.rstrip('/')}/homework/{h.id}"
        mail.queue(
            db,
            to=client.user.email,
            subject=REMINDER_SUBJECT,
            body=REMINDER_BODY.format(url=url),
            org_id=h.org_id,
            now=now,
        )
        queued += 1
    db.flush()
    return queued
