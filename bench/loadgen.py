"""The load generator, run as its own process: `python -m bench.loadgen SPEC.json`.

Closed loop: ``concurrency`` workers, each with its own keep-alive connection,
send a request, wait for the answer, send the next. Requests that complete
inside the measured window (after the warm-up) are counted; any non-2xx answer
or transport failure is an error. Progress lines go to stdout so the parent can
line up its CPU and memory sampling with the window:

    measure        the warm-up is over, the window starts
    end            the window is over (in-flight requests are not counted)
    {...}          the result, one JSON line
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import secrets
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

# Generous but finite: a request slower than this is an error, and no loop runs forever.
MAX_REQUESTS_PER_WORKER = 5_000_000


@dataclass(frozen=True)
class Req:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    # When set, this placeholder in the body is replaced by a token unique to each
    # request (run, worker, count): for idempotency keys, so no request is a replay.
    unique: bytes = b""

    def render(self, token: str) -> Req:
        return replace(self, body=self.body.replace(self.unique, token.encode()))


@dataclass(frozen=True)
class Spec:
    host: str
    port: int
    client: str  # "raw" or "httpx2"
    concurrency: int
    warmup: float
    duration: float
    timeout: float
    plans: list[list[Req]]  # plans[i % len(plans)] is cycled by worker i

    @classmethod
    def load(cls, raw: dict[str, Any]) -> Spec:
        plans = [
            [
                Req(
                    r["method"],
                    r["path"],
                    dict(r.get("headers", {})),
                    r.get("body", "").encode(),
                    r.get("unique", "").encode(),
                )
                for r in plan
            ]
            for plan in raw["plans"]
        ]
        return cls(
            host=raw["host"],
            port=int(raw["port"]),
            client=raw["client"],
            concurrency=int(raw["concurrency"]),
            warmup=float(raw["warmup"]),
            duration=float(raw["duration"]),
            timeout=float(raw["timeout"]),
            plans=plans,
        )


class RawConnection:
    """A minimal HTTP/1.1 keep-alive client over asyncio streams (loopback only)."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.resent = 0

    def encode(self, req: Req) -> bytes:
        lines = [f"{req.method} {req.path} HTTP/1.1", f"host: {self.host}:{self.port}"]
        lines += [f"{k}: {v}" for k, v in req.headers.items()]
        if req.body or req.method in ("POST", "PUT", "PATCH"):
            lines.append(f"content-length: {len(req.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + req.body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def _head(self, payload: bytes) -> bytes:
        """Send a request and read the response head. Like browsers, resend once on a
        fresh connection when a reused keep-alive connection turns out to be closed
        before any byte of the answer arrived (counted in ``resent``)."""
        reused = self.writer is not None
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        try:
            self.writer.write(payload)
            return await self.reader.readuntil(b"\r\n\r\n")
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            partial = getattr(exc, "partial", b"")
            if not reused or partial:
                raise
        await self.close()
        self.resent += 1
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(payload)
        return await self.reader.readuntil(b"\r\n\r\n")

    async def send(self, payload: bytes, method: str) -> int:
        head = await self._head(payload)
        assert self.reader is not None
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers: dict[str, str] = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            pass
        elif "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            await self._read_chunked()
        else:  # body runs to the end of the connection
            await self.reader.read()
            await self.close()
            return status
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def _read_chunked(self) -> None:
        assert self.reader is not None
        for _ in range(1_000_000):
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                for _ in range(1000):  # trailers end with an empty line
                    if await self.reader.readuntil(b"\r\n") == b"\r\n":
                        return
                return
            await self.reader.readexactly(size + 2)


@dataclass
class Tally:
    """Outcomes by phase. Only the window feeds rates and percentiles, but errors in
    any phase are counted and reported: during the warm-up, inside the window, and
    among requests still in flight when the window closed (waited for, up to the
    request timeout)."""

    measure_start: float
    measure_end: float
    per_second: list[int]  # successful completions in each second of the window
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    late_latencies: list[float] = field(default_factory=list)
    in_flight: int = 0
    resent: int = 0  # requests sent again after the server closed a keep-alive connection

    def add(self, started: float, finished: float, outcome: str | None) -> None:
        self.in_flight -= 1
        if finished < self.measure_start:
            if outcome is not None:
                self.errors[f"during warm-up: {outcome}"] += 1
        elif finished > self.measure_end:
            if outcome is None:
                self.late_latencies.append(finished - started)
            else:
                self.errors[f"after the window: {outcome}"] += 1
        elif outcome is None:
            self.latencies.append(finished - started)
            second = min(int(finished - self.measure_start), len(self.per_second) - 1)
            self.per_second[second] += 1
        else:
            self.errors[outcome] += 1


def _token(run: str, worker: int, count: int) -> str:
    return f"{run}-{worker}-{count}"


async def _raw_worker(spec: Spec, plan: list[Req], tally: Tally, worker: int, run: str) -> None:
    conn = RawConnection(spec.host, spec.port)
    payloads = [(conn.encode(r), r) for r in plan]
    try:
        for i in range(MAX_REQUESTS_PER_WORKER):
            if time.monotonic() >= tally.measure_end:
                return
            payload, req = payloads[i % len(payloads)]
            if req.unique:  # encoded before the clock starts, like the others
                payload = conn.encode(req.render(_token(run, worker, i)))
            started = time.monotonic()
            tally.in_flight += 1
            outcome: str | None
            try:
                status = await asyncio.wait_for(conn.send(payload, req.method), spec.timeout)
                outcome = None if 200 <= status < 300 else str(status)
            except (
                OSError,
                asyncio.IncompleteReadError,
                asyncio.LimitOverrunError,
                TimeoutError,
                ValueError,
            ) as exc:
                outcome = type(exc).__name__
                await conn.close()
            tally.add(started, time.monotonic(), outcome)
    finally:
        tally.resent += conn.resent
        await conn.close()


async def _httpx_worker(client: Any, plan: list[Req], tally: Tally, worker: int, run: str) -> None:
    import httpx2

    for i in range(MAX_REQUESTS_PER_WORKER):
        if time.monotonic() >= tally.measure_end:
            return
        req = plan[i % len(plan)]
        if req.unique:
            req = req.render(_token(run, worker, i))
        started = time.monotonic()
        tally.in_flight += 1
        outcome: str | None
        try:
            response = await client.request(
                req.method, req.path, headers=req.headers, content=req.body or None
            )
            outcome = None if 200 <= response.status_code < 300 else str(response.status_code)
            client.cookies.clear()  # each worker sends only its own credentials
        except httpx2.HTTPError as exc:
            outcome = type(exc).__name__
        tally.add(started, time.monotonic(), outcome)


def _percentile(sorted_values: list[float], q: float) -> float | None:
    if not sorted_values:
        return None
    rank = max(1, math.ceil(q / 100.0 * len(sorted_values)))  # nearest rank
    return sorted_values[min(rank, len(sorted_values)) - 1]


async def run(spec: Spec) -> dict[str, Any]:
    begin = time.monotonic()
    tally = Tally(
        measure_start=begin + spec.warmup,
        measure_end=begin + spec.warmup + spec.duration,
        per_second=[0] * max(1, math.ceil(spec.duration)),
    )
    plans = [spec.plans[i % len(spec.plans)] for i in range(spec.concurrency)]
    run_id = secrets.token_hex(4)  # unique tokens across runs against the same database
    client: Any = None
    if spec.client == "httpx2":
        import httpx2

        client = httpx2.AsyncClient(
            base_url=f"http://{spec.host}:{spec.port}",
            trust_env=False,
            timeout=httpx2.Timeout(spec.timeout),
            limits=httpx2.Limits(
                max_connections=spec.concurrency, max_keepalive_connections=spec.concurrency
            ),
        )
        tasks = [
            asyncio.create_task(_httpx_worker(client, plan, tally, i, run_id))
            for i, plan in enumerate(plans)
        ]
    else:
        tasks = [
            asyncio.create_task(_raw_worker(spec, plan, tally, i, run_id))
            for i, plan in enumerate(plans)
        ]

    await asyncio.sleep(max(0.0, tally.measure_start - time.monotonic()))
    cpu0 = time.process_time()
    print("measure", flush=True)
    await asyncio.sleep(max(0.0, tally.measure_end - time.monotonic()))
    cpu = time.process_time() - cpu0
    print("end", flush=True)
    in_flight_at_end = tally.in_flight
    _, pending = await asyncio.wait(tasks, timeout=spec.timeout + 5)
    for task in pending:
        task.cancel()
    if tally.in_flight > 0:
        tally.errors[f"after the window: no answer within {spec.timeout + 5:g} s"] += (
            tally.in_flight
        )
    for task in tasks:
        if task.done() and not task.cancelled() and task.exception() is not None:
            tally.errors[f"worker crashed: {task.exception()!r}"] += 1
    if client is not None:
        await client.aclose()

    latencies = sorted(tally.latencies)
    ok = len(latencies)
    return {
        "client": spec.client,
        "concurrency": spec.concurrency,
        "duration_s": spec.duration,
        "ok": ok,
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "rps": ok / spec.duration,
        "p50_ms": None if not ok else 1000 * (_percentile(latencies, 50) or 0.0),
        "p95_ms": None if not ok else 1000 * (_percentile(latencies, 95) or 0.0),
        "p99_ms": None if not ok else 1000 * (_percentile(latencies, 99) or 0.0),
        "max_ms": None if not ok else 1000 * latencies[-1],
        "generator_cpu_pct": 100.0 * cpu / spec.duration,
        "per_second": tally.per_second,
        "in_flight_at_end": in_flight_at_end,
        "resent": tally.resent,
        "late_ok": len(tally.late_latencies),
        "late_max_ms": 1000 * max(tally.late_latencies) if tally.late_latencies else None,
    }


def main(argv: list[str]) -> int:
    spec = Spec.load(json.loads(Path(argv[1]).read_text(encoding="utf-8")))
    result = asyncio.run(run(spec))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
