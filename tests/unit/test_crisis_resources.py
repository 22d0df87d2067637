"""Crisis lines as pure rules: the clinical model's defaults, copied exactly,
which lines a country gets, and what makes an organisation's own line valid."""

from __future__ import annotations

from datetime import date

import pytest

from mend.safety.countries import COUNTRIES, COUNTRY_CHOICES
from mend.safety.resources import (
    DEFAULT_RESOURCES,
    EMERGENCY,
    EMERGENCY_NUMBERS,
    SOURCE,
    VERIFIED,
    CrisisResource,
    LineError,
    check_country,
    check_line,
    choose,
    country_name,
    needs_recheck,
    serves,
)

TODAY = date(2026, 11, 22)


def by_name() -> dict[str, CrisisResource]:
    return {r.name: r for r in DEFAULT_RESOURCES}


# ---------------------------------------------------------------- the defaults (clinical-model §5)


def test_the_defaults_are_the_clinical_models_numbers_exactly() -> None:
    found = {(r.name, r.contact, r.how, r.tel, r.countries) for r in DEFAULT_RESOURCES}
    assert found == {
        ("988 Suicide & Crisis Lifeline", "988", "Call or text", "988", ("US", "CA")),
        ("Samaritans", "116 123", "Call", "116123", ("GB", "IE")),
        ("3114", "3114", "Call", "3114", ("FR",)),
        ("024", "024", "Call", "024", ("ES",)),
        ("TelefonSeelsorge", "0800 111 0 111", "Call", "08001110111", ("DE",)),
        ("Lifeline", "13 11 14", "Call", "131114", ("AU",)),
    }


def test_the_emergency_number_covers_911_999_112_and_000() -> None:
    assert EMERGENCY_NUMBERS == "911 / 999 / 112 / 000"
    assert EMERGENCY.contact == EMERGENCY_NUMBERS
    assert EMERGENCY.tel == "112"
    assert EMERGENCY.countries == ()


def test_every_default_names_its_source_and_when_it_was_last_checked() -> None:
    for line in (*DEFAULT_RESOURCES, EMERGENCY):
        assert line.source == SOURCE
        assert line.verified == VERIFIED == date(2026, 11, 21)


def test_a_phone_dials_what_people_read() -> None:
    for line in DEFAULT_RESOURCES:
        assert line.tel == line.contact.replace(" ", "")
        assert all(code in COUNTRIES for code in line.countries)


def test_regions_are_in_words() -> None:
    assert [r.region for r in DEFAULT_RESOURCES] == [
        "United States and Canada",
        "United Kingdom and Ireland",
        "France",
        "Spain",
        "Germany",
        "Australia",
    ]


# ---------------------------------------------------------------- choosing lines for a country


@pytest.mark.parametrize(
    ("country", "names"),
    [
        ("US", ["988 Suicide & Crisis Lifeline"]),
        ("CA", ["988 Suicide & Crisis Lifeline"]),
        ("GB", ["Samaritans"]),
        ("IE", ["Samaritans"]),
        ("FR", ["3114"]),
        ("ES", ["024"]),
        ("DE", ["TelefonSeelsorge"]),
        ("AU", ["Lifeline"]),
        ("fr", ["3114"]),
    ],
)
def test_a_country_with_a_default_gets_its_own_line(country: str, names: list[str]) -> None:
    assert [r.name for r in choose((), country)] == names


@pytest.mark.parametrize("country", [None, "", "IT", "JP", "ZZ"])
def test_an_unknown_country_or_one_with_no_line_gets_every_default(country: str | None) -> None:
    assert choose((), country) == DEFAULT_RESOURCES


def own(country: str, name: str) -> CrisisResource:
    return CrisisResource(
        region=country_name(country) or country,
        name=name,
        contact="0800 000",
        how="Call",
        tel="0800000",
        countries=(country,),
        source="https://example.org/lines",
        verified=date(2026, 11, 1),
    )


def test_the_organisations_lines_replace_the_defaults_for_their_country_only() -> None:
    mine = (own("GB", "Local line"), own("GB", "Night line"), own("IT", "Telefono Amico"))
    assert [r.name for r in choose(mine, "GB")] == ["Local line", "Night line"]
    assert [r.name for r in choose(mine, "IE")] == ["Samaritans"]
    assert [r.name for r in choose(mine, "IT")] == ["Telefono Amico"]
    assert choose(mine, "JP") == DEFAULT_RESOURCES
    assert choose(mine, None) == DEFAULT_RESOURCES


def test_serves_tells_a_countrys_lines_from_the_fallback() -> None:
    assert serves(choose((), "DE"), "DE")
    assert not serves(choose((), "IT"), "IT")
    assert not serves(choose((), None), None)


# ---------------------------------------------------------------- countries


def test_countries_are_iso_codes_with_names() -> None:
    assert len(COUNTRIES) == 249
    assert all(len(code) == 2 and code.isupper() for code in COUNTRIES)
    assert (COUNTRIES["GB"], COUNTRIES["DE"], COUNTRIES["US"]) == (
        "United Kingdom",
        "Germany",
        "United States",
    )
    assert [name for _, name in COUNTRY_CHOICES] == sorted(COUNTRIES.values())
    assert country_name("ie") == "Ireland"
    assert country_name("XX") is None
    assert country_name(None) is None


def test_check_country() -> None:
    assert check_country(" gb ") == "GB"
    assert check_country("") is None
    assert check_country(None) is None
    for bad in ("UK", "GBR", "G", "12", "EU"):
        with pytest.raises(LineError) as found:
            check_country(bad)
        assert found.value.field == "country"


# ---------------------------------------------------------------- an organisation's own line

GOOD = {
    "country": "gb",
    "name": "  Riverside night line ",
    "contact": "0800 123 456",
    "how": "Call",
    "tel": "",
    "source": "https://riverside.example/night-line",
    "verified_on": "2026-11-20",
}


def check(**changes: object) -> object:
    return check_line(**{**GOOD, **changes}, today=TODAY)  # type: ignore[arg-type]


def problems(**changes: object) -> dict[str, str]:
    with pytest.raises(LineError) as found:
        check(**changes)
    return found.value.fields


def test_a_good_line_is_tidied() -> None:
    values = check()
    assert values.country == "GB"  # type: ignore[attr-defined]
    assert values.name == "Riverside night line"  # type: ignore[attr-defined]
    assert values.tel == "0800123456"  # type: ignore[attr-defined]
    assert values.verified_on == date(2026, 11, 20)  # type: ignore[attr-defined]
    assert check(tel="+44800123456", verified_on=TODAY).tel == "+44800123456"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"country": ""}, "country"),
        ({"country": "UK"}, "country"),
        ({"name": "  "}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"contact": ""}, "contact"),
        ({"contact": "1" * 61}, "contact"),
        ({"how": ""}, "how"),
        ({"how": "x" * 61}, "how"),
        ({"source": ""}, "source"),
        ({"source": "x" * 201}, "source"),
        ({"name": "bad\x00name"}, "name"),
        ({"tel": "0800 123"}, "tel"),
        ({"tel": "0800-abc"}, "tel"),
        ({"tel": "44+800"}, "tel"),
        ({"tel": "+" + "1" * 20}, "tel"),
        ({"tel": "", "contact": "Text HOME"}, "tel"),
        ({"verified_on": ""}, "verified_on"),
        ({"verified_on": "21/11/2026"}, "verified_on"),
        ({"verified_on": "2026-11-23"}, "verified_on"),
    ],
)
def test_each_problem_names_its_field(changes: dict[str, object], field: str) -> None:
    assert set(problems(**changes)) == {field}


def test_every_problem_is_reported_at_once() -> None:
    found = problems(country="", name="", source="", verified_on="2030-01-01")
    assert list(found) == ["country", "name", "source", "verified_on"]
    assert found["verified_on"] == "That day is in the future. Give the day you last checked it."


def test_limits_are_inclusive() -> None:
    assert check(name="x" * 120, how="y" * 60, source="z" * 200, tel="+" + "1" * 19)


def test_a_line_checked_over_a_year_ago_needs_checking_again() -> None:
    assert not needs_recheck(date(2025, 11, 22), TODAY)
    assert needs_recheck(date(2025, 11, 21), TODAY)
