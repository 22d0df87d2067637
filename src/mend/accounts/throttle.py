"""How long someone must wait after failed sign-ins. Pure: counts in, seconds out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottleRules:
    account_free_failures: int
    ip_free_failures: int
    max_delay_seconds: int
    base_delay_seconds: int = 30


def delay_after(failures: int, *, free: int, rules: ThrottleRules) -> int:
    """Seconds to wait after the last failure: doubles with each failure past the free ones."""
    over = failures - free
    if over < 0:
        return 0
    delay: int = rules.base_delay_seconds * 2 ** min(over, 20)
    return min(rules.max_delay_seconds, delay)


def retry_after(last_failure: datetime | None, delay_seconds: int, now: datetime) -> int:
    """Seconds left to wait, 0 when a new attempt may go ahead."""
    if last_failure is None or delay_seconds == 0:
        return 0
    left = last_failure + timedelta(seconds=delay_seconds) - now
    return max(0, int(left.total_seconds() + 0.999))
