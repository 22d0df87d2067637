"""Questionnaire scoring speed: `uv run python -m bench.measures_scoring`.

Pure Python on one core, through the public `mend.measures.score()`: random valid
answers are made up front, then each instrument scores them all, best of
REPEATS runs. The target (the measures issue) is at least 100,000 responses a
second for PHQ-9 and for PCL-5.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Sequence

from mend.measures import instruments, score

RESPONSES = 100_000
REPEATS = 5
TARGET = 100_000
INSTRUMENTS = ("phq9", "pcl5")
SEED = 20_260_302


def make_answers(instrument_id: str, count: int, rng: random.Random) -> list[list[int | None]]:
    """`count` complete responses, every answer one of its item's values."""
    choices = [item.values for item in instruments()[instrument_id].scored_items]
    return [[rng.choice(values) for values in choices] for _ in range(count)]


def responses_per_second(instrument_id: str, responses: Sequence[list[int | None]]) -> float:
    """Best of REPEATS timed passes over `responses`."""
    score(instrument_id, responses[0])  # compile the definitions outside the timing
    best = float("inf")
    for _ in range(REPEATS):
        gc.collect()  # start each pass clean; the collector stays on, as in the server
        start = time.perf_counter()
        for answers in responses:
            score(instrument_id, answers)
        best = min(best, time.perf_counter() - start)
    return len(responses) / best


def main() -> None:
    rng = random.Random(SEED)
    print(f"mend.measures.score(): {RESPONSES:,} random valid responses, best of {REPEATS}")
    for instrument_id in INSTRUMENTS:
        rate = responses_per_second(instrument_id, make_answers(instrument_id, RESPONSES, rng))
        verdict = "ok" if rate >= TARGET else f"BELOW the {TARGET:,}/s target"
        print(f"  {instrument_id:<6} {rate:>10,.0f} responses/s  {verdict}")


if __name__ == "__main__":
    main()
