"""Note templates: which sections each kind has, and every edge of what a
note's words, its reason and its session date may be."""

from __future__ import annotations

from datetime import date

import pytest

from mend.care.notes import templates
from mend.care.notes.templates import NoteError
from mend.care.policy import Category

TODAY = date(2026, 3, 2)


def refused(call, *args, **kwargs) -> NoteError:  # type: ignore[no-untyped-def]
    with pytest.raises(NoteError) as caught:
        call(*args, **kwargs)
    assert caught.value.status == 422
    return caught.value


@pytest.mark.parametrize(
    ("kind", "sections", "category"),
    [
        ("soap", ("subjective", "objective", "assessment", "plan"), Category.CLINICAL_NOTES),
        ("dap", ("data", "assessment", "plan"), Category.CLINICAL_NOTES),
        ("psychotherapy", ("text",), Category.PSYCHOTHERAPY_NOTES),
        ("support", ("text",), Category.SUPPORT_NOTES),
    ],
)
def test_each_kind_has_its_sections_and_category(
    kind: str, sections: tuple[str, ...], category: Category
) -> None:
    template = templates.template_for(kind)
    assert template.names == sections
    assert template.category is category
    assert kind in templates.KINDS_OF[category]


def test_an_unknown_kind_is_refused() -> None:
    assert refused(templates.template_for, "progress").field == "kind"


def test_one_section_is_enough_and_the_others_are_kept_empty() -> None:
    cleaned = templates.check_sections("soap", {"plan": "Walk daily."})
    assert cleaned == {"subjective": "", "objective": "", "assessment": "", "plan": "Walk daily."}


@pytest.mark.parametrize("sections", [{}, {"plan": ""}, {"plan": "  \n\t "}, {"data": "\r\n"}])
def test_a_note_with_no_words_is_refused(sections: dict[str, str]) -> None:
    kind = "dap" if "data" in sections else "soap"
    assert refused(templates.check_sections, kind, sections).field == "sections"


def test_a_section_from_another_template_is_refused() -> None:
    error = refused(templates.check_sections, "dap", {"data": "x", "subjective": "y"})
    assert error.field == "sections.subjective"
    assert "data, assessment, plan" in error.message


def test_a_very_long_unknown_name_is_cut_short_in_the_answer() -> None:
    error = refused(templates.check_sections, "support", {"x" * 500: "y"})
    assert error.field == "sections." + "x" * 40


def test_the_longest_section_is_kept_and_one_more_character_is_refused() -> None:
    longest = "a" * templates.SECTION_MAX_CHARS
    assert templates.check_sections("support", {"text": longest})["text"] == longest
    error = refused(templates.check_sections, "support", {"text": longest + "b"})
    assert error.field == "sections.text"


def test_the_length_is_counted_after_trimming() -> None:
    padded = "  " + "a" * templates.SECTION_MAX_CHARS + "\n\n"
    assert len(templates.check_sections("support", {"text": padded})["text"]) == 20_000


def test_line_endings_become_one_kind_and_edges_are_trimmed() -> None:
    cleaned = templates.check_sections("psychotherapy", {"text": "  one\r\ntwo\rthree\n  "})
    assert cleaned["text"] == "one\ntwo\nthree"


@pytest.mark.parametrize("value", ["nul \x00 here", 5, None])
def test_a_section_that_is_not_plain_text_is_refused(value: object) -> None:
    assert refused(templates.check_sections, "soap", {"plan": value}).field == "sections.plan"


def test_unicode_is_kept_exactly() -> None:
    text = "Café with Zoë 🌧️→☀️ — 今日はいい日"
    assert templates.check_sections("support", {"text": text})["text"] == text


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_a_change_needs_a_reason(reason: str) -> None:
    assert refused(templates.check_reason, reason).field == "reason"


def test_the_longest_reason_is_kept_and_one_more_is_refused() -> None:
    assert templates.check_reason("r" * 2_000) == "r" * 2_000
    assert refused(templates.check_reason, "r" * 2_001).field == "reason"


def test_a_session_date_may_be_today_or_earlier_never_later() -> None:
    assert templates.check_session_on(TODAY, today=TODAY) == TODAY
    assert templates.check_session_on(None, today=TODAY) is None
    assert templates.check_session_on(date(2020, 1, 1), today=TODAY) == date(2020, 1, 1)
    error = refused(templates.check_session_on, date(2026, 3, 3), today=TODAY)
    assert error.field == "session_on"


def test_an_amendment_must_change_the_words() -> None:
    words = {"text": "same"}
    assert refused(templates.check_amendment, words, dict(words)).field == "sections"
    templates.check_amendment(words, {"text": "different"})


def test_a_retry_is_the_same_person_words_and_reason() -> None:
    base = {
        "latest_by": "tara",
        "latest_sections": {"text": "new"},
        "latest_reason": "typo",
        "by": "tara",
        "sections": {"text": "new"},
        "reason": "typo",
    }
    assert templates.is_retry(**base)  # type: ignore[arg-type]
    assert not templates.is_retry(**base | {"by": "theo"})  # type: ignore[arg-type]
    assert not templates.is_retry(**base | {"reason": "other"})  # type: ignore[arg-type]
    assert not templates.is_retry(**base | {"sections": {"text": "newer"}})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "author", "reader", "shared", "allowed"),
    [
        ("psychotherapy", "tara", "tara", False, True),
        ("psychotherapy", "tara", "theo", False, False),
        ("psychotherapy", "tara", "theo", True, True),
        ("soap", "tara", "theo", False, True),
        ("dap", "tara", "alice", False, True),
        ("support", "cole", "alice", False, True),
    ],
)
def test_psychotherapy_notes_stay_with_their_author_unless_shared(
    kind: str, author: str, reader: str, shared: bool, allowed: bool
) -> None:
    assert templates.may_read(kind, author_id=author, reader_id=reader, shared=shared) is allowed


def test_only_the_author_amends() -> None:
    assert templates.may_amend(author_id="tara", by_id="tara")
    assert not templates.may_amend(author_id="tara", by_id="theo")
