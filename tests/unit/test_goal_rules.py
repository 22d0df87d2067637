"""The rules of a goal, at their edges: who answers a suggestion, how an
accepted goal moves, what a goal's words and dates may be, and check-ins 0–10."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from mend.care.goals import rules
from mend.care.goals.rules import GoalText, RuleError, Status
from tests.unit.test_pure_modules import FORBIDDEN, imports_of

TODAY = date(2026, 3, 2)
ALL = list(Status)


def refused(call, *args, **kwargs) -> RuleError:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleError) as caught:
        call(*args, **kwargs)
    return caught.value


# ---------------------------------------------------------------- purity


def test_the_rules_module_is_pure() -> None:
    path = Path(rules.__file__)
    assert {i for i in imports_of(path) if i.startswith(FORBIDDEN)} == set()
    text = path.read_text()
    assert ".now(" not in text and "utcnow" not in text and "time.time(" not in text


# ---------------------------------------------------------------- answering a suggestion


@pytest.mark.parametrize("status", ALL)
def test_only_a_suggestion_can_be_accepted(status: Status) -> None:
    if status in (Status.PROPOSED, Status.DECLINED):
        assert rules.accept(status) is Status.ACTIVE
    else:
        assert refused(rules.accept, status).status == 409


@pytest.mark.parametrize("status", ALL)
def test_only_a_waiting_suggestion_can_be_declined(status: Status) -> None:
    if status is Status.PROPOSED:
        assert rules.decline(status) is Status.DECLINED
    else:
        error = refused(rules.decline, status)
        assert error.status == 409 and error.field == "status"


def test_saying_not_now_twice_says_so() -> None:
    assert "already said not now" in refused(rules.decline, Status.DECLINED).message


# ---------------------------------------------------------------- moving an accepted goal

ALLOWED = {
    (Status.ACTIVE, Status.PAUSED),
    (Status.ACTIVE, Status.ACHIEVED),
    (Status.ACTIVE, Status.LET_GO),
    (Status.PAUSED, Status.ACTIVE),
    (Status.PAUSED, Status.ACHIEVED),
    (Status.PAUSED, Status.LET_GO),
    (Status.ACHIEVED, Status.ACTIVE),
    (Status.LET_GO, Status.ACTIVE),
}


@pytest.mark.parametrize("current", ALL)
@pytest.mark.parametrize("target", ALL)
def test_every_move_between_states(current: Status, target: Status) -> None:
    if (current, target) in ALLOWED:
        assert rules.move(current, target) is target
    else:
        error = refused(rules.move, current, target)
        assert error.status == 409 and error.field == "status"


def test_a_suggestion_is_accepted_before_it_moves() -> None:
    assert "accept it first" in refused(rules.move, Status.PROPOSED, Status.ACHIEVED).message


def test_a_move_to_where_it_is_says_so() -> None:
    assert "already" in refused(rules.move, Status.PAUSED, Status.PAUSED).message


def test_the_buttons_follow_the_moves_in_a_steady_order() -> None:
    assert rules.moves_from(Status.ACTIVE) == [Status.ACHIEVED, Status.PAUSED, Status.LET_GO]
    assert rules.moves_from(Status.PAUSED) == [Status.ACTIVE, Status.ACHIEVED, Status.LET_GO]
    assert rules.moves_from(Status.ACHIEVED) == [Status.ACTIVE]
    assert rules.moves_from(Status.LET_GO) == [Status.ACTIVE]
    assert rules.moves_from(Status.PROPOSED) == []
    assert rules.moves_from(Status.DECLINED) == []


@pytest.mark.parametrize("value", ["active", "paused", "achieved", "let_go"])
def test_status_names_are_read(value: str) -> None:
    assert rules.status_of(value) == value


@pytest.mark.parametrize("value", ["", "done", "ACTIVE", "let go"])
def test_unknown_status_names_are_refused(value: str) -> None:
    error = refused(rules.status_of, value)
    assert error.status == 422 and error.field == "status"


def test_the_words_for_letting_go_are_kind() -> None:
    assert rules.STATUS_WORDS[Status.LET_GO] == "Let go"
    assert "fail" not in " ".join(rules.STATUS_WORDS.values()).lower()


# ---------------------------------------------------------------- who shapes a goal


@pytest.mark.parametrize(
    ("status", "what", "is_client", "is_author", "allowed"),
    [
        (Status.PROPOSED, "text", True, False, True),
        (Status.PROPOSED, "text", False, True, True),
        (Status.PROPOSED, "text", False, False, False),
        (Status.PROPOSED, "steps", False, False, False),
        (Status.PROPOSED, "steps", False, True, True),
        (Status.DECLINED, "text", False, False, False),
        (Status.ACTIVE, "text", True, True, True),
        (Status.ACTIVE, "text", False, True, False),
        (Status.ACTIVE, "steps", False, False, True),
        (Status.PAUSED, "text", False, False, False),
        (Status.PAUSED, "steps", False, False, True),
        (Status.ACHIEVED, "text", True, False, True),
    ],
)
def test_who_shapes_a_goal(
    status: Status, what: str, is_client: bool, is_author: bool, allowed: bool
) -> None:
    assert rules.may_shape(status, what, is_client=is_client, is_author=is_author) is allowed


@pytest.mark.parametrize("status", ALL)
def test_what_can_be_edited(status: Status) -> None:
    if status in (Status.PROPOSED, Status.ACTIVE, Status.PAUSED):
        rules.check_editable(status)
    else:
        assert refused(rules.check_editable, status).status == 409


# ---------------------------------------------------------------- versions


def test_the_same_version_passes_and_another_is_a_conflict() -> None:
    rules.check_version(3, 3)
    for sent in (2, 4):
        error = refused(rules.check_version, sent, 3)
        assert error.status == 409 and error.field == "version"


# ---------------------------------------------------------------- the words of a goal


def test_a_title_is_trimmed_and_its_spaces_tidied() -> None:
    assert rules.clean_title("  Walk   three\nmornings ") == "Walk three mornings"


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_an_empty_title_is_refused(title: str) -> None:
    assert refused(rules.clean_title, title).field == "title"


def test_a_title_of_the_longest_length_is_kept_and_one_more_is_refused() -> None:
    assert rules.clean_title("x" * 120) == "x" * 120
    error = refused(rules.clean_title, "x" * 121)
    assert error.field == "title" and "121" in error.message


@pytest.mark.parametrize("value", [None, "", "   "])
def test_an_empty_part_is_none(value: str | None) -> None:
    assert rules.clean_part("specific", value) is None


@pytest.mark.parametrize("field", rules.SMART_FIELDS)
def test_a_part_of_the_longest_length_is_kept_and_one_more_is_refused(field: str) -> None:
    assert rules.clean_part(field, " " + "y" * 500 + " ") == "y" * 500
    assert refused(rules.clean_part, field, "y" * 501).field == field


def test_a_target_date_today_or_later_is_kept() -> None:
    assert rules.check_target_date(TODAY, today=TODAY) == TODAY
    assert rules.check_target_date(None, today=TODAY) is None
    latest = TODAY + rules.TARGET_MAX_AHEAD
    assert rules.check_target_date(latest, today=TODAY) == latest


def test_a_target_date_in_the_past_is_refused() -> None:
    error = refused(rules.check_target_date, TODAY - timedelta(days=1), today=TODAY)
    assert error.field == "target_date" and error.status == 422


def test_a_target_date_too_far_ahead_is_refused() -> None:
    too_far = TODAY + rules.TARGET_MAX_AHEAD + timedelta(days=1)
    assert refused(rules.check_target_date, too_far, today=TODAY).field == "target_date"


def test_a_new_goal_names_the_first_part_at_fault() -> None:
    error = refused(rules.clean_text, title="Walk", measurable="m" * 501, today=TODAY)
    assert error.field == "measurable"
    text = rules.clean_text(title=" Walk ", specific=" ", target_date=TODAY, today=TODAY)
    assert text == GoalText(title="Walk", target_date=TODAY)


# ---------------------------------------------------------------- editing

OLD = GoalText(title="Walk", specific="By the river", target_date=date(2026, 2, 1))


def test_a_passed_target_date_left_as_it_was_stays() -> None:
    after = rules.apply_changes(
        OLD, {"title": "Walk more", "target_date": OLD.target_date}, today=TODAY
    )
    assert after == GoalText(
        title="Walk more", specific="By the river", target_date=OLD.target_date
    )


def test_a_new_target_date_is_checked_like_a_new_goals() -> None:
    error = refused(rules.apply_changes, OLD, {"target_date": date(2026, 3, 1)}, today=TODAY)
    assert error.field == "target_date"
    assert rules.apply_changes(OLD, {"target_date": TODAY}, today=TODAY).target_date == TODAY


def test_parts_can_be_cleared_but_the_title_cannot() -> None:
    after = rules.apply_changes(OLD, {"specific": None, "target_date": None}, today=TODAY)
    assert after == GoalText(title="Walk")
    assert refused(rules.apply_changes, OLD, {"title": None}, today=TODAY).field == "title"
    assert refused(rules.apply_changes, OLD, {"title": "  "}, today=TODAY).field == "title"


def test_only_the_parts_of_a_goal_can_change() -> None:
    assert refused(rules.apply_changes, OLD, {"status": "active"}, today=TODAY).field == "status"
    assert refused(rules.apply_changes, OLD, {"relevant": 5}, today=TODAY).field == "relevant"
    assert refused(rules.apply_changes, OLD, {"target_date": "soon"}, today=TODAY).field == (
        "target_date"
    )


def test_nothing_sent_changes_nothing() -> None:
    assert rules.apply_changes(OLD, {}, today=TODAY) == OLD


# ---------------------------------------------------------------- steps


def test_a_step_is_trimmed() -> None:
    assert (
        rules.clean_step("  Put  trainers by the door ", steps_so_far=0, status=Status.ACTIVE)
        == "Put trainers by the door"
    )


def test_step_limits() -> None:
    assert rules.clean_step("s" * 200, steps_so_far=29, status=Status.ACTIVE) == "s" * 200
    assert refused(rules.clean_step, "s" * 201, steps_so_far=0, status=Status.ACTIVE).field == (
        "text"
    )
    assert refused(rules.clean_step, " ", steps_so_far=0, status=Status.ACTIVE).field == "text"
    assert refused(rules.clean_step, "one more", steps_so_far=30, status=Status.ACTIVE).field == (
        "text"
    )


@pytest.mark.parametrize("status", ALL)
def test_steps_change_while_a_goal_is_open(status: Status) -> None:
    if status in (Status.PROPOSED, Status.ACTIVE, Status.PAUSED):
        assert rules.clean_step("Step", steps_so_far=0, status=status) == "Step"
    else:
        assert refused(rules.clean_step, "Step", steps_so_far=0, status=status).status == 409


# ---------------------------------------------------------------- check-ins


@pytest.mark.parametrize("progress", [0, 5, 10])
def test_progress_from_0_to_10_is_kept(progress: int) -> None:
    assert rules.check_in(progress, None, status=Status.ACTIVE) == (progress, None)


@pytest.mark.parametrize("progress", [-1, 11, 100, True, False])
def test_progress_outside_0_to_10_is_refused(progress: int) -> None:
    error = refused(rules.check_in, progress, None, status=Status.ACTIVE)
    assert error.field == "progress" and error.status == 422


def test_a_check_in_note_is_trimmed_and_limited() -> None:
    assert rules.check_in(4, "  ok  ", status=Status.PAUSED) == (4, "ok")
    assert rules.check_in(4, "   ", status=Status.ACTIVE) == (4, None)
    assert rules.check_in(4, "n" * 2000, status=Status.ACTIVE)[1] == "n" * 2000
    assert refused(rules.check_in, 4, "n" * 2001, status=Status.ACTIVE).field == "note"


@pytest.mark.parametrize("status", ALL)
def test_check_ins_are_for_goals_being_worked_on(status: Status) -> None:
    if status in (Status.ACTIVE, Status.PAUSED):
        assert rules.check_in(3, None, status=status) == (3, None)
    else:
        assert refused(rules.check_in, 3, None, status=status).status == 409


# ---------------------------------------------------------------- counting


def test_suggestions_are_counted_apart_from_goals() -> None:
    counts = rules.count(
        ["proposed", "proposed", "declined", "active", "paused", "let_go", "achieved", "active"]
    )
    assert (counts.active, counts.paused, counts.achieved, counts.let_go) == (2, 1, 1, 1)
    assert counts.waiting == 2
    assert counts.goals == 5


def test_no_goals_count_as_none() -> None:
    assert rules.count([]) == rules.Counts()
    assert rules.count(["proposed"]).goals == 0
