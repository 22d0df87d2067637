"""Instrument definitions: the shipped files say exactly what instruments.md says,
and the loader refuses (naming file and field) any definition it could not score.

Every expected value below is copied from shared/reference/instruments.md, not
from the TOML files, so a drifted file fails here.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from mend.measures import (
    DefinitionError,
    definitions,
    instruments,
    load_definition,
    parse_definition,
)
from mend.measures.definitions import loinc_is_valid
from mend.measures.scoring import Scorer

SHIPPED = ("phq9", "gad7", "pcl5", "brief_cope", "core10", "ptgi_sf", "brs", "who5")

# instruments.md, item wordings (verbatim).
ITEMS: dict[str, list[str]] = {
    "phq9": [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        (
            "Feeling bad about yourself — or that you are a failure or have let yourself or "
            "your family down"
        ),
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        (
            "Moving or speaking so slowly that other people could have noticed. Or the "
            "opposite — being so fidgety or restless that you have been moving around a lot "
            "more than usual"
        ),
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
    ],
    "gad7": [
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ],
    "pcl5": [
        "Repeated, disturbing, and unwanted memories of the stressful experience?",
        "Repeated, disturbing dreams of the stressful experience?",
        (
            "Suddenly feeling or acting as if the stressful experience were actually "
            "happening again (as if you were actually back there reliving it)?"
        ),
        "Feeling very upset when something reminded you of the stressful experience?",
        (
            "Having strong physical reactions when something reminded you of the stressful "
            "experience (for example, heart pounding, trouble breathing, sweating)?"
        ),
        "Avoiding memories, thoughts, or feelings related to the stressful experience?",
        (
            "Avoiding external reminders of the stressful experience (for example, people, "
            "places, conversations, activities, objects, or situations)?"
        ),
        "Trouble remembering important parts of the stressful experience?",
        (
            "Having strong negative beliefs about yourself, other people, or the world (for "
            "example, having thoughts such as: I am bad, there is something seriously wrong "
            "with me, no one can be trusted, the world is completely dangerous)?"
        ),
        "Blaming yourself or someone else for the stressful experience or what happened after it?",
        "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
        "Loss of interest in activities that you used to enjoy?",
        "Feeling distant or cut off from other people?",
        (
            "Trouble experiencing positive feelings (for example, being unable to feel "
            "happiness or have loving feelings for people close to you)?"
        ),
        "Irritable behavior, angry outbursts, or acting aggressively?",
        "Taking too many risks or doing things that could cause you harm?",
        'Being "superalert" or watchful or on guard?',
        "Feeling jumpy or easily startled?",
        "Having difficulty concentrating?",
        "Trouble falling or staying asleep?",
    ],
    "brief_cope": [
        "turning to work or other activities to take my mind off things",
        "concentrating my efforts on doing something about the situation I'm in",
        'saying to myself "this isn\'t real"',
        "using alcohol or other drugs to make myself feel better",
        "getting emotional support from others",
        "giving up trying to deal with it",
        "taking action to try to make the situation better",
        "refusing to believe that it has happened",
        "saying things to let my unpleasant feelings escape",
        "getting help and advice from other people",
        "using alcohol or other drugs to help me get through it",
        "trying to see it in a different light, to make it seem more positive",
        "criticizing myself",
        "trying to come up with a strategy about what to do",
        "getting comfort and understanding from someone",
        "giving up the attempt to cope",
        "looking for something good in what is happening",
        "making jokes about it",
        (
            "doing something to think about it less, such as going to movies, watching TV, "
            "reading, daydreaming, sleeping, or shopping"
        ),
        "accepting the reality of the fact that it has happened",
        "expressing my negative feelings",
        "trying to find comfort in my religion or spiritual beliefs",
        "trying to get advice or help from other people about what to do",
        "learning to live with it",
        "thinking hard about what steps to take",
        "blaming myself for things that happened",
        "praying or meditating",
        "making fun of the situation",
    ],
    "core10": [
        "I have felt tense, anxious or nervous",
        "I have felt I have someone to turn to for support when needed",
        "I have felt able to cope when things go wrong",
        "Talking to people has felt too much for me",
        "I have felt panic or terror",
        "I made plans to end my life",
        "I have had difficulty getting to sleep or staying asleep",
        "I have felt despairing or hopeless",
        "I have felt unhappy",
        "Unwanted images or memories have been distressing me",
    ],
    "ptgi_sf": [
        "I changed my priorities about what is important in life",
        "I have a greater appreciation for the value of my own life",
        "I am able to do better things with my life",
        "I have a better understanding of spiritual matters",
        "I have a greater sense of closeness with others",
        "I established a new path for my life",
        "I know better that I can handle difficulties",
        "I have a stronger religious faith",
        "I discovered that I'm stronger than I thought I was",
        "I learned a great deal about how wonderful people are",
    ],
    "brs": [
        "I tend to bounce back quickly after hard times",
        "I have a hard time making it through stressful events",
        "It does not take me long to recover from a stressful event",
        "It is hard for me to snap back when something bad happens",
        "I usually come through difficult times with little trouble",
        "I tend to take a long time to get over set-backs in my life",
    ],
    "who5": [
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ],
}

# instruments.md, answers (value, label); None where the reference gives no label.
FREQUENCY = [
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
]
ANSWERS: dict[str, list[tuple[int, str | None]]] = {
    "phq9": FREQUENCY,
    "gad7": FREQUENCY,
    "pcl5": [
        (0, "Not at all"),
        (1, "A little bit"),
        (2, "Moderately"),
        (3, "Quite a bit"),
        (4, "Extremely"),
    ],
    "brief_cope": [
        (1, "I haven't been doing this at all"),
        (2, "I've been doing this a little bit"),
        (3, "I've been doing this a medium amount"),
        (4, "I've been doing this a lot"),
    ],
    "core10": [
        (0, "Not at all"),
        (1, "Only occasionally"),
        (2, "Sometimes"),
        (3, "Often"),
        (4, "Most or all of the time"),
    ],
    "ptgi_sf": [
        (0, "I did not experience this change as a result of my crisis"),
        (1, "to a very small degree"),
        (2, "to a small degree"),
        (3, "to a moderate degree"),
        (4, "to a great degree"),
        (5, "to a very great degree"),
    ],
    "brs": [(1, "strongly disagree"), (2, None), (3, None), (4, None), (5, "strongly agree")],
    "who5": [
        (5, "All of the time"),
        (4, "Most of the time"),
        (3, "More than half of the time"),
        (2, "Less than half of the time"),
        (1, "Some of the time"),
        (0, "At no time"),
    ],
}
STEMS: dict[str, str | None] = {
    "phq9": (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    "gad7": (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    "pcl5": "In the past month, how much were you bothered by:",
    "brief_cope": "I've been …",
    "core10": "Over the last week…",
    "ptgi_sf": None,
    "brs": None,
    "who5": "Over the last two weeks…",
}
PHQ9_DIFFICULTY = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)
# instruments.md, licence classes.
LICENCES = {
    "phq9": ("public-domain", True),
    "gad7": ("public-domain", True),
    "pcl5": ("public-domain", True),
    "brief_cope": ("free-with-attribution", True),
    "core10": ("free-with-attribution", True),
    "ptgi_sf": ("permission-unverified", False),
    "brs": ("permission-unverified", False),
    "who5": ("non-commercial", False),
}
# instruments.md: bands as (min, max, name), inclusive.
BANDS: dict[str, list[tuple[float, float, str]]] = {
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
    # low < 3.00, normal 3.00-4.30, high > 4.30 on the 0.01 grid of the rounded mean
    "brs": [(1.0, 2.99, "low"), (3.0, 4.3, "normal"), (4.31, 5.0, "high")],
    "pcl5": [],
    "ptgi_sf": [],
    "who5": [],
    "brief_cope": [],
}
RANGES = {
    "phq9": (0, 27),
    "gad7": (0, 21),
    "pcl5": (0, 80),
    "core10": (0, 40),
    "ptgi_sf": (0, 50),
    "brs": (1.0, 5.0),
    "who5": (0, 25),
    "brief_cope": None,
}
LOINC_ITEMS = {
    "phq9": [
        "44250-9",
        "44255-8",
        "44259-0",
        "44254-1",
        "44251-7",
        "44258-2",
        "44252-5",
        "44253-3",
        "44260-8",
    ],
    "gad7": ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"],
}
LOINC_PANELS = {
    "phq9": ("44249-1", "44261-6"),
    "gad7": ("69737-5", "70274-6"),
    "pcl5": ("101697-1", "101698-9"),
}
BRIEF_COPE_SCALES = {
    "self_distraction": (1, 19),
    "active_coping": (2, 7),
    "denial": (3, 8),
    "substance_use": (4, 11),
    "emotional_support": (5, 15),
    "instrumental_support": (10, 23),
    "behavioural_disengagement": (6, 16),
    "venting": (9, 21),
    "positive_reframing": (12, 17),
    "planning": (14, 25),
    "humour": (18, 28),
    "acceptance": (20, 24),
    "religion": (22, 27),
    "self_blame": (13, 26),
}
BRIEF_COPE_GROUPINGS = {
    "problem_focused": {"active_coping", "planning", "instrumental_support"},
    "emotion_focused": {
        "acceptance",
        "emotional_support",
        "humour",
        "positive_reframing",
        "religion",
    },
    "avoidant": {
        "denial",
        "self_distraction",
        "substance_use",
        "behavioural_disengagement",
        "venting",
        "self_blame",
    },
}
PTGI_DOMAINS = {
    "appreciation_of_life": (1, 2),
    "new_possibilities": (3, 6),
    "spiritual_change": (4, 8),
    "relating_to_others": (5, 10),
    "personal_strength": (7, 9),
}
PCL5_CLUSTERS = {
    "B": tuple(range(1, 6)),
    "C": (6, 7),
    "D": tuple(range(8, 15)),
    "E": tuple(range(15, 21)),
}


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return instruments()


# ---------------------------------------------------------------- shipped files


def test_exactly_the_eight_instruments_ship_as_package_data() -> None:
    """DESIGN.md contract: ids phq9, gad7, pcl5, core10, brief_cope, ptgi_sf, brs, who5."""
    folder = resources.files("mend.measures").joinpath("instruments")
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".toml"))
    assert names == sorted(f"{i}.toml" for i in SHIPPED)
    assert set(instruments()) == set(SHIPPED)


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_every_item_text_is_the_reference_wording(shipped, instrument_id: str) -> None:  # type: ignore[no-untyped-def]
    """instruments.md: item wordings reproduced verbatim, in the reference's order."""
    assert [item.text for item in shipped[instrument_id].scored_items] == ITEMS[instrument_id]


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_every_answer_label_is_the_reference_wording(shipped, instrument_id: str) -> None:  # type: ignore[no-untyped-def]
    """instruments.md: answer values and labels verbatim (BRS: only the ends are labelled)."""
    for item in shipped[instrument_id].scored_items:
        assert [(o.value, o.label) for o in item.answers] == ANSWERS[instrument_id]


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_the_stem_is_the_reference_wording(shipped, instrument_id: str) -> None:  # type: ignore[no-untyped-def]
    assert shipped[instrument_id].stem == STEMS[instrument_id]


def test_phq9_item_10_difficulty_is_unscored_with_its_own_answers(shipped) -> None:  # type: ignore[no-untyped-def]
    """instruments.md PHQ-9: unscored item 10 (difficulty) and its four answers."""
    item = shipped["phq9"].items[9]
    assert (item.number, item.key, item.scored, item.text) == (
        10,
        "difficulty",
        False,
        PHQ9_DIFFICULTY,
    )
    assert [o.label for o in item.answers] == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_licence_class_decides_what_ships_enabled(shipped, instrument_id: str) -> None:  # type: ignore[no-untyped-def]
    """instruments.md licence classes: public-domain and free-with-attribution ship
    enabled; permission-unverified and non-commercial ship disabled."""
    instrument = shipped[instrument_id]
    assert (instrument.licence, instrument.enabled_by_default) == LICENCES[instrument_id]
    assert instrument.citation and instrument.name and instrument.short_name


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_bands_and_range_are_the_reference_ones(shipped, instrument_id: str) -> None:  # type: ignore[no-untyped-def]
    """instruments.md: totals and bands (PCL-5 and PTGI-SF have none; WHO-5 uses cut-offs)."""
    scoring = shipped[instrument_id].scoring
    assert [(b.min, b.max, b.name) for b in scoring.bands] == BANDS[instrument_id]
    assert scoring.range == RANGES[instrument_id]


def test_scoring_methods_reverse_items_and_missing_rules(shipped) -> None:  # type: ignore[no-untyped-def]
    """instruments.md: CORE-10 = 10 x mean, reverse 2 and 3 (4 - answer); BRS = mean,
    reverse 2, 4, 6 (6 - answer); PHQ-9 up to 2 missing, GAD-7 1, CORE-10 1, the
    rest (PCL-5 and WHO-5 by the reference, the others by convention) none."""
    rules = {
        i: (
            s.scoring.method,
            s.scoring.reverse,
            s.scoring.reverse_base,
            s.scoring.missing.max_missing,
            s.scoring.missing.prorate,
        )
        for i, s in shipped.items()
    }
    assert rules == {
        "phq9": ("sum", (), None, 2, "mean"),
        "gad7": ("sum", (), None, 1, "mean"),
        "pcl5": ("sum", (), None, 0, "none"),
        "core10": ("scaled_mean", (2, 3), 4, 1, "mean"),
        "brief_cope": ("none", (), None, 0, "none"),
        "ptgi_sf": ("sum", (), None, 0, "none"),
        "brs": ("mean", (2, 4, 6), 6, 0, "none"),
        "who5": ("sum", (), None, 0, "none"),
    }
    assert shipped["core10"].scoring.scale == 10
    assert all(s.scoring.missing.rounding == "half_up" for s in shipped.values())


def test_cutoffs_reliable_change_and_direction(shipped) -> None:  # type: ignore[no-untyped-def]
    """instruments.md: caseness PHQ-9 10, GAD-7 8; CORE-10 cut-off 11; PCL-5 probable
    PTSD 33 (a setting); WHO-5 poor wellbeing at raw <= 12. Reliable change PHQ-9 6,
    GAD-7 4, PCL-5 10, CORE-10 6. BRS, WHO-5, PTGI-SF: higher is better."""
    facts = {
        i: (
            (s.cutoff.name, s.cutoff.value) if s.cutoff else None,
            s.change.reliable_change,
            s.higher_is_worse,
        )
        for i, s in shipped.items()
    }
    assert facts == {
        "phq9": (("caseness", 10), 6, True),
        "gad7": (("caseness", 8), 4, True),
        "pcl5": (("probable_ptsd", 33), 10, True),
        "core10": (("clinical", 11), 6, True),
        "brief_cope": (None, None, None),
        "ptgi_sf": (None, None, False),
        "brs": (None, None, False),
        "who5": (("poor_wellbeing", 12), None, False),
    }
    assert all(s.change.norms is None for s in shipped.values())  # none in the reference


def test_risk_flags_and_who5_flags(shipped) -> None:  # type: ignore[no-untyped-def]
    """instruments.md: PHQ-9 item 9 >= 1 and CORE-10 item 6 > 0 are positive risk
    screens; WHO-5 raw <= 7 is likely depression."""
    flags = {
        i: [(f.name, f.source, f.items, f.at_least, f.at_most) for f in s.flags]
        for i, s in shipped.items()
    }
    assert flags["phq9"] == [("risk", "items", (9,), 1, None)]
    assert flags["core10"] == [("risk", "items", (6,), 1, None)]
    assert flags["who5"] == [("likely_depression", "total", (), None, 7)]
    assert all(not flags[i] for i in ("gad7", "pcl5", "brief_cope", "ptgi_sf", "brs"))
    assert [d.id for d in shipped["who5"].scoring.derived] == ["percentage"]
    assert shipped["who5"].scoring.derived[0].multiplier == 4


def test_loinc_codes_are_the_reference_ones(shipped) -> None:  # type: ignore[no-untyped-def]
    """instruments.md LOINC codes; no code for Brief COPE, CORE-10, PTGI-SF, BRS, WHO-5."""
    for instrument_id, codes in LOINC_ITEMS.items():
        assert [item.loinc for item in shipped[instrument_id].scored_items] == codes
    for instrument_id, instrument in shipped.items():
        expected = LOINC_PANELS.get(instrument_id, (None, None))
        assert (instrument.loinc_panel, instrument.loinc_total) == expected
        if instrument_id not in LOINC_ITEMS:
            assert all(item.loinc is None for item in instrument.items)


def test_loinc_check_digits() -> None:
    """LOINC mod-10 check digit: every code in the reference passes, a typo does not."""
    codes = [c for cs in LOINC_ITEMS.values() for c in cs]
    codes += [c for pair in LOINC_PANELS.values() for c in pair]
    assert all(loinc_is_valid(code) for code in codes)
    assert not loinc_is_valid("44261-7")
    assert not loinc_is_valid("4426-16")
    assert not loinc_is_valid("LP1234-5")


def test_pcl5_clusters(shipped) -> None:  # type: ignore[no-untyped-def]
    """instruments.md PCL-5: clusters B 1-5, C 6-7, D 8-14, E 15-20."""
    assert {s.id: s.items for s in shipped["pcl5"].scoring.subscales} == PCL5_CLUSTERS


def test_brief_cope_scales_and_groupings(shipped) -> None:  # type: ignore[no-untyped-def]
    """instruments.md Brief COPE: the 14 two-item scales (each 2-8), no total, and the
    problem-focused, emotion-focused and avoidant groupings."""
    scoring = shipped["brief_cope"].scoring
    assert {s.id: s.items for s in scoring.subscales} == BRIEF_COPE_SCALES
    assert {s.range for s in scoring.subscales} == {(2, 8)}
    assert {g.id: set(g.subscales) for g in scoring.groupings} == BRIEF_COPE_GROUPINGS
    assert scoring.range is None and not scoring.bands


def test_ptgi_sf_domains(shipped) -> None:  # type: ignore[no-untyped-def]
    """instruments.md PTGI-SF: five two-item domains, each 0-10, total 0-50, no cut-offs."""
    scoring = shipped["ptgi_sf"].scoring
    assert {s.id: s.items for s in scoring.subscales} == PTGI_DOMAINS
    assert {s.range for s in scoring.subscales} == {(0, 10)}
    assert shipped["ptgi_sf"].cutoff is None and not shipped["ptgi_sf"].flags


def test_phq9_depressive_syndrome_algorithm_is_optional_and_cited(shipped) -> None:  # type: ignore[no-untyped-def]
    """Kroenke, Spitzer & Williams 2001: >= 2 ("more than half the days") counts, item 9
    at >= 1; item 1 or 2 must be among them; run only when asked."""
    [algorithm] = shipped["phq9"].algorithms
    assert algorithm.optional and "Kroenke" in algorithm.citation and "2001" in algorithm.citation
    assert [algorithm.threshold(n) for n in range(1, 10)] == [2] * 8 + [1]


@pytest.mark.parametrize(
    ("instrument_id", "words"),
    [
        ("gad7", ["Unverified", "missing"]),
        ("pcl5", ["Unverified", "missing", "31–33"]),
        ("ptgi_sf", ["Unverified", "order"]),
        ("phq9", ["round", "half-up"]),
        ("core10", ["half-up", "secondary"]),
        ("brs", ["2–4", "half-up"]),
        ("brief_cope", ["missing"]),
    ],
)
def test_conventions_name_every_unverified_rule(
    shipped, instrument_id: str, words: list[str]
) -> None:  # type: ignore[no-untyped-def]
    """instruments.md: "Where a rule could not be confirmed it says unverified:
    implement the stated convention, name it in the instrument file"."""
    text = " ".join(shipped[instrument_id].conventions)
    assert all(word in text for word in words), text


def test_shipped_definitions_compile_into_scorers(shipped) -> None:  # type: ignore[no-untyped-def]
    for instrument in shipped.values():
        assert Scorer(instrument).instrument is instrument


# ---------------------------------------------------------------- an organisation's import

SCREENER_SOURCE = "cssrs_screener.toml"
# A licensed screener an organisation imports (instruments.md: not-shipped). The
# wording is a placeholder: the real screener text must never be in this project.
SCREENER = """
id = "cssrs_screener"
name = "Imported screener (test fixture)"
short_name = "Screener"
citation = "Placeholder citation for the organisation's licensed copy."
licence = "not-shipped"
licence_note = "Imported by the organisation under its own licence."
enabled_by_default = false
conventions = ["Test fixture: placeholder wording only."]

[[answers]]
value = 0
label = "No"

[[answers]]
value = 1
label = "Yes"

[[items]]
number = 1
text = "Screener question 1"

[[items]]
number = 2
text = "Screener question 2"

[[items]]
number = 3
text = "Screener question 3"

[[items]]
number = 4
text = "Screener question 4"

[[items]]
number = 5
text = "Screener question 5"

[[items]]
number = 6
text = "Screener question 6"

[[items]]
number = 7
text = "Screener question 7"
scored = false
answers = [{ value = 0, label = "No" }, { value = 1, label = "Yes" }]

[scoring]
method = "none"

[scoring.missing]
max_missing = 3
prorate = "none"

[[flags]]
name = "risk"
source = "items"
items = [3, 4, 5, 6]
at_least = 1

[[flags]]
name = "recent"
source = "items"
items = [7]
at_least = 1
"""


def screener_data() -> dict[str, Any]:
    return tomllib.loads(SCREENER)


def test_an_imported_licensed_screener_loads_through_the_same_loader(tmp_path: Path) -> None:
    """instruments.md not-shipped: an organisation may import its licensed definition."""
    path = tmp_path / SCREENER_SOURCE
    path.write_text(SCREENER, encoding="utf-8")
    from_file = load_definition(path)
    from_text = load_definition(SCREENER, source=SCREENER_SOURCE)
    assert from_file == from_text
    assert from_file.source == SCREENER_SOURCE
    assert (from_file.licence, from_file.enabled_by_default) == ("not-shipped", False)
    assert [item.text for item in from_file.items][:2] == [
        "Screener question 1",
        "Screener question 2",
    ]
    assert from_file.scoring.range is None


def test_an_imported_screener_scores_its_risk_flag() -> None:
    """Yes/no items and a risk flag: any yes among 3-6 is positive; a missing one
    with no yes is unknown, never negative."""
    scorer = Scorer(load_definition(SCREENER, source=SCREENER_SOURCE))
    yes = scorer.score([1, 1, 0, 0, 0, 1])
    assert (yes.flags, yes.total, yes.scorable) == (
        {"risk": "positive", "recent": "unknown"},
        None,
        True,
    )
    no = scorer.score([0, 0, 0, 0, 0, 0, 0])
    assert no.flags == {"risk": "negative", "recent": "negative"}
    skipped = scorer.score([1, 0, None, None, None, 0, 1])
    assert skipped.flags == {"risk": "unknown", "recent": "positive"}
    too_few = scorer.score([None, None, None, None, 1, None])
    assert not too_few.scorable and too_few.flags["risk"] == "positive"


# Each malformed import: (how to break it, the field the error must name).
Breaker = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Breaker:
    def apply(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return apply


def _drop(path: str) -> Breaker:
    def apply(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return apply


MALFORMED_IMPORTS = [
    (_set("colour", "blue"), "colour", "unknown field"),
    (_set("items.0.colour", "blue"), "items[1].colour", "unknown field"),
    (_set("scoring.missing.maximum", 1), "scoring.missing.maximum", "unknown field"),
    (_drop("id"), "id", "required"),
    (_set("id", "C-SSRS"), "id", "not an id"),
    (_drop("citation"), "citation", "required"),
    (_set("name", "  "), "name", "text"),
    (_set("name", 7), "name", "text"),
    (_set("licence", "proprietary"), "licence", "not one of"),
    (_set("enabled_by_default", True), "enabled_by_default", "ships disabled"),
    (_set("enabled_by_default", "yes"), "enabled_by_default", "true or false"),
    (_set("conventions", "none"), "conventions", "list of texts"),
    (_set("answers.0.value", "0"), "answers[1].value", "whole number"),
    (_set("answers.0.value", True), "answers[1].value", "whole number"),
    (_set("answers.1.value", 0), "answers[2].value", "out of order"),
    (_drop("answers.1.label"), "answers[2].label", "required"),
    (_set("answers", [{"value": 0, "label": "No"}]), "answers", "at least two"),
    (_set("items.2.number", 4), "items[3].number", "expected 3"),
    (_drop("items.2.text"), "items[3].text", "required"),
    (_set("items.2.loinc", "12345-6"), "items[3].loinc", "LOINC"),
    (_set("items.3.scored", False), "items[4].scored", "must come last"),
    (_set("items.6.answers", [{"value": 1, "label": "Yes"}]), "items[7].answers", "at least two"),
    (_set("flags.0.items", [3, 9]), "flags[1].items", "item 9 does not exist"),
    (_set("flags.0.at_least", 0), "flags[1].at_least", "must be above"),
    (_set("flags.0.at_most", 0), "flags[1].at_least", "exactly one"),
    (_drop("flags.0.at_least"), "flags[1].at_least", "exactly one"),
    (_set("flags.0.source", "answers"), "flags[1].source", "not one of"),
    (_set("flags.1.name", "risk"), "flags[2].name", "named twice"),
    (_set("flags.0.source", "total"), "flags[1].items", "reads the total"),
    (_set("scoring.method", "median"), "scoring.method", "not one of"),
    (_set("scoring.range", [0, 6]), "scoring.range", "no total"),
    (_set("scoring.missing.max_missing", 6), "scoring.missing.max_missing", "0 to 5"),
    (_set("scoring.missing.prorate", "mean"), "scoring.missing.prorate", "no total"),
    (_set("scoring.missing.rounding", "bankers"), "scoring.missing.rounding", "not one of"),
    (_set("scoring.reverse", [1]), "scoring.reverse_base", "required"),
    (_set("scoring.bands", [{"name": "x", "min": 0, "max": 1}]), "scoring.bands", "no total"),
    (_set("cutoff", {"name": "caseness", "value": 1}), "cutoff.value", "no total"),
    (_set("change", {"reliable_change": 1}), "change.reliable_change", "no total"),
    (_set("loinc", {"total": "44261-6"}), "loinc.total", "no total"),
    (
        _set("scoring.subscales", {"S": {"name": "s", "items": [1, 8]}}),
        "scoring.subscales.S.items",
        "item 8 does not exist",
    ),
    (
        _set("scoring.subscales", {"S": {"name": "s", "items": [1, 7]}}),
        "scoring.subscales.S.items",
        "item 7 is not scored",
    ),
    (
        _set("scoring.subscales", {"S": {"name": "s", "items": [1, 1]}}),
        "scoring.subscales.S.items",
        "twice",
    ),
    (
        _set("scoring.groupings", {"g": {"name": "g", "subscales": ["S"]}}),
        "scoring.groupings.g.subscales",
        "does not exist",
    ),
    (_set("flags", []), "flags", "one or more"),
]


@pytest.mark.parametrize(
    ("breaker", "field", "problem"),
    MALFORMED_IMPORTS,
    ids=[f"{field}:{problem}" for _, field, problem in MALFORMED_IMPORTS],
)
def test_a_malformed_import_names_the_file_and_the_field(
    breaker: Breaker, field: str, problem: str
) -> None:
    data = screener_data()
    breaker(data)
    with pytest.raises(DefinitionError) as caught:
        parse_definition(data, source=SCREENER_SOURCE)
    assert str(caught.value).startswith(f"{SCREENER_SOURCE}: {field}: "), str(caught.value)
    assert problem in str(caught.value)
    assert (caught.value.source, caught.value.field) == (SCREENER_SOURCE, field)


def test_invalid_toml_names_the_file() -> None:
    with pytest.raises(DefinitionError, match=r"^broken\.toml: \(file\): not valid TOML"):
        load_definition('id = "x"\nid = "y"\n', source="broken.toml")


# ---------------------------------------------------------------- breaking shipped files


def shipped_data(instrument_id: str) -> dict[str, Any]:
    folder = resources.files("mend.measures").joinpath("instruments")
    return tomllib.loads(folder.joinpath(f"{instrument_id}.toml").read_text("utf-8"))


def _band(index: int, key: str, value: float) -> Breaker:
    return _set(f"scoring.bands.{index}.{key}", value)


MALFORMED_SHIPPED = [
    (
        "pcl5",
        _set("scoring.subscales.B.items", [1, 2, 21]),
        "scoring.subscales.B.items",
        "item 21 does not exist",
    ),
    ("pcl5", _set("scoring.range", [0, 79]), "scoring.range", "0 to 80"),
    ("pcl5", _set("cutoff.value", 81), "cutoff.value", "outside"),
    (
        "pcl5",
        _set("algorithms.provisional_ptsd.outcomes.0.min_per_subscale", {"F": 1}),
        "algorithms.provisional_ptsd.outcomes[1].min_per_subscale",
        "'F' does not exist",
    ),
    (
        "pcl5",
        _set("algorithms.provisional_ptsd.outcomes.0.min_per_subscale", {"C": 3}),
        "algorithms.provisional_ptsd.outcomes[1].min_per_subscale",
        "out of range",
    ),
    (
        "pcl5",
        _set("algorithms.provisional_ptsd.symptom_at_least", 5),
        "algorithms.provisional_ptsd.symptom_at_least",
        "cannot split",
    ),
    (
        "pcl5",
        _set("algorithms.provisional_ptsd.otherwise", "positive"),
        "algorithms.provisional_ptsd.otherwise",
        "distinct",
    ),
    (
        "pcl5",
        _set("algorithms.provisional_ptsd.outcomes.0.name", "unknown"),
        "algorithms.provisional_ptsd.outcomes[1].name",
        "reserved",
    ),
    ("phq9", _band(1, "min", 6), "scoring.bands[2].min", "a gap"),
    ("phq9", _band(1, "min", 4), "scoring.bands[2].min", "an overlap"),
    ("phq9", _band(0, "min", 1), "scoring.bands[1].min", "lowest total"),
    ("phq9", _band(4, "max", 26), "scoring.bands", "stop at 26, not at 27"),
    ("phq9", _band(4, "max", 28), "scoring.bands[5].max", "above the highest"),
    ("phq9", _band(2, "max", 9), "scoring.bands[3].max", "below min"),
    ("phq9", _band(2, "name", "mild"), "scoring.bands[3].name", "used twice"),
    ("phq9", _band(2, "max", 14.5), "scoring.bands[3].max", "not a step"),
    ("phq9", _set("answers.2.value", 5), "answers[4].value", "out of order"),
    ("phq9", _set("items.9.scored", True), "scoring.range", "0 to 30"),
    ("phq9", _set("loinc.panel", "44249-2"), "loinc.panel", "check digit"),
    ("phq9", _set("flags.0.items", [10, 11]), "flags[1].items", "item 11 does not exist"),
    ("phq9", _set("cutoff.name", "risk"), "cutoff.name", "named twice"),
    ("phq9", _set("change.reliable_change", 0), "change.reliable_change", "above 0"),
    (
        "phq9",
        _set("algorithms.depressive_syndrome.symptom_at_least_for", {"10": 1}),
        "algorithms.depressive_syndrome.symptom_at_least_for",
        "item 10",
    ),
    (
        "phq9",
        _set("algorithms.depressive_syndrome.outcomes.0.any_of", [1, 10]),
        "algorithms.depressive_syndrome.outcomes[1].any_of",
        "item 10",
    ),
    ("phq9", _drop("higher_is_worse"), "higher_is_worse", "required"),
    (
        "phq9",
        _set("scoring.missing.prorate", "none"),
        "scoring.missing.prorate",
        'prorate = "mean"',
    ),
    (
        "pcl5",
        _set("scoring.missing.prorate", "mean"),
        "scoring.missing.prorate",
        "nothing may be missing",
    ),
    ("core10", _set("scoring.reverse", [2, 11]), "scoring.reverse", "item 11 does not exist"),
    ("core10", _set("scoring.reverse_base", 5), "scoring.reverse_base", "leaves item 2"),
    ("core10", _drop("scoring.scale"), "scoring.scale", "required"),
    ("core10", _set("scoring.range", [0, 10]), "scoring.range", "0 to 40"),
    ("gad7", _set("scoring.scale", 10), "scoring.scale", "only a scaled_mean"),
    ("gad7", _set("scoring.reverse_base", 3), "scoring.reverse_base", "no reverse items"),
    ("brs", _band(1, "min", 3.01), "scoring.bands[2].min", "a gap"),
    ("brs", _band(0, "max", 2.999), "scoring.bands[1].max", "not a step"),
    ("brs", _set("answers.1.label", ""), "answers[2].label", "text"),
    ("brs", _drop("answers.4.label"), "answers[5].label", "required"),
    ("who5", _set("answers.2.value", 4), "answers[3].value", "out of order"),
    ("who5", _set("enabled_by_default", True), "enabled_by_default", "non-commercial"),
    (
        "who5",
        _set("scoring.derived.percentage.multiplier", -4),
        "scoring.derived.percentage.multiplier",
        "positive",
    ),
    ("who5", _set("flags.0.at_most", 25), "flags[1].at_most", "below 25"),
    ("who5", _set("flags.0.at_most", float("nan")), "flags[1].at_most", "not a number"),
    ("ptgi_sf", _set("enabled_by_default", True), "enabled_by_default", "permission-unverified"),
    (
        "brief_cope",
        _set("scoring.groupings.avoidant.subscales", ["denial", "coping"]),
        "scoring.groupings.avoidant.subscales",
        "'coping' does not exist",
    ),
    (
        "brief_cope",
        _set("scoring.subscales.denial.colour", "red"),
        "scoring.subscales.denial.colour",
        "unknown field",
    ),
    ("brief_cope", _set("cutoff", {"name": "x", "value": 3}), "cutoff.value", "no total"),
]


@pytest.mark.parametrize(
    ("instrument_id", "breaker", "field", "problem"),
    MALFORMED_SHIPPED,
    ids=[f"{i}:{field}:{problem}" for i, _, field, problem in MALFORMED_SHIPPED],
)
def test_a_broken_definition_names_the_file_and_the_field(
    instrument_id: str, breaker: Breaker, field: str, problem: str
) -> None:
    data = copy.deepcopy(shipped_data(instrument_id))
    breaker(data)
    source = f"{instrument_id}.toml"
    with pytest.raises(DefinitionError) as caught:
        parse_definition(data, source=source)
    assert str(caught.value).startswith(f"{source}: {field}: "), str(caught.value)
    assert problem in str(caught.value), str(caught.value)


def test_the_briefs_example_error_message() -> None:
    data = shipped_data("pcl5")
    data["scoring"]["subscales"]["B"]["items"] = [1, 2, 3, 4, 21]
    with pytest.raises(DefinitionError) as caught:
        parse_definition(data, source="pcl5.toml")
    assert str(caught.value) == "pcl5.toml: scoring.subscales.B.items: item 21 does not exist"


def test_norms_for_jacobson_truax_load_and_are_checked() -> None:
    """instruments.md Change over time: norms in the definition file where no raw
    reliable-change threshold is published; same fields as change.Norms."""
    data = shipped_data("brs")
    norms = {
        "clinical_mean": 2.5,
        "clinical_sd": 0.6,
        "functional_mean": 3.7,
        "functional_sd": 0.5,
        "reliability": 0.85,
        "citation": "Placeholder norms (test only)",
    }
    data["change"] = {"norms": norms}
    loaded = parse_definition(data, source="brs.toml").change.norms
    assert loaded is not None and (loaded.reliability, loaded.sd) == (0.85, None)
    data["change"] = {"norms": {**norms, "reliability": 1.0}}
    with pytest.raises(DefinitionError, match=r"^brs\.toml: change\.norms\.reliability: "):
        parse_definition(data, source="brs.toml")
    data["change"] = {"norms": {**norms, "clinical_sd": 0}}
    with pytest.raises(DefinitionError, match=r"^brs\.toml: change\.norms\.clinical_sd: "):
        parse_definition(data, source="brs.toml")


@pytest.mark.parametrize(
    ("file_name", "text", "field"),
    [
        ("screener.toml", SCREENER, "id"),  # the file name must be the id
        (SCREENER_SOURCE, SCREENER, "licence"),  # a not-shipped instrument never ships
    ],
)
def test_the_shipped_folder_is_checked_as_a_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_name: str, text: str, field: str
) -> None:
    folder = tmp_path / "mend" / "measures"
    (folder / "instruments").mkdir(parents=True)
    (folder / "instruments" / file_name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(definitions.resources, "files", lambda _package: folder)
    definitions.load_shipped.cache_clear()
    try:
        with pytest.raises(DefinitionError) as caught:
            definitions.load_shipped()
        assert (caught.value.source, caught.value.field) == (file_name, field)
    finally:
        definitions.load_shipped.cache_clear()
