"""Months of history for the demo's generated clients, written in bulk.

`mend demo --clients N` adds N generated clients beside the named ones. Each
gets a jar, coping moments most days since they joined, and a course of PHQ-9
and GAD-7 with their therapist, so practice outcomes have something to show
(about 100 moments and 10 questionnaires per client: 10,000 clients make about
a million moments and 100,000 responses).

The rows are exactly those the app itself stores (`coping.service.log_moment`,
`coping.service.add_to_jar`, `measures.service.assign` / `complete`): the same
columns, the moment's body fingerprint, the strategy as it was at the time,
running outcome totals, scores from the real scoring functions. Only the way
they are written differs: SQLAlchemy Core `insert()` with many rows at a time,
because a million trips through the ORM would take an hour.

What the generated data leaves out on purpose: free text (no stressor words or
notes, so nothing to encrypt or screen), risk answers (PHQ-9 item 9 is always
0, so no risk signals wait on anyone's caseload) and strategies with danger to
life (they start the safety pathway). Those belong to the named clients' stories.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import random
import secrets
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session

from mend.accounts.models import Membership, User
from mend.accounts.roles import Role
from mend.coping.analytics import jar_kind
from mend.coping.catalog import Strategy
from mend.coping.models import CopingMoment, JarChange, JarItem, MomentStrategy, StrategyOutcome
from mend.coping.service import DEFAULT_BY_ID
from mend.ids import ALPHABET, LENGTH
from mend.measures.demo_stories import answers_for
from mend.measures.models import MeasureAssignment, MeasureResponse
from mend.measures.scoring import scorer
from mend.measures.service import COMPLETE, check_answers, score_record

CHUNK = 200  # clients whose rows are built and inserted together (bounded memory)
JOIN_UNTIL_DAY = 150  # everyone joins early enough to have a month of history
EARLY = 7 * 3600  # seconds after midnight (UTC) before which hardly anyone logs a moment
CASENESS_SHARE = 0.88  # most people referred to talking therapy start at caseness

Kind = Literal["recovery", "improvement", "no_change", "deterioration"]
# How courses end among those at caseness at the start, and among the others.
# Close to published NHS Talking Therapies figures: about half recover, two in
# three improve reliably, fewer than one in ten deteriorate.
AT_CASENESS: Mapping[Kind, float] = {
    "recovery": 0.48,
    "improvement": 0.18,
    "no_change": 0.26,
    "deterioration": 0.08,
}
BELOW_CASENESS: Mapping[Kind, float] = {
    "recovery": 0.0,
    "improvement": 0.15,
    "no_change": 0.70,
    "deterioration": 0.15,
}
STRESSORS = {
    "work": 0.22, "family": 0.17, "relationships": 0.15, "health": 0.13, "money": 0.1,
    "school": 0.06, "loss": 0.06, "trauma_reminder": 0.05, "other": 0.06,
}  # fmt: skip
HELPFUL = (
    "box-breathing", "grounding-5-4-3-2-1", "paced-breathing", "progressive-muscle-relaxation",
    "body-scan", "mindful-walking", "name-the-feeling", "self-compassion-break",
    "talk-to-someone-you-trust", "message-a-supporter", "gratitude-list", "balanced-thought",
    "first-small-step", "make-a-list", "plan-the-day", "brisk-walk", "yoga-stretching",
    "journaling", "music", "walk-in-nature", "warm-shower", "cup-of-tea", "call-a-friend",
    "time-with-pet", "sleep-routine", "prayer", "ask-for-advice", "problem-solving-steps",
)  # fmt: skip
STRESSOR_NAMES = tuple(STRESSORS)
STRESSOR_CUMULATIVE = tuple(itertools.accumulate(STRESSORS.values()))
APPRAISALS = ("threat", "challenge", None)
ORIENTATIONS = ("loss", "restoration")
CONTROLLABILITY = ("can", "partly", "cannot", None)
MIXED = ("watch-a-show", "read-a-book", "puzzle-or-game", "tidy-up", "rant-to-someone")
HARMFUL = (
    "stay-in-bed", "harsh-self-talk", "skipping-commitments", "drinking-alcohol",
    "smoking-vaping", "pretend-its-fine", "giving-up",
)  # fmt: skip


# ---------------------------------------------------------------- ids and hashes


_ID_TABLE = bytes(ord(ALPHABET[b % len(ALPHABET)]) for b in range(256))


def fast_ids(count: int) -> list[str]:
    """`count` record ids in the same form as `mend.ids.new_id` (16 letters and
    digits from the OS's randomness), made in one go: new_id's per-character
    draws cost 35 µs an id, half a minute for a million moments. Byte-to-letter
    by remainder leaves a bias of under 0.02 bits a character; still about 95 bits."""
    raw = secrets.token_bytes(count * LENGTH).translate(_ID_TABLE).decode("ascii")
    return [raw[i : i + LENGTH] for i in range(0, count * LENGTH, LENGTH)]


def _text(value: str | None) -> str:
    return "null" if value is None else f'"{value}"'


def moment_fingerprint(
    *,
    occurred_at: datetime,
    distress_before: int,
    distress_after: int | None,
    strategy_ids: Sequence[str],
    stressor_category: str,
    appraisal: str | None,
    controllability: str | None,
    loss_orientation: str | None,
) -> str:
    """`coping.service.MomentData.fingerprint` for a moment without free text or
    urge: the same JSON (sorted keys, no spaces), written directly because
    json.dumps costs as much as the rest of the moment. Only for values that need
    no escaping (ids, vocabulary words, ISO times); a test checks they agree."""
    ids = ",".join(f'"{i}"' for i in strategy_ids)
    after = "null" if distress_after is None else str(distress_after)
    raw = (
        f'{{"appraisal":{_text(appraisal)},"controllability":{_text(controllability)},'
        f'"distress_after":{after},"distress_before":{distress_before},'
        f'"loss_orientation":{_text(loss_orientation)},"note":null,'
        f'"occurred_at":"{occurred_at.astimezone(UTC).isoformat()}","strategy_ids":[{ids}],'
        f'"stressor":null,"stressor_category":"{stressor_category}","urge":null,'
        f'"urge_self_harm":false,"urge_target_id":null}}'
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- people


def create_clients(
    db: Session, *, org_id: str, count: int, password_hash: str, domain: str, now: datetime
) -> list[str]:
    """`count` client accounts (user + membership), as `accounts.create_user`
    stores them; returns the membership ids in order."""
    user_ids, member_ids = fast_ids(count), fast_ids(count)
    users, members = [], []
    for i in range(count):
        number = f"{i + 1:05d}"
        users.append(
            {"id": user_ids[i], "email": f"client{number}@{domain}",
             "display_name": f"Demo client {number}", "password_hash": password_hash,
             "created_at": now, "totp_secret": None}
        )  # fmt: skip
        members.append(
            {"id": member_ids[i], "user_id": user_ids[i], "org_id": org_id,
             "role": Role.CLIENT.value, "created_at": now}
        )  # fmt: skip
    _insert(db, User.__table__, users)  # type: ignore[arg-type]
    _insert(db, Membership.__table__, members)  # type: ignore[arg-type]
    return member_ids


def _insert(db: Session, table: Table, rows: list[dict[str, Any]], batch: int = 5000) -> None:
    """Insert `rows` (each with every column) in batches: SQLAlchemy Core
    executemany, or COPY on PostgreSQL.

    Why COPY there: psycopg's executemany runs one INSERT per row, and ten
    thousand clients' 2.7 million rows took 7.5 minutes on the bench machine
    (PostgreSQL spent as long executing them as Python did sending them);
    COPY takes a quarter of the time on both sides. The values are the same
    Python values either way; psycopg writes them in PostgreSQL's text form."""
    if not rows:
        return
    if db.get_bind().dialect.name == "postgresql":
        _copy(db, table, rows)
        return
    for start in range(0, len(rows), batch):
        db.execute(insert(table), rows[start : start + batch])


def _copy(db: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    names = list(rows[0])
    as_json = [isinstance(table.c[name].type, JSON) for name in names]
    columns = ", ".join(f'"{name}"' for name in names)
    cursor = db.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                values = [row[name] for name in names]
                if any(as_json):
                    values = [
                        json.dumps(v) if j and v is not None else v
                        for v, j in zip(values, as_json, strict=True)
                    ]
                copy.write_row(values)
    finally:
        cursor.close()


# ---------------------------------------------------------------- one client's plan


@dataclass(frozen=True)
class Newcomer:
    """A generated client: who treats them and when they joined."""

    client_id: str
    therapist_id: str
    joined_at: datetime


@dataclass(frozen=True)
class Plan:
    """How one generated client's course goes, drawn once."""

    kind: Kind
    phq9: tuple[int, int]  # first and last total
    gad7: tuple[int, int]
    helpful: tuple[float, float]  # helpful-only share of moments, at the start and the end
    sittings: int
    every_days: int
    moments_per_day: float


def _pick(rng: random.Random, weights: Mapping[Kind, float]) -> Kind:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _clip(value: float, top: int) -> int:
    return max(0, min(top, round(value)))


def _scores(rng: random.Random, kind: Kind, at_caseness: bool) -> tuple[tuple[int, int], ...]:
    """First and last PHQ-9 and GAD-7 totals for a course that goes as `kind`."""
    if at_caseness:
        phq, gad = rng.randint(11, 24), rng.randint(8, 19)
        if rng.random() < 0.2:  # some come for anxiety alone
            phq = rng.randint(4, 9)
    else:
        phq, gad = rng.randint(3, 9), rng.randint(2, 7)
    if kind == "recovery":  # both end below caseness
        ends = (min(phq, rng.randint(1, 8)), rng.randint(0, 6))
    elif kind == "improvement" and at_caseness:  # better, still at caseness
        phq, gad = max(phq, 17), max(gad, 13)
        ends = (max(10, phq - rng.randint(6, 9)), max(8, gad - rng.randint(4, 6)))
    elif kind == "improvement":
        phq = max(phq, 6)
        ends = (phq - rng.randint(6, phq), max(0, gad - rng.randint(0, 2)))
    elif kind == "deterioration":
        ends = (phq + rng.randint(6, 9), gad + rng.randint(4, 6))
    else:
        ends = (phq + rng.randint(-3, 3), gad + rng.randint(-2, 2))
    return (phq, _clip(ends[0], 27)), (gad, _clip(ends[1], 21))


def plan_for(rng: random.Random) -> Plan:
    at_caseness = rng.random() < CASENESS_SHARE
    kind = _pick(rng, AT_CASENESS if at_caseness else BELOW_CASENESS)
    phq9, gad7 = _scores(rng, kind, at_caseness)
    start = rng.uniform(0.3, 0.6)
    shift = {"recovery": 0.3, "improvement": 0.2, "no_change": 0.0, "deterioration": -0.15}[kind]
    end = min(0.95, max(0.05, start + shift + rng.uniform(-0.08, 0.08)))
    # A few leave after the first appointment: one score, so no outcome (NHS TT
    # counts only courses with two paired scores).
    sittings = 1 if rng.random() < 0.08 else rng.randint(3, 9)
    return Plan(
        kind=kind, phq9=phq9, gad7=gad7, helpful=(start, end), sittings=sittings,
        every_days=rng.choice((7, 14, 14)), moments_per_day=rng.uniform(0.5, 1.5),
    )  # fmt: skip


# ---------------------------------------------------------------- rows


@dataclass
class Volumes:
    clients: int = 0
    moments: int = 0
    strategies_used: int = 0
    jar_items: int = 0
    responses: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))


@dataclass
class _Rows:
    jar_items: list[dict[str, Any]] = field(default_factory=list)
    jar_changes: list[dict[str, Any]] = field(default_factory=list)
    moments: list[dict[str, Any]] = field(default_factory=list)
    used: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class _Item:
    id: str
    strategy: Strategy


def _jar(rng: random.Random) -> dict[str, list[Strategy]]:
    helpful = rng.sample(HELPFUL, rng.randint(4, 7))
    mixed = rng.sample(MIXED, rng.randint(1, 2))
    harmful = rng.sample(HARMFUL, rng.choice((0, 1, 1, 2, 2)))
    return {
        "helpful": [DEFAULT_BY_ID[r] for r in helpful],
        "mixed": [DEFAULT_BY_ID[r] for r in mixed],
        "harmful": [DEFAULT_BY_ID[r] for r in harmful],
    }


class _Writer:
    """Builds one client's rows as the services would store them."""

    def __init__(self, *, org_id: str, now: datetime, rng: random.Random, rows: _Rows) -> None:
        self.org_id, self.now, self.rng, self.rows = org_id, now, rng, rows
        self.scorers = {i: scorer(i) for i in ("phq9", "gad7")}

    def client(self, newcomer: Newcomer, plan: Plan) -> tuple[int, int]:
        jar = self._fill_jar(newcomer, _jar(self.rng))
        moments = self._moments(newcomer, plan, jar)
        return moments, self._course(newcomer, plan)

    # -- the jar (coping.service.add_to_jar)

    def _fill_jar(
        self, newcomer: Newcomer, jar: dict[str, list[Strategy]]
    ) -> dict[str, list[_Item]]:
        strategies = [s for group in jar.values() for s in group]
        ids, change_ids = fast_ids(len(strategies)), fast_ids(len(strategies))
        items: dict[str, list[_Item]] = {k: [] for k in jar}
        added = newcomer.joined_at + timedelta(minutes=20)
        n = 0
        for kind, group in jar.items():
            for strategy in group:
                at = added + timedelta(seconds=40 * n)
                self.rows.jar_items.append(
                    {"id": ids[n], "org_id": self.org_id, "client_id": newcomer.client_id,
                     "catalog_id": strategy.id, "custom_id": None, "stage_of_change": None,
                     "reduction_goal_at": None, "note": None, "added_at": at,
                     "added_by": newcomer.client_id, "retired_at": None}
                )  # fmt: skip
                self.rows.jar_changes.append(
                    {"id": change_ids[n], "jar_item_id": ids[n], "client_id": newcomer.client_id,
                     "kind": "added", "value": None, "changed_by": newcomer.client_id,
                     "changed_at": at}
                )  # fmt: skip
                items[kind].append(_Item(ids[n], strategy))
                n += 1
        return items

    # -- coping moments (coping.service.log_moment)

    def _used(self, jar: dict[str, list[_Item]], helpful_share: float) -> list[_Item]:
        rng = self.rng
        if rng.random() < helpful_share:
            return rng.sample(jar["helpful"], rng.choice((1, 1, 2)))
        roll = rng.random()
        if not jar["harmful"] or roll < 0.35:
            return [rng.choice(jar["mixed"]), *rng.sample(jar["helpful"], rng.choice((0, 1)))]
        harmful = rng.choice(jar["harmful"])
        if roll < 0.75:
            return [harmful, rng.choice(jar["helpful"] + jar["mixed"])]
        return [harmful]

    def _relief(self, used: list[_Item], before: int) -> int | None:
        if self.rng.random() < 0.08:
            return None  # not rated afterwards
        kinds = {u.strategy.helpfulness for u in used}
        top = 4 if kinds == {"helpful"} else (2 if "harmful" in kinds else 3)
        return max(0, before - self.rng.randint(0, top))

    def _moments(self, newcomer: Newcomer, plan: Plan, jar: dict[str, list[_Item]]) -> int:
        # The hot loop of the whole demo (a million turns): plain locals, no helpers
        # beyond the ones that carry a rule.
        rng, rows, client_id, org_id = self.rng, self.rows, newcomer.client_id, self.org_id
        begin = newcomer.joined_at + timedelta(hours=1)
        span = (self.now - timedelta(hours=2) - begin).total_seconds()
        count = max(1, round(plan.moments_per_day * span / 86400 * rng.uniform(0.85, 1.15)))
        # Mostly in waking hours: a moment drawn before 07:00 moves seven hours on.
        day_start = begin.timestamp() % 86400
        offsets = sorted(
            o + EARLY if (day_start + o) % 86400 < EARLY and o + EARLY < span else o
            for o in (rng.uniform(0, span) for _ in range(count))
        )
        ids = fast_ids(count)
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        (h0, h1), (p0, p1) = plan.helpful, plan.phq9
        categories = rng.choices(STRESSOR_NAMES, cum_weights=STRESSOR_CUMULATIVE, k=count)
        moments, used_rows = rows.moments, rows.used
        for n, offset in enumerate(offsets):
            progress = offset / span
            at = begin + timedelta(seconds=offset)
            used = self._used(jar, h0 + (h1 - h0) * progress)
            symptoms = (p0 + (p1 - p0) * progress) / 27
            before = _clip(rng.gauss(3 + 6 * symptoms, 1.5), 10)
            after = self._relief(used, before)
            category = categories[n]
            loss = category == "loss"
            appraisal = "loss" if loss else rng.choice(APPRAISALS)
            orientation = rng.choice(ORIENTATIONS) if loss else None
            controllability = rng.choice(CONTROLLABILITY)
            moment_id = ids[n]
            moments.append(
                {"id": moment_id, "org_id": org_id, "client_id": client_id,
                 "idempotency_key": f"demo-{moment_id}",
                 "body_hash": moment_fingerprint(
                     occurred_at=at, distress_before=before, distress_after=after,
                     strategy_ids=[u.id for u in used], stressor_category=category,
                     appraisal=appraisal, controllability=controllability,
                     loss_orientation=orientation),
                 "occurred_at": at,
                 "logged_at": min(self.now, at + timedelta(minutes=rng.randint(1, 40))),
                 "stressor": None, "stressor_category": category, "appraisal": appraisal,
                 "controllability": controllability, "distress_before": before,
                 "distress_after": after, "urge": None, "urge_target_id": None,
                 "urge_self_harm": False, "loss_orientation": orientation, "note": None,
                 "jar_kind": jar_kind([u.strategy.helpfulness for u in used]),
                 "version": 1, "edited_at": None}
            )  # fmt: skip
            for position, u in enumerate(used):
                strategy = u.strategy
                used_rows.append(
                    {"moment_id": moment_id, "jar_item_id": u.id, "position": position,
                     "strategy_ref": strategy.id, "helpfulness": strategy.helpfulness,
                     "orientation": strategy.orientation}
                )  # fmt: skip
                if after is not None:
                    total = totals[strategy.id]
                    total[0] += 1
                    total[1] += before - after
        rows.outcomes.extend(
            {"org_id": org_id, "strategy_ref": ref, "client_id": client_id,
             "uses": uses, "drop_total": drop}
            for ref, (uses, drop) in totals.items()
        )  # fmt: skip
        return count

    # -- PHQ-9 and GAD-7 (measures.service.assign and complete)

    def _course(self, newcomer: Newcomer, plan: Plan) -> int:
        rng = self.rng
        assigned = newcomer.joined_at + timedelta(hours=1)
        days = [plan.every_days * i for i in range(plan.sittings)]
        whens = [
            assigned + timedelta(days=d, hours=rng.uniform(0.5, 9))
            for d in days
            if assigned + timedelta(days=d + 1) < self.now
        ]
        finished = bool(whens) and whens[-1] + timedelta(days=plan.every_days) < self.now
        stored = 0
        for instrument_id, (first, last) in (("phq9", plan.phq9), ("gad7", plan.gad7)):
            assignment_id = fast_ids(1)[0]
            ended = whens[-1] + timedelta(days=1) if finished else None
            self.rows.assignments.append(
                {"id": assignment_id, "org_id": self.org_id, "client_id": newcomer.client_id,
                 "instrument_id": instrument_id, "every_days": plan.every_days,
                 "starts_at": assigned, "assigned_by": newcomer.therapist_id,
                 "created_at": assigned, "ended_at": ended,
                 "ended_by": newcomer.therapist_id if ended else None}
            )  # fmt: skip
            top = 27 if instrument_id == "phq9" else 21
            for i, when in enumerate(whens):
                if instrument_id == "gad7" and 0 < i < len(whens) - 1 and rng.random() < 0.03:
                    continue  # skipped this once: that day has no pair
                share = i / max(plan.sittings - 1, 1)
                exact = i in (0, plan.sittings - 1)
                target = first + (last - first) * share + (0 if exact else rng.gauss(0, 1.5))
                at = when + timedelta(minutes=4 if instrument_id == "gad7" else 0)
                self._respond(newcomer, assignment_id, instrument_id, _clip(target, top), at)
                stored += 1
        return stored

    def _respond(
        self, newcomer: Newcomer, assignment_id: str, instrument_id: str, total: int, at: datetime
    ) -> None:
        answers = answers_for(instrument_id, total, rng=self.rng)
        result = check_answers(self.scorers[instrument_id], answers)
        self.rows.responses.append(
            {"id": fast_ids(1)[0], "org_id": self.org_id, "client_id": newcomer.client_id,
             "instrument_id": instrument_id, "assignment_id": assignment_id,
             "status": COMPLETE, "answers": list(answers), "started_at": at, "updated_at": at,
             "completed_at": at, "total": result.total, "band": result.band,
             "result": score_record(result)}
        )  # fmt: skip


def _chunks(items: Sequence[Newcomer], size: int) -> Iterator[Sequence[Newcomer]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def write_history(
    db: Session, *, org_id: str, newcomers: Sequence[Newcomer], now: datetime, seed: int
) -> Volumes:
    """Jars, coping moments and questionnaire courses for the generated clients."""
    rng = random.Random(f"bulk-{seed}")  # noqa: S311 - demo data, not secrets
    volumes = Volumes()
    db.flush()
    # A million new dicts would set off the cycle collector over and over, each
    # pass walking all of them: 40 % of the time. Nothing here makes cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for chunk in _chunks(newcomers, CHUNK):
            _write_chunk(db, org_id=org_id, chunk=chunk, now=now, rng=rng, volumes=volumes)
    finally:
        if collecting:
            gc.enable()
    return volumes


def _write_chunk(
    db: Session,
    *,
    org_id: str,
    chunk: Sequence[Newcomer],
    now: datetime,
    rng: random.Random,
    volumes: Volumes,
) -> None:
    rows = _Rows()
    writer = _Writer(org_id=org_id, now=now, rng=rng, rows=rows)
    for newcomer in chunk:
        plan = plan_for(rng)
        moments, responses = writer.client(newcomer, plan)
        volumes.moments += moments
        volumes.responses += responses
        volumes.by_kind[plan.kind] += 1
    volumes.clients += len(chunk)
    volumes.jar_items += len(rows.jar_items)
    volumes.strategies_used += len(rows.used)
    # Parents before children: SQLite checks foreign keys on every row.
    for model, found in (
        (JarItem, rows.jar_items),
        (JarChange, rows.jar_changes),
        (CopingMoment, rows.moments),
        (MomentStrategy, rows.used),
        (StrategyOutcome, rows.outcomes),
        (MeasureAssignment, rows.assignments),
        (MeasureResponse, rows.responses),
    ):
        _insert(db, model.__table__, found)  # type: ignore[arg-type]
