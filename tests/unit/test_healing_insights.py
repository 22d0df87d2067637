"""Insights for the therapist (clinical-model §3): one-sided grieving and a low
goodness of fit become findings only past their named thresholds, each with
its numbers and a link to the evidence; every edge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mend.coping.analytics import Moment
from mend.healing.insights import (
    DEFAULT,
    Kind,
    Review,
    Thresholds,
    beside_readiness,
    mismatch_pattern,
    review,
    worth_discussing,
)

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
LINK = "/clients/c1/coping"
PLAN = ("plan", "helpful", "problem")
BREATHE = ("breathe", "helpful", "emotion")
SCROLL = ("scroll", "mixed", "avoidant")


def moment(
    *strategies: tuple[str, str, str],
    days_ago: float = 1,
    control: str | None = None,
    loss: str | None = None,
) -> Moment:
    return Moment(
        at=NOW - timedelta(days=days_ago),
        distress_before=6,
        strategies=tuple(strategies),
        controllability=control,
        loss_orientation=loss,
    )


def grief(*sides: str, days_ago: float = 1) -> list[Moment]:
    return [moment(BREATHE, days_ago=days_ago + i / 10, loss=side) for i, side in enumerate(sides)]


def kinds(found: Review) -> list[Kind]:
    return [f.kind for f in found.findings]


def test_no_moments_no_findings_but_it_says_what_was_checked() -> None:
    found = review([], now=NOW, evidence=LINK)
    assert found.findings == ()
    assert found.checked == (
        "Grief: no loss-related moments in the last 14 days.",
        "Goodness of fit: 0 moments with a controllability rating and a strategy in the last "
        "28 days; a finding needs 8.",
    )
    assert worth_discussing(found) is None


# ---------------------------------------------------------------- grief


def test_five_loss_moments_all_on_the_loss_side_is_a_finding() -> None:
    found = review(grief(*["loss"] * 5), now=NOW, evidence=LINK)
    [finding] = found.findings
    assert finding.kind is Kind.ONE_SIDED_GRIEF
    assert finding.title == "Grief coping all loss-oriented"
    assert finding.link == "/clients/c1/coping#grief-h"
    assert dict(finding.numbers) == {
        "loss": 5, "restoration": 0, "moments": 5, "days": 14, "minimum": 5, "side": "loss",
    }  # fmt: skip
    assert "all 5 loss-related moments were loss-oriented" in finding.sentence
    assert "gentle conversation" in finding.sentence


def test_all_on_the_restoration_side_is_one_sided_too() -> None:
    [finding] = review(grief(*["restoration"] * 6), now=NOW, evidence=LINK).findings
    assert finding.title == "Grief coping all restoration-oriented"
    assert finding.numbers["side"] == "restoration" and finding.numbers["restoration"] == 6


def test_four_loss_moments_are_not_enough() -> None:
    found = review(grief(*["loss"] * 4), now=NOW, evidence=LINK)
    assert kinds(found) == []
    assert found.checked[0] == (
        "Grief: 4 moments about a loss in the last 14 days; the one-sided check needs 5."
    )


def test_moving_between_both_sides_is_not_a_finding() -> None:
    found = review(grief("loss", "loss", "loss", "loss", "restoration"), now=NOW, evidence=LINK)
    assert kinds(found) == []
    assert found.checked[0] == (
        "Grief: in the last 14 days, loss-related moments moved between both sides "
        "(4 loss-oriented, 1 restoration-oriented)."
    )


def test_loss_moments_before_the_window_do_not_count() -> None:
    old = grief(*["loss"] * 3, days_ago=14.5)
    recent = grief("loss", "loss", days_ago=1)
    assert kinds(review(old + recent, now=NOW, evidence=LINK)) == []
    edge = [moment(BREATHE, days_ago=14, loss="loss"), *grief(*["loss"] * 4)]
    assert kinds(review(edge, now=NOW, evidence=LINK)) == [Kind.ONE_SIDED_GRIEF]


def test_the_grief_window_and_minimum_are_settings() -> None:
    strict = Thresholds(grief_days=7, grief_minimum=3)
    moments = grief("loss", "loss", "loss", days_ago=2) + grief("restoration", days_ago=10)
    assert kinds(review(moments, now=NOW, evidence=LINK, thresholds=strict)) == [
        Kind.ONE_SIDED_GRIEF
    ]
    assert kinds(review(moments, now=NOW, evidence=LINK)) == []


# ---------------------------------------------------------------- goodness of fit


def fitting(n: int) -> list[Moment]:
    return [moment(PLAN, days_ago=1 + i, control="can") for i in range(n)]


def test_a_low_fit_rate_with_enough_moments_is_a_finding_with_its_pattern() -> None:
    misses = [
        moment(BREATHE, days_ago=2, control="can"),
        moment(BREATHE, SCROLL, days_ago=3, control="can"),
        moment(BREATHE, days_ago=4, control="can"),
        moment(SCROLL, days_ago=5, control="can"),
        moment(PLAN, days_ago=6, control="cannot"),
        moment(SCROLL, days_ago=7, control="partly"),
    ]
    found = review(fitting(3) + misses, now=NOW, evidence=LINK)
    [finding] = found.findings
    assert finding.kind is Kind.LOW_FIT
    assert finding.title == "Low goodness of fit: 33 % in 28 days"
    assert finding.link == "/clients/c1/coping#fit-h"
    assert dict(finding.numbers) == {
        "judged": 9, "fits": 3, "mismatches": 6, "rate_percent": 33, "days": 28, "minimum": 8,
        "low_percent": 50, "mismatch_can_emotion": 3, "mismatch_can_avoidant": 1,
        "mismatch_cannot_problem": 1, "mismatch_partly_avoidant": 1,
    }  # fmt: skip
    assert finding.sentence.startswith(
        "In the last 28 days, 3 of 9 moments (33 %) were met with a way of coping that suited "
        "how much of the situation could be changed. Of the 6 that did not, 3 could be changed "
        "and were met with emotion-focused ways, no problem-solving; 1 could be changed and "
        "were met with avoidant ways only; 1 could not be changed and were met with "
        "problem-solving, no emotion-focused ways; 1 could partly be changed"
    )


def test_seven_judged_moments_are_not_enough() -> None:
    misses = [moment(BREATHE, days_ago=1 + i, control="can") for i in range(7)]
    found = review(misses, now=NOW, evidence=LINK)
    assert kinds(found) == []
    assert found.checked[1] == (
        "Goodness of fit: 7 moments with a controllability rating and a strategy in the last "
        "28 days; a finding needs 8."
    )


def test_exactly_half_fitting_is_not_low() -> None:
    misses = [moment(BREATHE, days_ago=10 + i, control="can") for i in range(4)]
    found = review(fitting(4) + misses, now=NOW, evidence=LINK)
    assert kinds(found) == []
    assert found.checked[1] == "Goodness of fit: 4 of 8 moments fitted in the last 28 days (50 %)."


def test_only_moments_with_controllability_and_a_strategy_in_the_window_are_judged() -> None:
    misses = [moment(BREATHE, days_ago=1 + i, control="can") for i in range(7)]
    unjudged = [
        moment(BREATHE, days_ago=1),  # no controllability
        moment(days_ago=1, control="can"),  # no strategy
        moment(BREATHE, days_ago=29, control="can"),  # before the window
    ]
    assert kinds(review(misses + unjudged, now=NOW, evidence=LINK)) == []
    edge = [*misses, moment(BREATHE, days_ago=28, control="can")]
    assert kinds(review(edge, now=NOW, evidence=LINK)) == [Kind.LOW_FIT]


def test_the_fit_window_minimum_and_rate_are_settings() -> None:
    moments = fitting(2) + [moment(BREATHE, days_ago=3 + i, control="can") for i in range(2)]
    loose = Thresholds(fit_days=7, fit_minimum=4, fit_low_rate=0.6)
    assert kinds(review(moments, now=NOW, evidence=LINK, thresholds=loose)) == [Kind.LOW_FIT]
    assert kinds(review(moments, now=NOW, evidence=LINK)) == []


def test_mismatch_pattern_counts_each_kind_most_common_first() -> None:
    moments = [
        moment(SCROLL, control="cannot"),
        moment(PLAN, control="cannot"),
        moment(PLAN, control="cannot"),
        moment(SCROLL, control="partly"),
        moment(BREATHE, control="cannot"),  # fits
        moment(PLAN, BREATHE, control="cannot"),  # fits: one suited way is enough
        moment(control="can"),  # not judged
    ]
    assert mismatch_pattern(moments) == {
        "cannot_problem": 2, "cannot_avoidant": 1, "partly_avoidant": 1,
    }  # fmt: skip
    assert mismatch_pattern([]) == {}


# ---------------------------------------------------------------- together


def test_both_findings_and_the_caseload_line() -> None:
    misses = [moment(BREATHE, days_ago=1 + i, control="can") for i in range(8)]
    found = review(grief(*["loss"] * 5) + misses, now=NOW, evidence=LINK)
    assert kinds(found) == [Kind.ONE_SIDED_GRIEF, Kind.LOW_FIT]
    assert found.checked == ()
    assert worth_discussing(found) == (
        "Worth discussing: grief coping all loss-oriented; low goodness of fit: 0 % in 28 days"
    )


def test_the_defaults_are_the_clinical_models_and_the_settings() -> None:
    assert (DEFAULT.grief_days, DEFAULT.grief_minimum) == (14, 5)
    assert (DEFAULT.fit_days, DEFAULT.fit_minimum, DEFAULT.fit_low_rate) == (28, 8, 0.5)
    assert DEFAULT.longest_days == 28


@pytest.mark.parametrize(
    ("stage", "decisions", "agreed", "shown"),
    [
        (2, 0, None, True),
        (1, 1, None, True),
        (1, 0, True, True),
        (1, 0, False, False),
        (1, 0, None, False),
        (3, 2, True, False),
        (None, 1, True, False),
    ],
)
def test_beside_readiness_in_stage_2_or_while_it_is_weighed(
    stage: int | None, decisions: int, agreed: bool | None, shown: bool
) -> None:
    assert beside_readiness(stage, decisions=decisions, agreed=agreed) is shown
