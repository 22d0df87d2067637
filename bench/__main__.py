"""`uv run python -m bench`: Mend's throughput and latency, SQLite and PostgreSQL.

See bench/RESULTS.md for what the figures mean.
"""

from __future__ import annotations

import argparse
import json
import secrets
import shlex
import sys
import tempfile
import traceback
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import machine, report
from bench.coping import ANALYTICS_RUNS, time_insights
from bench.prepare import Fixture, SimClient, build, check, postgres_database, sqlite_database
from bench.processes import HOST, Server, mend_server, probe, run_load, trivial_server
from bench.procstats import cpu_while, status_kib, wait_quiet
from bench.server import RAW_PATH
from mend.clock import utcnow
from mend.db import make_engine
from mend.demo import DEMO_PASSWORD
from mend.settings import normalise_database_url

BENCH = Path(__file__).resolve().parent
SCENARIOS = (
    "healthz", "bare", "login", "today", "consent", "moment", "jar", "insights", "measures",
)  # fmt: skip
APP_SCENARIOS = frozenset({"login", "today", "consent", "moment", "jar", "insights", "measures"})
# The heavy reader's pages: one person reading their own jar, so concurrency 1 only.
PAGES = {"jar": "/jar", "insights": "/jar/insights", "measures": "/measures"}
UNIQUE = "UNIQUE-PER-REQUEST"  # replaced by the load generator in every request
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
FACTORY = "bench.server:create_app"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    p.add_argument(
        "--duration",
        type=float,
        default=None,
        help="measured seconds per scenario and concurrency (default 10)",
    )
    p.add_argument("--warmup", type=float, default=None, help="warm-up seconds (default 2)")
    p.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 2 s + 0.5 s warm-up, results to bench/out/ only",
    )
    p.add_argument("--concurrency", default="1,50", help="comma-separated (default 1,50)")
    p.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help=f"comma-separated subset of {','.join(SCENARIOS)}",
    )
    p.add_argument(
        "--client",
        choices=("raw", "httpx2"),
        default="raw",
        help="load generator: raw asyncio sockets (default) or httpx2.AsyncClient",
    )
    p.add_argument(
        "--no-ceiling", action="store_true", help="skip measuring the load generators' own ceiling"
    )
    p.add_argument("--timeout", type=float, default=60.0, help="per-request timeout, seconds")
    p.add_argument(
        "--pg-admin-url", default=PG_ADMIN, help="PostgreSQL URL allowed to CREATE/DROP DATABASE"
    )
    p.add_argument(
        "--no-access-log",
        action="store_true",
        help="turn off uvicorn's access log (on by default, as in `mend serve`)",
    )
    p.add_argument(
        "--factory",
        default=FACTORY,
        help="uvicorn app factory to serve; it must add the raw-insert route like "
        f"{FACTORY} does (for trying a candidate app change; module found via PYTHONPATH)",
    )
    p.add_argument(
        "--quiet-wait",
        type=float,
        default=30.0,
        help="before each scenario wait up to this many seconds for an idle machine",
    )
    p.add_argument(
        "--quiet-threshold",
        type=float,
        default=10.0,
        help="machine CPU use (%% of one core) that counts as idle",
    )
    p.add_argument(
        "--noise-limit",
        type=float,
        default=25.0,
        help="measure a scenario again when other processes used more CPU than this "
        "(%% of one core) during its window",
    )
    p.add_argument("--retries", type=int, default=2, help="at most this many re-measurements")
    p.add_argument(
        "--results",
        type=Path,
        default=None,
        help="markdown output (default bench/RESULTS.md; --quick: bench/out/)",
    )
    p.add_argument(
        "--json", type=Path, default=None, help="JSON output (default bench/out/results.json)"
    )
    args = p.parse_args(argv)
    args.duration = args.duration if args.duration is not None else (2.0 if args.quick else 10.0)
    args.warmup = args.warmup if args.warmup is not None else (0.5 if args.quick else 2.0)
    args.concurrency = sorted({int(c) for c in args.concurrency.split(",") if c.strip()})
    args.scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        p.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    if APP_SCENARIOS & set(args.scenarios) and "bare" not in args.scenarios:
        args.scenarios.insert(0, "bare")  # the ratios need it
    args.scenarios = [s for s in SCENARIOS if s in args.scenarios]
    if not args.concurrency or min(args.concurrency) < 1 or max(args.concurrency) > 1000:
        p.error("concurrency must be between 1 and 1000")
    if not 0 <= args.retries <= 5:
        p.error("retries must be between 0 and 5")
    if not 0 < args.duration <= 3600 or not 0 <= args.warmup <= 600:
        p.error("duration must be in (0, 3600] and warm-up in [0, 600]")
    suffix = "-quick" if args.quick else ""
    args.results = args.results or (
        BENCH / "out" / "RESULTS-quick.md" if args.quick else BENCH / "RESULTS.md"
    )
    args.json = args.json or BENCH / "out" / f"results{suffix}.json"
    return args


def _request(
    method: str, path: str, headers: dict[str, str] | None = None, body: Any = None
) -> dict[str, Any]:
    req: dict[str, Any] = {"method": method, "path": path, "headers": dict(headers or {})}
    if body is not None:
        req["body"] = json.dumps(body, separators=(",", ":"))
        req["headers"]["content-type"] = "application/json"
    return req


def _moment_request(client: SimClient, occurred_at: str) -> dict[str, Any]:
    """A coping moment with the client's own jar item; the idempotency key is made
    unique per request by the load generator, so every answer is a new moment."""
    body = {
        "idempotency_key": UNIQUE,
        "occurred_at": occurred_at,
        "distress_before": 7,
        "distress_after": 4,
        "strategy_ids": [client.jar_item_id],
        "stressor_category": "work",
        "note": "short text",
    }
    headers = {"authorization": f"Bearer {client.bearer_token}"}
    return _request("POST", "/api/v1/moments", headers, body) | {"unique": UNIQUE}


def plans_for(scenario: str, fixture: Fixture) -> list[list[dict[str, Any]]]:
    """What each worker sends, cycled; worker i acts as simulated client i."""
    if scenario == "healthz":
        return [[_request("GET", "/healthz")]]
    if scenario == "bare":
        return [[_request("POST", RAW_PATH)]]
    if scenario == "login":
        return [
            [
                _request(
                    "POST", "/api/v1/auth/token", body={"email": c.email, "password": DEMO_PASSWORD}
                )
            ]
            for c in fixture.clients
        ]
    if scenario == "today":
        return [
            [_request("GET", "/today", {"cookie": f"mend_session={c.session_cookie}"})]
            for c in fixture.clients
        ]
    if scenario == "consent":
        return [
            [
                _request(
                    "PUT",
                    f"/api/v1/clients/{c.membership_id}/consent",
                    {"authorization": f"Bearer {c.bearer_token}"},
                    body={"member_id": fixture.coach_id, "category": "coping", "granted": granted},
                )
                for granted in (False, True)
            ]
            for c in fixture.clients
        ]
    if scenario == "moment":
        occurred = (datetime.now(UTC) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        return [[_moment_request(c, occurred)] for c in fixture.clients]
    if scenario in PAGES:
        assert fixture.heavy is not None
        cookie = {"cookie": f"mend_session={fixture.heavy.session_cookie}"}
        return [[_request("GET", PAGES[scenario], cookie)]]
    raise ValueError(scenario)


def _spec(
    args: argparse.Namespace,
    port: int,
    client: str,
    concurrency: int,
    plans: list[list[dict[str, Any]]],
) -> dict[str, Any]:
    return {
        "host": HOST,
        "port": port,
        "client": client,
        "concurrency": concurrency,
        "warmup": args.warmup,
        "duration": args.duration,
        "timeout": args.timeout,
        "plans": plans,
    }


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _line(name: str, r: dict[str, Any]) -> str:
    p50 = "—" if r["p50_ms"] is None else f"{r['p50_ms']:.2f}"
    p99 = "—" if r["p99_ms"] is None else f"{r['p99_ms']:.2f}"
    return (
        f"  {name:<8} conc {r['concurrency']:>3}: {r['rps']:9.1f} ok req/s  p50 {p50} ms  "
        f"p99 {p99} ms  errors {r['errors']}"
    )


def measure_ceiling(args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    budget = 4 * len(args.concurrency) * (args.warmup + args.duration + 90) + 60
    with trivial_server(budget) as port:
        for client in ("raw", "httpx2"):
            for concurrency in args.concurrency:
                wait_quiet(max_wait=args.quiet_wait, threshold_pct=args.quiet_threshold)
                plans = [[_request("GET", "/healthz")]]
                result = run_load(
                    _spec(args, port, client, concurrency, plans), server_pid=None
                ).result
                rows.append(result)
                _say(_line(client, result))
    return rows


def _row(scenario: str, run: Any, quiet_before: float) -> dict[str, Any]:
    r = dict(run.result)
    w = run.window
    r["scenario"] = scenario
    r["quiet_before_pct"] = quiet_before
    if w is None:
        r.update(
            server_cpu_pct=None,
            postgres_cpu_pct=None,
            kernel_cpu_pct=None,
            system_busy_pct=None,
            other_cpu_pct=None,
            peak_rss_mib=None,
        )
        return r
    r.update(
        server_cpu_pct=w.server_cpu_pct,
        postgres_cpu_pct=w.postgres_cpu_pct,
        kernel_cpu_pct=w.kernel_cpu_pct,
        other_cpu_pct=w.other_cpu_pct,
        other_top=w.other_top,
        system_busy_pct=w.system_busy_pct,
        peak_rss_mib=w.peak_rss_kib / 1024,
    )
    return r


def _measure(
    args: argparse.Namespace,
    server: Server,
    scenario: str,
    concurrency: int,
    plans: list[list[dict[str, Any]]],
) -> dict[str, Any]:
    """One scenario at one concurrency; measured again (up to --retries times) when
    other work on the machine took more than --noise-limit % CPU, keeping the cleanest."""
    best: dict[str, Any] | None = None
    for attempt in range(1 + args.retries):
        quiet = wait_quiet(max_wait=args.quiet_wait, threshold_pct=args.quiet_threshold)
        spec = _spec(args, server.port, args.client, concurrency, plans)
        offset = server.log_size()
        row = _row(scenario, run_load(spec, server_pid=server.pid), quiet)
        row["server_exceptions"] = server.exceptions_since(offset)
        row["attempt"] = attempt + 1
        if best is None or (row["other_cpu_pct"] or 0) < (best["other_cpu_pct"] or 0):
            best = row
        if (row["other_cpu_pct"] or 0) <= args.noise_limit:
            break
        again = "measuring again" if attempt < args.retries else "no retries left"
        _say(
            f"  ({scenario} at conc {concurrency}: other work took "
            f"{row['other_cpu_pct']:.0f}% CPU {row.get('other_top')}, {again})"
        )
    assert best is not None
    return best


def _concurrencies(scenario: str, args: argparse.Namespace) -> list[int]:
    return [1] if scenario in PAGES else args.concurrency


def _page_missing(server: Server, scenario: str, plans: list[list[dict[str, Any]]]) -> str | None:
    """Why a page scenario cannot be measured (it does not answer 200), or None."""
    if scenario not in PAGES:
        return None
    status = probe(server.port, PAGES[scenario], plans[0][0]["headers"])
    return None if status == 200 else f"GET {PAGES[scenario]} answered {status} before measuring"


def run_scenarios(
    args: argparse.Namespace, server: Server, fixture: Fixture
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    rows: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    for scenario in args.scenarios:
        plans = plans_for(scenario, fixture)
        missing = _page_missing(server, scenario, plans)
        if missing:
            skipped.append({"scenario": scenario, "reason": missing})
            _say(f"  {scenario}: skipped, {missing}")
            continue
        for concurrency in _concurrencies(scenario, args):
            row = _measure(args, server, scenario, concurrency, plans)
            rows.append(row)
            _say(_line(scenario, row))
    return rows, skipped


def measure_analytics(args: argparse.Namespace, url: str, fixture: Fixture) -> dict[str, Any]:
    """The jar analytics for the heavy reader, in this process, before the server
    starts (so nothing else competes for the CPU)."""
    assert fixture.heavy is not None
    assert fixture.history is not None
    quiet = wait_quiet(max_wait=args.quiet_wait, threshold_pct=args.quiet_threshold)
    engine = make_engine(normalise_database_url(url))
    runs, client_id = 10 if args.quick else ANALYTICS_RUNS, fixture.heavy.membership_id
    try:
        timing, machine_pct, own_pct = cpu_while(
            lambda: time_insights(engine, client_id=client_id, now=utcnow(), runs=runs)
        )
    finally:
        engine.dispose()
    return timing | {
        "history": vars(fixture.history),
        "quiet_before_pct": quiet,
        "machine_cpu_pct": machine_pct,
        "own_cpu_pct": own_pct,
    }


def _ratios(rows: list[dict[str, Any]]) -> None:
    bare = {r["concurrency"]: r["rps"] for r in rows if r["scenario"] == "bare"}
    for r in rows:
        base = bare.get(r["concurrency"])
        r["ratio_to_bare"] = r["rps"] / base if r["scenario"] in APP_SCENARIOS and base else None


def run_database(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    secret = secrets.token_urlsafe(48)
    people = max(args.concurrency)
    database: AbstractContextManager[str] = (
        sqlite_database() if kind == "sqlite" else postgres_database(args.pg_admin_url)
    )
    _say(f"[{kind}] preparing the database ({people} simulated clients + 1 heavy reader)")
    with database as url, tempfile.TemporaryDirectory(prefix="mend-bench-srv-") as work:
        fixture = build(url, secret=secret, people=people)
        src_at_start = machine.src_fingerprint()
        assert fixture.history is not None
        _say(
            f"[{kind}] demo data built in {fixture.build_seconds:.1f} s, the heavy reader's "
            f"history in {fixture.history.build_seconds:.1f} s; timing the jar analytics"
        )
        analytics = measure_analytics(args, url, fixture)
        _say(_analytics_line(analytics))
        with mend_server(
            url, secret, Path(work), access_log=not args.no_access_log, factory=args.factory
        ) as server:
            try:
                rows, skipped = run_scenarios(args, server, fixture)
                vmhwm = status_kib(server.pid, "VmHWM") or 0
            finally:
                log_copy = BENCH / "out" / f"uvicorn-{kind}.log"
                log_copy.parent.mkdir(parents=True, exist_ok=True)
                log_copy.write_text(server.log_without_successes() + "\n", encoding="utf-8")
        assert fixture.built_at is not None
        checks = check(url, secret=secret, since=fixture.built_at)
    _ratios(rows)
    return {
        "scenarios": rows,
        "skipped": skipped,
        "analytics": analytics,
        "server_vmhwm_mib": vmhwm / 1024,
        "people": people,
        "build_seconds": fixture.build_seconds,
        "src_fingerprint": src_at_start,
        "checks": vars(checks),
    }


def _analytics_line(a: dict[str, Any]) -> str:
    return (
        f"  insights() for {a['moments_loaded']} moments: median {a['insights']['median_ms']:.1f}"
        f" ms, p95 {a['insights']['p95_ms']:.1f} ms (loading {a['load']['median_ms']:.1f} ms, "
        f"pure analytics {a['pure']['median_ms']:.1f} ms, medians)"
    )


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    command = shlex.join(["uv", "run", "python", "-m", "bench", *argv])
    _say("measuring the machine (argon2, fdatasync)")
    meta = machine.describe(
        command, postgres_admin_url=args.pg_admin_url if "postgres" in kinds else None
    )
    meta.update(
        factory=args.factory,
        duration_s=args.duration,
        warmup_s=args.warmup,
        client=args.client,
        concurrency=args.concurrency,
        scenarios=args.scenarios,
    )
    results: dict[str, Any] = {"meta": meta, "generator_ceiling": [], "databases": {}}
    if not args.no_ceiling:
        _say("load generator ceiling (trivial server)")
        results["generator_ceiling"] = measure_ceiling(args)
    failed = False
    for kind in kinds:
        try:
            results["databases"][kind] = run_database(kind, args)
        except Exception as error:  # reported in RESULTS.md, not hidden; the exit code says so
            traceback.print_exc()
            first_line = (str(error).strip().splitlines() or [""])[0]
            results["databases"][kind] = {"failed": f"{type(error).__name__}: {first_line}"}
            failed = True
    report.write(results, args.results, args.json)
    _say(f"wrote {args.results} and {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
