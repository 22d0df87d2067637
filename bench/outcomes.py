"""Practice outcomes at scale: `uv run python -m bench.outcomes [--db sqlite|postgres|both]`.

1. Generation: the demo practice with `--clients` generated clients (default
   10,000: about a million coping moments and 100,000 questionnaire
   responses), built by `mend.demo_runner.build_practice`, the code path of
   `mend demo --clients N` (migrations, one transaction, production argon2
   settings). Target (issue 7): < 5 minutes.
2. The outcomes computation, `mend.outcomes.service.compute`, for the last 12
   months, for the whole practice and for one therapist (tara: about 250
   clients), each call in a fresh session as a request would run it.
3. `GET /api/v1/outcomes` (same two filters) served in-process (ASGI, no
   network) to the admin, with a session cookie: authentication, the
   computation, JSON and the audit entry.

Each timed RUNS times after WARMUP; p50 / p95 / max in seconds. Target: < 5 s.
The machine's load average is printed before and after: other work on it
slows everything here.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from bench.prepare import database, percentile
from mend.accounts import service as accounts
from mend.accounts.models import Membership, Organisation, User
from mend.accounts.service import today_for
from mend.app import create_app
from mend.clock import utcnow
from mend.crypto import keyring
from mend.db import make_engine, make_sessionmaker, transaction
from mend.demo import DOMAIN
from mend.demo_runner import build_practice
from mend.models import load_all
from mend.outcomes import service
from mend.settings import Settings, normalise_database_url
from mend.web.auth import SESSION_COOKIE

load_all()

SECRET = "bench-outcomes-secret-0123456789abcdefghij"
CLIENTS = 10_000
RUNS, WARMUP = 5, 1
TARGET_S = 5.0
TARGET_BUILD_S = 300.0


@dataclass(frozen=True)
class Timing:
    p50: float
    p95: float
    max: float

    def row(self) -> str:
        verdict = "met" if self.p95 < TARGET_S else "MISSED"
        return (
            f"p50 {self.p50:6.2f} s  p95 {self.p95:6.2f} s  max {self.max:6.2f} s  "
            f"(target < {TARGET_S:.0f} s: {verdict})"
        )


def timed(call: Callable[[], object], runs: int) -> Timing:
    for _ in range(WARMUP):
        call()
    samples = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return Timing(statistics.median(samples), percentile(samples, 0.95), max(samples))


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


def run(kind: str, clients: int, runs: int) -> None:
    with database(kind) as url:
        url = normalise_database_url(url)
        keyring.load(SECRET)
        settings = Settings(database_url=url, secret_key=SECRET)
        print(f"{kind}: {_load()}")
        started = time.perf_counter()
        built = build_practice(url, settings, clients=clients)
        total = time.perf_counter() - started
        v = built.volumes
        assert v is not None
        verdict = "met" if built.seconds < TARGET_BUILD_S else "MISSED"
        print(
            f"  generation (mend demo --clients {clients:,}): {built.seconds:.0f} s "
            f"({total:.0f} s with migrations; target < {TARGET_BUILD_S:.0f} s: {verdict}): "
            f"{v.clients:,} clients, {v.moments:,} coping moments, "
            f"{v.strategies_used:,} strategies used, {v.responses:,} questionnaire responses"
        )
        measure(kind, url, settings, runs)
        print(f"  after: {_load()}")


def measure(kind: str, url: str, settings: Settings, runs: int) -> None:
    engine = make_engine(url)
    reader = make_engine(url, immediate=False) if kind == "sqlite" else engine
    try:
        with transaction(make_sessionmaker(engine)) as db:
            org = db.scalars(select(Organisation)).one()
            tara = db.scalars(
                select(Membership).join(User).where(User.email == f"therapist@{DOMAIN}")
            ).one()
            admin = db.scalars(
                select(Membership).join(User).where(User.email == f"admin@{DOMAIN}")
            ).one()
            cookie, _ = accounts.start_session(
                db, membership=admin, stage="active", ip="127.0.0.1", user_agent="bench",
                now=utcnow(),
            )  # fmt: skip
            today = today_for(org, utcnow())
        start = today - timedelta(days=364)
        scopes = {"whole practice": None, "one therapist (tara)": tara.id}
        factory = make_sessionmaker(reader)
        for label, practitioner in scopes.items():
            filters = service.Filters(start, today, practitioner)

            def call(filters: service.Filters = filters) -> object:
                with factory() as db:
                    found = db.get_one(Organisation, org.id)
                    return service.compute(db, org=found, filters=filters)

            print(f"  {'compute(), ' + label:45} {timed(call, runs).row()}")
        app = create_app(settings, engine=engine)
        with TestClient(app, base_url="https://testserver") as http:
            http.cookies.set(SESSION_COOKIE, cookie)
            for label, practitioner in scopes.items():
                params = {"from": start.isoformat(), "to": today.isoformat()}
                if practitioner:
                    params["practitioner"] = practitioner

                def get(params: dict[str, str] = params) -> object:
                    response = http.get("/api/v1/outcomes", params=params)
                    assert response.status_code == 200, response.text[:300]
                    return response

                print(f"  {'GET /api/v1/outcomes, ' + label:45} {timed(get, runs).row()}")
    finally:
        if reader is not engine:
            reader.dispose()
        engine.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.outcomes", description=__doc__)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    for kind in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        run(kind, args.clients, args.runs)


if __name__ == "__main__":
    main()
