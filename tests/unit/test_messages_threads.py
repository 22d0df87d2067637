"""The pure rules of messages and consultation, on their edges: what a message
may hold, who is in a thread, what is unread, the order of threads, and who a
therapist or coach can consult with."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mend.care.messages import threads
from mend.care.messages.threads import (
    MAX_CHARS,
    Member,
    Sent,
    Summary,
    Thread,
    ThreadError,
    check_body,
    consult_partners,
    is_retry,
    no_partner_reason,
    thread_order,
    unread,
)

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_the_module_is_pure() -> None:
    tree = ast.parse(Path(threads.__file__).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    forbidden = ("sqlalchemy", "fastapi", "starlette", "mend.clock", "mend.db")
    assert not {i for i in imported if i.startswith(forbidden)}
    assert "utcnow" not in Path(threads.__file__).read_text()


# ---------------------------------------------------------------- the body


def test_a_message_is_kept_trimmed() -> None:
    assert check_body("  Hello Cole \n") == "Hello Cole"


@pytest.mark.parametrize("body", ["", "   ", "\n\t  \n"])
def test_an_empty_message_is_refused_on_the_body(body: str) -> None:
    with pytest.raises(ThreadError) as refused:
        check_body(body)
    assert (refused.value.status, refused.value.field) == (422, "body")
    assert "empty" in refused.value.message


def test_the_longest_message_fits_and_one_more_character_does_not() -> None:
    assert len(check_body("x" * MAX_CHARS)) == MAX_CHARS
    with pytest.raises(ThreadError) as refused:
        check_body("x" * (MAX_CHARS + 1))
    assert refused.value.field == "body"
    assert "5,000" in refused.value.message and "5,001" in refused.value.message


def test_spaces_around_do_not_count_towards_the_length() -> None:
    assert check_body("  " + "x" * MAX_CHARS + "  ") == "x" * MAX_CHARS


def test_a_nul_character_is_refused() -> None:
    with pytest.raises(ThreadError) as refused:
        check_body("hello \x00 there")
    assert refused.value.field == "body"


def test_a_post_says_post() -> None:
    with pytest.raises(ThreadError) as refused:
        check_body(" ", what="post")
    assert "the post is empty" in refused.value.message


def test_unicode_counts_as_characters_not_bytes() -> None:
    text = "é" * MAX_CHARS
    assert check_body(text) == text


# ---------------------------------------------------------------- the thread


def test_a_thread_has_its_two_people_and_no_one_else() -> None:
    thread = Thread(client_id="alice", member_id="cole")
    assert thread.has("alice") and thread.has("cole")
    assert not thread.has("tara")
    assert thread.other("alice") == "cole"
    assert thread.other("cole") == "alice"
    assert (thread.side("alice"), thread.side("cole")) == ("client", "member")
    with pytest.raises(ValueError):
        thread.other("tara")
    with pytest.raises(ValueError):
        thread.side("tara")


@pytest.mark.parametrize(
    ("same_thread", "kept", "new", "expected"),
    [
        (True, "Hi", "Hi", True),
        (True, "Hi", "Hi!", False),
        (False, "Hi", "Hi", False),
    ],
)
def test_a_retry_is_the_same_words_to_the_same_person(
    same_thread: bool, kept: str, new: str, expected: bool
) -> None:
    assert is_retry(same_thread=same_thread, kept_body=kept, new_body=new) is expected


def test_unread_counts_only_what_the_other_person_sent_and_not_yet_read() -> None:
    messages = [
        Sent("alice", T0, None),  # alice's own: never unread for alice
        Sent("cole", T0, T0),  # read
        Sent("cole", T0, None),
        Sent("cole", T0 + timedelta(minutes=1), None),
    ]
    assert unread(messages, reader_id="alice") == 2
    assert unread(messages, reader_id="cole") == 1
    assert unread([], reader_id="alice") == 0


def test_threads_are_listed_unread_first_then_newest_then_by_name() -> None:
    old, new = T0 - timedelta(days=3), T0
    order = thread_order(
        [
            Summary("z-empty", "Zed", 0, None),
            Summary("a-empty", "abe", 0, None),
            Summary("quiet-old", "Old", 0, old),
            Summary("quiet-new", "New", 0, new),
            Summary("waiting-old", "Waiting", 2, old),
            Summary("waiting-new", "Waiting too", 1, new),
        ]
    )
    assert [s.with_id for s in order] == [
        "waiting-new",
        "waiting-old",
        "quiet-new",
        "quiet-old",
        "a-empty",
        "z-empty",
    ]


# ---------------------------------------------------------------- consultation


TEAM = [
    Member("tara", "therapist", True),
    Member("cole", "coach", True),
]


def test_a_therapist_consults_with_a_coach_the_client_agreed_to() -> None:
    assert consult_partners("tara", "therapist", TEAM) == ["cole"]
    assert consult_partners("cole", "coach", TEAM) == ["tara"]


def test_nobody_to_consult_with_when_the_other_side_has_not_agreed() -> None:
    team = [Member("tara", "therapist", True), Member("cole", "coach", False)]
    assert consult_partners("tara", "therapist", team) == []


def test_two_therapists_are_not_a_consultation_between_therapist_and_coach() -> None:
    team = [Member("tara", "therapist", True), Member("theo", "therapist", True)]
    assert consult_partners("tara", "therapist", team) == []


def test_the_asker_is_never_their_own_partner() -> None:
    assert consult_partners("tara", "therapist", [Member("tara", "coach", True)]) == []


def test_only_therapists_and_coaches_consult() -> None:
    assert consult_partners("ada", "admin", TEAM) == []
    assert consult_partners("alice", "client", TEAM) == []


def test_every_partner_with_consent_is_listed() -> None:
    team = [*TEAM, Member("cody", "coach", True), Member("cara", "coach", False)]
    assert consult_partners("tara", "therapist", team) == ["cole", "cody"]


def test_the_reason_names_the_missing_role() -> None:
    assert "with a coach" in no_partner_reason(client_name="Alice", asker_role="therapist")
    assert "with a therapist" in no_partner_reason(client_name="Alice", asker_role="coach")
    assert no_partner_reason(client_name="Alice", asker_role="coach").startswith("Alice ")
