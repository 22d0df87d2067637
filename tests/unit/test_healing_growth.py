"""Growth beside symptoms (clinical-model §4): first / latest / change of every
series, and the sentences that put growth beside symptoms, on every edge."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mend.coping.analytics import WeekBalance
from mend.coping.charts import balance_sentence
from mend.healing import growth
from mend.healing.growth import (
    BRS,
    PTGI,
    GrowthSeries,
    Reading,
    SymptomSeries,
    Thresholds,
    Voice,
    domain_key,
    domain_series,
    growth_change,
    jar_sentence,
    summarise,
    symptom_change,
)
from mend.measures.change import reliable_change

T0 = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
THRESHOLDS = {"phq9": 6, "gad7": 4, "pcl5": 10, "core10": 6}
LABELS = {"phq9": "PHQ-9", "gad7": "GAD-7", "pcl5": "PCL-5", "core10": "CORE-10"}
# Words the view must never use about a person's growth or suffering.
NEVER = ("grade", "bounce", "resilien", "should", "must", "fail to", "failed", "poor")


def at(weeks: int) -> datetime:
    return T0 + timedelta(weeks=weeks)


def readings(*values: float) -> tuple[Reading, ...]:
    return tuple(Reading(at(4 * i), float(v)) for i, v in enumerate(values))


def symptom(key: str, *values: float) -> SymptomSeries:
    """A symptom series with the reliable change mend.measures.change gives it."""
    found = readings(*values)
    reliable = None
    if len(found) > 1:
        reliable = reliable_change(
            before=found[0].value, after=found[-1].value, threshold=THRESHOLDS[key]
        )
    return SymptomSeries(instrument_id=key, label=LABELS[key], readings=found, reliable=reliable)


def domain(name: str, *values: float) -> GrowthSeries:
    label = name.replace("_", " ")
    return GrowthSeries(key=domain_key(name), label=label, readings=readings(*values),
                        scale=(0, 10))  # fmt: skip


def total(*values: float) -> GrowthSeries:
    return GrowthSeries(key=PTGI, label="PTGI-SF total", readings=readings(*values), scale=(0, 50))


def brs(*values: float) -> GrowthSeries:
    return GrowthSeries(key=BRS, label="BRS", readings=readings(*values), scale=(1, 5))


def sentences(found: growth.Growth) -> str:
    return " ".join(found.summary)


def kind_words(text: str) -> None:
    lowered = text.lower()
    assert not [w for w in NEVER if w in lowered], text


# ---------------------------------------------------------------- the domains


def test_domain_series_follow_the_reference_order() -> None:
    points = [(at(0), {d: 1 for d in growth.PTGI_DOMAINS})]
    found = domain_series(points, names={})
    assert [s.key for s in found] == [domain_key(d) for d in growth.PTGI_DOMAINS]
    assert all(s.scale == (0.0, 10.0) for s in found)
    assert found[0].label == "appreciation of life"


def test_a_domain_missing_from_one_response_skips_only_that_response() -> None:
    points: list[tuple[datetime, dict[str, float | None]]] = [
        (at(0), {"personal_strength": 2, "relating_to_others": 3}),
        (at(4), {"personal_strength": None, "relating_to_others": 5}),
        (at(8), {"personal_strength": 6, "relating_to_others": 7}),
    ]
    found = {s.key: s for s in domain_series(points, names={"personal_strength": "strength"})}
    assert set(found) == {domain_key("personal_strength"), domain_key("relating_to_others")}
    strength = found[domain_key("personal_strength")]
    assert strength.label == "strength"
    assert [(r.at, r.value) for r in strength.readings] == [(at(0), 2.0), (at(8), 6.0)]
    assert len(found[domain_key("relating_to_others")].readings) == 3


def test_no_responses_no_domains() -> None:
    assert domain_series([], names={}) == []
    assert domain_series([(at(0), {})], names={}) == []


# ---------------------------------------------------------------- change


def test_one_symptom_score_is_a_start_not_a_change() -> None:
    found = symptom_change(symptom("phq9", 12))
    assert (found.count, found.difference, found.verdict, found.changed) == (1, None, None, False)
    assert found.first == found.latest == Reading(at(0), 12.0)


@pytest.mark.parametrize(
    ("values", "verdict", "difference"),
    [
        ((17, 12, 5), "improved", -12),
        ((7, 17), "deteriorated", 10),
        ((11, 10, 12, 10), "no_reliable_change", -1),
        ((15, 9), "improved", -6),  # exactly the published threshold is reliable
        ((15, 10), "no_reliable_change", -5),
    ],
)
def test_symptom_change_keeps_the_measures_verdict(
    values: tuple[int, ...], verdict: str, difference: int
) -> None:
    found = symptom_change(symptom("phq9", *values))
    assert (found.verdict, found.difference, found.count) == (verdict, difference, len(values))
    assert found.first is not None and found.first.value == values[0]
    assert found.latest is not None and found.latest.value == values[-1]
    assert found.explanation and "reliable" in found.explanation


def test_a_symptom_without_a_change_rule_has_no_verdict() -> None:
    series = SymptomSeries(instrument_id="phq9", label="PHQ-9", readings=readings(17, 5))
    found = symptom_change(series)
    assert (found.difference, found.verdict, found.explanation) == (-12, None, None)


def test_the_clinical_category_comes_with_a_change_only() -> None:
    series = symptom("phq9", 17, 5)
    with_category = SymptomSeries(
        instrument_id="phq9", label="PHQ-9", readings=series.readings,
        reliable=series.reliable, category="recovered",
    )  # fmt: skip
    assert symptom_change(with_category).category == "recovered"
    one = SymptomSeries(instrument_id="phq9", label="PHQ-9", readings=readings(17),
                        reliable=series.reliable, category="recovered")  # fmt: skip
    assert (symptom_change(one).verdict, symptom_change(one).category) == (None, None)


@pytest.mark.parametrize(
    ("series", "verdict"),
    [
        (domain("personal_strength", 2, 4), "grew"),  # exactly 2 of 10: grew
        (domain("personal_strength", 2, 3), "about_the_same"),
        (domain("personal_strength", 6, 4), "lower"),
        (domain("personal_strength", 6, 5), "about_the_same"),
        (total(20, 25), "grew"),
        (total(20, 24), "about_the_same"),
        (total(25, 20), "lower"),
        (brs(2.5, 3.0), "grew"),
        (brs(2.5, 2.83), "about_the_same"),
        (brs(3.5, 3.0), "lower"),
        (domain("personal_strength", 5), None),
    ],
)
def test_growth_change_against_its_threshold(series: GrowthSeries, verdict: str | None) -> None:
    found = growth_change(series)
    assert found.verdict == verdict
    if verdict is None:
        assert (found.difference, found.explanation) == (None, None)
    else:
        assert found.explanation and "no published reliable-change threshold" in found.explanation


def test_growth_thresholds_are_settings() -> None:
    strict = Thresholds(domain=5, total=10, brs=1)
    assert growth_change(domain("personal_strength", 2, 6), thresholds=strict).verdict == (
        "about_the_same"
    )
    assert growth_change(brs(2.0, 3.0), thresholds=strict).verdict == "grew"


def test_readings_out_of_order_are_refused() -> None:
    backwards = (Reading(at(4), 5.0), Reading(at(0), 9.0))
    with pytest.raises(ValueError, match="time order"):
        symptom_change(SymptomSeries(instrument_id="phq9", label="PHQ-9", readings=backwards))
    with pytest.raises(ValueError, match="time order"):
        growth_change(GrowthSeries(key=BRS, label="BRS", readings=backwards, scale=(1, 5)))


# ---------------------------------------------------------------- the sentences


def test_no_data_at_all() -> None:
    found = summarise([], [])
    assert (found.symptoms, found.growth) == ((), ())
    assert found.summary == (
        "No symptom questionnaires (PHQ-9, GAD-7, PCL-5, CORE-10) completed yet.",
        "No PTGI-SF or BRS yet, so growth is not measured.",
    )
    mine = summarise([], [], voice=Voice.CLIENT)
    assert mine.summary == (
        "You have not answered any questionnaires about how you have been feeling yet.",
    )


def test_series_without_readings_are_left_out() -> None:
    empty = SymptomSeries(instrument_id="gad7", label="GAD-7", readings=())
    found = summarise([empty], [brs()])
    assert (found.symptoms, found.growth) == ((), ())


def test_one_point_each_says_change_shows_later() -> None:
    found = summarise([symptom("phq9", 12)], [total(14), brs(3.0)])
    assert found.summary == (
        "One score so far for PHQ-9; change shows from the second.",
        "One growth score so far (PTGI-SF or BRS); change shows from the second.",
    )
    mine = summarise([symptom("phq9", 12)], [brs(3.0)], voice=Voice.CLIENT)
    assert mine.summary == (
        "You have answered low mood (PHQ-9) once so far; change shows from the next time.",
        "You have answered the questions about growth once so far.",
    )


def test_symptoms_ease_and_growth_shows_in_one_sentence() -> None:
    found = summarise(
        [symptom("phq9", 17, 11, 5), symptom("gad7", 14, 9, 4)],
        [total(12, 20, 30), domain("personal_strength", 2, 5, 8),
         domain("spiritual_change", 1, 1, 2), brs(2.33, 3.0, 3.67)],
    )  # fmt: skip
    assert found.summary == (
        "Symptoms have eased: PHQ-9 from 17 to 5 and GAD-7 from 14 to 4 (reliable "
        "improvement), and growth is showing in personal strength (2 to 8) and BRS "
        "(2.33 to 3.67).",
    )
    assert [c.verdict for c in found.growth] == ["grew", "grew", "about_the_same", "grew"]
    kind_words(sentences(found))


def test_the_client_reads_the_same_in_plain_words() -> None:
    found = summarise(
        [symptom("phq9", 17, 5), symptom("pcl5", 46, 40)],
        [domain("personal_strength", 2, 8), domain("relating_to_others", 3, 7), brs(2.5, 3.67)],
        voice=Voice.CLIENT,
    )
    assert found.summary == (
        "Your answers show some things have eased: low mood (PHQ-9) from 17 to 5. That is a "
        "clear change, bigger than everyday ups and downs.",
        "Some of your answers are close to where they started: stress after what happened "
        "(PCL-5) from 46 to 40.",
        "Your answers also show growth in your own strength (2 to 8), closeness with others "
        "(3 to 7) and getting through hard times (BRS), 2.5 to 3.67.",
    )
    kind_words(sentences(found))
    assert "reliable" not in sentences(found) and "deterioration" not in sentences(found)


def test_symptoms_rising_come_first_and_growth_sits_beside_them() -> None:
    found = summarise(
        [symptom("phq9", 7, 17), symptom("gad7", 14, 4)],
        [domain("relating_to_others", 3, 6)],
    )
    assert found.summary == (
        "Symptoms are harder now: PHQ-9 from 7 to 17 (reliable deterioration).",
        "Some symptoms have eased: GAD-7 from 14 to 4 (reliable improvement).",
        "Growth is showing too, in relating to others (3 to 6): growth and distress often "
        "sit side by side.",
    )
    mine = summarise([symptom("phq9", 7, 17)], [], voice=Voice.CLIENT)
    assert mine.summary[0].startswith("Some of your answers are higher than when you started")
    assert "Hard times are part of healing" in mine.summary[0]
    kind_words(sentences(found) + sentences(mine))


def test_growth_without_symptom_change_is_still_healing() -> None:
    found = summarise([symptom("phq9", 11, 10)], [domain("appreciation_of_life", 3, 7)])
    assert found.summary == (
        "No reliable change yet: PHQ-9 from 11 to 10.",
        "Growth is showing in appreciation of life (3 to 7): healing is more than fewer symptoms.",
    )


def test_no_growth_is_not_failure() -> None:
    found = summarise([symptom("phq9", 17, 5)], [total(20, 21), brs(3.0, 3.17)])
    assert found.summary[-1] == (
        "Growth measures are about where they started. No growth yet is not failure: growth "
        "is not expected on a timetable."
    )
    mine = summarise([symptom("phq9", 17, 5)], [total(20, 21)], voice=Voice.CLIENT)
    assert mine.summary[-1] == (
        "Your answers about growth are about where they started. That is okay: there is no "
        "right amount of growth and no timetable for it."
    )
    kind_words(sentences(found) + sentences(mine))


def test_lower_growth_is_named_gently() -> None:
    found = summarise(
        [symptom("gad7", 14, 4)],
        [total(30, 24), domain("spiritual_change", 6, 2), domain("personal_strength", 3, 6)],
    )
    assert found.summary == (
        "Symptoms have eased: GAD-7 from 14 to 4 (reliable improvement), and growth is "
        "showing in personal strength (3 to 6).",
        "Lower than at the start: spiritual change (6 to 2). Growth is not a straight line; a "
        "lower score is not failure and may be worth exploring gently.",
    )
    mine = summarise([], [domain("spiritual_change", 6, 2)], voice=Voice.CLIENT)
    assert "Growth does not go in a straight line, and that is okay." in mine.summary[-1]


def test_the_total_speaks_only_when_no_domain_grew() -> None:
    spread = summarise([], [total(10, 20), domain("personal_strength", 2, 3)])
    assert "growth is showing in PTGI-SF total (10 to 20)" in sentences(spread).replace(
        "Growth is showing", "growth is showing"
    )
    focused = summarise([], [total(10, 20), domain("personal_strength", 2, 6)])
    assert "PTGI-SF total" not in sentences(focused)
    assert "personal strength (2 to 6)" in sentences(focused)


def test_missing_domains_are_simply_not_mentioned() -> None:
    found = summarise([symptom("phq9", 17, 5)], [domain("personal_strength", 2, 8)])
    assert [c.key for c in found.growth] == [domain_key("personal_strength")]
    assert "appreciation" not in sentences(found) and "spiritual" not in sentences(found)


def test_a_mix_of_one_and_many_scores() -> None:
    found = summarise([symptom("phq9", 17, 5), symptom("core10", 20)], [brs(2.0)])
    assert found.summary == (
        "Symptoms have eased: PHQ-9 from 17 to 5 (reliable improvement).",
        "One score so far for CORE-10; change shows from the second.",
        "One growth score so far (PTGI-SF or BRS); change shows from the second.",
    )


# ---------------------------------------------------------------- the jar


def week(day: date, helpful: int, harmful: int = 0) -> WeekBalance:
    return WeekBalance(week_start=day, helpful_only=helpful, some_harmful=harmful,
                       only_harmful=0, other=0)  # fmt: skip


def test_jar_sentence_without_moments() -> None:
    assert jar_sentence([]) == "No moments with strategies logged yet, so there is no jar balance."


def test_jar_sentence_compares_the_first_and_the_last_weeks() -> None:
    weeks = [week(date(2026, 1, 5) + timedelta(weeks=i), i + 1, 4 - min(i, 4)) for i in range(9)]
    assert jar_sentence(weeks) == (
        "In the last 4 weeks with moments, 30 of 30 moments used only helpful strategies "
        "(100 %). In the first 4 weeks: 10 of 20 (50 %)."
    )
    assert jar_sentence(weeks[:1]) == (
        "In the last 1 week with moments, 1 of 5 moments used only helpful strategies (20 %)."
    )


def test_the_client_reads_the_words_of_their_own_jar_page() -> None:
    weeks = [week(date(2026, 1, 5), 3, 1)]
    assert jar_sentence(weeks, voice=Voice.CLIENT) == balance_sentence(weeks)
