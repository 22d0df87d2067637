"""The app under test: Mend as shipped plus one bench-only route.

uvicorn starts it with ``--factory bench.server:create_app``; settings come from
MEND_* environment variables exactly as in production. The extra route,
``POST /bench/raw-insert``, goes through the same middleware (security headers,
body limit, one-transaction-per-request) and the same threadpool as every app
route, but its work is a single INSERT into a bench-only table, committed by the
transaction middleware before the response leaves. Its rate is the "bare limit":
the most requests per second this server stack can commit on this database.
"""

from __future__ import annotations

from fastapi import Depends, FastAPI
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from mend.app import create_app as create_mend_app
from mend.app import settle_memory
from mend.clock import utcnow
from mend.settings import load_settings
from mend.web.auth import public
from mend.web.transaction import db_session

RAW_TABLE = "bench_raw_insert"
RAW_PATH = "/bench/raw-insert"
_INSERT = text(f"INSERT INTO {RAW_TABLE} (at, note) VALUES (:at, :note)")  # noqa: S608


def create_raw_table(engine: Engine) -> None:
    """The bench-only table, made outside the app's migrations."""
    serial = (
        "INTEGER PRIMARY KEY AUTOINCREMENT"
        if engine.dialect.name == "sqlite"
        else ("BIGSERIAL PRIMARY KEY")
    )
    with engine.begin() as conn:
        conn.execute(
            text(
                f"CREATE TABLE IF NOT EXISTS {RAW_TABLE} "
                f"(id {serial}, at TIMESTAMP NOT NULL, note VARCHAR(64) NOT NULL)"
            )
        )


def raw_insert(db: Session = Depends(db_session)) -> dict[str, bool]:
    db.execute(_INSERT, {"at": utcnow().replace(tzinfo=None), "note": "bench"})
    return {"ok": True}


def create_app() -> FastAPI:
    app = create_mend_app(load_settings())
    # A plain `def`, like Mend's routes, so it runs in the same threadpool.
    app.add_api_route(RAW_PATH, raw_insert, methods=["POST"], dependencies=[public()])
    settle_memory()  # as `mend serve` does
    return app
