"""Practice outcomes rules (outcomes/rules.py): every edge of the counting,
the period, and the small-cell suppression."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mend.measures.change import Norms
from mend.outcomes import rules
from mend.outcomes.rules import ChangeRule, JarMonth, figure

D1, D2, D3 = date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 2)
PHQ9 = ChangeRule(threshold=6, norms=None, higher_is_worse=True)
GAD7 = ChangeRule(threshold=4, norms=None, higher_is_worse=True)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def course(phq9: list[tuple[date, int]], gad7: list[tuple[date, int]]) -> rules.PairedCourse:
    return rules.client_course(phq9=phq9, gad7=gad7)


# ---------------------------------------------------------------- small cells


@pytest.mark.parametrize(("count", "shown"), [(0, None), (1, None), (4, None), (5, 5), (250, 250)])
def test_a_count_of_fewer_than_five_clients_is_hidden(count: int, shown: int | None) -> None:
    f = figure(count)
    assert f.value == shown
    assert f.suppressed is (shown is None)


def test_hidden_counts_say_fewer_than_five_in_words() -> None:
    assert figure(4).words == "fewer than 5"
    assert figure(1234).words == "1,234"


def test_a_negative_count_is_a_bug() -> None:
    with pytest.raises(ValueError, match="negative"):
        figure(-1)


def test_each_cell_of_a_table_is_judged_by_itself() -> None:
    cells = rules.breakdown({"a": 40, "b": 4, "c": 0, "d": 5})
    assert [k for k, f in cells.items() if f.suppressed] == ["b", "c"]
    assert cells["a"].value == 40 and cells["d"].value == 5


def test_a_rate_shows_only_when_both_of_its_counts_show() -> None:
    assert rules.rate(figure(5), figure(20)).percent == 25.0
    assert rules.rate(figure(4), figure(20)).percent is None
    assert rules.rate(figure(4), figure(20)).suppressed
    assert rules.rate(figure(5), figure(4)).percent is None


# ---------------------------------------------------------------- NHS Talking Therapies


def test_no_scores_in_common_is_no_paired_day() -> None:
    found = course([(D1, 15), (D2, 8)], [])
    assert found.outcome is None and found.reason == "no_paired_day"


def test_one_paired_day_is_no_outcome() -> None:
    found = course([(D1, 15)], [(D1, 12)])
    assert found.outcome is None and found.reason == "one_paired_day"


def test_first_and_last_on_the_same_day_is_no_outcome() -> None:
    found = course([(at(D1, 9), 15), (at(D1, 17), 5)], [(at(D1, 9), 12), (at(D1, 17), 3)])
    assert found.outcome is None and found.reason == "one_paired_day"


def test_two_paired_days_make_a_course() -> None:
    found = course([(at(D1), 15), (at(D3), 5)], [(at(D1), 12), (at(D3), 3)])
    assert found.outcome is not None and found.outcome.headline == "reliable_recovery"


@pytest.mark.parametrize(
    ("phq9", "gad7", "caseness"),
    [(10, 0, True), (9, 7, False), (0, 8, True), (9, 8, True)],
)
def test_caseness_is_phq9_ten_or_gad7_eight(phq9: int, gad7: int, caseness: bool) -> None:
    found = course([(D1, phq9), (D3, phq9)], [(D1, gad7), (D3, gad7)])
    assert found.outcome is not None and found.outcome.caseness_start is caseness


def test_deterioration_wins_when_one_improves_and_the_other_deteriorates() -> None:
    found = course([(D1, 20), (D3, 10)], [(D1, 5), (D3, 9)])  # PHQ-9 −10, GAD-7 +4
    assert found.outcome is not None
    assert found.outcome.reliable_deterioration and not found.outcome.reliable_improvement
    assert found.outcome.headline == "reliable_deterioration"


def _counts(*courses: rules.PairedCourse) -> rules.PairedCounts:
    return rules.count_paired(courses)


def test_counts_have_their_denominators() -> None:
    counts = _counts(
        course([(D1, 15), (D3, 5)], [(D1, 12), (D3, 3)]),  # reliable recovery
        course([(D1, 15), (D3, 8)], [(D1, 7), (D3, 7)]),  # reliable recovery: PHQ-9 falls 7
        course([(D1, 20), (D3, 12)], [(D1, 10), (D3, 9)]),  # reliable improvement, at caseness
        course([(D1, 5), (D3, 4)], [(D1, 3), (D3, 3)]),  # not at caseness, no change
        course([(D1, 10), (D3, 17)], [(D1, 8), (D3, 9)]),  # deterioration
        course([(D1, 15)], [(D1, 12)]),  # one paired day
        course([(D1, 15), (D2, 12)], []),  # PHQ-9 only
    )
    assert (counts.with_scores, counts.paired) == (7, 5)
    assert (counts.one_paired_day, counts.no_paired_day) == (1, 1)
    assert counts.at_caseness == 4 and counts.recovered == 2 and counts.reliable_recovery == 2
    assert counts.reliable_improvement == 3 and counts.reliable_deterioration == 1
    assert sum(counts.headlines.values()) == counts.paired
    assert counts.headlines["reliable_recovery"] == 2
    assert counts.headlines["reliable_improvement"] == 1


def _paired(n: int, kind: str) -> list[rules.PairedCourse]:
    shapes = {
        "recover": ([(D1, 15), (D3, 5)], [(D1, 12), (D3, 3)]),
        "improve": ([(D1, 20), (D3, 12)], [(D1, 10), (D3, 9)]),
        "same": ([(D1, 12), (D3, 12)], [(D1, 9), (D3, 9)]),
        "worse": ([(D1, 10), (D3, 17)], [(D1, 8), (D3, 9)]),
        "mild": ([(D1, 5), (D3, 4)], [(D1, 3), (D3, 3)]),
    }
    return [course(*shapes[kind]) for _ in range(n)]


def test_the_recovery_rate_is_recovered_over_those_at_caseness() -> None:
    counts = _counts(*_paired(6, "recover"), *_paired(6, "same"), *_paired(5, "mild"))
    view = rules.show_paired(counts)
    assert view.recovery.numerator.value == 6 and view.recovery.denominator.value == 12
    assert view.recovery.percent == 50.0
    assert view.reliable_improvement.denominator.value == 17  # every paired course
    assert view.not_at_caseness.value == 5


def test_four_deteriorations_are_hidden_and_five_are_shown() -> None:
    four = rules.show_paired(_counts(*_paired(10, "recover"), *_paired(4, "worse")))
    assert four.headlines["reliable_deterioration"].suppressed
    assert four.reliable_deterioration.percent is None
    five = rules.show_paired(_counts(*_paired(10, "recover"), *_paired(5, "worse")))
    assert five.headlines["reliable_deterioration"].value == 5
    assert five.reliable_deterioration.percent == pytest.approx(33.3)


def test_a_small_rare_category_does_not_hide_the_main_rates() -> None:
    # Three recovered without a reliable change: that cell is hidden, the rates stay.
    counts = _counts(*_paired(10, "recover"), *_paired(6, "worse"))
    counts = rules.PairedCounts(
        **{**vars(counts), "headlines": {**counts.headlines, "recovered": 3}}
    )
    view = rules.show_paired(counts)
    assert view.headlines["recovered"].suppressed
    assert view.reliable_deterioration.percent == 37.5
    assert view.recovery.percent is not None


def test_four_clients_in_all_hide_everything() -> None:
    view = rules.show_paired(_counts(*_paired(4, "recover")))
    assert view.paired.suppressed and view.recovery.percent is None
    assert all(f.suppressed for f in view.headlines.values())


# ---------------------------------------------------------------- reliable change


def test_one_score_is_no_change() -> None:
    assert rules.course_change([(D1, 15)], PHQ9) is None


def test_first_and_last_on_one_day_is_no_change() -> None:
    assert rules.course_change([(at(D1, 9), 20), (at(D1, 18), 5)], PHQ9) is None


def test_scores_out_of_order_are_a_bug() -> None:
    with pytest.raises(ValueError, match="order"):
        rules.course_change([(D3, 20), (D1, 5)], PHQ9)


@pytest.mark.parametrize(
    ("before", "after", "rule", "direction"),
    [
        (15, 9, PHQ9, "improved"),  # falls 6: reliable
        (15, 10, PHQ9, "no_reliable_change"),  # falls 5
        (9, 15, PHQ9, "deteriorated"),
        (10, 6, GAD7, "improved"),  # falls 4: reliable
        (10, 7, GAD7, "no_reliable_change"),
    ],
)
def test_reliable_change_uses_the_published_threshold(
    before: int, after: int, rule: ChangeRule, direction: str
) -> None:
    assert rules.course_change([(D1, before), (D3, after)], rule) == direction


def test_without_a_threshold_the_norms_decide_and_higher_can_be_better() -> None:
    brs = ChangeRule(
        threshold=None,
        norms=Norms(
            clinical_mean=2.5,
            clinical_sd=0.7,
            functional_mean=3.7,
            functional_sd=0.6,
            reliability=0.85,
        ),
        higher_is_worse=False,
    )
    assert rules.course_change([(D1, 2.0), (D3, 3.0)], brs) == "improved"
    assert rules.course_change([(D1, 3.0), (D3, 2.0)], brs) == "deteriorated"
    assert rules.course_change([(D1, 3.0), (D3, 3.2)], brs) == "no_reliable_change"


def test_change_counts_and_rates() -> None:
    counts = rules.count_changes(["improved"] * 7 + ["no_reliable_change"] * 8 + [None])
    view = rules.show_changes(counts)
    assert view.courses.value == 15
    assert view.directions["deteriorated"].suppressed  # none: shown as fewer than 5
    assert view.deteriorated.percent is None
    assert view.directions["improved"].value == 7
    assert view.improved.percent == pytest.approx(46.7)


# ---------------------------------------------------------------- jar balance


JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


def month_rows(client: str, *counts: tuple[date, int, int]) -> list[JarMonth]:
    return [JarMonth(client=client, month=m, moments=n, helpful_only=h) for m, n, h in counts]


def test_trend_compares_the_shares_exactly() -> None:
    first = JarMonth(client="a", month=JAN, moments=3, helpful_only=1)
    assert rules.trend(first, JarMonth(client="a", month=FEB, moments=6, helpful_only=2)) == (
        "no_change"
    )
    assert rules.trend(first, JarMonth(client="a", month=FEB, moments=6, helpful_only=3)) == (
        "toward_helpful"
    )
    assert rules.trend(first, JarMonth(client="a", month=FEB, moments=3, helpful_only=0)) == (
        "away_from_helpful"
    )


def test_helpful_only_cannot_exceed_the_moments() -> None:
    with pytest.raises(ValueError, match="between"):
        JarMonth(client="a", month=JAN, moments=2, helpful_only=3)


def test_months_with_fewer_than_five_clients_are_hidden() -> None:
    rows = [r for i in range(5) for r in month_rows(f"c{i}", (JAN, 4, 1), (FEB, 4, 3))]
    rows += month_rows("c9", (MAR, 3, 3))
    view = rules.jar_trend(rows, [JAN, FEB, MAR])
    jan, feb, mar = view.months
    assert jan.clients.value == 5 and jan.moments == 20 and jan.percent == 25.0
    assert feb.percent == 75.0
    assert mar.clients.suppressed and mar.moments is None and mar.percent is None


def test_each_clients_trend_needs_enough_moments_in_two_months() -> None:
    rows: list[JarMonth] = []
    for i in range(6):  # better
        rows += month_rows(f"up{i}", (JAN, 4, 1), (MAR, 4, 3))
    for i in range(5):  # worse
        rows += month_rows(f"down{i}", (JAN, 3, 3), (FEB, 5, 5), (MAR, 3, 1))
    rows += month_rows("one-month", (JAN, 9, 1))
    rows += month_rows("too-few", (JAN, 2, 0), (FEB, 2, 2))  # under MONTH_MINIMUM
    view = rules.jar_trend(rows, [JAN, FEB, MAR])
    assert view.compared.value == 11
    assert view.trends["toward_helpful"].value == 6
    assert view.trends["away_from_helpful"].value == 5
    assert view.trends["no_change"].suppressed  # none
    assert view.toward_helpful.percent == pytest.approx(54.5)
    # The too-few client's moments still count toward the monthly shares.
    assert view.months[0].moments == 6 * 4 + 5 * 3 + 9 + 2


def test_no_moments_at_all_shows_every_month_hidden() -> None:
    view = rules.jar_trend([], [JAN, FEB])
    assert [m.percent for m in view.months] == [None, None]
    assert view.compared.suppressed


def test_months_between_spans_the_calendar() -> None:
    assert rules.months_between(date(2025, 11, 20), date(2026, 2, 3)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1),
    ]  # fmt: skip
    assert rules.months_between(JAN, JAN) == [JAN]
    with pytest.raises(ValueError, match="ends before"):
        rules.months_between(FEB, JAN)


# ---------------------------------------------------------------- the period


TODAY = date(2026, 3, 2)


def test_no_period_is_the_last_twelve_months() -> None:
    period, errors = rules.parse_period(None, None, today=TODAY)
    assert errors == {} and period == rules.Period(date(2025, 3, 3), TODAY)


def test_a_given_period_is_taken_as_it_is() -> None:
    period, errors = rules.parse_period("2025-04-01", "2026-03-01", today=TODAY)
    assert errors == {} and period == rules.Period(date(2025, 4, 1), date(2026, 3, 1))


def test_only_an_end_gives_the_year_before_it() -> None:
    period, _ = rules.parse_period("", "2025-12-31", today=TODAY)
    assert period == rules.Period(date(2025, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2026-13-01", None, "from"),
        ("yesterday", None, "from"),
        (None, "31/12/2025", "to"),
        (None, "2026-03-03", "to"),  # tomorrow
        ("2026-02-01", "2026-01-31", "to"),
        ("2021-03-01", "2026-03-01", "from"),  # more than five years
    ],
)
def test_a_bad_period_names_the_field(start: str | None, end: str | None, field: str) -> None:
    period, errors = rules.parse_period(start, end, today=TODAY)
    assert period is None and list(errors) == [field]


def test_five_years_exactly_is_allowed() -> None:
    period, errors = rules.parse_period("2021-03-03", "2026-03-02", today=TODAY)
    assert errors == {} and period is not None
