"""Urge surfing: a session grows minute by minute, keeps what was said, and ends once."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.coping.models import UrgeSession
from mend.safety.models import RiskSignal
from tests.conftest import World
from tests.integration.coping_helpers import API, add, count, fields_of

KEY = "urge-session-1"
STARTED = "2026-03-02T09:25:00+00:00"


def surf(person, samples: list[list[int]], key: str = KEY, **fields: Any):  # type: ignore[no-untyped-def]
    body = {"started_at": STARTED, "samples": samples} | fields
    return person.send("PUT", f"{API}/urge-sessions/{key}", json=body)


def stored(db: Session) -> UrgeSession:
    db.rollback()
    return db.scalars(select(UrgeSession)).one()


def test_a_session_is_created_then_extended(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    first = surf(alice, [[0, 6]])
    assert first.status_code == 200 and first.json()["samples"] == [[0, 6]]
    second = surf(alice, [[0, 6], [1, 8], [2, 3]])
    assert second.status_code == 200 and second.json()["id"] == first.json()["id"]
    assert second.json()["samples"] == [[0, 6], [1, 8], [2, 3]]
    assert (second.json()["peak"], second.json()["time_to_peak"]) == (8, 1)
    assert second.json()["time_to_pass"] == 2 and second.json()["ended_at"] is None
    assert count(db, UrgeSession) == 1
    assert [s["client_key"] for s in alice.http.get(f"{API}/urge-sessions").json()] == [KEY]


def test_a_retried_prefix_changes_nothing(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    surf(alice, [[0, 6], [1, 7]])
    before = stored(db).updated_at
    clock.shift(60)
    response = surf(alice, [[0, 6]])
    assert response.status_code == 200 and response.json()["samples"] == [[0, 6], [1, 7]]
    session = stored(db)
    assert session.updated_at == before and session.peak == 7


def test_rewriting_a_saved_rating_is_a_conflict(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    surf(alice, [[0, 6], [1, 7]])
    response = surf(alice, [[0, 6], [1, 5], [2, 3]])
    assert response.status_code == 409 and "samples" in fields_of(response)
    assert stored(db).samples == "[[0, 6], [1, 7]]"


def test_an_ended_session_is_fixed(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    ended = surf(alice, [[0, 6], [1, 3]], ended=True)
    assert ended.status_code == 200 and ended.json()["end_reason"] == "passed"
    assert ended.json()["ended_at"] is not None
    response = surf(alice, [[0, 6], [1, 3], [2, 2]])
    assert response.status_code == 409 and "samples" in fields_of(response)
    response = surf(alice, [[0, 6], [1, 3], [2, 2]], ended=True)
    assert response.status_code == 409
    assert surf(alice, [[0, 6], [1, 3]], ended=True).status_code == 200  # a retry of the end
    assert stored(db).samples == "[[0, 6], [1, 3]]"


def test_a_late_end_with_fewer_ratings_keeps_the_ratings_saved(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    surf(alice, [[0, 6], [1, 8], [2, 3]])
    response = surf(alice, [[0, 6]], ended=True)
    assert response.status_code == 200 and response.json()["ended_at"] is not None
    session = stored(db)
    assert session.samples == "[[0, 6], [1, 8], [2, 3]]"
    assert (session.peak, session.time_to_pass, session.end_reason) == (8, 2, "passed")


def test_stopping_before_it_passes_says_so(sign_in) -> None:
    response = surf(sign_in("alice"), [[0, 6], [1, 7]], ended=True)
    assert response.json()["end_reason"] == "stopped" and response.json()["time_to_pass"] is None


def test_minutes_start_at_zero_and_go_up(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    for samples in ([[1, 5]], [[0, 5], [0, 6]], [[0, 5], [2, 4], [1, 3]], []):
        response = surf(alice, samples)
        assert response.status_code == 422, samples
        assert "samples" in fields_of(response)
    assert count(db, UrgeSession) == 0


def test_an_intensity_above_ten_is_refused(sign_in, db: Session) -> None:
    response = surf(sign_in("alice"), [[0, 11]])
    assert response.status_code == 422
    assert all(name.startswith("samples") for name in fields_of(response))
    assert count(db, UrgeSession) == 0


def test_a_key_must_be_a_plain_word(sign_in, db: Session) -> None:
    response = surf(sign_in("alice"), [[0, 5]], key="short")
    assert response.status_code == 422 and "client_key" in fields_of(response)
    assert count(db, UrgeSession) == 0


def test_a_start_in_the_future_is_refused(sign_in, db: Session) -> None:
    response = surf(sign_in("alice"), [[0, 5]], started_at="2026-03-02T10:00:00+00:00")
    assert response.status_code == 422 and "started_at" in fields_of(response)
    assert count(db, UrgeSession) == 0


def test_a_start_out_of_any_calendar_is_refused(sign_in, db: Session) -> None:
    response = surf(sign_in("alice"), [[0, 5]], started_at="0001-01-01T00:00:00+05:00")
    assert response.status_code == 422 and "started_at" in fields_of(response)
    assert count(db, UrgeSession) == 0


def test_the_passed_level_comes_from_her_preferences(sign_in) -> None:
    alice = sign_in("alice")
    assert alice.http.get(f"{API}/coping/preferences").json()["urge_passed_level"] == 4
    response = alice.send("PUT", f"{API}/coping/preferences", json={"urge_passed_level": 6})
    assert response.status_code == 200
    body = surf(alice, [[0, 8], [1, 7], [2, 5]]).json()
    # 5 is below her level of 6 (it would not be below the default of 4)
    assert body["passed_level"] == 6 and body["time_to_pass"] == 2


def test_bobs_preferences_are_his_own(sign_in) -> None:
    sign_in("bob").send("PUT", f"{API}/coping/preferences", json={"urge_passed_level": 9})
    assert surf(sign_in("alice"), [[0, 8], [1, 7]]).json()["passed_level"] == 4


def test_the_target_must_be_in_her_jar(sign_in, db: Session) -> None:
    bobs = add(sign_in("bob"), "drinking-alcohol")
    response = surf(sign_in("alice"), [[0, 5]], target_id=bobs)
    assert response.status_code == 422 and "target_id" in fields_of(response)
    assert count(db, UrgeSession) == 0


def signals(db: Session) -> list[RiskSignal]:
    db.rollback()
    return list(db.scalars(select(RiskSignal)))


def test_a_strong_urge_to_self_harm_is_signalled_once(sign_in, world: World, db: Session) -> None:
    alice = sign_in("alice")
    calm = surf(alice, [[0, 5]], self_harm=True)
    assert calm.json()["safety_pathway"] is False and signals(db) == []
    strong = surf(alice, [[0, 5], [1, 8]], self_harm=True)
    assert strong.json()["safety_pathway"] is True and strong.json()["crisis_resources"]
    again = surf(alice, [[0, 5], [1, 8], [2, 9]], self_harm=True)
    assert again.json()["safety_pathway"] is True
    [signal] = signals(db)
    assert (signal.kind, signal.source_type, signal.source_id) == (
        "imminent_urge",
        "urge_session",
        strong.json()["id"],
    )
    assert signal.client_id == world.alice.id and signal.level == 8


def test_a_self_harm_target_counts_as_self_harm(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    cutting = add(alice, "self-injury")
    response = surf(alice, [[0, 9]], target_id=cutting)
    assert response.json()["self_harm"] is True and response.json()["safety_pathway"] is True
    assert len(signals(db)) == 1


def test_a_strong_urge_to_drink_is_not_signalled(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    drinking = add(alice, "drinking-alcohol")
    response = surf(alice, [[0, 10]], target_id=drinking)
    assert response.json()["safety_pathway"] is False and signals(db) == []


def test_a_strong_urge_to_self_harm_at_seven_is_not_signalled(sign_in, db: Session) -> None:
    response = surf(sign_in("alice"), [[0, 7]], self_harm=True)
    assert response.json()["safety_pathway"] is False and signals(db) == []


@pytest.mark.parametrize("key", ["short", "é" * 10, "a" * 65, "has space in it"])
def test_a_device_key_is_eight_to_sixty_four_plain_characters(sign_in, key: str) -> None:
    response = surf(sign_in("alice"), [[0, 5]], key=key)
    assert response.status_code == 422
    assert "client_key" in fields_of(response)
