"""Diagnosis codes are checked for their shape only (never looked up), and a
diagnosis's status, label, date and changes keep to their rules."""

from __future__ import annotations

from datetime import date

import pytest

from mend.care.notes import codes
from mend.care.notes.codes import DiagnosisState
from mend.care.notes.templates import NoteError

TODAY = date(2026, 3, 2)


def refused(call, *args, **kwargs) -> NoteError:  # type: ignore[no-untyped-def]
    with pytest.raises(NoteError) as caught:
        call(*args, **kwargs)
    assert caught.value.status == 422
    return caught.value


@pytest.mark.parametrize(
    "code", ["F32.1", "F43.10", "Z63", "F32", "F32.A", "F41.9", "T74.1XXA", "Z63.0", "A00.0"]
)
def test_icd10_shapes_are_accepted(code: str) -> None:
    assert codes.check_code("icd10", code) == code


@pytest.mark.parametrize(
    "code",
    [
        "F3",
        "F3.1",
        "F321",
        "F32.",
        "F32.12345",
        "32.1",
        "FF2.1",
        "F32-1",
        "F32 .1",
        "F32.1.2",
        ".F32",
    ],
)
def test_other_icd10_shapes_are_refused(code: str) -> None:
    error = refused(codes.check_code, "icd10", code)
    assert error.field == "code" and "ICD-10" in error.message


@pytest.mark.parametrize(
    "code",
    [
        "6A70",
        "6B40",
        "6B40.0",
        "QE84",
        "6A00.Z",
        "6C40.20",
        "1A00",
        "6A70&XS25",
        "6A70.1&XS25&XT8W",
        "NA02.Y&XK8G/PA03",
        "6B40/6A70&XS25",
    ],
)
def test_icd11_shapes_are_accepted(code: str) -> None:
    assert codes.check_code("icd11", code) == code


@pytest.mark.parametrize(
    "code",
    [
        "6A7",  # too short
        "6A700",  # a fifth character needs a dot
        "6I70",  # ICD-11 has no letter I
        "6O70",  # nor O
        "6AB0",  # the third character is a digit
        "0A70",  # chapters start at 1
        "6A70.",  # a dot needs something after it
        "6A70.123",  # at most two after the dot
        "XS25",  # an extension alone is not a diagnosis
        "6A70&",  # nothing joined
        "6A70&6B40",  # & joins extension codes; stems are joined by /
        "6A70/",
        "/6A70",
        "6A70 & XS25",
        "6A70&XS",  # an extension code too short
    ],
)
def test_other_icd11_shapes_are_refused(code: str) -> None:
    assert refused(codes.check_code, "icd11", code).field == "code"


def test_codes_are_kept_in_capitals_without_spaces_at_the_edges() -> None:
    assert codes.check_code("icd10", "  f32.1 ") == "F32.1"
    assert codes.check_code("icd11", "6b40.0&xs25") == "6B40.0&XS25"


def test_a_code_from_the_other_classification_says_so() -> None:
    assert "looks like an ICD-11 code" in refused(codes.check_code, "icd10", "6B40").message
    assert "looks like an ICD-10 code" in refused(codes.check_code, "icd11", "F43.1").message


def test_the_shapes_never_overlap() -> None:
    for code in ("F32.1", "Z63", "6B40", "QE84", "6A70&XS25"):
        assert codes.system_of(code) in ("icd10", "icd11")
    assert codes.system_of("hello") is None


@pytest.mark.parametrize("code", ["", "   "])
def test_an_empty_code_is_refused_with_an_example(code: str) -> None:
    assert "for example" in refused(codes.check_code, "icd11", code).message


def test_a_code_longer_than_the_limit_is_refused() -> None:
    long = "/".join(["6A70"] * 13)  # 64 characters, the right shape
    assert len(long) == 64 and codes.check_code("icd11", long) == long
    assert refused(codes.check_code, "icd11", long + "/").field == "code"
    assert refused(codes.check_code, "icd11", long + "/6A70").field == "code"


@pytest.mark.parametrize("system", ["icd9", "ICD10", "", "dsm5"])
def test_an_unknown_system_is_refused(system: str) -> None:
    assert refused(codes.check_code, system, "F32.1").field == "system"


def test_the_label_is_the_therapists_words_on_one_line() -> None:
    assert (
        codes.check_label("  Post traumatic\n stress   disorder ")
        == "Post traumatic stress disorder"
    )
    assert codes.check_label("x" * 300) == "x" * 300
    for bad in ("", "   ", "x" * 301, "bad \x00"):
        assert refused(codes.check_label, bad).field == "label"


def test_a_new_diagnosis_is_provisional_or_confirmed() -> None:
    for status in ("provisional", "confirmed"):
        state, _ = codes.new_diagnosis(
            system="icd11", code="6B40", label="PTSD", status=status, noted_on=TODAY, today=TODAY
        )
        assert state.status == status
    for status in ("resolved", "ruled_out", "maybe", ""):
        error = refused(
            codes.new_diagnosis,
            system="icd11", code="6B40", label="PTSD", status=status, noted_on=TODAY, today=TODAY,
        )  # fmt: skip
        assert error.field == "status"


def test_the_date_may_be_today_or_earlier_never_later() -> None:
    assert codes.check_noted_on(TODAY, today=TODAY) == TODAY
    assert refused(codes.check_noted_on, date(2026, 3, 3), today=TODAY).field == "noted_on"


PTSD = DiagnosisState(system="icd11", code="6B40", label="PTSD", status="provisional")


@pytest.mark.parametrize("status", codes.STATUSES[1:])
def test_any_status_may_follow(status: str) -> None:
    new, reason = codes.change(PTSD, status=status, reason=" Assessment done ")
    assert new.status == status and reason == "Assessment done"
    codes.check_changed(PTSD, new)


def test_a_correction_checks_the_code_against_the_same_system() -> None:
    new, _ = codes.change(PTSD, code="6b40.0", label="PTSD, current", reason="More specific")
    assert (new.system, new.code, new.label) == ("icd11", "6B40.0", "PTSD, current")
    assert refused(codes.change, PTSD, code="F43.1", reason="x").field == "code"


def test_a_change_needs_a_reason_and_a_difference() -> None:
    assert refused(codes.change, PTSD, status="confirmed", reason=" ").field == "reason"
    same, _ = codes.change(PTSD, status="provisional", code="6b40", reason="No change")
    assert refused(codes.check_changed, PTSD, same).field == "status"
    assert refused(codes.change, PTSD, status="gone", reason="x").field == "status"
