"""The jar, coping moments and urge surfing: load rows, apply the pure rules, write.

Services flush and never commit: the request's transaction commits once.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.coping import analytics, rules
from mend.coping.catalog import Strategy, load_default
from mend.coping.models import (
    CopingMoment,
    CopingPreferences,
    CustomStrategy,
    JarChange,
    JarItem,
    MomentRevision,
    MomentStrategy,
    StrategyOutcome,
    UrgeSession,
)
from mend.ids import new_id
from mend.safety import service as safety
from mend.safety.screening import screen

CUSTOM_PREFIX = "custom:"
DEFAULT_BY_ID: Mapping[str, Strategy] = MappingProxyType({s.id: s for s in load_default()})
# Others' data informs a prior only when enough people stand behind it, so no
# one client's results can be read back out of it.
POPULATION_MIN_CLIENTS = 5


class CopingError(Exception):
    """A request the jar rules refuse, with the field at fault and a kind message."""

    def __init__(
        self, status: int, field: str, message: str, *, extra: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.field = field
        self.message = message
        self.extra = extra or {}


@dataclass(frozen=True)
class JarEntry:
    item: JarItem
    strategy: Strategy

    @property
    def retired(self) -> bool:
        return self.item.retired_at is not None


# ---------------------------------------------------------------- catalog


def _words(value: str) -> tuple[str, ...]:
    return tuple(w for w in value.split(",") if w)


def custom_to_strategy(row: CustomStrategy) -> Strategy:
    return Strategy(
        id=f"{CUSTOM_PREFIX}{row.id}",
        name=row.name,
        family=row.family,
        orientation=row.orientation,
        helpfulness=row.helpfulness,
        harm_potential=row.harm_potential,
        functions=_words(row.functions),
        places=_words(row.places),
        minutes=row.minutes,
        social=row.social,
        cost=row.cost,
        fit_tags=_words(row.fit_tags),
        description=row.description,
    )


def catalog_for(
    db: Session, *, org_id: str, client_id: str | None, offered_only: bool = False
) -> dict[str, Strategy]:
    """The default catalog, the organisation's additions and the client's own.
    `offered_only` leaves out retired additions (jar items may still use them)."""
    found = {s.id: s for s in load_default()}
    owners: ColumnElement[bool] = CustomStrategy.owner_id.is_(None)
    if client_id is not None:
        owners = owners | (CustomStrategy.owner_id == client_id)
    query = select(CustomStrategy).where(CustomStrategy.org_id == org_id, owners)
    if offered_only:
        query = query.where(CustomStrategy.retired_at.is_(None))
    for row in db.scalars(query):
        found[f"{CUSTOM_PREFIX}{row.id}"] = custom_to_strategy(row)
    return found


def create_custom(
    db: Session, *, org_id: str, owner_id: str | None, strategy: Strategy, by: str, now: datetime
) -> CustomStrategy:
    row = CustomStrategy(
        org_id=org_id,
        owner_id=owner_id,
        name=strategy.name,
        description=strategy.description,
        family=strategy.family,
        orientation=strategy.orientation,
        helpfulness=strategy.helpfulness,
        harm_potential=strategy.harm_potential,
        functions=",".join(strategy.functions),
        places=",".join(strategy.places),
        minutes=strategy.minutes,
        social=strategy.social,
        cost=strategy.cost,
        fit_tags=",".join(strategy.fit_tags),
        created_by=by,
        created_at=now,
    )
    db.add(row)
    db.flush()
    return row


def org_strategies(db: Session, *, org_id: str) -> list[CustomStrategy]:
    query = select(CustomStrategy).where(
        CustomStrategy.org_id == org_id, CustomStrategy.owner_id.is_(None)
    )
    return sorted(db.scalars(query), key=lambda row: row.name.lower())


def retire_org_strategy(db: Session, *, org_id: str, strategy_id: str, now: datetime) -> None:
    row = db.get(CustomStrategy, strategy_id)
    if row is None or row.org_id != org_id or row.owner_id is not None:
        raise CopingError(404, "strategy_id", "We could not find that strategy.")
    row.retired_at = row.retired_at or now


# ---------------------------------------------------------------- the jar


def _strategy_of(item: JarItem, catalog: Mapping[str, Strategy]) -> Strategy:
    return catalog[item.strategy_ref]


def jar_of(db: Session, *, client: Membership) -> list[JarEntry]:
    """Every strategy the client has put in their jar, retired ones too."""
    catalog = catalog_for(db, org_id=client.org_id, client_id=client.id)
    query = select(JarItem).where(JarItem.client_id == client.id).order_by(JarItem.added_at)
    return [JarEntry(item, _strategy_of(item, catalog)) for item in db.scalars(query)]


def _note_change(
    db: Session, item: JarItem, kind: str, value: str | None, *, by: str, now: datetime
) -> JarChange:
    change = JarChange(
        id=new_id(),
        jar_item_id=item.id,
        client_id=item.client_id,
        kind=kind,
        value=value,
        changed_by=by,
        changed_at=now,
    )
    db.add(change)
    return change


def jar_history(db: Session, *, client_id: str, jar_item_id: str | None = None) -> list[JarChange]:
    """The client's jar changes, newest first; one item's only, if given."""
    query = select(JarChange).where(JarChange.client_id == client_id)
    if jar_item_id is not None:
        query = query.where(JarChange.jar_item_id == jar_item_id)
    query = query.order_by(JarChange.changed_at.desc())
    return list(db.scalars(query))


def _check_stage(strategy: Strategy, stage: str | None) -> str | None:
    if stage is None:
        return None
    if strategy.helpfulness != "harmful":
        raise CopingError(
            422, "stage_of_change", "A stage of change is only kept for harmful strategies."
        )
    try:
        return rules.check_stage(stage)
    except ValueError as error:
        raise CopingError(422, "stage_of_change", str(error)) from None


def _signal_if_imminent(
    db: Session, change: JarChange, item: JarItem, strategy: Strategy, now: datetime
) -> bool:
    """Each time a strategy with danger to life comes into the jar (added or
    brought back) is its own signal: months apart, it is news again."""
    if not rules.starts_safety_pathway(strategy):
        return False
    db.flush()
    safety.record_signal(
        db,
        org_id=item.org_id,
        client_id=item.client_id,
        kind="imminent_strategy",
        source_type="jar_change",
        source_id=change.id,
        level=None,
        now=now,
    )
    return True


@dataclass(frozen=True)
class JarResult:
    entry: JarEntry
    created: bool
    safety_pathway: bool


def add_to_jar(
    db: Session,
    *,
    client: Membership,
    strategy_ref: str,
    stage_of_change: str | None,
    by: str,
    now: datetime,
) -> JarResult:
    """Put a strategy in the jar, or bring a retired one back with its history.
    Only what is still offered can be added new; what is in the jar can come back."""
    item = _find_item(db, client_id=client.id, strategy_ref=strategy_ref)
    offered = item is None
    catalog = catalog_for(db, org_id=client.org_id, client_id=client.id, offered_only=offered)
    strategy = catalog.get(strategy_ref)
    if strategy is None:
        raise CopingError(422, "strategy", "Choose a strategy from the list.")
    stage = _check_stage(strategy, stage_of_change)
    if item is not None and item.retired_at is None:
        raise CopingError(409, "strategy", f"“{strategy.name}” is already in your jar.")
    created = item is None
    if item is None:
        item = _new_item(client, strategy_ref, stage, by=by, now=now)
        db.add(item)
        db.flush()
        change = _note_change(db, item, "added", stage, by=by, now=now)
    else:
        item.retired_at = None
        item.stage_of_change = stage or item.stage_of_change
        change = _note_change(db, item, "restored", stage, by=by, now=now)
    pathway = _signal_if_imminent(db, change, item, strategy, now)
    return JarResult(JarEntry(item, strategy), created=created, safety_pathway=pathway)


def _new_item(
    client: Membership, strategy_ref: str, stage: str | None, *, by: str, now: datetime
) -> JarItem:
    custom = strategy_ref.startswith(CUSTOM_PREFIX)
    return JarItem(
        org_id=client.org_id,
        client_id=client.id,
        catalog_id=None if custom else strategy_ref,
        custom_id=strategy_ref.removeprefix(CUSTOM_PREFIX) if custom else None,
        stage_of_change=stage,
        added_at=now,
        added_by=by,
    )


def _find_item(db: Session, *, client_id: str, strategy_ref: str) -> JarItem | None:
    if strategy_ref.startswith(CUSTOM_PREFIX):
        match = JarItem.custom_id == strategy_ref.removeprefix(CUSTOM_PREFIX)
    else:
        match = JarItem.catalog_id == strategy_ref
    return db.scalars(select(JarItem).where(JarItem.client_id == client_id, match)).first()


def add_personal(
    db: Session,
    *,
    client: Membership,
    strategy: Strategy,
    stage_of_change: str | None,
    now: datetime,
) -> JarResult:
    """A strategy in the client's own words, added straight to their jar."""
    _check_stage(strategy, stage_of_change)
    row = create_custom(
        db, org_id=client.org_id, owner_id=client.id, strategy=strategy, by=client.id, now=now
    )
    return add_to_jar(
        db,
        client=client,
        strategy_ref=f"{CUSTOM_PREFIX}{row.id}",
        stage_of_change=stage_of_change,
        by=client.id,
        now=now,
    )


def get_item(db: Session, *, client: Membership, item_id: str) -> JarEntry:
    item = db.get(JarItem, item_id)
    if item is None or item.client_id != client.id:
        raise CopingError(404, "item_id", "We could not find that in your jar.")
    catalog = catalog_for(db, org_id=client.org_id, client_id=client.id)
    return JarEntry(item, _strategy_of(item, catalog))


def set_stage(db: Session, *, entry: JarEntry, stage: str | None, by: str, now: datetime) -> None:
    entry.item.stage_of_change = _check_stage(entry.strategy, stage)
    _note_change(db, entry.item, "stage", entry.item.stage_of_change, by=by, now=now)


def set_note(entry: JarEntry, *, note: str | None) -> None:
    entry.item.note = note or None


def retire(db: Session, *, entry: JarEntry, by: str, now: datetime) -> None:
    if entry.item.retired_at is not None:
        return
    entry.item.retired_at = now
    entry.item.reduction_goal_at = None
    _note_change(db, entry.item, "retired", None, by=by, now=now)


def restore(db: Session, *, entry: JarEntry, by: str, now: datetime) -> bool:
    """Bring a retired strategy back; True when it starts the safety pathway
    (shown again even if it was back already; signalled once per return)."""
    if entry.item.retired_at is None:
        return rules.starts_safety_pathway(entry.strategy)
    entry.item.retired_at = None
    change = _note_change(db, entry.item, "restored", None, by=by, now=now)
    return _signal_if_imminent(db, change, entry.item, entry.strategy, now)


def active_strategies(entries: Iterable[JarEntry]) -> list[Strategy]:
    return [e.strategy for e in entries if not e.retired]


def set_reduction_goal(
    db: Session, *, client: Membership, entry: JarEntry, by: str, now: datetime
) -> rules.Decision:
    """Replace before reduce (§2); imminent harm is the exception, with extra support."""
    if entry.strategy.helpfulness != "harmful":
        raise CopingError(422, "item_id", "Goals to use something less are for harmful ways.")
    if entry.retired:
        raise CopingError(409, "item_id", "This is retired. Bring it back to your jar first.")
    decision = rules.may_set_reduction_goal(
        harmful=entry.strategy, jar=active_strategies(jar_of(db, client=client))
    )
    if not decision.allowed:
        return decision
    # No new risk signal: the strategy signalled when it came into the jar, and
    # a goal to stop it is a step toward safety (crisis support still shows).
    entry.item.reduction_goal_at = entry.item.reduction_goal_at or now
    _note_change(db, entry.item, "reduction_goal", None, by=by, now=now)
    return decision


def clear_reduction_goal(db: Session, *, entry: JarEntry, by: str, now: datetime) -> None:
    if entry.item.reduction_goal_at is None:
        return
    entry.item.reduction_goal_at = None
    _note_change(db, entry.item, "reduction_goal_cleared", None, by=by, now=now)


# ---------------------------------------------------------------- preferences


def passed_level(db: Session, *, client_id: str, default: int) -> int:
    prefs = db.get(CopingPreferences, client_id)
    return prefs.urge_passed_level if prefs else default


def preferred_tags(db: Session, *, client_id: str) -> frozenset[str]:
    prefs = db.get(CopingPreferences, client_id)
    return frozenset(_words(prefs.preferred_tags)) if prefs else frozenset()


def save_preferences(
    db: Session, *, client_id: str, urge_passed_level: int, tags: Sequence[str], now: datetime
) -> CopingPreferences:
    prefs = db.get(CopingPreferences, client_id) or CopingPreferences(client_id=client_id)
    prefs.urge_passed_level = urge_passed_level
    prefs.preferred_tags = ",".join(sorted(set(tags)))
    prefs.updated_at = now
    db.add(prefs)
    db.flush()
    return prefs


# ---------------------------------------------------------------- coping moments


@dataclass(frozen=True, kw_only=True)
class MomentData:
    """A coping moment as the client described it, already shape-checked at the edge."""

    occurred_at: datetime
    distress_before: int
    distress_after: int | None = None
    strategy_ids: tuple[str, ...] = ()
    stressor: str | None = None
    stressor_category: str = "other"
    appraisal: str | None = None
    controllability: str | None = None
    urge: int | None = None
    urge_target_id: str | None = None
    urge_self_harm: bool = False
    loss_orientation: str | None = None
    note: str | None = None

    def fingerprint(self) -> str:
        """A hash of the body, so a retry can be told from a different moment."""
        body = asdict(self)
        # The same instant written with another offset is the same moment.
        body["occurred_at"] = self.occurred_at.astimezone(UTC).isoformat()
        raw = json.dumps(body, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class MomentResult:
    moment: CopingMoment
    created: bool
    safety_pathway: bool
    words: str = "none"  # crisis-language screening of the moment's free text


@dataclass(frozen=True, kw_only=True)
class MomentLimits:
    now: datetime
    skew: timedelta
    imminent_urge_level: int


def _check_moment(
    data: MomentData, items: Mapping[str, JarEntry], limits: MomentLimits
) -> list[JarEntry]:
    if data.occurred_at > limits.now + limits.skew:
        raise CopingError(422, "occurred_at", "This time is in the future.")
    if not (data.strategy_ids or data.urge is not None or data.stressor or data.note):
        raise CopingError(
            422, "strategy_ids", "Add what you did, an urge, or a few words about what happened."
        )
    if len(set(data.strategy_ids)) != len(data.strategy_ids):
        raise CopingError(422, "strategy_ids", "A strategy is listed twice.")
    unknown = [sid for sid in data.strategy_ids if sid not in items]
    if unknown:
        raise CopingError(422, "strategy_ids", "Choose strategies from your own jar.")
    if data.urge_target_id is not None and data.urge_target_id not in items:
        raise CopingError(422, "urge_target_id", "Choose the urge's target from your own jar.")
    if data.urge_target_id is not None and data.urge is None:
        raise CopingError(422, "urge", "Rate the urge from 0 to 10, or leave its target empty.")
    if data.loss_orientation and "loss" not in (data.stressor_category, data.appraisal):
        raise CopingError(
            422,
            "loss_orientation",
            "Loss or restoration is only asked when the stressor is a loss.",
        )
    return [items[sid] for sid in data.strategy_ids]


def _urge_is_self_harm(data: MomentData, items: Mapping[str, JarEntry]) -> bool:
    target = items.get(data.urge_target_id or "")
    return data.urge_self_harm or (target is not None and rules.is_self_harm(target.strategy))


def _items_by_id(db: Session, client: Membership, ids: Iterable[str | None]) -> dict[str, JarEntry]:
    """The client's own jar items among `ids` (retired too); others' are simply absent.
    Loads only those rows: logging a moment should not cost a whole jar."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    query = select(JarItem).where(JarItem.client_id == client.id, JarItem.id.in_(wanted))
    items = list(db.scalars(query))
    catalog: Mapping[str, Strategy] = DEFAULT_BY_ID
    if any(item.custom_id for item in items):
        catalog = catalog_for(db, org_id=client.org_id, client_id=client.id)
    return {item.id: JarEntry(item, _strategy_of(item, catalog)) for item in items}


def _apply(
    moment: CopingMoment, data: MomentData, used: Sequence[JarEntry], self_harm: bool
) -> None:
    moment.occurred_at = data.occurred_at
    moment.distress_before = data.distress_before
    moment.distress_after = data.distress_after
    moment.stressor = data.stressor
    moment.stressor_category = data.stressor_category
    moment.appraisal = data.appraisal
    moment.controllability = data.controllability
    moment.urge = data.urge
    moment.urge_target_id = data.urge_target_id
    moment.urge_self_harm = self_harm
    moment.loss_orientation = data.loss_orientation
    moment.note = data.note
    moment.strategies = [
        MomentStrategy(
            jar_item_id=e.item.id,
            position=i,
            strategy_ref=e.item.strategy_ref,
            helpfulness=e.strategy.helpfulness,
            orientation=e.strategy.orientation,
        )
        for i, e in enumerate(used)
    ]
    moment.jar_kind = analytics.jar_kind([e.strategy.helpfulness for e in used])


def _signal_urge(
    db: Session,
    *,
    source: CopingMoment | UrgeSession,
    level: int | None,
    self_harm: bool,
    limits: MomentLimits,
) -> bool:
    """An urge to self-harm at the imminent level is stored as a risk signal."""
    imminent = rules.is_imminent_urge(
        intensity=level, self_harm=self_harm, level=limits.imminent_urge_level
    )
    if imminent:
        safety.record_signal(
            db,
            org_id=source.org_id,
            client_id=source.client_id,
            kind="imminent_urge",
            source_type=source.__tablename__,
            source_id=source.id,
            level=level,
            now=limits.now,
        )
    return imminent


def find_by_key(db: Session, *, client_id: str, key: str) -> CopingMoment | None:
    query = select(CopingMoment).where(
        CopingMoment.client_id == client_id, CopingMoment.idempotency_key == key
    )
    return db.scalars(query).first()


def log_moment(
    db: Session, *, client: Membership, key: str, data: MomentData, limits: MomentLimits
) -> MomentResult:
    """Store a coping moment once per idempotency key (§3)."""
    fingerprint = data.fingerprint()
    existing = find_by_key(db, client_id=client.id, key=key)
    if existing is not None:
        if existing.body_hash != fingerprint:
            raise CopingError(
                409, "idempotency_key", "This key was already used for a different moment."
            )
        return MomentResult(
            existing,
            created=False,
            safety_pathway=_was_imminent(existing, limits),
            words=str(screen(_free_text(existing)).level),
        )
    items = _items_by_id(db, client, (*data.strategy_ids, data.urge_target_id))
    used = _check_moment(data, items, limits)
    moment = CopingMoment(
        org_id=client.org_id,
        client_id=client.id,
        idempotency_key=key,
        body_hash=fingerprint,
        logged_at=limits.now,
    )
    _apply(moment, data, used, _urge_is_self_harm(data, items))
    db.add(moment)
    db.flush()
    _count_outcome(db, moment, sign=1)
    return MomentResult(
        moment,
        created=True,
        safety_pathway=_signal_urge(
            db, source=moment, level=moment.urge, self_harm=moment.urge_self_harm, limits=limits
        ),
        words=_screen_words(db, client, moment, limits),
    )


def _free_text(moment: CopingMoment) -> str:
    return "\n\n".join(t for t in (moment.stressor, moment.note) if t)


def _screen_words(
    db: Session, client: Membership, moment: CopingMoment, limits: MomentLimits
) -> str:
    """Crisis language in the moment's note or stressor is a risk signal (§5).
    Each edited version is screened as its own source: new words are news."""
    text = _free_text(moment)
    if not text:
        return "none"
    found = screen(text)
    source = "coping_moment" if moment.version == 1 else f"coping_moment_v{moment.version}"
    safety.record_screening(
        db, client=client, screening=found, source_type=source, source_id=moment.id,
        now=limits.now,
    )  # fmt: skip
    return str(found.level)


def _was_imminent(moment: CopingMoment, limits: MomentLimits) -> bool:
    return rules.is_imminent_urge(
        intensity=moment.urge, self_harm=moment.urge_self_harm, level=limits.imminent_urge_level
    )


def get_moment(db: Session, *, client: Membership, moment_id: str) -> CopingMoment:
    moment = db.get(CopingMoment, moment_id)
    if moment is None or moment.client_id != client.id:
        raise CopingError(404, "moment_id", "We could not find that moment.")
    return moment


def snapshot(moment: CopingMoment) -> dict[str, Any]:
    return {
        "version": moment.version,
        "occurred_at": moment.occurred_at.isoformat(),
        "distress_before": moment.distress_before,
        "distress_after": moment.distress_after,
        "strategy_ids": [s.jar_item_id for s in moment.strategies],
        "stressor": moment.stressor,
        "stressor_category": moment.stressor_category,
        "appraisal": moment.appraisal,
        "controllability": moment.controllability,
        "urge": moment.urge,
        "urge_target_id": moment.urge_target_id,
        "urge_self_harm": moment.urge_self_harm,
        "loss_orientation": moment.loss_orientation,
        "note": moment.note,
    }


def edit_moment(
    db: Session,
    *,
    client: Membership,
    moment: CopingMoment,
    data: MomentData,
    version: int,
    edit_window: timedelta,
    limits: MomentLimits,
) -> MomentResult:
    """Change a moment within the edit window; the old version is kept, sealed."""
    if limits.now - moment.logged_at > edit_window:
        hours = int(edit_window.total_seconds() // 3600)
        raise CopingError(
            409, "moment_id", f"Moments can be changed for {hours} hours. Please log a new one."
        )
    if version != moment.version:
        raise CopingError(409, "version", "This moment changed since you opened it. Please reload.")
    items = _items_by_id(db, client, (*data.strategy_ids, data.urge_target_id))
    used = _check_moment(data, items, limits)
    db.add(
        MomentRevision(
            moment_id=moment.id,
            version=moment.version,
            snapshot=json.dumps(snapshot(moment), sort_keys=True),
            replaced_at=limits.now,
            replaced_by=client.id,
        )
    )
    _count_outcome(db, moment, sign=-1)
    _forget_strategies(db, moment)
    _apply(moment, data, used, _urge_is_self_harm(data, items))
    moment.version += 1
    moment.edited_at = limits.now
    db.flush()
    _count_outcome(db, moment, sign=1)
    return MomentResult(
        moment,
        created=False,
        safety_pathway=_signal_urge(
            db, source=moment, level=moment.urge, self_harm=moment.urge_self_harm, limits=limits
        ),
        words=_screen_words(db, client, moment, limits),
    )


def _forget_strategies(db: Session, moment: CopingMoment) -> None:
    """Delete the strategies an edit replaces (the revision keeps them): their key
    includes the moment, so they cannot simply be let go of, and the same strategy
    may come straight back under the same key."""
    for used in moment.strategies:
        db.delete(used)
    db.flush()
    db.expire(moment, ["strategies"])


def revisions_of(db: Session, *, moment_id: str) -> list[MomentRevision]:
    query = (
        select(MomentRevision)
        .where(MomentRevision.moment_id == moment_id)
        .order_by(MomentRevision.version)
    )
    return list(db.scalars(query))


def recent_moments(db: Session, *, client_id: str, limit: int = 20) -> list[CopingMoment]:
    query = (
        select(CopingMoment)
        .where(CopingMoment.client_id == client_id)
        .order_by(CopingMoment.occurred_at.desc())
        .limit(limit)
    )
    return list(db.scalars(query))


# ---------------------------------------------------------------- population priors


def _count_outcome(db: Session, moment: CopingMoment, *, sign: int) -> None:
    """Keep the per-client running totals behind population priors in step."""
    if moment.distress_after is None or not moment.strategies:
        return
    drop = moment.distress_before - moment.distress_after
    for used in moment.strategies:
        _bump(db, moment, used.strategy_ref, uses=sign, drop=sign * drop)


def _bump(db: Session, moment: CopingMoment, ref: str, *, uses: int, drop: int) -> None:
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(StrategyOutcome).values(
        org_id=moment.org_id,
        strategy_ref=ref,
        client_id=moment.client_id,
        uses=uses,
        drop_total=drop,
    )
    db.execute(
        insert.on_conflict_do_update(
            index_elements=["org_id", "strategy_ref", "client_id"],
            set_={
                "uses": StrategyOutcome.uses + uses,
                "drop_total": StrategyOutcome.drop_total + drop,
            },
        )
    )


def population_priors(
    db: Session, *, org_id: str, client_id: str, refs: Iterable[str]
) -> dict[str, float]:
    """Mean drop per strategy among other clients of the organisation, where at
    least POPULATION_MIN_CLIENTS have used it."""
    wanted = sorted(set(refs))
    if not wanted:
        return {}
    query = (
        select(
            StrategyOutcome.strategy_ref,
            func.sum(StrategyOutcome.drop_total),
            func.sum(StrategyOutcome.uses),
        )
        .where(
            StrategyOutcome.org_id == org_id,
            StrategyOutcome.strategy_ref.in_(wanted),
            StrategyOutcome.client_id != client_id,
            StrategyOutcome.uses > 0,
        )
        .group_by(StrategyOutcome.strategy_ref)
        .having(func.count() >= POPULATION_MIN_CLIENTS)
    )
    return {ref: float(total) / float(uses) for ref, total, uses in db.execute(query) if uses}


# ---------------------------------------------------------------- analytics


def load_moments(
    db: Session, *, client_id: str, since: datetime | None = None
) -> list[analytics.Moment]:
    """The client's moments (from `since`, if given), reduced to what the analytics
    need, in two plain queries (no ORM objects: a client may have thousands)."""
    conn = db.connection()
    mine = [CopingMoment.client_id == client_id]
    if since is not None:
        mine.append(CopingMoment.occurred_at >= since)
    used: dict[str, list[analytics.Used]] = defaultdict(list)
    strategy_rows = conn.execute(
        select(
            MomentStrategy.moment_id,
            MomentStrategy.strategy_ref,
            MomentStrategy.helpfulness,
            MomentStrategy.orientation,
        )
        .join(CopingMoment, CopingMoment.id == MomentStrategy.moment_id)
        .where(*mine)
        .order_by(MomentStrategy.moment_id, MomentStrategy.position)
    ).all()
    for moment_id, ref, helpfulness, orientation in strategy_rows:
        used[moment_id].append((ref, helpfulness, orientation))
    rows = conn.execute(
        select(
            CopingMoment.id,
            CopingMoment.occurred_at,
            CopingMoment.distress_before,
            CopingMoment.distress_after,
            CopingMoment.stressor_category,
            CopingMoment.controllability,
            CopingMoment.loss_orientation,
        )
        .where(*mine)
        .order_by(CopingMoment.occurred_at)
    ).all()
    return [
        analytics.Moment(
            at=at,
            distress_before=before,
            distress_after=after,
            strategies=tuple(used.get(mid, ())),
            stressor_category=category,
            controllability=control,
            loss_orientation=loss,
        )
        for mid, at, before, after, category, control, loss in rows
    ]


# A session not heard from for this long ended when its last rating came in.
STALE_SESSION = timedelta(hours=12)


def load_urge_curves(db: Session, *, client_id: str, now: datetime) -> list[analytics.UrgeCurve]:
    finished = UrgeSession.ended_at.is_not(None) | (UrgeSession.updated_at < now - STALE_SESSION)
    rows = db.execute(
        select(UrgeSession.peak, UrgeSession.time_to_peak, UrgeSession.time_to_pass)
        .where(UrgeSession.client_id == client_id, finished)
        .order_by(UrgeSession.started_at)
    )
    return [
        analytics.UrgeCurve(peak=peak, time_to_peak=to_peak, time_to_pass=to_pass)
        for peak, to_peak, to_pass in rows
    ]


@dataclass(frozen=True, kw_only=True)
class Insights:
    """Everything the jar pages show, computed from the client's own data."""

    moments: int
    balance: list[analytics.WeekBalance]
    effects: list[analytics.StrategyEffect]
    by_category: dict[str, list[analytics.StrategyEffect]]
    fit: analytics.FitSummary
    grief: analytics.DualProcess
    grief_weeks: list[tuple[str, int, int]]
    urges: list[analytics.UrgeCurve]
    urge_summary: str | None
    entries: list[JarEntry] = field(default_factory=list)
    suggestions: dict[str, list[rules.Suggestion]] = field(default_factory=dict)

    def names(self) -> dict[str, str]:
        """Strategy id -> name, for every strategy the jar has held."""
        return {e.strategy.id: e.strategy.name for e in self.entries}

    def item_names(self) -> dict[str, str]:
        """Jar item id -> strategy name."""
        return {e.item.id: e.strategy.name for e in self.entries}


def insights(
    db: Session, *, client: Membership, now: datetime, grief_days: int, grief_minimum: int
) -> Insights:
    moments = load_moments(db, client_id=client.id)
    refs = {sid for m in moments for sid, _, _ in m.strategies}
    priors = population_priors(db, org_id=client.org_id, client_id=client.id, refs=refs)
    effects = analytics.what_works(moments, priors=priors)
    curves = load_urge_curves(db, client_id=client.id, now=now)
    entries = jar_of(db, client=client)
    return Insights(
        moments=len(moments),
        balance=analytics.jar_balance_by_week(moments),
        effects=effects,
        by_category=analytics.what_works_by_category(moments, priors=priors),
        fit=analytics.goodness_of_fit(moments),
        grief=analytics.dual_process_flag(moments, now=now, days=grief_days, minimum=grief_minimum),
        grief_weeks=analytics.grief_by_week(moments),
        urges=curves,
        urge_summary=analytics.urge_summary(curves),
        entries=entries,
        suggestions=_all_suggestions(db, client, entries, effects),
    )


def _all_suggestions(
    db: Session,
    client: Membership,
    entries: Sequence[JarEntry],
    effects: Sequence[analytics.StrategyEffect],
) -> dict[str, list[rules.Suggestion]]:
    catalog = catalog_for(db, org_id=client.org_id, client_id=client.id, offered_only=True)
    jar_ids = frozenset(e.strategy.id for e in entries if not e.retired)
    drops = {e.strategy_id: e.estimate for e in effects}
    tags = preferred_tags(db, client_id=client.id)
    offered = list(catalog.values())
    return {
        entry.item.id: rules.suggest_replacements(
            harmful=entry.strategy,
            catalog=offered,
            jar_ids=jar_ids,
            effects=drops,
            preferred_tags=tags,
        )
        for entry in entries
        if entry.strategy.helpfulness == "harmful" and not entry.retired
    }


def suggestions_for(db: Session, *, client: Membership, entry: JarEntry) -> list[rules.Suggestion]:
    moments = load_moments(db, client_id=client.id)
    refs = {sid for m in moments for sid, _, _ in m.strategies}
    priors = population_priors(db, org_id=client.org_id, client_id=client.id, refs=refs)
    effects = analytics.what_works(moments, priors=priors)
    entries = jar_of(db, client=client)
    return _all_suggestions(db, client, entries, effects).get(entry.item.id, [])


# ---------------------------------------------------------------- urge surfing


@dataclass(frozen=True, kw_only=True)
class UrgeData:
    started_at: datetime
    samples: tuple[tuple[int, int], ...]
    target_id: str | None = None
    self_harm: bool = False
    ended: bool = False
    end_reason: str | None = None


def _check_samples(samples: Sequence[tuple[int, int]]) -> None:
    if not samples:
        raise CopingError(422, "samples", "Rate the urge at least once.")
    minutes = [minute for minute, _ in samples]
    if minutes[0] != 0 or any(b <= a for a, b in itertools.pairwise(minutes)):
        raise CopingError(422, "samples", "Minutes start at 0 and go up.")


def save_urge_session(
    db: Session,
    *,
    client: Membership,
    key: str,
    data: UrgeData,
    passed_level: int,
    limits: MomentLimits,
) -> tuple[UrgeSession, bool]:
    """Create or extend an urge-surfing session by its device key; returns
    (session, imminent). A finished session's curve is fixed."""
    _check_samples(data.samples)
    if data.started_at > limits.now + limits.skew:
        raise CopingError(422, "started_at", "This time is in the future.")
    items = _items_by_id(db, client, (data.target_id,))
    target = items.get(data.target_id) if data.target_id else None
    if data.target_id and target is None:
        raise CopingError(422, "target_id", "Choose the urge's target from your own jar.")
    session = db.scalars(
        select(UrgeSession).where(UrgeSession.client_id == client.id, UrgeSession.client_key == key)
    ).first()
    if session is None:
        session = UrgeSession(org_id=client.org_id, client_id=client.id, client_key=key)
        session.passed_level = passed_level
        db.add(session)
    elif _is_stale_retry(session, data):
        return session, session.self_harm and session.peak >= limits.imminent_urge_level
    else:
        data = _keep_saved_ratings(session, data)
    self_harm = data.self_harm or (target is not None and rules.is_self_harm(target.strategy))
    _fill_session(session, data, self_harm, limits.now)
    db.flush()
    imminent = _signal_urge(
        db, source=session, level=session.peak, self_harm=self_harm, limits=limits
    )
    return session, imminent


def _is_stale_retry(session: UrgeSession, data: UrgeData) -> bool:
    """True for a retry carrying no news (a prefix of what is stored); refuses
    anything that would rewrite ratings already kept or reopen a finished session."""
    stored = [tuple(s) for s in json.loads(session.samples)]
    sent = list(data.samples)
    common = min(len(stored), len(sent))
    if stored[:common] != sent[:common]:
        raise CopingError(409, "samples", "These ratings differ from the ones already saved.")
    if len(sent) <= len(stored) and (session.ended_at is not None or not data.ended):
        return True
    if session.ended_at is not None:
        raise CopingError(409, "samples", "This urge-surfing session has already ended.")
    return False


def _keep_saved_ratings(session: UrgeSession, data: UrgeData) -> UrgeData:
    """An end that arrives with fewer ratings than are saved ends the session
    without losing the later ones (nothing accepted is lost)."""
    stored = tuple((minute, level) for minute, level in json.loads(session.samples))
    return replace(data, samples=stored) if len(stored) > len(data.samples) else data


def _fill_session(session: UrgeSession, data: UrgeData, self_harm: bool, now: datetime) -> None:
    curve = analytics.urge_curve(data.samples, passed_level=session.passed_level)
    session.target_id = data.target_id
    session.self_harm = self_harm
    session.started_at = data.started_at
    session.samples = json.dumps([list(s) for s in data.samples])
    session.peak = curve.peak
    session.time_to_peak = curve.time_to_peak
    session.time_to_pass = curve.time_to_pass
    session.updated_at = now
    if data.ended:
        session.ended_at = now
        session.end_reason = data.end_reason or ("passed" if curve.passed else "stopped")


def urge_sessions(db: Session, *, client_id: str, limit: int = 20) -> list[UrgeSession]:
    query = (
        select(UrgeSession)
        .where(UrgeSession.client_id == client_id)
        .order_by(UrgeSession.started_at.desc())
        .limit(limit)
    )
    return list(db.scalars(query))
