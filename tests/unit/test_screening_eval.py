"""The screener against its labelled evaluation set and targets (clinical-model §5).

Targets on tests/data/screening/eval.jsonl: urgent recall >= 0.95, concern items
screened concern or urgent >= 0.90, false positives on none items (overall and
in the idiom, negation and ordinary categories) <= 0.05. The figures come from
`bench.screening.evaluate`, the same computation the benchmark prints.
"""

from __future__ import annotations

import pytest
from bench.screening import (
    CONCERN_ANY_RECALL,
    EVAL,
    FPR_CATEGORIES,
    NONE_FPR,
    URGENT_RECALL,
    Metrics,
    evaluate,
    load,
)

pytestmark = pytest.mark.skipif(not EVAL.exists(), reason=f"{EVAL} has not been written yet")


@pytest.fixture(scope="module")
def metrics() -> Metrics:
    return evaluate(load(EVAL))


def _misses(metrics: Metrics, label: str) -> str:
    return "\n".join(
        f"line {m.item.line}: {m.item.text!r} -> {m.got}"
        for m in metrics.misses
        if m.item.label == label
    )


def test_urgent_recall(metrics: Metrics) -> None:
    assert metrics.urgent_recall is not None
    assert metrics.urgent_recall >= URGENT_RECALL, _misses(metrics, "urgent")


def test_concern_any_level_recall(metrics: Metrics) -> None:
    assert metrics.concern_any_recall is not None
    assert metrics.concern_any_recall >= CONCERN_ANY_RECALL, _misses(metrics, "concern")


def test_false_positive_rate_on_none_items(metrics: Metrics) -> None:
    assert metrics.none_fpr is not None
    assert metrics.none_fpr <= NONE_FPR, _misses(metrics, "none")


@pytest.mark.parametrize("category", FPR_CATEGORIES)
def test_false_positive_rate_by_category(metrics: Metrics, category: str) -> None:
    rate, _count = metrics.none_fpr_by_category.get(category, (0.0, 0))
    assert rate <= NONE_FPR, _misses(metrics, "none")
