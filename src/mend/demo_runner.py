"""`mend demo`: a fresh demo database, printed logins, then the server."""

from __future__ import annotations

import argparse
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mend.settings import Settings

if TYPE_CHECKING:
    from mend.demo_bulk import Volumes


def _demo_secret(data_dir: Path) -> str:
    path = data_dir / "demo-secret.key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def demo_settings(args: argparse.Namespace, settings: Settings) -> Settings:
    data_dir = args.data_dir or settings.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    db_path = data_dir / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    return settings.model_copy(
        update={
            "data_dir": data_dir,
            "database_url": f"sqlite:///{db_path}",
            "secret_key": settings.secret_key or _demo_secret(data_dir),
        }
    )


@dataclass(frozen=True)
class Built:
    logins: list[tuple[str, str, str]]
    volumes: Volumes | None
    seconds: float


def build_practice(database_url: str, settings: Settings, *, clients: int) -> Built:
    """Migrate the database and build the demo practice in one transaction: what
    `mend demo` does, and what bench/outcomes.py times on PostgreSQL too."""
    from mend import demo
    from mend.accounts.passwords import make_hasher
    from mend.clock import utcnow
    from mend.db import make_engine, make_sessionmaker, transaction
    from mend.migrate import upgrade

    engine = make_engine(database_url)
    try:
        upgrade(engine)
        started = time.perf_counter()
        hasher = make_hasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_cost,
            parallelism=settings.argon2_parallelism,
        )
        with transaction(make_sessionmaker(engine)) as db:
            practice = demo.build(db, hasher=hasher, now=utcnow(), extra_clients=clients)
        if clients and engine.dialect.name == "postgresql":
            # Fresh statistics after a million rows: until autovacuum gets to it,
            # the planner would think the tables nearly empty.
            with engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
        return Built(practice.logins, practice.volumes, time.perf_counter() - started)
    finally:
        engine.dispose()


def run_demo(args: argparse.Namespace, settings: Settings) -> int:
    from mend import demo
    from mend.crypto import keyring

    settings = demo_settings(args, settings)
    keyring.load(settings.secret_key)
    built = build_practice(settings.resolved_database_url, settings, clients=args.clients)
    logins = built.logins
    print(f"Demo practice ready in {built.seconds:.1f} s ({settings.resolved_database_url}).")
    if built.volumes is not None:
        v = built.volumes
        print(
            f"Generated clients: {v.clients:,}, with {v.moments:,} coping moments "
            f"({v.strategies_used:,} strategies used) and {v.responses:,} questionnaire responses."
        )
    url = f"http://{args.host}:{args.port}/"
    print(f"\nOpen {url} and sign in with any of these (password: {demo.DEMO_PASSWORD}):")
    for role, email, name in logins:
        print(f"  {role:<10} {email:<36} {name}")
    print("\nTwo-step sign-in is off in the demo; an admin can require it under Settings.")
    if args.no_serve:
        return 0
    from mend.cli import _serve

    _serve(settings, args.host, args.port)
    return 0
