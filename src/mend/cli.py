"""The `mend` command."""

from __future__ import annotations

import argparse
import secrets
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from mend.settings import Settings, SettingsError, load_settings


@contextmanager
def _session(settings: Settings) -> Iterator[Session]:
    """One transaction against the configured database; the engine is closed after."""
    from mend.db import make_sessionmaker, transaction

    engine = _engine(settings)
    try:
        with transaction(make_sessionmaker(engine)) as db:
            yield db
    finally:
        engine.dispose()


def _engine(settings: Settings) -> Engine:
    from mend.db import make_engine

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return make_engine(settings.resolved_database_url)


def _hasher(settings: Settings) -> PasswordHasher:
    from mend.accounts.passwords import make_hasher

    return make_hasher(
        time_cost=settings.argon2_time_cost,
        memory_cost=settings.argon2_memory_cost,
        parallelism=settings.argon2_parallelism,
    )


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from mend.app import create_app, settle_memory

    app = create_app(settings, safety_clock=True)
    settle_memory()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=True,
        server_header=False,
    )


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    settings.require_secret()
    _serve(settings, args.host, args.port)
    return 0


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from mend.migrate import upgrade

    engine = _engine(settings)
    upgrade(engine)
    engine.dispose()
    print("Database is up to date.")
    return 0


def cmd_org_create(args: argparse.Namespace, settings: Settings) -> int:
    from mend.accounts import service as accounts
    from mend.clock import utcnow

    with _session(settings) as db:
        org = accounts.create_org(db, name=args.name, now=utcnow(), mfa_required=args.mfa_required)
        print(org.id)
    return 0


def cmd_user_create(args: argparse.Namespace, settings: Settings) -> int:
    from mend.accounts import service as accounts
    from mend.accounts.models import Organisation
    from mend.accounts.roles import Role
    from mend.clock import utcnow
    from mend.crypto import keyring

    settings.require_secret()
    keyring.load(settings.secret_key, old_secrets=settings.old_secret_keys)
    password = Path(args.password_file).read_text("utf-8").rstrip("\n")
    with _session(settings) as db:
        org = db.get(Organisation, args.org)
        if org is None:
            print(f"No organisation with id {args.org}.", file=sys.stderr)
            return 2
        try:
            membership = accounts.create_user(
                db,
                org=org,
                email=args.email,
                name=args.name,
                password=password,
                role=Role(args.role),
                hasher=_hasher(settings),
                now=utcnow(),
            )
        except accounts.AccountError as error:
            print(f"{error.field}: {error.message}", file=sys.stderr)
            return 2
        print(membership.id)
    return 0


def cmd_alerts_check(args: argparse.Namespace, settings: Settings) -> int:
    from mend.clock import utcnow
    from mend.crypto import keyring
    from mend.db import make_sessionmaker
    from mend.safety.jobs import check

    settings.require_secret()
    keyring.load(settings.secret_key, old_secrets=settings.old_secret_keys)
    engine = _engine(settings)
    try:
        done = check(make_sessionmaker(engine), settings=settings, now=utcnow())
    finally:
        engine.dispose()
    print(
        f"Alerts escalated: {done.escalated}. Signals joined to alerts: {done.adopted}. "
        f"Email sent: {done.sent}, failed: {done.failed}."
    )
    return 0


def cmd_audit_verify(args: argparse.Namespace, settings: Settings) -> int:
    from mend.audit import service as audit_log

    with _session(settings) as db:
        count, breaks = audit_log.verify(db)
        head = audit_log.newest(db)
    if breaks:
        for problem in breaks[:50]:
            print(f"entry {problem.seq}: {problem.problem}", file=sys.stderr)
        print(f"Audit log FAILED: {len(breaks)} problem(s) in {count} entries.", file=sys.stderr)
        return 1
    print(f"Audit log intact: {count} entries verified.")
    if head:
        print(
            f"Newest entry: {head[0]} {head[1]}  (keep this line somewhere safe: a later "
            "verify that does not reach it means newer entries were cut off)"
        )
    return 0


def cmd_secret(args: argparse.Namespace, settings: Settings) -> int:
    print(secrets.token_urlsafe(48))
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from mend.demo_runner import run_demo

    return run_demo(args, settings)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mend", description="Mend: from coping to healing.")
    sub = p.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="create a demo practice and serve it")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--data-dir", type=Path, default=None)
    demo.add_argument("--clients", type=int, default=0, help="extra generated clients")
    demo.add_argument("--no-serve", action="store_true", help="build the data, then exit")
    demo.set_defaults(run=cmd_demo)

    serve = sub.add_parser("serve", help="serve Mend")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=cmd_serve)

    db = sub.add_parser("db", help="database tasks").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade", help="apply migrations").set_defaults(run=cmd_db_upgrade)

    org = sub.add_parser("org", help="organisations").add_subparsers(dest="org", required=True)
    create_org = org.add_parser("create", help="create an organisation; prints its id")
    create_org.add_argument("--name", required=True)
    create_org.add_argument("--mfa-required", action="store_true")
    create_org.set_defaults(run=cmd_org_create)

    user = sub.add_parser("user", help="people").add_subparsers(dest="user", required=True)
    create_user = user.add_parser(
        "create", help="create a person with a role; prints the membership id"
    )
    create_user.add_argument("--org", required=True)
    create_user.add_argument(
        "--role", required=True, choices=["client", "therapist", "coach", "admin"]
    )
    create_user.add_argument("--email", required=True)
    create_user.add_argument("--name", required=True)
    create_user.add_argument("--password-file", required=True)
    create_user.set_defaults(run=cmd_user_create)

    audit = sub.add_parser("audit", help="audit log").add_subparsers(dest="audit", required=True)
    audit.add_parser("verify", help="check the hash chain").set_defaults(run=cmd_audit_verify)

    alerts = sub.add_parser("alerts", help="safety alerts").add_subparsers(
        dest="alerts", required=True
    )
    alerts.add_parser(
        "check", help="escalate overdue alerts and send queued email (for cron)"
    ).set_defaults(run=cmd_alerts_check)

    sub.add_parser("secret", help="print a new random secret key").set_defaults(run=cmd_secret)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = load_settings()
        return int(args.run(args, settings))
    except SettingsError as error:
        print(f"Settings problem: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
