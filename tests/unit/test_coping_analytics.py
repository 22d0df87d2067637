"""Coping analytics (clinical-model §2-3): every rule on its edges."""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mend.coping.analytics import (
    FALLBACK_SD,
    Moment,
    StrategyEffect,
    UrgeCurve,
    _pooled_sd,
    dual_process_flag,
    goodness_of_fit,
    grief_by_week,
    jar_balance_by_week,
    jar_kind,
    urge_curve,
    urge_summary,
    week_start,
    what_works,
    what_works_by_category,
)

T0 = datetime(2024, 1, 10, 12, 0, tzinfo=UTC)  # a Wednesday
WALK = ("walk", "helpful", "emotion")
PLAN = ("plan", "helpful", "problem")
VENT = ("vent", "mixed", "avoidant")
CUT = ("cut", "harmful", "avoidant")
DRINK = ("drink", "harmful", "avoidant")


def moment(
    *strategies: tuple[str, str, str],
    at: datetime = T0,
    before: int = 8,
    after: int | None = None,
    category: str = "work",
    control: str | None = None,
    loss: str | None = None,
) -> Moment:
    return Moment(
        at=at,
        distress_before=before,
        distress_after=after,
        strategies=tuple(strategies),
        stressor_category=category,
        controllability=control,
        loss_orientation=loss,
    )


def test_moment_refuses_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        moment(WALK, at=datetime(2024, 1, 10, 12, 0))


# ---------------------------------------------------------------- jar balance


def test_jar_balance_empty() -> None:
    assert jar_balance_by_week([]) == []


def test_jar_balance_one_moment() -> None:
    [week] = jar_balance_by_week([moment(WALK)])
    assert week.week_start == date(2024, 1, 8)
    assert (week.helpful_only, week.total, week.share("helpful_only")) == (1, 1, 1.0)


def test_jar_balance_ignores_moments_without_strategies() -> None:
    assert jar_balance_by_week([moment()]) == []


def test_jar_balance_week_boundary_sunday_vs_monday() -> None:
    sunday = datetime(2024, 1, 7, 23, 59, tzinfo=UTC)
    monday = datetime(2024, 1, 8, 0, 0, tzinfo=UTC)
    weeks = jar_balance_by_week([moment(WALK, at=monday), moment(CUT, at=sunday)])
    assert [w.week_start for w in weeks] == [date(2024, 1, 1), date(2024, 1, 8)]
    assert (weeks[0].only_harmful, weeks[1].helpful_only) == (1, 1)


def test_week_uses_the_moments_utc_date() -> None:
    # Monday 01:00 at +02:00 is still Sunday in UTC: it belongs to the week before.
    plus_two = datetime(2024, 1, 8, 1, 0, tzinfo=timezone(timedelta(hours=2)))
    assert week_start(plus_two) == date(2024, 1, 1)


@pytest.mark.parametrize(
    ("helpfulness", "kind"),
    [
        ((), None),
        (("helpful",), "helpful_only"),
        (("helpful", "helpful"), "helpful_only"),
        (("helpful", "mixed"), "other"),
        (("mixed",), "other"),
        (("helpful", "harmful"), "some_harmful"),
        (("mixed", "harmful"), "some_harmful"),
        (("harmful",), "only_harmful"),
        (("harmful", "harmful"), "only_harmful"),
    ],
)
def test_jar_kind(helpfulness: tuple[str, ...], kind: str | None) -> None:
    assert jar_kind(helpfulness) == kind


def test_jar_balance_mixed_strategies() -> None:
    moments = [
        moment(WALK, PLAN),  # helpful only
        moment(WALK, VENT),  # mixed, nothing harmful: other
        moment(VENT),  # other
        moment(WALK, CUT),  # some harmful
        moment(VENT, CUT),  # mixed counts as non-harmful: some harmful
        moment(CUT, DRINK),  # only harmful
    ]
    [w] = jar_balance_by_week(moments)
    assert (w.helpful_only, w.other, w.some_harmful, w.only_harmful) == (1, 2, 2, 1)
    assert w.share("other") == pytest.approx(2 / 6)


@given(
    st.lists(
        st.tuples(
            st.datetimes(
                min_value=datetime(2024, 1, 1),
                max_value=datetime(2024, 3, 1),
                timezones=st.just(UTC),
            ),
            st.lists(st.sampled_from([WALK, PLAN, VENT, CUT, DRINK]), max_size=3),
        ),
        max_size=30,
    )
)
def test_jar_shares_sum_to_one(raw: list[tuple[datetime, list[tuple[str, str, str]]]]) -> None:
    weeks = jar_balance_by_week([moment(*used, at=at) for at, used in raw])
    kinds = ("helpful_only", "some_harmful", "only_harmful", "other")
    for w in weeks:
        assert w.total > 0
        assert sum(w.share(k) for k in kinds) == pytest.approx(1.0)
    assert sum(w.total for w in weeks) == sum(1 for _, used in raw if used)


# ---------------------------------------------------------------- what works


def by_id(effects: list[StrategyEffect]) -> dict[str, StrategyEffect]:
    return {e.strategy_id: e for e in effects}


def test_what_works_empty_and_unrated() -> None:
    assert what_works([]) == []
    assert what_works([moment(WALK)]) == []  # no distress_after: no use
    assert what_works_by_category([]) == {}


def test_what_works_one_moment_uses_fallback_sd() -> None:
    [e] = what_works([moment(WALK, before=8, after=4)])
    # Only one drop: estimate is the client mean itself, spread falls back to 2.0.
    assert (e.uses, e.mean_drop, e.estimate) == (1, 4.0, 4.0)
    assert e.high - e.estimate == pytest.approx(1.645 * 2.0 / 2.0)  # sqrt(1 + 3)


def test_what_works_few_uses_without_prior_shrinks_to_client_mean() -> None:
    moments = [moment(WALK, before=8, after=2)] + [moment(PLAN, before=4, after=4)] * 3
    walk = by_id(what_works(moments))["walk"]
    client_mean = (6 + 0 + 0 + 0) / 4
    assert walk.estimate == pytest.approx((6 + 3 * client_mean) / 4)


def test_what_works_few_uses_with_prior_shrinks_to_population() -> None:
    moments = [moment(WALK, before=8, after=2)] + [moment(PLAN, before=4, after=4)] * 3
    effects = by_id(what_works(moments, prior_mean=1.0))
    assert effects["walk"].estimate == pytest.approx((6 + 3 * 1.0) / 4)
    # Three uses is enough: the prior is not used, only the client's own mean.
    assert effects["plan"].estimate == pytest.approx((0 + 3 * 1.5) / 6)


def test_a_per_strategy_prior_is_used_below_three_uses_and_named() -> None:
    moments = [moment(WALK, before=8, after=2)] + [moment(PLAN, before=4, after=4)] * 3
    effects = by_id(what_works(moments, prior_mean=1.0, priors={"walk": 5.0, "plan": 9.0}))
    assert effects["walk"].estimate == pytest.approx((6 + 3 * 5.0) / 4)
    assert effects["walk"].toward == "others"
    # Three uses speak for themselves: no prior, shrunk toward the client's own mean.
    assert effects["plan"].estimate == pytest.approx((0 + 3 * 1.5) / 6)
    assert effects["plan"].toward == "you"


def test_without_any_prior_the_estimate_leans_on_the_client() -> None:
    [walk] = what_works([moment(WALK, before=8, after=2)], priors={"plan": 9.0})
    assert walk.toward == "you"


def test_per_category_estimates_use_the_same_priors() -> None:
    moments = [moment(WALK, before=8, after=2), moment(PLAN, before=4, after=4, category="family")]
    by_cat = what_works_by_category(moments, priors={"walk": 0.0})
    [walk] = by_cat["work"]
    assert walk.toward == "others"
    assert walk.estimate == pytest.approx(6 / 4)


def test_what_works_prior_strength() -> None:
    moments = [moment(WALK, before=8, after=2), moment(PLAN, before=4, after=4)]
    walk = by_id(what_works(moments, prior_mean=0.0, prior_strength=1.0))["walk"]
    assert walk.estimate == pytest.approx(3.0)


def test_what_works_interval_narrows_with_more_uses() -> None:
    # Same client, same pooled spread: the strategy used more has the narrower interval.
    drops = (3, 5, 4, 6, 2, 4)
    moments = [moment(WALK, before=8, after=8 - d) for d in drops[:2]] + [
        moment(PLAN, before=8, after=8 - d) for d in drops[2:]
    ]
    effects = by_id(what_works(moments))
    walk, plan = effects["walk"], effects["plan"]
    assert plan.high - plan.low < walk.high - walk.low
    assert walk.low < walk.estimate < walk.high


def test_what_works_interval_width_formula() -> None:
    moments = [moment(WALK, before=8, after=8 - d) for d in (2, 4)] + [
        moment(PLAN, before=8, after=8 - d) for d in (2, 4, 2, 4)
    ]
    effects = by_id(what_works(moments))
    sd = 1.0954451150103321  # stdev of 2, 4, 2, 4, 2, 4
    assert effects["walk"].high - effects["walk"].estimate == pytest.approx(1.645 * sd / 5**0.5)
    assert effects["plan"].high - effects["plan"].estimate == pytest.approx(1.645 * sd / 7**0.5)


@given(st.lists(st.integers(min_value=-10, max_value=10), min_size=2, max_size=300))
def test_the_pooled_spread_is_the_sample_standard_deviation(drops: list[int]) -> None:
    assert _pooled_sd(drops) == pytest.approx(statistics.stdev(drops), rel=1e-12, abs=1e-12)


def test_one_drop_has_no_spread_to_measure_yet() -> None:
    assert _pooled_sd([3]) == FALLBACK_SD == 2.0


def test_what_works_credits_each_strategy_once_per_moment_and_sorts() -> None:
    moments = [moment(WALK, WALK, PLAN, before=6, after=2), moment(CUT, before=6, after=6)]
    effects = what_works(moments)
    assert [e.strategy_id for e in effects] == ["plan", "walk", "cut"]  # tie broken by id
    assert by_id(effects)["walk"].uses == 1


def test_what_works_by_category_shrinks_toward_client_overall_mean() -> None:
    moments = [
        moment(WALK, before=8, after=2, category="work"),
        moment(WALK, before=5, after=5, category="family"),
        moment(PLAN, category="money"),  # not rated: no category entry
    ]
    cats = what_works_by_category(moments)
    assert sorted(cats) == ["family", "work"]
    assert cats["work"][0].estimate == pytest.approx((6 + 3 * 3.0) / 4)
    assert cats["family"][0].estimate == pytest.approx((0 + 3 * 3.0) / 4)


@given(
    st.lists(st.integers(0, 10), min_size=1, max_size=6),
    st.lists(st.integers(0, 10), min_size=0, max_size=6),
    st.one_of(st.none(), st.floats(-10, 10)),
)
def test_estimate_lies_between_strategy_mean_and_prior(
    walk_drops: list[int], other_drops: list[int], prior: float | None
) -> None:
    moments = [moment(WALK, before=10, after=10 - d) for d in walk_drops] + [
        moment(PLAN, before=10, after=10 - d) for d in other_drops
    ]
    walk = by_id(what_works(moments, prior_mean=prior))["walk"]
    every = walk_drops + other_drops
    target = prior if prior is not None and len(walk_drops) < 3 else sum(every) / len(every)
    low, high = sorted((walk.mean_drop, target))
    assert low - 1e-9 <= walk.estimate <= high + 1e-9
    assert walk.low <= walk.estimate <= walk.high


# ---------------------------------------------------------------- goodness of fit


def test_fit_empty() -> None:
    summary = goodness_of_fit([])
    assert (summary.judged, summary.fits, summary.rate, summary.mismatches) == (0, 0, None, ())


@pytest.mark.parametrize(
    ("control", "used", "expected"),
    [
        ("can", PLAN, True),
        ("can", WALK, False),
        ("cannot", WALK, True),
        ("cannot", PLAN, False),
        ("partly", PLAN, True),
        ("partly", WALK, True),
        ("can", VENT, False),
        ("cannot", CUT, False),
        ("partly", CUT, False),
    ],
)
def test_fit_one_moment(control: str, used: tuple[str, str, str], expected: bool) -> None:
    summary = goodness_of_fit([moment(used, control=control)])
    assert (summary.judged, summary.fits, summary.rate) == (1, int(expected), float(expected))
    assert summary.mismatches == (() if expected else (T0,))


def test_fit_avoidant_alongside_a_fitting_strategy_still_fits() -> None:
    assert goodness_of_fit([moment(CUT, PLAN, control="can")]).fits == 1


def test_fit_skips_unjudgeable_moments_and_lists_mismatches() -> None:
    later = T0 + timedelta(hours=1)
    moments = [
        moment(PLAN),  # no controllability
        moment(control="can"),  # no strategies
        moment(PLAN, control="can"),
        moment(VENT, control="partly", at=later),
    ]
    summary = goodness_of_fit(moments)
    assert (summary.judged, summary.fits, summary.rate) == (2, 1, 0.5)
    assert summary.mismatches == (later,)


# ---------------------------------------------------------------- dual process

NOW = datetime(2024, 2, 1, 12, 0, tzinfo=UTC)


def losses(*sides: str, at: datetime = NOW - timedelta(days=1)) -> list[Moment]:
    return [moment(WALK, at=at, loss=side) for side in sides]


def test_dual_process_empty() -> None:
    result = dual_process_flag([], now=NOW)
    assert (result.loss, result.restoration, result.flag, result.reason) == (0, 0, False, None)


def test_dual_process_five_all_loss_flags_gently() -> None:
    result = dual_process_flag(losses(*["loss"] * 5), now=NOW)
    assert (result.loss, result.restoration, result.flag) == (5, 0, True)
    assert result.reason is not None
    assert "all 5" in result.reason and "loss-oriented" in result.reason
    assert "gentle" in result.reason


def test_dual_process_four_is_not_enough() -> None:
    assert not dual_process_flag(losses(*["loss"] * 4), now=NOW).flag


def test_dual_process_all_restoration_flags() -> None:
    result = dual_process_flag(losses(*["restoration"] * 6), now=NOW)
    assert (result.restoration, result.flag) == (6, True)
    assert result.reason is not None and "restoration-oriented" in result.reason


def test_dual_process_mixed_sides_is_not_flagged() -> None:
    result = dual_process_flag(losses(*["loss"] * 5, "restoration"), now=NOW)
    assert (result.loss, result.restoration, result.flag) == (5, 1, False)


def test_dual_process_window_edges() -> None:
    edge = losses(*["loss"] * 5, at=NOW - timedelta(days=14))
    assert dual_process_flag(edge, now=NOW).flag  # exactly 14 days ago is inside
    outside = losses(*["loss"] * 5, at=NOW - timedelta(days=14, seconds=1))
    assert dual_process_flag(outside, now=NOW).loss == 0
    future = losses(*["loss"] * 5, at=NOW + timedelta(seconds=1))
    assert dual_process_flag(future, now=NOW).loss == 0
    assert dual_process_flag(edge, now=NOW, days=13).loss == 0


def test_dual_process_ignores_moments_without_orientation_and_honours_minimum() -> None:
    moments = [*losses("loss", "loss", "loss"), moment(WALK, at=NOW)]
    result = dual_process_flag(moments, now=NOW, minimum=3)
    assert (result.loss, result.flag) == (3, True)


# ---------------------------------------------------------------- urges pass


def test_urge_curve_peaks_then_passes() -> None:
    curve = urge_curve([(0, 5), (1, 7), (2, 8), (3, 8), (4, 6), (5, 3), (6, 2)], passed_level=4)
    assert (curve.peak, curve.time_to_peak, curve.time_to_pass, curve.passed) == (8, 2, 5, True)


def test_urge_never_passing() -> None:
    curve = urge_curve([(0, 6), (1, 9), (2, 7), (3, 4)], passed_level=4)
    assert (curve.time_to_pass, curve.passed) == (None, False)  # 4 is not below 4


def test_urge_peak_at_minute_zero() -> None:
    curve = urge_curve([(0, 9), (1, 5), (2, 1)], passed_level=3)
    assert (curve.time_to_peak, curve.time_to_pass) == (0, 2)


def test_urge_one_sample_has_not_passed() -> None:
    curve = urge_curve([(0, 2)], passed_level=3)
    assert (curve.peak, curve.time_to_peak, curve.passed) == (2, 0, False)


def test_urge_curve_needs_samples() -> None:
    with pytest.raises(ValueError, match="at least one"):
        urge_curve([], passed_level=3)


def test_urge_summary_empty() -> None:
    assert urge_summary([]) is None


def test_urge_summary_matches_the_clinical_example() -> None:
    curves = [UrgeCurve(peak=8, time_to_peak=4, time_to_pass=14)] * 9 + [
        UrgeCurve(peak=9, time_to_peak=5, time_to_pass=None)
    ]
    assert urge_summary(curves) == (
        "Your urges peaked after 4 minutes and passed within 14, 9 times out of 10."
    )


def test_urge_summary_rounds_half_up_and_singular() -> None:
    curves = [
        UrgeCurve(peak=7, time_to_peak=1, time_to_pass=4),
        UrgeCurve(peak=7, time_to_peak=1, time_to_pass=None),
    ]
    assert urge_summary(curves) == (
        "Your urges peaked after 1 minute and passed within 4, 1 time out of 2."
    )
    halves = [UrgeCurve(peak=7, time_to_peak=t, time_to_pass=t + 9) for t in (2, 3)]
    assert urge_summary(halves) == (
        "Your urges peaked after 3 minutes and passed within 12, 2 times out of 2."
    )


def test_urge_summary_none_passed() -> None:
    curves = [UrgeCurve(peak=9, time_to_peak=3, time_to_pass=None)]
    assert urge_summary(curves) == (
        "Your urges peaked after 3 minutes; none had passed yet when you stopped."
    )


def test_grief_by_week_counts_each_side_per_monday_week() -> None:
    moments = [
        moment(WALK, at=T0, loss="loss"),
        moment(WALK, at=T0 + timedelta(days=1), loss="restoration"),
        moment(WALK, at=T0 + timedelta(days=5), loss="loss"),  # the next Monday's week
        moment(WALK, at=T0),  # not about a loss: not counted
    ]
    assert grief_by_week(moments) == [("2024-01-08", 1, 1), ("2024-01-15", 1, 0)]


def test_grief_by_week_without_loss_moments_is_empty() -> None:
    assert grief_by_week([moment(WALK)]) == []
