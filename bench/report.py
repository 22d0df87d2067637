"""Writing bench/RESULTS.md and bench/out/results.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TITLES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
LABELS = {
    "healthz": "GET /healthz (no DB)",
    "bare": "bare limit: POST /bench/raw-insert",
    "login": "login: POST /api/v1/auth/token",
    "today": "page: GET /today (session cookie)",
    "consent": "write: PUT /api/v1/clients/{id}/consent",
}

HEADER = """\
# Mend benchmark results

Produced by `uv run python -m bench` (see `bench/__main__.py`); do not edit by hand.

**What runs.** The real server: uvicorn, one worker process, serving
`mend.app.create_app(settings)` with settings from `MEND_*` variables, through the
factory `bench.server:create_app`, which adds one bench-only route. Each database
(a SQLite file in a temp dir; a PostgreSQL database created and dropped by the
bench) is migrated and filled by `mend.demo.build` with the production argon2
settings; every simulated client is a different demo client with its own session
cookie and API token (the coach is added to each one's care team). The load
generator is a separate process: a closed loop of N workers, one keep-alive
connection each, each sending its next request as soon as the previous answer
arrives. Counting starts after the warm-up.

**The figures.**
- *conc*: concurrent workers (connections), i.e. requests in flight.
- *ok req/s*: 2xx answers completed inside the measured window, divided by its length;
  *ok n*: how many that was (the percentiles rest on these samples).
- *p50 / p99 ms*: latency percentiles (nearest rank) of those answers, measured by the
  generator from sending the request to reading the whole response.
- *errors*: every non-2xx answer and every failed or timed-out request: in the window,
  during the warm-up, and among requests still in flight when the window closed (the
  generator waits for those, up to the request timeout). Never dropped silently; kinds
  and phases are listed under each table.
- *× bare*: ok req/s of the scenario divided by the bare limit's ok req/s at the same
  concurrency on the same database in the same run.
- *server CPU %*: CPU time of the uvicorn process over the window, in % of one core
  (the machine's maximum is 100 × cores). *PG CPU %*: all `postgres` processes.
  *gen CPU %*: the load generator. *other %*: every other process on the machine
  except kernel threads (those, e.g. I/O flushing, are in results.json as
  `kernel_cpu_pct`); anything above a few % means other work disturbed the figures. Before
  each scenario the bench waits (bounded) for an idle machine, and it measures a
  scenario again (bounded) when *other %* exceeded the noise limit, keeping the
  cleanest attempt.
- *peak RSS*: highest VmRSS of the server process sampled every 0.2 s during the
  scenario; *VmHWM* under each table is the server's lifetime peak.

**The bare limit** is `POST /bench/raw-insert`: the same process, middleware stack
(security headers, body limit, one transaction per request committed before the
response) and threadpool as Mend's routes, declared `public()`, doing one raw
`INSERT` into a bench-only table and nothing else. It is the most committed writes
per second this server stack can do on this database; *× bare* shows how much of
that an app request keeps.
"""


def _f(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _trend(per_second: list[int]) -> str:
    """A note when the rate in the last third of the window differs from the first third."""
    third = len(per_second) // 3
    if third < 1:
        return ""
    first = sum(per_second[:third]) / third
    last = sum(per_second[-third:]) / third
    if first == 0 or abs(last / first - 1) < 0.2:
        return ""
    return f"{first:,.1f}/s in the first third, {last:,.1f}/s in the last third"


def _machine(meta: dict[str, Any]) -> list[str]:
    argon = meta["argon2_verify"]
    packages = ", ".join(f"{k} {v}" for k, v in meta["packages"].items())
    lines = [
        "## Machine and run",
        "",
        f"- Date: {meta['date_utc']}",
        f"- Command: `{meta['command']}`",
        f"- Durations: {meta['warmup_s']} s warm-up, then {meta['duration_s']} s measured, "
        f"per scenario and concurrency; generator: `{meta['client']}`; "
        f"app factory: `{meta['factory']}`",
        f"- CPU: {meta['cores']} cores ({meta['cores_usable']} usable), {meta['cpu_model']}; "
        f"memory {meta['memory_gib']} GiB",
        f"- Python {meta['python']} on {meta['platform']}",
        f"- Packages: {packages}; SQLite {meta['sqlite']}",
        f"- Git: {meta['git']['commit']}, {meta['git']['src_uncommitted_files']} uncommitted "
        f"file(s) under src/ at the start of the run; src/ fingerprint {meta['src_fingerprint']}",
        f"- argon2id (production settings: t={argon['time_cost']}, m={argon['memory_kib']} KiB, "
        f"p={argon['parallelism']}): one verification takes {_f(argon['wall_ms'])} ms wall, "
        f"{_f(argon['cpu_ms'])} ms CPU",
        f"- fdatasync of 4 KiB in the temp dir: {_f(meta['fdatasync_ms'], 3)} ms (median)",
    ]
    if "postgres" in meta:
        pg = meta["postgres"]
        lines.append(
            f"- PostgreSQL {pg.get('server_version')}: fsync={pg.get('fsync')}, "
            f"synchronous_commit={pg.get('synchronous_commit')}, "
            f"wal_sync_method={pg.get('wal_sync_method')}, "
            f"shared_buffers={pg.get('shared_buffers')} (8 KiB pages), "
            f"max_connections={pg.get('max_connections')}"
        )
    return [*lines, ""]


def _ceiling(rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return []
    lines = [
        "## Load generator ceiling",
        "",
        "The generator against `bench/trivial_server.py`, a canned responder that does no "
        "work: the most each generator can measure here. The bench uses the `raw` "
        "generator (asyncio streams) unless `--client httpx2` is given.",
        "",
        "| generator | conc | ok req/s | p50 ms | p99 ms | errors | gen CPU % |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['client']} | {r['concurrency']} | {_f(r['rps'])} | "
            f"{_f(r['p50_ms'], 2)} | {_f(r['p99_ms'], 2)} | {r['errors']} | "
            f"{_f(r['generator_cpu_pct'], 0)} |"
        )
    return [*lines, ""]


def _database(kind: str, db: dict[str, Any], meta_fingerprint: str) -> list[str]:
    lines = [
        f"## {TITLES[kind]}",
        "",
        "| scenario | conc | ok req/s | ok n | p50 ms | p99 ms | errors | × bare | server CPU % "
        "| PG CPU % | gen CPU % | other % | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    problems: list[str] = []
    notes: list[str] = []
    for r in db["scenarios"]:
        ratio = "—" if r.get("ratio_to_bare") is None else f"{r['ratio_to_bare']:.2f}"
        pg = _f(r["postgres_cpu_pct"], 0) if kind == "postgres" else "—"
        lines.append(
            f"| {LABELS[r['scenario']]} | {r['concurrency']} | {_f(r['rps'])} | {r['ok']:,} | "
            f"{_f(r['p50_ms'], 2)} | {_f(r['p99_ms'], 2)} | {r['errors']} | {ratio} | "
            f"{_f(r['server_cpu_pct'], 0)} | {pg} | {_f(r['generator_cpu_pct'], 0)} | "
            f"{_f(r['other_cpu_pct'], 0)} | {_f(r['peak_rss_mib'], 0)} |"
        )
        if r["errors"] or (r.get("late_max_ms") or 0) > 1000:
            kinds = "; ".join(f"{k}: {v}" for k, v in sorted(r["error_kinds"].items()))
            late = (
                f" ({r['in_flight_at_end']} in flight when the window closed; "
                f"{r['late_ok']} of them answered 2xx later, the slowest after "
                f"{_f(r['late_max_ms'], 0)} ms)"
                if r.get("in_flight_at_end")
                else ""
            )
            problems.append(
                f"- {r['scenario']} at conc {r['concurrency']}: {kinds or 'none'}{late}"
            )
            for text, count in sorted(r.get("server_exceptions", {}).items()):
                problems.append(f"  - server logged {count} × `{text}`")
        if r.get("resent"):
            problems.append(
                f"  - the server closed {r['resent']} keep-alive connection(s) after an "
                "error; the next request on each was resent on a new connection (as "
                "browsers do) and is not counted as an error"
            )
        trend = _trend(r.get("per_second") or [])
        if trend:
            notes.append(f"- {r['scenario']} at conc {r['concurrency']}: {trend}")
    checks = db["checks"]
    if db.get("src_fingerprint") != meta_fingerprint:
        lines += [
            "",
            f"**src/ changed during the run**: fingerprint {db.get('src_fingerprint')} when "
            f"this server started, {meta_fingerprint} at the start of the run.",
        ]
    lines += [
        "",
        f"Server peak RSS over the whole run (VmHWM): {_f(db['server_vmhwm_mib'], 0)} MiB. "
        f"Data built in {_f(db['build_seconds'])} s for {db['people']} simulated clients. "
        f"After the run: {checks['login_failures']} failed sign-ins recorded (throttling "
        f"counts only failures), {checks['audit_entries']:,} audit entries with "
        f"{checks['audit_chain_breaks']} chain break(s), {checks['raw_rows']:,} bare-limit rows.",
        "",
    ]
    if problems:
        lines += [
            "Errors by kind (HTTP status or exception; by phase when not in the window), and",
            "slow stragglers:",
            "",
            *problems,
            "",
        ]
    else:
        lines += ["No errors in any scenario.", ""]
    if notes:
        lines += [
            "Rates that drifted within the window (successful answers per second):",
            "",
            *notes,
            "",
        ]
    lines += [
        f"Server log without the 2xx access lines: `bench/out/uvicorn-{kind}.log` (git-ignored).",
        "",
    ]
    return lines


def write(results: dict[str, Any], markdown: Path, json_path: Path) -> None:
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    lines = [HEADER, *_machine(results["meta"]), *_ceiling(results["generator_ceiling"])]
    for kind, db in results["databases"].items():
        lines += _database(kind, db, results["meta"]["src_fingerprint"])
    markdown.parent.mkdir(parents=True, exist_ok=True)
    markdown.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
