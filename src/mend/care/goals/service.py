"""Goals: load rows, apply the rules in ``rules``, write (flush, never commit).

Who may reach a client's goals at all is the policy's (``care.policy``,
through ``web.auth``); what is left here is the goal's own sense of who does
what: only the client says yes or "not now" to a suggestion and decides how
an accepted goal stands; a suggestion's author may still reword it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.accounts.service import today_for
from mend.care.goals import rules
from mend.care.goals.models import Goal, GoalCheckIn, GoalStep
from mend.care.goals.rules import GoalText, Status
from mend.safety import service as safety
from mend.safety.screening import Screening


class GoalError(Exception):
    """A refusal with its status and the field at fault. A 409 about the goal
    carries the goal as it now is, so the answer can show the newer version."""

    def __init__(self, status: int, field: str, message: str, *, current: Goal | None = None):
        super().__init__(message)
        self.status, self.field, self.message, self.current = status, field, message, current


def _refused(error: rules.RuleError, goal: Goal | None = None) -> GoalError:
    return GoalError(error.status, error.field, error.message, current=goal)


# ---------------------------------------------------------------- reading


def goal_client(db: Session, *, goal_id: str, org_id: str) -> str | None:
    """The client a goal belongs to, when it is in this organisation."""
    query = select(Goal.client_id).where(Goal.id == goal_id, Goal.org_id == org_id)
    return db.scalar(query)


def get_goal(db: Session, *, goal_id: str, client_id: str, for_update: bool = False) -> Goal:
    """One of the client's goals. ``for_update`` locks the row (PostgreSQL) and
    reads it fresh, so two edits at once are one after the other, never a lost
    update; SQLite's write lock does the same for the whole transaction."""
    goal = db.get(
        Goal,
        goal_id,
        with_for_update=True if for_update else None,
        populate_existing=for_update,
    )
    if goal is None or goal.client_id != client_id:
        raise GoalError(404, "goal_id", "We could not find that goal.")
    return goal


def goals_of(db: Session, *, client_id: str) -> Sequence[Goal]:
    query = select(Goal).where(Goal.client_id == client_id)
    return db.scalars(query.order_by(Goal.created_at.desc(), Goal.id)).all()


def steps_of(db: Session, *, goal_ids: Sequence[str]) -> dict[str, list[GoalStep]]:
    found: dict[str, list[GoalStep]] = {goal_id: [] for goal_id in goal_ids}
    if not goal_ids:
        return found
    query = select(GoalStep).where(GoalStep.goal_id.in_(goal_ids))
    for step in db.scalars(query.order_by(GoalStep.position, GoalStep.id)):
        found[step.goal_id].append(step)
    return found


def check_ins_of(db: Session, *, goal_id: str, limit: int = 100) -> Sequence[GoalCheckIn]:
    query = (
        select(GoalCheckIn)
        .where(GoalCheckIn.goal_id == goal_id)
        .order_by(GoalCheckIn.at.desc(), GoalCheckIn.id.desc())
        .limit(limit)
    )
    return db.scalars(query).all()


def latest_check_ins(db: Session, *, goal_ids: Sequence[str]) -> dict[str, GoalCheckIn]:
    """Each goal's newest check-in, in one query."""
    if not goal_ids:
        return {}
    ranked = (
        select(
            GoalCheckIn.id,
            func.row_number()
            .over(
                partition_by=GoalCheckIn.goal_id,
                order_by=(GoalCheckIn.at.desc(), GoalCheckIn.id.desc()),
            )
            .label("n"),
        )
        .where(GoalCheckIn.goal_id.in_(goal_ids))
        .subquery()
    )
    query = select(GoalCheckIn).join(ranked, ranked.c.id == GoalCheckIn.id).where(ranked.c.n == 1)
    return {row.goal_id: row for row in db.scalars(query)}


def names_of(db: Session, member_ids: set[str]) -> dict[str, Membership]:
    if not member_ids:
        return {}
    query = select(Membership).where(Membership.id.in_(member_ids))
    return {m.id: m for m in db.scalars(query)}


def text_of(goal: Goal) -> GoalText:
    return GoalText(
        title=goal.title,
        specific=goal.specific,
        measurable=goal.measurable,
        achievable=goal.achievable,
        relevant=goal.relevant,
        target_date=goal.target_date,
    )


# ---------------------------------------------------------------- the caseload


@dataclass(frozen=True)
class GoalSummary:
    """One client's goals at a glance, for the caseload. Suggestions waiting
    for the client are counted apart: they are not the client's goals yet."""

    active: int = 0
    proposed: int = 0  # suggestions waiting for the client's answer
    latest_progress: int | None = None
    latest_at: datetime | None = None


def summaries(db: Session, *, client_ids: Sequence[str]) -> dict[str, GoalSummary]:
    """Every client's summary in two queries, whatever the number of clients.

    Access is the caller's to check: show a client's summary only to someone
    the client shares goals and homework with."""
    ids = list(dict.fromkeys(client_ids))
    if not ids:
        return {}
    counts: dict[str, dict[str, int]] = {client_id: {} for client_id in ids}
    by_status = (
        select(Goal.client_id, Goal.status, func.count())
        .where(Goal.client_id.in_(ids), Goal.status.in_((Status.ACTIVE, Status.PROPOSED)))
        .group_by(Goal.client_id, Goal.status)
    )
    for client_id, status, n in db.execute(by_status):
        counts[client_id][status] = n
    ranked = (
        select(
            Goal.client_id,
            GoalCheckIn.progress,
            GoalCheckIn.at,
            func.row_number()
            .over(
                partition_by=Goal.client_id,
                order_by=(GoalCheckIn.at.desc(), GoalCheckIn.id.desc()),
            )
            .label("n"),
        )
        .join(Goal, Goal.id == GoalCheckIn.goal_id)
        .where(Goal.client_id.in_(ids))
        .subquery()
    )
    latest = {
        client_id: (progress, at)
        for client_id, progress, at in db.execute(
            select(ranked.c.client_id, ranked.c.progress, ranked.c.at).where(ranked.c.n == 1)
        )
    }
    return {
        client_id: GoalSummary(
            active=counts[client_id].get(Status.ACTIVE, 0),
            proposed=counts[client_id].get(Status.PROPOSED, 0),
            latest_progress=latest[client_id][0] if client_id in latest else None,
            latest_at=_aware(latest[client_id][1]) if client_id in latest else None,
        )
        for client_id in ids
    }


def _aware(moment: datetime) -> datetime:
    """A time read through a bare column (not the mapped type) may come back naive on SQLite."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class Created:
    goal: Goal
    created: bool  # False: the same request came again, nothing new was stored


def create(
    db: Session,
    *,
    client: Membership,
    by: Membership,
    draft: GoalText,
    key: str | None,
    now: datetime,
) -> Created:
    """The client's own goal (active at once), or a suggestion from someone on
    their care team (``proposed``, until the client says yes)."""
    try:
        text = rules.clean_text(**asdict(draft), today=today_for(client.org, now))
    except rules.RuleError as error:
        raise _refused(error) from None
    own = by.id == client.id
    if key is not None:
        existing = _by_key(db, client_id=client.id, key=key)
        if existing is not None:
            return _same_request(existing, text, by)
    goal = Goal(
        org_id=client.org_id,
        client_id=client.id,
        idempotency_key=key,
        **asdict(text),
        status=Status.ACTIVE if own else Status.PROPOSED,
        created_by=by.id,
        created_at=now,
        accepted_at=now if own else None,
        status_changed_at=now,
        version=1,
    )
    try:
        with db.begin_nested():
            db.add(goal)
    except IntegrityError:
        # The same request, twice at the same instant: the first one stands.
        if key is None:
            raise
        existing = _by_key(db, client_id=client.id, key=key)
        assert existing is not None
        return _same_request(existing, text, by)
    return Created(goal, created=True)


def screen_words(
    db: Session, *, goal: Goal, client: Membership, by: Membership, now: datetime
) -> Screening | None:
    """A goal the client words themself is their writing like any other: screened (§5)."""
    text = text_of(goal)
    parts = (text.title, text.specific, text.measurable, text.achievable, text.relevant)
    words = "\n".join(p for p in parts if p)
    return safety.screen_own_words(
        db, client=client, by=by, text=words, source_type="goal", source_id=goal.id, now=now
    )


def _by_key(db: Session, *, client_id: str, key: str) -> Goal | None:
    query = select(Goal).where(Goal.client_id == client_id, Goal.idempotency_key == key)
    return db.scalars(query).first()


def _same_request(existing: Goal, text: GoalText, by: Membership) -> Created:
    if existing.created_by != by.id or text_of(existing) != text:
        raise GoalError(409, "idempotency_key", "This key was already used for a different goal.")
    return Created(existing, created=False)


def _client_only(client: Membership, by: Membership, doing: str) -> None:
    if by.id != client.id:
        name = client.user.display_name
        raise GoalError(
            403,
            "goal_id",
            f"Only {name} can {doing}: a goal is {name}'s to decide.",
        )


def _bump(goal: Goal, now: datetime) -> None:
    goal.version += 1
    goal.status_changed_at = now


def accept(
    db: Session, *, goal: Goal, client: Membership, by: Membership, version: int, now: datetime
) -> Goal:
    """The client says yes to a suggestion: now it is their goal."""
    _client_only(client, by, "accept this suggestion")
    try:
        rules.check_version(version, goal.version)
        goal.status = rules.accept(Status(goal.status))
    except rules.RuleError as error:
        raise _refused(error, goal) from None
    goal.accepted_at = now
    _bump(goal, now)
    db.flush()
    return goal


def decline(
    db: Session, *, goal: Goal, client: Membership, by: Membership, version: int, now: datetime
) -> Goal:
    """The client says "not now" to a suggestion; it stays visible, and can be
    taken on later."""
    _client_only(client, by, "say not now to this suggestion")
    try:
        rules.check_version(version, goal.version)
        goal.status = rules.decline(Status(goal.status))
    except rules.RuleError as error:
        raise _refused(error, goal) from None
    _bump(goal, now)
    db.flush()
    return goal


def change_status(
    db: Session,
    *,
    goal: Goal,
    client: Membership,
    by: Membership,
    to: str,
    version: int,
    now: datetime,
) -> Goal:
    """Rest, reach, let go or pick up again: the client's call."""
    _client_only(client, by, "change how this goal stands")
    try:
        target = rules.status_of(to)
        rules.check_version(version, goal.version)
        goal.status = rules.move(Status(goal.status), target)
    except rules.RuleError as error:
        raise _refused(error, goal) from None
    _bump(goal, now)
    db.flush()
    return goal


def _may_shape(goal: Goal, client: Membership, by: Membership, what: str) -> None:
    """Rewording a goal and changing its steps: the client always; the author
    of a suggestion while it waits; the care team adds and ticks steps."""
    allowed = rules.may_shape(
        Status(goal.status),
        what,
        is_client=by.id == client.id,
        is_author=by.id == goal.created_by,
    )
    if not allowed:
        name = client.user.display_name
        message = (
            f"Only {name} changes what their goal says. You can add steps and check in."
            if what == "text" and goal.status not in rules.SUGGESTIONS
            else f"Only {name} or the person who made this suggestion can change it."
        )
        raise GoalError(403, "goal_id", message)


def edit(
    db: Session,
    *,
    goal: Goal,
    client: Membership,
    by: Membership,
    version: int,
    changes: dict[str, object],
    now: datetime,
) -> Goal:
    """Change some SMART parts; an edit based on an older version is refused
    with the goal as it now is."""
    _may_shape(goal, client, by, "text")
    try:
        rules.check_version(version, goal.version)
        rules.check_editable(Status(goal.status))
        text = rules.apply_changes(text_of(goal), changes, today=today_for(client.org, now))
    except rules.RuleError as error:
        raise _refused(error, goal if error.status == 409 else None) from None
    if text != text_of(goal):
        for name, value in asdict(text).items():
            setattr(goal, name, value)
        goal.version += 1
        db.flush()
    return goal


def add_step(db: Session, *, goal: Goal, client: Membership, by: Membership, text: str) -> GoalStep:
    _may_shape(goal, client, by, "steps")
    existing = steps_of(db, goal_ids=[goal.id])[goal.id]
    try:
        clean = rules.clean_step(text, steps_so_far=len(existing), status=Status(goal.status))
    except rules.RuleError as error:
        raise _refused(error, goal if error.status == 409 else None) from None
    position = max((s.position for s in existing), default=0) + 1
    step = GoalStep(goal_id=goal.id, position=position, text=clean)
    db.add(step)
    db.flush()
    return step


def set_step_done(
    db: Session,
    *,
    goal: Goal,
    client: Membership,
    by: Membership,
    step_id: str,
    done: bool,
    now: datetime,
) -> GoalStep:
    """Tick a step off, or untick it. Ticking twice keeps the first time."""
    step = db.get(GoalStep, step_id)
    if step is None or step.goal_id != goal.id:
        raise GoalError(404, "step_id", "We could not find that step.")
    _may_shape(goal, client, by, "steps")
    if Status(goal.status) not in rules.STEPS_OPEN:
        raise GoalError(409, "status", "Pick this goal up again before changing its steps.")
    if done and step.done_at is None:
        step.done_at = now
    elif not done:
        step.done_at = None
    db.flush()
    return step


@dataclass(frozen=True)
class CheckedIn:
    check_in: GoalCheckIn
    created: bool
    screening: Screening | None  # what the client's note was screened as


def check_in(
    db: Session,
    *,
    goal: Goal,
    client: Membership,
    by: Membership,
    progress: int,
    note: str | None,
    key: str | None,
    now: datetime,
) -> CheckedIn:
    """How it is going, 0–10, and a note. The client's own note is screened
    for crisis language like any of their writing (clinical-model §5)."""
    try:
        progress, text = rules.check_in(progress, note, status=Status(goal.status))
    except rules.RuleError as error:
        raise _refused(error, goal if error.status == 409 else None) from None
    if key is not None:
        existing = _check_in_by_key(db, goal_id=goal.id, key=key)
        if existing is not None:
            return _same_check_in(existing, progress, text, by)
    row = GoalCheckIn(
        goal_id=goal.id, idempotency_key=key, at=now, by=by.id, progress=progress, note=text
    )
    try:
        with db.begin_nested():
            db.add(row)
    except IntegrityError:
        if key is None:
            raise
        existing = _check_in_by_key(db, goal_id=goal.id, key=key)
        assert existing is not None
        return _same_check_in(existing, progress, text, by)
    screening = safety.screen_own_words(
        db, client=client, by=by, text=text, source_type="goal_check_in", source_id=row.id, now=now
    )
    return CheckedIn(row, created=True, screening=screening)


def _check_in_by_key(db: Session, *, goal_id: str, key: str) -> GoalCheckIn | None:
    query = select(GoalCheckIn).where(
        GoalCheckIn.goal_id == goal_id, GoalCheckIn.idempotency_key == key
    )
    return db.scalars(query).first()


def _same_check_in(
    existing: GoalCheckIn, progress: int, text: str | None, by: Membership
) -> CheckedIn:
    if (existing.progress, existing.note, existing.by) != (progress, text, by.id):
        raise GoalError(
            409, "idempotency_key", "This key was already used for a different check-in."
        )
    return CheckedIn(existing, created=False, screening=None)
