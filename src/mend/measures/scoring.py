"""The one scoring engine: any instrument definition, compiled once, scores responses.

Pure: values in, values out. The rules live in the definition files
(instruments/*.toml, checked by `definitions`); this module applies them the same
way for every instrument:

- answers are a list in item order, ints or None for a missing item; trailing
  unscored items (PHQ-9 item 10) may be left off;
- the total is multiplier x (sum of answered) / (number answered), so a missing
  item counts as the mean of the answered ones (NHS Data Dictionary, PHQ-9), and
  it is rounded half-up in exact integer arithmetic;
- imputed values feed the total only: flags and algorithms read the answers as
  given, so a missing risk item makes its flag `unknown` (never prorated;
  instruments.md, PHQ-9 risk), and a subscale with a missing item is None;
- a response with more missing items than the definition allows is not scorable
  and says why, but its item flags are still read: risk signals are never dropped.

Each definition is compiled into a `Scorer` holding precomputed tuples, so
`score()` does little more than validate, sum and look up.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import ge, itemgetter, le
from typing import Any

from mend.measures.definitions import (
    UNKNOWN,
    Algorithm,
    Flag,
    Instrument,
    Number,
    Scoring,
    from_units,
    half_up,
    load_shipped,
    to_units,
)

POSITIVE = "positive"
NEGATIVE = "negative"
_INT_ONLY = {int}
_BAND_TABLE_LIMIT = 10_000  # larger ranges look bands up by bisection instead

Answers = Sequence[int | None]
Getter = Callable[[Sequence[Any]], tuple[Any, ...]]
Compare = Callable[[Any, Any], bool]


class ScoringError(ValueError):
    """Answers (or a request) that cannot be scored as given; names the item."""

    def __init__(self, message: str, *, instrument: str | None = None, item: int | None = None):
        super().__init__(message)
        self.instrument = instrument
        self.item = item


@dataclass(frozen=True, slots=True)
class Score:
    """One scored response.

    `total` is None when there is no total (Brief COPE) or the response is not
    scorable; `band` is None where no bands are published (PCL-5, PTGI-SF,
    WHO-5). `flags` hold "positive", "negative" or "unknown", including the
    clinical cut-off under its name (e.g. "caseness") judged against `cutoff`.
    `algorithms` holds each algorithm run (its outcome name, or "unknown");
    `derived` other views of the total (WHO-5 "percentage").
    """

    instrument: str
    scorable: bool
    reason: str | None  # plain words, when not scorable
    total: Number | None
    band: str | None
    cutoff: Number | None  # the cut-off the flag of that name was judged against
    subscales: dict[str, int | None]
    groupings: dict[str, int | None]
    flags: dict[str, str]
    algorithms: dict[str, str]
    derived: dict[str, Number | None]
    answered: int  # scored items answered
    missing: int  # scored items missing
    missing_items: tuple[int, ...]  # their item numbers
    prorated: bool  # the total stands in the mean for missing items

    @property
    def complete(self) -> bool:
        return self.missing == 0


def _getter(indices: Sequence[int]) -> Getter:
    if len(indices) == 1:
        index = indices[0]
        return lambda values: (values[index],)
    return itemgetter(*indices)


def _item_flag(values: tuple[int | None, ...], compare: Compare, threshold: Number) -> str:
    unknown = False
    for value in values:
        if value is None:
            unknown = True
        elif compare(value, threshold):
            return POSITIVE
    return UNKNOWN if unknown else NEGATIVE


def _total_flag(total: Number | None, compare: Compare, threshold: Number) -> str:
    if total is None:
        return UNKNOWN
    return POSITIVE if compare(total, threshold) else NEGATIVE


def _compare(at_least: Number | None) -> Compare:
    return ge if at_least is not None else le


# Items that share a threshold and answers: (getter, how many, the values below the threshold).
_Part = tuple[Getter, int, tuple[int, ...]]
# One condition of an outcome: between `low` and `high` of these items are symptoms.
_Check = tuple[int, int, tuple[_Part, ...]]


@dataclass(frozen=True, slots=True)
class _CompiledAlgorithm:
    id: str
    values: Getter  # its items, from the answers as given
    scored_only: bool  # then a complete response has no None among them
    outcomes: tuple[tuple[str, tuple[_Check, ...]], ...]
    otherwise: str

    def run(self, answers: Sequence[int | None], missing: tuple[int, ...]) -> str:
        if (missing or not self.scored_only) and None in self.values(answers):
            return UNKNOWN
        for name, checks in self.outcomes:
            for low, high, parts in checks:
                # symptoms = items - items answered below their threshold (C-speed counts)
                count = 0
                for get, size, below in parts:
                    values = get(answers)
                    count += size
                    for value in below:
                        count -= values.count(value)
                if not low <= count <= high:
                    break
            else:
                return name
        return self.otherwise


def _compile_check(
    algorithm: Algorithm, instrument: Instrument, numbers: Sequence[int], low: int, high: int
) -> _Check:
    groups: dict[tuple[int, ...], list[int]] = {}
    for number in numbers:
        threshold = algorithm.threshold(number)
        below = tuple(v for v in instrument.item(number).values if v < threshold)
        groups.setdefault(below, []).append(number - 1)
    parts = tuple((_getter(indices), len(indices), below) for below, indices in groups.items())
    return low, high, parts


def _compile_algorithm(algorithm: Algorithm, instrument: Instrument) -> _CompiledAlgorithm:
    members = {subscale.id: subscale.items for subscale in instrument.scoring.subscales}
    outcomes = []
    for outcome in algorithm.outcomes:
        conditions: list[tuple[Sequence[int], int, int]] = []
        if outcome.min_symptoms > 0 or outcome.max_symptoms is not None:
            most = outcome.max_symptoms
            conditions.append(
                (
                    algorithm.items,
                    outcome.min_symptoms,
                    len(algorithm.items) if most is None else most,
                )
            )
        if outcome.any_of:
            conditions.append((outcome.any_of, 1, len(outcome.any_of)))
        conditions.extend(
            (members[key], least, len(members[key])) for key, least in outcome.min_per_subscale
        )
        checks = tuple(_compile_check(algorithm, instrument, *c) for c in conditions)
        outcomes.append((outcome.name, checks))
    scored = {item.number for item in instrument.scored_items}
    return _CompiledAlgorithm(
        id=algorithm.id,
        values=_getter([n - 1 for n in algorithm.items]),
        scored_only=set(algorithm.items) <= scored,
        outcomes=tuple(outcomes),
        otherwise=algorithm.otherwise,
    )


def _multiplier(scoring: Scoring, count: int) -> int:
    """The total is multiplier x (sum answered) / (number answered), in 10**-decimals units."""
    if scoring.method == "sum":
        factor = count
    elif scoring.method == "scaled_mean" and scoring.scale is not None:
        factor = scoring.scale
    else:
        factor = 1
    return factor * int(10**scoring.decimals)


class Scorer:
    """One instrument definition compiled for fast, repeated scoring."""

    __slots__ = (
        "_algorithms",
        "_band_names",
        "_band_starts",
        "_band_table",
        "_base",
        "_cutoff",
        "_decimals",
        "_default_algorithms",
        "_derived",
        "_groupings",
        "_has_total",
        "_id",
        "_item_flags",
        "_label",
        "_lowest",
        "_max_missing",
        "_multiplier",
        "_n",
        "_n_all",
        "_plain_sum",
        "_range",
        "_reach",
        "_reverse",
        "_subscale_ids",
        "_subscales",
        "_total_flags",
        "_uniform",
        "_values",
        "instrument",
    )

    def __init__(self, instrument: Instrument) -> None:
        scoring = instrument.scoring
        scored = instrument.scored_items
        self.instrument = instrument
        self._id = instrument.id
        self._label = instrument.short_name
        self._n = len(scored)
        self._n_all = len(instrument.items)
        self._values = tuple(frozenset(item.values) for item in instrument.items)
        sets = {frozenset(item.values) for item in scored}
        # one shared answer set lets a whole response be checked in C (issuperset)
        self._uniform = next(iter(sets)) if len(sets) == 1 else None
        self._reverse = tuple(number - 1 for number in scoring.reverse)
        self._base = scoring.reverse_base or 0
        self._has_total = scoring.has_total
        self._plain_sum = scoring.method == "sum" and scoring.decimals == 0
        self._multiplier = _multiplier(scoring, self._n)
        self._decimals = scoring.decimals
        self._max_missing = scoring.missing.max_missing
        self._range = scoring.range
        low = to_units(scoring.range[0], scoring.decimals) if scoring.range else None
        self._lowest = low or 0  # the band table starts at the lowest total
        self._compile_bands(scoring)
        self._subscale_ids = tuple(subscale.id for subscale in scoring.subscales)
        self._subscales = tuple(
            (subscale.id, _getter([n - 1 for n in subscale.items]))
            for subscale in scoring.subscales
        )
        self._groupings = tuple((g.id, g.subscales) for g in scoring.groupings)
        self._derived = tuple((d.id, d.multiplier) for d in scoring.derived)
        self._compile_flags(instrument)
        read = [n for f in instrument.flags for n in f.items]
        read += [n for a in instrument.algorithms for n in a.items]
        self._reach = max(read, default=0)  # how far into the answers flags and algorithms read
        self._algorithms = {a.id: _compile_algorithm(a, instrument) for a in instrument.algorithms}
        self._default_algorithms = tuple(
            self._algorithms[a.id] for a in instrument.algorithms if not a.optional
        )

    def _compile_bands(self, scoring: Scoring) -> None:
        units = [
            (to_units(band.min, scoring.decimals) or 0, to_units(band.max, scoring.decimals) or 0)
            for band in scoring.bands
        ]
        self._band_starts = tuple(low for low, _ in units)
        self._band_names = tuple(band.name for band in scoring.bands)
        table: list[str] = []
        if units and units[-1][1] - units[0][0] < _BAND_TABLE_LIMIT:
            for (low, high), name in zip(units, self._band_names, strict=True):
                table.extend([name] * (high - low + 1))
        self._band_table = tuple(table)

    def _compile_flags(self, instrument: Instrument) -> None:
        self._item_flags = tuple(
            (f.name, _getter([n - 1 for n in f.items]), _compare(f.at_least), _threshold(f))
            for f in instrument.flags
            if f.source == "items"
        )
        self._total_flags = tuple(
            (f.name, _compare(f.at_least), _threshold(f))
            for f in instrument.flags
            if f.source == "total"
        )
        cutoff = instrument.cutoff
        self._cutoff = (
            None
            if cutoff is None
            # at or above the cut-off is the clinical side when higher is worse
            else (cutoff.name, ge if instrument.higher_is_worse else le, cutoff.value)
        )

    # ------------------------------------------------------------ the hot path

    def score(
        self,
        answers: Answers,
        *,
        cutoff: Number | None = None,
        algorithms: Iterable[str] | None = None,
    ) -> Score:
        """Score one response. `cutoff` overrides the clinical cut-off (e.g. PCL-5
        probable PTSD, default 33); `algorithms` names the algorithms to run
        (default: the definition's non-optional ones; `()` runs none)."""
        given: Sequence[int | None]
        scored: Sequence[int | None]
        if type(answers) is list and len(answers) == self._n and self._reach <= self._n:
            given = scored = answers  # the usual call: just the scored items, as a list
        else:
            given, scored = self._split(answers)
        uniform = self._uniform
        if (
            uniform is not None
            and set(map(type, scored)) == _INT_ONLY
            and uniform.issuperset(scored)
        ):
            missing: tuple[int, ...] = ()
        else:
            missing = self._check(scored)
        if self._reverse:
            scored = self._reversed(scored)
        scorable = len(missing) <= self._max_missing
        total, band = self._total(scored, missing) if scorable and self._has_total else (None, None)
        threshold = self._cutoff_value(cutoff)
        subscales = self._subscale_scores(scored, missing, scorable)
        return Score(
            instrument=self._id,
            scorable=scorable,
            reason=None if scorable else self._reason(missing),
            total=total,
            band=band,
            cutoff=threshold,
            subscales=subscales,
            groupings=self._grouping_scores(subscales) if self._groupings else {},
            flags=self._flags(given, total, threshold),
            algorithms=self._run(given, missing, algorithms),
            derived=self._derived_scores(total) if self._derived else {},
            answered=self._n - len(missing),
            missing=len(missing),
            missing_items=missing,
            prorated=scorable and bool(missing) and self._has_total,
        )

    def _split(self, answers: Answers) -> tuple[Sequence[int | None], Sequence[int | None]]:
        """(answers padded to every item, the scored part); checks the count."""
        if type(answers) is not list and type(answers) is not tuple:
            if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
                raise ScoringError(
                    f"{self._id}: answers must be a list of whole numbers, None for a missing one",
                    instrument=self._id,
                )
            answers = list(answers)
        count, n = len(answers), self._n
        if count == self._n_all:
            for index in range(n, count):
                if answers[index] is not None:
                    self._check_value(index, answers[index])
            return answers, answers[:n] if n != count else answers
        if count == n:
            # pad only when a flag or algorithm reads a left-off unscored item
            padded = answers if self._reach <= n else [*answers] + [None] * (self._n_all - n)
            return padded, answers
        raise ScoringError(self._count_problem(count), instrument=self._id)

    def _count_problem(self, count: int) -> str:
        expected = f"{self._n} answers"
        if self._n_all != self._n:
            expected += f" (or {self._n_all} with the unscored items)"
        return f"{self._id}: {self._label} needs {expected}, got {count}"

    def _check(self, scored: Sequence[int | None]) -> tuple[int, ...]:
        missing = []
        for index, value in enumerate(scored):
            if value is None:
                missing.append(index + 1)
            else:
                self._check_value(index, value)
        return tuple(missing)

    def _check_value(self, index: int, value: object) -> None:
        number = index + 1
        if type(value) is not int:
            what = "true/false" if isinstance(value, bool) else f"a {type(value).__name__}"
            raise ScoringError(
                f"{self._id} item {number}: {value!r} is {what}, not a whole-number answer",
                instrument=self._id,
                item=number,
            )
        if value not in self._values[index]:
            allowed = ", ".join(map(str, sorted(self._values[index])))
            raise ScoringError(
                f"{self._id} item {number}: {value} is not one of its answers ({allowed})",
                instrument=self._id,
                item=number,
            )

    def _reversed(self, scored: Sequence[int | None]) -> list[int | None]:
        result = list(scored)
        base = self._base
        for index in self._reverse:
            value = result[index]
            if value is not None:
                result[index] = base - value
        return result

    def _total(
        self, scored: Sequence[int | None], missing: tuple[int, ...]
    ) -> tuple[Number, str | None]:
        if missing:
            answered = [value for value in scored if value is not None]
            units = half_up(self._multiplier * sum(answered), len(answered))
        elif self._plain_sum:
            units = sum(scored)  # type: ignore[arg-type]
        else:
            units = half_up(self._multiplier * sum(scored), self._n)  # type: ignore[arg-type]
        return from_units(units, self._decimals), self._band(units)

    def band(self, total: Number) -> str | None:
        """The band a total falls in (None where no bands are published)."""
        units = to_units(total, self._decimals) if _is_number(total) else None
        if self._range is None or units is None or not self._range[0] <= total <= self._range[1]:
            raise ScoringError(
                f"{self._id}: {total!r} is not a possible total", instrument=self._id
            )
        return self._band(units)

    def _band(self, units: int) -> str | None:
        if self._band_table:
            return self._band_table[units - self._lowest]
        if self._band_starts:
            return self._band_names[bisect_right(self._band_starts, units) - 1]
        return None

    def _subscale_scores(
        self, scored: Sequence[int | None], missing: tuple[int, ...], scorable: bool
    ) -> dict[str, int | None]:
        if not scorable:
            return dict.fromkeys(self._subscale_ids)
        if not missing:
            return {key: sum(get(scored)) for key, get in self._subscales}
        # a subscale is never prorated: any missing item leaves it out
        return {key: _sum_or_none(get(scored)) for key, get in self._subscales}

    def _grouping_scores(self, subscales: dict[str, int | None]) -> dict[str, int | None]:
        return {
            key: _sum_or_none(tuple(map(subscales.__getitem__, members)))
            for key, members in self._groupings
        }

    def _derived_scores(self, total: Number | None) -> dict[str, Number | None]:
        return {key: None if total is None else total * m for key, m in self._derived}

    def _flags(
        self, given: Sequence[int | None], total: Number | None, threshold: Number | None
    ) -> dict[str, str]:
        flags = {
            name: _item_flag(get(given), compare, limit)
            for name, get, compare, limit in self._item_flags
        }
        for name, compare, limit in self._total_flags:
            flags[name] = _total_flag(total, compare, limit)
        if self._cutoff is not None and threshold is not None:
            flags[self._cutoff[0]] = _total_flag(total, self._cutoff[1], threshold)
        return flags

    def _cutoff_value(self, cutoff: Number | None) -> Number | None:
        if cutoff is None:
            return None if self._cutoff is None else self._cutoff[2]
        if self._cutoff is None or self._range is None:
            raise ScoringError(f"{self._id}: {self._label} has no clinical cut-off to set")
        low, high = self._range
        if not _is_number(cutoff) or not low <= cutoff <= high:
            raise ScoringError(
                f"{self._id}: cut-off {cutoff!r} must be a number from {low} to {high}",
                instrument=self._id,
            )
        return cutoff

    def _run(
        self, given: Sequence[int | None], missing: tuple[int, ...], names: Iterable[str] | None
    ) -> dict[str, str]:
        chosen = self._default_algorithms if names is None else self._choose(names)
        return {algorithm.id: algorithm.run(given, missing) for algorithm in chosen}

    def _choose(self, names: Iterable[str]) -> tuple[_CompiledAlgorithm, ...]:
        if isinstance(names, str):
            raise ScoringError(f"{self._id}: algorithms must be a list of names, not one string")
        chosen = []
        for name in names:
            if name not in self._algorithms:
                known = ", ".join(self._algorithms) or "none"
                raise ScoringError(
                    f"{self._id}: no algorithm {name!r} (known: {known})", instrument=self._id
                )
            chosen.append(self._algorithms[name])
        return tuple(chosen)

    def _reason(self, missing: tuple[int, ...]) -> str:
        numbers = [str(number) for number in missing]
        listed = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
        which = f"item {listed}" if len(numbers) == 1 else f"items {listed}"
        verb = "is" if len(numbers) == 1 else "are"
        rule = (
            "needs every item answered"
            if self._max_missing == 0
            else f"can be scored with at most {self._max_missing} missing"
        )
        return f"{len(missing)} of {self._n} items {verb} missing ({which}); {self._label} {rule}."


def _threshold(flag: Flag) -> Number:
    threshold = flag.at_least if flag.at_least is not None else flag.at_most
    assert threshold is not None  # the loader requires exactly one
    return threshold


def _is_number(value: object) -> bool:
    return type(value) is int or (type(value) is float and math.isfinite(value))


def _sum_or_none(values: tuple[int | None, ...]) -> int | None:
    return None if None in values else sum(values)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _shipped() -> Mapping[str, Scorer]:
    return {key: Scorer(instrument) for key, instrument in load_shipped().items()}


def scorer(instrument_id: str) -> Scorer:
    """The compiled scorer of a shipped instrument (use `Scorer(definition)` for an
    organisation's imported one)."""
    try:
        return _shipped()[instrument_id]
    except (KeyError, TypeError):
        known = ", ".join(_shipped())
        raise ScoringError(f"unknown instrument {instrument_id!r} (known: {known})") from None


def score(
    instrument_id: str,
    answers: Answers,
    *,
    cutoff: Number | None = None,
    algorithms: Iterable[str] | None = None,
) -> Score:
    """Score one response to a shipped instrument, e.g. score("phq9", [0, 1, 2, ...]).

    `answers` are ints in item order, None for a missing item. Raises
    `ScoringError` (a ValueError) for an unknown instrument, a wrong number of
    answers or an answer that is not one of the item's values.
    """
    return scorer(instrument_id).score(answers, cutoff=cutoff, algorithms=algorithms)
