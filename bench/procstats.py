"""Reading memory and CPU figures from /proc while a scenario runs."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
T = TypeVar("T")


def status_kib(pid: int, key: str) -> int | None:
    """A ``Vm*`` figure from /proc/<pid>/status, in KiB (None if the process is gone)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


def system_cpu_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds summed over all cores since boot."""
    first = Path("/proc/stat").read_text(encoding="ascii").splitlines()[0].split()
    values = [int(v) for v in first[1:9]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values)
    return (total - idle) / CLOCK_TICKS, total / CLOCK_TICKS


@dataclass(frozen=True)
class Proc:
    comm: str
    ppid: int
    cpu: float


def process_table() -> dict[int, Proc]:
    """Every live process: command name, parent and CPU seconds so far."""
    table: dict[int, Proc] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        comm = text[text.find("(") + 1 : text.rfind(")")]
        fields = text.rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        table[int(entry.name)] = Proc(comm=comm, ppid=int(fields[1]), cpu=cpu)
    return table


@dataclass
class Window:
    """CPU use and peak resident memory over one measured window (% of one core)."""

    server_cpu_pct: float
    postgres_cpu_pct: float
    kernel_cpu_pct: float  # kernel threads: I/O flushing, journaling
    other_cpu_pct: float  # every other process: work that is not part of the bench
    system_busy_pct: float
    peak_rss_kib: int
    other_top: list[tuple[str, float]]  # the busiest "other" commands, for diagnosis


@dataclass
class Sampler:
    """Samples the server's VmRSS in a background thread and measures CPU deltas.

    ``bench_pids`` are the bench's own processes (generator, orchestrator), left out
    of "other". CPU percentages are of one core (the maximum is 100 x cores).
    """

    pid: int
    bench_pids: frozenset[int] = frozenset()
    interval: float = 0.2
    max_seconds: float = 3600.0
    _peak: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _t0: float = 0.0
    _procs0: dict[int, Proc] = field(default_factory=dict)
    _sys0: tuple[float, float] = (0.0, 0.0)

    def start(self) -> None:
        self._peak = status_kib(self.pid, "VmRSS") or 0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def mark(self) -> None:
        """Start of the measured window (after warm-up)."""
        self._t0 = time.monotonic()
        self._procs0 = process_table()
        self._sys0 = system_cpu_seconds()

    def stop(self) -> Window:
        elapsed = max(time.monotonic() - self._t0, 1e-9)
        procs = process_table()
        busy, total = system_cpu_seconds()
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        buckets = {"server": 0.0, "postgres": 0.0, "kernel": 0.0, "other": 0.0}
        others: dict[str, float] = {}
        for pid, proc in procs.items():
            before = self._procs0.get(pid)
            used = proc.cpu - (before.cpu if before and before.comm == proc.comm else 0.0)
            if pid == self.pid:
                buckets["server"] += used
            elif pid in self.bench_pids:
                continue
            elif proc.comm == "postgres":
                buckets["postgres"] += used
            elif pid == 2 or proc.ppid == 2:
                buckets["kernel"] += used
            else:
                buckets["other"] += used
                others[proc.comm] = others.get(proc.comm, 0.0) + used
        cores = os.cpu_count() or 1
        pct = {k: 100.0 * max(v, 0.0) / elapsed for k, v in buckets.items()}
        return Window(
            server_cpu_pct=pct["server"],
            postgres_cpu_pct=pct["postgres"],
            kernel_cpu_pct=pct["kernel"],
            other_cpu_pct=pct["other"],
            system_busy_pct=100.0
            * cores
            * (busy - self._sys0[0])
            / max(total - self._sys0[1], 1e-9),
            peak_rss_kib=self._peak,
            other_top=[
                (comm, round(100.0 * used / elapsed, 1))
                for comm, used in sorted(others.items(), key=lambda kv: -kv[1])[:3]
                if used > 0
            ],
        )

    def _run(self) -> None:
        limit = int(self.max_seconds / self.interval) + 1
        for _ in range(limit):
            if self._stop.wait(self.interval):
                return
            rss = status_kib(self.pid, "VmRSS")
            if rss is None:
                return
            self._peak = max(self._peak, rss)


def busy_pct_over(seconds: float) -> float:
    """Machine-wide CPU use over the next ``seconds``, in % of one core."""
    busy0, total0 = system_cpu_seconds()
    time.sleep(seconds)
    busy1, total1 = system_cpu_seconds()
    return 100.0 * (os.cpu_count() or 1) * (busy1 - busy0) / max(total1 - total0, 1e-9)


def cpu_while(fn: Callable[[], T]) -> tuple[T, float, float]:
    """``fn()``, and the CPU used meanwhile in % of one core: by the whole machine,
    and by this process (for in-process timings, where there is no server to sample)."""
    busy0, total0 = system_cpu_seconds()
    own0, wall0 = time.process_time(), time.monotonic()
    result = fn()
    busy1, total1 = system_cpu_seconds()
    own = 100.0 * (time.process_time() - own0) / max(time.monotonic() - wall0, 1e-9)
    machine = 100.0 * (os.cpu_count() or 1) * (busy1 - busy0) / max(total1 - total0, 1e-9)
    return result, machine, own


def wait_quiet(*, max_wait: float, threshold_pct: float) -> float:
    """Wait (at most ``max_wait`` s) until the machine is nearly idle; return the last reading."""
    reading = busy_pct_over(1.0)
    for _ in range(int(max_wait)):
        if reading <= threshold_pct:
            break
        reading = busy_pct_over(1.0)
    return reading
