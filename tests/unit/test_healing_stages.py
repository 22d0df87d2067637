"""The healing journey's stages (clinical-model §4): names, plain words and stage changes."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mend.healing.readiness import Indicator, Readiness, Verdict
from mend.healing.stages import (
    CLIENT_WORDS,
    DEFAULT_NAMES,
    MAX_NAME_CHARS,
    MAX_REASON_CHARS,
    Stage,
    StageError,
    as_stage,
    change_stage,
    clean_name,
    describe,
    rename,
)

NOW = datetime(2024, 5, 31, 12, 0, tzinfo=UTC)
KEYS = (
    "safety_plan",
    "no_recent_risk",
    "helpful_strategies",
    "grounding_practice",
    "jar_balance",
    "client_agrees",
)


def readiness(*unmet: str) -> Readiness:
    indicators = tuple(
        Indicator(
            key=key,
            number=n,
            title=key,
            verdict=Verdict.NOT_MET if key in unmet else Verdict.MET,
            numbers={},
            explanation="",
        )
        for n, key in enumerate(KEYS, start=1)
    )
    return Readiness(now=NOW, indicators=indicators, ready=not unmet)


# ---------------------------------------------------------------- stages and names


def test_three_stages_in_herman_order() -> None:
    assert [int(s) for s in Stage] == [1, 2, 3]
    assert [DEFAULT_NAMES[s] for s in Stage] == [
        "Safety and stabilisation",
        "Remembrance and mourning",
        "Reconnection and integration",
    ]


@pytest.mark.parametrize("value", [0, 4, -1, True])
def test_only_1_2_3_are_stages(value: int) -> None:
    with pytest.raises(StageError, match="1, 2 or 3") as caught:
        as_stage(value)
    assert caught.value.field == "stage"


def test_describe_gives_the_name_and_the_clients_words() -> None:
    text = describe(2)
    assert (text.stage, text.name) == (Stage.REMEMBRANCE, "Remembrance and mourning")
    assert text.client_title == "Making sense of what happened"
    assert "pause or slow down at any time" in text.client_words


def test_describe_uses_the_organisations_names() -> None:
    names = rename({1: "Grounding"})
    assert describe(1, names).name == "Grounding"
    assert describe(1, names).client_title == CLIENT_WORDS[Stage.SAFETY].title
    assert describe(3, names).name == DEFAULT_NAMES[Stage.RECONNECTION]


# ---------------------------------------------------------------- plain words for the client


def _syllables(word: str) -> int:
    word = word.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def _grade(text: str) -> float:
    """Flesch-Kincaid grade level; grade 7 is a reading age of about 12."""
    sentences = [s for s in re.split(r"[.!?]+", text) if s.strip()]
    words = re.findall(r"[A-Za-z']+", text)
    syllables = sum(_syllables(w) for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59


@pytest.mark.parametrize("stage", list(Stage))
def test_client_words_are_plain(stage: Stage) -> None:
    words = CLIENT_WORDS[stage]
    assert _grade(words.words) <= 7
    for sentence in re.split(r"(?<=[.!?])\s+", words.words):
        assert len(sentence.split()) <= 20
    assert len(words.title) <= 40


PRESSURE = re.compile(
    r"\b(should|must|have to|has to|need to|needs to|ought|hurry|quickly|behind|fail\w*|"
    r"weak|wrong|grade|bounce back|trauma|processing|disorder|symptom\w*|patient)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("stage", list(Stage))
def test_client_words_are_kind_and_without_pressure_or_jargon(stage: Stage) -> None:
    words = CLIENT_WORDS[stage]
    assert PRESSURE.search(words.title) is None
    assert PRESSURE.search(words.words) is None


def test_every_stage_speaks_to_the_client_as_you() -> None:
    for words in CLIENT_WORDS.values():
        assert re.search(r"\byou(r)?\b", words.words)


def test_stage_2_words_say_the_client_can_slow_down() -> None:
    assert "slow down" in CLIENT_WORDS[Stage.REMEMBRANCE].words
    assert "no rush" in CLIENT_WORDS[Stage.SAFETY].words


# ---------------------------------------------------------------- renaming


def test_rename_keeps_the_defaults_for_stages_not_renamed() -> None:
    names = rename({2: "  Working through the past  "})
    assert names == {
        Stage.SAFETY: "Safety and stabilisation",
        Stage.REMEMBRANCE: "Working through the past",
        Stage.RECONNECTION: "Reconnection and integration",
    }


def test_rename_with_nothing_is_the_defaults() -> None:
    assert rename({}) == DEFAULT_NAMES


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_an_empty_name_is_refused(name: str) -> None:
    with pytest.raises(StageError, match="Give the stage a name") as caught:
        rename({3: name})
    assert caught.value.field == "stage_3"


def test_name_length_edge() -> None:
    assert clean_name("x" * MAX_NAME_CHARS) == "x" * MAX_NAME_CHARS
    assert clean_name(f"  {'x' * MAX_NAME_CHARS}  ") == "x" * MAX_NAME_CHARS
    with pytest.raises(StageError, match="at most 60"):
        clean_name("x" * (MAX_NAME_CHARS + 1))


@pytest.mark.parametrize(
    "name", ["Safety\nfirst", "Safety\tfirst", "Safe\x00ty", "Safety\u2028first"]
)
def test_a_name_is_one_line(name: str) -> None:
    with pytest.raises(StageError, match="one line"):
        clean_name(name)


@pytest.mark.parametrize("number", [0, 4])
def test_renaming_an_unknown_stage_is_refused(number: int) -> None:
    with pytest.raises(StageError) as caught:
        rename({number: "Something"})
    assert caught.value.field == f"stage_{number}"


def test_two_stages_cannot_share_a_name() -> None:
    with pytest.raises(StageError, match="Stages 1 and 2 have the same name") as caught:
        rename({2: "SAFETY AND STABILISATION"})
    assert caught.value.field == "stage_2"
    with pytest.raises(StageError, match="same name"):
        rename({1: "Next", 3: "next"})


names_ok = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=MAX_NAME_CHARS,
).filter(lambda s: s.strip() != "")


@given(names_ok)
def test_any_one_line_name_is_kept_trimmed(name: str) -> None:
    # A clash with another stage's name is refused; that has its own test.
    assume(name.strip().casefold() not in {n.casefold() for n in DEFAULT_NAMES.values()})
    assert rename({1: name})[Stage.SAFETY] == name.strip()


# ---------------------------------------------------------------- stage changes


def test_a_change_needs_a_reason() -> None:
    for reason in ("", "   ", "\n"):
        with pytest.raises(StageError, match="Say why") as caught:
            change_stage(current=2, target=1, reason=reason)
        assert caught.value.field == "reason"


def test_reason_length_edge() -> None:
    ok = change_stage(current=2, target=1, reason="x" * MAX_REASON_CHARS)
    assert len(ok.reason) == MAX_REASON_CHARS
    with pytest.raises(StageError, match="2000 characters"):
        change_stage(current=2, target=1, reason="x" * (MAX_REASON_CHARS + 1))


def test_the_reason_is_trimmed_and_recorded() -> None:
    change = change_stage(current=None, target=1, reason="  Starting out  ")
    assert (change.from_stage, change.to_stage, change.reason) == (
        None,
        Stage.SAFETY,
        "Starting out",
    )
    assert not change.readiness_required and not change.override


def test_the_same_stage_is_not_a_change() -> None:
    with pytest.raises(StageError, match="already in stage 2") as caught:
        change_stage(current=2, target=2, reason="again", readiness=readiness())
    assert caught.value.field == "target"


@pytest.mark.parametrize(("current", "target"), [(1, 0), (1, 4), (0, 2), (5, 1)])
def test_unknown_stages_are_refused(current: int, target: int) -> None:
    with pytest.raises(StageError, match="1, 2 or 3"):
        change_stage(current=current, target=target, reason="why")


def test_into_stage_2_when_ready_needs_no_override() -> None:
    change = change_stage(current=1, target=2, reason="Ready together", readiness=readiness())
    assert (change.readiness_required, change.ready, change.unmet) == (True, True, ())
    assert (change.override, change.override_reason) == (False, None)


@pytest.mark.parametrize("current", [1, 3, None])
def test_into_stage_2_when_not_ready_needs_an_override_reason(current: int | None) -> None:
    not_ready = readiness("jar_balance", "client_agrees")
    with pytest.raises(StageError, match=r"not fully met \(jar_balance, client_agrees\)") as caught:
        change_stage(current=current, target=2, reason="Client asked", readiness=not_ready)
    assert caught.value.field == "override_reason"
    with pytest.raises(StageError, match="override"):
        change_stage(
            current=current, target=2, reason="Client asked", readiness=not_ready,
            override_reason="   ",
        )  # fmt: skip


def test_an_override_is_recorded_with_its_reason_and_what_was_unmet() -> None:
    change = change_stage(
        current=1,
        target=2,
        reason="Client asked to begin",
        readiness=readiness("jar_balance"),
        override_reason=" Balance is 65 % with a clear upward trend; agreed a slower pace. ",
    )
    assert change.override
    assert change.ready is False
    assert change.unmet == ("jar_balance",)
    assert change.override_reason == (
        "Balance is 65 % with a clear upward trend; agreed a slower pace."
    )


def test_into_stage_2_without_any_readiness_needs_an_override() -> None:
    with pytest.raises(StageError, match="not assessed"):
        change_stage(current=1, target=2, reason="Starting")
    change = change_stage(
        current=1, target=2, reason="Starting", override_reason="Assessed in session"
    )
    assert (change.override, change.ready, change.unmet) == (True, None, ())


def test_override_reason_length_edge() -> None:
    not_ready = readiness("safety_plan")
    ok = change_stage(
        current=1, target=2, reason="r", readiness=not_ready,
        override_reason="x" * MAX_REASON_CHARS,
    )  # fmt: skip
    assert ok.override
    with pytest.raises(StageError, match="2000 characters") as caught:
        change_stage(
            current=1, target=2, reason="r", readiness=not_ready,
            override_reason="x" * (MAX_REASON_CHARS + 1),
        )  # fmt: skip
    assert caught.value.field == "override_reason"


def test_an_override_reason_given_when_ready_is_kept_not_dropped() -> None:
    change = change_stage(
        current=1, target=2, reason="Ready", readiness=readiness(), override_reason="Just in case"
    )
    assert (change.override, change.override_reason) == (False, "Just in case")


@pytest.mark.parametrize(("current", "target"), [(2, 1), (3, 1), (2, 3), (1, 3), (None, 3)])
def test_moves_to_stage_1_or_3_never_need_readiness(current: int | None, target: int) -> None:
    change = change_stage(
        current=current, target=target, reason="Safety first", readiness=readiness("safety_plan")
    )
    assert (change.readiness_required, change.override) == (False, False)
    assert (change.ready, change.unmet) == (None, ())


@given(st.text(alphabet=" \t\n\r\u00a0\u2003", max_size=10))
def test_whitespace_is_never_a_reason(reason: str) -> None:
    with pytest.raises(StageError):
        change_stage(current=1, target=3, reason=reason)
    with pytest.raises(StageError):
        change_stage(
            current=1,
            target=2,
            reason="ok",
            readiness=readiness("safety_plan"),
            override_reason=reason,
        )


@given(
    st.sampled_from([None, 1, 2, 3]),
    st.sampled_from([1, 2, 3]),
    st.lists(st.sampled_from(KEYS), unique=True),
)
def test_an_override_happens_exactly_when_moving_into_2_without_readiness(
    current: int | None, target: int, unmet: list[str]
) -> None:
    if current == target:
        return
    change = change_stage(
        current=current, target=target, reason="why", readiness=readiness(*unmet),
        override_reason="because",
    )  # fmt: skip
    assert change.override == (target == 2 and bool(unmet))
    assert change.override_reason == "because"
