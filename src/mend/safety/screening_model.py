"""A small offline classifier behind the crisis-language rules (decision 0011).

The rules (`screening.py`) and their backstop name phrases; on sentences worded
differently from the ones they were written against they miss about a third of
urgent statements. This layer is a linear model over words that only ever *raises*
the rules' level: none to concern, or none/concern to urgent (`screening.USE_MODEL`).

- **Text.** The rules' normalised text (`screening._normalise`: lower case, straight
  quotes, slang and typos rewritten) and their sentence starts, so both read the
  same words. Sentences longer than MAX_UNIT_TOKENS words are cut into pieces of
  that many, so a huge unpunctuated entry stays linear and never becomes one bag.
- **Features.** Word unigrams, bigrams (never across a sentence end), a crude stem of
  each word and the sentence's first word. Up to NEGATION_SCOPE words after a negator
  are marked ("don't want to die" shares nothing with "want to die" past "don't").
  Features are looked up in the model's vocabulary (no hashing: Python's string hash
  changes between processes); unknown ones count for nothing.
- **Model.** Two logistic regressions over those features: P(urgent) and P(concern or
  urgent). Weights, biases and both thresholds live in `screening_model.json`, written
  by `uv run python -m bench.train_screening` (fixed seed, same bytes every run) from
  tests/data/screening eval.jsonl, dev.jsonl and train_extra.jsonl plus template
  ordinary sentences; the thresholds were chosen by cross-validation so that the
  model's own false positives stay at or below 3 % of none items, overall, per
  category and on journal-length entries.
- **Windows.** One sentence at a time (WINDOW): scores add up over words, so a window
  of several ordinary sentences drifts towards risk; the strongest sentence decides
  and is the evidence. A sentence holding a phrase a rule matched and read in
  context (kept, or declined as an idiom, a negation, the past) is left to the rules.

Pure and deterministic: standard library only, the model file is read once, no
clock, no network, nothing random at run time.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("screening_model.json")
FORMAT = 1
MAX_UNIT_TOKENS = 40  # words per piece of a long sentence
WINDOW = 1  # units (sentences) read together; scores add up, so longer windows drift up
START = "<s>"  # marks the first word of a sentence: START + " " + word

# Words (with inner apostrophes: "don't", "i'm") and single symbols such as emoji or
# "?"; ordinary punctuation is dropped. Text is already lower case.
_TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s.,;:\"'()\[\]{}<>/\\|*&^%$#@~`+=_-]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def unit_spans(low: str, bounds: list[int]) -> list[tuple[int, int, list[str]]]:
    """Sentences of normalised text `low` (starts in `bounds`, as the rules split it),
    long ones cut into pieces of MAX_UNIT_TOKENS words: (start, end, words), in order,
    each with at least one word. Offsets index `low`; a whole sentence's span runs
    from its start to the next one's, a piece's from its first word to its last."""
    units: list[tuple[int, int, list[str]]] = []
    count = len(bounds)
    for index, start in enumerate(bounds):
        end = bounds[index + 1] if index + 1 < count else len(low)
        if start >= end:
            continue
        words = _TOKEN.findall(low, start, end)
        if len(words) <= MAX_UNIT_TOKENS:
            if words:
                units.append((start, end, words))
            continue
        found = list(_TOKEN.finditer(low, start, end))
        for first in range(0, len(found), MAX_UNIT_TOKENS):
            piece = found[first : first + MAX_UNIT_TOKENS]
            units.append((piece[0].start(), piece[-1].end(), [m.group() for m in piece]))
    return units


# Negation: up to NEGATION_SCOPE words after a negator, up to a conjunction, are marked
# NEGATED + word, so "don't want to die" and "want to die" share no feature past "don't".
NEGATION_SCOPE = 4
NEGATED = "~"
NEGATORS = frozenset(
    {
        "not", "never", "no", "don't", "dont", "didn't", "won't", "wouldn't", "can't",
        "cannot", "couldn't", "isn't", "wasn't", "aren't", "weren't", "haven't", "hasn't",
        "hadn't", "doesn't", "shouldn't", "nor", "nothing", "nobody", "without",
    }
)  # fmt: skip
SCOPE_ENDS = frozenset(
    {"but", "and", "though", "although", "however", "yet", "because", "cos", "so", "or", "while"}
)


def marked(words: list[str]) -> list[str]:
    """`words` with the words in a negator's scope marked (see NEGATION_SCOPE)."""
    out = []
    left = 0
    for word in words:
        if word in NEGATORS:
            out.append(word)
            left = NEGATION_SCOPE
        elif left and word not in SCOPE_ENDS:
            out.append(NEGATED + word)
            left -= 1
        else:
            out.append(word)
            left = 0
    return out


def unit_features(words: list[str]) -> list[str]:
    """The features of one unit, with repeats (a feature counts once per occurrence)."""
    if not words:
        return []
    words = marked(words)
    found = [START + " " + words[0], *words]
    found.extend(a + " " + b for a, b in pairwise(words))
    found.extend(STEM + stem(w) for w in words)
    return found


STEM = "@"  # marks a stem feature: STEM + stem(word)
_SUFFIXES = ("ness", "ing", "ful", "ed", "es", "ly", "s")  # longest first


def stem(word: str) -> str:
    """A crude shared form, "hanging", "hanged", "hangs" -> "hang": one suffix off, when
    at least three characters are left."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True, slots=True)
class Model:
    weights: dict[str, tuple[float, float]]  # feature -> (urgent, any risk)
    bias: tuple[float, float]
    urgent_threshold: float  # probabilities at or above these raise the level
    concern_threshold: float
    lookup: _Lookup = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", _Lookup.of(self.weights))


Pair = tuple[float, float]


@dataclass(frozen=True, slots=True)
class _Lookup:
    """`weights` rearranged for speed, the same sums: a known word's own weight plus its
    stem's, stems alone (for words seen only in another form), sentence starts by word,
    and bigrams by first word then second (no string is built per bigram)."""

    words: dict[str, Pair]
    stems: dict[str, Pair]
    starts: dict[str, Pair]
    pairs: dict[str, dict[str, Pair]]

    @classmethod
    def of(cls, weights: dict[str, Pair]) -> _Lookup:
        unigrams: dict[str, Pair] = {}
        stems: dict[str, Pair] = {}
        starts: dict[str, Pair] = {}
        pairs: dict[str, dict[str, Pair]] = {}
        prefix = START + " "
        for key, weight in weights.items():
            if key.startswith(prefix):
                starts[key[len(prefix) :]] = weight
            elif key.startswith(STEM):
                stems[key[len(STEM) :]] = weight
            elif " " in key:
                first, second = key.split(" ", 1)
                pairs.setdefault(first, {})[second] = weight
            else:
                unigrams[key] = weight
        words = {}
        for word, (u, a) in unigrams.items():
            su, sa = stems.get(stem(word), (0.0, 0.0))
            words[word] = (u + su, a + sa)
        return cls(words, stems, starts, pairs)


def from_json(data: dict[str, object]) -> Model:
    if data.get("format") != FORMAT:
        raise ValueError(f"screening model format {data.get('format')!r}, expected {FORMAT}")
    raw = data["weights"]
    bias = data["bias"]
    thresholds = data["thresholds"]
    if not (isinstance(raw, dict) and isinstance(bias, list) and isinstance(thresholds, dict)):
        raise ValueError("screening model: weights, bias or thresholds malformed")
    weights = {str(k): (float(v[0]), float(v[1])) for k, v in raw.items()}
    return Model(
        weights,
        (float(bias[0]), float(bias[1])),
        float(thresholds["urgent"]),
        float(thresholds["concern"]),
    )


@cache
def model() -> Model:
    """The shipped model, read once."""
    return from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def _logit(p: float) -> float:
    p = min(max(p, 1e-12), 1 - 1e-12)
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    z = math.exp(x)
    return z / (1 + z)


@dataclass(frozen=True, slots=True)
class Finding:
    """The strongest window above a threshold: its strongest sentence, in `low` offsets."""

    start: int
    end: int
    probability: float


@dataclass(frozen=True, slots=True)
class Reading:
    urgent: Finding | None  # P(urgent) at or above the urgent threshold
    concern: Finding | None  # P(concern or urgent) at or above the concern threshold


NOTHING = Reading(None, None)


def _scores(lookup: _Lookup, units: list[tuple[int, int, list[str]]]) -> list[Pair]:
    """Each unit's summed feature weights (urgent, any): `unit_features`, unrolled."""
    words_get, stems_get = lookup.words.get, lookup.stems.get
    starts_get, pairs_get = lookup.starts.get, lookup.pairs.get
    scope, negators, ends = NEGATION_SCOPE, NEGATORS, SCOPE_ENDS
    out = []
    for _, _, raw_words in units:
        u = a = 0.0
        left = 0
        prev = None
        for raw in raw_words:
            if raw in negators:
                word, left = raw, scope
            elif left and raw not in ends:
                word, left = NEGATED + raw, left - 1
            else:
                word, left = raw, 0
            weight = words_get(word)
            if weight is None:
                weight = stems_get(stem(word))
            if weight is not None:
                u += weight[0]
                a += weight[1]
            if prev is None:
                weight = starts_get(word)
            else:
                following = pairs_get(prev)
                weight = following.get(word) if following is not None else None
            if weight is not None:
                u += weight[0]
                a += weight[1]
            prev = word
        out.append((u, a))
    return out


def windows(count: int) -> list[tuple[int, int]]:
    """Unit index ranges read together: each run of WINDOW units (all, if fewer)."""
    if count <= WINDOW:
        return [(0, count)] if count else []
    return [(i, i + WINDOW) for i in range(count - WINDOW + 1)]


Span = tuple[int, int, int]  # start, end (in the normalised text), level rank 1 or 2


@dataclass(frozen=True, slots=True)
class _Best:
    low: str
    units: list[tuple[int, int, list[str]]]
    scores: list[tuple[float, float]]
    logits: tuple[float, float]  # of the strongest window, urgent and any
    where: tuple[tuple[int, int], tuple[int, int]]  # that window, for each


def _best(m: Model, low: str, bounds: list[int], declined: Sequence[Span]) -> _Best | None:
    units = unit_spans(low, bounds)
    if not units:
        return None
    scores = _scores(m.lookup, units)
    if declined:
        _clamp(units, scores, declined)
    bias_u, bias_a = m.bias
    best_u = best_a = -math.inf
    where_u = where_a = (0, 0)
    for first, last in windows(len(units)):
        u = bias_u + sum(s[0] for s in scores[first:last])
        a = bias_a + sum(s[1] for s in scores[first:last])
        if u > best_u:
            best_u, where_u = u, (first, last)
        if a > best_a:
            best_a, where_a = a, (first, last)
    return _Best(low, units, scores, (best_u, best_a), (where_u, where_a))


def _clamp(
    units: list[tuple[int, int, list[str]]],
    scores: list[Pair],
    read_by_rules: Sequence[Span],
) -> None:
    """A unit holding a phrase a rule matched and read in context (kept at some level or
    declined as an idiom, a negation, the past) is the rules' call: it lends the model
    no weight, its scores are at most 0. Changes `scores` in place."""
    starts = [unit[0] for unit in units]
    for start, end, _rank in read_by_rules:
        index = max(0, bisect_right(starts, start) - 1)
        while index < len(units) and units[index][0] < end:
            if start < units[index][1]:
                u, a = scores[index]
                scores[index] = (min(u, 0.0), min(a, 0.0))
            index += 1


def read(
    low: str, bounds: list[int], declined: Sequence[Span] = (), *, need_concern: bool = True
) -> Reading:
    """The model's reading of normalised text `low` with sentence starts `bounds`.

    `declined`: phrases the rules matched and read in context, kept or not (start, end,
    level rank), whose units the model leaves to them. `need_concern=False` skips the
    concern check (the rules already found concern).
    """
    m = model()
    best = _best(m, low, bounds, declined)
    if best is None:
        return NOTHING
    urgent = concern = None
    if best.logits[0] >= _logit(m.urgent_threshold):
        urgent = _finding(best, 0)
    if need_concern and best.logits[1] >= _logit(m.concern_threshold):
        concern = _finding(best, 1)
    return Reading(urgent, concern)


def _finding(best: _Best, column: int) -> Finding:
    first, last = best.where[column]
    strongest = max(range(first, last), key=lambda i: (best.scores[i][column], -i))
    start, end, _ = best.units[strongest]
    text = best.low[start:end]
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    return Finding(start, end, _sigmoid(best.logits[column]))


def probabilities(
    low: str, bounds: list[int], declined: Sequence[Span] = (), chosen: Model | None = None
) -> tuple[float, float]:
    """(P(urgent), P(concern or urgent)) of the strongest windows: for training and tests."""
    m = chosen or model()
    best = _best(m, low, bounds, declined)
    if best is None:
        return _sigmoid(m.bias[0]), _sigmoid(m.bias[1])
    return _sigmoid(best.logits[0]), _sigmoid(best.logits[1])


__all__ = [
    "FORMAT",
    "MAX_UNIT_TOKENS",
    "MODEL_PATH",
    "Finding",
    "Model",
    "Reading",
    "from_json",
    "model",
    "probabilities",
    "read",
    "tokens",
    "unit_features",
    "unit_spans",
    "windows",
]
