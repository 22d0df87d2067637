"""The numbers behind the measures charts (pure): totals over time, the cut-off
line, the bands and where reliable change was reached."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from mend.measures.definitions import Instrument


class _Point(Protocol):
    @property
    def at(self) -> Any: ...
    @property
    def total(self) -> float | None: ...
    @property
    def change(self) -> Any: ...


class _Series(Protocol):
    @property
    def instrument(self) -> Instrument: ...
    @property
    def points(self) -> Sequence[_Point]: ...


def cutoff_of(instrument: Instrument, overrides: Mapping[str, float]) -> float | None:
    if instrument.id in overrides:
        return overrides[instrument.id]
    return float(instrument.cutoff.value) if instrument.cutoff else None


def chart_data(
    series: Sequence[_Series], *, cutoffs: Mapping[str, float] | None = None
) -> dict[str, Any]:
    """One chart per instrument with a total; Brief COPE has none to draw."""
    return {
        s.instrument.id: _chart(s, cutoffs or {})
        for s in series
        if any(p.total is not None for p in s.points)
    }


def _chart(series: _Series, cutoffs: Mapping[str, float]) -> dict[str, Any]:
    instrument = series.instrument
    scoring = instrument.scoring
    drawn = [p for p in series.points if p.total is not None]
    return {
        "label": instrument.short_name,
        "dates": [p.at.date().isoformat() for p in drawn],
        "totals": [p.total for p in drawn],
        "range": list(scoring.range) if scoring.range else None,
        "cutoff": cutoff_of(instrument, cutoffs),
        "cutoff_name": instrument.cutoff.name.replace("_", " ") if instrument.cutoff else None,
        "bands": [{"name": b.name, "min": b.min, "max": b.max} for b in scoring.bands],
        "markers": [
            {"date": p.at.date().isoformat(), "total": p.total, "direction": p.change.direction}
            for p in drawn
            if p.change is not None and p.change.reliable
        ],
    }
