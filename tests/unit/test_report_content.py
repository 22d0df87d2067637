"""What a progress report says, from values: every sentence from the numbers,
the client's version in plain words without clinician-only findings, the
clinician's with them; edges: no data, one point, long periods."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mend.coping.analytics import Moment
from mend.reports import content
from mend.reports.content import (
    Agreement,
    Decision,
    GoalRow,
    HomeworkRow,
    Inputs,
    InstrumentFacts,
    PacingSignal,
    ProcessingSession,
    Score,
    StageMove,
)
from mend.reports.rules import SECTIONS, Period

START, END = date(2025, 12, 3), date(2026, 3, 2)
PERIOD = Period(START, END)
UNTIL = datetime(2026, 3, 3, tzinfo=UTC)
PHQ9 = InstrumentFacts(
    id="phq9", short_name="PHQ-9", name="Patient Health Questionnaire-9", threshold=6,
    cutoff=10, low=0, high=27,
)  # fmt: skip
GAD7 = InstrumentFacts(
    id="gad7", short_name="GAD-7", name="Generalized Anxiety Disorder-7", threshold=4,
    cutoff=8, low=0, high=21,
)  # fmt: skip
PTGI = InstrumentFacts(
    id="ptgi_sf", short_name="PTGI-SF", name="Posttraumatic Growth Inventory – Short Form",
    higher_is_worse=False, low=0, high=50,
    subscales=(("appreciation_of_life", "appreciation of life"),
               ("personal_strength", "personal strength")),
)  # fmt: skip
BRS = InstrumentFacts(
    id="brs", short_name="BRS", name="Brief Resilience Scale", higher_is_worse=False,
    low=1, high=5,
)  # fmt: skip


def at(day: int, hour: int = 10) -> datetime:
    """A time `day` days into the period."""
    return datetime(2025, 12, 3, hour, tzinfo=UTC) + timedelta(days=day)


def scores(*totals: float, band: str = "mild", every: int = 14) -> list[Score]:
    return [Score(at=at(i * every), total=t, band=band) for i, t in enumerate(totals)]


def build(audience: str = "clinician", **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "client_name": "Alice", "period": PERIOD, "zone": UTC, "audience": audience,
        "until": UNTIL,
    }  # fmt: skip
    return content.build(Inputs(**(base | kw)))


def moment(day: int, *, helpful: str = "helpful", before: int = 6, after: int = 3,
           sid: str = "box-breathing", **kw: Any) -> Moment:  # fmt: skip
    return Moment(
        at=at(day), distress_before=before, distress_after=after,
        strategies=((sid, helpful, kw.pop("orientation", "emotion")),), **kw,
    )  # fmt: skip


# ---------------------------------------------------------------- no data, the frame


@pytest.mark.parametrize("audience", ["client", "clinician"])
def test_with_nothing_recorded_it_says_so(audience: str) -> None:
    found = build(audience)
    assert found["summary"] == ["Nothing was recorded in this period."]
    assert found["measures"] == {"instruments": [], "paired": None, "paired_note": None}
    assert found["coping"]["weeks"] == [] and found["coping"]["what_works"] == []
    assert found["goals_homework"] == {"goals": [], "homework": [], "homework_months": None}
    assert found["healing"]["moves"] == [] and found["healing"]["stage_at_end"] is None
    assert found["period"] == {
        "from": "2025-12-03", "to": "2026-03-02", "days": 90,
        "words": "3 December 2025 to 2 March 2026",
    }  # fmt: skip
    json.dumps(found)  # it is the API's answer and the frozen copy: plain JSON


def test_sections_the_client_does_not_share_are_left_out_and_named() -> None:
    found = build(not_shared=("measures", "coping"), measures=[(PHQ9, scores(17, 5))])
    assert found["measures"] is None and found["coping"] is None
    assert found["not_shared"] == ["measures", "coping"]
    assert found["sections"] == ["goals_homework", "healing"]
    assert not any("PHQ-9" in line for line in found["summary"])


def test_sections_not_asked_for_are_simply_absent() -> None:
    found = build(sections=("healing",), not_shared=("measures",))
    assert found["sections"] == ["healing"] and found["not_shared"] == []
    assert found["measures"] is None and found["goals_homework"] is None


# ---------------------------------------------------------------- measures


def test_one_score_is_a_start_not_a_change() -> None:
    found = build(measures=[(PHQ9, scores(12))])
    (phq9,) = found["measures"]["instruments"]
    assert phq9["change"] is None and phq9["first"] == phq9["last"]
    assert found["summary"] == ["Nothing was recorded in this period."]


def test_symptoms_fell_reliably_with_their_category() -> None:
    found = build(measures=[(PHQ9, scores(17, 12, 5)), (GAD7, scores(14, 9, 4))])
    phq9 = found["measures"]["instruments"][0]
    assert phq9["change"]["category"] == "recovered" and phq9["change"]["reliable"]
    assert phq9["change"]["words"].startswith("Recovered")
    assert found["summary"][0] == (
        "Symptoms fell: PHQ-9 from 17 to 5 and GAD-7 from 14 to 4 (reliable improvements)."
    )
    assert found["summary"][1] == (
        "NHS Talking Therapies paired outcome (PHQ-9 and GAD-7): reliable recovery."
    )


def test_the_client_reads_the_same_change_in_plain_words() -> None:
    found = build("client", measures=[(PHQ9, scores(17, 5)), (GAD7, scores(14, 4))])
    assert found["summary"][0] == (
        "Your symptom scores fell: PHQ-9 from 17 to 5 and GAD-7 from 14 to 4 (real changes)."
    )
    assert found["summary"][1] == "Together, your PHQ-9 and GAD-7 show reliable recovery."
    assert found["measures"]["instruments"][0]["change"]["words"].startswith("A real improvement")


def test_a_reliable_rise_and_no_change_are_said_as_they_are() -> None:
    found = build(measures=[(PHQ9, scores(7, 17)), (GAD7, scores(9, 8))])
    assert "Symptoms rose: PHQ-9 from 7 to 17 (reliable deterioration)." in found["summary"]
    assert "No reliable change: GAD-7 from 9 to 8." in found["summary"]
    deterioration = found["measures"]["paired"]
    assert deterioration["headline"] == "reliable_deterioration"


def test_the_paired_outcome_needs_two_days_with_both() -> None:
    phq9 = [Score(at=at(0), total=15), Score(at=at(14), total=9)]
    gad7 = [Score(at=at(0), total=12), Score(at=at(15), total=6)]  # a day apart from PHQ-9
    found = build(measures=[(PHQ9, phq9), (GAD7, gad7)])
    assert found["measures"]["paired"] is None
    assert "not both answered on two different days" in found["measures"]["paired_note"]


def test_instruments_are_shown_symptoms_first_whatever_order_they_came_in() -> None:
    found = build(measures=[(BRS, scores(2.5)), (GAD7, scores(9)), (PHQ9, scores(9))])
    assert [m["id"] for m in found["measures"]["instruments"]] == ["phq9", "gad7", "brs"]


def test_growth_rose_with_its_domains_and_no_grade() -> None:
    ptgi = [
        Score(at=at(0), total=12, band="low", subscales={"appreciation_of_life": 2,
                                                          "personal_strength": 3}),
        Score(at=at(60), total=28, band="low", subscales={"appreciation_of_life": 6,
                                                           "personal_strength": 7}),
    ]  # fmt: skip
    found = build("client", measures=[(PTGI, ptgi), (BRS, scores(2.5, 3.17))])
    assert "Growth rose: PTGI-SF from 12 to 28." in found["summary"]
    assert "Growth rose: BRS from 2.5 to 3.17." in found["summary"]
    growth = found["measures"]["instruments"][0]
    assert growth["kind"] == "growth" and all(p["band"] is None for p in growth["points"])
    assert growth["domains"][0] == {
        "id": "appreciation_of_life", "name": "appreciation of life", "first": 2, "last": 6,
        "difference": 4,
    }  # fmt: skip
    assert "grade" not in json.dumps(found).lower()


def test_growth_that_dips_is_met_with_validation_not_judgement() -> None:
    found = build("client", measures=[(PTGI, scores(28, 20))])
    (line,) = found["summary"]
    assert line.startswith("Growth dipped: PTGI-SF from 28 to 20.")
    assert "hard stretches are part of it" in line


# ---------------------------------------------------------------- coping


def test_jar_balance_first_weeks_against_the_last() -> None:
    early = [moment(d, helpful="harmful", sid="drink") for d in range(0, 28, 3)]
    late = [moment(d) for d in range(56, 84, 3)]
    found = build(moments=early + late, strategy_names={"box-breathing": "Box breathing"})
    words = found["coping"]["balance_words"]
    # ISO weeks: the period starts on a Wednesday, so its first four weeks
    # hold 9 of the early moments and its last four 8 of the late ones.
    assert words == (
        "In the last 4 weeks with moments, only helpful ways were used in 8 of 8 moments "
        "(100 %). In the first 4 weeks of the period it was 0 of 9 (0 %)."
    )
    assert found["coping"]["balance_by"] == "week"


def test_what_helped_most_is_a_helpful_way_used_three_times_or_more() -> None:
    harmful = [moment(d, helpful="harmful", sid="drink", before=9, after=1) for d in range(5)]
    helpful = [moment(d, sid="walk", before=6, after=2) for d in range(10, 13)]
    once = [moment(20, sid="bath", before=9, after=0)]
    found = build(
        "client", moments=harmful + helpful + once,
        strategy_names={"drink": "A drink", "walk": "A walk", "bath": "A bath"},
    )  # fmt: skip
    assert found["coping"]["works_words"] == (
        "What helped you most: A walk (your distress fell by 4 points on average, over 3 uses)."
    )
    assert found["coping"]["what_works"][0]["name"] == "A drink"  # shown, never praised


def test_fit_and_grief_are_for_the_clinician_only() -> None:
    loss = [moment(80 + i % 5, loss_orientation="loss", controllability="cannot") for i in range(6)]
    clinician = build(moments=loss)["coping"]
    assert clinician["fit"]["judged"] == 6 and clinician["fit"]["rate_pct"] == 100
    assert clinician["dual_process"]["flag"] is True
    assert "loss-oriented" in clinician["dual_process"]["reason"]
    client = build("client", moments=loss)
    assert "fit" not in client["coping"] and "dual_process" not in client["coping"]
    assert "grief" not in json.dumps(client).lower()


def test_a_long_period_is_tabled_per_month() -> None:
    year = Period(date(2025, 3, 3), END)
    moments = [moment(d - 270) for d in range(0, 360, 2)]
    found = build(period=year, moments=moments)
    assert found["coping"]["balance_by"] == "month"
    months = [row["label"] for row in found["coping"]["balance"]]
    assert months[0] == "March 2025" and months[-1] == "March 2026" and len(months) == 13
    assert sum(row["total"] for row in found["coping"]["balance"]) == len(moments)


def test_the_month_switch_is_after_120_days() -> None:
    up_to = Period(END - timedelta(days=119), END)
    found = build(period=up_to, measures=[(PHQ9, scores(12, 9))])
    assert found["coping"]["balance_by"] == "week"
    assert found["measures"]["instruments"][0]["point_months"] is None
    longer = Period(END - timedelta(days=120), END)
    found = build(period=longer, measures=[(PHQ9, scores(12, 9))])
    assert found["coping"]["balance_by"] == "month"
    assert found["measures"]["instruments"][0]["point_months"] is not None


def test_a_long_periods_scores_are_all_tabled_per_month_in_order() -> None:
    year = Period(date(2025, 3, 3), END)
    found = build(
        period=year,
        measures=[
            (PHQ9, scores(14, 12.5, 9, band="moderate", every=10)),
            (BRS, scores(3, 3.5, every=30)),
        ],
    )
    phq9, brs = found["measures"]["instruments"]
    assert phq9["point_months"] == [
        {"month": "2025-12", "label": "December 2025",
         "scores": ["14 (moderate)", "12.5 (moderate)", "9 (moderate)"]},
    ]  # fmt: skip
    assert [m["scores"] for m in brs["point_months"]] == [["3"], ["3.5"]]  # growth: no band


# ---------------------------------------------------------------- goals and homework


def test_goals_and_homework_in_the_period() -> None:
    goals = [
        GoalRow(title="Walk three mornings a week", status="active",
                check_ins=((at(1), 3), (at(8), 5), (at(15), 7))),
        GoalRow(title="Plant the tomatoes", status="achieved"),
    ]  # fmt: skip
    homework = [
        HomeworkRow(title="Early warning signs", kind="worksheet", due_at=at(10),
                    status="completed", completed_at=at(9)),
        HomeworkRow(title="Read the leaflet", kind="reading", due_at=at(20), status="assigned"),
        HomeworkRow(title="Set aside", kind="reading", due_at=at(21), status="cancelled"),
        HomeworkRow(title="Next week", kind="reading", due_at=UNTIL + timedelta(days=3),
                    status="assigned"),
    ]  # fmt: skip
    found = build("client", goals=goals, homework=homework)
    work = found["goals_homework"]
    assert [g["status_words"] for g in work["goals"]] == ["Working on it", "Reached"]
    assert (work["goals"][0]["first_progress"], work["goals"][0]["last_progress"]) == (3, 7)
    assert [h["state"] for h in work["homework"]] == ["done", "not_done", "open"]
    assert "Your goals: 1 working on it and 1 reached. You checked in 3 times." in found["summary"]
    assert "You did 1 of 2 pieces of homework due in this period." in found["summary"]


# ---------------------------------------------------------------- healing journey


MOVES = [
    StageMove(at=at(2), from_stage=None, to_stage=1, reason="Safety first.", by="Tara"),
    StageMove(at=at(80), from_stage=1, to_stage=2, ready=True, reason="Ready.", by="Tara"),
]
SESSION = ProcessingSession(
    at=at(84), number=1, alert_at=at(85),
    signals=(PacingSignal(key="distress_rise", title="Distress after the session", slow_down=True),
             PacingSignal(key="harmful_use_rise", title="Harmful-strategy use after the session",
                          slow_down=False)),
    acknowledged_at=at(85, 15),
)  # fmt: skip


def test_the_clinician_reads_the_move_once_readiness_was_met_and_the_pacing_alert() -> None:
    decided = [Decision(at=at(79), decision="ready", ready=True, reason="Steady.")]
    found = build(moves=MOVES, sessions=[SESSION], decisions=decided)
    assert found["summary"] == [
        "Started in stage 1 (safety and stabilisation) on 5 December 2025.",
        "Moved from stage 1 to stage 2 (remembrance and mourning) on 21 February 2026 "
        "once readiness was met.",
        "A pacing alert on 26 February 2026 after the first processing session "
        "(25 February 2026) said to slow down (distress after the session); acknowledged on "
        "26 February 2026.",
    ]
    healing = found["healing"]
    assert healing["moves"][1]["reason"] == "Ready." and healing["decisions"][0]["reason"]
    assert healing["segments"] == [
        {"from": "2025-12-05", "stage": 1},
        {"from": "2026-02-21", "stage": 2},
    ]


def test_the_client_reads_their_journey_without_the_therapists_reasons() -> None:
    found = build("client", moves=MOVES, sessions=[SESSION],
                  decisions=[Decision(at=at(79), decision="ready", ready=True, reason="Steady.")],
                  agreements=[Agreement(at=at(78), agreed=True)])  # fmt: skip
    assert found["summary"][1] == (
        "You moved from “Feeling safe and steady” to “Making sense of what happened” (part 2) "
        "on 21 February 2026, once you were ready."
    )
    assert found["summary"][2] == (
        "After your first processing session on 25 February 2026, your distress was higher "
        "than usual, so Mend let your therapist know, to slow down together."
    )
    text = json.dumps(found)
    for secret in ("Safety first.", "Ready.", "Steady.", "Tara", "acknowledged"):
        assert secret not in text
    assert found["healing"]["agreements"][0]["words"] == "You said yes to trauma-focused work."


def test_an_override_is_named_as_such() -> None:
    move = StageMove(at=at(5), from_stage=1, to_stage=2, ready=False, override=True,
                     unmet=("Safety plan reviewed", "Client agrees"))  # fmt: skip
    (line,) = build(moves=[move])["summary"]
    assert line == (
        "Moved from stage 1 to stage 2 (remembrance and mourning) on 8 December 2025, with an "
        "override: readiness was not fully met (not met: Safety plan reviewed and Client agrees)."
    )
    client = build("client", moves=[move])["summary"][0]
    assert "once you were ready" not in client and "override" not in client


def test_a_stage_held_all_through_is_said_once() -> None:
    found = build("client", stage_before=2)
    assert found["summary"] == [
        "All through this period you were in “Making sense of what happened” (part 2)."
    ]
    assert found["healing"]["segments"] == [{"from": "2025-12-03", "stage": 2}]


def test_days_are_the_organisations_days() -> None:
    late = StageMove(at=datetime(2026, 1, 10, 23, 30, tzinfo=UTC), from_stage=None, to_stage=1)
    found = build(moves=[late], zone=ZoneInfo("Asia/Tokyo"))
    assert found["healing"]["moves"][0]["on"] == "2026-01-11"


# ---------------------------------------------------------------- the fingerprint


def test_the_fingerprint_is_of_what_it_says_not_when_it_was_drawn_up() -> None:
    report = build("client", measures=[(PHQ9, scores(17, 5))])
    stamped = report | {"generated_at": "2026-03-02T09:30:00+00:00", "release": {"to": "GP"}}
    assert content.fingerprint(report) == content.fingerprint(stamped)
    changed = build("client", measures=[(PHQ9, scores(17, 6))])
    assert content.fingerprint(changed) != content.fingerprint(report)
    assert len(content.fingerprint(report)) == 64


def test_every_section_is_known() -> None:
    assert set(build()) >= set(SECTIONS)
