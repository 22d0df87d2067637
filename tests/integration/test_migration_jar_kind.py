"""Moments logged before jar kinds were kept get theirs from the migration,
by the same rule the app uses when a moment is logged (analytics.jar_kind)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text

from mend.coping.analytics import jar_kind
from mend.coping.models import CopingMoment, MomentStrategy
from mend.db import make_engine
from mend.migrate import upgrade
from mend.settings import normalise_database_url
from tests.conftest import fresh_database

BEFORE = "0845040c2b48"  # the revision before coping_moment.jar_kind
AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
USED = {
    "helpful": ("helpful",),
    "two-helpful": ("helpful", "helpful"),
    "helpful-mixed": ("helpful", "mixed"),
    "helpful-harmful": ("helpful", "harmful"),
    "mixed-harmful": ("mixed", "harmful"),
    "harmful": ("harmful", "harmful"),
    "nothing": (),
}


def _fill(url: str) -> None:
    """Only the two tables under test, without their parents: a plain engine
    (SQLite leaves foreign keys unchecked unless asked) and, on PostgreSQL, a
    transaction that skips the checks."""
    engine = create_engine(normalise_database_url(url))
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(insert(CopingMoment.__table__), [_moment(m) for m in USED])
            rows = [row for m, used in USED.items() for row in _used(m, used)]
            conn.execute(insert(MomentStrategy.__table__), rows)
    finally:
        engine.dispose()


def _moment(moment_id: str) -> dict[str, object]:
    return {
        "id": moment_id, "org_id": "org", "client_id": "client",
        "idempotency_key": moment_id, "body_hash": "0" * 64, "occurred_at": AT,
        "logged_at": AT, "stressor_category": "work", "distress_before": 6,
        "urge_self_harm": False, "version": 1,
    }  # fmt: skip


def _used(moment_id: str, helpfulness: tuple[str, ...]) -> list[dict[str, object]]:
    return [
        {"moment_id": moment_id, "jar_item_id": f"{moment_id}-{i}", "position": i,
         "strategy_ref": f"s{i}", "helpfulness": h, "orientation": "emotion"}
        for i, h in enumerate(helpfulness)
    ]  # fmt: skip


def test_the_migration_gives_old_moments_their_jar_kind(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        engine = make_engine(url)
        try:
            upgrade(engine, BEFORE)
            _fill(url)
            upgrade(engine)
            with engine.connect() as conn:
                kinds = dict(conn.execute(select(CopingMoment.id, CopingMoment.jar_kind)).all())
        finally:
            engine.dispose()
    assert kinds == {m: jar_kind(used) for m, used in USED.items()}
    assert kinds["helpful-harmful"] == "some_harmful" and kinds["nothing"] is None
