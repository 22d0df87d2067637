"""The coping forms: the same checks as the API, nothing half-written, retries stored once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import time_machine
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.clock import utcnow
from mend.coping import service as coping
from mend.coping.models import CopingMoment, JarItem, MomentStrategy, StrategyOutcome
from mend.safety.models import RiskSignal
from tests.conftest import World
from tests.integration.conftest import SignedIn


def count(db: Session, model: type) -> int:
    db.rollback()
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


def jar(db: Session, world: World, *refs: str) -> list[str]:
    ids = [
        coping.add_to_jar(
            db, client=world.alice, strategy_ref=ref, stage_of_change=None,
            by=world.alice.id, now=utcnow(),
        ).entry.item.id
        for ref in refs
    ]  # fmt: skip
    db.commit()
    return ids


def moment_form(**fields: str | list[str]) -> dict[str, str | list[str]]:
    return {"idempotency_key": "form-key-0001", "distress_before": "6", **fields}


def test_a_moment_from_the_form_is_stored_once_however_often_it_is_sent(
    sign_in: Callable[[str], SignedIn], db: Session, world: World, clock: time_machine.Coordinates
) -> None:
    [box] = jar(db, world, "box-breathing")
    alice = sign_in("alice")
    form = moment_form(strategy_ids=[box], distress_after="2", note="Breathing helped")
    first = alice.post_form("/moments/new", form)  # type: ignore[arg-type]
    again = alice.post_form("/moments/new", form)  # type: ignore[arg-type]
    assert (first.status_code, first.headers["location"]) == (303, "/jar?logged=1")
    assert (again.status_code, again.headers["location"]) == (303, "/jar?logged=1")
    assert count(db, CopingMoment) == 1
    (moment,) = db.scalars(select(CopingMoment)).all()
    assert (moment.distress_before, moment.distress_after, moment.note) == (
        6,
        2,
        "Breathing helped",
    )


def test_when_sets_the_time_in_minutes_before_now(
    sign_in: Callable[[str], SignedIn], db: Session, world: World, clock: time_machine.Coordinates
) -> None:
    [box] = jar(db, world, "box-breathing")
    sign_in("alice").post_form("/moments/new", moment_form(strategy_ids=[box], when="180"))  # type: ignore[arg-type]
    (moment,) = db.scalars(select(CopingMoment)).all()
    assert moment.occurred_at == utcnow() - timedelta(minutes=180)


def test_bad_form_input_is_shown_back_and_nothing_is_written(
    sign_in: Callable[[str], SignedIn], db: Session, world: World, clock: time_machine.Coordinates
) -> None:
    [box] = jar(db, world, "box-breathing")
    bob_item = coping.add_to_jar(
        db, client=world.bob, strategy_ref="box-breathing", stage_of_change=None,
        by=world.bob.id, now=utcnow(),
    ).entry.item.id  # fmt: skip
    db.commit()
    alice = sign_in("alice")
    cases = {
        "distress_before": moment_form(distress_before="11", strategy_ids=[box]),
        "strategy_ids": moment_form(strategy_ids=[bob_item]),
        "urge": moment_form(urge="-1", strategy_ids=[box]),
        "note": moment_form(note="x" * 4001, strategy_ids=[box]),
    }
    for field, form in cases.items():
        response = alice.post_form("/moments/new", form)  # type: ignore[arg-type]
        assert response.status_code == 422, field
        assert f'href="#{field}"' in response.text, field
    empty = alice.post_form("/moments/new", moment_form())  # type: ignore[arg-type]
    assert empty.status_code == 422
    assert "Add what you did, an urge, or a few words" in empty.text
    assert [count(db, m) for m in (CopingMoment, MomentStrategy, StrategyOutcome)] == [0, 0, 0]


def test_an_imminent_urge_from_the_form_shows_crisis_support_and_stores_one_signal(
    sign_in: Callable[[str], SignedIn], db: Session, world: World, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    form = moment_form(urge="9", urge_target="self_harm")
    response = alice.post_form("/moments/new", form)  # type: ignore[arg-type]
    assert response.status_code == 200
    assert "Your safety comes first" in response.text and 'href="tel:988"' in response.text
    alice.post_form("/moments/new", form)  # type: ignore[arg-type]
    assert count(db, RiskSignal) == 1


def test_a_moment_can_be_changed_for_a_day_and_not_after(
    sign_in: Callable[[str], SignedIn], db: Session, world: World, clock: time_machine.Coordinates
) -> None:
    [box] = jar(db, world, "box-breathing")
    alice = sign_in("alice")
    alice.post_form("/moments/new", moment_form(strategy_ids=[box], distress_after="4"))  # type: ignore[arg-type]
    (moment,) = db.scalars(select(CopingMoment)).all()
    change = moment_form(strategy_ids=[box], distress_after="3", version="1")
    edited = alice.post_form(f"/moments/{moment.id}/edit", change)  # type: ignore[arg-type]
    assert (edited.status_code, edited.headers["location"]) == (303, "/moments?edited=1")
    db.rollback()
    assert db.get(CopingMoment, moment.id).distress_after == 3  # type: ignore[union-attr]

    clock.shift(timedelta(hours=24, minutes=1))
    alice = sign_in("alice")
    late = alice.post_form(
        f"/moments/{moment.id}/edit",
        moment_form(strategy_ids=[box], distress_after="1", version="2"),
    )  # type: ignore[arg-type]
    assert late.status_code == 422
    assert "Moments can be changed for 24 hours" in late.text
    db.rollback()
    assert db.get(CopingMoment, moment.id).distress_after == 3  # type: ignore[union-attr]


def test_bob_cannot_open_or_change_alices_moment_or_jar_item(
    sign_in: Callable[[str], SignedIn], db: Session, world: World, clock: time_machine.Coordinates
) -> None:
    [box] = jar(db, world, "box-breathing")
    sign_in("alice").post_form("/moments/new", moment_form(strategy_ids=[box]))  # type: ignore[arg-type]
    (moment,) = db.scalars(select(CopingMoment)).all()
    bob = sign_in("bob")
    assert bob.http.get(f"/moments/{moment.id}/edit").status_code == 404
    assert bob.post_form(f"/moments/{moment.id}/edit", moment_form()).status_code == 404  # type: ignore[arg-type]
    assert bob.http.get(f"/jar/{box}").status_code == 404
    assert bob.post_form(f"/jar/{box}/retire").status_code == 404
    db.rollback()
    assert db.get(JarItem, box).retired_at is None  # type: ignore[union-attr]


def test_adding_an_unknown_strategy_is_refused(
    sign_in: Callable[[str], SignedIn], db: Session, clock: time_machine.Coordinates
) -> None:
    response = sign_in("alice").post_form("/jar/add", {"strategy": "not-a-strategy"})
    assert response.status_code == 422
    assert count(db, JarItem) == 0


def test_a_personal_strategy_with_an_unknown_family_is_refused(
    sign_in: Callable[[str], SignedIn], db: Session, clock: time_machine.Coordinates
) -> None:
    form = {"name": "Lego", "family": "bricks", "helpfulness": "helpful", "functions": "calm"}
    response = sign_in("alice").post_form("/jar/personal", form)
    assert response.status_code == 422
    assert 'href="#family"' in response.text
    assert count(db, JarItem) == 0


def test_the_passed_level_must_be_one_to_ten(
    sign_in: Callable[[str], SignedIn], db: Session, world: World, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    assert alice.post_form("/urge/passed-level", {"urge_passed_level": "0"}).status_code == 422
    assert alice.post_form("/urge/passed-level", {"urge_passed_level": "3"}).status_code == 303
    assert coping.passed_level(db, client_id=world.alice.id, default=4) == 3


def test_a_goal_set_on_the_page_can_be_taken_away_again(
    sign_in: Callable[[str], SignedIn], db: Session, world: World, clock: time_machine.Coordinates
) -> None:
    harmful, _ = jar(db, world, "drinking-alcohol", "call-a-friend")
    alice = sign_in("alice")
    assert alice.post_form(f"/jar/{harmful}/reduction-goal").headers["location"].endswith("#goal")
    db.rollback()
    assert db.get(JarItem, harmful).reduction_goal_at is not None  # type: ignore[union-attr]
    cleared = alice.post_form(f"/jar/{harmful}/reduction-goal/clear")
    assert (cleared.status_code, cleared.headers["location"]) == (303, f"/jar/{harmful}#goal")
    db.rollback()
    assert db.get(JarItem, harmful).reduction_goal_at is None  # type: ignore[union-attr]
