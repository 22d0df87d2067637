"""Crisis resources shown the moment a risk signal appears (clinical-model §5).

Pure data and rules. The numbers are the defaults of the clinical model,
copied exactly, each with the countries it serves, its source and the day it
was last checked. An organisation may list its own lines for a country; where
it does, its list replaces the defaults there (``choose``). A client whose
country is unknown, or has no line anywhere, sees every default line: the
list is never empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from mend.safety.countries import COUNTRIES

SOURCE = "Mend clinical model §5 (shared/reference/clinical-model.md)"
VERIFIED = date(2026, 11, 21)


@dataclass(frozen=True, kw_only=True)
class CrisisResource:
    region: str  # the countries it serves, in words
    name: str
    contact: str  # as people read it: "116 123"
    how: str
    tel: str  # what a phone dials: digits, perhaps a leading +
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2; empty: everywhere
    source: str = SOURCE
    verified: date = VERIFIED


DEFAULT_RESOURCES: tuple[CrisisResource, ...] = (
    CrisisResource(
        region="United States and Canada",
        name="988 Suicide & Crisis Lifeline",
        contact="988",
        how="Call or text",
        tel="988",
        countries=("US", "CA"),
    ),
    CrisisResource(
        region="United Kingdom and Ireland",
        name="Samaritans",
        contact="116 123",
        how="Call",
        tel="116123",
        countries=("GB", "IE"),
    ),
    CrisisResource(
        region="France", name="3114", contact="3114", how="Call", tel="3114", countries=("FR",)
    ),
    CrisisResource(
        region="Spain", name="024", contact="024", how="Call", tel="024", countries=("ES",)
    ),
    CrisisResource(
        region="Germany",
        name="TelefonSeelsorge",
        contact="0800 111 0 111",
        how="Call",
        tel="08001110111",
        countries=("DE",),
    ),
    CrisisResource(
        region="Australia",
        name="Lifeline",
        contact="13 11 14",
        how="Call",
        tel="131114",
        countries=("AU",),
    ),
)

EMERGENCY_NUMBERS = "911 / 999 / 112 / 000"
# The local emergency number, as one more line for lists that show each resource.
EMERGENCY = CrisisResource(
    region="Everywhere",
    name="Emergency services",
    contact=EMERGENCY_NUMBERS,
    how="Call the number for where you are",
    tel="112",  # reaches emergency services from a mobile phone in most countries
)


def country_name(code: str | None) -> str | None:
    """The country's name for a known ISO code, else None."""
    return COUNTRIES.get(code.upper()) if code else None


def choose(lines: Iterable[CrisisResource], country: str | None) -> tuple[CrisisResource, ...]:
    """The crisis lines someone in ``country`` sees.

    ``lines`` are the organisation's own (any countries, in their order): those
    for the country come first and replace the defaults there. Else the default
    lines for the country; else, for an unknown country or one no line serves,
    every default line. Never empty.
    """
    code = country.upper() if country else None
    if code:
        own = tuple(line for line in lines if code in line.countries)
        if own:
            return own
        found = tuple(line for line in DEFAULT_RESOURCES if code in line.countries)
        if found:
            return found
    return DEFAULT_RESOURCES


def serves(resources: Iterable[CrisisResource], country: str | None) -> bool:
    """Are these lines meant for this country (not the fallback list)?"""
    code = country.upper() if country else None
    return bool(code) and all(code in line.countries for line in resources)


# ---------------------------------------------------------------- an organisation's line

LIMITS = {"name": 120, "contact": 60, "how": 60, "source": 200}
TEL_MAX = 20
TEL = re.compile(r"\+?[0-9]{2,19}")
READ_SEPARATORS = re.compile(r"[\s().-]")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
RECHECK_AFTER = timedelta(days=365)
FIELD_WORDS = {
    "name": "the line's name",
    "contact": "the number or contact as people read it",
    "how": "how to reach it (for example: Call, or Call or text)",
    "source": "where this number comes from (a website or document)",
}


class LineError(ValueError):
    """What is wrong with a crisis line, field by field."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields
        self.field, self.message = next(iter(fields.items()))
        super().__init__(self.message)


@dataclass(frozen=True, kw_only=True)
class LineValues:
    country: str
    name: str
    contact: str
    how: str
    tel: str
    source: str
    verified_on: date


def check_country(value: str | None) -> str | None:
    """An ISO 3166-1 alpha-2 code from the known list, upper-cased; None for none."""
    text = (value or "").strip().upper()
    if not text:
        return None
    if text not in COUNTRIES:
        raise LineError(
            {"country": "Choose a country from the list (a 2-letter code such as GB or FR)."}
        )
    return text


def _text(name: str, value: str | None, problems: dict[str, str]) -> str:
    text = (value or "").strip()
    if not text:
        problems[name] = f"Please give {FIELD_WORDS[name]}."
    elif len(text) > LIMITS[name]:
        problems[name] = f"Please keep this under {LIMITS[name]} characters."
    elif CONTROL.search(text):
        problems[name] = "This contains a character that is not allowed."
    return text


def _tel(value: str | None, contact: str, problems: dict[str, str]) -> str:
    given = (value or "").strip()
    text = given or READ_SEPARATORS.sub("", contact)
    if not given and "contact" in problems:
        return text  # fix the contact first; the number is taken from it
    if not TEL.fullmatch(text):
        problems["tel"] = (
            "Give the number a phone dials: digits only, with a + at the start if needed, "
            f"up to {TEL_MAX} characters."
        )
    return text


def _verified(value: date | str | None, today: date, problems: dict[str, str]) -> date:
    found: date | None = None
    if isinstance(value, date):
        found = value
    elif isinstance(value, str) and value.strip():
        try:
            found = date.fromisoformat(value.strip())
        except ValueError:
            found = None
    if found is None:
        problems["verified_on"] = "Give the day you last checked this line, like 2026-11-21."
        return today
    if found > today:
        problems["verified_on"] = "That day is in the future. Give the day you last checked it."
    return found


def check_line(
    *,
    country: str | None,
    name: str | None,
    contact: str | None,
    how: str | None,
    tel: str | None,
    source: str | None,
    verified_on: date | str | None,
    today: date,
) -> LineValues:
    """Check an organisation's crisis line; every problem at once, by field.

    An empty ``tel`` is taken from ``contact`` without its spaces, when that is
    a number a phone can dial.
    """
    problems: dict[str, str] = {}
    try:
        code = check_country(country)
    except LineError as error:
        problems.update(error.fields)
        code = None
    else:
        if code is None:
            problems["country"] = "Choose the country this line serves."
    values = {key: _text(key, value, problems) for key, value in (
        ("name", name), ("contact", contact), ("how", how), ("source", source),
    )}  # fmt: skip
    dial = _tel(tel, values["contact"], problems)
    day = _verified(verified_on, today, problems)
    if problems:
        raise LineError(problems)
    assert code is not None
    return LineValues(country=code, tel=dial, verified_on=day, **values)


def needs_recheck(verified: date, today: date) -> bool:
    """A line last checked over a year ago should be checked again."""
    return today - verified > RECHECK_AFTER
