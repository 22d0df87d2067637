from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mend.accounts.throttle import ThrottleRules, delay_after, retry_after

RULES = ThrottleRules(account_free_failures=5, ip_free_failures=20, max_delay_seconds=900)
NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("failures", "delay"),
    [(0, 0), (4, 0), (5, 30), (6, 60), (7, 120), (9, 480), (10, 900), (60, 900)],
)
def test_delay_doubles_after_the_free_failures_and_is_capped(failures: int, delay: int) -> None:
    assert delay_after(failures, free=5, rules=RULES) == delay


def test_retry_after_counts_down_from_the_last_failure() -> None:
    assert retry_after(NOW, 30, NOW) == 30
    assert retry_after(NOW, 30, NOW + timedelta(seconds=29, milliseconds=500)) == 1
    assert retry_after(NOW, 30, NOW + timedelta(seconds=30)) == 0
    assert retry_after(None, 30, NOW) == 0
    assert retry_after(NOW, 0, NOW) == 0
