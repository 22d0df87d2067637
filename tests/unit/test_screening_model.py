"""The offline classifier behind the screening rules (`mend.safety.screening_model`).

It may only raise the rules' level, reads the same normalised text, ships as a JSON
file in the package, and is pure: same text, same answer, standard library only.
"""

from __future__ import annotations

import ast
import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from bench import train_screening
from bench.screening import EVAL, evaluate, load
from hypothesis import given
from hypothesis import strategies as st

from mend.safety import Level, screen, screening, screening_model
from mend.safety.screening_model import MODEL_PATH

# Sentences the rules leave at none and the shipped model raises (from train_extra.jsonl).
MODEL_URGENT = "If someone offered me a painless way out I'd take it."
MODEL_CONCERN = "I'm done hoping, hoping just hurts."


@pytest.fixture
def model_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(screening, "USE_MODEL", True)


@pytest.fixture
def model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(screening, "USE_MODEL", False)


def _reading(text: str) -> tuple[float, float]:
    low = screening._normalise(text).text
    return screening_model.probabilities(low, screening._sentence_bounds(low))


def test_the_model_file_loads_and_is_small() -> None:
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 2_000_000
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["format"] == screening_model.FORMAT
    m = screening_model.model()
    assert m is screening_model.model()  # read once
    assert len(m.weights) > 1_000
    assert 0 < m.urgent_threshold < 1
    assert 0 < m.concern_threshold < 1
    assert all(isinstance(k, str) and len(v) == 2 for k, v in m.weights.items())


def test_a_malformed_model_is_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        screening_model.from_json({"format": 999})
    with pytest.raises(ValueError, match="malformed"):
        screening_model.from_json({"format": 1, "weights": [], "bias": [], "thresholds": {}})


def test_the_module_is_pure() -> None:
    """Standard library only: no database, web framework, clock, network or randomness."""
    assert screening_model.__file__ is not None
    source = Path(screening_model.__file__).read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}
    assert not imported & {"random", "time", "datetime", "socket", "urllib", "http"}
    assert ".now(" not in source and "time.time(" not in source


@pytest.mark.usefixtures("model_on")
def test_the_model_raises_what_the_rules_miss() -> None:
    result = screen(MODEL_URGENT)
    assert result.level is Level.URGENT
    (evidence,) = result.evidence
    assert evidence.kind == "model_urgent"
    assert evidence.level is Level.URGENT
    assert evidence.text == MODEL_URGENT  # names the sentence
    assert evidence.why.startswith("model: probability 0.")
    assert evidence.why.endswith("of urgent language in this sentence")

    result = screen(MODEL_CONCERN)
    assert result.level is Level.CONCERN
    (evidence,) = result.evidence
    assert (evidence.kind, evidence.level) == ("model_concern", Level.CONCERN)
    assert "of concern language" in evidence.why


@pytest.mark.usefixtures("model_off")
def test_the_switch_turns_it_off() -> None:
    assert screen(MODEL_URGENT).level is Level.NONE
    assert screen(MODEL_CONCERN).level is Level.NONE


@pytest.mark.usefixtures("model_on")
def test_evidence_names_the_buried_sentence_in_the_original_text() -> None:
    before = "Slept badly, the bus was late.\n\nWork was fine, I had soup for lunch. "
    after = " Then I watched the football with Dan and went to bed."
    text = before + "If someone offered me a painless way OUT I\u2019d take it." + after
    result = screen(text)
    assert result.level is Level.URGENT
    (evidence,) = result.evidence
    assert text[evidence.start : evidence.end] == evidence.text
    assert evidence.text == "If someone offered me a painless way OUT I\u2019d take it."


@pytest.mark.usefixtures("model_on")
def test_the_model_only_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [item.text for item in load(EVAL)][:200]
    monkeypatch.setattr(screening, "USE_MODEL", False)
    without = [screen(t) for t in texts]
    monkeypatch.setattr(screening, "USE_MODEL", True)
    for text, rules in zip(texts, without, strict=True):
        both = screen(text)
        assert both.level.rank >= rules.level.rank
        # The rules' own evidence stays: the model adds at most one item.
        assert set(rules.evidence) <= set(both.evidence)
        assert len(both.evidence) <= len(rules.evidence) + 1


@pytest.mark.usefixtures("model_on")
def test_a_phrase_the_rules_read_is_theirs() -> None:
    """Negation, idiom and past the rules declined are not reopened by the model."""
    for text in (
        "I would never hurt myself, I promise.",
        "This traffic is killing me.",
        "I haven't self-harmed in three years and I'm proud.",
        "I'd rather die than sing karaoke.",
    ):
        assert screen(text).level is Level.NONE, text


@pytest.mark.usefixtures("model_on")
def test_eval_targets_hold_with_the_model() -> None:
    metrics = evaluate(load(EVAL))
    assert metrics.failures() == []


@pytest.mark.usefixtures("model_on")
def test_deterministic() -> None:
    text = "Work was long. " + MODEL_URGENT + " I made pasta."
    assert screen(text) == screen(text)
    assert _reading(text) == _reading(text)


@pytest.mark.usefixtures("model_on")
@pytest.mark.parametrize(
    "text", ["", " ", "\n\n\t", ".", "?!?", "...;;;", "\u200b", "😀", "İİİ", "日本語の文"]
)
def test_edges_are_none(text: str) -> None:
    assert screen(text).level is Level.NONE
    low = screening._normalise(text).text
    reading = screening_model.read(low, screening._sentence_bounds(low))
    assert reading == screening_model.NOTHING


@pytest.mark.usefixtures("model_on")
def test_huge_text() -> None:
    ordinary = "I went for a walk and made soup, then read for a bit. "
    assert screen(ordinary * 2_000).level is Level.NONE
    text = ordinary * 1_000 + MODEL_URGENT + " " + ordinary * 1_000
    assert len(text) > 100_000
    result = screen(text)
    assert result.level is Level.URGENT
    (evidence,) = result.evidence
    assert text[evidence.start : evidence.end] == evidence.text == MODEL_URGENT


@pytest.mark.usefixtures("model_on")
def test_huge_text_without_punctuation_is_cut_into_pieces() -> None:
    words = "and then we went to the shops and bought bread " * 3_000
    text = words + "i want to die " + words
    low = screening._normalise(text).text
    units = screening_model.unit_spans(low, screening._sentence_bounds(low))
    assert len(units) > 100
    assert max(len(w) for _, _, w in units) <= screening_model.MAX_UNIT_TOKENS
    result = screen(text)
    assert result.level is Level.URGENT  # the rules' finding stands
    for evidence in result.evidence:
        assert text[evidence.start : evidence.end] == evidence.text


@given(st.text(max_size=300))
def test_never_raises_and_spans_are_exact(text: str) -> None:
    saved = screening.USE_MODEL
    screening.USE_MODEL = True
    try:
        result = screen(text)
    finally:
        screening.USE_MODEL = saved
    for evidence in result.evidence:
        assert 0 <= evidence.start <= evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
    assert result.level.rank == max((e.level.rank for e in result.evidence), default=0)


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to die, I want things to change.",
        "i dont wanna live anymore, not even a bit",
        "Nobody would miss me. I'm not okay and I want to die 😭",
        "I'm hanging the washing; she hangs out, he hanged the picture.",
        "<b>Work</b> was fine &amp; I'm okay. İstanbul was lovely.",
        "never never never not no don't can't won't, but and so",
    ],
)
def test_fast_scores_equal_the_training_features(text: str) -> None:
    """`_scores` (run time) adds up exactly the weights of `unit_features` (training)."""
    m = screening_model.model()
    low = screening._normalise(text).text
    units = screening_model.unit_spans(low, screening._sentence_bounds(low))
    fast = screening_model._scores(m.lookup, units)
    for (_, _, words), (u, a) in zip(units, fast, strict=True):
        feats = Counter(screening_model.unit_features(words))
        slow_u = sum(m.weights.get(f, (0.0, 0.0))[0] * n for f, n in feats.items())
        slow_a = sum(m.weights.get(f, (0.0, 0.0))[1] * n for f, n in feats.items())
        assert u == pytest.approx(slow_u, abs=1e-9)
        assert a == pytest.approx(slow_a, abs=1e-9)


def test_negation_marks_only_its_scope() -> None:
    words = ["i", "don't", "want", "to", "die", "but", "i", "want", "to", "live"]
    marked = screening_model.marked(words)
    assert marked == ["i", "don't", "~want", "~to", "~die", "but", "i", "want", "to", "live"]


def test_training_is_deterministic() -> None:
    items = train_screening.load(["eval.jsonl"])[:150]
    settings = train_screening.Settings(epochs=2, ordinary=50)
    first = train_screening.train(items, settings)
    second = train_screening.train(items, settings)
    assert first.weights == second.weights
    assert first.bias == second.bias


def test_training_refuses_held_out_files() -> None:
    for name in ("holdout4.jsonl", "sealed.jsonl"):
        with pytest.raises(ValueError, match="held out"):
            train_screening.load([name])
