"""Coping moments: stored once per key, checked whole, editable for a day, private at rest."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.coping.models import CopingMoment, MomentRevision, MomentStrategy, StrategyOutcome
from mend.safety.models import RiskSignal
from tests.conftest import World
from tests.integration.coping_helpers import (
    API,
    add,
    count,
    fields_of,
    log,
    moment,
    nothing_written,
)


def test_alice_logs_a_moment(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    breathing = add(alice, "box-breathing")
    response = log(alice, moment(strategy_ids=[breathing], stressor="Deadline moved up"))
    assert response.status_code == 201
    body = response.json()
    assert body["version"] == 1 and body["safety_pathway"] is False
    assert body["logged_at"].startswith("2026-03-02T09:30")
    assert body["strategies"] == [
        {
            "jar_item_id": breathing,
            "strategy": "box-breathing",
            "helpfulness": "helpful",
            "orientation": "emotion",
        }
    ]
    assert alice.http.get(f"{API}/moments/{body['id']}").json()["stressor"] == "Deadline moved up"
    assert [m["id"] for m in alice.http.get(f"{API}/moments").json()] == [body["id"]]
    assert count(db, StrategyOutcome) == 1


def test_a_retried_moment_is_stored_once(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    body = moment(strategy_ids=[add(alice, "box-breathing")], note="Helped a bit")
    first = log(alice, body)
    again = log(alice, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert count(db, CopingMoment) == 1 and count(db, MomentStrategy) == 1
    assert db.scalars(select(StrategyOutcome.uses)).all() == [1]
    actions = db.scalars(select(AuditEntry.action).where(AuditEntry.action.like("moment.%")))
    assert list(actions) == ["moment.create", "moment.replay"]


def test_the_same_key_with_a_different_moment_is_a_conflict(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    assert log(alice, moment(distress_before=7, note="Rough call")).status_code == 201
    response = log(alice, moment(distress_before=9, note="Rough call"))
    assert response.status_code == 409 and "idempotency_key" in fields_of(response)
    assert count(db, CopingMoment) == 1
    assert db.scalars(select(CopingMoment.distress_before)).one() == 7


def test_the_same_key_is_free_for_another_client(sign_in, db: Session) -> None:
    assert log(sign_in("alice"), moment(stressor="A")).status_code == 201
    assert log(sign_in("bob"), moment(stressor="B")).status_code == 201
    assert count(db, CopingMoment) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"distress_before": -1}, "distress_before"),
        ({"distress_before": 11}, "distress_before"),
        ({"distress_before": "x"}, "distress_before"),
        ({"distress_after": 11}, "distress_after"),
        ({"urge": 11}, "urge"),
        ({"strategy_ids": ["no-such-item"]}, "strategy_ids"),
        ({"occurred_at": "2026-03-02T09:35:01+00:00"}, "occurred_at"),
        ({"occurred_at": "2026-03-02T09:00:00"}, "occurred_at"),
        ({"occurred_at": "0001-01-01T00:00:00+05:00"}, "occurred_at"),
        ({"occurred_at": "9999-12-31T23:59:59-05:00"}, "occurred_at"),
        ({"note": "x" * 4001}, "note"),
        ({"stressor": "x" * 501}, "stressor"),
        ({"mood": "low"}, "mood"),
        ({"stressor_category": "weather"}, "stressor_category"),
        ({"loss_orientation": "loss"}, "loss_orientation"),
        ({"idempotency_key": "short"}, "idempotency_key"),
        ({"note": "null \x00 byte"}, "note"),
    ],
)
def test_bad_input_is_refused_by_name_and_nothing_is_written(
    sign_in, db: Session, change: dict[str, Any], field: str
) -> None:
    alice = sign_in("alice")
    add(alice, "box-breathing")
    response = log(alice, moment(note="Something happened") | change)
    assert response.status_code == 422, response.text
    assert field in fields_of(response)
    assert nothing_written(db)


def test_an_empty_moment_is_refused(sign_in, db: Session) -> None:
    body = moment()
    body.pop("distress_after")
    response = log(sign_in("alice"), body)
    assert response.status_code == 422 and "strategy_ids" in fields_of(response)
    response = log(sign_in("alice"), moment(stressor="   ", note="  "))
    assert response.status_code == 422 and "strategy_ids" in fields_of(response)
    assert nothing_written(db)


def test_bobs_jar_item_cannot_go_in_alices_moment(sign_in, db: Session) -> None:
    bobs = add(sign_in("bob"), "box-breathing")
    alice = sign_in("alice")
    add(alice, "box-breathing")
    response = log(alice, moment(strategy_ids=[bobs]))
    assert response.status_code == 422 and "strategy_ids" in fields_of(response)
    response = log(alice, moment(urge=5, urge_target_id=bobs, note="wanted to"))
    assert response.status_code == 422 and "urge_target_id" in fields_of(response)
    assert nothing_written(db)


def test_the_same_strategy_twice_is_refused(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    item = add(alice, "box-breathing")
    response = log(alice, moment(strategy_ids=[item, item]))
    assert response.status_code == 422 and "strategy_ids" in fields_of(response)
    assert nothing_written(db)


def test_an_urge_target_needs_an_urge(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    drinking = add(alice, "drinking-alcohol")
    response = log(alice, moment(urge_target_id=drinking, note="thought about it"))
    assert response.status_code == 422 and "urge" in fields_of(response)
    assert nothing_written(db)


def test_a_clock_a_few_minutes_fast_is_fine(sign_in) -> None:
    response = log(sign_in("alice"), moment(occurred_at="2026-03-02T09:34:00+00:00", note="ok"))
    assert response.status_code == 201


def test_a_time_in_another_zone_is_the_same_moment(sign_in) -> None:
    alice = sign_in("alice")
    response = log(alice, moment(occurred_at="2026-03-02T10:00:00+01:00", note="ok"))
    assert response.status_code == 201
    stored = alice.http.get(f"{API}/moments/{response.json()['id']}").json()["occurred_at"]
    assert datetime.fromisoformat(stored) == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_loss_orientation_is_kept_for_a_loss(sign_in) -> None:
    alice = sign_in("alice")
    body = moment(stressor_category="loss", loss_orientation="restoration", note="Sorted papers")
    assert log(alice, body).status_code == 201
    body = moment(
        "moment-0002", stressor_category="family", appraisal="loss", loss_orientation="loss"
    )
    assert log(alice, body | {"note": "Missed Dad"}).status_code == 201


# ---------------------------------------------------------------- editing


def edit(person, moment_id: str, version: int, **fields: Any):  # type: ignore[no-untyped-def]
    body = moment(**fields) | {"version": version}
    body.pop("idempotency_key")
    return person.send("PATCH", f"{API}/moments/{moment_id}", json=body)


def test_an_edit_keeps_the_old_version(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    created = log(alice, moment(distress_after=5, note="First try")).json()
    clock.shift(60 * 60)
    alice = sign_in("alice")  # a new session: the first one timed out while idle
    response = edit(alice, created["id"], 1, distress_after=2, note="Better later")
    assert response.status_code == 200
    assert response.json()["version"] == 2 and response.json()["note"] == "Better later"
    assert response.json()["edited_at"].startswith("2026-03-02T10:30")
    revisions = alice.http.get(f"{API}/moments/{created['id']}/revisions").json()
    assert [r["version"] for r in revisions] == [1]
    assert revisions[0]["was"]["note"] == "First try"
    assert revisions[0]["was"]["distress_after"] == 5
    assert count(db, MomentRevision) == 1


def test_an_edit_can_change_the_strategies(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    breathing, walk = add(alice, "box-breathing"), add(alice, "brisk-walk")
    created = log(alice, moment(strategy_ids=[breathing])).json()
    clock.shift(60)
    response = edit(alice, created["id"], 1, strategy_ids=[walk, breathing])
    assert response.status_code == 200, response.text
    assert [s["jar_item_id"] for s in response.json()["strategies"]] == [walk, breathing]
    clock.shift(60)
    response = edit(alice, created["id"], 2, strategy_ids=[walk])
    assert response.status_code == 200, response.text
    assert [s["jar_item_id"] for s in response.json()["strategies"]] == [walk]
    assert count(db, MomentStrategy) == 1


def test_a_moment_keeps_its_jar_kind_through_edits(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    breathing, blaming = add(alice, "box-breathing"), add(alice, "blaming-myself")
    created = log(alice, moment(strategy_ids=[breathing])).json()

    def kind(moment_id: str = created["id"]) -> str | None:
        db.rollback()  # end the read, so the next sees what the app committed since
        return db.get_one(CopingMoment, moment_id).jar_kind

    assert kind() == "helpful_only"
    clock.shift(60)
    assert edit(alice, created["id"], 1, strategy_ids=[breathing, blaming]).status_code == 200
    assert kind() == "some_harmful"
    clock.shift(60)
    assert edit(alice, created["id"], 2, strategy_ids=[blaming]).status_code == 200
    assert kind() == "only_harmful"
    plain = log(alice, moment("moment-0002", note="Sat with it")).json()
    assert kind(plain["id"]) is None


def test_after_a_day_a_moment_is_fixed(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    created = log(alice, moment(note="Kept as it was")).json()
    clock.shift(24 * 60 * 60 + 1)
    alice = sign_in("alice")
    response = edit(alice, created["id"], 1, note="Changed")
    assert response.status_code == 409 and "moment_id" in fields_of(response)
    assert count(db, MomentRevision) == 0
    assert alice.http.get(f"{API}/moments/{created['id']}").json()["note"] == "Kept as it was"


def test_an_edit_just_inside_the_day_is_allowed(sign_in, clock: time_machine.Coordinates) -> None:
    created = log(sign_in("alice"), moment(note="One")).json()
    clock.shift(24 * 60 * 60)
    assert edit(sign_in("alice"), created["id"], 1, note="Two").status_code == 200


def test_a_stale_version_is_a_conflict(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    created = log(alice, moment(note="One")).json()
    assert edit(alice, created["id"], 1, note="Two").status_code == 200
    response = edit(alice, created["id"], 1, note="Three")
    assert response.status_code == 409 and "version" in fields_of(response)
    assert alice.http.get(f"{API}/moments/{created['id']}").json()["note"] == "Two"
    assert count(db, MomentRevision) == 1


def test_an_edit_is_checked_like_a_new_moment(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    created = log(alice, moment(note="One")).json()
    response = edit(alice, created["id"], 1, loss_orientation="loss", note="Two")
    assert response.status_code == 422 and "loss_orientation" in fields_of(response)
    assert count(db, MomentRevision) == 0
    assert alice.http.get(f"{API}/moments/{created['id']}").json()["version"] == 1


def test_bob_cannot_read_or_edit_alices_moment(sign_in) -> None:
    created = log(sign_in("alice"), moment(note="Mine")).json()
    bob = sign_in("bob")
    assert bob.http.get(f"{API}/moments/{created['id']}").status_code == 404
    assert bob.http.get(f"{API}/moments/{created['id']}/revisions").status_code == 404
    assert edit(bob, created["id"], 1, note="Yours").status_code == 404


# ---------------------------------------------------------------- private at rest


def test_free_text_is_encrypted_at_rest(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    log(alice, moment(stressor="Argument with Sam", note="Cried in the car park"))
    db.rollback()
    stressor, note = db.execute(text("SELECT stressor, note FROM coping_moment")).one()
    assert stressor.startswith("v1:") and "Sam" not in stressor
    assert note.startswith("v1:") and "car park" not in note


def test_an_old_version_is_encrypted_at_rest(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    created = log(alice, moment(note="Cried in the car park")).json()
    edit(alice, created["id"], 1, note="Felt better")
    db.rollback()
    sealed = db.execute(text("SELECT snapshot FROM moment_revision")).scalar_one()
    assert sealed.startswith("v1:") and "car park" not in sealed


# ---------------------------------------------------------------- urges and safety


def signals(db: Session) -> list[RiskSignal]:
    db.rollback()
    return list(db.scalars(select(RiskSignal)))


def test_a_strong_urge_to_self_harm_starts_the_safety_pathway(
    sign_in, world: World, db: Session
) -> None:
    response = log(sign_in("alice"), moment(urge=8, urge_self_harm=True, note="hard night"))
    assert response.status_code == 201
    body = response.json()
    assert body["safety_pathway"] is True and body["crisis_resources"]
    [signal] = signals(db)
    assert (signal.kind, signal.source_type, signal.source_id, signal.level) == (
        "imminent_urge",
        "coping_moment",
        body["id"],
        8,
    )
    assert signal.client_id == world.alice.id


def test_an_urge_toward_a_self_harm_strategy_counts_as_self_harm(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    cutting = add(alice, "self-injury")
    response = log(alice, moment(urge=9, urge_target_id=cutting))
    assert response.status_code == 201 and response.json()["urge_self_harm"] is True
    assert response.json()["safety_pathway"] is True
    assert len(signals(db)) == 1


def test_an_urge_of_seven_is_not_the_safety_pathway(sign_in, db: Session) -> None:
    response = log(sign_in("alice"), moment(urge=7, urge_self_harm=True, note="hard night"))
    assert response.status_code == 201 and response.json()["safety_pathway"] is False
    assert "crisis_resources" not in response.json()
    assert signals(db) == []


def test_a_strong_urge_to_drink_is_not_the_safety_pathway(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    drinking = add(alice, "drinking-alcohol")
    response = log(alice, moment(urge=9, urge_target_id=drinking))
    assert response.status_code == 201 and response.json()["safety_pathway"] is False
    assert signals(db) == []


def test_a_replayed_urge_is_signalled_once(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    body = moment(urge=10, urge_self_harm=True, note="hard night")
    log(alice, body)
    clock.shift(30)
    again = log(alice, body)
    assert again.status_code == 200 and again.json()["safety_pathway"] is True
    assert again.json()["crisis_resources"]
    assert len(signals(db)) == 1


def test_an_edit_that_raises_the_urge_is_signalled(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    created = log(alice, moment(urge=5, urge_self_harm=True, note="hard night")).json()
    response = edit(alice, created["id"], 1, urge=9, urge_self_harm=True, note="worse")
    assert response.status_code == 200 and response.json()["safety_pathway"] is True
    assert response.json()["crisis_resources"]
    assert len(signals(db)) == 1


def test_a_strong_urge_toward_an_overdose_starts_the_safety_pathway(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    overdose = add(alice, "overdose")  # signals once as an imminent strategy
    response = log(alice, moment(urge=8, urge_target_id=overdose))
    assert response.status_code == 201 and response.json()["safety_pathway"] is True
    assert {s.kind for s in signals(db)} == {"imminent_strategy", "imminent_urge"}


def test_the_same_instant_with_another_offset_is_a_replay(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    box = add(alice, "box-breathing")
    assert log(alice, moment(strategy_ids=[box])).status_code == 201
    shifted = moment(strategy_ids=[box], occurred_at="2026-03-02T11:00:00+02:00")
    assert log(alice, shifted).status_code == 200
    assert count(db, CopingMoment) == 1
