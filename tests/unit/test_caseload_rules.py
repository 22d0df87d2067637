"""Caseload order and filters: safety first, then what is overdue, then the rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mend.care.caseload.rules import (
    QUIET_AFTER,
    AlertMark,
    DueThing,
    Row,
    Show,
    Sort,
    arrange,
    is_quiet,
    keep,
    needs_attention,
)

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def row(name: str, **fields: object) -> Row:
    base: dict[str, object] = {
        "client_id": name.lower(),
        "name": name,
        "role": "therapist",
        "since": NOW - timedelta(days=100),
        "activity_shared": True,
        "last_activity": NOW - timedelta(days=1),
    }
    return Row(**{**base, **fields})  # type: ignore[arg-type]


def alert(status: str, hours_ago: float) -> AlertMark:
    return AlertMark(
        id=f"a{hours_ago}",
        status=status,
        severity="urgent",
        opened_at=NOW - timedelta(hours=hours_ago),
        escalated=False,
    )


def due(days: float, *, overdue: bool = False) -> DueThing:
    return DueThing("homework", "Reading", NOW + timedelta(days=days), overdue, "/x")


def names(rows: list[Row]) -> list[str]:
    return [r.name for r in rows]


def test_open_alerts_come_first_longest_waiting_first() -> None:
    rows = [
        row("Ann"),
        row("Ben", alerts=(alert("open", 1),)),
        row("Cat", alerts=(alert("acknowledged", 9),)),
        row("Dan", alerts=(alert("open", 5),)),
    ]
    assert names(arrange(rows, show=Show.ALL, sort=Sort.ATTENTION, now=NOW)) == [
        "Dan", "Ben", "Cat", "Ann",
    ]  # fmt: skip


def test_overdue_and_unread_come_before_the_quiet_rest() -> None:
    rows = [
        row("Ann"),
        row("Ben", unread=1),
        row("Cat", due=(due(-2, overdue=True), due(-1, overdue=True))),
    ]
    assert names(arrange(rows, show=Show.ALL, sort=Sort.ATTENTION, now=NOW)) == [
        "Cat", "Ben", "Ann",
    ]  # fmt: skip


def test_sort_by_next_due_puts_nothing_due_last() -> None:
    rows = [row("Ann"), row("Ben", due=(due(3), due(1))), row("Cat", due=(due(2),))]
    assert names(arrange(rows, show=Show.ALL, sort=Sort.DUE, now=NOW)) == ["Ben", "Cat", "Ann"]


def test_sort_by_activity_puts_the_quietest_first() -> None:
    rows = [
        row("Ann", last_activity=NOW - timedelta(days=1)),
        row("Ben", last_activity=None),
        row("Cat", last_activity=NOW - timedelta(days=30)),
    ]
    assert names(arrange(rows, show=Show.ALL, sort=Sort.ACTIVITY, now=NOW)) == [
        "Ben", "Cat", "Ann",
    ]  # fmt: skip


def test_clients_who_do_not_share_their_coping_come_after_the_quiet_ones() -> None:
    rows = [
        row("Ann", activity_shared=False, last_activity=None),
        row("Ben", last_activity=NOW - timedelta(days=2)),
        row("Cat", last_activity=None),
    ]
    assert names(arrange(rows, show=Show.ALL, sort=Sort.ACTIVITY, now=NOW)) == [
        "Cat", "Ben", "Ann",
    ]  # fmt: skip


def test_sort_by_name_ignores_case() -> None:
    rows = [row("bea"), row("Al"), row("Cy")]
    assert names(arrange(rows, show=Show.ALL, sort=Sort.NAME, now=NOW)) == ["Al", "bea", "Cy"]


@pytest.mark.parametrize(
    ("fields", "attention"),
    [
        ({}, False),
        ({"alerts": (alert("acknowledged", 1),)}, True),
        ({"due": (due(1),)}, False),
        ({"due": (due(-1, overdue=True),)}, True),
        ({"unread": 2}, True),
    ],
)
def test_what_needs_attention(fields: dict[str, object], attention: bool) -> None:
    assert needs_attention(row("Ann", **fields)) is attention


def test_quiet_starts_at_exactly_fourteen_days() -> None:
    assert not is_quiet(row("Ann", last_activity=NOW - QUIET_AFTER + timedelta(seconds=1)), now=NOW)
    assert is_quiet(row("Ann", last_activity=NOW - QUIET_AFTER), now=NOW)
    assert is_quiet(row("Ann", last_activity=None), now=NOW)


def test_unshared_activity_is_never_called_quiet() -> None:
    # Not knowing is not the same as nothing happening.
    assert not is_quiet(row("Ann", activity_shared=False, last_activity=None), now=NOW)


@pytest.mark.parametrize(
    ("show", "kept"),
    [
        (Show.ALL, ["Ann", "Ben", "Cat", "Dan"]),
        (Show.ATTENTION, ["Ben", "Cat"]),
        (Show.ALERTS, ["Ben"]),
        (Show.OVERDUE, ["Cat"]),
        (Show.QUIET, ["Dan"]),
    ],
)
def test_filters(show: Show, kept: list[str]) -> None:
    rows = [
        row("Ann"),
        row("Ben", alerts=(alert("open", 1),)),
        row("Cat", due=(due(-1, overdue=True),)),
        row("Dan", last_activity=NOW - timedelta(days=40)),
    ]
    assert sorted(names(arrange(rows, show=show, sort=Sort.NAME, now=NOW))) == kept


def test_search_matches_part_of_a_name_in_any_case() -> None:
    assert keep(row("Alice Walker"), show=Show.ALL, now=NOW, search="WALK")
    assert not keep(row("Alice Walker"), show=Show.ALL, now=NOW, search="bob")
