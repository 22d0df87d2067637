"""Change over time (instruments.md, "Change over time"): every rule on its edges."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mend.measures.change import (
    GAD7_CASENESS,
    GAD7_RELIABLE_CHANGE,
    PHQ9_CASENESS,
    PHQ9_RELIABLE_CHANGE,
    Criterion,
    Norms,
    PairedOutcome,
    clinically_significant_change,
    course_outcome,
    cutoffs,
    paired_course,
    paired_outcome,
    reliable_change,
)

# Hand-worked norms (higher = worse), used for the Jacobson–Truax arithmetic below:
#   SE     = s1 * sqrt(1 - r) = 5 * sqrt(0.16) = 5 * 0.4 = 2
#   S_diff = sqrt(2) * SE     = 2 * sqrt(2)    = 2.8284…
#   1.96 * S_diff             = 5.5437…  (a change must be more than this)
#   a = M_clin - 2 * SD_clin  = 20 - 10        = 10
#   b = M_func + 2 * SD_func  = 8 + 8          = 16
#   c = (5 * 8 + 4 * 20) / (5 + 4) = 120 / 9   = 13.333…
WORKED = Norms(
    clinical_mean=20, clinical_sd=5, functional_mean=8, functional_sd=4, reliability=0.84
)

# Norms whose S_diff is exactly 5, so RC lands exactly on 1.96:
#   SE = 5 * sqrt(1 - 0.5) = 3.5355…;  S_diff = sqrt(2) * 3.5355… = 5;  RC = 9.8 / 5 = 1.96
ROUND = Norms(clinical_mean=20, clinical_sd=5, functional_mean=8, functional_sd=4, reliability=0.5)

# Published raw reliable-change thresholds (instruments.md, Change over time).
PUBLISHED = {"phq9": 6, "gad7": 4, "pcl5": 10, "core10": 6}

phq9_totals = st.integers(min_value=0, max_value=27)
gad7_totals = st.integers(min_value=0, max_value=21)


def outcome(phq9: tuple[int, int], gad7: tuple[int, int]) -> PairedOutcome:
    """Paired outcome from (first, last) for each instrument."""
    return paired_outcome(
        phq9_first=phq9[0], phq9_last=phq9[1], gad7_first=gad7[0], gad7_last=gad7[1]
    )


def direction(
    before: int, after: int, threshold: int | None, norms: Norms | None, higher_is_worse: bool
) -> str:
    return reliable_change(
        before=before, after=after, threshold=threshold, norms=norms,
        higher_is_worse=higher_is_worse,
    ).direction  # fmt: skip


# ---------------------------------------------------------------- published threshold


@pytest.mark.parametrize(("instrument", "threshold"), sorted(PUBLISHED.items()))
def test_published_threshold_fall_of_exactly_the_threshold_is_reliable(
    instrument: str, threshold: int
) -> None:
    # instruments.md, Change over time: use the published raw threshold; "falls ≥ 6" read as ≥.
    at = reliable_change(before=30, after=30 - threshold, threshold=threshold)
    just_under = reliable_change(before=30, after=31 - threshold, threshold=threshold)
    assert (at.direction, at.method, at.index) == ("improved", "published_threshold", None)
    assert just_under.direction == "no_reliable_change"


@pytest.mark.parametrize(("instrument", "threshold"), sorted(PUBLISHED.items()))
def test_published_threshold_rise_of_exactly_the_threshold_is_reliable(
    instrument: str, threshold: int
) -> None:
    # instruments.md, Change over time: a rise of at least the threshold is reliable deterioration.
    at = reliable_change(before=10, after=10 + threshold, threshold=threshold)
    just_under = reliable_change(before=10, after=9 + threshold, threshold=threshold)
    assert (at.direction, at.difference, at.reliable) == ("deteriorated", threshold, True)
    assert (just_under.direction, just_under.reliable) == ("no_reliable_change", False)


def test_higher_is_better_mirrors_the_direction() -> None:
    # instruments.md, Change over time: on a higher-is-better scale a reliable rise is improvement.
    up = reliable_change(before=10, after=13, threshold=3, higher_is_worse=False)
    down = reliable_change(before=10, after=7, threshold=3, higher_is_worse=False)
    assert (up.direction, down.direction) == ("improved", "deteriorated")


def test_prorated_scores_do_not_miss_the_threshold_by_rounding_noise() -> None:
    # instruments.md, CORE-10: score = 10 × mean, so prorated totals are fractions;
    # 19.333… → 13.333… is a fall of 6, which "≥ 6" counts as reliable.
    before, after = 10 * 29 / 15, 10 * 20 / 15
    result = reliable_change(before=before, after=after, threshold=6)
    assert (result.difference, result.direction) == (-6, "improved")


def test_published_threshold_wins_over_norms() -> None:
    # instruments.md, Change over time: "Where an instrument publishes a raw ... threshold, use it".
    result = reliable_change(before=20, after=15, threshold=6, norms=WORKED)
    assert (result.method, result.direction) == ("published_threshold", "no_reliable_change")


def test_reliable_change_needs_a_threshold_or_norms() -> None:
    # instruments.md, Change over time: a threshold, "otherwise compute it from the norms".
    with pytest.raises(ValueError, match="threshold or norms"):
        reliable_change(before=10, after=2)
    with pytest.raises(ValueError, match="positive"):
        reliable_change(before=10, after=2, threshold=0)


def test_explanation_is_plain_and_says_why() -> None:
    # instruments.md, Change over time (published threshold): the reader sees the rule applied.
    fell = reliable_change(before=15, after=8, threshold=6)
    small = reliable_change(before=15, after=16, threshold=6)
    same = reliable_change(before=12, after=12, threshold=6)
    assert fell.explanation == (
        "The score fell by 7 points, from 15 to 8. A change of 6 points or more is reliable "
        "(the published threshold), so this is a reliable improvement."
    )
    assert small.explanation.startswith("The score rose by 1 point, from 15 to 16.")
    assert "could be measurement error" in small.explanation
    assert same.explanation.startswith("The score stayed at 12.")


# ---------------------------------------------------------------- Jacobson–Truax


def test_jacobson_truax_hand_worked_example() -> None:
    # instruments.md, Change over time: SE = s1·√(1 − r); S_diff = √2·SE; RC = (post − pre)/S_diff.
    # 22 → 14: RC = (14 − 22) / 2.8284… = −8 / 2.8284… = −2.8284…; |RC| > 1.96: reliable.
    assert WORKED.standard_error == pytest.approx(2.0)
    assert WORKED.s_diff == pytest.approx(2.8284271, abs=1e-6)
    result = reliable_change(before=22, after=14, norms=WORKED)
    assert result.method == "jacobson_truax"
    assert result.index == pytest.approx(-2.8284271, abs=1e-6)
    assert result.reliable_points == pytest.approx(5.5437172, abs=1e-6)
    assert result.direction == "improved"
    assert "the index is -2.83" in result.explanation
    assert "more than 5.54 points" in result.explanation


def test_jacobson_truax_below_the_index_is_not_reliable() -> None:
    # instruments.md, Change over time: |RC| > 1.96 is reliable; 22 → 17 gives RC = −5/2.83 = −1.77.
    result = reliable_change(before=22, after=17, norms=WORKED)
    assert result.index == pytest.approx(-1.7677670, abs=1e-6)
    assert result.direction == "no_reliable_change"


@pytest.mark.parametrize("sign", [1, -1])
def test_rc_exactly_1_96_is_not_reliable(sign: int) -> None:
    # instruments.md, Change over time: "|RC| > 1.96 is reliable" — strictly more.
    # S_diff = 5 (see ROUND); a change of 9.8 gives RC = 9.8 / 5 = 1.96 exactly.
    result = reliable_change(before=30, after=30 + sign * 9.8, norms=ROUND)
    assert result.index == sign * 1.96
    assert result.direction == "no_reliable_change"


@pytest.mark.parametrize(("sign", "direction"), [(1, "deteriorated"), (-1, "improved")])
def test_rc_just_beyond_1_96_is_reliable(sign: int, direction: str) -> None:
    # instruments.md, Change over time: |RC| > 1.96; 9.81 / 5 = 1.962.
    result = reliable_change(before=30, after=30 + sign * 9.81, norms=ROUND)
    assert result.index == pytest.approx(sign * 1.962)
    assert result.direction == direction


def test_norms_sd_overrides_the_clinical_sd_for_the_standard_error() -> None:
    # instruments.md, Change over time: SE = s1·√(1 − r); s1 = 10 gives S_diff = 10·√(2·0.5) = 10.
    norms = Norms(
        clinical_mean=20, clinical_sd=5, functional_mean=8, functional_sd=4, reliability=0.5, sd=10
    )
    assert norms.s1 == 10
    assert norms.s_diff == pytest.approx(10.0)
    assert reliable_change(before=30, after=40, norms=norms).index == 1.0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("clinical_sd", 0),
        ("functional_sd", -1),
        ("sd", 0),
        ("reliability", 1),
        ("reliability", -0.1),
    ],
)
def test_norms_refuse_impossible_values(field: str, value: float) -> None:
    # instruments.md, Change over time: SE = s1·√(1 − r) needs s1 > 0 and r < 1 to divide by.
    values: dict[str, float] = {
        "clinical_mean": 20, "clinical_sd": 5, "functional_mean": 8, "functional_sd": 4,
        "reliability": 0.8,
    }  # fmt: skip
    with pytest.raises(ValueError, match="Norms"):
        Norms(**{**values, field: value})


@given(
    before=st.integers(min_value=0, max_value=80),
    after=st.integers(min_value=0, max_value=80),
    threshold=st.integers(min_value=1, max_value=12),
    higher_is_worse=st.booleans(),
)
def test_swapping_before_and_after_flips_the_direction(
    before: int, after: int, threshold: int, higher_is_worse: bool
) -> None:
    # instruments.md, Change over time: improvement is a reliable change toward health, so the
    # reverse journey is the same-sized change the other way.
    flipped = {"improved": "deteriorated", "deteriorated": "improved"}
    for t, norms in ((threshold, None), (None, WORKED)):
        there = direction(before, after, t, norms, higher_is_worse)
        back = direction(after, before, t, norms, higher_is_worse)
        mirrored = direction(before, after, t, norms, not higher_is_worse)
        assert back == mirrored == flipped.get(there, there)


@given(before=st.integers(min_value=0, max_value=80), after=st.integers(min_value=0, max_value=80))
def test_jacobson_truax_reliable_exactly_beyond_1_96_s_diff(before: int, after: int) -> None:
    # instruments.md, Change over time: |RC| > 1.96 ⇔ |post − pre| > 1.96·S_diff.
    result = reliable_change(before=before, after=after, norms=WORKED)
    assert result.reliable == (abs(after - before) > 1.96 * WORKED.s_diff)


# ---------------------------------------------------------------- clinically significant


def test_cutoffs_hand_worked_higher_is_worse() -> None:
    # instruments.md, Change over time: a = M_clin − 2·SD_clin; b = M_func + 2·SD_func;
    # c = (SD_clin·M_func + SD_func·M_clin)/(SD_clin + SD_func). See WORKED for the arithmetic.
    found = cutoffs(WORKED)
    assert (found.a, found.b) == (10, 16)
    assert found.c == pytest.approx(120 / 9)


def test_cutoffs_mirror_for_higher_is_better() -> None:
    # instruments.md, Change over time (mirrored): a = M_clin + 2·SD_clin = 8 + 8 = 16;
    # b = M_func − 2·SD_func = 20 − 10 = 10; c = (4·20 + 5·8)/(4 + 5) = 120 / 9.
    better = Norms(
        clinical_mean=8, clinical_sd=4, functional_mean=20, functional_sd=5, reliability=0.8
    )
    found = cutoffs(better, higher_is_worse=False)
    assert (found.a, found.b) == (16, 10)
    assert found.c == pytest.approx(120 / 9)


@pytest.mark.parametrize(
    ("criterion", "category"), [("a", "improved"), ("b", "recovered"), ("c", "improved")]
)
def test_the_chosen_cutoff_decides_recovery(criterion: Criterion, category: str) -> None:
    # instruments.md, Change over time: "Recovered" = reliable improvement and ending on the
    # functional side of the chosen cut-off. 22 → 14 is reliable (RC −2.83); 14 ≥ a (10),
    # 14 < b (16), 14 ≥ c (13.33).
    result = clinically_significant_change(
        before=22,
        after=14,
        norms=WORKED,
        criterion=criterion,
    )
    assert (result.criterion, result.category, result.change.direction) == (
        criterion,
        category,
        "improved",
    )


@pytest.mark.parametrize(
    ("before", "after", "category", "ended_clinical"),
    [
        (16, 10, "improved", True),  # reliable fall of 6, ends on the cut-off: still clinical
        (16, 9, "recovered", False),  # reliable fall of 7, ends below the cut-off
        (15, 9, "recovered", False),  # fall of exactly 6, ends below
        (15, 10, "unchanged", True),  # fall of 5: not reliable
        (14, 9, "unchanged", False),  # crosses the cut-off but a fall of 5 is not reliable
        (4, 10, "deteriorated", True),  # rise of exactly 6
        (4, 9, "unchanged", False),  # rise of 5
        (3, 9, "deteriorated", False),  # reliable rise that stays below the cut-off
    ],
)
def test_clinical_categories_with_a_published_cutoff(
    before: int, after: int, category: str, ended_clinical: bool
) -> None:
    # instruments.md, Change over time: recovered = reliable improvement ending on the functional
    # side; PHQ-9 clinical cut-off 10 (≥ 10 is clinical), reliable change 6 (≥ 6).
    result = clinically_significant_change(before=before, after=after, threshold=6, cutoff=10)
    assert (result.category, result.ended_clinical) == (category, ended_clinical)
    assert (result.criterion, result.cutoff) == ("published", 10)


def test_started_clinical_boundary_and_recovery_without_starting_clinical() -> None:
    # instruments.md, Change over time: "Recovered" = reliable improvement and ending on the
    # functional side; as stated, it does not require starting clinical, so we report the start.
    from_ten = clinically_significant_change(before=10, after=4, threshold=6, cutoff=10)
    from_nine = clinically_significant_change(before=9, after=3, threshold=6, cutoff=10)
    assert (from_ten.started_clinical, from_ten.category) == (True, "recovered")
    assert (from_nine.started_clinical, from_nine.category) == (False, "recovered")


@pytest.mark.parametrize(("after", "category"), [(12, "improved"), (13, "recovered")])
def test_clinical_cutoff_mirrors_for_higher_is_better(after: int, category: str) -> None:
    # instruments.md, WHO-5: raw ≤ 12 is poor wellbeing, so the cut-off 12 is on the clinical side;
    # a reliable rise (threshold 5 here) ending at 13 is recovered, ending at 12 only improved.
    result = clinically_significant_change(
        before=after - 5, after=after, threshold=5, cutoff=12, higher_is_worse=False
    )
    assert result.category == category
    assert f"ended {'at or below' if after == 12 else 'above'} the cut-off of 12" in (
        result.explanation
    )


def test_clinical_change_needs_a_cutoff_or_norms() -> None:
    # instruments.md, Change over time: the cut-off comes from a published value or the norms.
    with pytest.raises(ValueError, match="cut-off or norms"):
        clinically_significant_change(before=16, after=4, threshold=6)


def test_clinical_explanation_names_the_range_and_the_outcome() -> None:
    # instruments.md, Change over time: decision support shows its evidence.
    result = clinically_significant_change(before=16, after=9, threshold=6, cutoff=10)
    assert result.explanation.endswith(
        "It ended below the cut-off of 10, in the healthy range. Outcome: recovered."
    )


@given(
    clinical_mean=st.integers(min_value=10, max_value=40),
    gap=st.integers(min_value=1, max_value=20),
    clinical_sd=st.integers(min_value=1, max_value=10),
    functional_sd=st.integers(min_value=1, max_value=10),
)
def test_c_lies_between_the_two_means(
    clinical_mean: int, gap: int, clinical_sd: int, functional_sd: int
) -> None:
    # instruments.md, Change over time: c is the SD-weighted point between M_func and M_clin.
    norms = Norms(
        clinical_mean=clinical_mean, clinical_sd=clinical_sd,
        functional_mean=clinical_mean - gap, functional_sd=functional_sd, reliability=0.8,
    )  # fmt: skip
    assert clinical_mean - gap <= cutoffs(norms).c <= clinical_mean


@given(
    before=st.integers(min_value=0, max_value=40),
    after=st.integers(min_value=0, max_value=40),
    cutoff=st.integers(min_value=1, max_value=40),
    higher_is_worse=st.booleans(),
)
def test_clinical_categories_are_consistent(
    before: int, after: int, cutoff: int, higher_is_worse: bool
) -> None:
    # instruments.md, Change over time: recovered = reliable improvement and functional at the end;
    # improved = reliable improvement still clinical; deteriorated / unchanged follow reliability.
    result = clinically_significant_change(
        before=before, after=after, threshold=6, cutoff=cutoff, higher_is_worse=higher_is_worse
    )
    expected = {
        "improved": "improved" if result.ended_clinical else "recovered",
        "deteriorated": "deteriorated",
        "no_reliable_change": "unchanged",
    }[result.change.direction]
    assert result.category == expected


# ---------------------------------------------------------------- NHS Talking Therapies


def test_thresholds_are_the_referenced_ones() -> None:
    # instruments.md, Change over time: caseness PHQ-9 ≥ 10 or GAD-7 ≥ 8; falls ≥ 6 / ≥ 4.
    assert (PHQ9_CASENESS, GAD7_CASENESS) == (10, 8)
    assert (PHQ9_RELIABLE_CHANGE, GAD7_RELIABLE_CHANGE) == (6, 4)


@pytest.mark.parametrize(
    ("phq9", "gad7", "caseness"),
    [(9, 7, False), (10, 0, True), (0, 8, True), (9, 0, False), (0, 7, False)],
)
def test_caseness_at_start_and_end_boundaries(phq9: int, gad7: int, caseness: bool) -> None:
    # instruments.md, Change over time: caseness: PHQ-9 ≥ 10 or GAD-7 ≥ 8.
    start = outcome((phq9, phq9), (gad7, gad7))
    assert (start.caseness_start, start.caseness_end) == (caseness, caseness)


@pytest.mark.parametrize(
    ("phq9_last", "gad7_last", "recovered"), [(9, 7, True), (10, 7, False), (9, 8, False)]
)
def test_recovery_needs_both_below_caseness_at_the_end(
    phq9_last: int, gad7_last: int, recovered: bool
) -> None:
    # instruments.md, Change over time: recovery = not at caseness at the end
    # (PHQ-9 < 10 and GAD-7 < 8).
    result = outcome((12, phq9_last), (9, gad7_last))
    assert (result.caseness_start, result.recovered, result.note) == (True, recovered, None)


@pytest.mark.parametrize(("phq9_first", "gad7_first"), [(9, 7), (10, 7), (9, 8)])
def test_recovery_applies_only_at_caseness_at_the_start(phq9_first: int, gad7_first: int) -> None:
    # instruments.md, Change over time: recovery (only for those at caseness at the start).
    result = outcome((phq9_first, 0), (gad7_first, 0))
    at_caseness = (phq9_first, gad7_first) != (9, 7)
    assert result.recovered is at_caseness
    assert result.note == (None if at_caseness else "not_at_caseness")
    # Falls of 9 / 7 are reliable either way: improvement does not depend on caseness.
    assert result.reliable_improvement
    assert result.headline == ("reliable_recovery" if at_caseness else "reliable_improvement")


@pytest.mark.parametrize(
    ("phq9", "gad7", "improvement"),
    [
        ((20, 15), (10, 10), False),  # PHQ-9 falls 5
        ((20, 14), (10, 10), True),  # PHQ-9 falls 6
        ((20, 20), (15, 12), False),  # GAD-7 falls 3
        ((20, 20), (15, 11), True),  # GAD-7 falls 4
    ],
)
def test_reliable_improvement_boundaries(
    phq9: tuple[int, int], gad7: tuple[int, int], improvement: bool
) -> None:
    # instruments.md, Change over time: reliable improvement: PHQ-9 falls ≥ 6 or GAD-7 falls ≥ 4.
    result = outcome(phq9, gad7)
    assert (result.reliable_improvement, result.reliable_deterioration) == (improvement, False)
    assert result.headline == ("reliable_improvement" if improvement else "no_reliable_change")


@pytest.mark.parametrize(
    ("phq9", "gad7", "deterioration"),
    [
        ((12, 17), (10, 10), False),  # PHQ-9 rises 5
        ((12, 18), (10, 10), True),  # PHQ-9 rises 6
        ((12, 12), (10, 13), False),  # GAD-7 rises 3
        ((12, 12), (10, 14), True),  # GAD-7 rises 4
    ],
)
def test_reliable_deterioration_boundaries(
    phq9: tuple[int, int], gad7: tuple[int, int], deterioration: bool
) -> None:
    # instruments.md, Change over time: reliable deterioration: PHQ-9 rises ≥ 6 or GAD-7 rises ≥ 4.
    result = outcome(phq9, gad7)
    assert (result.reliable_deterioration, result.reliable_improvement) == (deterioration, False)
    assert result.headline == ("reliable_deterioration" if deterioration else "no_reliable_change")


@pytest.mark.parametrize(
    ("phq9", "gad7", "improvement"),
    [
        ((20, 14), (10, 13), True),  # PHQ-9 falls 6, GAD-7 rises 3: below its threshold
        ((20, 14), (10, 14), False),  # PHQ-9 falls 6, GAD-7 rises 4
        ((12, 17), (15, 11), True),  # GAD-7 falls 4, PHQ-9 rises 5
        ((12, 18), (15, 11), False),  # GAD-7 falls 4, PHQ-9 rises 6
    ],
)
def test_improvement_needs_neither_to_rise_by_its_threshold(
    phq9: tuple[int, int], gad7: tuple[int, int], improvement: bool
) -> None:
    # instruments.md, Change over time: "... and neither rises by its threshold"; where one
    # improves and the other deteriorates, deterioration wins (the reference's convention).
    result = outcome(phq9, gad7)
    assert result.reliable_improvement is improvement
    assert result.reliable_deterioration is not improvement
    assert result.headline == ("reliable_improvement" if improvement else "reliable_deterioration")


def test_reliable_recovery_is_recovery_and_reliable_improvement() -> None:
    # instruments.md, Change over time: reliable recovery: recovery and reliable improvement.
    result = outcome((15, 8), (10, 5))
    assert (result.recovered, result.reliable_improvement, result.reliable_recovery) == (
        True,
        True,
        True,
    )
    assert result.headline == "reliable_recovery"


def test_recovery_without_reliable_change_is_only_recovered() -> None:
    # instruments.md, Change over time: recovery (10 → 9) without a fall of 6 is not reliable
    # recovery.
    result = outcome((10, 9), (5, 5))
    assert (result.recovered, result.reliable_improvement, result.reliable_recovery) == (
        True,
        False,
        False,
    )
    assert result.headline == "recovered"


def test_deterioration_outranks_recovery_in_the_headline() -> None:
    # instruments.md, Change over time: deterioration wins (the safer reading). PHQ-9 12 → 4 and
    # GAD-7 3 → 7: caseness lost (recovered), but GAD-7 rose by 4.
    result = outcome((12, 4), (3, 7))
    assert (result.recovered, result.reliable_deterioration, result.reliable_recovery) == (
        True,
        True,
        False,
    )
    assert result.headline == "reliable_deterioration"


def test_no_change_at_all() -> None:
    # instruments.md, Change over time: otherwise no reliable change.
    result = outcome((14, 14), (9, 9))
    assert result.headline == "no_reliable_change"
    assert (result.phq9_change, result.gad7_change) == (0, 0)


@pytest.mark.parametrize(("phq9", "gad7"), [(28, 0), (-1, 0), (0, 22), (0, -1)])
def test_totals_out_of_range_are_refused(phq9: int, gad7: int) -> None:
    # instruments.md, PHQ-9 total 0–27, GAD-7 total 0–21: anything else is a scoring bug.
    with pytest.raises(ValueError, match="PHQ-9 must be"):
        outcome((phq9, 0), (gad7, 0))
    with pytest.raises(ValueError, match="PHQ-9 must be"):
        outcome((0, phq9), (0, gad7))


@given(phq9_totals, phq9_totals, gad7_totals, gad7_totals)
def test_paired_outcomes_are_mutually_consistent(p1: int, p2: int, g1: int, g2: int) -> None:
    # instruments.md, Change over time: reliable recovery = recovery and reliable improvement;
    # improvement needs neither to rise, so no outcome both improves and deteriorates;
    # recovery only from caseness at the start.
    r = outcome((p1, p2), (g1, g2))
    assert not (r.reliable_improvement and r.reliable_deterioration)
    assert r.reliable_recovery == (r.recovered and r.reliable_improvement)
    assert r.recovered == (r.caseness_start and not r.caseness_end)
    assert (r.note is None) == r.caseness_start
    flags = {
        "reliable_deterioration": r.reliable_deterioration,
        "reliable_recovery": r.reliable_recovery,
        "reliable_improvement": r.reliable_improvement and not r.reliable_recovery,
        "recovered": r.recovered and not r.reliable_improvement and not r.reliable_deterioration,
    }
    expected = next((name for name, holds in flags.items() if holds), "no_reliable_change")
    assert r.headline == expected


@given(phq9_totals, phq9_totals, gad7_totals, gad7_totals)
def test_paired_outcome_swapped_flips_improvement_and_deterioration(
    p1: int, p2: int, g1: int, g2: int
) -> None:
    # instruments.md, Change over time: a fall on the way there is a rise on the way back.
    there, back = outcome((p1, p2), (g1, g2)), outcome((p2, p1), (g2, g1))
    if there.reliable_improvement:
        assert back.reliable_deterioration
    if back.reliable_improvement:
        assert there.reliable_deterioration
    assert (there.caseness_start, there.caseness_end) == (back.caseness_end, back.caseness_start)


@given(phq9_totals, phq9_totals, gad7_totals, gad7_totals)
def test_paired_outcome_agrees_with_reliable_change(p1: int, p2: int, g1: int, g2: int) -> None:
    # instruments.md, Change over time: the paired rule is the published thresholds (PHQ-9 6,
    # GAD-7 4) applied to each instrument, read with ≥.
    phq9 = reliable_change(before=p1, after=p2, threshold=6).direction
    gad7 = reliable_change(before=g1, after=g2, threshold=4).direction
    r = outcome((p1, p2), (g1, g2))
    assert r.reliable_deterioration == ("deteriorated" in (phq9, gad7))
    assert r.reliable_improvement == ("improved" in (phq9, gad7) and not r.reliable_deterioration)


# ---------------------------------------------------------------- course of treatment

D = date(2024, 3, 4)


def day(n: int) -> date:
    return D + timedelta(days=n)


def test_course_outcome_first_last_change() -> None:
    # instruments.md, Change over time: first vs last score of a course.
    course = course_outcome([(day(0), 18), (day(7), 20), (day(14), 11)])
    assert course is not None
    assert (course.first_at, course.first, course.last_at, course.last) == (day(0), 18, day(14), 11)
    assert (course.change, course.count) == (-7, 3)


def test_course_outcome_needs_two_scores() -> None:
    # instruments.md, Change over time: change needs a first and a (different) last score.
    assert course_outcome([]) is None
    assert course_outcome([(day(0), 18)]) is None


def test_course_outcome_refuses_scores_out_of_order() -> None:
    # instruments.md, Change over time: "first" and "last" only mean something in time order.
    with pytest.raises(ValueError, match="time order"):
        course_outcome([(day(7), 18), (day(0), 11)])


def test_course_outcome_allows_ties_and_keeps_the_given_order() -> None:
    # instruments.md, Change over time: last score of the course; same time keeps input order.
    course = course_outcome([(day(0), 18), (day(3), 9), (day(3), 10)])
    assert course is not None
    assert course.last == 10


def test_paired_course_pairs_the_earliest_and_latest_days_with_both() -> None:
    # instruments.md, Change over time (first vs last score of a course); pairing rule: first =
    # earliest day with both, last = latest day with both. Day 0 has only a PHQ-9, day 21 only
    # a GAD-7.
    phq9 = [(day(0), 25), (day(7), 16), (day(14), 12), (day(17), 9)]
    gad7 = [(day(7), 12), (day(14), 9), (day(17), 7), (day(21), 15)]
    course = paired_course(phq9_series=phq9, gad7_series=gad7)
    assert (course.paired_days, course.first_on, course.last_on, course.reason) == (
        3,
        day(7),
        day(17),
        None,
    )
    assert course.outcome == outcome((16, 9), (12, 7))
    assert course.outcome is not None
    assert course.outcome.headline == "reliable_recovery"


def test_paired_course_with_fewer_than_two_paired_days_says_why() -> None:
    # instruments.md, Change over time: a paired outcome needs a first and a last paired score.
    none = paired_course(phq9_series=[(day(0), 12)], gad7_series=[(day(1), 9)])
    one = paired_course(phq9_series=[(day(0), 12), (day(2), 5)], gad7_series=[(day(0), 9)])
    assert (none.outcome, none.reason, none.first_on, none.paired_days) == (
        None,
        "no_paired_day",
        None,
        0,
    )
    assert (one.outcome, one.reason, one.first_on, one.last_on) == (
        None,
        "one_paired_day",
        day(0),
        day(0),
    )
    assert paired_course(phq9_series=[], gad7_series=[]).reason == "no_paired_day"


def test_paired_course_pairs_by_calendar_day_and_the_last_score_of_a_day_counts() -> None:
    # instruments.md, Change over time (first vs last); pairing rule: datetimes pair on the day
    # they carry in their own zone, and a same-day retake replaces the first try.
    plus_two = timezone(timedelta(hours=2))
    phq9 = [
        (datetime(2024, 3, 4, 9, 0, tzinfo=plus_two), 14),
        (datetime(2024, 3, 4, 9, 30, tzinfo=plus_two), 15),
        (datetime(2024, 4, 1, 23, 30, tzinfo=plus_two), 8),
    ]
    gad7 = [
        (datetime(2024, 3, 4, 9, 5, tzinfo=plus_two), 10),
        (datetime(2024, 4, 1, 23, 35, tzinfo=plus_two), 6),
    ]
    course = paired_course(phq9_series=phq9, gad7_series=gad7)
    assert (course.first_on, course.last_on) == (date(2024, 3, 4), date(2024, 4, 1))
    assert course.outcome == outcome((15, 8), (10, 6))


def test_paired_course_refuses_a_series_out_of_order() -> None:
    # instruments.md, Change over time: first and last only mean something in time order.
    late_first = [(datetime(2024, 3, 9, tzinfo=UTC), 12), (datetime(2024, 3, 2, tzinfo=UTC), 9)]
    with pytest.raises(ValueError, match="time order"):
        paired_course(phq9_series=late_first, gad7_series=[])


@given(st.lists(st.tuples(st.integers(0, 60), phq9_totals, gad7_totals), min_size=2, max_size=8))
def test_paired_course_matches_the_outcome_of_its_first_and_last_day(
    raw: list[tuple[int, int, int]],
) -> None:
    # instruments.md, Change over time: the course's outcome is the paired outcome of its first
    # and last paired scores.
    by_day = {n: (p, g) for n, p, g in raw}
    days = sorted(by_day)
    phq9 = [(day(n), by_day[n][0]) for n in days]
    gad7 = [(day(n), by_day[n][1]) for n in days]
    course = paired_course(phq9_series=phq9, gad7_series=gad7)
    if len(days) < 2:
        assert (course.outcome, course.reason) == (None, "one_paired_day")
        return
    first, last = by_day[days[0]], by_day[days[-1]]
    assert course.outcome == outcome((first[0], last[0]), (first[1], last[1]))
