"""Starting and stopping the server under test, and running the load generator."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.procstats import Sampler, Window

SUCCESS_LINE = re.compile(r'HTTP/1\.[01]" 2\d\d ')
# The last line of a traceback: "sqlalchemy.exc.OperationalError: (...) database is locked".
EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Timeout\w*)): (.*)$")
CHAINED = "above exception"
ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _clean_env(extra: dict[str, str]) -> dict[str, str]:
    """The parent's environment minus MEND_* (so settings are the defaults), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEND_")}
    env.update(extra)
    return env


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def log_size(self) -> int:
        try:
            return self.log.stat().st_size
        except OSError:
            return 0

    def exceptions_since(self, offset: int) -> dict[str, int]:
        """Exceptions the server logged after byte ``offset``, by type and message."""
        found: dict[str, int] = {}
        try:
            with self.log.open("rb") as handle:
                handle.seek(offset)
                lines = handle.read().decode("utf-8", errors="replace").splitlines()
                for i, raw in enumerate(lines):
                    match = EXCEPTION_LINE.match(raw)
                    # Skip a cause that is re-raised as another exception just below.
                    if match and not any(CHAINED in later for later in lines[i + 1 : i + 4]):
                        key = f"{match.group(1)}: {match.group(2)}"[:160]
                        found[key] = found.get(key, 0) + 1
        except OSError:
            pass
        return found

    def log_without_successes(self, limit: int = 5000) -> str:
        """The server log minus access lines for 2xx answers: start-up, errors, tracebacks."""
        kept: list[str] = []
        try:
            with self.log.open(encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if not SUCCESS_LINE.search(line):
                        kept.append(line.rstrip("\n"))
                        if len(kept) >= limit:
                            kept.append(f"... (cut at {limit} lines)")
                            break
        except OSError:
            return ""
        return "\n".join(kept)


def _wait_http(port: int, path: str, proc: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    for _ in range(int(seconds / 0.1) + 1):
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=1)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                conn.close()
                return True
            conn.close()
        except OSError:
            pass
        time.sleep(0.1)
    return False


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextmanager
def mend_server(
    database_url: str, secret: str, workdir: Path, *, access_log: bool, factory: str
) -> Iterator[Server]:
    """uvicorn, one worker process, serving ``factory`` (bench.server:create_app:
    Mend plus the raw-insert route)."""
    port = free_port()
    log = workdir / f"uvicorn-{port}.log"
    env = _clean_env(
        {
            "MEND_DATABASE_URL": database_url,
            "MEND_SECRET_KEY": secret,
            "MEND_DATA_DIR": str(workdir),
        }
    )
    # The same options `mend serve` passes to uvicorn.run.
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        factory,
        "--factory",
        "--app-dir",
        str(ROOT),
        "--host",
        HOST,
        "--port",
        str(port),
        "--log-level",
        "info",
        "--proxy-headers",
        "--no-server-header",
    ]
    if not access_log:
        cmd.append("--no-access-log")
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(proc=proc, port=port, log=log)
    try:
        if not _wait_http(port, "/healthz", proc, seconds=60):
            raise RuntimeError(f"the server did not come up; log tail:\n{server.log_tail()}")
        yield server
    finally:
        _stop(proc)


@contextmanager
def trivial_server(max_seconds: float) -> Iterator[int]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.trivial_server", str(port), str(int(max_seconds))],
        cwd=ROOT,
        env=_clean_env({}),
    )
    try:
        if not _wait_http(port, "/", proc, seconds=20):
            raise RuntimeError("the trivial server did not come up")
        yield port
    finally:
        _stop(proc)


@dataclass(frozen=True)
class Run:
    result: dict[str, Any]
    window: Window | None


def run_load(spec: dict[str, Any], *, server_pid: int | None) -> Run:
    """Run the generator in its own process; sample the server while it measures."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(spec, handle)
        spec_path = handle.name
    deadline = float(spec["warmup"]) + float(spec["duration"]) + float(spec["timeout"]) + 60
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.loadgen", spec_path],
        cwd=ROOT,
        env=_clean_env({}),
        stdout=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(deadline, proc.kill)
    watchdog.start()
    sampler = (
        Sampler(server_pid, bench_pids=frozenset({proc.pid, os.getpid()}), max_seconds=deadline)
        if server_pid
        else None
    )
    window: Window | None = None
    result: dict[str, Any] | None = None
    try:
        if sampler:
            sampler.start()
        assert proc.stdout is not None
        for _ in range(100):  # a handful of progress lines, then the result
            line = proc.stdout.readline()
            if not line:
                break
            line = line.strip()
            if line == "measure" and sampler:
                sampler.mark()
            elif line == "end" and sampler:
                window = sampler.stop()
            elif line.startswith("{"):
                result = json.loads(line)
        proc.wait(timeout=30)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        Path(spec_path).unlink(missing_ok=True)
    if result is None:
        raise RuntimeError(f"the load generator failed (exit {proc.returncode})")
    return Run(result=result, window=window)


def probe(port: int, path: str, headers: dict[str, str]) -> int:
    """One GET, to tell whether a page exists before measuring it: its status."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()
