"""The scoring engine against the published rules, case by case.

Each test names the rule it checks (shared/reference/instruments.md, or the
paper it cites). Expected totals come from an independent oracle (exact
fractions, floor(x + 1/2)), not from the engine's own arithmetic.
"""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction
from itertools import combinations
from typing import Any

import pytest

from mend.measures import ScoringError, instruments, score, scorer

# instruments.md bands, inclusive (min, max, name).
BANDS: dict[str, list[tuple[int, int, str]]] = {
    "phq9": [
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 19, "moderately severe"),
        (20, 27, "severe"),
    ],
    "gad7": [(0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe")],
    "core10": [
        (0, 5, "healthy"),
        (6, 10, "low"),
        (11, 14, "mild"),
        (15, 19, "moderate"),
        (20, 24, "moderate-to-severe"),
        (25, 40, "severe"),
    ],
}


def oracle_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def scored_values(instrument_id: str, answers: list[int | None]) -> list[int | None]:
    """Answers after reversal (instruments.md: CORE-10 4 - answer, BRS 6 - answer)."""
    scoring = instruments()[instrument_id].scoring
    return [
        None if a is None else (scoring.reverse_base - a if n in scoring.reverse else a)  # type: ignore[operator]
        for n, a in enumerate(answers, 1)
    ]


def answers_for(instrument_id: str, total: int) -> list[int | None]:
    """Complete answers whose item scores (after reversal) add up to `total`."""
    instrument = instruments()[instrument_id]
    scoring = instrument.scoring
    remaining = total - sum(min(item.values) for item in instrument.scored_items)
    answers: list[int | None] = []
    for item in instrument.scored_items:
        low, high = min(item.values), max(item.values)
        value = low + min(high - low, remaining)
        remaining -= value - low
        reversed_item = item.number in scoring.reverse
        answers.append(scoring.reverse_base - value if reversed_item else value)  # type: ignore[operator]
    assert remaining == 0, f"{instrument_id} cannot reach {total}"
    return answers


def band_cases() -> list[Any]:
    """Every band boundary on both sides: (instrument, total, expected band)."""
    cases = []
    for instrument_id, bands in BANDS.items():
        for index, (low, high, name) in enumerate(bands):
            cases.append((instrument_id, low, name))
            cases.append((instrument_id, high, name))
            if index > 0:
                cases.append((instrument_id, low - 1, bands[index - 1][2]))
            if index + 1 < len(bands):
                cases.append((instrument_id, high + 1, bands[index + 1][2]))
    return [pytest.param(*case, id=f"{case[0]}-{case[1]}-{case[2]}") for case in cases]


# ---------------------------------------------------------------- bands


@pytest.mark.parametrize(("instrument_id", "total", "band"), band_cases())
def test_every_band_boundary_on_both_sides(instrument_id: str, total: int, band: str) -> None:
    """instruments.md bands: PHQ-9 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19
    moderately severe, 20-27 severe; GAD-7 0-4, 5-9, 10-14, 15-21; CORE-10 0-5
    healthy, 6-10 low, 11-14 mild, 15-19 moderate, 20-24 moderate-to-severe, 25-40 severe."""
    result = score(instrument_id, answers_for(instrument_id, total))
    assert (result.total, result.band) == (total, band)
    assert scorer(instrument_id).band(total) == band


@pytest.mark.parametrize(
    ("mean", "band"),
    [
        (1.0, "low"),
        (2.99, "low"),
        (3.0, "normal"),
        (4.3, "normal"),
        (4.31, "high"),
        (5.0, "high"),
    ],
)
def test_brs_band_boundaries(mean: float, band: str) -> None:
    """instruments.md BRS: low < 3.00, normal 3.00-4.30, high > 4.30."""
    assert scorer("brs").band(mean) == band


@pytest.mark.parametrize(
    ("item_sum", "mean", "band"),
    [
        (6, 1.0, "low"),
        (17, 2.83, "low"),
        (18, 3.0, "normal"),
        (25, 4.17, "normal"),
        (26, 4.33, "high"),
        (30, 5.0, "high"),
    ],
)
def test_brs_responses_either_side_of_each_band_edge(item_sum: int, mean: float, band: str) -> None:
    """instruments.md BRS: score = mean of the six items after reversing 2, 4, 6 (6 -
    answer), 1.00-5.00; the reachable means nearest 3.00 and 4.30 land on the right side
    (our convention: the mean is rounded half-up to 2 decimals)."""
    result = score("brs", answers_for("brs", item_sum))
    assert (result.total, result.band) == (mean, band)


@pytest.mark.parametrize("instrument_id", ["pcl5", "ptgi_sf", "who5", "brief_cope"])
def test_instruments_without_published_bands_report_no_band(instrument_id: str) -> None:
    """instruments.md: PCL-5 "no severity bands are published"; PTGI-SF "no cut-offs";
    WHO-5 uses cut-offs; Brief COPE has no total."""
    instrument = instruments()[instrument_id]
    answers = [max(item.values) for item in instrument.scored_items]
    assert score(instrument_id, answers).band is None


def test_band_rejects_impossible_totals() -> None:
    for instrument_id, total in [("phq9", 28), ("phq9", -1), ("phq9", 4.5), ("brs", 0.5)]:
        with pytest.raises(ScoringError, match="not a possible total"):
            scorer(instrument_id).band(total)


# ---------------------------------------------------------------- cut-offs and flags


@pytest.mark.parametrize(
    ("instrument_id", "flag", "below", "at"),
    [
        ("phq9", "caseness", 9, 10),
        ("gad7", "caseness", 7, 8),
        ("core10", "clinical", 10, 11),
        ("pcl5", "probable_ptsd", 32, 33),
    ],
)
def test_clinical_cutoff_counts_at_or_above(
    instrument_id: str, flag: str, below: int, at: int
) -> None:
    """instruments.md: caseness PHQ-9 >= 10, GAD-7 >= 8 (NHS Talking Therapies);
    CORE-10 clinical cut-off 11; PCL-5 probable PTSD default 33."""
    assert score(instrument_id, answers_for(instrument_id, below)).flags[flag] == "negative"
    result = score(instrument_id, answers_for(instrument_id, at))
    assert (result.flags[flag], result.cutoff) == ("positive", at)


@pytest.mark.parametrize("cutoff", [31, 32, 33])
def test_pcl5_probable_ptsd_cutoff_is_a_parameter(cutoff: int) -> None:
    """instruments.md PCL-5: probable-PTSD cut-off "total 31-33 (make it a setting,
    default 33)"."""
    below = score("pcl5", answers_for("pcl5", cutoff - 1), cutoff=cutoff)
    at = score("pcl5", answers_for("pcl5", cutoff), cutoff=cutoff)
    assert (below.flags["probable_ptsd"], at.flags["probable_ptsd"]) == ("negative", "positive")
    assert at.cutoff == cutoff and at.band is None


@pytest.mark.parametrize(
    ("raw", "poor", "likely", "percentage"),
    [
        (0, "positive", "positive", 0),
        (7, "positive", "positive", 28),
        (8, "positive", "negative", 32),
        (12, "positive", "negative", 48),
        (13, "negative", "negative", 52),
        (25, "negative", "negative", 100),
    ],
)
def test_who5_cutoffs_and_percentage(raw: int, poor: str, likely: str, percentage: int) -> None:
    """instruments.md WHO-5: percentage = raw x 4; < 50 % (raw <= 12) poor wellbeing,
    screen for depression; raw <= 7 (<= 28 %) likely depression."""
    result = score("who5", answers_for("who5", raw))
    assert result.total == raw and result.derived == {"percentage": percentage}
    assert result.flags == {"likely_depression": likely, "poor_wellbeing": poor}


@pytest.mark.parametrize(
    ("item9", "risk"), [(0, "negative"), (1, "positive"), (2, "positive"), (3, "positive")]
)
def test_phq9_item9_is_a_risk_screen_whatever_the_total(item9: int, risk: str) -> None:
    """instruments.md PHQ-9: item 9 >= 1 is a positive risk screen whatever the total."""
    result = score("phq9", [0, 0, 0, 0, 0, 0, 0, 0, item9])
    assert (result.flags["risk"], result.band) == (risk, "minimal")


@pytest.mark.parametrize(("item6", "risk"), [(0, "negative"), (1, "positive"), (4, "positive")])
def test_core10_item6_is_a_risk_screen_whatever_the_total(item6: int, risk: str) -> None:
    """instruments.md CORE-10: item 6 > 0 is a positive risk screen whatever the total."""
    result = score("core10", [0, 4, 4, 0, 0, item6, 0, 0, 0, 0])
    assert result.flags["risk"] == risk and result.band == "healthy"


# ---------------------------------------------------------------- missing items

PHQ9_BASE = [3, 1, 2, 0, 2, 1, 3, 2, 1]


def expected_prorated(instrument_id: str, answers: list[int | None]) -> int:
    """Oracle: each missing item = mean of the answered ones; half-up to a whole number
    (CORE-10: 10 x mean of the answered items)."""
    values = [v for v in scored_values(instrument_id, answers) if v is not None]
    if instrument_id == "core10":
        return oracle_half_up(Fraction(10 * sum(values), len(values)))
    return oracle_half_up(Fraction(sum(values) * len(answers), len(values)))


@pytest.mark.parametrize("gaps", [*combinations(range(9), 1), *combinations(range(9), 2)])
def test_phq9_one_or_two_missing_are_mean_replaced(gaps: tuple[int, ...]) -> None:
    """instruments.md PHQ-9: 1-2 missing -> replace each with the mean of the answered
    items, total rounded half-up (NHS Data Dictionary; rounding our convention)."""
    answers: list[int | None] = list(PHQ9_BASE)
    for gap in gaps:
        answers[gap] = None
    result = score("phq9", answers)
    assert result.scorable and result.prorated and not result.complete
    assert result.total == expected_prorated("phq9", answers)
    assert (result.missing, result.answered) == (len(gaps), 9 - len(gaps))
    assert result.missing_items == tuple(g + 1 for g in gaps)


@pytest.mark.parametrize("gaps", [*combinations(range(9), 3), tuple(range(9))])
def test_phq9_three_or_more_missing_is_not_scorable(gaps: tuple[int, ...]) -> None:
    """instruments.md PHQ-9: 3+ missing -> not scorable."""
    answers: list[int | None] = list(PHQ9_BASE)
    for gap in gaps:
        answers[gap] = None
    result = score("phq9", answers)
    assert not result.scorable and result.total is None and result.band is None
    assert result.flags["caseness"] == "unknown" and not result.prorated
    assert result.reason is not None and "at most 2 missing" in result.reason


def test_phq9_prorating_rounds_half_up_not_to_even() -> None:
    """instruments.md PHQ-9: total rounded half-up: 4 over 8 answered items is 4.5 -> 5
    (banker's rounding would give 4 and the wrong band)."""
    result = score("phq9", [1, 1, 1, 1, 0, 0, 0, 0, None])
    assert (result.total, result.band) == (5, "mild")


def test_phq9_item9_is_never_prorated() -> None:
    """instruments.md PHQ-9: "Never prorate item 9; if it is missing the risk flag is
    unknown" - the total is still mean-replaced, the risk is not guessed."""
    result = score("phq9", [3, 3, 3, 3, 3, 3, 3, 3, None])
    assert (result.total, result.prorated, result.flags["risk"]) == (27, True, "unknown")
    low = score("phq9", [0, 0, 0, 0, 0, 0, 0, 0, None])
    assert (low.total, low.flags["risk"]) == (0, "unknown")


def test_a_risk_answer_is_read_even_when_the_total_is_not_scorable() -> None:
    """Principle "risk signals are never dropped": PHQ-9 item 9 >= 1 with 3+ missing."""
    result = score("phq9", [None, None, None, 0, 0, 0, 0, 0, 1])
    assert not result.scorable and result.flags["risk"] == "positive"
    unknown = score("phq9", [None, 0, 0, 0, 0, 0, 0, 0, None])
    assert unknown.scorable and unknown.flags["risk"] == "unknown"


@pytest.mark.parametrize("gap", range(7))
def test_gad7_one_missing_is_mean_replaced(gap: int) -> None:
    """instruments.md GAD-7 (unverified; convention): as PHQ-9 with at most 1 missing."""
    answers: list[int | None] = [2, 3, 1, 0, 2, 1, 3]
    answers[gap] = None
    result = score("gad7", answers)
    assert result.scorable and result.total == expected_prorated("gad7", answers)


def test_gad7_prorating_rounds_half_up() -> None:
    """instruments.md GAD-7 convention: 3 over 6 answered is 3.5 -> 4."""
    assert score("gad7", [1, 1, 1, 0, 0, 0, None]).total == 4


@pytest.mark.parametrize("gaps", list(combinations(range(7), 2)))
def test_gad7_two_missing_is_not_scorable(gaps: tuple[int, ...]) -> None:
    """instruments.md GAD-7 convention: at most 1 missing item."""
    answers: list[int | None] = [2, 3, 1, 0, 2, 1, 3]
    for gap in gaps:
        answers[gap] = None
    assert not score("gad7", answers).scorable


@pytest.mark.parametrize("gap", range(10))
def test_core10_one_missing_is_prorated_as_ten_times_the_mean(gap: int) -> None:
    """instruments.md CORE-10: score = 10 x mean of answered items; prorate with 1
    missing (reversed items 2 and 3 reversed before the mean)."""
    answers: list[int | None] = [2, 1, 3, 4, 0, 1, 2, 3, 4, 1]
    answers[gap] = None
    result = score("core10", answers)
    assert result.scorable and result.prorated
    assert result.total == expected_prorated("core10", answers)


def test_core10_prorated_score_is_rounded_half_up() -> None:
    """instruments.md CORE-10 (rounding our convention): 10 x 13/9 = 14.4 -> 14 (mild),
    10 x 14/9 = 15.6 -> 16 (moderate)."""
    low = score("core10", [3, 4, 4, 3, 3, 0, 3, 1, 0, None])  # item scores sum to 13
    high = score("core10", [3, 4, 4, 3, 3, 0, 3, 2, 0, None])  # 14
    assert (low.total, low.band, high.total, high.band) == (14, "mild", 16, "moderate")


@pytest.mark.parametrize("gaps", list(combinations(range(10), 2)))
def test_core10_two_missing_is_not_scorable(gaps: tuple[int, ...]) -> None:
    """instruments.md CORE-10: not scorable with 2+ missing."""
    answers: list[int | None] = [2, 1, 3, 4, 0, 1, 2, 3, 4, 1]
    for gap in gaps:
        answers[gap] = None
    result = score("core10", answers)
    assert not result.scorable and result.flags["clinical"] == "unknown"


def test_core10_item6_missing_leaves_risk_unknown() -> None:
    """instruments.md CORE-10 risk item 6: imputed values never feed a flag."""
    result = score("core10", [0, 4, 4, 0, 0, None, 0, 0, 0, 0])
    assert result.scorable and result.flags["risk"] == "unknown"


@pytest.mark.parametrize("gap", range(20))
def test_pcl5_any_missing_item_is_not_scorable(gap: int) -> None:
    """instruments.md PCL-5 (unverified; convention): not scorable if any item is missing."""
    answers: list[int | None] = [2] * 20
    answers[gap] = None
    result = score("pcl5", answers)
    assert not result.scorable and result.total is None
    assert result.subscales == {"B": None, "C": None, "D": None, "E": None}
    assert result.flags == {"probable_ptsd": "unknown"}
    assert result.algorithms == {"provisional_ptsd": "unknown"}
    assert result.reason == (
        f"1 of 20 items is missing (item {gap + 1}); PCL-5 needs every item answered."
    )


@pytest.mark.parametrize(
    ("instrument_id", "size"),
    [("who5", 5), ("brs", 6), ("ptgi_sf", 10), ("brief_cope", 28)],
)
def test_all_items_required_where_no_missing_rule_applies(instrument_id: str, size: int) -> None:
    """instruments.md WHO-5 "All items required"; BRS, PTGI-SF and Brief COPE have no
    missing rule in the reference: our convention is every item required."""
    instrument = instruments()[instrument_id]
    full = [min(item.values) for item in instrument.scored_items]
    for gap in range(size):
        answers: list[int | None] = list(full)
        answers[gap] = None
        result = score(instrument_id, answers)
        assert not result.scorable and result.total is None
        assert all(value is None for value in result.subscales.values())
        assert all(value is None for value in result.groupings.values())
        assert all(value is None for value in result.derived.values())


def test_the_reason_lists_missing_items_in_plain_words() -> None:
    result = score("phq9", [None, 0, None, 0, 0, None, 0, 0, 0])
    assert result.reason == (
        "3 of 9 items are missing (items 1, 3 and 6); PHQ-9 can be scored with at most 2 missing."
    )


# ---------------------------------------------------------------- reversal, subscales


def test_core10_reverses_items_2_and_3() -> None:
    """instruments.md CORE-10: reverse items 2 and 3 (4 - answer)."""
    assert score("core10", [0] * 10).total == 8
    assert score("core10", [4] * 10).total == 32
    assert score("core10", [0, 4, 4, 0, 0, 0, 0, 0, 0, 0]).total == 0


def test_brs_reverses_items_2_4_6_and_takes_the_mean() -> None:
    """instruments.md BRS: reverse 2, 4, 6 (6 - answer); score = mean, 1.00-5.00."""
    assert score("brs", [1, 5, 1, 5, 1, 5]).total == 1.0
    assert score("brs", [5, 1, 5, 1, 5, 1]).total == 5.0
    assert score("brs", [3] * 6).total == 3.0


def test_pcl5_cluster_scores() -> None:
    """instruments.md PCL-5: total 0-80; clusters B 1-5, C 6-7, D 8-14, E 15-20."""
    answers = [1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4]
    result = score("pcl5", answers)
    assert result.total == 54
    assert result.subscales == {"B": 5, "C": 4, "D": 21, "E": 24}


def test_brief_cope_scales_and_groupings() -> None:
    """instruments.md Brief COPE: 14 two-item scales (coded 1-4), no total; problem-,
    emotion-focused and avoidant groupings are sums of their scales."""
    answers = [(n - 1) % 4 + 1 for n in range(1, 29)]  # 1, 2, 3, 4, 1, 2, ...

    def scale(a: int, b: int) -> int:
        return answers[a - 1] + answers[b - 1]

    result = score("brief_cope", answers)
    assert result.total is None and result.scorable and result.flags == {}
    assert result.subscales["self_distraction"] == scale(1, 19)
    assert result.subscales["self_blame"] == scale(13, 26)
    expected_problem = scale(2, 7) + scale(14, 25) + scale(10, 23)
    expected_emotion = scale(20, 24) + scale(5, 15) + scale(18, 28) + scale(12, 17) + scale(22, 27)
    expected_avoidant = (
        scale(3, 8) + scale(1, 19) + scale(4, 11) + scale(6, 16) + scale(9, 21) + scale(13, 26)
    )
    assert result.groupings == {
        "problem_focused": expected_problem,
        "emotion_focused": expected_emotion,
        "avoidant": expected_avoidant,
    }


def test_ptgi_sf_domains_and_total() -> None:
    """instruments.md PTGI-SF: total 0-50; domains appreciation 1,2; new possibilities 3,6;
    spiritual 4,8; relating 5,10; personal strength 7,9; no cut-offs."""
    answers = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3]
    result = score("ptgi_sf", answers)
    assert result.total == 21 and result.flags == {} and result.band is None
    assert result.subscales == {
        "appreciation_of_life": 1,
        "new_possibilities": 7,
        "spiritual_change": 4,
        "relating_to_others": 7,
        "personal_strength": 2,
    }


# ---------------------------------------------------------------- algorithms


def phq9_with(**items: int) -> list[int | None]:
    answers: list[int | None] = [0] * 9
    for key, value in items.items():
        answers[int(key[1:]) - 1] = value
    return answers


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        (phq9_with(i1=2, i3=2, i4=2, i5=2, i6=2), "major_depressive_syndrome"),
        (phq9_with(i2=3, i3=2, i4=2, i5=2, i6=2), "major_depressive_syndrome"),
        (phq9_with(i3=2, i4=2, i5=2, i6=2, i7=2), "none"),  # 5 symptoms, neither 1 nor 2
        (phq9_with(i1=2, i3=2, i4=2, i5=2), "other_depressive_syndrome"),
        (phq9_with(i2=2, i3=2), "other_depressive_syndrome"),
        (phq9_with(i1=2), "none"),  # one symptom is not a syndrome
        (phq9_with(i1=1, i2=1, i3=1, i4=1, i5=1, i6=1), "none"),  # "several days" never counts
        (phq9_with(i1=2, i3=2, i4=2, i5=2, i9=1), "major_depressive_syndrome"),  # item 9 at 1
        (phq9_with(i1=2, i3=2, i4=2, i9=1), "other_depressive_syndrome"),
        (phq9_with(i1=2, i9=1), "other_depressive_syndrome"),
        (phq9_with(i9=3), "none"),
        ([3] * 9, "major_depressive_syndrome"),
    ],
)
def test_phq9_depressive_syndrome_algorithm(answers: list[int | None], outcome: str) -> None:
    """Kroenke, Spitzer & Williams 2001: major depressive syndrome if >= 5 of items 1-9
    at >= 2 ("more than half the days"; item 9 counts at >= 1) including item 1 or 2;
    other depressive syndrome if 2-4 such items including item 1 or 2."""
    result = score("phq9", answers, algorithms=["depressive_syndrome"])
    assert result.algorithms == {"depressive_syndrome": outcome}


def test_phq9_depressive_syndrome_is_optional_and_unknown_when_items_are_missing() -> None:
    """The algorithm runs only when asked for; a missing item makes it unknown (our convention)."""
    assert score("phq9", [3] * 9).algorithms == {}
    result = score("phq9", [3] * 8 + [None], algorithms=("depressive_syndrome",))
    assert result.algorithms == {"depressive_syndrome": "unknown"}


def pcl5_with(symptoms: dict[str, int]) -> list[int | None]:
    """Answers with the given number of items at 2 ("Moderately") in each cluster."""
    first = {"B": 1, "C": 6, "D": 8, "E": 15}
    answers: list[int | None] = [0] * 20
    for cluster, count in symptoms.items():
        for offset in range(count):
            answers[first[cluster] - 1 + offset] = 2
    return answers


@pytest.mark.parametrize(
    ("symptoms", "outcome"),
    [
        ({"B": 1, "C": 1, "D": 2, "E": 2}, "positive"),
        ({"B": 5, "C": 2, "D": 7, "E": 6}, "positive"),
        ({"B": 0, "C": 1, "D": 2, "E": 2}, "negative"),
        ({"B": 1, "C": 0, "D": 2, "E": 2}, "negative"),
        ({"B": 1, "C": 1, "D": 1, "E": 2}, "negative"),
        ({"B": 1, "C": 1, "D": 2, "E": 1}, "negative"),
        ({"B": 5, "C": 0, "D": 7, "E": 6}, "negative"),
    ],
)
def test_pcl5_provisional_dsm5_ptsd(symptoms: dict[str, int], outcome: str) -> None:
    """instruments.md PCL-5: a symptom is an item >= 2; provisional DSM-5 PTSD needs
    >= 1 B, >= 1 C, >= 2 D and >= 2 E, whatever the total."""
    result = score("pcl5", pcl5_with(symptoms))
    assert result.algorithms == {"provisional_ptsd": outcome}


def test_pcl5_items_answered_1_are_not_symptoms() -> None:
    """instruments.md PCL-5: "an item counts as a symptom at >= 2"."""
    result = score("pcl5", [1] * 20)
    assert result.algorithms == {"provisional_ptsd": "negative"} and result.total == 20
    assert score("pcl5", [1] * 20, algorithms=()).algorithms == {}


# ---------------------------------------------------------------- answers that cannot be scored


@pytest.mark.parametrize(
    ("instrument_id", "answers", "item", "words"),
    [
        ("phq9", [0, 0, 4, 0, 0, 0, 0, 0, 0], 3, "4 is not one of its answers (0, 1, 2, 3)"),
        ("phq9", [0, 0, -1, 0, 0, 0, 0, 0, 0], 3, "-1 is not one of its answers"),
        ("phq9", [0, True, 0, 0, 0, 0, 0, 0, 0], 2, "True is true/false"),
        ("phq9", [0, 0, 0, 0, 2.0, 0, 0, 0, 0], 5, "2.0 is a float"),
        ("phq9", [0, 0, 0, 0, 0, 0, 0, "1", 0], 8, "'1' is a str"),
        ("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0, 4], 10, "4 is not one of its answers"),
        ("phq9", [None, 0, 0, 0, 0, 0, 0, 0, 0, False], 10, "False is true/false"),
        ("pcl5", [0] * 19 + [5], 20, "5 is not one of its answers (0, 1, 2, 3, 4)"),
        ("brs", [0, 1, 1, 1, 1, 1], 1, "0 is not one of its answers (1, 2, 3, 4, 5)"),
        ("brief_cope", [0] + [1] * 27, 1, "0 is not one of its answers (1, 2, 3, 4)"),
        ("who5", [6, 0, 0, 0, 0], 1, "6 is not one of its answers (0, 1, 2, 3, 4, 5)"),
    ],
)
def test_a_bad_answer_names_the_item(
    instrument_id: str, answers: list[Any], item: int, words: str
) -> None:
    with pytest.raises(ScoringError) as caught:
        score(instrument_id, answers)
    assert str(caught.value) == f"{instrument_id} item {item}: {words}" or words in str(
        caught.value
    )
    assert str(caught.value).startswith(f"{instrument_id} item {item}: ")
    assert (caught.value.item, caught.value.instrument) == (item, instrument_id)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("instrument_id", "count", "words"),
    [
        ("phq9", 8, "PHQ-9 needs 9 answers (or 10 with the unscored items), got 8"),
        ("phq9", 11, "got 11"),
        ("pcl5", 19, "PCL-5 needs 20 answers, got 19"),
        ("pcl5", 0, "got 0"),
        ("brief_cope", 14, "Brief COPE needs 28 answers, got 14"),
    ],
)
def test_the_wrong_number_of_answers_is_refused(instrument_id: str, count: int, words: str) -> None:
    with pytest.raises(ScoringError, match=words.replace("(", r"\(").replace(")", r"\)")):
        score(instrument_id, [0] * count)


@pytest.mark.parametrize("answers", ["012345678", None, 9, {i: 0 for i in range(9)}, iter([0] * 9)])
def test_answers_that_are_not_a_list_are_refused(answers: Any) -> None:
    with pytest.raises(ScoringError, match="answers must be a list"):
        score("phq9", answers)


@pytest.mark.parametrize("instrument_id", ["PHQ9", "phq-9", "cssrs", "", None])
def test_an_unknown_instrument_is_refused(instrument_id: Any) -> None:
    with pytest.raises(ScoringError, match=r"unknown instrument .*known: .*phq9"):
        score(instrument_id, [0] * 9)


def test_bad_cutoffs_and_algorithm_names_are_refused() -> None:
    with pytest.raises(ScoringError, match="from 0 to 80"):
        score("pcl5", [0] * 20, cutoff=81)
    with pytest.raises(ScoringError, match="from 0 to 80"):
        score("pcl5", [0] * 20, cutoff=True)
    with pytest.raises(ScoringError, match="no clinical cut-off"):
        score("ptgi_sf", [0] * 10, cutoff=10)
    with pytest.raises(ScoringError, match="no algorithm 'syndrome'"):
        score("phq9", [0] * 9, algorithms=["syndrome"])
    with pytest.raises(ScoringError, match="list of names"):
        score("phq9", [0] * 9, algorithms="depressive_syndrome")


# ---------------------------------------------------------------- the result


def test_phq9_item_10_may_be_given_or_left_off_and_never_scores() -> None:
    """instruments.md PHQ-9: item 10 (difficulty) is unscored."""
    nine = score("phq9", [1] * 9)
    assert score("phq9", [1] * 9 + [3]) == nine
    assert score("phq9", [1] * 9 + [None]) == nine
    assert score("phq9", tuple([1] * 9)) == nine


def test_the_score_is_frozen_and_complete() -> None:
    result = score("phq9", [0] * 9)
    assert result.complete and result.scorable and result.reason is None
    assert (result.answered, result.missing, result.missing_items) == (9, 0, ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total = 3  # type: ignore[misc]
