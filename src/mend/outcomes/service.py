"""Practice outcomes: load what the rules need for a whole practice, fast.

Ten thousand clients hold about a million coping moments and a hundred
thousand questionnaire responses. Nothing here loads ORM objects or decrypts
anything, and nothing runs one query per client:

- questionnaire scores: one query for (client, instrument, time, total) of the
  completed responses in the period, about ten rows per client;
- jar balance: one query that counts, in the database, each client's moments
  per month and how many of them used only helpful strategies (a few rows per
  client instead of a million moments);
- the practitioner filter is a subquery on the care team in both.

Months follow the organisation's calendar: the month boundaries are worked out
here, in its time zone, and the database counts each month's stretch of moments
between those instants.
Paired scores are matched by the calendar day of their UTC time, as on a
client's own questionnaire page, so a course reads the same in both places.

What it costs: a scan of one covering index over the period's moments
(`ix_coping_moment_org_jar`), because each moment keeps its jar kind from when
it was logged; figures in bench/RESULTS.md, "Practice outcomes".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Select,
    case,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from mend.accounts.models import Membership, Organisation, User
from mend.accounts.roles import Role
from mend.accounts.service import zone_of
from mend.care.models import CareTeamMember
from mend.coping.models import CopingMoment
from mend.measures import service as measures
from mend.measures.change import Direction
from mend.measures.definitions import Instrument, instruments
from mend.measures.models import MeasureResponse
from mend.outcomes import rules

PAIRED = ("phq9", "gad7")


@dataclass(frozen=True)
class Filters:
    start: date  # first day of the period, in the organisation's calendar
    end: date  # last day, inclusive
    practitioner_id: str | None = None


@dataclass(frozen=True)
class Practitioner:
    id: str
    name: str


@dataclass(frozen=True)
class InstrumentChange:
    instrument_id: str
    name: str
    rule: rules.ChangeRule
    view: rules.ChangeView


@dataclass(frozen=True)
class Outcomes:
    filters: Filters
    zone: str
    practitioner: Practitioner | None
    paired: rules.PairedView
    changes: list[InstrumentChange]
    jar: rules.JarView


# ---------------------------------------------------------------- who and when


def therapists(db: Session, *, org_id: str) -> list[Practitioner]:
    """The organisation's therapists, for the filter: staff names, not clients'."""
    query = (
        select(Membership.id, User.display_name)
        .join(User, User.id == Membership.user_id)
        .where(Membership.org_id == org_id, Membership.role == Role.THERAPIST.value)
        .order_by(User.display_name, Membership.id)
    )
    return [Practitioner(member_id, name) for member_id, name in db.execute(query)]


def find_practitioner(db: Session, *, org_id: str, member_id: str) -> Practitioner | None:
    """A therapist of this organisation, or None (another organisation's, a
    client's, a coach's or an unknown id all look the same)."""
    query = (
        select(Membership.id, User.display_name)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.id == member_id,
            Membership.org_id == org_id,
            Membership.role == Role.THERAPIST.value,
        )
    )
    row = db.execute(query).first()
    return Practitioner(row[0], row[1]) if row else None


def _instant(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def bounds(filters: Filters, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The period as instants: from the start of its first day to the start of
    the day after its last, in the organisation's time zone."""
    return _instant(filters.start, zone), _instant(filters.end + timedelta(days=1), zone)


def _team(*, org_id: str, member_id: str, start: datetime, end: datetime) -> Select[str]:
    """Clients on the therapist's care team at any time in the period (the care
    team keeps when each member joined and left). A client who moved from one
    therapist to another in the period counts for both, with the whole period."""
    return select(CareTeamMember.client_id).where(
        CareTeamMember.org_id == org_id,
        CareTeamMember.member_id == member_id,
        CareTeamMember.role == Role.THERAPIST.value,
        CareTeamMember.added_at < end,
        or_(CareTeamMember.ended_at.is_(None), CareTeamMember.ended_at >= start),
    )


@dataclass(frozen=True)
class _Scope:
    org_id: str
    start: datetime
    end: datetime
    practitioner_id: str | None

    def clients(
        self, column: ColumnElement[str] | InstrumentedAttribute[str]
    ) -> list[ColumnElement[bool]]:
        if self.practitioner_id is None:
            return []
        team = _team(
            org_id=self.org_id, member_id=self.practitioner_id, start=self.start, end=self.end
        )
        return [column.in_(team)]


# ---------------------------------------------------------------- scores


def _change_rules() -> dict[str, tuple[Instrument, rules.ChangeRule]]:
    """The shipped questionnaires whose change has a direction and a rule.
    (Not `measures.catalog`: that reads each organisation's permission
    statements, which are encrypted, and nothing here needs free text.)"""
    found = {}
    for key, instrument in instruments().items():
        rule = measures.change_rule(instrument)
        if rule is not None:
            threshold, norms = rule
            higher_is_worse = instrument.higher_is_worse is not False
            found[key] = (instrument, rules.ChangeRule(threshold, norms, higher_is_worse))
    return found


def _scores(
    db: Session, scope: _Scope, instrument_ids: Sequence[str]
) -> dict[str, dict[str, list[tuple[datetime, float]]]]:
    """client → instrument → (completed at, total), oldest first: one query."""
    r = MeasureResponse
    query = (
        select(r.client_id, r.instrument_id, r.completed_at, r.total)
        .where(
            r.org_id == scope.org_id,
            r.status == measures.COMPLETE,
            r.completed_at >= scope.start,
            r.completed_at < scope.end,
            r.total.is_not(None),
            r.instrument_id.in_(instrument_ids),
            *scope.clients(r.client_id),
        )
        .order_by(r.client_id, r.instrument_id, r.completed_at)
    )
    found: dict[str, dict[str, list[tuple[datetime, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for client_id, instrument_id, at, total in db.execute(query):
        if at is not None and total is not None:  # both filtered in the query; for the types
            found[client_id][instrument_id].append((at, total))
    return found


def _paired(scores: dict[str, dict[str, list[tuple[datetime, float]]]]) -> rules.PairedView:
    courses = (
        rules.client_course(phq9=by.get("phq9", []), gad7=by.get("gad7", []))
        for by in scores.values()
        if any(key in by for key in PAIRED)
    )
    return rules.show_paired(rules.count_paired(courses))


def _changes(
    scores: dict[str, dict[str, list[tuple[datetime, float]]]],
    judged: dict[str, tuple[Instrument, rules.ChangeRule]],
) -> list[InstrumentChange]:
    directions: dict[str, list[Direction | None]] = defaultdict(list)
    for by in scores.values():
        for key, series in by.items():
            directions[key].append(rules.course_change(series, judged[key][1]))
    # PHQ-9 and GAD-7 first (the paired outcome's two), then the rest by name.
    order = sorted(directions, key=lambda k: (_rank(k), judged[k][0].short_name))
    return [
        InstrumentChange(
            instrument_id=key,
            name=judged[key][0].short_name,
            rule=judged[key][1],
            view=rules.show_changes(rules.count_changes(directions[key])),
        )
        for key in order
    ]


def _rank(instrument_id: str) -> int:
    return PAIRED.index(instrument_id) if instrument_id in PAIRED else len(PAIRED)


# ---------------------------------------------------------------- jar balance


def month_starts(filters: Filters, zone: ZoneInfo) -> tuple[list[date], list[datetime]]:
    """The calendar months the period touches, and the instant each begins
    (the first clipped to the period's own start)."""
    months = rules.months_between(filters.start, filters.end)
    starts = [_instant(max(m, filters.start), zone) for m in months]
    return months, starts


def _jar_rows(
    db: Session, scope: _Scope, starts: Sequence[datetime]
) -> list[tuple[str, int, int, int]]:
    """(client, month index, moments with a strategy, helpful-only moments),
    counted by the database: a few rows per client instead of a million
    moments. A moment is helpful-only when every strategy it used was helpful
    at the time it was logged: its jar kind, kept on the moment for this, so
    the count needs no join to the strategies and one index covers it.

    One grouped count per month, joined by UNION ALL: each reads its own
    stretch of the index and sorts only that month's moments by client, which
    on SQLite is less than half the time of sorting the whole period's
    moments into months with a CASE (bench/RESULTS.md)."""
    m = CopingMoment
    helpful = func.sum(case((m.jar_kind == "helpful_only", 1), else_=0))
    ends = [*starts[1:], scope.end]
    months = [
        select(m.client_id, literal(i).label("month"), func.count(m.jar_kind), helpful)
        .where(
            m.org_id == scope.org_id,
            m.occurred_at >= start,
            m.occurred_at < end,
            *scope.clients(m.client_id),
        )
        .group_by(m.client_id)
        for i, (start, end) in enumerate(zip(starts, ends, strict=True))
    ]
    query = union_all(*months) if len(months) > 1 else months[0]
    return [(c, int(i), int(n), int(ok or 0)) for c, i, n, ok in db.execute(query)]


def _jar(db: Session, scope: _Scope, filters: Filters, zone: ZoneInfo) -> rules.JarView:
    months, starts = month_starts(filters, zone)
    rows = (
        rules.JarMonth(client=client, month=months[i], moments=n, helpful_only=ok)
        for client, i, n, ok in _jar_rows(db, scope, starts)
    )
    return rules.jar_trend(rows, months)


# ---------------------------------------------------------------- the view


def compute(db: Session, *, org: Organisation, filters: Filters) -> Outcomes:
    """Every figure of the outcomes view for the period and practitioner."""
    if db.get_bind().dialect.name == "postgresql":
        # PostgreSQL's 4 MB default would spill the jar count's hash aggregate and
        # the scores' sort to disk; this transaction (a read) gets more.
        db.execute(text("SET LOCAL work_mem = '64MB'"))
    zone = zone_of(org)
    start, end = bounds(filters, zone)
    scope = _Scope(org.id, start, end, filters.practitioner_id)
    practitioner = (
        find_practitioner(db, org_id=org.id, member_id=filters.practitioner_id)
        if filters.practitioner_id
        else None
    )
    judged = _change_rules()
    scores = _scores(db, scope, sorted(judged))
    return Outcomes(
        filters=filters,
        zone=zone.key,
        practitioner=practitioner,
        paired=_paired(scores),
        changes=_changes(scores, judged),
        jar=_jar(db, scope, filters, zone),
    )
