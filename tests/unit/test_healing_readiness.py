"""Readiness for stage 2 (clinical-model §4): the six indicators on both sides of every edge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mend.healing.readiness import (
    Agreement,
    CopingMoment,
    Indicator,
    PlanVersion,
    RiskSignal,
    StrategyUse,
    Thresholds,
    Verdict,
    assess,
    client_agrees,
    grounding_practice,
    helpful_strategies,
    in_last,
    jar_balance,
    no_recent_risk,
    plan_reviewed,
)

NOW = datetime(2024, 5, 31, 12, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
DAY = timedelta(days=1)

WALK = StrategyUse(id="walk", helpfulness="helpful", name="Walk")
MUSIC = StrategyUse(id="music", helpfulness="helpful", name="Music")
FRIEND = StrategyUse(id="friend", helpfulness="helpful", name="Call a friend")
BREATH = StrategyUse(
    id="breathing", helpfulness="helpful", tags=frozenset({"relaxation"}), name="Slow breathing"
)
GROUND = StrategyUse(id="54321", helpfulness="helpful", tags=frozenset({"grounding"}))
TV = StrategyUse(id="tv", helpfulness="mixed", tags=frozenset({"relaxation"}))
CUT = StrategyUse(id="cut", helpfulness="harmful")
DRINK = StrategyUse(id="drink", helpfulness="harmful", tags=frozenset({"relaxation"}))


def moment(
    *strategies: StrategyUse,
    at: datetime = NOW,
    before: int | None = 6,
    after: int | None = None,
) -> CopingMoment:
    return CopingMoment(
        at=at, distress_before=before, distress_after=after, strategies=tuple(strategies)
    )


def dropped(strategy: StrategyUse, drop: int, *, at: datetime = NOW) -> CopingMoment:
    """A moment using `strategy` whose distress fell by `drop` points (from 8)."""
    return moment(strategy, at=at, before=8, after=8 - drop)


# ---------------------------------------------------------------- windows and inputs


def test_in_last_includes_both_ends_and_nothing_after_now() -> None:
    assert in_last(NOW - 14 * DAY, now=NOW, days=14)
    assert not in_last(NOW - 14 * DAY - SECOND, now=NOW, days=14)
    assert in_last(NOW, now=NOW, days=14)
    assert not in_last(NOW + SECOND, now=NOW, days=14)


@pytest.mark.parametrize(
    "build",
    [
        lambda at: PlanVersion(saved_at=at),
        lambda at: PlanVersion(saved_at=NOW, reviewed_at=at),
        lambda at: RiskSignal(kind="crisis_language", at=at),
        lambda at: CopingMoment(at=at),
        lambda at: Agreement(agreed=True, at=at),
    ],
)
def test_inputs_refuse_naive_datetimes(build: object) -> None:
    with pytest.raises(ValueError, match="aware"):
        build(datetime(2024, 5, 1, 12, 0))  # type: ignore[operator]


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="aware"):
        assess(now=datetime(2024, 5, 31, 12, 0))


@pytest.mark.parametrize("rating", [-1, 11])
def test_distress_ratings_are_0_to_10(rating: int) -> None:
    with pytest.raises(ValueError, match="0-10"):
        moment(WALK, before=rating)
    with pytest.raises(ValueError, match="0-10"):
        moment(WALK, after=rating)


def test_strategy_helpfulness_is_checked() -> None:
    with pytest.raises(ValueError, match="helpful"):
        StrategyUse(id="x", helpfulness="great")


@pytest.mark.parametrize(
    "changes",
    [
        {"plan_review_days": 0},
        {"practice_times": 0},
        {"balance_min_moments": 0},
        {"balance_percent": 0},
        {"balance_percent": 101},
        {"helpful_min_drop": float("nan")},
    ],
)
def test_thresholds_are_checked(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="Thresholds"):
        Thresholds(**changes)  # type: ignore[arg-type]


# ---------------------------------------------------------------- 1 safety plan


def test_plan_missing_is_not_met_not_unknown() -> None:
    result = plan_reviewed([], now=NOW)
    assert result.verdict is Verdict.NOT_MET
    assert result.numbers["versions"] == 0
    assert result.explanation == "No safety plan yet; needs a plan reviewed in the last 30 days."


def test_plan_saved_exactly_30_days_ago_is_met() -> None:
    result = plan_reviewed([PlanVersion(saved_at=NOW - 30 * DAY)], now=NOW)
    assert result.verdict is Verdict.MET
    assert result.numbers["days_since_review"] == 30
    assert result.explanation == (
        "The safety plan was last reviewed 30 days ago; needs a review in the last 30 days."
    )


def test_plan_saved_one_second_more_than_30_days_ago_is_not_met() -> None:
    result = plan_reviewed([PlanVersion(saved_at=NOW - 30 * DAY - SECOND)], now=NOW)
    assert result.verdict is Verdict.NOT_MET
    assert "more than 30 days ago (30 days)" in result.explanation


def test_plan_review_without_a_new_version_counts() -> None:
    old = PlanVersion(saved_at=NOW - 90 * DAY, reviewed_at=NOW - 2 * DAY)
    result = plan_reviewed([old], now=NOW)
    assert (result.verdict, result.numbers["last_reviewed"]) == (Verdict.MET, NOW - 2 * DAY)
    assert "2 days ago" in result.explanation


def test_plan_newest_review_of_any_version_counts() -> None:
    versions = [PlanVersion(saved_at=NOW - 5 * DAY), PlanVersion(saved_at=NOW - 60 * DAY)]
    result = plan_reviewed(versions, now=NOW)
    assert (result.verdict, result.numbers["versions"]) == (Verdict.MET, 2)


def test_plan_saved_after_now_does_not_count() -> None:
    result = plan_reviewed([PlanVersion(saved_at=NOW + SECOND)], now=NOW)
    assert (result.verdict, result.numbers["versions"]) == (Verdict.NOT_MET, 0)


def test_plan_review_after_now_does_not_count() -> None:
    version = PlanVersion(saved_at=NOW - 40 * DAY, reviewed_at=NOW + SECOND)
    assert plan_reviewed([version], now=NOW).verdict is Verdict.NOT_MET


def test_plan_saved_now_is_met_and_one_day_reads_singular() -> None:
    assert plan_reviewed([PlanVersion(saved_at=NOW)], now=NOW).verdict is Verdict.MET
    one = plan_reviewed([PlanVersion(saved_at=NOW - DAY)], now=NOW)
    assert "1 day ago" in one.explanation


def test_plan_review_window_is_a_setting() -> None:
    version = [PlanVersion(saved_at=NOW - 10 * DAY)]
    assert plan_reviewed(version, now=NOW, thresholds=Thresholds(plan_review_days=10)).met
    assert not plan_reviewed(version, now=NOW, thresholds=Thresholds(plan_review_days=9)).met


# ---------------------------------------------------------------- 2 no recent risk


def test_no_signals_and_no_alerts_is_met() -> None:
    result = no_recent_risk([], open_alerts=0, now=NOW)
    assert result.verdict is Verdict.MET
    assert result.explanation == "No risk signals in the last 14 days and no open risk alerts."


@pytest.mark.parametrize(
    "kind", ["crisis_language", "imminent_urge", "imminent_strategy", "something_new"]
)
def test_a_signal_exactly_14_days_ago_is_not_met(kind: str) -> None:
    # Every kind counts, including one this module does not know: never dropped.
    result = no_recent_risk([RiskSignal(kind=kind, at=NOW - 14 * DAY)], open_alerts=0, now=NOW)
    assert result.verdict is Verdict.NOT_MET
    assert result.numbers["signals"] == 1


def test_a_signal_one_second_more_than_14_days_ago_is_met() -> None:
    signal = RiskSignal(kind="crisis_language", at=NOW - 14 * DAY - SECOND)
    assert no_recent_risk([signal], open_alerts=0, now=NOW).verdict is Verdict.MET


def test_a_signal_now_counts_and_one_after_now_does_not() -> None:
    at_now = RiskSignal(kind="crisis_language", at=NOW)
    later = RiskSignal(kind="crisis_language", at=NOW + SECOND)
    assert no_recent_risk([at_now], open_alerts=0, now=NOW).verdict is Verdict.NOT_MET
    assert no_recent_risk([later], open_alerts=0, now=NOW).verdict is Verdict.MET


@pytest.mark.parametrize("kind", ["phq9_risk_item", "core10_risk_item"])
@pytest.mark.parametrize(("level", "counts"), [(0, False), (1, True), (3, True), (None, True)])
def test_questionnaire_items_count_at_1_or_when_unanswered(
    kind: str, level: int | None, counts: bool
) -> None:
    signal = RiskSignal(kind=kind, at=NOW - DAY, level=level)
    result = no_recent_risk([signal], open_alerts=0, now=NOW)
    assert result.met is not counts


def test_an_open_alert_alone_is_not_met() -> None:
    result = no_recent_risk([], open_alerts=1, now=NOW)
    assert result.verdict is Verdict.NOT_MET
    assert result.explanation == "1 open risk alert; needs none."


def test_open_alerts_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        no_recent_risk([], open_alerts=-1, now=NOW)


def test_risk_explanation_names_the_signals_and_keeps_their_case() -> None:
    signals = [
        RiskSignal(kind="phq9_risk_item", at=NOW - 3 * DAY, level=2),
        RiskSignal(kind="crisis_language", at=NOW - DAY),
        RiskSignal(kind="crisis_language", at=NOW - 30 * DAY),
    ]
    result = no_recent_risk(signals, open_alerts=2, now=NOW)
    assert result.explanation == (
        "2 risk signals in the last 14 days (PHQ-9 item 9, crisis language) "
        "and 2 open risk alerts; needs none."
    )
    assert result.numbers["last_signal_at"] == NOW - DAY
    assert result.details[0].startswith("PHQ-9 item 9 (level 2) on 2024-05-28")
    assert result.details[1].startswith("crisis language on 2024-05-30")


# ---------------------------------------------------------------- 3 helpful strategies


def test_three_helpful_strategies_each_dropping_exactly_1_is_met() -> None:
    result = helpful_strategies([dropped(s, 1) for s in (WALK, MUSIC, FRIEND)], now=NOW)
    assert result.verdict is Verdict.MET
    assert result.numbers["strategies_working"] == 3


def test_helpful_explanation_shows_the_numbers() -> None:
    moments = [dropped(BREATH, 2), dropped(WALK, 2), dropped(WALK, 1), dropped(MUSIC, 1)]
    result = helpful_strategies(moments, now=NOW)
    assert result.explanation == (
        "3 helpful strategies used in the last 28 days with a mean drop of at least 1 "
        "(Slow breathing 2, Walk 1.5, Music 1); needs 3 with a mean drop of at least 1."
    )
    assert result.details == (
        "Slow breathing: 1 use, mean drop 2",
        "Music: 1 use, mean drop 1",
        "Walk: 2 uses, mean drop 1.5",
    )


def test_a_strategy_whose_mean_drop_is_below_1_does_not_count() -> None:
    # Walk: drops 1 and 0, mean 0.5. Every strategy was rated: this is not met.
    moments = [dropped(MUSIC, 1), dropped(FRIEND, 3), dropped(WALK, 1), dropped(WALK, 0)]
    result = helpful_strategies(moments, now=NOW)
    assert result.verdict is Verdict.NOT_MET
    assert result.numbers["strategies_working"] == 2


def test_a_mean_of_exactly_1_from_mixed_drops_counts() -> None:
    moments = [dropped(MUSIC, 1), dropped(FRIEND, 1), dropped(WALK, 2), dropped(WALK, 0)]
    assert helpful_strategies(moments, now=NOW).verdict is Verdict.MET


def test_the_mean_is_compared_exactly() -> None:
    # Ten walks with drops 1 x 9 and 2 x 1: a mean of exactly 11/10 meets 1.1.
    walks = [dropped(WALK, 1, at=NOW - i * SECOND) for i in range(9)] + [dropped(WALK, 2)]
    others = [dropped(MUSIC, 2), dropped(FRIEND, 2)]
    at_11 = helpful_strategies(walks + others, now=NOW, thresholds=Thresholds(helpful_min_drop=1.1))
    at_111 = helpful_strategies(
        walks + others, now=NOW, thresholds=Thresholds(helpful_min_drop=1.11)
    )
    assert (at_11.verdict, at_111.verdict) == (Verdict.MET, Verdict.NOT_MET)


def test_helpful_window_is_28_days_both_sides() -> None:
    recent = [dropped(MUSIC, 2), dropped(FRIEND, 2)]
    edge = helpful_strategies([*recent, dropped(WALK, 2, at=NOW - 28 * DAY)], now=NOW)
    past = helpful_strategies([*recent, dropped(WALK, 2, at=NOW - 28 * DAY - SECOND)], now=NOW)
    assert (edge.verdict, past.verdict) == (Verdict.MET, Verdict.NOT_MET)


def test_moments_after_now_do_not_count_as_helpful() -> None:
    recent = [dropped(MUSIC, 2), dropped(FRIEND, 2)]
    result = helpful_strategies([*recent, dropped(WALK, 2, at=NOW + SECOND)], now=NOW)
    assert result.verdict is Verdict.NOT_MET


def test_no_moments_is_not_enough_data() -> None:
    result = helpful_strategies([], now=NOW)
    assert result.verdict is Verdict.NOT_ENOUGH_DATA
    assert result.explanation.startswith("No coping moments in the last 28 days")


def test_missing_ratings_that_could_reach_3_are_not_enough_data() -> None:
    moments = [dropped(MUSIC, 2), dropped(FRIEND, 2), moment(WALK, after=None)]
    result = helpful_strategies(moments, now=NOW)
    assert result.verdict is Verdict.NOT_ENOUGH_DATA
    assert "1 more was used without a distress rating" in result.explanation


def test_missing_ratings_that_cannot_reach_3_are_not_met() -> None:
    # One working strategy and one unrated: even rated, they make only 2.
    result = helpful_strategies([dropped(MUSIC, 2), moment(WALK)], now=NOW)
    assert result.verdict is Verdict.NOT_MET


def test_only_two_helpful_strategies_used_is_not_met() -> None:
    moments = [dropped(MUSIC, 3), dropped(WALK, 3), dropped(WALK, 3)]
    assert helpful_strategies(moments, now=NOW).verdict is Verdict.NOT_MET


def test_a_distress_after_without_before_is_no_rating() -> None:
    unrated = moment(WALK, before=None, after=2)
    assert unrated.drop is None
    result = helpful_strategies([dropped(MUSIC, 2), dropped(FRIEND, 2), unrated], now=NOW)
    assert result.verdict is Verdict.NOT_ENOUGH_DATA


def test_moments_with_a_harmful_strategy_are_left_out() -> None:
    with_cut = CopingMoment(at=NOW, distress_before=9, distress_after=2, strategies=(WALK, CUT))
    result = helpful_strategies([dropped(MUSIC, 2), dropped(FRIEND, 2), with_cut], now=NOW)
    assert result.verdict is Verdict.NOT_MET
    assert result.numbers["moments_left_out"] == 1


def test_mixed_strategies_are_not_helpful_ones() -> None:
    result = helpful_strategies([dropped(MUSIC, 2), dropped(FRIEND, 2), dropped(TV, 5)], now=NOW)
    assert result.verdict is Verdict.NOT_MET


def test_a_strategy_listed_twice_in_one_moment_is_one_use() -> None:
    twice = CopingMoment(at=NOW, distress_before=8, distress_after=6, strategies=(WALK, WALK))
    result = helpful_strategies([twice], now=NOW)
    assert result.details == ("Walk: 1 use, mean drop 2",)


def test_helpful_count_is_a_setting() -> None:
    two = [dropped(MUSIC, 2), dropped(FRIEND, 2)]
    assert helpful_strategies(two, now=NOW, thresholds=Thresholds(helpful_strategies=2)).met


# ---------------------------------------------------------------- 4 grounding practice


def test_four_practices_in_14_days_is_met_and_three_is_not() -> None:
    four = [moment(BREATH, at=NOW - i * DAY) for i in range(4)]
    assert grounding_practice(four, now=NOW).verdict is Verdict.MET
    assert grounding_practice(four[:3], now=NOW).verdict is Verdict.NOT_MET


def test_practice_window_is_14_days_both_sides() -> None:
    three = [moment(GROUND, at=NOW - i * DAY) for i in range(3)]
    edge = grounding_practice([*three, moment(BREATH, at=NOW - 14 * DAY)], now=NOW)
    past = grounding_practice([*three, moment(BREATH, at=NOW - 14 * DAY - SECOND)], now=NOW)
    later = grounding_practice([*three, moment(BREATH, at=NOW + SECOND)], now=NOW)
    assert (edge.verdict, past.verdict, later.verdict) == (
        Verdict.MET,
        Verdict.NOT_MET,
        Verdict.NOT_MET,
    )


def test_two_practice_strategies_in_one_moment_are_one_practice() -> None:
    result = grounding_practice([moment(BREATH, GROUND)], now=NOW)
    assert result.numbers["practices"] == 1


def test_a_harmful_strategy_tagged_relaxation_is_not_practice() -> None:
    result = grounding_practice([moment(DRINK) for _ in range(5)], now=NOW)
    assert (result.verdict, result.numbers["practices"]) == (Verdict.NOT_MET, 0)


def test_a_mixed_strategy_tagged_relaxation_is_practice() -> None:
    assert grounding_practice([moment(TV) for _ in range(4)], now=NOW).met


def test_no_moments_is_not_enough_data_for_practice() -> None:
    result = grounding_practice([moment(WALK, at=NOW - 15 * DAY)], now=NOW)
    assert result.verdict is Verdict.NOT_ENOUGH_DATA


def test_practice_explanation() -> None:
    result = grounding_practice([moment(BREATH), moment(WALK)], now=NOW)
    assert result.explanation == (
        "Grounding or relaxation practised 1 time in the last 14 days; needs 4."
    )


# ---------------------------------------------------------------- 5 jar balance


def balance(helpful: int, other: int, *, at: datetime = NOW) -> list[CopingMoment]:
    return [moment(WALK, at=at) for _ in range(helpful)] + [
        moment(WALK, CUT, at=at) for _ in range(other)
    ]


@pytest.mark.parametrize(
    ("helpful", "other", "verdict"),
    [
        (7, 3, Verdict.MET),  # exactly 70 %
        (70, 30, Verdict.MET),
        (69, 31, Verdict.NOT_MET),  # just under
        (6, 3, Verdict.NOT_MET),  # 66.7 %
        (4, 1, Verdict.MET),  # 80 % of exactly 5
        (3, 2, Verdict.NOT_MET),  # 60 % of 5
        (4, 0, Verdict.NOT_ENOUGH_DATA),  # 100 % of only 4
        (0, 0, Verdict.NOT_ENOUGH_DATA),
    ],
)
def test_jar_balance_edges(helpful: int, other: int, verdict: Verdict) -> None:
    assert jar_balance(balance(helpful, other), now=NOW).verdict is verdict


def test_jar_balance_window_is_14_days_both_sides() -> None:
    four = balance(4, 0)
    edge = jar_balance([*four, moment(WALK, at=NOW - 14 * DAY)], now=NOW)
    past = jar_balance([*four, moment(WALK, at=NOW - 14 * DAY - SECOND)], now=NOW)
    later = jar_balance([*four, moment(WALK, at=NOW + SECOND)], now=NOW)
    assert edge.verdict is Verdict.MET
    assert past.verdict is later.verdict is Verdict.NOT_ENOUGH_DATA


def test_moments_without_strategies_are_not_counted() -> None:
    result = jar_balance([*balance(4, 0), moment(), moment()], now=NOW)
    assert (result.verdict, result.numbers["moments"]) == (Verdict.NOT_ENOUGH_DATA, 4)


def test_a_mixed_strategy_is_not_helpful_only() -> None:
    moments = [*balance(3, 0), moment(TV), moment(WALK, TV)]
    result = jar_balance(moments, now=NOW)
    assert (result.verdict, result.numbers["helpful_only"]) == (Verdict.NOT_MET, 3)


def test_jar_balance_explanations() -> None:
    assert jar_balance(balance(8, 2), now=NOW).explanation == (
        "8 of 10 moments in the last 14 days used only helpful strategies (80 %); "
        "needs 70 % of at least 5 moments."
    )
    assert jar_balance(balance(1, 0), now=NOW).explanation == (
        "1 moment with strategies in the last 14 days; needs 70 % of at least 5 moments."
    )
    assert jar_balance([], now=NOW).explanation.startswith("No moments with strategies")
    # 2 of 3 is 66.666…%: shown rounded down so it never looks like more than it is.
    assert "(66.66 %)" in jar_balance(balance(2, 1), now=NOW, thresholds=Thresholds(
        balance_min_moments=3
    )).explanation  # fmt: skip


@given(st.integers(0, 40), st.integers(0, 40))
def test_jar_balance_matches_the_whole_number_rule(helpful: int, other: int) -> None:
    result = jar_balance(balance(helpful, other), now=NOW)
    total = helpful + other
    if total < 5:
        assert result.verdict is Verdict.NOT_ENOUGH_DATA
    else:
        assert result.met == (helpful / total >= 0.7 - 1e-12)


# ---------------------------------------------------------------- 6 client agrees


def test_no_statement_is_not_met() -> None:
    result = client_agrees([], now=NOW)
    assert result.verdict is Verdict.NOT_MET
    assert result.explanation == "The client has not said yet whether they agree."


def test_the_latest_statement_counts() -> None:
    yes, no = Agreement(agreed=True, at=NOW - 2 * DAY), Agreement(agreed=False, at=NOW - DAY)
    assert client_agrees([yes, no], now=NOW).verdict is Verdict.NOT_MET
    later_yes = Agreement(agreed=True, at=NOW)
    result = client_agrees([yes, no, later_yes], now=NOW)
    assert result.verdict is Verdict.MET
    assert result.explanation == "The client said they agree on 2024-05-31."


def test_a_tie_at_the_newest_time_is_a_no() -> None:
    pair = [Agreement(agreed=True, at=NOW), Agreement(agreed=False, at=NOW)]
    assert client_agrees(pair, now=NOW).verdict is Verdict.NOT_MET
    assert client_agrees(list(reversed(pair)), now=NOW).verdict is Verdict.NOT_MET


def test_a_statement_after_now_does_not_count() -> None:
    result = client_agrees([Agreement(agreed=True, at=NOW + SECOND)], now=NOW)
    assert result.verdict is Verdict.NOT_MET


def test_a_no_says_not_yet() -> None:
    result = client_agrees([Agreement(agreed=False, at=NOW)], now=NOW)
    assert result.explanation == "The client said they do not agree yet on 2024-05-31."


# ---------------------------------------------------------------- assess


def ready_inputs() -> dict[str, object]:
    """Everything for all six indicators to be met at NOW."""
    moments = [
        dropped(BREATH, 2, at=NOW - 1 * DAY),
        dropped(GROUND, 2, at=NOW - 2 * DAY),
        dropped(WALK, 1, at=NOW - 3 * DAY),
        dropped(BREATH, 1, at=NOW - 4 * DAY),
        dropped(GROUND, 3, at=NOW - 5 * DAY),
    ]
    return {
        "plan_versions": [PlanVersion(saved_at=NOW - 10 * DAY)],
        "risk_signals": [RiskSignal(kind="crisis_language", at=NOW - 60 * DAY)],
        "open_alerts": 0,
        "moments": moments,
        "agreements": [Agreement(agreed=True, at=NOW - DAY)],
    }


def test_all_six_met_is_ready() -> None:
    result = assess(now=NOW, **ready_inputs())  # type: ignore[arg-type]
    assert result.ready
    assert [i.number for i in result.indicators] == [1, 2, 3, 4, 5, 6]
    assert [i.key for i in result.indicators] == [
        "safety_plan",
        "no_recent_risk",
        "helpful_strategies",
        "grounding_practice",
        "jar_balance",
        "client_agrees",
    ]
    assert result.unmet == ()


@pytest.mark.parametrize(
    ("change", "unmet"),
    [
        ({"plan_versions": []}, ("safety_plan",)),
        ({"open_alerts": 1}, ("no_recent_risk",)),
        (
            {"risk_signals": [RiskSignal(kind="imminent_urge", at=NOW, level=9)]},
            ("no_recent_risk",),
        ),
        ({"agreements": []}, ("client_agrees",)),
        (
            {"moments": []},
            ("helpful_strategies", "grounding_practice", "jar_balance"),
        ),
    ],
)
def test_any_one_unmet_is_not_ready(change: dict[str, object], unmet: tuple[str, ...]) -> None:
    result = assess(now=NOW, **(ready_inputs() | change))  # type: ignore[arg-type]
    assert not result.ready
    assert result.unmet == unmet


def test_not_enough_data_is_never_ready() -> None:
    inputs = ready_inputs()
    result = assess(now=NOW, **(inputs | {"moments": inputs["moments"][:4]}))  # type: ignore
    assert result.indicator("jar_balance").verdict is Verdict.NOT_ENOUGH_DATA
    assert not result.ready


def test_assess_with_nothing_is_not_ready() -> None:
    result = assess(now=NOW)
    verdicts = [i.verdict for i in result.indicators]
    assert verdicts == [
        Verdict.NOT_MET,
        Verdict.MET,
        Verdict.NOT_ENOUGH_DATA,
        Verdict.NOT_ENOUGH_DATA,
        Verdict.NOT_ENOUGH_DATA,
        Verdict.NOT_MET,
    ]
    assert not result.ready


# ---------------------------------------------------------------- properties

STRATEGIES = st.lists(st.sampled_from([WALK, MUSIC, FRIEND, BREATH, GROUND, TV, CUT, DRINK]))
ratings = st.none() | st.integers(0, 10)


def moments_between(start: datetime, end: datetime) -> st.SearchStrategy[CopingMoment]:
    return st.builds(
        CopingMoment,
        at=st.datetimes(
            min_value=start.replace(tzinfo=None),
            max_value=end.replace(tzinfo=None),
            timezones=st.just(UTC),
        ),
        distress_before=ratings,
        distress_after=ratings,
        strategies=STRATEGIES.map(tuple),
    )


recent_moments = st.lists(moments_between(NOW - 30 * DAY, NOW), max_size=25)
old_moments = st.lists(moments_between(NOW - 400 * DAY, NOW - 28 * DAY - SECOND), max_size=5)
future_moments = st.lists(moments_between(NOW + SECOND, NOW + 30 * DAY), max_size=5)
signals = st.lists(
    st.builds(
        RiskSignal,
        kind=st.sampled_from(["phq9_risk_item", "crisis_language", "imminent_urge"]),
        at=st.datetimes(
            min_value=datetime(2024, 4, 1), max_value=datetime(2024, 7, 1), timezones=st.just(UTC)
        ),
        level=st.none() | st.integers(0, 3),
    ),
    max_size=4,
)


def verdicts(indicators: tuple[Indicator, ...]) -> list[Verdict]:
    return [i.verdict for i in indicators]


@given(recent_moments, old_moments)
def test_moments_older_than_every_window_change_nothing(
    recent: list[CopingMoment], old: list[CopingMoment]
) -> None:
    assert assess(now=NOW, moments=recent) == assess(now=NOW, moments=recent + old)


@given(recent_moments, future_moments, signals)
def test_records_after_now_change_nothing(
    recent: list[CopingMoment], future: list[CopingMoment], risk: list[RiskSignal]
) -> None:
    later_risk = [RiskSignal(kind="crisis_language", at=NOW + SECOND)]
    later_plan = [PlanVersion(saved_at=NOW + DAY)]
    later_yes = [Agreement(agreed=True, at=NOW + SECOND)]
    base = assess(now=NOW, moments=recent, risk_signals=risk)
    more = assess(
        now=NOW,
        moments=recent + future,
        risk_signals=risk + later_risk,
        plan_versions=later_plan,
        agreements=later_yes,
    )
    assert base == more


@given(recent_moments, signals, st.integers(0, 2))
def test_ready_exactly_when_all_six_are_met(
    recent: list[CopingMoment], risk: list[RiskSignal], alerts: int
) -> None:
    result = assess(
        now=NOW,
        moments=recent,
        risk_signals=risk,
        open_alerts=alerts,
        plan_versions=[PlanVersion(saved_at=NOW - DAY)],
        agreements=[Agreement(agreed=True, at=NOW)],
    )
    assert result.ready == all(v is Verdict.MET for v in verdicts(result.indicators))
    assert len(result.indicators) == 6


@given(recent_moments)
def test_a_helpful_only_moment_never_takes_jar_balance_from_met(
    recent: list[CopingMoment],
) -> None:
    before = jar_balance(recent, now=NOW)
    after = jar_balance([*recent, moment(WALK)], now=NOW)
    if before.met:
        assert after.met


@given(recent_moments)
def test_a_new_signal_in_the_window_always_makes_risk_not_met(
    recent: list[CopingMoment],
) -> None:
    signal = RiskSignal(kind="crisis_language", at=NOW - 14 * DAY)
    result = assess(now=NOW, moments=recent, risk_signals=[signal])
    assert result.indicator("no_recent_risk").verdict is Verdict.NOT_MET
    assert not result.ready
