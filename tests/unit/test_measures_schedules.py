"""When a questionnaire is due and when it is late (mend.measures.schedules)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mend.measures.schedules import Schedule, current_round, due, next_round

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
GRACE = timedelta(days=3)
FORTNIGHTLY = Schedule(starts_at=START, every_days=14)
ONCE = Schedule(starts_at=START, every_days=None)


def test_nothing_is_due_before_the_start() -> None:
    assert due(FORTNIGHTLY, completed=[], now=START - DAY, overdue_after=GRACE) is None
    assert next_round(FORTNIGHTLY, now=START - DAY) == START


def test_first_round_opens_at_the_start() -> None:
    result = due(FORTNIGHTLY, completed=[], now=START, overdue_after=GRACE)
    assert result is not None
    assert (result.since, result.overdue, result.days_waiting) == (START, False, 0)


@pytest.mark.parametrize(
    ("waited", "late"),
    [(GRACE - timedelta(seconds=1), False), (GRACE, True)],
)
def test_a_round_is_late_once_it_has_waited_the_grace_period(waited: timedelta, late: bool) -> None:
    result = due(FORTNIGHTLY, completed=[], now=START + waited, overdue_after=GRACE)
    assert result is not None and result.overdue is late


def test_rounds_repeat_every_n_days() -> None:
    now = START + 14 * DAY + timedelta(hours=1)
    assert current_round(FORTNIGHTLY, now=now) == START + 14 * DAY
    assert next_round(FORTNIGHTLY, now=now) == START + 28 * DAY


def test_an_answer_in_this_round_clears_it() -> None:
    now = START + 15 * DAY
    answered = [START + 14 * DAY]
    assert due(FORTNIGHTLY, completed=answered, now=now, overdue_after=GRACE) is None


def test_an_answer_from_the_last_round_does_not_clear_this_one() -> None:
    now = START + 15 * DAY
    result = due(FORTNIGHTLY, completed=[START + 13 * DAY], now=now, overdue_after=GRACE)
    assert result is not None and result.since == START + 14 * DAY and not result.overdue


def test_missed_rounds_are_not_stacked() -> None:
    now = START + 100 * DAY
    result = due(FORTNIGHTLY, completed=[], now=now, overdue_after=GRACE)
    assert result is not None and result.since == START + 98 * DAY


def test_a_daily_round_is_late_when_the_day_before_went_unanswered() -> None:
    daily = Schedule(starts_at=START, every_days=1)
    now = START + DAY + timedelta(hours=2)
    missed = due(daily, completed=[], now=now, overdue_after=GRACE)
    kept = due(daily, completed=[START + timedelta(hours=5)], now=now, overdue_after=GRACE)
    assert missed is not None and missed.overdue
    assert kept is not None and not kept.overdue


def test_the_grace_period_is_never_longer_than_a_round() -> None:
    every_two = Schedule(starts_at=START, every_days=2)
    result = due(every_two, completed=[], now=START + DAY, overdue_after=GRACE)
    assert result is not None and not result.overdue
    result = due(
        every_two,
        completed=[],
        now=START + 2 * DAY - timedelta(seconds=1),
        overdue_after=GRACE,
    )
    assert result is not None and not result.overdue


def test_a_one_off_is_answered_by_any_completion_and_never_reopens() -> None:
    assert due(ONCE, completed=[START + DAY], now=START + 400 * DAY, overdue_after=GRACE) is None
    assert next_round(ONCE, now=START + DAY) is None
    waiting = due(ONCE, completed=[], now=START + 400 * DAY, overdue_after=GRACE)
    assert waiting is not None and waiting.overdue and waiting.days_waiting == 400


def test_an_ended_assignment_owes_nothing() -> None:
    ended = Schedule(starts_at=START, every_days=14, ended_at=START + 20 * DAY)
    assert due(ended, completed=[], now=START + 20 * DAY, overdue_after=GRACE) is None
    still_on = due(ended, completed=[], now=START + 19 * DAY, overdue_after=GRACE)
    assert still_on is not None
