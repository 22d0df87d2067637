"""Pacing after a processing session (clinical-model §4): each signal on both sides of its edges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mend.healing.pacing import (
    Pcl5Score,
    Status,
    Thresholds,
    check,
    distress_rise,
    harmful_use_rise,
    pcl5_deterioration,
)
from mend.healing.readiness import CopingMoment, StrategyUse

SESSION = datetime(2024, 6, 3, 10, 0, tzinfo=UTC)
DONE = SESSION + timedelta(hours=72)  # the whole window has passed
SECOND = timedelta(seconds=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

WALK = StrategyUse(id="walk", helpfulness="helpful")
CUT = StrategyUse(id="cut", helpfulness="harmful")
DRINK = StrategyUse(id="drink", helpfulness="harmful")


def felt(level: int | None, at: datetime) -> CopingMoment:
    return CopingMoment(at=at, distress_before=level, strategies=(WALK,))


def harmful(at: datetime) -> CopingMoment:
    return CopingMoment(at=at, distress_before=5, strategies=(CUT,))


def baseline(*levels: int) -> list[CopingMoment]:
    """Moments in the 14 days before the session, one a day."""
    return [felt(level, SESSION - (i + 1) * DAY) for i, level in enumerate(levels)]


def after(*levels: int) -> list[CopingMoment]:
    """Moments in the 72 h after the session, every 6 hours."""
    return [felt(level, SESSION + (i + 1) * 6 * HOUR) for i, level in enumerate(levels)]


# ---------------------------------------------------------------- inputs


def test_now_before_the_session_is_refused() -> None:
    with pytest.raises(ValueError, match="after the session"):
        check(session_at=SESSION, now=SESSION - SECOND)


@pytest.mark.parametrize("naive", ["session_at", "now"])
def test_naive_datetimes_are_refused(naive: str) -> None:
    times = {"session_at": SESSION, "now": DONE, naive: datetime(2024, 6, 3, 10, 0)}
    with pytest.raises(ValueError, match="aware"):
        check(session_at=times["session_at"], now=times["now"])


@pytest.mark.parametrize("total", [-1, 81])
def test_pcl5_totals_are_0_to_80(total: int) -> None:
    with pytest.raises(ValueError, match="0-80"):
        Pcl5Score(at=SESSION, total=total)


@pytest.mark.parametrize(
    "changes",
    [{"window_hours": 0}, {"min_after_moments": 0}, {"distress_rise": 0}, {"distress_rise": -1}],
)
def test_thresholds_are_checked(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="Thresholds"):
        Thresholds(**changes)  # type: ignore[arg-type]


# ---------------------------------------------------------------- 1 distress


def test_a_rise_of_exactly_2_points_is_a_signal() -> None:
    result = distress_rise(baseline(4, 4, 4) + after(6, 6), session_at=SESSION, now=DONE)
    assert result.status is Status.SIGNAL
    assert (result.numbers["baseline_mean"], result.numbers["after_mean"]) == (4.0, 6.0)
    assert result.explanation == (
        "Mean distress in the 72 h after the session was 6 (2 moments), 2 points above "
        "the 14-day baseline of 4 (3 moments); a rise of 2 points or more suggests slowing down."
    )


def test_a_rise_just_under_2_points_is_no_signal() -> None:
    # After: 6, 6, 5 → 17/3; baseline 4 → rise 5/3.
    result = distress_rise(baseline(4, 4, 4) + after(6, 6, 5), session_at=SESSION, now=DONE)
    assert result.status is Status.NO_SIGNAL


def test_the_rise_is_compared_exactly() -> None:
    # Baseline 1, 2, 2 → 5/3; after 4, 4, 3 → 11/3; the rise is exactly 2, not 1.9999….
    result = distress_rise(baseline(1, 2, 2) + after(4, 4, 3), session_at=SESSION, now=DONE)
    assert result.status is Status.SIGNAL


def test_no_change_reads_the_same_as() -> None:
    result = distress_rise(baseline(4, 4, 4) + after(4, 4), session_at=SESSION, now=DONE)
    assert "was 4 (2 moments), the same as the 14-day baseline of 4" in result.explanation


def test_a_fall_reads_below() -> None:
    result = distress_rise(baseline(6, 6, 6) + after(3, 3), session_at=SESSION, now=DONE)
    assert result.status is Status.NO_SIGNAL
    assert "3 points below" in result.explanation


def test_baseline_window_is_the_14_days_before_the_session() -> None:
    # Two ordinary days and one very calm day at the window's edge.
    two = [felt(4, SESSION - DAY), felt(4, SESSION - 2 * DAY)]
    edge = distress_rise(
        [*two, felt(4, SESSION - 14 * DAY), *after(6, 6)], session_at=SESSION, now=DONE
    )
    past = distress_rise(
        [*two, felt(4, SESSION - 14 * DAY - SECOND), *after(6, 6)], session_at=SESSION, now=DONE
    )
    assert (edge.status, past.status) == (Status.SIGNAL, Status.NOT_ENOUGH_DATA)


def test_the_sessions_own_instant_is_after_not_baseline() -> None:
    at_session = felt(9, SESSION)
    just_before = felt(9, SESSION - SECOND)
    with_at = distress_rise(
        [*baseline(4, 4, 4), at_session, *after(6)], session_at=SESSION, now=DONE
    )
    with_before = distress_rise(
        [*baseline(4, 4, 4), just_before, *after(6)], session_at=SESSION, now=DONE
    )
    assert (with_at.numbers["after_moments"], with_at.numbers["baseline_moments"]) == (2, 3)
    assert (with_before.numbers["after_moments"], with_before.numbers["baseline_moments"]) == (1, 4)


def test_after_window_ends_at_72_hours_inclusive() -> None:
    base = baseline(4, 4, 4)
    first = felt(6, SESSION + HOUR)
    edge = distress_rise(
        [*base, first, felt(6, SESSION + 72 * HOUR)], session_at=SESSION, now=DONE + DAY
    )
    past = distress_rise(
        [*base, first, felt(6, SESSION + 72 * HOUR + SECOND)], session_at=SESSION, now=DONE + DAY
    )
    assert (edge.status, past.status) == (Status.SIGNAL, Status.NOT_ENOUGH_DATA)


def test_moments_after_now_are_not_counted() -> None:
    now = SESSION + 12 * HOUR
    moments = [*baseline(4, 4, 4), felt(6, SESSION + HOUR), felt(6, now + SECOND)]
    result = distress_rise(moments, session_at=SESSION, now=now)
    assert result.status is Status.NOT_ENOUGH_DATA


@pytest.mark.parametrize(
    ("base", "post"),
    [((4, 4), (9, 9)), ((4, 4, 4), (9,)), ((), ()), ((4, 4, 4), ())],
)
def test_too_few_ratings_is_not_enough_data_never_a_signal(
    base: tuple[int, ...], post: tuple[int, ...]
) -> None:
    result = distress_rise(baseline(*base) + after(*post), session_at=SESSION, now=DONE)
    assert result.status is Status.NOT_ENOUGH_DATA
    assert result.explanation.startswith("Not enough distress ratings to compare")


def test_moments_without_a_distress_rating_are_not_counted() -> None:
    moments = [*baseline(4, 4, 4), *after(6), felt(None, SESSION + 2 * HOUR)]
    result = distress_rise(moments, session_at=SESSION, now=DONE)
    assert result.status is Status.NOT_ENOUGH_DATA


def test_an_early_check_says_so_far() -> None:
    now = SESSION + 30 * HOUR
    moments = [*baseline(4, 4, 4), felt(7, SESSION + HOUR), felt(7, SESSION + 2 * HOUR)]
    result = distress_rise(moments, session_at=SESSION, now=now)
    assert result.status is Status.SIGNAL
    assert "(so far: 30 of 72 hours)" in result.explanation


def test_distress_rise_is_a_setting() -> None:
    moments = baseline(4, 4, 4) + after(6, 6)
    strict = Thresholds(distress_rise=2.5)
    assert distress_rise(moments, session_at=SESSION, now=DONE, thresholds=strict).status is (
        Status.NO_SIGNAL
    )


# ---------------------------------------------------------------- 2 harmful use


def test_harmful_use_at_exactly_the_baseline_rate_is_no_signal() -> None:
    # Baseline: 14 uses in 14 days = 1 a day; after: 3 in 72 h = 1 a day.
    base = [harmful(SESSION - (i + 1) * DAY) for i in range(14)]
    post = [harmful(SESSION + (i + 1) * 6 * HOUR) for i in range(3)]
    result = harmful_use_rise(base + post, session_at=SESSION, now=DONE)
    assert result.status is Status.NO_SIGNAL
    assert (result.numbers["baseline_per_day"], result.numbers["after_per_day"]) == (1.0, 1.0)


def test_one_more_harmful_use_than_the_baseline_rate_is_a_signal() -> None:
    base = [harmful(SESSION - (i + 1) * DAY) for i in range(14)]
    post = [harmful(SESSION + (i + 1) * 6 * HOUR) for i in range(4)]
    result = harmful_use_rise(base + post, session_at=SESSION, now=DONE)
    assert result.status is Status.SIGNAL
    assert result.explanation == (
        "4 harmful-strategy uses in the 72 h after the session (1.33 a day) against 14 in the "
        "14 days before (1 a day); use has risen above its usual rate."
    )


def test_any_harmful_use_after_none_in_the_baseline_is_a_signal() -> None:
    moments = [*baseline(4, 4, 4), harmful(SESSION + HOUR)]
    assert harmful_use_rise(moments, session_at=SESSION, now=DONE).status is Status.SIGNAL


def test_two_harmful_strategies_in_one_moment_are_one_use() -> None:
    both = CopingMoment(at=SESSION + HOUR, strategies=(CUT, DRINK))
    base = [harmful(SESSION - (i + 1) * DAY) for i in range(5)] + baseline(4, 4)
    # Baseline 5 uses in 14 days (≈ 1.07 per 72 h): 1 use after is not above it.
    result = harmful_use_rise([*base, both, *after(3)], session_at=SESSION, now=DONE)
    assert (result.status, result.numbers["after_uses"]) == (Status.NO_SIGNAL, 1)


def test_harmful_baseline_window_edges() -> None:
    # 4 baseline uses → 4/336 an hour; 1 use after → 1/72 an hour: 1*336 > 4*72, a signal.
    # A fifth baseline use at the edge makes 1*336 < 5*72: no signal.
    four = [harmful(SESSION - (i + 1) * DAY) for i in range(4)]
    post = [harmful(SESSION + HOUR), felt(3, SESSION + 2 * HOUR)]
    edge = harmful_use_rise(
        [*four, harmful(SESSION - 14 * DAY), *post], session_at=SESSION, now=DONE
    )
    past = harmful_use_rise(
        [*four, harmful(SESSION - 14 * DAY - SECOND), *post], session_at=SESSION, now=DONE
    )
    assert (edge.status, past.status) == (Status.NO_SIGNAL, Status.SIGNAL)


def test_harmful_after_window_edges() -> None:
    base = baseline(4, 4, 4)
    edge = harmful_use_rise(
        [*base, *after(3, 3), harmful(SESSION + 72 * HOUR)], session_at=SESSION, now=DONE
    )
    past = harmful_use_rise(
        [*base, *after(3, 3), harmful(SESSION + 72 * HOUR + SECOND)],
        session_at=SESSION,
        now=DONE + DAY,
    )
    before = harmful_use_rise(
        [*base, *after(3, 3), harmful(SESSION - SECOND)], session_at=SESSION, now=DONE
    )
    at_session = harmful_use_rise(
        [*base, *after(3, 3), harmful(SESSION)], session_at=SESSION, now=DONE
    )
    assert (edge.status, past.status) == (Status.SIGNAL, Status.NO_SIGNAL)
    assert (before.status, at_session.status) == (Status.NO_SIGNAL, Status.SIGNAL)


def test_too_little_baseline_is_not_enough_data_even_with_harmful_use_after() -> None:
    moments = [*baseline(4, 4), harmful(SESSION + HOUR), harmful(SESSION + 2 * HOUR)]
    result = harmful_use_rise(moments, session_at=SESSION, now=DONE)
    assert result.status is Status.NOT_ENOUGH_DATA
    assert result.explanation.startswith("Not enough moments before the session")


def test_too_little_logging_after_is_not_enough_data_not_fine() -> None:
    result = harmful_use_rise([*baseline(4, 4, 4), *after(3)], session_at=SESSION, now=DONE)
    assert result.status is Status.NOT_ENOUGH_DATA
    assert result.explanation.startswith("Not enough moments after the session")
    enough = harmful_use_rise([*baseline(4, 4, 4), *after(3, 3)], session_at=SESSION, now=DONE)
    assert enough.status is Status.NO_SIGNAL


def test_an_early_harmful_signal_counts_the_full_window() -> None:
    # 1 hour in: 1 use after against 3 in the baseline (0.64 per 72 h) is already above.
    base = [harmful(SESSION - (i + 1) * DAY) for i in range(3)]
    result = harmful_use_rise(
        [*base, harmful(SESSION + HOUR)], session_at=SESSION, now=SESSION + HOUR
    )
    assert result.status is Status.SIGNAL
    assert "(0.33 a day; so far: 1 of 72 hours)" in result.explanation


# ---------------------------------------------------------------- 3 PCL-5


def pcl5(total: int, at: datetime) -> Pcl5Score:
    return Pcl5Score(at=at, total=total)


def test_a_pcl5_rise_of_exactly_10_is_a_signal_and_9_is_not() -> None:
    before = pcl5(30, SESSION - DAY)
    rise_10 = pcl5_deterioration([before, pcl5(40, SESSION + DAY)], session_at=SESSION, now=DONE)
    rise_9 = pcl5_deterioration([before, pcl5(39, SESSION + DAY)], session_at=SESSION, now=DONE)
    assert (rise_10.status, rise_9.status) == (Status.SIGNAL, Status.NO_SIGNAL)
    assert rise_10.numbers["difference"] == 10
    assert "reliable deterioration" in rise_10.explanation


def test_a_pcl5_improvement_is_no_signal() -> None:
    scores = [pcl5(50, SESSION - DAY), pcl5(30, SESSION + DAY)]
    assert pcl5_deterioration(scores, session_at=SESSION, now=DONE).status is Status.NO_SIGNAL


def test_pcl5_baseline_is_the_latest_in_the_30_days_before() -> None:
    edge = [pcl5(30, SESSION - 30 * DAY), pcl5(40, SESSION + DAY)]
    past = [pcl5(30, SESSION - 30 * DAY - SECOND), pcl5(40, SESSION + DAY)]
    assert pcl5_deterioration(edge, session_at=SESSION, now=DONE).status is Status.SIGNAL
    stale = pcl5_deterioration(past, session_at=SESSION, now=DONE)
    assert stale.status is Status.NOT_ENOUGH_DATA
    assert stale.explanation == "Not enough data: no PCL-5 in the 30 days before the session."
    newer = [pcl5(30, SESSION - 20 * DAY), pcl5(35, SESSION - DAY), pcl5(40, SESSION + DAY)]
    assert pcl5_deterioration(newer, session_at=SESSION, now=DONE).numbers["before"] == 35


def test_pcl5_at_the_sessions_instant_is_after() -> None:
    scores = [pcl5(30, SESSION - DAY), pcl5(40, SESSION)]
    result = pcl5_deterioration(scores, session_at=SESSION, now=DONE)
    assert (result.status, result.numbers["before"]) == (Status.SIGNAL, 30)


def test_pcl5_after_window_edges() -> None:
    before = pcl5(30, SESSION - DAY)
    edge = [before, pcl5(40, SESSION + 72 * HOUR)]
    past = [before, pcl5(40, SESSION + 72 * HOUR + SECOND)]
    assert pcl5_deterioration(edge, session_at=SESSION, now=DONE).status is Status.SIGNAL
    late = pcl5_deterioration(past, session_at=SESSION, now=DONE + DAY)
    assert late.status is Status.NOT_ENOUGH_DATA


def test_the_worst_pcl5_after_the_session_counts() -> None:
    scores = [pcl5(30, SESSION - DAY), pcl5(45, SESSION + HOUR), pcl5(31, SESSION + DAY)]
    result = pcl5_deterioration(scores, session_at=SESSION, now=DONE)
    assert (result.status, result.numbers["after"], result.numbers["after_scores"]) == (
        Status.SIGNAL,
        45,
        2,
    )


def test_no_pcl5_after_is_not_enough_data() -> None:
    now = SESSION + 5 * HOUR
    result = pcl5_deterioration([pcl5(30, SESSION - DAY)], session_at=SESSION, now=now)
    assert result.status is Status.NOT_ENOUGH_DATA
    assert result.explanation == (
        "Not enough data: no PCL-5 in the 72 h after it (so far: 5 of 72 hours)."
    )


def test_no_pcl5_at_all_names_both_gaps() -> None:
    result = pcl5_deterioration([], session_at=SESSION, now=DONE)
    assert result.explanation == (
        "Not enough data: no PCL-5 in the 30 days before the session "
        "and no PCL-5 in the 72 h after it."
    )


def test_pcl5_after_now_is_not_counted() -> None:
    now = SESSION + DAY
    scores = [pcl5(30, SESSION - DAY), pcl5(60, now + SECOND)]
    result = pcl5_deterioration(scores, session_at=SESSION, now=now)
    assert result.status is Status.NOT_ENOUGH_DATA


def test_pcl5_threshold_is_a_setting() -> None:
    scores = [pcl5(30, SESSION - DAY), pcl5(36, SESSION + DAY)]
    five = Thresholds(pcl5_reliable_change=5)
    result = pcl5_deterioration(scores, session_at=SESSION, now=DONE, thresholds=five)
    assert result.status is Status.SIGNAL


# ---------------------------------------------------------------- all three


def test_check_with_nothing_is_not_enough_data_everywhere_and_no_alert() -> None:
    result = check(session_at=SESSION, now=DONE)
    assert not result.slow_down
    assert result.not_enough_data == ("distress_rise", "harmful_use_rise", "pcl5_deterioration")
    assert (result.window_end, result.complete) == (DONE, True)


def test_check_is_complete_only_once_72_hours_have_passed() -> None:
    assert not check(session_at=SESSION, now=DONE - SECOND).complete
    assert check(session_at=SESSION, now=DONE).complete


def test_one_signal_is_enough_to_slow_down() -> None:
    moments = [*baseline(4, 4, 4), *after(4, 4), harmful(SESSION + HOUR)]
    result = check(session_at=SESSION, now=DONE, moments=moments)
    assert result.slow_down
    assert result.signal("harmful_use_rise").status is Status.SIGNAL
    assert result.signal("distress_rise").status is Status.NO_SIGNAL
    assert result.not_enough_data == ("pcl5_deterioration",)


def test_all_quiet_is_no_signal() -> None:
    moments = [*baseline(4, 5, 4), *after(5, 4)]
    scores = [pcl5(40, SESSION - DAY), pcl5(38, SESSION + DAY)]
    result = check(session_at=SESSION, now=DONE, moments=moments, pcl5_scores=scores)
    assert not result.slow_down
    assert result.not_enough_data == ()
    assert {s.status for s in result.signals} == {Status.NO_SIGNAL}


# ---------------------------------------------------------------- properties


def moments_between(start: datetime, end: datetime) -> st.SearchStrategy[CopingMoment]:
    return st.builds(
        CopingMoment,
        at=st.datetimes(
            min_value=start.replace(tzinfo=None),
            max_value=end.replace(tzinfo=None),
            timezones=st.just(UTC),
        ),
        distress_before=st.none() | st.integers(0, 10),
        strategies=st.lists(st.sampled_from([WALK, CUT, DRINK]), max_size=2).map(tuple),
    )


inside = st.lists(moments_between(SESSION - 14 * DAY, SESSION + 72 * HOUR), max_size=25)
outside = st.lists(
    moments_between(SESSION - 200 * DAY, SESSION - 14 * DAY - SECOND)
    | moments_between(SESSION + 72 * HOUR + SECOND, SESSION + 200 * DAY),
    max_size=5,
)
checked_at = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=5)).map(
    lambda d: SESSION + d
)


@given(inside, outside, checked_at)
def test_moments_outside_both_windows_change_nothing(
    kept: list[CopingMoment], extra: list[CopingMoment], now: datetime
) -> None:
    assert check(session_at=SESSION, now=now, moments=kept) == check(
        session_at=SESSION, now=now, moments=kept + extra
    )


@given(inside, st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=72)))
def test_one_more_harmful_use_after_never_takes_a_signal_away(
    kept: list[CopingMoment], offset: timedelta
) -> None:
    before = harmful_use_rise(kept, session_at=SESSION, now=DONE)
    more = harmful_use_rise([*kept, harmful(SESSION + offset)], session_at=SESSION, now=DONE)
    if before.status is Status.SIGNAL:
        assert more.status is Status.SIGNAL


@given(inside, st.timedeltas(min_value=SECOND, max_value=timedelta(days=14)))
def test_one_more_harmful_use_in_the_baseline_never_makes_a_signal(
    kept: list[CopingMoment], offset: timedelta
) -> None:
    before = harmful_use_rise(kept, session_at=SESSION, now=DONE)
    more = harmful_use_rise([*kept, harmful(SESSION - offset)], session_at=SESSION, now=DONE)
    if before.status is not Status.SIGNAL and more.status is Status.SIGNAL:
        # Only possible when the baseline had too few moments to judge before.
        assert before.numbers["baseline_moments"] == 2


@given(inside, st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=72)))
def test_an_early_harmful_signal_holds_at_the_end(
    kept: list[CopingMoment], elapsed: timedelta
) -> None:
    early = harmful_use_rise(kept, session_at=SESSION, now=SESSION + elapsed)
    final = harmful_use_rise(kept, session_at=SESSION, now=DONE)
    if early.status is Status.SIGNAL:
        assert final.status is Status.SIGNAL


@given(inside, checked_at)
def test_signals_never_come_from_too_little_data(kept: list[CopingMoment], now: datetime) -> None:
    result = check(session_at=SESSION, now=now, moments=kept)
    distress = result.signal("distress_rise")
    if distress.status is Status.SIGNAL:
        assert distress.numbers["baseline_moments"] >= 3  # type: ignore[operator]
        assert distress.numbers["after_moments"] >= 2  # type: ignore[operator]
    harm = result.signal("harmful_use_rise")
    if harm.status is Status.SIGNAL:
        assert harm.numbers["baseline_moments"] >= 3  # type: ignore[operator]
