"""Instrument definitions: the data every questionnaire is scored by, and its loader.

Pure. Each instrument is one TOML file (instruments/*.toml, or a licensed file an
organisation imports) read into frozen values. A definition Mend could not score
exactly is refused at load with a `DefinitionError` naming the file and the field
("pcl5.toml: scoring.subscales.B.items: item 21 does not exist"), so a wrong
definition never reaches a client. The facts themselves come from
shared/reference/instruments.md; this module only checks that they hang together.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, cast

Number = int | float

LICENCES = (
    "public-domain",
    "free-with-attribution",
    "permission-unverified",
    "non-commercial",
    "not-shipped",
)
# Only these may be switched on out of the box (instruments.md, licence classes);
# the rest wait for an organisation admin to confirm permission.
ENABLEABLE = frozenset({"public-domain", "free-with-attribution"})
METHODS = ("sum", "mean", "scaled_mean", "none")
PRORATE = ("mean", "none")
ROUNDING = ("half_up",)
FLAG_SOURCES = ("items", "total")
UNKNOWN = "unknown"  # reserved: what any flag or algorithm says when it cannot tell
ID = re.compile(r"^[a-z][a-z0-9_]*$")
KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
LOINC = re.compile(r"^([0-9]{1,7})-([0-9])$")
MAX_DECIMALS = 4


class DefinitionError(ValueError):
    """A definition Mend cannot use; the message names the file and the field."""

    def __init__(self, source: str, field: str, problem: str) -> None:
        super().__init__(f"{source}: {field}: {problem}")
        self.source = source
        self.field = field
        self.problem = problem


@dataclass(frozen=True, slots=True)
class AnswerOption:
    value: int
    # None only between the two labelled ends of an anchored scale (the reference
    # gives BRS labels for 1 and 5 only, and we do not make up the ones between).
    label: str | None


@dataclass(frozen=True, slots=True)
class Item:
    number: int
    text: str
    answers: tuple[AnswerOption, ...]
    scored: bool = True
    key: str | None = None
    loinc: str | None = None

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(option.value for option in self.answers)


@dataclass(frozen=True, slots=True)
class Subscale:
    """A sum of some items (after reversal); PCL-5 clusters, Brief COPE scales."""

    id: str
    name: str
    items: tuple[int, ...]
    range: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Grouping:
    """A sum of subscales, e.g. Brief COPE problem-focused coping."""

    id: str
    name: str
    subscales: tuple[str, ...]
    range: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Band:
    """Inclusive range of the total: min <= total <= max."""

    name: str
    min: Number
    max: Number


@dataclass(frozen=True, slots=True)
class MissingRule:
    max_missing: int
    prorate: str  # "mean": each missing item counts as the mean of the answered ones
    rounding: str  # "half_up" to `Scoring.decimals`


@dataclass(frozen=True, slots=True)
class Derived:
    """Another view of the total, e.g. WHO-5 percentage = raw x 4."""

    id: str
    multiplier: Number
    range: tuple[Number, Number]


@dataclass(frozen=True, slots=True)
class Scoring:
    method: str  # sum | mean | scaled_mean | none (no total, e.g. Brief COPE)
    scale: int | None  # scaled_mean only: CORE-10 = 10 x mean
    decimals: int
    range: tuple[Number, Number] | None
    reverse: tuple[int, ...]
    reverse_base: int | None  # reversed answer = reverse_base - answer
    missing: MissingRule
    subscales: tuple[Subscale, ...]
    groupings: tuple[Grouping, ...]
    bands: tuple[Band, ...]
    derived: tuple[Derived, ...]

    @property
    def has_total(self) -> bool:
        return self.method != "none"


@dataclass(frozen=True, slots=True)
class Flag:
    """Positive when any listed item's own answer (never an imputed one), or the
    total, is at least / at most the threshold; `unknown` when it cannot tell."""

    name: str
    source: str  # items | total
    items: tuple[int, ...]
    at_least: Number | None
    at_most: Number | None


@dataclass(frozen=True, slots=True)
class Cutoff:
    """The published clinical cut-off: at or above it when higher is worse, at
    or below it when higher is better. A setting: score() may override it."""

    name: str
    value: Number
    note: str | None


@dataclass(frozen=True, slots=True)
class Norms:
    """For Jacobson & Truax (1991) where no raw reliable-change threshold is
    published. Same fields as `mend.measures.change.Norms`; `sd` (s1) defaults to
    the clinical SD there."""

    clinical_mean: float
    clinical_sd: float
    functional_mean: float
    functional_sd: float
    reliability: float
    sd: float | None
    citation: str


@dataclass(frozen=True, slots=True)
class Change:
    reliable_change: Number | None
    norms: Norms | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One result of a symptom-count algorithm; all its conditions must hold."""

    name: str
    min_symptoms: int
    max_symptoms: int | None
    any_of: tuple[int, ...]  # at least one of these items must be a symptom
    min_per_subscale: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Algorithm:
    """Counts items answered at or above a threshold as symptoms and returns the
    first outcome whose conditions hold, else `otherwise`; `unknown` when any of
    its items is missing."""

    id: str
    name: str
    citation: str
    optional: bool  # optional ones run only when asked for by name
    items: tuple[int, ...]
    symptom_at_least: int
    symptom_at_least_for: tuple[tuple[int, int], ...]  # per-item overrides
    outcomes: tuple[Outcome, ...]
    otherwise: str

    def threshold(self, item: int) -> int:
        return dict(self.symptom_at_least_for).get(item, self.symptom_at_least)


@dataclass(frozen=True, slots=True)
class Instrument:
    id: str
    name: str
    short_name: str
    citation: str
    licence: str
    licence_note: str | None
    enabled_by_default: bool
    stem: str | None
    items: tuple[Item, ...]
    scoring: Scoring
    higher_is_worse: bool | None  # None: no direction (Brief COPE)
    flags: tuple[Flag, ...]
    cutoff: Cutoff | None
    change: Change
    algorithms: tuple[Algorithm, ...]
    loinc_panel: str | None
    loinc_total: str | None
    conventions: tuple[str, ...]
    source: str

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scored)

    def item(self, number: int) -> Item:
        return self.items[number - 1]


# ---------------------------------------------------------------- reading TOML tables


class _Table:
    """One TOML table: typed reads that name the dotted field on failure, and a
    `finish()` that refuses keys nobody read (a typo must not pass silently)."""

    __slots__ = ("data", "path", "seen", "source")

    def __init__(self, data: Mapping[str, Any], path: str, source: str) -> None:
        self.data = data
        self.path = path
        self.source = source
        self.seen: set[str] = set()

    def field(self, key: str | None = None) -> str:
        if key is None:
            return self.path or "(top level)"
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str | None, problem: str) -> DefinitionError:
        return DefinitionError(self.source, self.field(key), problem)

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, *, required: bool) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if required:
                raise self.fail(key, "is required")
            return None
        return self.data[key]

    def maybe_text(self, key: str, *, most: int = 2000) -> str | None:
        value = self.raw(key, required=False)
        if value is not None and (
            not isinstance(value, str) or not value.strip() or len(value) > most
        ):
            raise self.fail(key, f"needs text of 1 to {most} characters")
        return value

    def text(self, key: str, *, most: int = 2000) -> str:
        self.raw(key, required=True)
        value = self.maybe_text(key, most=most)
        assert value is not None
        return value

    def identifier(self, key: str) -> str:
        value = self.raw(key, required=True)
        if not isinstance(value, str) or not ID.match(value):
            raise self.fail(key, f"{value!r} is not an id (lower-case letters, digits and _)")
        return value

    def maybe_integer(self, key: str) -> int | None:
        value = self.raw(key, required=False)
        if value is not None and not _is_int(value):
            raise self.fail(key, f"{value!r} is not a whole number")
        return cast(int | None, value)

    def integer(self, key: str) -> int:
        self.raw(key, required=True)
        value = self.maybe_integer(key)
        assert value is not None
        return value

    def maybe_number(self, key: str) -> Number | None:
        value = self.raw(key, required=False)
        if value is not None and not _is_number(value):
            raise self.fail(key, f"{value!r} is not a number")
        return cast(Number | None, value)

    def number(self, key: str) -> Number:
        self.raw(key, required=True)
        value = self.maybe_number(key)
        assert value is not None
        return value

    def boolean(self, key: str, *, default: bool | None = None) -> bool:
        value = self.raw(key, required=default is None)
        if value is None:
            assert default is not None
            return default
        if not isinstance(value, bool):
            raise self.fail(key, f"{value!r} is not true or false")
        return value

    def integers(self, key: str, *, required: bool = True) -> tuple[int, ...]:
        value = self.raw(key, required=required)
        if value is None:
            return ()
        if not isinstance(value, list) or not value or not all(_is_int(v) for v in value):
            raise self.fail(key, "needs a list of one or more whole numbers")
        if len(set(value)) != len(value):
            raise self.fail(key, "lists an item twice")
        return tuple(value)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw(key, required=True)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "needs a list of texts")
        return tuple(value)

    def table(self, key: str, *, required: bool = True) -> _Table | None:
        value = self.raw(key, required=required)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(key, "needs a table")
        return _Table(value, self.field(key), self.source)

    def tables(self, key: str, *, required: bool = True) -> list[_Table]:
        """An array of tables; elements are named key[1], key[2], … (1-based, as people count)."""
        value = self.raw(key, required=required)
        if value is None:
            return []
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, "needs one or more tables")
        return [_Table(v, f"{self.field(key)}[{i}]", self.source) for i, v in enumerate(value, 1)]

    def named_tables(self, key: str) -> list[tuple[str, _Table]]:
        """A table of tables keyed by id, e.g. [scoring.subscales.B]; file order is kept."""
        outer = self.table(key, required=False)
        if outer is None:
            return []
        found = []
        for name, value in outer.data.items():
            outer.seen.add(name)
            if not KEY.match(name):
                raise outer.fail(name, "is not an id (letters, digits and _)")
            if not isinstance(value, dict):
                raise outer.fail(name, "needs a table")
            found.append((name, _Table(value, outer.field(name), self.source)))
        return found

    def finish(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise self.fail(unknown[0], "unknown field")


def _is_int(value: object) -> bool:
    # bool is an int subclass in Python, but `true` is never a score
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    # TOML allows inf and nan; neither is a score
    return _is_int(value) or (isinstance(value, float) and math.isfinite(value))


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-up, in exact integer arithmetic."""
    return (2 * numerator + denominator) // (2 * denominator)


def to_units(value: Number, decimals: int) -> int | None:
    """`value` in steps of 10**-decimals, or None if it is not on that grid."""
    scaled = value * 10**decimals
    units = round(scaled)
    return units if abs(scaled - units) < 1e-6 else None


def from_units(units: int, decimals: int) -> Number:
    return units if decimals == 0 else units / 10**decimals


def loinc_is_valid(code: str) -> bool:
    """LOINC code format and its mod-10 check digit (LOINC Users' Guide)."""
    match = LOINC.match(code)
    if not match:
        return False
    body, check = match.groups()
    total = 0
    for position, digit in enumerate(reversed(body)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10 == int(check)


# ---------------------------------------------------------------- answers and items


def _options(tables: list[_Table], owner: _Table, key: str) -> tuple[AnswerOption, ...]:
    if len(tables) < 2:
        raise owner.fail(key, "needs at least two answer options")
    options = []
    for index, table in enumerate(tables):
        end = index in (0, len(tables) - 1)
        value = table.integer("value")
        label = table.text("label", most=200) if end else table.maybe_text("label", most=200)
        table.finish()
        options.append(AnswerOption(value=value, label=label))
    _check_order(options, tables)
    return tuple(options)


def _check_order(options: list[AnswerOption], tables: list[_Table]) -> None:
    """Answer values run one way (WHO-5 lists 5 down to 0), never back and forth."""
    values = [option.value for option in options]
    rising = values[1] > values[0]
    for index in range(1, len(values)):
        before, value = values[index - 1], values[index]
        if value == before or (value > before) != rising:
            raise tables[index].fail("value", f"answer values out of order: {value} after {before}")


def _answer_list(table: _Table, key: str) -> list[_Table]:
    # Inline arrays (answers = [{...}, ...]) and [[answers]] parse the same way.
    return table.tables(key, required=False)


def _item(table: _Table, number: int, default: tuple[AnswerOption, ...]) -> Item:
    given = table.integer("number")
    if given != number:
        raise table.fail("number", f"expected {number}: items are numbered 1, 2, 3 … in order")
    text = table.text("text")
    own = _answer_list(table, "answers")
    options = _options(own, table, "answers") if own else default
    if not options:
        raise table.fail("answers", "no answer options (give top-level answers or the item's own)")
    key = table.raw("key", required=False)
    if key is not None and (not isinstance(key, str) or not ID.match(key)):
        raise table.fail("key", f"{key!r} is not an id")
    loinc = table.maybe_text("loinc")
    if loinc is not None and not loinc_is_valid(loinc):
        raise table.fail("loinc", f"{loinc!r} is not a LOINC code (or its check digit is wrong)")
    scored = table.boolean("scored", default=True)
    table.finish()
    return Item(number=number, text=text, answers=options, scored=scored, key=key, loinc=loinc)


def _items(top: _Table) -> tuple[Item, ...]:
    default_tables = _answer_list(top, "answers")
    default = _options(default_tables, top, "answers") if default_tables else ()
    items = tuple(
        _item(table, number, default) for number, table in enumerate(top.tables("items"), 1)
    )
    scored = [item for item in items if item.scored]
    if not scored:
        raise top.fail("items", "no scored item")
    last_scored = scored[-1].number
    for item in items[:last_scored]:
        if not item.scored:
            # answers arrive as a list in item order; unscored ones come last so
            # a caller may leave them off
            raise top.fail(f"items[{item.number}].scored", "unscored items must come last")
    return items


def _item_ref(table: _Table, key: str, number: int, items: tuple[Item, ...]) -> Item:
    if not 1 <= number <= len(items):
        raise table.fail(key, f"item {number} does not exist")
    return items[number - 1]


def _scored_refs(table: _Table, key: str, items: tuple[Item, ...]) -> tuple[int, ...]:
    numbers = table.integers(key)
    for number in numbers:
        if not _item_ref(table, key, number, items).scored:
            raise table.fail(key, f"item {number} is not scored")
    return numbers


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class _Frame:
    """What the scoring section is checked against: the items and their reach."""

    items: tuple[Item, ...]
    scored: tuple[Item, ...]
    lowest: int  # sum of the scored items' lowest values
    highest: int


def _frame(items: tuple[Item, ...]) -> _Frame:
    scored = tuple(item for item in items if item.scored)
    return _Frame(
        items=items,
        scored=scored,
        lowest=sum(min(item.values) for item in scored),
        highest=sum(max(item.values) for item in scored),
    )


def _multiplier(method: str, count: int, scale: int | None) -> int:
    """The total is multiplier x (sum of answered) / (number answered)."""
    if method == "sum":
        return count
    return scale if method == "scaled_mean" and scale is not None else 1


def _range_units(method: str, scale: int | None, decimals: int, frame: _Frame) -> tuple[int, int]:
    n = len(frame.scored)
    mult = _multiplier(method, n, scale) * 10**decimals
    return half_up(mult * frame.lowest, n), half_up(mult * frame.highest, n)


def _method(table: _Table) -> tuple[str, int | None, int]:
    method = table.raw("method", required=True)
    if method not in METHODS:
        raise table.fail("method", f"{method!r} is not one of {', '.join(METHODS)}")
    scale = table.integer("scale") if method == "scaled_mean" else table.maybe_integer("scale")
    if method != "scaled_mean" and scale is not None:
        raise table.fail("scale", "only a scaled_mean has a scale")
    if scale is not None and scale < 1:
        raise table.fail("scale", "needs a positive whole number")
    decimals = table.maybe_integer("decimals") or 0
    if not 0 <= decimals <= MAX_DECIMALS:
        raise table.fail("decimals", f"needs 0 to {MAX_DECIMALS}")
    return method, scale, decimals


def _declared_range(
    table: _Table, key: str, expected: tuple[int, int], decimals: int
) -> tuple[Number, Number]:
    value = table.raw(key, required=True)
    if not isinstance(value, list) or len(value) != 2 or not all(_is_number(v) for v in value):
        raise table.fail(key, "needs [lowest, highest]")
    units = tuple(to_units(v, decimals) for v in value)
    if units != expected:
        lo, hi = (from_units(u, decimals) for u in expected)
        raise table.fail(key, f"the items give {lo} to {hi}, not {value[0]} to {value[1]}")
    return from_units(expected[0], decimals), from_units(expected[1], decimals)


def _reverse(table: _Table, frame: _Frame) -> tuple[tuple[int, ...], int | None]:
    reverse = _scored_refs(table, "reverse", frame.items) if table.has("reverse") else ()
    base = table.integer("reverse_base") if reverse else table.maybe_integer("reverse_base")
    if base is not None and not reverse:
        raise table.fail("reverse_base", "no reverse items to apply it to")
    for number in reverse:
        values = set(frame.items[number - 1].values)
        if {base - v for v in values} != values:  # type: ignore[operator]
            raise table.fail("reverse_base", f"{base} − answer leaves item {number}'s answers")
    return reverse, base


def _missing(scoring: _Table, method: str, frame: _Frame) -> MissingRule:
    table = scoring.table("missing")
    assert table is not None
    most = table.integer("max_missing")
    prorate = table.raw("prorate", required=True)
    rounding = table.raw("rounding", required=False) or "half_up"
    table.finish()
    if not 0 <= most < len(frame.scored):
        raise table.fail("max_missing", f"needs 0 to {len(frame.scored) - 1}")
    if prorate not in PRORATE:
        raise table.fail("prorate", f"{prorate!r} is not one of {', '.join(PRORATE)}")
    if rounding not in ROUNDING:
        raise table.fail("rounding", f"{rounding!r} is not one of {', '.join(ROUNDING)}")
    _check_prorate(table, method, most, prorate, frame)
    return MissingRule(max_missing=most, prorate=prorate, rounding=rounding)


def _check_prorate(table: _Table, method: str, most: int, prorate: str, frame: _Frame) -> None:
    if prorate == "mean" and method == "none":
        raise table.fail("prorate", "there is no total to prorate")
    if prorate == "mean" and most == 0:
        raise table.fail("prorate", "nothing may be missing, so nothing is prorated")
    if prorate == "none" and most > 0 and method != "none":
        raise table.fail("prorate", 'a total with missing items needs prorate = "mean"')
    if prorate == "mean" and len({item.values for item in frame.scored}) > 1:
        # the mean of answered items only stands in for an item on the same scale
        raise table.fail("prorate", "mean replacement needs every scored item on the same answers")


def _subscales(scoring: _Table, frame: _Frame) -> tuple[Subscale, ...]:
    found = []
    for key, table in scoring.named_tables("subscales"):
        name = table.text("name", most=120)
        numbers = _scored_refs(table, "items", frame.items)
        table.finish()
        chosen = [frame.items[n - 1] for n in numbers]
        low = sum(min(item.values) for item in chosen)
        high = sum(max(item.values) for item in chosen)
        found.append(Subscale(id=key, name=name, items=numbers, range=(low, high)))
    return tuple(found)


def _groupings(scoring: _Table, subscales: tuple[Subscale, ...]) -> tuple[Grouping, ...]:
    by_id = {subscale.id: subscale for subscale in subscales}
    found = []
    for key, table in scoring.named_tables("groupings"):
        name = table.text("name", most=120)
        members = table.texts("subscales")
        table.finish()
        for member in members:
            if member not in by_id:
                raise table.fail("subscales", f"subscale {member!r} does not exist")
        if not members or len(set(members)) != len(members):
            raise table.fail("subscales", "needs distinct subscales")
        low = sum(by_id[m].range[0] for m in members)
        high = sum(by_id[m].range[1] for m in members)
        found.append(Grouping(id=key, name=name, subscales=members, range=(low, high)))
    return tuple(found)


def _bands(scoring: _Table, span: tuple[int, int] | None, decimals: int) -> tuple[Band, ...]:
    """Inclusive ranges that tile the total's range: no gap, no overlap, no spill."""
    tables = scoring.tables("bands", required=False)
    if not tables:
        return ()
    if span is None:
        raise scoring.fail("bands", "there is no total to band")
    bands: list[Band] = []
    expected = span[0]
    for table in tables:
        band, low, high = _band(table, decimals)
        start = from_units(expected, decimals)
        if not bands and low != expected:
            raise table.fail("min", f"the first band must start at the lowest total, {start}")
        if low != expected:
            where = "a gap" if low > expected else "an overlap"
            raise table.fail("min", f"{where} at {band.min}: this band should start at {start}")
        if high < low:
            raise table.fail("max", f"{band.max} is below min {band.min}")
        if high > span[1]:
            raise table.fail("max", f"{band.max} is above the highest total")
        if band.name in {b.name for b in bands}:
            raise table.fail("name", f"{band.name!r} is used twice")
        bands.append(band)
        expected = high + 1
    if expected != span[1] + 1:
        top = from_units(span[1], decimals)
        raise scoring.fail("bands", f"the bands stop at {bands[-1].max}, not at {top}")
    return tuple(bands)


def _band(table: _Table, decimals: int) -> tuple[Band, int, int]:
    name = table.text("name", most=80)
    low, high = table.number("min"), table.number("max")
    table.finish()
    units = []
    for key, value in (("min", low), ("max", high)):
        step = to_units(value, decimals)
        if step is None or (decimals == 0 and not _is_int(value)):
            raise table.fail(key, f"{value} is not a step of {from_units(1, decimals)}")
        units.append(step)
    return Band(name=name, min=low, max=high), units[0], units[1]


def _derived(scoring: _Table, span: tuple[Number, Number] | None) -> tuple[Derived, ...]:
    found = []
    for key, table in scoring.named_tables("derived"):
        multiplier = table.number("multiplier")
        table.finish()
        if span is None:
            raise table.fail("multiplier", "there is no total to derive from")
        if multiplier <= 0:
            raise table.fail("multiplier", "needs a positive number")
        found.append(Derived(key, multiplier, (span[0] * multiplier, span[1] * multiplier)))
    return tuple(found)


def _scoring(top: _Table, frame: _Frame) -> Scoring:
    table = top.table("scoring")
    assert table is not None
    method, scale, decimals = _method(table)
    units = _range_units(method, scale, decimals, frame) if method != "none" else None
    if units is None and table.has("range"):
        raise table.fail("range", "there is no total")
    span = None if units is None else _declared_range(table, "range", units, decimals)
    reverse, base = _reverse(table, frame)
    missing = _missing(table, method, frame)
    subscales = _subscales(table, frame)
    scoring = Scoring(
        method=method,
        scale=scale,
        decimals=decimals,
        range=span,
        reverse=reverse,
        reverse_base=base,
        missing=missing,
        subscales=subscales,
        groupings=_groupings(table, subscales),
        bands=_bands(table, units, decimals),
        derived=_derived(table, span),
    )
    table.finish()
    return scoring


# ---------------------------------------------------------------- flags, cut-off, change


def _threshold(table: _Table) -> tuple[Number | None, Number | None]:
    at_least, at_most = table.maybe_number("at_least"), table.maybe_number("at_most")
    if (at_least is None) == (at_most is None):
        raise table.fail("at_least", "give exactly one of at_least and at_most")
    return at_least, at_most


def _flag(table: _Table, frame: _Frame, scoring: Scoring) -> Flag:
    name = table.identifier("name")
    source = table.raw("source", required=True)
    if source not in FLAG_SOURCES:
        raise table.fail("source", f"{source!r} is not one of {', '.join(FLAG_SOURCES)}")
    items = table.integers("items", required=source == "items")
    if source == "total" and items:
        raise table.fail("items", "a total flag reads the total, not items")
    at_least, at_most = _threshold(table)
    table.finish()
    if source == "items":
        for number in items:
            values = _item_ref(table, "items", number, frame.items).values
            _check_reachable(table, values, at_least, at_most, f"item {number}")
    elif scoring.range is None:
        raise table.fail("source", "there is no total")
    else:
        _check_reachable(table, scoring.range, at_least, at_most, "the total")
    return Flag(name=name, source=source, items=items, at_least=at_least, at_most=at_most)


def _check_reachable(
    table: _Table,
    values: tuple[Number, ...],
    at_least: Number | None,
    at_most: Number | None,
    what: str,
) -> None:
    """A flag that can only ever be positive (or only negative) is a typo."""
    key = "at_least" if at_least is not None else "at_most"
    low, high = min(values), max(values)
    if at_least is not None and not low < at_least <= high:
        raise table.fail(key, f"{at_least} must be above {low} and at most {high} for {what}")
    if at_most is not None and not low <= at_most < high:
        raise table.fail(key, f"{at_most} must be at least {low} and below {high} for {what}")


def _cutoff(top: _Table, scoring: Scoring, higher_is_worse: bool | None) -> Cutoff | None:
    table = top.table("cutoff", required=False)
    if table is None:
        return None
    name = table.identifier("name")
    value = table.number("value")
    note = table.maybe_text("note")
    table.finish()
    if scoring.range is None:
        raise table.fail("value", "there is no total")
    if higher_is_worse is None:
        raise table.fail("value", "a cut-off needs higher_is_worse to say which side is worse")
    if not scoring.range[0] < value <= scoring.range[1]:
        raise table.fail("value", f"{value} is outside the total's range")
    return Cutoff(name=name, value=value, note=note)


def _norms(change: _Table) -> Norms | None:
    table = change.table("norms", required=False)
    if table is None:
        return None
    keys = ("clinical_mean", "clinical_sd", "functional_mean", "functional_sd", "reliability")
    values = {key: float(table.number(key)) for key in keys}
    sd = table.maybe_number("sd")
    citation = table.text("citation")
    table.finish()
    for key in ("clinical_sd", "functional_sd", "sd"):
        value = sd if key == "sd" else values[key]
        if value is not None and value <= 0:
            raise table.fail(key, "needs a positive number")
    if not 0 <= values["reliability"] < 1:
        # r = 1 would make every change reliable
        raise table.fail("reliability", "needs a number from 0 up to (not including) 1")
    return Norms(**values, sd=None if sd is None else float(sd), citation=citation)


def _change(top: _Table, scoring: Scoring) -> Change:
    table = top.table("change", required=False)
    if table is None:
        return Change(reliable_change=None, norms=None)
    threshold = table.maybe_number("reliable_change")
    norms = _norms(table)
    table.finish()
    if scoring.range is None:
        raise table.fail("reliable_change", "there is no total to change")
    span = scoring.range[1] - scoring.range[0]
    if threshold is not None and not 0 < threshold <= span:
        raise table.fail("reliable_change", f"needs a number above 0 and at most {span}")
    return Change(reliable_change=threshold, norms=norms)


# ---------------------------------------------------------------- algorithms


def _overrides(table: _Table, members: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    raw = table.raw("symptom_at_least_for", required=False) or {}
    if not isinstance(raw, dict):
        raise table.fail("symptom_at_least_for", "needs a table of item = threshold")
    found = []
    for key, value in raw.items():
        if not key.isdigit() or int(key) not in members:
            raise table.fail("symptom_at_least_for", f"item {key} is not one of the items")
        if not _is_int(value):
            raise table.fail("symptom_at_least_for", f"{value!r} is not a whole number")
        found.append((int(key), value))
    return tuple(found)


def _outcome(table: _Table, members: tuple[int, ...], subscales: tuple[Subscale, ...]) -> Outcome:
    name = table.identifier("name")
    least = table.maybe_integer("min_symptoms") or 0
    most = table.maybe_integer("max_symptoms")
    any_of = table.integers("any_of", required=False)
    per = table.raw("min_per_subscale", required=False) or {}
    table.finish()
    if name == UNKNOWN:
        raise table.fail("name", f"{UNKNOWN!r} is reserved for missing answers")
    if not 0 <= least <= len(members) or (most is not None and not least <= most <= len(members)):
        raise table.fail("max_symptoms" if most is not None else "min_symptoms", "out of range")
    for number in any_of:
        if number not in members:
            raise table.fail("any_of", f"item {number} is not one of the algorithm's items")
    known = {subscale.id: subscale for subscale in subscales}
    if not isinstance(per, dict):
        raise table.fail("min_per_subscale", "needs a table of subscale = count")
    for key, count in per.items():
        if key not in known:
            raise table.fail("min_per_subscale", f"subscale {key!r} does not exist")
        if not _is_int(count) or not 1 <= count <= len(known[key].items):
            raise table.fail("min_per_subscale", f"{key} = {count!r} is out of range")
        if not set(known[key].items) <= set(members):
            raise table.fail("min_per_subscale", f"subscale {key} has items outside the algorithm")
    return Outcome(name, least, most, any_of, tuple(per.items()))


def _algorithm(key: str, table: _Table, frame: _Frame, scoring: Scoring) -> Algorithm:
    if not ID.match(key):
        raise table.fail(None, "algorithm ids are lower-case letters, digits and _")
    name, citation = table.text("name", most=200), table.text("citation")
    optional = table.boolean("optional", default=False)
    members = table.integers("items")
    for number in members:
        _item_ref(table, "items", number, frame.items)
    threshold = table.integer("symptom_at_least")
    overrides = _overrides(table, members)
    outcomes = tuple(_outcome(t, members, scoring.subscales) for t in table.tables("outcomes"))
    otherwise = table.identifier("otherwise")
    table.finish()
    names = [outcome.name for outcome in outcomes] + [otherwise]
    if len(set(names)) != len(names) or otherwise == UNKNOWN:
        raise table.fail("otherwise", "outcome names must be distinct and not 'unknown'")
    for number in members:
        values = frame.items[number - 1].values
        level = dict(overrides).get(number, threshold)
        if not min(values) < level <= max(values):
            raise table.fail("symptom_at_least", f"{level} cannot split item {number}'s answers")
    return Algorithm(
        key, name, citation, optional, members, threshold, overrides, outcomes, otherwise
    )


# ---------------------------------------------------------------- the whole file


def _licence(top: _Table) -> tuple[str, bool]:
    licence = top.raw("licence", required=True)
    if licence not in LICENCES:
        raise top.fail("licence", f"{licence!r} is not one of {', '.join(LICENCES)}")
    enabled = top.boolean("enabled_by_default")
    if enabled and licence not in ENABLEABLE:
        raise top.fail("enabled_by_default", f"a {licence} instrument ships disabled")
    return licence, enabled


def _loinc(top: _Table, scoring: Scoring) -> tuple[str | None, str | None]:
    table = top.table("loinc", required=False)
    if table is None:
        return None, None
    codes = [table.maybe_text(key) for key in ("panel", "total")]
    table.finish()
    for key, code in zip(("panel", "total"), codes, strict=True):
        if code is not None and not loinc_is_valid(code):
            raise table.fail(key, f"{code!r} is not a LOINC code (or its check digit is wrong)")
    if codes[1] is not None and scoring.range is None:
        raise table.fail("total", "there is no total")
    return codes[0], codes[1]


def _direction(top: _Table, scoring: Scoring) -> bool | None:
    value = top.raw("higher_is_worse", required=scoring.has_total)
    if value is not None and not isinstance(value, bool):
        raise top.fail("higher_is_worse", f"{value!r} is not true or false")
    return value


def _unique_names(top: _Table, flags: tuple[Flag, ...], cutoff: Cutoff | None) -> None:
    names = [flag.name for flag in flags] + ([cutoff.name] if cutoff else [])
    for index, name in enumerate(names):
        if name in names[:index]:
            field = f"flags[{index + 1}].name" if index < len(flags) else "cutoff.name"
            raise DefinitionError(top.source, field, f"flag {name!r} is named twice")


def parse_definition(data: Mapping[str, Any], *, source: str) -> Instrument:
    """Check a parsed TOML document and return the instrument it defines."""
    top = _Table(data, "", source)
    instrument_id = top.identifier("id")
    licence, enabled = _licence(top)
    items = _items(top)
    frame = _frame(items)
    scoring = _scoring(top, frame)
    higher_is_worse = _direction(top, scoring)
    flags = tuple(_flag(t, frame, scoring) for t in top.tables("flags", required=False))
    if not (scoring.has_total or scoring.subscales or flags):
        raise top.fail("scoring.method", "with no total there must be subscales or flags")
    cutoff = _cutoff(top, scoring, higher_is_worse)
    _unique_names(top, flags, cutoff)
    algorithms = tuple(
        _algorithm(key, table, frame, scoring) for key, table in top.named_tables("algorithms")
    )
    panel, total = _loinc(top, scoring)
    instrument = Instrument(
        id=instrument_id,
        name=top.text("name", most=200),
        short_name=top.text("short_name", most=40),
        citation=top.text("citation"),
        licence=licence,
        licence_note=top.maybe_text("licence_note"),
        enabled_by_default=enabled,
        stem=top.maybe_text("stem"),
        items=items,
        scoring=scoring,
        higher_is_worse=higher_is_worse,
        flags=flags,
        cutoff=cutoff,
        change=_change(top, scoring),
        algorithms=algorithms,
        loinc_panel=panel,
        loinc_total=total,
        conventions=top.texts("conventions"),
        source=source,
    )
    top.finish()
    return instrument


def load_definition(
    text_or_path: str | os.PathLike[str], *, source: str | None = None
) -> Instrument:
    """Load one definition from TOML text (a `str`) or a file (a path object).

    `source` names the file in errors; it defaults to the path's file name.
    """
    if isinstance(text_or_path, os.PathLike):
        path = os.fspath(text_or_path)
        source = source or os.path.basename(path)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    else:
        text = text_or_path
        source = source or "definition"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DefinitionError(source, "(file)", f"not valid TOML: {error}") from error
    return parse_definition(data, source=source)


@lru_cache(maxsize=1)
def load_shipped() -> Mapping[str, Instrument]:
    """Every definition shipped in mend/measures/instruments/, by id."""
    folder = resources.files("mend.measures").joinpath("instruments")
    found: dict[str, Instrument] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        instrument = load_definition(entry.read_text("utf-8"), source=entry.name)
        if entry.name != f"{instrument.id}.toml":
            raise DefinitionError(entry.name, "id", f"{instrument.id!r} does not match the file")
        if instrument.licence == "not-shipped":
            raise DefinitionError(entry.name, "licence", "a not-shipped instrument is shipped")
        found[instrument.id] = instrument
    return MappingProxyType(found)


def instruments() -> Mapping[str, Instrument]:
    """The shipped instrument definitions, by id (read once)."""
    return load_shipped()
