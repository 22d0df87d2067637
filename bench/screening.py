"""Crisis-language screening: accuracy and speed, `uv run python -m bench.screening`.

Accuracy: `mend.safety.screen()` over the labelled sets in tests/data/screening
(LABELS.md says what urgent, concern and none mean), each set reported
separately. eval.jsonl is the set the rules were written against, so its figures
are fitted. The blind sets are never read while the rules or the classifier are
changed: sealed.jsonl (a slice the training set's author set aside) and
holdout4.jsonl (written by a separate author from LABELS.md alone). Their figures
are the honest ones. (holdout.jsonl, holdout2.jsonl and holdout3.jsonl were blind
once; after being measured they were read and trained on, and are now
spent1–3.jsonl, training data.) Misclassified lines are listed for eval.jsonl only.

Speed: one process, one core, a deterministic mix of 500-character journal
entries (ordinary sentences, one in five with a risk sentence in the middle),
screened for about three seconds; entries per second. Target (the screening
issue): urgent recall >= 0.95, concern any-level recall >= 0.90, false positives
on none items (overall, idiom, negation, ordinary) <= 0.05, >= 2,000 entries/s.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mend.safety import Level, Screening, screen

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "screening"
EVAL = DATA / "eval.jsonl"
SEALED = DATA / "sealed.jsonl"  # set aside by the training set's author, never read
HOLDOUT4 = DATA / "holdout4.jsonl"  # a separate author, from LABELS.md alone, never read
LEVELS = (Level.URGENT, Level.CONCERN, Level.NONE)

URGENT_RECALL = 0.95
CONCERN_ANY_RECALL = 0.90
NONE_FPR = 0.05
FPR_CATEGORIES = ("idiom", "negation", "ordinary")  # the none categories with a target
THROUGHPUT = 2_000

ENTRY_CHARS = 500
ENTRIES = 2_000
SECONDS = 3.0
ROUNDS = 3
SEED = 20_261_121


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    label: Level
    category: str
    line: int  # 1-based line in its file


@dataclass(frozen=True, slots=True)
class Miss:
    item: Item
    got: Level
    evidence: tuple[str, ...]  # "kind: matched text"


@dataclass(frozen=True, slots=True)
class Metrics:
    """Figures for one labelled set. Ratios are None where nothing was counted."""

    total: int
    counts: dict[Level, int]  # items per true label
    recall: dict[Level, float | None]  # exact level
    precision: dict[Level, float | None]
    urgent_recall: float | None  # urgent items screened urgent
    concern_any_recall: float | None  # concern items screened concern or urgent
    none_fpr: float | None  # none items screened concern or urgent
    none_fpr_by_category: dict[str, tuple[float, int]]  # category -> (rate, items)
    misses: tuple[Miss, ...]

    def failures(self) -> list[str]:
        """Each target this set misses, in words; empty when all are met."""
        problems = []
        if self.urgent_recall is not None and self.urgent_recall < URGENT_RECALL:
            problems.append(f"urgent recall {self.urgent_recall:.3f} < {URGENT_RECALL}")
        if self.concern_any_recall is not None and self.concern_any_recall < CONCERN_ANY_RECALL:
            problems.append(
                f"concern any-level recall {self.concern_any_recall:.3f} < {CONCERN_ANY_RECALL}"
            )
        if self.none_fpr is not None and self.none_fpr > NONE_FPR:
            problems.append(f"none false-positive rate {self.none_fpr:.3f} > {NONE_FPR}")
        for category in FPR_CATEGORIES:
            if category in self.none_fpr_by_category:
                rate, _count = self.none_fpr_by_category[category]
                if rate > NONE_FPR:
                    problems.append(f"{category} false-positive rate {rate:.3f} > {NONE_FPR}")
        return problems


def load(path: Path) -> list[Item]:
    """One labelled item per non-blank line: {"text", "label", "category"}."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            items.append(Item(row["text"], Level(row["label"]), row.get("category", ""), number))
    return items


def _ratio(hits: int, total: int) -> float | None:
    return hits / total if total else None


def evaluate(items: Sequence[Item], screener: Callable[[str], Screening] = screen) -> Metrics:
    """Screen every item and compare with its label."""
    got: list[Level] = []
    evidence: list[tuple[str, ...]] = []
    for item in items:
        result = screener(item.text)
        got.append(result.level)
        evidence.append(tuple(f"{e.kind}: {e.text}" for e in result.evidence))
    pairs = list(zip((item.label for item in items), got, strict=True))
    counts = Counter(label for label, _ in pairs)
    predicted = Counter(level for _, level in pairs)
    exact = Counter(label for label, level in pairs if label is level)
    none_by_category: dict[str, list[bool]] = defaultdict(list)
    for item, level in zip(items, got, strict=True):
        if item.label is Level.NONE:
            none_by_category[item.category].append(level is not Level.NONE)
    none_flags = [flag for flags in none_by_category.values() for flag in flags]
    return Metrics(
        total=len(items),
        counts={level: counts[level] for level in LEVELS},
        recall={level: _ratio(exact[level], counts[level]) for level in LEVELS},
        precision={level: _ratio(exact[level], predicted[level]) for level in LEVELS},
        urgent_recall=_ratio(exact[Level.URGENT], counts[Level.URGENT]),
        concern_any_recall=_ratio(
            sum(1 for label, level in pairs if label is Level.CONCERN and level is not Level.NONE),
            counts[Level.CONCERN],
        ),
        none_fpr=_ratio(sum(none_flags), len(none_flags)),
        none_fpr_by_category={
            category: (sum(flags) / len(flags), len(flags))
            for category, flags in sorted(none_by_category.items())
        },
        misses=tuple(
            Miss(item, level, ev)
            for item, level, ev in zip(items, got, evidence, strict=True)
            if item.label is not level
        ),
    )


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def report(name: str, metrics: Metrics, *, show_misses: bool) -> list[str]:
    """Markdown for one set."""
    lines = [
        f"### {name}: {metrics.total} items "
        f"({', '.join(f'{metrics.counts[lv]} {lv}' for lv in LEVELS)})",
        "",
        "| level | items | recall | precision |",
        "|---|---:|---:|---:|",
    ]
    for level in LEVELS:
        lines.append(
            f"| {level} | {metrics.counts[level]} | {_figure(metrics.recall[level])} "
            f"| {_figure(metrics.precision[level])} |"
        )
    lines += [
        "",
        f"- urgent recall (urgent screened urgent): **{_figure(metrics.urgent_recall)}** "
        f"(target ≥ {URGENT_RECALL})",
        f"- concern any-level recall (concern screened concern or urgent): "
        f"**{_figure(metrics.concern_any_recall)}** (target ≥ {CONCERN_ANY_RECALL})",
        f"- false-positive rate on none items: **{_figure(metrics.none_fpr)}** "
        f"(target ≤ {NONE_FPR})",
        "",
        "| none category | items | false-positive rate |",
        "|---|---:|---:|",
    ]
    for category, (rate, count) in metrics.none_fpr_by_category.items():
        target = " (target ≤ 0.05)" if category in FPR_CATEGORIES else ""
        lines.append(f"| {category} | {count} | {rate:.3f}{target} |")
    problems = metrics.failures()
    lines += ["", "Targets: " + ("all met" if not problems else "MISSED: " + "; ".join(problems))]
    if show_misses and metrics.misses:
        lines += ["", f"Misclassified ({len(metrics.misses)}):", ""]
        for miss in metrics.misses:
            found = "; ".join(miss.evidence) or "no evidence"
            lines.append(
                f"- line {miss.item.line} [{miss.item.category}] {miss.item.label} → {miss.got}: "
                f"{json.dumps(miss.item.text, ensure_ascii=False)} ({found})"
            )
    elif metrics.misses:
        lines += ["", f"Misclassified: {len(metrics.misses)} (not listed: held out)"]
    return lines


# Ordinary journal sentences for the speed mix, and risk sentences for one entry in five.
ORDINARY = (
    "Work was busy today and the printer jammed twice before lunch.",
    "I went for a walk along the canal after dinner and it helped a bit.",
    "Mum rang to ask about the weekend, we talked for almost an hour.",
    "The bus was late again so I missed the start of the meeting.",
    "I made soup with the leftover vegetables and watched a film.",
    "Felt anxious this morning but the breathing exercise took the edge off.",
    "My manager said the report was fine, which was a relief honestly.",
    "I cried a little after the call, then I had a shower and felt calmer.",
    "Slept badly because the neighbours were loud until two.",
    "We took the dog to the park and she chased every pigeon in sight.",
    "I'm exhausted but I finished the washing and tidied the kitchen.",
    "Therapy was hard this week, we talked about my dad and the move.",
    "This traffic is killing me, forty minutes to go three miles.",
    "I'd kill for a proper holiday, somewhere warm with a book.",
    "Cooked for friends on Saturday and it went better than I feared.",
    "I keep putting off the dentist, I should just book it tomorrow.",
)
RISK = (
    "Sometimes I think everyone would be better off without me.",
    "I have been saving my pills and I know how many it would take.",
    "I really don't want to be here anymore.",
    "I feel like a burden to everyone around me.",
    "I can't take this anymore and there is no way out.",
)


def entries(count: int = ENTRIES, size: int = ENTRY_CHARS, seed: int = SEED) -> list[str]:
    """`count` entries of about `size` characters; every fifth has a risk sentence."""
    rng = random.Random(seed)
    made = []
    for index in range(count):
        sentences: list[str] = []
        while sum(len(s) + 1 for s in sentences) < size:
            sentences.append(rng.choice(ORDINARY))
        if index % 5 == 0:
            sentences.insert(len(sentences) // 2, rng.choice(RISK))
        made.append(" ".join(sentences)[:size])
    return made


def throughput(texts: Sequence[str], seconds: float = SECONDS) -> tuple[float, float, int]:
    """Entries screened per second on this process over about `seconds`, in ROUNDS rounds:
    (best round, all rounds, entries screened). The best round is the figure least
    disturbed by other work on the machine."""
    for text in texts[:50]:
        screen(text)  # warm the caches outside the timing
    best, done, total = 0.0, 0, 0.0
    for _ in range(ROUNDS):
        gc.collect()
        count, start, elapsed = 0, time.perf_counter(), 0.0
        while elapsed < seconds / ROUNDS:
            for text in texts:
                screen(text)
            count += len(texts)
            elapsed = time.perf_counter() - start
        best = max(best, count / elapsed)
        done += count
        total += elapsed
    return best, done / total, done


def run(sets: Iterable[tuple[str, Path, bool]], seconds: float) -> list[str]:
    lines = ["## Crisis-language screening", ""]
    for name, path, show in sets:
        if not path.exists():
            lines += [f"### {name}: {path.name} not found", ""]
            continue
        lines += [*report(name, evaluate(load(path)), show_misses=show), ""]
    texts = entries()
    best, overall, done = throughput(texts, seconds)
    verdict = "ok" if best >= THROUGHPUT else f"BELOW the {THROUGHPUT:,}/s target"
    size = sum(len(t) for t in texts) / len(texts)
    lines += [
        "### Throughput",
        "",
        f"- {best:,.0f} entries/s, best of {ROUNDS} rounds ({overall:,.0f}/s over all "
        f"{done:,} entries of {size:.0f} characters in {seconds:.0f} s; one process, one core; "
        f"one entry in five has a risk sentence): {verdict} (target ≥ {THROUGHPUT:,}/s)",
        "- command: `uv run python -m bench.screening`",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=SECONDS, help="throughput duration")
    args = parser.parse_args(argv)
    sets = [
        ("eval.jsonl", EVAL, True),
        ("sealed.jsonl", SEALED, False),
        ("holdout4.jsonl", HOLDOUT4, False),
    ]
    print("\n".join(run(sets, args.seconds)))


if __name__ == "__main__":
    main()
