"""Reading memory and CPU figures from /proc while a scenario runs."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of one process (all its threads), in seconds."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    # After the ")" that ends the command name, utime and stime are fields 12 and 13.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def system_cpu_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds summed over all cores since boot."""
    first = Path("/proc/stat").read_text(encoding="ascii").splitlines()[0].split()
    values = [int(v) for v in first[1:9]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values)
    return (total - idle) / CLOCK_TICKS, total / CLOCK_TICKS


@dataclass
class Window:
    """CPU use and peak resident memory of the server over one measured window."""

    server_cpu_pct: float
    postgres_cpu_pct: float
    system_busy_pct: float
    peak_rss_kib: int


@dataclass
class Sampler:
    """Samples the server's VmRSS in a background thread and measures CPU deltas.

    CPU percentages are of one core (the machine's maximum is 100 x cores).
    """

    pid: int
    interval: float = 0.2
    max_seconds: float = 3600.0
    _peak: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _t0: float = 0.0
    _cpu0: float = 0.0
    _pg0: float = 0.0
    _sys0: tuple[float, float] = (0.0, 0.0)

    def start(self) -> None:
        self._peak = status_kib(self.pid, "VmRSS") or 0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def mark(self) -> None:
        """Start of the measured window (after warm-up)."""
        self._t0 = time.monotonic()
        self._cpu0 = process_cpu_seconds(self.pid) or 0.0
        self._pg0 = cpu_of_command("postgres")
        self._sys0 = system_cpu_seconds()

    def stop(self) -> Window:
        elapsed = max(time.monotonic() - self._t0, 1e-9)
        cpu = (process_cpu_seconds(self.pid) or 0.0) - self._cpu0
        postgres = cpu_of_command("postgres") - self._pg0
        busy, total = system_cpu_seconds()
        cores = os.cpu_count() or 1
        system_pct = 100.0 * cores * (busy - self._sys0[0]) / max(total - self._sys0[1], 1e-9)
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        return Window(
            server_cpu_pct=100.0 * cpu / elapsed,
            postgres_cpu_pct=100.0 * max(postgres, 0.0) / elapsed,
            system_busy_pct=system_pct,
            peak_rss_kib=self._peak,
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


def cpu_of_command(name: str) -> float:
    """Total CPU seconds of all live processes whose command name is ``name``."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        comm = text[text.find("(") + 1 : text.rfind(")")]
        if comm == name:
            fields = text.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return total


def busy_pct_over(seconds: float) -> float:
    """Machine-wide CPU use over the next ``seconds``, in % of one core."""
    busy0, total0 = system_cpu_seconds()
    time.sleep(seconds)
    busy1, total1 = system_cpu_seconds()
    return 100.0 * (os.cpu_count() or 1) * (busy1 - busy0) / max(total1 - total0, 1e-9)


def wait_quiet(*, max_wait: float, threshold_pct: float) -> float:
    """Wait (at most ``max_wait`` s) until the machine is nearly idle; return the last reading."""
    reading = busy_pct_over(1.0)
    for _ in range(int(max_wait)):
        if reading <= threshold_pct:
            break
        reading = busy_pct_over(1.0)
    return reading
