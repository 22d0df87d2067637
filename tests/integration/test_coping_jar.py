"""The jar: add, don't take away; replace before reduce; imminent harm is the exception."""

from __future__ import annotations

import time_machine
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mend.coping import service as coping
from mend.coping.models import CustomStrategy, JarChange, JarItem
from mend.safety.models import RiskSignal
from tests.conftest import T0, World
from tests.integration.coping_helpers import API, add, count, fields_of

PERSONAL = {
    "name": "Call my sister Jo",
    "family": "social_connection",
    "helpfulness": "helpful",
    "functions": ["connect", "calm"],
}


def kinds(db: Session, item_id: str) -> list[str]:
    db.rollback()
    query = select(JarChange.kind).where(JarChange.jar_item_id == item_id)
    return list(db.scalars(query.order_by(JarChange.changed_at, JarChange.kind)))


def jar(person) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    items = person.http.get(f"{API}/jar").json()["items"]
    return {i["strategy"]["id"]: i for i in items}


def test_alice_adds_a_catalog_strategy(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    response = alice.send("POST", f"{API}/jar", json={"strategy": "box-breathing"})
    assert response.status_code == 201
    body = response.json()
    assert body["strategy"]["helpfulness"] == "helpful" and body["safety_pathway"] is False
    assert "crisis_resources" not in body
    assert jar(alice)["box-breathing"]["added_at"].startswith("2026-03-02T09:30")
    assert kinds(db, body["id"]) == ["added"]


def test_alice_adds_a_strategy_in_her_own_words(sign_in, world: World, db: Session) -> None:
    alice = sign_in("alice")
    response = alice.send("POST", f"{API}/jar/personal", json=PERSONAL)
    assert response.status_code == 201
    strategy = response.json()["strategy"]
    assert strategy["id"].startswith("custom:") and strategy["name"] == "Call my sister Jo"
    assert strategy["orientation"] == "emotion"
    assert strategy["id"] in jar(alice)
    db.rollback()
    raw = db.execute(text("SELECT name FROM custom_strategy")).scalar_one()
    assert raw.startswith("v1:") and "sister" not in raw
    assert db.scalars(select(CustomStrategy.owner_id)).one() == world.alice.id


def test_an_unknown_family_or_function_is_named(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    for field, value in (("family", "napping_hard"), ("functions", ["calm", "zoom"])):
        response = alice.send("POST", f"{API}/jar/personal", json=PERSONAL | {field: value})
        assert response.status_code == 422, field
        assert list(fields_of(response)) == [field]
    assert count(db, CustomStrategy) == 0 and count(db, JarItem) == 0


def test_an_unknown_catalog_id_is_refused(sign_in, db: Session) -> None:
    response = sign_in("alice").send("POST", f"{API}/jar", json={"strategy": "flying-kites"})
    assert response.status_code == 422 and list(fields_of(response)) == ["strategy"]
    assert count(db, JarItem) == 0


def test_bobs_personal_strategy_is_not_on_alices_list(sign_in, db: Session) -> None:
    bob = sign_in("bob")
    ref = bob.send("POST", f"{API}/jar/personal", json=PERSONAL).json()["strategy"]["id"]
    alice = sign_in("alice")
    assert ref not in {s["id"] for s in alice.http.get(f"{API}/catalog").json()}
    response = alice.send("POST", f"{API}/jar", json={"strategy": ref})
    assert response.status_code == 422 and "strategy" in fields_of(response)
    assert count(db, JarItem) == 1


def test_adding_the_same_strategy_twice_is_a_conflict(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    add(alice, "box-breathing")
    response = alice.send("POST", f"{API}/jar", json={"strategy": "box-breathing"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict" and "strategy" in fields_of(response)
    assert count(db, JarItem) == 1


def test_retiring_keeps_the_item_and_its_history(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    item_id = add(alice, "drinking-alcohol", stage_of_change="contemplation")
    clock.shift(60)
    response = alice.send("POST", f"{API}/jar/{item_id}/retire")
    assert response.status_code == 200 and response.json()["retired_at"] is not None
    kept = jar(alice)["drinking-alcohol"]
    assert kept["retired_at"] is not None and kept["stage_of_change"] == "contemplation"
    assert count(db, JarItem) == 1
    assert kinds(db, item_id) == ["added", "retired"]


def test_retiring_twice_writes_history_once(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    item_id = add(alice, "box-breathing")
    for _ in range(2):
        assert alice.send("POST", f"{API}/jar/{item_id}/retire").status_code == 200
    assert kinds(db, item_id) == ["added", "retired"]


def test_restoring_brings_it_back(sign_in, db: Session, clock: time_machine.Coordinates) -> None:
    alice = sign_in("alice")
    item_id = add(alice, "box-breathing")
    clock.shift(60)
    alice.send("POST", f"{API}/jar/{item_id}/retire")
    clock.shift(60)
    response = alice.send("POST", f"{API}/jar/{item_id}/restore")
    assert response.status_code == 200 and response.json()["retired_at"] is None
    assert kinds(db, item_id) == ["added", "retired", "restored"]


def test_adding_a_retired_strategy_again_restores_the_same_item(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    item_id = add(alice, "box-breathing")
    clock.shift(60)
    alice.send("POST", f"{API}/jar/{item_id}/retire")
    clock.shift(60)
    response = alice.send("POST", f"{API}/jar", json={"strategy": "box-breathing"})
    assert response.status_code == 200 and response.json()["id"] == item_id
    assert count(db, JarItem) == 1
    assert kinds(db, item_id) == ["added", "retired", "restored"]


def test_a_stage_of_change_belongs_to_harmful_strategies(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    response = alice.send(
        "POST", f"{API}/jar", json={"strategy": "box-breathing", "stage_of_change": "action"}
    )
    assert response.status_code == 422 and list(fields_of(response)) == ["stage_of_change"]
    item_id = add(alice, "box-breathing")
    response = alice.send("PATCH", f"{API}/jar/{item_id}", json={"stage_of_change": "action"})
    assert response.status_code == 422 and list(fields_of(response)) == ["stage_of_change"]
    db.rollback()
    assert db.get_one(JarItem, item_id).stage_of_change is None


def test_an_unknown_stage_is_refused(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    item_id = add(alice, "drinking-alcohol")
    response = alice.send("PATCH", f"{API}/jar/{item_id}", json={"stage_of_change": "denial"})
    assert response.status_code == 422 and list(fields_of(response)) == ["stage_of_change"]
    response = alice.send("PATCH", f"{API}/jar/{item_id}", json={"stage_of_change": "preparation"})
    assert response.status_code == 200 and response.json()["stage_of_change"] == "preparation"
    assert kinds(db, item_id) == ["added", "stage"]


def test_a_personal_helpful_strategy_takes_no_stage(sign_in, db: Session) -> None:
    response = sign_in("alice").send(
        "POST", f"{API}/jar/personal", json=PERSONAL | {"stage_of_change": "action"}
    )
    assert response.status_code == 422 and list(fields_of(response)) == ["stage_of_change"]
    assert count(db, CustomStrategy) == 0


def test_a_reduction_goal_waits_for_a_replacement(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    drinking = add(alice, "drinking-alcohol")  # numb, calm, connect
    add(alice, "problem-solving-steps")  # helpful, but meets other needs
    add(alice, "watch-a-show")  # numbs too, but only "mixed"
    response = alice.send("PUT", f"{API}/jar/{drinking}/reduction-goal")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "replace_first" and "item_id" in error["fields"]
    assert error["suggestions"], "a refusal offers replacements"
    for offered in error["suggestions"]:
        assert offered["strategy"]["helpfulness"] == "helpful"
        assert set(offered["strategy"]["functions"]) & {"numb", "calm", "connect"}
    db.rollback()
    assert db.get_one(JarItem, drinking).reduction_goal_at is None
    assert kinds(db, drinking) == ["added"]


def test_a_reduction_goal_is_allowed_once_a_replacement_is_in_the_jar(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    drinking = add(alice, "drinking-alcohol")
    add(alice, "box-breathing")  # calm
    response = alice.send("PUT", f"{API}/jar/{drinking}/reduction-goal")
    assert response.status_code == 200
    body = response.json()
    assert body["reduction_goal_at"].startswith("2026-03-02T09:30")
    assert "Box breathing" in body["reason"] and body["safety_pathway"] is False
    assert kinds(db, drinking) == ["added", "reduction_goal"]
    assert alice.send("DELETE", f"{API}/jar/{drinking}/reduction-goal").status_code == 200
    assert kinds(db, drinking) == ["added", "reduction_goal", "reduction_goal_cleared"]
    assert db.get_one(JarItem, drinking).reduction_goal_at is None


def test_a_retired_replacement_does_not_count(sign_in) -> None:
    alice = sign_in("alice")
    drinking = add(alice, "drinking-alcohol")
    breathing = add(alice, "box-breathing")
    alice.send("POST", f"{API}/jar/{breathing}/retire")
    response = alice.send("PUT", f"{API}/jar/{drinking}/reduction-goal")
    assert response.status_code == 409 and response.json()["error"]["code"] == "replace_first"


def test_a_reduction_goal_is_only_for_harmful_strategies(sign_in) -> None:
    alice = sign_in("alice")
    item_id = add(alice, "box-breathing")
    response = alice.send("PUT", f"{API}/jar/{item_id}/reduction-goal")
    assert response.status_code == 422 and "item_id" in fields_of(response)


def test_suggestions_are_for_harmful_strategies(sign_in) -> None:
    alice = sign_in("alice")
    drinking, breathing = add(alice, "drinking-alcohol"), add(alice, "box-breathing")
    offered = alice.http.get(f"{API}/jar/{drinking}/suggestions").json()
    assert offered and all(s["reasons"][0].startswith("Meets the same need") for s in offered)
    assert alice.http.get(f"{API}/jar/{breathing}/suggestions").json() == []


def test_an_imminent_strategy_starts_the_safety_pathway(sign_in, world: World, db: Session) -> None:
    alice = sign_in("alice")
    for strategy in ("suicidal-act", "overdose"):
        response = alice.send("POST", f"{API}/jar", json={"strategy": strategy})
        assert response.status_code == 201, strategy
        body = response.json()
        assert body["safety_pathway"] is True
        assert "988" in {r["contact"] for r in body["crisis_resources"]}
    db.rollback()
    signals = db.scalars(select(RiskSignal).order_by(RiskSignal.source_id)).all()
    assert len(signals) == 2
    assert {(s.kind, s.source_type, s.client_id) for s in signals} == {
        ("imminent_strategy", "jar_change", world.alice.id)
    }
    assert all(s.detected_at == T0 for s in signals)


def test_bringing_an_imminent_strategy_back_signals_again(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    item_id = add(alice, "overdose")
    assert alice.send("POST", f"{API}/jar/{item_id}/retire").status_code == 200
    back = alice.send("POST", f"{API}/jar/{item_id}/restore")
    assert back.status_code == 200 and back.json()["safety_pathway"] is True
    again = alice.send("POST", f"{API}/jar/{item_id}/restore")
    assert again.json()["safety_pathway"] is True
    assert count(db, RiskSignal) == 2


def test_an_imminent_strategy_may_get_a_goal_at_once(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    item_id = add(alice, "suicidal-act")  # nothing helpful in the jar yet
    response = alice.send("PUT", f"{API}/jar/{item_id}/reduction-goal")
    assert response.status_code == 200
    body = response.json()
    assert body["safety_pathway"] is True and body["crisis_resources"]
    assert body["reduction_goal_at"] is not None
    assert count(db, RiskSignal) == 1


def test_an_imminent_personal_strategy_starts_the_safety_pathway(sign_in, db: Session) -> None:
    mine = PERSONAL | {
        "name": "Driving too fast on purpose",
        "family": "risk_taking",
        "helpfulness": "harmful",
        "harm_potential": "imminent",
        "functions": ["feel"],
    }
    response = sign_in("alice").send("POST", f"{API}/jar/personal", json=mine)
    assert response.status_code == 201 and response.json()["safety_pathway"] is True
    assert count(db, RiskSignal) == 1


def test_another_clients_item_is_not_found(sign_in, db: Session) -> None:
    bobs = add(sign_in("bob"), "drinking-alcohol")
    alice = sign_in("alice")
    add(alice, "box-breathing")
    for method, path, body in (
        ("PATCH", f"{API}/jar/{bobs}", {"stage_of_change": "action"}),
        ("POST", f"{API}/jar/{bobs}/retire", None),
        ("POST", f"{API}/jar/{bobs}/restore", None),
        ("GET", f"{API}/jar/{bobs}/suggestions", None),
        ("PUT", f"{API}/jar/{bobs}/reduction-goal", None),
        ("DELETE", f"{API}/jar/{bobs}/reduction-goal", None),
    ):
        response = alice.send(method, path, json=body)
        assert response.status_code == 404, (method, path)
        assert response.json()["error"]["code"] == "not_found"
    db.rollback()
    bob_item = db.get_one(JarItem, bobs)
    assert bob_item.retired_at is None and bob_item.stage_of_change is None
    assert kinds(db, bobs) == ["added"]


def test_restoring_an_imminent_strategy_brings_the_safety_pathway_back(sign_in) -> None:
    alice = sign_in("alice")
    item_id = add(alice, "overdose")
    alice.send("POST", f"{API}/jar/{item_id}/retire")
    response = alice.send("POST", f"{API}/jar/{item_id}/restore")
    assert response.status_code == 200
    assert response.json()["safety_pathway"] is True and response.json()["crisis_resources"]


def test_crisis_resources_name_their_source_and_the_emergency_number(sign_in) -> None:
    body = sign_in("alice").send("POST", f"{API}/jar", json={"strategy": "suicidal-act"}).json()
    resources = body["crisis_resources"]
    assert all(r["source"] and r["verified"] for r in resources)
    assert any("112" in r["contact"] and "911" in r["contact"] for r in resources)


# ---------------------------------------------------------------- preferences


def test_preferred_tags_shape_the_suggestions(sign_in) -> None:
    alice = sign_in("alice")
    drinking = add(alice, "drinking-alcohol")
    body = {"urge_passed_level": 4, "preferred_tags": ["faith"]}
    assert alice.send("PUT", f"{API}/coping/preferences", json=body).status_code == 200
    assert alice.http.get(f"{API}/coping/preferences").json()["preferred_tags"] == ["faith"]
    offered = alice.http.get(f"{API}/jar/{drinking}/suggestions").json()
    assert any("Fits what matters to you: faith" in s["reasons"] for s in offered)


def test_a_tag_must_be_one_short_word(sign_in, db: Session) -> None:
    alice = sign_in("alice")
    for tags in (["faith, family"], [f"tradition-number-{i:02d}-of-ten" for i in range(10)]):
        body = {"urge_passed_level": 4, "preferred_tags": tags}
        response = alice.send("PUT", f"{API}/coping/preferences", json=body)
        assert response.status_code == 422, tags
        assert all(name.startswith("preferred_tags") for name in fields_of(response))
    response = alice.send("POST", f"{API}/jar/personal", json=PERSONAL | {"fit_tags": ["a,b"]})
    assert response.status_code == 422
    assert all(name.startswith("fit_tags") for name in fields_of(response))
    assert alice.http.get(f"{API}/coping/preferences").json()["preferred_tags"] == []
    assert count(db, CustomStrategy) == 0


def test_places_are_a_short_list(sign_in, db: Session) -> None:
    places = ["home", "work", "school", "out", "night", "home"]
    response = sign_in("alice").send(
        "POST", f"{API}/jar/personal", json=PERSONAL | {"places": places}
    )
    assert response.status_code == 422 and "places" in fields_of(response)
    assert count(db, CustomStrategy) == 0


def test_an_organisations_own_strategy_is_offered_to_its_clients_only(sign_in) -> None:
    practice = PERSONAL | {"name": "Sweat lodge", "family": "religion_spirituality"}
    response = sign_in("tara").send("POST", f"{API}/catalog", json=practice)
    assert response.status_code == 201
    ref = response.json()["id"]
    alice = sign_in("alice")
    assert ref in {s["id"] for s in alice.http.get(f"{API}/catalog").json()}
    assert alice.send("POST", f"{API}/jar", json={"strategy": ref}).status_code == 201
    eve = sign_in("eve")
    assert ref not in {s["id"] for s in eve.http.get(f"{API}/catalog").json()}
    assert eve.send("POST", f"{API}/jar", json={"strategy": ref}).status_code == 422


def test_a_client_cannot_add_to_the_organisations_catalog(sign_in) -> None:
    assert sign_in("alice").send("POST", f"{API}/catalog", json=PERSONAL).status_code == 403


def test_a_retired_organisation_strategy_is_no_longer_offered(
    sign_in, world: World, db: Session
) -> None:
    practice = PERSONAL | {"name": "Drum circle", "family": "creative_expression"}
    ref = sign_in("tara").send("POST", f"{API}/catalog", json=practice).json()["id"]
    alice = sign_in("alice")
    kept = add(alice, ref)
    coping.retire_org_strategy(
        db, org_id=world.riverside.id, strategy_id=ref.removeprefix("custom:"), now=T0
    )
    db.commit()
    bob = sign_in("bob")
    assert ref not in {s["id"] for s in bob.http.get(f"{API}/catalog").json()}
    response = bob.send("POST", f"{API}/jar", json={"strategy": ref})
    assert response.status_code == 422 and "strategy" in fields_of(response)
    assert jar(alice)[ref]["id"] == kept, "alice keeps what she already has"
    alice.send("POST", f"{API}/jar/{kept}/retire")
    assert alice.send("POST", f"{API}/jar", json={"strategy": ref}).status_code == 200
