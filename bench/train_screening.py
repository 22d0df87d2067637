"""Train the crisis-language classifier: `uv run python -m bench.train_screening`.

Writes src/mend/safety/screening_model.json (read by `mend.safety.screening_model`)
deterministically: same data, same seed, same bytes. Prints k-fold cross-validation
figures first: the rules alone, the model's raises alone, and the two together.

Data: tests/data/screening eval.jsonl, dev.jsonl, train_extra.jsonl and the spent
held-out sets spent1–3.jsonl (once holdout.jsonl, holdout2.jsonl and holdout3.jsonl:
measured blind, then read while improving the screener, so no longer blind). Labels
per LABELS.md. The blind sets (holdout*.jsonl) and the author's sealed slice
(sealed.jsonl) are never read here (`load` refuses them).

Training: two logistic regressions over the same features (P(urgent) and
P(concern or urgent)), plain SGD with a decaying step and L2, a fixed number of
epochs, examples shuffled with a fixed seed. Template ordinary sentences
(`bench.screening_ordinary`) are added as none examples, so that ordinary frames
("I want to", "tonight I'm going to") do not lean towards risk. The model reads a sentence at a time
(`screening_model.WINDOW`), so examples are sentences: every sentence of a none
entry is a none example; of an entry labelled concern or urgent with several
sentences, the sentence a first model scores highest is the positive example, and
the others are none examples in `long` entries (LABELS.md: one risk sentence buried
in ordinary writing) and left out elsewhere.

Cross-validation: FOLDS folds stratified by label and category, copies of a sentence
in one fold. Each fold's model also reads synthetic journal entries made only of that
fold's sentences: about 500 characters of ordinary and idiom sentences, with or
without one risk sentence in the middle, since at run time most entries are long.

Thresholds: from out-of-fold probabilities, the pair (urgent, concern) with the best
urgent recall plus concern any-level recall such that the model's own false
positives (none items the rules left at none that it raises) are at most MAX_FPR of
the none items, overall, in each FPR_CATEGORIES category and among the synthetic
entries, and the rules' and the model's together at most TARGET_FPR in each.

`--no-write` prints the cross-validation only; `--grid` also compares a few settings.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bench import screening_ordinary
from mend.safety import Level, screening, screening_model

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "screening"
TRAIN_FILES = (
    "eval.jsonl",
    "dev.jsonl",
    "train_extra.jsonl",
    "spent1.jsonl",
    "spent2.jsonl",
    "spent3.jsonl",
)
OUT = screening_model.MODEL_PATH

SEED = 20_261_205
FOLDS = 5
MAX_FPR = 0.03  # the model's own false positives on none items
TARGET_FPR = 0.05  # the rules' and the model's together (the screening targets)
FPR_CATEGORIES = ("idiom", "negation", "ordinary")
SYNTHETIC = "synthetic_long"  # category of the synthetic entries
SYNTHETIC_CHARS = 500
SYNTHETIC_NONE_PER_FOLD = 150
GRID = sorted({round(1 / (1 + math.exp(-x / 20)), 6) for x in range(-60, 301)})  # thresholds


@dataclass(frozen=True, slots=True)
class Settings:
    epochs: int = 10
    rate: float = 0.2
    decay: float = 1e-4  # step = rate / (1 + decay * step number)
    l2: float = 1e-3
    positive_weight: float = 1.0  # extra weight of the positive class, both models
    prune: float = 0.002  # drop features whose weights are both smaller than this
    digits: int = 4
    ordinary: int = 4000  # template sentences (bench.screening_ordinary) as none examples
    ordinary_weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    label: Level
    category: str
    group: str  # normalised text: copies of one sentence stay in one fold
    features: tuple[dict[str, int], ...]  # per unit (sentence)
    low: str  # normalised text
    bounds: list[int]  # its sentence starts
    rules: Level  # what the rules (and backstop) say without the model
    read: tuple[screening_model.Span, ...]  # rule matches `screen` hands the model


Example = tuple[dict[str, int], float, float, float]  # features, y_urgent, y_any, weight


def load(names: Iterable[str] = TRAIN_FILES) -> list[Item]:
    items = []
    for name in names:
        if name.startswith(("holdout", "sealed")):
            raise ValueError(f"{name} is held out: never trained or tuned on")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                items.append(make_item(row["text"], Level(row["label"]), row.get("category", "")))
    return items


def make_item(text: str, label: Level, category: str) -> Item:
    low = screening._normalise(text).text
    bounds = screening._sentence_bounds(low)
    units = screening_model.unit_spans(low, bounds)
    rules, read = rules_reading(text)
    return Item(
        text,
        label,
        category,
        re.sub(r"\W+", " ", low).strip(),
        tuple(dict(Counter(screening_model.unit_features(w))) for _, _, w in units),
        low,
        bounds,
        rules,
        read,
    )


def rules_reading(text: str) -> tuple[Level, tuple[screening_model.Span, ...]]:
    """The rules' level without the model, and the rule matches `screen` hands the model:
    `screening_model.read` is swapped, for this call, for one that records its arguments
    and raises nothing, so `screen` returns the rules' own level."""
    seen: list[tuple[screening_model.Span, ...]] = [()]

    def record(
        low: str,
        bounds: list[int],
        declined: Sequence[screening_model.Span] = (),
        *,
        need_concern: bool = True,
    ) -> screening_model.Reading:
        seen[0] = tuple(declined)
        return screening_model.NOTHING

    saved_read, saved_use = screening_model.read, screening.USE_MODEL
    screening_model.read, screening.USE_MODEL = record, True
    try:
        level = screening.screen(text).level
    finally:
        screening_model.read, screening.USE_MODEL = saved_read, saved_use
    return level, seen[0]


def merge(parts: Sequence[dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for part in parts:
        for key, count in part.items():
            out[key] = out.get(key, 0) + count
    return out


def targets(label: Level) -> tuple[float, float]:
    return (1.0 if label is Level.URGENT else 0.0, 0.0 if label is Level.NONE else 1.0)


# ---------------------------------------------------------------------------
# Training


Weights = dict[str, list[float]]


def sgd(examples: list[Example], settings: Settings, seed: int) -> tuple[Weights, list[float]]:
    """Both regressions at once, over the same features."""
    rows = [
        ([(key, float(count)) for key, count in feats.items()], yu, ya, weight)
        for feats, yu, ya, weight in examples
    ]
    rng = random.Random(seed)
    weights: Weights = {}
    bias = [0.0, 0.0]
    order = list(range(len(rows)))
    step = 0
    for _ in range(settings.epochs):
        rng.shuffle(order)
        for index in order:
            feats, yu, ya, weight = rows[index]
            rate = settings.rate / (1 + settings.decay * step)
            step += 1
            zu, za = bias[0], bias[1]
            for key, x in feats:
                w = weights.get(key)
                if w is not None:
                    zu += w[0] * x
                    za += w[1] * x
            gu = (_sigmoid(zu) - yu) * weight * (settings.positive_weight if yu else 1.0)
            ga = (_sigmoid(za) - ya) * weight * (settings.positive_weight if ya else 1.0)
            bias[0] -= rate * gu
            bias[1] -= rate * ga
            shrink = 1 - rate * settings.l2
            for key, x in feats:
                w = weights.setdefault(key, [0.0, 0.0])
                w[0] = w[0] * shrink - rate * gu * x
                w[1] = w[1] * shrink - rate * ga * x
    return weights, bias


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    z = math.exp(x)
    return z / (1 + z)


def to_model(
    weights: Weights,
    bias: list[float],
    settings: Settings,
    urgent: float = 0.5,
    concern: float = 0.5,
) -> screening_model.Model:
    d = settings.digits
    kept = {
        k: (round(w[0], d), round(w[1], d))
        for k, w in sorted(weights.items())
        if abs(w[0]) >= settings.prune or abs(w[1]) >= settings.prune
    }
    return screening_model.Model(kept, (round(bias[0], d), round(bias[1], d)), urgent, concern)


def examples_of(items: Sequence[Item], first: screening_model.Model | None) -> list[Example]:
    """Training examples, one per window as read at run time (module docstring)."""
    out: list[Example] = []
    for item in items:
        yu, ya = targets(item.label)
        spans = screening_model.windows(len(item.features))
        if len(spans) == 1:
            a, b = spans[0]
            out.append((merge(item.features[a:b]), yu, ya, 1.0))
            continue
        if item.label is Level.NONE:
            out.extend((merge(item.features[a:b]), 0.0, 0.0, 1.0) for a, b in spans)
            continue
        if first is None:
            continue  # located by the first model
        column = 2 if item.label is Level.URGENT else 3
        best = max(_window_logits(first, item), key=lambda w: w[column])
        for a, b in spans:
            if (a, b) == best[:2]:
                out.append((merge(item.features[a:b]), yu, ya, 1.0))
            elif item.category == "long" and not (a < best[1] and best[0] < b):
                out.append((merge(item.features[a:b]), 0.0, 0.0, 1.0))
    return out


def _window_logits(m: screening_model.Model, item: Item) -> list[tuple[int, int, float, float]]:
    """Each window of the item with its summed feature weights (from the features)."""
    scores = []
    for feats in item.features:
        u = a = 0.0
        for key, count in feats.items():
            w = m.weights.get(key)
            if w is not None:
                u += w[0] * count
                a += w[1] * count
        scores.append((u, a))
    return [
        (a, b, sum(s[0] for s in scores[a:b]), sum(s[1] for s in scores[a:b]))
        for a, b in screening_model.windows(len(item.features))
    ]


def train(items: Sequence[Item], settings: Settings, seed: int = SEED) -> screening_model.Model:
    extra = ordinary_examples(settings)
    first = to_model(*sgd(examples_of(items, None) + extra, settings, seed), settings)
    weights, bias = sgd(examples_of(items, first) + extra, settings, seed)
    return to_model(weights, bias, settings)


def ordinary_examples(settings: Settings) -> list[Example]:
    """Template ordinary sentences as none examples (bench.screening_ordinary)."""
    out: list[Example] = []
    for text in screening_ordinary.sentences(settings.ordinary, SEED):
        low = screening._normalise(text).text
        for _, _, words in screening_model.unit_spans(low, screening._sentence_bounds(low)):
            feats = dict(Counter(screening_model.unit_features(words)))
            out.append((feats, 0.0, 0.0, settings.ordinary_weight))
    return out


def probabilities(m: screening_model.Model, item: Item) -> tuple[float, float]:
    """As `screen` would see them: the module's own function, with the rules' readings."""
    return screening_model.probabilities(item.low, item.bounds, item.read, m)


# ---------------------------------------------------------------------------
# Cross-validation and thresholds


def folds(items: Sequence[Item], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """A fold per item, stratified by label and category; copies share a fold."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        groups[item.group].append(index)
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for group, members in sorted(groups.items()):
        first = items[members[0]]
        strata[(first.label.value, first.category)].append(group)
    rng = random.Random(seed)
    fold_of = [0] * len(items)
    offset = 0
    for key in sorted(strata):
        names = strata[key]
        rng.shuffle(names)
        for position, group in enumerate(names):
            for index in groups[group]:
                fold_of[index] = (position + offset) % k
        offset += len(names)
    return fold_of


def synthetic(items: Sequence[Item], fold_of: Sequence[int], seed: int = SEED) -> list[Item]:
    """Journal-length entries per fold, from that fold's one-sentence items only: ordinary
    sentences the rules leave at none (so these entries measure what the model adds),
    to about SYNTHETIC_CHARS characters; SYNTHETIC_NONE_PER_FOLD without risk, and one
    per one-sentence risk item with it in the middle."""
    rng = random.Random(seed)
    made: list[Item] = []
    for fold in range(max(fold_of) + 1):
        inside = [it for it, f in zip(items, fold_of, strict=True) if f == fold]
        pool = sorted(
            it.text.strip()
            for it in inside
            if it.label is Level.NONE
            and it.category == "ordinary"
            and it.rules is Level.NONE
            and len(it.features) == 1
            and it.text.strip()[-1:] in ".!?"
        )
        risky = [it for it in inside if it.label is not Level.NONE and len(it.features) == 1]
        plans: list[tuple[str | None, Level]] = [(None, Level.NONE)] * SYNTHETIC_NONE_PER_FOLD
        plans += [(it.text.strip(), it.label) for it in risky]
        for risk, label in plans:
            sentences: list[str] = []
            while sum(len(s) + 1 for s in sentences) < SYNTHETIC_CHARS:
                sentences.append(rng.choice(pool))
            if risk is not None:
                end = risk if risk[-1:] in ".!?" else risk + "."
                sentences.insert(len(sentences) // 2, end)
            made.append(make_item(" ".join(sentences), label, SYNTHETIC))
    return made


def out_of_fold(
    items: Sequence[Item], synth: Sequence[Item], settings: Settings, k: int = FOLDS
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Out-of-fold probabilities of the items and of the synthetic entries (whose fold
    is the one their sentences came from: `synthetic` builds them fold by fold)."""
    fold_of = folds(items, k)
    synth_fold = _synthetic_folds(items, fold_of, synth)
    probs: list[tuple[float, float]] = [(0.0, 0.0)] * len(items)
    synth_probs: list[tuple[float, float]] = [(0.0, 0.0)] * len(synth)
    for fold in range(k):
        train_items = [it for it, f in zip(items, fold_of, strict=True) if f != fold]
        m = train(train_items, settings, SEED + fold)
        for index, (item, f) in enumerate(zip(items, fold_of, strict=True)):
            if f == fold:
                probs[index] = probabilities(m, item)
        for index, (item, f) in enumerate(zip(synth, synth_fold, strict=True)):
            if f == fold:
                synth_probs[index] = probabilities(m, item)
    return probs, synth_probs


def _synthetic_folds(
    items: Sequence[Item], fold_of: Sequence[int], synth: Sequence[Item]
) -> list[int]:
    """The fold of each synthetic entry, in the order `synthetic` made them."""
    out = []
    for fold in range(max(fold_of) + 1):
        risky = sum(
            1
            for it, f in zip(items, fold_of, strict=True)
            if f == fold and it.label is not Level.NONE and len(it.features) == 1
        )
        out += [fold] * (SYNTHETIC_NONE_PER_FOLD + risky)
    if len(out) != len(synth):
        raise ValueError("synthetic entries do not match their folds")
    return out


@dataclass(frozen=True, slots=True)
class Figures:
    urgent_recall: float
    concern_any_recall: float
    none_fpr: float
    fpr_by_category: dict[str, tuple[float, int]]

    def line(self) -> str:
        cats = ", ".join(f"{c} {r:.3f} ({n})" for c, (r, n) in self.fpr_by_category.items())
        return (
            f"urgent recall {self.urgent_recall:.3f}, concern any-level recall "
            f"{self.concern_any_recall:.3f}, none FPR {self.none_fpr:.3f} [{cats}]"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "urgent_recall": round(self.urgent_recall, 4),
            "concern_any_recall": round(self.concern_any_recall, 4),
            "none_fpr": round(self.none_fpr, 4),
            "none_fpr_by_category": {c: round(r, 4) for c, (r, _) in self.fpr_by_category.items()},
        }


def combine(rules: Level, probs: tuple[float, float], urgent: float, concern: float) -> Level:
    if rules is Level.URGENT or probs[0] >= urgent:
        return Level.URGENT
    if rules is Level.CONCERN or probs[1] >= concern:
        return Level.CONCERN
    return Level.NONE


def figures(items: Sequence[Item], levels: Sequence[Level]) -> Figures:
    urgent = [lv for it, lv in zip(items, levels, strict=True) if it.label is Level.URGENT]
    concern = [lv for it, lv in zip(items, levels, strict=True) if it.label is Level.CONCERN]
    by_cat: dict[str, list[bool]] = defaultdict(list)
    for item, level in zip(items, levels, strict=True):
        if item.label is Level.NONE:
            by_cat[item.category].append(level is not Level.NONE)
    flags = [f for fs in by_cat.values() for f in fs]
    return Figures(
        sum(lv is Level.URGENT for lv in urgent) / max(1, len(urgent)),
        sum(lv is not Level.NONE for lv in concern) / max(1, len(concern)),
        sum(flags) / max(1, len(flags)),
        {c: (sum(fs) / len(fs), len(fs)) for c, fs in sorted(by_cat.items())},
    )


def choose_thresholds(
    items: Sequence[Item],
    probs: Sequence[tuple[float, float]],
    synth: Sequence[Item] = (),
    synth_probs: Sequence[tuple[float, float]] = (),
    *,
    use_rules: bool = True,
) -> tuple[float, float]:
    """For each urgent threshold on a grid, the lowest concern threshold within the
    false-positive limits (module docstring); the pair with the best urgent plus
    concern any-level recall on the items."""
    every = [*items, *synth]
    chances = [*probs, *synth_probs]
    rules = [it.rules if use_rules else Level.NONE for it in every]
    none = [i for i, it in enumerate(every) if it.label is Level.NONE]
    members: dict[str, list[int]] = {"": [i for i in none if i < len(items)]}
    for category in (*FPR_CATEGORIES, SYNTHETIC):
        inside = [i for i in none if every[i].category == category]
        if inside:
            members[category] = inside
    limits: dict[str, int] = {}
    for key, inside in members.items():
        limit = math.floor(MAX_FPR * len(inside) + 1e-9)
        by_rules = sum(rules[i] is not Level.NONE for i in inside)
        limit = min(limit, max(0, math.floor(TARGET_FPR * len(inside) + 1e-9) - by_rules))
        limits[key] = limit
    best: tuple[float, float, float] | None = None
    for urgent in GRID:
        concern = 0.0
        feasible = True
        for key, inside in members.items():
            left = [i for i in inside if rules[i] is Level.NONE]  # the rules' own are not counted
            flagged = {i for i in left if chances[i][0] >= urgent}
            budget = limits[key] - len(flagged)
            if budget < 0:
                feasible = False
                break
            rest = sorted((chances[i][1] for i in left if i not in flagged), reverse=True)
            if budget < len(rest):
                concern = max(concern, _above(rest[budget]))
        if not feasible or concern > 1:
            continue
        fig = figures(
            items, [combine(r, p, urgent, concern) for r, p in zip(rules, probs, strict=False)]
        )
        score = fig.urgent_recall + fig.concern_any_recall
        if best is None or score > best[0] + 1e-12:
            best = (score, urgent, concern)
    if best is None:
        raise ValueError("no thresholds meet the false-positive limits")
    return best[1], best[2]


def _above(p: float) -> float:
    """The smallest threshold on the grid strictly above probability `p`."""
    for value in GRID:
        if value > p:
            return value
    return 2.0


def levels_of(
    items: Sequence[Item], probs: Sequence[tuple[float, float]], urgent: float, concern: float,
    *, use_rules: bool = True,
) -> list[Level]:  # fmt: skip
    return [
        combine(it.rules if use_rules else Level.NONE, p, urgent, concern)
        for it, p in zip(items, probs, strict=True)
    ]


# ---------------------------------------------------------------------------
# Output


def to_json(m: screening_model.Model, settings: Settings, cv: Mapping[str, object]) -> str:
    data = {
        "format": screening_model.FORMAT,
        "about": "crisis-language classifier, written by `uv run python -m bench.train_screening`",
        "settings": {
            "seed": SEED,
            "folds": FOLDS,
            "max_fpr": MAX_FPR,
            "target_fpr": TARGET_FPR,
            **{k: getattr(settings, k) for k in settings.__slots__},
        },
        "cross_validation": cv,
        "thresholds": {"urgent": m.urgent_threshold, "concern": m.concern_threshold},
        "bias": list(m.bias),
        "weights": {k: list(v) for k, v in m.weights.items()},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def run(
    settings: Settings, items: Sequence[Item], synth: Sequence[Item], extra: set[str]
) -> dict[str, object]:
    """Cross-validate one setting, print the figures, return the thresholds and figures."""
    probs, synth_probs = out_of_fold(items, synth, settings)
    u_alone, c_alone = choose_thresholds(items, probs, synth, synth_probs, use_rules=False)
    urgent, concern = choose_thresholds(items, probs, synth, synth_probs)
    rules_only = [it.rules for it in items]
    both = levels_of(items, probs, urgent, concern)
    extra_index = [i for i, it in enumerate(items) if it.group in extra]
    sub = [items[i] for i in extra_index]
    rows = {
        "rules": figures(items, rules_only),
        "model": figures(items, levels_of(items, probs, u_alone, c_alone, use_rules=False)),
        "rules_and_model": figures(items, both),
        "synthetic_rules": figures(synth, [it.rules for it in synth]),
        "synthetic_rules_and_model": figures(synth, levels_of(synth, synth_probs, urgent, concern)),
        "train_extra_rules": figures(sub, [rules_only[i] for i in extra_index]),
        "train_extra_rules_and_model": figures(sub, [both[i] for i in extra_index]),
    }
    print(f"  thresholds: urgent {urgent:.3f}, concern {concern:.3f}")
    for name, fig in rows.items():
        print(f"  {name + ':':30} {fig.line()}")
    return {"urgent": urgent, "concern": concern, "figures": rows}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-write", action="store_true", help="cross-validate only")
    parser.add_argument("--grid", action="store_true", help="compare a few settings first")
    args = parser.parse_args(argv)

    items = load()
    extra = {it.group for it in load(["train_extra.jsonl"])}
    synth = synthetic(items, folds(items))
    counts = Counter(it.label.value for it in items)
    print(
        f"{len(items)} items ({dict(counts)}), {FOLDS}-fold cross-validation, "
        f"{len(synth)} synthetic entries of about {SYNTHETIC_CHARS} characters"
    )
    settings = Settings()
    if args.grid:
        for variant in _variants(settings):
            print(variant)
            run(variant, items, synth, extra)
    print(settings)
    cv = run(settings, items, synth, extra)
    if args.no_write:
        return
    final = replace(
        train(items, settings),
        urgent_threshold=float(cv["urgent"]),  # type: ignore[arg-type]
        concern_threshold=float(cv["concern"]),  # type: ignore[arg-type]
    )
    rows: dict[str, Figures] = cv["figures"]  # type: ignore[assignment]
    summary = {name: fig.as_dict() for name, fig in rows.items()}
    OUT.write_text(to_json(final, settings, summary), encoding="utf-8")
    size = OUT.stat().st_size
    print(f"wrote {OUT.relative_to(ROOT)}: {len(final.weights):,} features, {size:,} bytes")


def _variants(base: Settings) -> list[Settings]:
    return [
        replace(base, ordinary=0),
        replace(base, ordinary=2000, ordinary_weight=0.5),
        replace(base, epochs=20),
        replace(base, l2=1e-2),
        replace(base, l2=3e-2),
        replace(base, positive_weight=2.0),
        replace(base, rate=0.05),
    ]


if __name__ == "__main__":
    main()
