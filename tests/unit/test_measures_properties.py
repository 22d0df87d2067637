"""Properties every shipped instrument's scoring keeps, for any valid response."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mend.measures import Instrument, instruments, score

IDS = sorted(instruments())
OUTCOMES = {"positive", "negative", "unknown"}


@st.composite
def responses(draw: st.DrawFn, *, missing: bool = False) -> tuple[Instrument, list[int | None]]:
    """An instrument and a complete response to it (or one with up to the allowed
    number of missing items)."""
    instrument = instruments()[draw(st.sampled_from(IDS))]
    answers: list[int | None] = [
        draw(st.sampled_from(item.values)) for item in instrument.scored_items
    ]
    if missing:
        most = instrument.scoring.missing.max_missing
        gaps = draw(st.sets(st.integers(0, len(answers) - 1), max_size=most))
        for gap in gaps:
            answers[gap] = None
    return instrument, answers


def in_range(instrument: Instrument, total: Any) -> bool:
    low, high = instrument.scoring.range  # type: ignore[misc]
    return bool(low <= total <= high)


@given(responses())
def test_totals_stay_in_range(case: tuple[Instrument, list[int | None]]) -> None:
    """instruments.md ranges: PHQ-9 0-27, GAD-7 0-21, PCL-5 0-80, CORE-10 0-40,
    PTGI-SF 0-50, BRS 1.00-5.00, WHO-5 0-25; every subscale within its items' reach."""
    instrument, answers = case
    result = score(instrument.id, answers)
    assert result.scorable and result.complete
    if instrument.scoring.range is None:
        assert result.total is None
    else:
        assert in_range(instrument, result.total)
        assert (result.band is None) == (not instrument.scoring.bands)
    for subscale in instrument.scoring.subscales:
        low, high = subscale.range
        assert low <= result.subscales[subscale.id] <= high  # type: ignore[operator]
    assert set(result.flags.values()) <= OUTCOMES


@given(responses(), st.data())
def test_totals_move_with_each_item_in_its_direction(
    case: tuple[Instrument, list[int | None]], data: st.DataObject
) -> None:
    """Raising one answer never lowers the total of a non-reversed item and never
    raises it for a reversed one (CORE-10 2, 3; BRS 2, 4, 6)."""
    instrument, answers = case
    if instrument.scoring.range is None:
        return
    index = data.draw(st.integers(0, len(answers) - 1))
    item = instrument.scored_items[index]
    higher = data.draw(st.sampled_from([v for v in item.values if v >= answers[index]]))  # type: ignore[operator]
    raised = [*answers[:index], higher, *answers[index + 1 :]]
    before, after = score(instrument.id, answers).total, score(instrument.id, raised).total
    assert before is not None and after is not None
    if item.number in instrument.scoring.reverse:
        assert after <= before
    else:
        assert after >= before


@given(responses(missing=True))
def test_prorated_totals_stay_in_range(case: tuple[Instrument, list[int | None]]) -> None:
    """instruments.md missing rules (PHQ-9 up to 2, GAD-7 1, CORE-10 1): a prorated
    total is scorable and inside the instrument's range."""
    instrument, answers = case
    result = score(instrument.id, answers)
    gaps = answers.count(None)
    assert result.scorable and result.missing == gaps
    assert result.prorated == (gaps > 0 and instrument.scoring.range is not None)
    if instrument.scoring.range is not None:
        assert in_range(instrument, result.total)


@given(responses(missing=True), st.data())
def test_a_flag_on_a_missing_item_is_never_negative(
    case: tuple[Instrument, list[int | None]], data: st.DataObject
) -> None:
    """instruments.md PHQ-9: never prorate item 9; a missing risk item leaves the
    flag unknown (or positive from another of its items), never negative."""
    instrument, answers = case
    for flag in instrument.flags:
        if flag.source != "items":
            continue
        gap = data.draw(st.sampled_from(flag.items)) - 1
        if gap >= len(answers):
            continue
        answers[gap] = None
        assert score(instrument.id, answers).flags[flag.name] in {"unknown", "positive"}
