"""`mend demo`: a fresh demo database, printed logins, then the server."""

from __future__ import annotations

import argparse
import secrets
import time
from pathlib import Path

from mend.settings import Settings


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


def run_demo(args: argparse.Namespace, settings: Settings) -> int:
    from mend import demo
    from mend.accounts.passwords import make_hasher
    from mend.clock import utcnow
    from mend.crypto import keyring
    from mend.db import make_engine, make_sessionmaker, transaction
    from mend.migrate import upgrade

    settings = demo_settings(args, settings)
    keyring.load(settings.secret_key)
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    started = time.perf_counter()
    hasher = make_hasher(
        time_cost=settings.argon2_time_cost,
        memory_cost=settings.argon2_memory_cost,
        parallelism=settings.argon2_parallelism,
    )
    with transaction(make_sessionmaker(engine)) as db:
        practice = demo.build(db, hasher=hasher, now=utcnow(), extra_clients=args.clients)
        logins = practice.logins
    engine.dispose()
    print(
        f"Demo practice ready in {time.perf_counter() - started:.1f} s "
        f"({settings.resolved_database_url})."
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
