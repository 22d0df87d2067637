"""The hash chain notices any edit, removal or reordering of entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mend.audit.chain import GENESIS, entry_hash, find_breaks

T = datetime(2026, 1, 1, tzinfo=UTC)


def chain(n: int) -> list[dict[str, Any]]:
    rows, prev = [], GENESIS
    for i in range(n):
        fields = {
            "at": T + timedelta(seconds=i),
            "actor_user_id": f"u{i % 3}",
            "actor_role": "therapist",
            "org_id": "o1",
            "action": "profile.read",
            "resource_type": "profile",
            "resource_id": "c1",
            "subject_client_id": "c1",
            "outcome": "allowed",
            "ip": "127.0.0.1",
            "detail": {"relation": "treating"},
        }
        digest = entry_hash(prev, fields)
        rows.append({**fields, "seq": i + 1, "prev_hash": prev, "hash": digest})
        prev = digest
    return rows


def test_an_untouched_chain_has_no_breaks() -> None:
    assert find_breaks(chain(20)) == []
    assert find_breaks([]) == []


def test_an_edited_field_breaks_that_entry() -> None:
    rows = chain(5)
    rows[2]["outcome"] = "denied"
    assert [b.seq for b in find_breaks(rows)] == [3]


def test_an_edited_detail_breaks_that_entry() -> None:
    rows = chain(5)
    rows[1]["detail"] = {"relation": "break_glass"}
    assert [b.seq for b in find_breaks(rows)] == [2]


def test_a_removed_entry_breaks_the_next() -> None:
    rows = chain(5)
    del rows[2]
    assert [b.seq for b in find_breaks(rows)] == [4]


def test_removing_the_first_entry_is_noticed() -> None:
    assert find_breaks(chain(3)[1:])


def test_swapped_entries_are_noticed() -> None:
    rows = chain(5)
    rows[1], rows[2] = rows[2], rows[1]
    assert find_breaks(rows)


def test_time_is_hashed_to_the_microsecond_in_utc() -> None:
    fields = {"at": T}
    later = {"at": T + timedelta(microseconds=1)}
    assert entry_hash(GENESIS, fields) != entry_hash(GENESIS, later)


@given(st.integers(min_value=2, max_value=30), st.data())
def test_any_single_edit_is_found(n: int, data: st.DataObject) -> None:
    rows = chain(n)
    index = data.draw(st.integers(min_value=0, max_value=n - 1))
    field = data.draw(st.sampled_from(["actor_user_id", "action", "outcome", "ip", "resource_id"]))
    rows[index][field] = str(rows[index][field]) + "x"
    assert rows[index]["seq"] in [b.seq for b in find_breaks(rows)]
