"""The six readiness indicators, computed from what alice really logged through
the app (jar, moments, safety plan, journal, alerts, her own yes), each with
its numbers and a link to the data behind it; what alice does not share with
tara shows as "not shared", never as numbers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import time_machine
from sqlalchemy.orm import Session

from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.safety_helpers import BURDEN, alerts_of, write
from tests.integration.sharing import share
from tests.integration.test_healing_helpers import (
    add_to_jar,
    agree,
    grounding_jar,
    journey,
    log_moment,
    make_ready,
    ok,
    practise,
    save_plan,
)

SignIn = Callable[[str], SignedIn]


def indicators(tara: SignedIn, world: World) -> dict[str, dict[str, Any]]:
    found = ok(tara.http.get(journey(world)), 200)["readiness"]
    return {i["key"]: i for i in found["indicators"]}


def verdicts(tara: SignedIn, world: World) -> dict[str, str]:
    return {k: i["verdict"] for k, i in indicators(tara, world).items()}


def test_with_nothing_logged_nothing_is_met(sign_in: SignIn, world: World) -> None:
    tara = sign_in("tara")
    found = ok(tara.http.get(journey(world)), 200)["readiness"]
    assert found["ready"] is False
    assert verdicts(tara, world) == {
        "safety_plan": "not_met",
        "no_recent_risk": "met",
        "helpful_strategies": "not_enough_data",
        "grounding_practice": "not_enough_data",
        "jar_balance": "not_enough_data",
        "client_agrees": "not_met",
    }
    assert [i["number"] for i in found["indicators"]] == [1, 2, 3, 4, 5, 6]


def test_each_indicator_links_to_the_data_behind_it(sign_in: SignIn, world: World) -> None:
    links = {k: i["link"] for k, i in indicators(sign_in("tara"), world).items()}
    alice = world.alice.id
    assert links == {
        "safety_plan": f"/clients/{alice}/safety-plan",
        "no_recent_risk": "/alerts?show=all",
        "helpful_strategies": f"/clients/{alice}/coping",
        "grounding_practice": f"/clients/{alice}/coping",
        "jar_balance": f"/clients/{alice}/coping",
        "client_agrees": f"/clients/{alice}/journey#agreement",
    }


def test_all_six_met_from_real_data(sign_in: SignIn, world: World) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    make_ready(alice, world)
    found = indicators(tara, world)
    assert {k: i["verdict"] for k, i in found.items()} == dict.fromkeys(found, "met")
    assert found["safety_plan"]["numbers"]["versions"] == 1
    assert found["safety_plan"]["numbers"]["days_since_review"] == 0
    assert found["grounding_practice"]["numbers"]["practices"] == 6
    assert found["helpful_strategies"]["numbers"]["strategies_working"] == 3
    assert found["jar_balance"]["numbers"] == found["jar_balance"]["numbers"] | {
        "moments": 6, "helpful_only": 6, "percent": 100.0,
    }  # fmt: skip
    assert any("Box breathing" in d for d in found["helpful_strategies"]["details"])
    assert found["client_agrees"]["numbers"]["agreed"] is True
    assert ok(tara.http.get(journey(world)), 200)["readiness"]["ready"] is True


def test_a_plan_last_saved_31_days_ago_is_not_reviewed(
    sign_in: SignIn, world: World, clock: time_machine.Coordinates
) -> None:
    tara = sign_in("tara")
    clock.move_to(T0 - timedelta(days=31))
    save_plan(sign_in("alice"), world)
    clock.move_to(T0)
    found = indicators(tara, world)["safety_plan"]
    assert found["verdict"] == "not_met" and found["numbers"]["days_since_review"] == 31
    save_plan(tara, world, version_base=1)  # tara reviews it with her today
    assert indicators(tara, world)["safety_plan"]["verdict"] == "met"


def test_a_risk_signal_and_its_open_alert_are_not_met_until_both_have_passed(
    sign_in: SignIn, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    assert write(alice, BURDEN).status_code == 201
    risk = indicators(tara, world)["no_recent_risk"]
    assert risk["verdict"] == "not_met"
    assert (risk["numbers"]["signals"], risk["numbers"]["open_alerts"]) == (1, 1)
    assert "crisis language" in risk["explanation"] and len(risk["details"]) == 1
    alert_id = alerts_of(db, world.alice)[0].id
    resolved = tara.send("POST", f"/api/v1/alerts/{alert_id}/resolve", json={"note": "Safe."})
    assert resolved.status_code == 200
    risk = indicators(tara, world)["no_recent_risk"]
    assert risk["verdict"] == "not_met" and risk["numbers"]["open_alerts"] == 0
    clock.move_to(T0 + timedelta(days=14, seconds=1))
    assert indicators(sign_in("tara"), world)["no_recent_risk"]["verdict"] == "met"


def test_harmful_moments_tip_the_jar_balance_and_are_left_out_of_relief(
    sign_in: SignIn, world: World
) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    items = grounding_jar(alice)
    practise(alice, items, days=5)
    harmful = add_to_jar(alice, "drinking-alcohol")
    for n in range(3):
        at = T0 - timedelta(days=n + 1, hours=5)
        log_moment(alice, f"harmful-{n:03d}", at=at, items=[harmful, items[0]], before=8, after=2)
    found = indicators(tara, world)
    balance = found["jar_balance"]
    assert balance["verdict"] == "not_met"
    assert (balance["numbers"]["helpful_only"], balance["numbers"]["moments"]) == (5, 8)
    assert found["helpful_strategies"]["numbers"]["moments_left_out"] == 3
    assert found["grounding_practice"]["numbers"]["practices"] == 8  # box breathing was still used


def test_four_grounding_practices_are_needed(sign_in: SignIn, world: World) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    items = grounding_jar(alice)
    practise(alice, items, days=3)
    assert indicators(tara, world)["grounding_practice"]["verdict"] == "not_met"
    log_moment(alice, "practice-fourth", at=T0 - timedelta(hours=1), items=[items[0]])
    assert indicators(tara, world)["grounding_practice"]["verdict"] == "met"


def test_the_latest_answer_of_alice_counts(
    sign_in: SignIn, world: World, clock: time_machine.Coordinates
) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    ok(agree(alice, True), 200)
    assert indicators(tara, world)["client_agrees"]["verdict"] == "met"
    clock.move_to(T0 + timedelta(hours=1))
    ok(agree(sign_in("alice"), False), 200)
    found = indicators(sign_in("tara"), world)["client_agrees"]
    assert found["verdict"] == "not_met" and found["numbers"]["agreed"] is False


def test_what_alice_does_not_share_is_not_shown(sign_in: SignIn, world: World) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    make_ready(alice, world)
    share(alice, world, "tara", "coping", granted=False)
    share(alice, world, "tara", "safety_plan", granted=False)
    found = ok(tara.http.get(journey(world)), 200)["readiness"]
    assert found["ready"] is False
    assert found["not_shared"] == [
        "safety_plan", "helpful_strategies", "grounding_practice", "jar_balance",
    ]  # fmt: skip
    by_key = {i["key"]: i for i in found["indicators"]}
    for key in found["not_shared"]:
        assert by_key[key]["verdict"] == "not_enough_data"
        assert by_key[key]["numbers"] == {"shared": False} and by_key[key]["details"] == []
        assert by_key[key]["link"] is None and "does not share" in by_key[key]["explanation"]
    assert "Box breathing" not in str(found)
    assert by_key["no_recent_risk"]["verdict"] == by_key["client_agrees"]["verdict"] == "met"
