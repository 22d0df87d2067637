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
    "moment": "write: POST /api/v1/moments",
    "jar": "page: GET /jar (heavy reader)",
    "insights": "page: GET /jar/insights (heavy reader)",
    "measures": "page: GET /measures (heavy reader, 5 years of PHQ-9, GAD-7, PCL-5)",
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
- *p50 / p95 / p99 ms*: latency percentiles (nearest rank) of those answers, measured by the
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


def _moments_check(db: dict[str, Any]) -> str:
    """Every 2xx answer to `moment` in a window must be a stored moment, not a replay."""
    answered = sum(r["ok"] for r in db["scenarios"] if r["scenario"] == "moment")
    stored = db["checks"].get("moments_logged", 0)
    verdict = "as expected" if stored >= answered else "**fewer than answered: replays?**"
    return f"the windows counted {answered:,} 2xx answers: {verdict}"


def _database(kind: str, db: dict[str, Any], meta_fingerprint: str) -> list[str]:
    if "failed" in db:
        return [f"## {TITLES[kind]}", "", f"**The run failed:** `{db['failed']}`", ""]
    lines = [
        f"## {TITLES[kind]}",
        "",
        "| scenario | conc | ok req/s | ok n | p50 ms | p95 ms | p99 ms | errors | × bare "
        "| server CPU % | PG CPU % | gen CPU % | other % | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    problems: list[str] = []
    notes: list[str] = []
    for r in db["scenarios"]:
        ratio = "—" if r.get("ratio_to_bare") is None else f"{r['ratio_to_bare']:.2f}"
        pg = _f(r["postgres_cpu_pct"], 0) if kind == "postgres" else "—"
        lines.append(
            f"| {LABELS[r['scenario']]} | {r['concurrency']} | {_f(r['rps'])} | {r['ok']:,} | "
            f"{_f(r['p50_ms'], 2)} | {_f(r.get('p95_ms'), 2)} | {_f(r['p99_ms'], 2)} | "
            f"{r['errors']} | {ratio} | {_f(r['server_cpu_pct'], 0)} | {pg} | "
            f"{_f(r['generator_cpu_pct'], 0)} | {_f(r['other_cpu_pct'], 0)} | "
            f"{_f(r['peak_rss_mib'], 0)} |"
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
        f"{checks['audit_chain_breaks']} chain break(s), {checks['raw_rows']:,} bare-limit rows, "
        f"{checks.get('moments_logged', 0):,} coping moments logged over HTTP, warm-ups "
        f"included ({_moments_check(db)}).",
        "",
    ]
    for skip in db.get("skipped", []):
        lines += [f"**Not measured:** {skip['scenario']}: {skip['reason']}.", ""]
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


COPING_HEADER = """\
## Coping jar

**What runs.** *Logging a moment* (`moment`): every simulated client sends
`POST /api/v1/moments` with its bearer token and the JSON body
`{{"idempotency_key": …, "occurred_at": <a minute before the scenario started>,
"distress_before": 7, "distress_after": 4, "strategy_ids": [<box breathing, from that
client's own jar>], "stressor_category": "work", "note": "short text"}}`. The load
generator makes the idempotency key unique per request (its run, worker and count),
so every 2xx answer is a new moment: checked against the client's jar, stored with its
strategy and the client's running outcome totals, audited (`moment.create`) and
committed before the answer. *The heavy reader*: one more demo client, not among the
simulated ones, with {strategies} strategies in the jar ({harmful} of them harmful),
{moments:,} coping moments spread over {days:,} days ({loss:,} about a loss, with
its orientation; in the last 30 days only loss-oriented, so the grief flag fires) and
{urges} finished urge-surfing sessions, all written through
`mend.coping.service.log_moment` and `save_urge_session` as the API writes them.
*Jar analytics*: in the bench process, before the server starts, on the same
database: `mend.coping.service.insights(client, now, grief_days=14, grief_minimum=5)`
(every figure the jar pages show: loading, all analytics, replacement suggestions),
each call in a fresh session and transaction as a request would run it, {runs} calls
after one warm-up call; *loading* is `load_moments` + `load_urge_curves` +
`population_priors` alone; *pure* is every analytics function `insights` calls, on
values loaded once. (No other client has logged a moment yet at that point, so there
are no population priors; the pages are measured after `moment`, when there are.)
*bench CPU %*: the bench process over all these calls, in % of one
core; *other CPU %*: the rest of the machine meanwhile (PostgreSQL's backend
included). *full GCs*: the garbage collector's full collections during the
insights() calls, and their total pause (included in the calls they fell in).
*Pages* (`jar`, `insights`): `GET /jar` and `GET /jar/insights` as the heavy reader
with a session cookie, at concurrency 1 (one person reading); a page
that does not answer 200 to one probe request is reported as not measured.
"""


def _check(value: float | None, ok: bool | None, unit: str = "ms", digits: int = 1) -> str:
    """A measured value and, when there is a target (ok is not None), whether it is met."""
    shown = f"{_f(value, digits)} {unit}".strip()
    if value is None or ok is None:
        return shown
    return f"{shown}: {'met' if ok else '**missed**'}"


def _row_of(db: dict[str, Any], scenario: str, concurrency: int) -> dict[str, Any]:
    for r in db.get("scenarios", []):
        if r["scenario"] == scenario and r["concurrency"] == concurrency:
            return dict(r)
    return {}


def _coping_figures(databases: dict[str, Any]) -> list[str]:
    lines = [
        "| database | scenario | conc | ok req/s | p50 ms | p95 ms | p99 ms | errors | × bare |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, db in databases.items():
        for r in db.get("scenarios", []):
            if r["scenario"] in ("moment", "jar", "insights", "measures"):
                lines.append(
                    f"| {TITLES[kind]} | {LABELS[r['scenario']]} | {r['concurrency']} | "
                    f"{_f(r['rps'])} | {_f(r['p50_ms'], 2)} | {_f(r.get('p95_ms'), 2)} | "
                    f"{_f(r['p99_ms'], 2)} | {r['errors']} | {_f(r.get('ratio_to_bare'), 2)} |"
                )
    return [*lines, ""]


def _gcs(timing: dict[str, Any]) -> str:
    if "full_gcs" not in timing:
        return "—"
    return f"{timing['full_gcs']} ({_f(timing['full_gc_ms'], 0)})"


def _other(a: dict[str, Any]) -> float | None:
    if a.get("machine_cpu_pct") is None or a.get("own_cpu_pct") is None:
        return None
    return max(0.0, float(a["machine_cpu_pct"]) - float(a["own_cpu_pct"]))


def _analytics_table(databases: dict[str, Any]) -> list[str]:
    lines = [
        "| database | insights() median ms | insights() p95 ms | loading median ms "
        "| loading p95 ms | pure median ms | pure p95 ms | calls | full GCs (ms) "
        "| bench CPU % | other CPU % |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, db in databases.items():
        a = db.get("analytics")
        if a:
            lines.append(
                f"| {TITLES[kind]} | {_f(a['insights']['median_ms'])} | "
                f"{_f(a['insights']['p95_ms'])} | {_f(a['load']['median_ms'])} | "
                f"{_f(a['load']['p95_ms'])} | {_f(a['pure']['median_ms'])} | "
                f"{_f(a['pure']['p95_ms'])} | {a['insights']['runs']} | {_gcs(a['insights'])} | "
                f"{_f(a.get('own_cpu_pct'), 0)} | "
                f"{_f(_other(a), 0)} |"
            )
    return [*lines, ""]


def _targets_for(db: dict[str, Any], sqlite: bool) -> list[str]:
    """One cell per target, in the order of TARGETS."""
    moment = _row_of(db, "moment", 50)
    ratio, p99 = moment.get("ratio_to_bare"), moment.get("p99_ms")
    jar_p95 = _row_of(db, "jar", 1).get("p95_ms")
    insights = (db.get("analytics") or {}).get("insights", {}).get("p95_ms")
    measures_p95 = _row_of(db, "measures", 1).get("p95_ms")
    return [
        _check(ratio, ratio is not None and ratio >= 0.5, "× bare", 2),
        _check(p99, (p99 is not None and p99 < 50) if sqlite else None),
        _check(insights, insights is not None and insights < 50),
        _check(jar_p95, jar_p95 is not None and jar_p95 < 150),
        _check(_row_of(db, "insights", 1).get("p95_ms"), None),
        _check(measures_p95, measures_p95 is not None and measures_p95 < 150),
    ]


TARGETS = (
    "moment POST at conc 50: ≥ 0.5 × bare",
    "moment POST at conc 50: p99 < 50 ms (SQLite only)",
    "jar analytics, insights() p95 < 50 ms",
    "GET /jar p95 < 150 ms",
    "GET /jar/insights p95 (no target)",
    "GET /measures p95 < 150 ms (5 years of PHQ-9, GAD-7, PCL-5)",
)


def _targets(databases: dict[str, Any]) -> list[str]:
    kinds = [k for k, db in databases.items() if "failed" not in db]
    cells = {k: _targets_for(databases[k], k == "sqlite") for k in kinds}
    lines = [
        "| target | " + " | ".join(TITLES[k] for k in kinds) + " |",
        "|---|" + "---|" * len(kinds),
    ]
    for i, target in enumerate(TARGETS):
        lines.append(f"| {target} | " + " | ".join(cells[k][i] for k in kinds) + " |")
    return [*lines, ""]


def _coping(databases: dict[str, Any]) -> list[str]:
    measured = {k: db for k, db in databases.items() if db.get("analytics")}
    if not measured:
        return []
    first = next(iter(measured.values()))["analytics"]
    h = first["history"]
    header = COPING_HEADER.format(
        strategies=h["strategies"], harmful=h["harmful"], moments=h["moments"], days=h["days"],
        loss=h["loss_moments"], urges=h["urge_sessions"], runs=first["insights"]["runs"],
    )  # fmt: skip
    built = ", ".join(
        f"{TITLES[k]} {_f(db['analytics']['history']['build_seconds'])} s"
        for k, db in measured.items()
    )
    return [
        header,
        "Targets (from the issue):",
        "",
        *_targets(measured),
        "Figures (also in the tables above):",
        "",
        *_coping_figures(measured),
        "Jar analytics for the heavy reader (ms per call):",
        "",
        *_analytics_table(measured),
        f"The heavy reader's history was written through the service in: {built}.",
        "",
    ]


def write(results: dict[str, Any], markdown: Path, json_path: Path) -> None:
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    lines = [HEADER, *_machine(results["meta"]), *_ceiling(results["generator_ceiling"])]
    for kind, db in results["databases"].items():
        lines += _database(kind, db, results["meta"]["src_fingerprint"])
    lines += _coping(results["databases"])
    markdown.parent.mkdir(parents=True, exist_ok=True)
    markdown.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
