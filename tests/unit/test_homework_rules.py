"""Homework rules on their edges: what each kind needs, due dates, practice
counting itself, reminder timing and which changes are possible."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mend.care.homework import rules
from mend.care.homework.rules import Draft, HomeworkError, Progress
from tests.unit.test_pure_modules import FORBIDDEN, SRC, imports_of

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # a Monday
WEEK = NOW + timedelta(days=7)
H = timedelta(hours=1)


class _Refused:
    """`with refused("title"):` the rules refuse, naming that field and status."""

    def __init__(self, field: str, status: int) -> None:
        self.field, self.status = field, status

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: object, tb: object) -> bool:
        assert isinstance(error, HomeworkError), f"expected a refusal of {self.field}"
        assert (error.field, error.status) == (self.field, self.status), error.message
        assert error.message.strip()
        return True


def refused(field: str, status: int = 422) -> _Refused:
    return _Refused(field, status)


def test_the_rules_module_is_pure() -> None:
    path = SRC / "care" / "homework" / "rules.py"
    assert {i for i in imports_of(path) if i.startswith(FORBIDDEN)} == set()
    text = Path(path).read_text()
    assert ".now(" not in text and "utcnow" not in text


# ---------------------------------------------------------------- kinds


def practice(**kw: object) -> Draft:
    base = Draft(kind="practice", due_at=WEEK, jar_item_id="item-1", target_count=5)
    return replace(base, **kw)  # type: ignore[arg-type]


def worksheet(**kw: object) -> Draft:
    return replace(Draft(kind="worksheet", title="Thought record", due_at=WEEK), **kw)  # type: ignore[arg-type]


def test_practice_needs_only_a_strategy_and_a_count() -> None:
    checked = rules.check_draft(practice(), now=NOW)
    assert (checked.title, checked.target_count) == (None, 5)


@pytest.mark.parametrize("target", [1, 50])
def test_the_count_goes_from_1_to_50(target: int) -> None:
    assert rules.check_draft(practice(target_count=target), now=NOW).target_count == target


@pytest.mark.parametrize("target", [0, -1, 51, None])
def test_a_count_outside_1_to_50_is_refused(target: int | None) -> None:
    with refused("target_count"):
        rules.check_draft(practice(target_count=target), now=NOW)


@pytest.mark.parametrize("item", [None, "", "   "])
def test_practice_without_a_strategy_is_refused(item: str | None) -> None:
    with refused("jar_item_id"):
        rules.check_draft(practice(jar_item_id=item), now=NOW)


def test_a_questionnaire_needs_an_instrument() -> None:
    with refused("instrument_id"):
        rules.check_draft(Draft(kind="questionnaire", due_at=WEEK), now=NOW)
    found = rules.check_draft(
        Draft(kind="questionnaire", due_at=WEEK, instrument_id="phq9"), now=NOW
    )
    assert found.instrument_id == "phq9"


@pytest.mark.parametrize("kind", ["worksheet", "reflection", "reading"])
def test_other_kinds_need_a_title(kind: str) -> None:
    with refused("title"):
        rules.check_draft(Draft(kind=kind, title="   ", due_at=WEEK), now=NOW)
    tidy = rules.check_draft(
        Draft(kind=kind, title="  Read  ", instructions=" ", due_at=WEEK), now=NOW
    )
    assert (tidy.title, tidy.instructions) == ("Read", None)


def test_an_unknown_kind_is_refused() -> None:
    with refused("kind"):
        rules.check_draft(Draft(kind="essay", title="x", due_at=WEEK), now=NOW)


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (worksheet(jar_item_id="item-1"), "jar_item_id"),
        (worksheet(target_count=3), "target_count"),
        (worksheet(instrument_id="phq9"), "instrument_id"),
        (practice(instrument_id="phq9"), "instrument_id"),
    ],
)
def test_a_field_of_another_kind_is_refused_not_dropped(draft: Draft, field: str) -> None:
    with refused(field):
        rules.check_draft(draft, now=NOW)


def test_title_and_instructions_have_limits() -> None:
    rules.check_draft(worksheet(title="t" * 200, instructions="i" * 4000), now=NOW)
    with refused("title"):
        rules.check_draft(worksheet(title="t" * 201), now=NOW)
    with refused("instructions"):
        rules.check_draft(worksheet(instructions="i" * 4001), now=NOW)


def test_practice_titles_read_naturally() -> None:
    assert rules.practice_title("Box breathing", 1) == "Practise Box breathing once"
    assert rules.practice_title("Box breathing", 2) == "Practise Box breathing twice"
    assert rules.practice_title("Box breathing", 5) == "Practise Box breathing 5 times"
    assert len(rules.practice_title("x" * 300, 5)) == rules.TITLE_MAX


def test_practice_is_for_helpful_strategies_in_use() -> None:
    rules.check_practice_strategy(helpfulness="helpful", retired=False)
    rules.check_practice_strategy(helpfulness="mixed", retired=False)
    with refused("jar_item_id"):
        rules.check_practice_strategy(helpfulness="harmful", retired=False)
    with refused("jar_item_id"):
        rules.check_practice_strategy(helpfulness="helpful", retired=True)


# ---------------------------------------------------------------- due dates


@pytest.mark.parametrize("due", [NOW, NOW - timedelta(seconds=1), NOW - timedelta(days=3)])
def test_due_must_be_after_now(due: datetime) -> None:
    with refused("due_at"):
        rules.check_due(due, assigned_at=NOW, now=NOW)


def test_due_within_a_year_of_being_set() -> None:
    year = NOW + timedelta(days=365)
    assert rules.check_due(year, assigned_at=NOW, now=NOW) == year
    with refused("due_at"):
        rules.check_due(year + timedelta(seconds=1), assigned_at=NOW, now=NOW)
    assert rules.check_due(NOW + timedelta(seconds=1), assigned_at=NOW, now=NOW)


def test_moving_a_due_date_counts_the_year_from_when_it_was_set() -> None:
    later = NOW + timedelta(days=30)
    with refused("due_at"):
        rules.check_due(NOW + timedelta(days=366), assigned_at=NOW, now=later)
    with refused("due_at"):  # after it was set, but already past
        rules.check_due(NOW + timedelta(days=10), assigned_at=NOW, now=later)


def test_a_day_means_the_end_of_that_day_where_the_organisation_is() -> None:
    assert rules.end_of_day(date(2026, 3, 6), UTC) == datetime(2026, 3, 6, 23, 59, tzinfo=UTC)
    berlin = rules.end_of_day(date(2026, 3, 6), ZoneInfo("Europe/Berlin"))
    assert berlin == datetime(2026, 3, 6, 22, 59, tzinfo=UTC)


# ---------------------------------------------------------------- practice counts itself


def test_moments_count_inside_the_window_both_ends_included() -> None:
    times = [NOW - timedelta(seconds=1), NOW, NOW + H, WEEK, WEEK + timedelta(seconds=1)]
    found = rules.practice_progress(times, NOW, WEEK, 5)
    assert (found.done, found.target, found.complete, found.reached_at) == (3, 5, False, None)


def test_reaching_the_target_says_when() -> None:
    times = [NOW + 4 * H, NOW + H, NOW + 3 * H, NOW + 2 * H]  # in any order
    found = rules.practice_progress(times, NOW, WEEK, 3)
    assert found.complete
    assert found.reached_at == NOW + 3 * H
    assert found.done == 4  # the real count, beyond the target


def test_no_moments_is_nothing_done() -> None:
    assert rules.practice_progress([], NOW, WEEK, 1) == Progress(0, 1, None)


def test_exactly_the_target_is_complete() -> None:
    assert rules.practice_progress([NOW + H], NOW, WEEK, 1).complete


# ---------------------------------------------------------------- where it stands


def test_standing_follows_the_stored_status_first() -> None:
    done = rules.practice_progress([NOW + H], NOW, WEEK, 1)
    assert (
        rules.standing(stored="cancelled", completed_at=None, progress=done).status == "cancelled"
    )
    kept = rules.standing(stored="completed", completed_at=NOW + 5 * H, progress=done)
    assert (kept.status, kept.completed_at, kept.on_its_own) == ("completed", NOW + 5 * H, False)


def test_practice_shows_done_once_counted_without_being_stored() -> None:
    found = rules.standing(
        stored="assigned", completed_at=None,
        progress=rules.practice_progress([NOW + H, NOW + 2 * H], NOW, WEEK, 2),
    )  # fmt: skip
    assert (found.status, found.completed_at, found.on_its_own) == ("completed", NOW + 2 * H, True)
    short = rules.practice_progress([NOW + H], NOW, WEEK, 2)
    assert rules.standing(stored="assigned", completed_at=None, progress=short).status == "assigned"


def test_an_answered_questionnaire_is_done() -> None:
    found = rules.standing(stored="assigned", completed_at=None, answered_at=NOW + H)
    assert (found.status, found.completed_at, found.on_its_own) == ("completed", NOW + H, True)
    assert rules.standing(stored="assigned", completed_at=None).status == "assigned"


# ---------------------------------------------------------------- reminders


@pytest.mark.parametrize(
    ("due", "soon", "late", "timing"),
    [
        (NOW + timedelta(hours=24), True, False, "due_soon"),
        (NOW + timedelta(hours=24, seconds=1), False, False, "later"),
        (NOW, True, False, "due_soon"),
        (NOW - timedelta(seconds=1), False, True, "overdue"),
    ],
)
def test_due_soon_is_within_24_hours_and_overdue_is_past(
    due: datetime, soon: bool, late: bool, timing: str
) -> None:
    assert rules.due_soon(NOW, due) is soon
    assert rules.overdue(NOW, due) is late
    assert rules.timing(NOW, due, status="assigned") == timing


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_finished_homework_has_no_timing(status: str) -> None:
    assert rules.timing(NOW, NOW - H, status=status) is None


def test_one_reminder_while_due_soon() -> None:
    soon = NOW + 3 * H
    assert rules.should_remind(now=NOW, due_at=soon, status="assigned", reminded_at=None)
    assert not rules.should_remind(now=NOW, due_at=soon, status="assigned", reminded_at=NOW)
    assert not rules.should_remind(now=NOW, due_at=soon, status="completed", reminded_at=None)
    assert not rules.should_remind(now=NOW, due_at=WEEK, status="assigned", reminded_at=None)
    assert not rules.should_remind(now=NOW, due_at=NOW - H, status="assigned", reminded_at=None)


# ---------------------------------------------------------------- changes


@pytest.mark.parametrize("kind", ["worksheet", "reflection", "reading"])
def test_the_client_marks_open_homework_done(kind: str) -> None:
    rules.check_complete(status="assigned", kind=kind, done_on_its_own=False)


@pytest.mark.parametrize("kind", ["practice", "questionnaire"])
def test_practice_and_questionnaires_finish_themselves(kind: str) -> None:
    with refused("status", 409):
        rules.check_complete(status="assigned", kind=kind, done_on_its_own=False)
    rules.check_complete(status="completed", kind=kind, done_on_its_own=True)


def test_cancelled_homework_cannot_be_done_and_done_homework_takes_a_reflection() -> None:
    with refused("status", 409):
        rules.check_complete(status="cancelled", kind="reading", done_on_its_own=False)
    rules.check_complete(status="completed", kind="reading", done_on_its_own=False)


def test_a_reflection_is_optional_except_for_reflection_homework() -> None:
    assert rules.check_reflection("  ", required=False) is None
    assert rules.check_reflection(" It helped. ", required=False) == "It helped."
    assert rules.check_reflection("r" * 4000, required=False)
    with refused("reflection"):
        rules.check_reflection(None, required=True)
    with refused("reflection"):
        rules.check_reflection("r" * 4001, required=False)


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_only_open_homework_is_changed(status: str) -> None:
    rules.check_open("assigned", action="changed")
    with refused("status", 409):
        rules.check_open(status, action="changed")


def test_a_stale_version_is_a_conflict() -> None:
    rules.check_version(sent=None, current=3)
    rules.check_version(sent=3, current=3)
    with refused("version", 409):
        rules.check_version(sent=2, current=3)


def test_who_may_change_homework() -> None:
    assert rules.may_change(me="cole", assigned_by="cole", assigner_on_team=True, is_client=False)
    assert not rules.may_change(
        me="tara", assigned_by="cole", assigner_on_team=True, is_client=False
    )
    assert rules.may_change(me="tara", assigned_by="cole", assigner_on_team=False, is_client=False)
    assert not rules.may_change(
        me="alice", assigned_by="cole", assigner_on_team=False, is_client=True
    )


# ---------------------------------------------------------------- plain words


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (datetime(2026, 3, 2, 23, 59, tzinfo=UTC), "due today"),
        (datetime(2026, 3, 2, 17, 0, tzinfo=UTC), "due today at 17:00"),
        (datetime(2026, 3, 3, 23, 59, tzinfo=UTC), "due tomorrow"),
        (datetime(2026, 3, 6, 23, 59, tzinfo=UTC), "due on Friday"),
        (datetime(2026, 3, 9, 23, 59, tzinfo=UTC), "due on Monday 9 March"),
        (datetime(2027, 1, 4, 23, 59, tzinfo=UTC), "due on Monday 4 January 2027"),
        (datetime(2026, 3, 2, 8, 0, tzinfo=UTC), "was due earlier today at 08:00"),
        (datetime(2026, 3, 1, 23, 59, tzinfo=UTC), "was due yesterday"),
        (datetime(2026, 2, 26, 23, 59, tzinfo=UTC), "was due on Thursday 26 February"),
    ],
)
def test_due_dates_in_plain_words(due: datetime, words: str) -> None:
    assert rules.due_words(due, now=NOW, zone=UTC) == words


def test_due_words_use_the_organisations_day() -> None:
    # 09:30 UTC on Monday is 22:30 in Auckland; 23:30 UTC is Tuesday lunchtime there.
    late = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    assert rules.due_words(late, now=NOW, zone=ZoneInfo("Pacific/Auckland")) == (
        "due tomorrow at 12:30"
    )
    assert rules.due_words(late, now=NOW, zone=UTC) == "due today at 23:30"


def test_when_something_happened_in_plain_words() -> None:
    assert rules.on_day(NOW - H, now=NOW, zone=UTC) == "today"
    assert rules.on_day(NOW - timedelta(days=1), now=NOW, zone=UTC) == "yesterday"
    assert rules.on_day(NOW - timedelta(days=5), now=NOW, zone=UTC) == "on Wednesday 25 February"
