"""What the figures were measured on: machine, versions, and two micro-measurements
(one argon2 verification, one fdatasync) that explain much of the table."""

from __future__ import annotations

import hashlib
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from mend.settings import Settings, normalise_database_url

PACKAGES = (
    "fastapi",
    "starlette",
    "uvicorn",
    "h11",
    "sqlalchemy",
    "psycopg",
    "argon2-cffi",
    "jinja2",
    "pydantic",
    "httpx2",
)
ROOT = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def _git() -> dict[str, Any]:
    def run(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return done.stdout.strip()

    changed = [line for line in run("status", "--porcelain", "--", "src").splitlines() if line]
    return {
        "commit": run("rev-parse", "--short", "HEAD") or "unknown",
        "src_uncommitted_files": len(changed),
    }


def src_fingerprint() -> str:
    """A short hash of every file under src/, to tell whether the app changed mid-run."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def argon2_verify_ms(samples: int = 5) -> dict[str, float]:
    """One password check with the production (default) argon2 settings."""
    from mend.accounts.passwords import make_hasher

    settings = Settings()
    hasher = make_hasher(
        time_cost=settings.argon2_time_cost,
        memory_cost=settings.argon2_memory_cost,
        parallelism=settings.argon2_parallelism,
    )
    stored = hasher.hash("calm-river-bench-password")
    walls, cpus = [], []
    for _ in range(samples):
        wall, cpu = time.perf_counter(), time.process_time()
        hasher.verify(stored, "calm-river-bench-password")
        walls.append(1000 * (time.perf_counter() - wall))
        cpus.append(1000 * (time.process_time() - cpu))
    return {
        "wall_ms": statistics.median(walls),
        "cpu_ms": statistics.median(cpus),
        "time_cost": settings.argon2_time_cost,
        "memory_kib": settings.argon2_memory_cost,
        "parallelism": settings.argon2_parallelism,
    }


def fdatasync_ms(samples: int = 200) -> float:
    """Median time to write 4 KiB and fdatasync it, in the temp directory's file system."""
    with tempfile.TemporaryDirectory(prefix="mend-bench-fsync-") as directory:
        fd = os.open(Path(directory) / "probe", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            times = []
            for _ in range(samples):
                started = time.perf_counter()
                os.write(fd, b"x" * 4096)
                os.fdatasync(fd)
                times.append(1000 * (time.perf_counter() - started))
        finally:
            os.close(fd)
    return statistics.median(times)


def postgres_info(admin_url: str) -> dict[str, str]:
    engine = create_engine(normalise_database_url(admin_url))
    try:
        with engine.connect() as conn:
            version = conn.scalar(text("SHOW server_version")) or ""
            rows = conn.execute(
                text(
                    "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', "
                    "'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_connections')"
                )
            ).all()
        return {"server_version": str(version), **{str(n): str(s) for n, s in rows}}
    finally:
        engine.dispose()


def describe(command: str, *, postgres_admin_url: str | None) -> dict[str, Any]:
    info: dict[str, Any] = {
        "date_utc": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "cpu_model": _cpu_model(),
        "memory_gib": round(_mem_total_gib(), 1),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "packages": {name: _version(name) for name in PACKAGES},
        "git": _git(),
        "src_fingerprint": src_fingerprint(),
        "argon2_verify": argon2_verify_ms(),
        "fdatasync_ms": fdatasync_ms(),
    }
    if postgres_admin_url:
        info["postgres"] = postgres_info(postgres_admin_url)
    return info


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"
