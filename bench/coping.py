"""The coping jar under load: a jar item per simulated client, one client with three
years of daily coping moments, and the in-process timing of the jar analytics."""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.app import settle_memory
from mend.coping import analytics
from mend.coping import service as coping
from mend.db import make_sessionmaker, transaction

# The heavy reader's history: ~2.7 moments a day for three years.
HISTORY_DAYS = 3 * 365
HISTORY_MOMENTS = 3000
URGE_SESSIONS = 30
CHUNK = 250  # moments per transaction while building, so no one transaction grows huge
# (catalog id, weight): mostly helpful, some mixed, some harmful (none "imminent",
# which would raise safety signals the bench is not about).
STRATEGIES = (
    ("box-breathing", 6),
    ("brisk-walk", 5),
    ("call-a-friend", 4),
    ("journaling", 4),
    ("problem-solving-steps", 4),
    ("watch-a-show", 3),
    ("harsh-self-talk", 2),
    ("stay-in-bed", 2),
    ("drinking-alcohol", 1),
)
URGE_TARGET = "drinking-alcohol"  # harmful but not self-harm: urges never start the pathway
CATEGORIES = ("work", "family", "relationships", "health", "money", "other", "loss")
CONTROL = ("can", "partly", "cannot", None)
# Settings defaults (mend.settings); the bench runs the server with defaults too.
SKEW, IMMINENT_LEVEL, PASSED_LEVEL = timedelta(minutes=5), 8, 4
GRIEF_DAYS, GRIEF_MINIMUM = 14, 5
ANALYTICS_RUNS = 30


def ensure_in_jar(db: Session, *, client: Membership, ref: str, now: datetime) -> str:
    """The id of the client's jar item for catalog strategy ``ref``, adding it if
    needed (the demo data may already have put it there)."""
    for entry in coping.jar_of(db, client=client):
        if entry.strategy.id == ref and not entry.retired:
            return entry.item.id
    result = coping.add_to_jar(
        db, client=client, strategy_ref=ref, stage_of_change=None, by=client.id, now=now
    )
    return result.entry.item.id


@dataclass(frozen=True)
class History:
    """What the heavy reader's data holds, as written through the service."""

    moments: int
    strategies: int
    harmful: int
    loss_moments: int
    urge_sessions: int
    days: int
    build_seconds: float


def _limits(now: datetime) -> coping.MomentLimits:
    return coping.MomentLimits(now=now, skew=SKEW, imminent_urge_level=IMMINENT_LEVEL)


def _pick(rng: random.Random, items: dict[str, str]) -> tuple[str, ...]:
    """One or two distinct strategies from the jar, by weight."""
    refs = [ref for ref, _ in STRATEGIES]
    weights = [w for _, w in STRATEGIES]
    chosen = rng.choices(refs, weights=weights, k=rng.choice((1, 1, 2)))
    return tuple(dict.fromkeys(items[ref] for ref in chosen))


def _after(rng: random.Random, before: int, *, harmful: bool) -> int | None:
    """Distress after: helpful strategies tend to bring it down, harmful ones less."""
    if rng.random() < 0.1:
        return None  # not rated afterwards
    drop = rng.randint(-2, 2) if harmful else rng.randint(0, 4)
    return max(0, min(10, before - drop))


def _moment(
    rng: random.Random, at: datetime, items: dict[str, str], harm: set[str], recent: bool
) -> coping.MomentData:
    category = rng.choices(CATEGORIES, weights=(5, 4, 3, 3, 2, 2, 3))[0]
    used = _pick(rng, items)
    before = rng.randint(3, 9)
    urge = rng.randint(2, 7) if rng.random() < 0.15 else None
    # In the last weeks grief stays on the loss side: the dual-process flag fires.
    loss_side = "loss" if recent else rng.choice(("loss", "restoration"))
    return coping.MomentData(
        occurred_at=at,
        distress_before=before,
        distress_after=_after(rng, before, harmful=any(i in harm for i in used)),
        strategy_ids=used,
        stressor="A hard conversation at work." if rng.random() < 0.3 else None,
        stressor_category=category,
        controllability=rng.choice(CONTROL),
        urge=urge,
        urge_target_id=items[URGE_TARGET] if urge is not None else None,
        loss_orientation=loss_side if category == "loss" else None,
        note="Felt a bit better after." if rng.random() < 0.3 else None,
    )


def _fill_jar(db: Session, client: Membership, now: datetime) -> tuple[dict[str, str], set[str]]:
    items = {ref: ensure_in_jar(db, client=client, ref=ref, now=now) for ref, _ in STRATEGIES}
    entries = coping.jar_of(db, client=client)
    return items, {e.item.id for e in entries if e.strategy.helpfulness == "harmful"}


def _log_moments(
    engine: Engine, client_id: str, items: dict[str, str], harm: set[str], now: datetime
) -> int:
    """HISTORY_MOMENTS moments spread evenly over HISTORY_DAYS, each logged a few
    minutes after it happened, through mend.coping.service.log_moment."""
    rng, factory = random.Random(11), make_sessionmaker(engine)
    start = now - timedelta(days=HISTORY_DAYS)
    step = (now - timedelta(hours=1) - start) / HISTORY_MOMENTS
    loss = 0
    for first in range(0, HISTORY_MOMENTS, CHUNK):
        with transaction(factory) as db:
            client = db.get_one(Membership, client_id)
            for i in range(first, min(first + CHUNK, HISTORY_MOMENTS)):
                at = start + step * (i + 0.8 * rng.random())
                data = _moment(rng, at, items, harm, recent=now - at < timedelta(days=30))
                logged = at + timedelta(minutes=rng.randint(1, 30))
                key = f"history-{i:05d}"
                coping.log_moment(db, client=client, key=key, data=data, limits=_limits(logged))
                loss += data.loss_orientation is not None
    return loss


def _urge_samples(rng: random.Random) -> tuple[tuple[int, int], ...]:
    peak, rise = rng.randint(5, 9), rng.randint(2, 8)
    up = [(m, min(peak, 3 + m * (peak - 3) // rise)) for m in range(0, rise + 1, 2)]
    down = [(rise + m, max(0, peak - m // 2)) for m in range(2, 21, 2)]
    return tuple(up + down)


def _surf_urges(engine: Engine, client_id: str, target: str, now: datetime) -> None:
    rng = random.Random(13)
    with transaction(make_sessionmaker(engine)) as db:
        client = db.get_one(Membership, client_id)
        for j in range(URGE_SESSIONS):
            started = now - timedelta(days=HISTORY_DAYS * (j + 0.5) / URGE_SESSIONS)
            data = coping.UrgeData(
                started_at=started, samples=_urge_samples(rng), target_id=target, ended=True
            )
            coping.save_urge_session(
                db, client=client, key=f"urge-{j:04d}", data=data,
                passed_level=PASSED_LEVEL, limits=_limits(started + timedelta(minutes=30)),
            )  # fmt: skip


def build_history(engine: Engine, *, client_id: str, now: datetime) -> History:
    """Three years of one client's coping, written as the app writes it."""
    started = time.perf_counter()
    start = now - timedelta(days=HISTORY_DAYS)
    with transaction(make_sessionmaker(engine)) as db:
        items, harm = _fill_jar(db, db.get_one(Membership, client_id), start)
    loss = _log_moments(engine, client_id, items, harm, now)
    _surf_urges(engine, client_id, items[URGE_TARGET], now)
    return History(
        moments=HISTORY_MOMENTS,
        strategies=len(items),
        harmful=len(harm),
        loss_moments=loss,
        urge_sessions=URGE_SESSIONS,
        days=HISTORY_DAYS,
        build_seconds=time.perf_counter() - started,
    )


# ---------------------------------------------------------------- timing


def _summary(samples_s: Sequence[float]) -> dict[str, float]:
    ms = sorted(1000 * s for s in samples_s)
    p95 = ms[min(len(ms), max(1, round(0.95 * len(ms)))) - 1]  # nearest rank
    return {"median_ms": statistics.median(ms), "p95_ms": p95, "max_ms": ms[-1], "runs": len(ms)}


class FullCollections:
    """Counts the garbage collector's full (generation 2) collections and their
    pauses while active: the process-wide pauses that make up a timing's tail."""

    def __init__(self) -> None:
        self.count = 0
        self.pause_s = 0.0
        self._started = 0.0

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.count += 1
            self.pause_s += time.perf_counter() - self._started

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._callback)


def _timed(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    fn()  # warm: first-use costs (statement compilation, catalog parse) are not the steady state
    samples = []
    with FullCollections() as full:
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t0)
    return _summary(samples) | {"full_gcs": full.count, "full_gc_ms": 1000 * full.pause_s}


def _in_session(engine: Engine, client_id: str, work: Callable[[Session, Membership], Any]) -> Any:
    """``work`` in a fresh session and transaction, as one request would run it; the
    client row is loaded first (a request has it from authentication)."""

    factory = make_sessionmaker(engine)

    def run() -> Any:
        with transaction(factory) as db:
            return work(db, db.get_one(Membership, client_id))

    return run


def pure_analytics(
    moments: Sequence[analytics.Moment],
    curves: Sequence[analytics.UrgeCurve],
    priors: dict[str, float],
    now: datetime,
) -> None:
    """Every pure computation coping.service.insights makes, on loaded values."""
    analytics.jar_balance_by_week(moments)
    analytics.what_works(moments, priors=priors)
    analytics.what_works_by_category(moments, priors=priors)
    analytics.goodness_of_fit(moments)
    analytics.dual_process_flag(moments, now=now, days=GRIEF_DAYS, minimum=GRIEF_MINIMUM)
    analytics.grief_by_week(moments)
    analytics.urge_summary(curves)


def time_insights(engine: Engine, *, client_id: str, now: datetime, runs: int) -> dict[str, Any]:
    """insights() whole (load + analytics + suggestions), the loading alone, and
    the pure analytics alone, each ``runs`` times after one warm-up call."""

    def whole(db: Session, client: Membership) -> coping.Insights:
        return coping.insights(
            db, client=client, now=now, grief_days=GRIEF_DAYS, grief_minimum=GRIEF_MINIMUM
        )

    def load(db: Session, client: Membership) -> tuple[Any, Any, dict[str, float]]:
        moments = coping.load_moments(db, client_id=client.id)
        curves = coping.load_urge_curves(db, client_id=client.id, now=now)
        refs = {sid for m in moments for sid, _, _ in m.strategies}
        priors = coping.population_priors(db, org_id=client.org_id, client_id=client.id, refs=refs)
        return moments, curves, priors

    moments, curves, priors = _in_session(engine, client_id, load)()
    shown: coping.Insights = _in_session(engine, client_id, whole)()
    settle_memory()  # as the server does once it has started
    return {
        "insights": _timed(_in_session(engine, client_id, whole), runs),
        "load": _timed(_in_session(engine, client_id, load), runs),
        "pure": _timed(lambda: pure_analytics(moments, curves, priors, now), runs),
        "moments_loaded": len(moments),
        "urge_curves": len(curves),
        "effects": len(shown.effects),
        "grief_flag": shown.grief.flag,
    }
