"""The admin's side of questionnaires: gated instruments stay off until ada
confirms permission, licensed definitions are imported and checked, and every
step lands in the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.measures.models import ImportedInstrument, InstrumentPermission, MeasureAssignment
from mend.safety.models import RiskSignal
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.coping_helpers import API, count, fields_of
from tests.integration.test_measures_api import PHQ9_12, assign, complete, draft

SignIn = Callable[[str], SignedIn]
GATED = ("ptgi_sf", "brs", "who5")
STATEMENT = "Licence agreement 2026-014 with the authors, on file with the practice manager."

# A made-up licensed screener in the shape of gad7.toml: placeholder wording only.
SCREENER = """\
id = "screener_demo"
name = "Screener demo"
short_name = "Screener"
citation = "Placeholder citation for a screener the organisation holds a licence for."
licence = "not-shipped"
licence_note = "Imported under the organisation's own licence."
enabled_by_default = false
higher_is_worse = true
stem = "In the past month:"
conventions = ["Test-only placeholder definition."]

[[answers]]
value = 0
label = "No"

[[answers]]
value = 1
label = "Yes"

[[items]]
number = 1
text = "Screener question 1"

[[items]]
number = 2
text = "Screener question 2"

[[items]]
number = 3
text = "Screener question 3"

[scoring]
method = "sum"
range = [0, 3]

[scoring.missing]
max_missing = 0
prorate = "none"

[[flags]]
name = "risk"
source = "items"
items = [3]
at_least = 1
"""


# ---------------------------------------------------------------- helpers


def permit(
    ada: SignedIn, instrument_id: str, *, enabled: bool = True, statement: str = STATEMENT
) -> Any:
    body = {"enabled": enabled, "statement": statement}
    return ada.send("PUT", f"{API}/instruments/{instrument_id}/permission", json=body)


def try_assign(tara: SignedIn, client_id: str, instrument_id: str) -> Any:
    body = {"instrument_id": instrument_id}
    return tara.send("POST", f"{API}/clients/{client_id}/assignments", json=body)


def import_api(ada: SignedIn, text: str, source_name: str = "screener_demo.toml") -> Any:
    body = {"source_name": source_name, "definition": text}
    return ada.send("POST", f"{API}/instruments/import", json=body)


def import_page(ada: SignedIn, content: bytes, filename: str = "screener_demo.toml") -> Any:
    files = {"file": (filename, content, "application/toml")}
    return ada.post_form("/admin/instruments/import", {}, files=files)


def audited(db: Session, action: str) -> list[AuditEntry]:
    db.rollback()
    return list(db.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def listed(person: SignedIn) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in person.http.get(f"{API}/instruments").json()}


# ---------------------------------------------------------------- gated instruments


def test_gated_instruments_ship_turned_off(sign_in: SignIn) -> None:
    mine = listed(sign_in("ada"))
    for instrument_id in GATED:
        assert (mine[instrument_id]["enabled"], mine[instrument_id]["needs_permission"]) == (
            False,
            True,
        )
    assert (mine["phq9"]["enabled"], mine["phq9"]["needs_permission"]) == (True, False)


def test_practitioners_are_only_offered_what_is_turned_on(sign_in: SignIn) -> None:
    offered = listed(sign_in("tara"))
    assert not set(GATED) & set(offered)
    assert {"phq9", "gad7", "core10", "pcl5", "brief_cope"} <= set(offered)


@pytest.mark.parametrize("instrument_id", GATED)
def test_a_gated_instrument_is_refused_until_ada_confirms_permission(
    sign_in: SignIn, world: World, db: Session, instrument_id: str
) -> None:
    tara = sign_in("tara")
    refused = try_assign(tara, world.alice.id, instrument_id)
    assert (refused.status_code, set(fields_of(refused))) == (409, {"instrument_id"})
    assert count(db, MeasureAssignment) == 0
    enabled = permit(sign_in("ada"), instrument_id)
    assert enabled.json() == {"instrument_id": instrument_id, "enabled": True}
    assert try_assign(tara, world.alice.id, instrument_id).status_code == 201
    assert count(db, MeasureAssignment) == 1


def test_the_permission_keeps_who_confirmed_it_and_how(
    sign_in: SignIn, world: World, db: Session
) -> None:
    permit(sign_in("ada"), "brs")
    db.rollback()
    row = db.scalars(select(InstrumentPermission)).one()
    assert (row.org_id, row.instrument_id, row.enabled) == (world.riverside.id, "brs", True)
    assert (row.statement, row.confirmed_by) == (STATEMENT, world.ada.id)


def test_enabling_needs_a_statement(sign_in: SignIn, world: World, db: Session) -> None:
    response = permit(sign_in("ada"), "brs", statement="   ")
    assert (response.status_code, set(fields_of(response))) == (422, {"statement"})
    assert count(db, InstrumentPermission) == 0
    assert try_assign(sign_in("tara"), world.alice.id, "brs").status_code == 409


@pytest.mark.parametrize("instrument_id", ["phq9", "no_such_thing"])
def test_only_gated_instruments_have_a_permission(
    sign_in: SignIn, db: Session, instrument_id: str
) -> None:
    response = permit(sign_in("ada"), instrument_id)
    assert response.status_code == 404
    assert count(db, InstrumentPermission) == 0


def test_turning_an_instrument_off_again_stops_new_assignments(
    sign_in: SignIn, world: World, db: Session
) -> None:
    ada = sign_in("ada")
    permit(ada, "who5")
    assert permit(ada, "who5", enabled=False, statement="").json()["enabled"] is False
    assert try_assign(sign_in("tara"), world.alice.id, "who5").status_code == 409
    assert count(db, InstrumentPermission, InstrumentPermission.enabled.is_(False)) == 1
    assert [e.resource_id for e in audited(db, "instrument.disabled")] == ["who5"]


def test_a_permission_is_for_one_organisation_only(
    sign_in: SignIn, world: World, db: Session
) -> None:
    permit(sign_in("ada"), "brs")
    assert try_assign(sign_in("tim"), world.eve.id, "brs").status_code == 409
    assert count(db, MeasureAssignment) == 0


def test_the_settings_page_turns_an_instrument_on_with_the_box_ticked(
    sign_in: SignIn, world: World
) -> None:
    ada = sign_in("ada")
    page = ada.http.get("/admin/instruments").text
    assert 'action="/admin/instruments/brs/permission"' in page
    form = {"enabled": "1", "confirm": "1", "statement": STATEMENT}
    response = ada.post_form("/admin/instruments/brs/permission", form)
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/admin/instruments?saved=1",
    )
    assert listed(ada)["brs"]["enabled"] is True
    assert try_assign(sign_in("tara"), world.alice.id, "brs").status_code == 201


def test_the_settings_page_needs_the_box_ticked(sign_in: SignIn, db: Session) -> None:
    form = {"enabled": "1", "statement": STATEMENT}
    response = sign_in("ada").post_form("/admin/instruments/brs/permission", form)
    assert response.status_code == 422
    assert "Please tick the box" in response.text
    assert count(db, InstrumentPermission) == 0


def test_the_settings_page_needs_a_statement(sign_in: SignIn, db: Session) -> None:
    form = {"enabled": "1", "confirm": "1", "statement": ""}
    response = sign_in("ada").post_form("/admin/instruments/brs/permission", form)
    assert response.status_code == 422
    assert "how your organisation has permission" in response.text
    assert count(db, InstrumentPermission) == 0


def test_the_settings_page_refuses_a_shipped_free_instrument(sign_in: SignIn, db: Session) -> None:
    form = {"enabled": "1", "confirm": "1", "statement": STATEMENT}
    response = sign_in("ada").post_form("/admin/instruments/phq9/permission", form)
    assert response.status_code == 404
    assert count(db, InstrumentPermission) == 0


# ---------------------------------------------------------------- the audit trail


def test_enabling_is_audited_with_who_and_what(sign_in: SignIn, world: World, db: Session) -> None:
    permit(sign_in("ada"), "ptgi_sf")
    [entry] = audited(db, "instrument.enabled")
    assert (entry.actor_user_id, entry.org_id, entry.resource_type, entry.resource_id) == (
        world.ada.user_id,
        world.riverside.id,
        "instrument",
        "ptgi_sf",
    )
    assert entry.outcome == "allowed"


def test_assigning_drafting_and_completing_are_audited(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id: str = assign(sign_in("tara"), world.alice.id, "phq9")["id"]
    alice = sign_in("alice")
    draft(alice, assignment_id, [1, *[None] * 8])
    done = complete(alice, assignment_id, PHQ9_12)
    [assigned] = audited(db, "measure.assign")
    assert (assigned.actor_user_id, assigned.subject_client_id, assigned.resource_id) == (
        world.tara.user_id,
        world.alice.id,
        assignment_id,
    )
    [drafted] = audited(db, "measure.draft")
    [completed] = audited(db, "measure.complete")
    assert drafted.resource_id == completed.resource_id == done["id"]
    assert {drafted.actor_user_id, completed.actor_user_id} == {world.alice.user_id}


def test_a_refused_assignment_writes_no_assign_entry(
    sign_in: SignIn, world: World, db: Session
) -> None:
    try_assign(sign_in("tara"), world.alice.id, "who5")
    assert audited(db, "measure.assign") == []


# ---------------------------------------------------------------- importing a licensed definition


def test_ada_imports_a_licensed_definition_through_the_api(
    sign_in: SignIn, world: World, db: Session
) -> None:
    response = import_api(sign_in("ada"), SCREENER)
    assert response.status_code == 201
    body = response.json()
    assert (body["id"], body["licence"], len(body["items"])) == ("screener_demo", "not-shipped", 3)
    assert body["items"][0]["text"] == "Screener question 1"
    assert [a["label"] for a in body["items"][2]["answers"]] == ["No", "Yes"]
    db.rollback()
    row = db.scalars(select(ImportedInstrument)).one()
    assert (row.org_id, row.instrument_id, row.source_name, row.imported_by) == (
        world.riverside.id,
        "screener_demo",
        "screener_demo.toml",
        world.ada.id,
    )
    [entry] = audited(db, "instrument.import")
    assert (entry.actor_user_id, entry.resource_id) == (world.ada.user_id, "screener_demo")


def test_ada_imports_a_licensed_definition_through_the_page(
    sign_in: SignIn, world: World, db: Session
) -> None:
    ada = sign_in("ada")
    response = import_page(ada, SCREENER.encode())
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/admin/instruments?imported=1",
    )
    assert count(db, ImportedInstrument) == 1
    assert listed(ada)["screener_demo"]["source"] == "imported"
    assert "Screener demo" in ada.http.get("/admin/instruments").text
    assert [e.resource_id for e in audited(db, "instrument.import")] == ["screener_demo"]


def test_an_imported_questionnaire_is_assigned_answered_and_screened_for_risk(
    sign_in: SignIn, world: World, db: Session
) -> None:
    import_api(sign_in("ada"), SCREENER)
    tara = sign_in("tara")
    assert listed(tara)["screener_demo"]["enabled"] is True
    assignment_id: str = assign(tara, world.alice.id, "screener_demo")["id"]
    done = complete(sign_in("alice"), assignment_id, [0, 0, 1])
    assert (done["total"], done["risk"]) == (1, True)
    assert done["crisis_resources"]
    db.rollback()
    signal = db.scalars(select(RiskSignal)).one()
    assert (signal.kind, signal.source_type, signal.level) == (
        "screener_demo_risk_item",
        "measure_response",
        1,
    )


def test_an_imported_questionnaire_refuses_answers_it_does_not_have(
    sign_in: SignIn, world: World
) -> None:
    import_api(sign_in("ada"), SCREENER)
    assignment_id: str = assign(sign_in("tara"), world.alice.id, "screener_demo")["id"]
    url = f"{API}/assignments/{assignment_id}/responses"
    response = sign_in("alice").send("POST", url, json={"answers": [0, 2, 0]})
    assert (response.status_code, set(fields_of(response))) == (422, {"answers.2"})


def test_an_import_is_for_one_organisation_only(sign_in: SignIn, world: World) -> None:
    import_api(sign_in("ada"), SCREENER)
    tim = sign_in("tim")
    assert "screener_demo" not in listed(tim)
    assert tim.http.get(f"{API}/instruments/screener_demo").status_code == 404
    assert try_assign(tim, world.eve.id, "screener_demo").status_code == 404


def test_importing_again_replaces_the_definition(sign_in: SignIn, db: Session) -> None:
    ada = sign_in("ada")
    import_api(ada, SCREENER)
    renamed = SCREENER.replace('name = "Screener demo"', 'name = "Screener demo, second edition"')
    assert import_api(ada, renamed, "screener_demo_v2.toml").status_code == 201
    db.rollback()
    row = db.scalars(select(ImportedInstrument)).one()
    assert row.source_name == "screener_demo_v2.toml"
    assert listed(ada)["screener_demo"]["name"] == "Screener demo, second edition"


# ---------------------------------------------------------------- malformed definitions


BROKEN = [
    pytest.param(
        SCREENER.replace('text = "Screener question 2"\n', ""),
        "screener_demo.toml: items[2].text: is required",
        id="missing-item-text",
    ),
    pytest.param(
        SCREENER.replace("number = 3", "number = 4"),
        "screener_demo.toml: items[3].number: expected 3",
        id="items-out-of-order",
    ),
    pytest.param(
        SCREENER.replace("items = [3]", "items = [9]"),
        "screener_demo.toml: flags[1].items: item 9 does not exist",
        id="flag-on-a-missing-item",
    ),
    pytest.param(
        SCREENER.replace("range = [0, 3]", "range = [0, 4]"),
        "screener_demo.toml: scoring.range: the items give 0 to 3",
        id="wrong-range",
    ),
    pytest.param(
        SCREENER.replace("enabled_by_default = false", "enabled_by_default = true"),
        "screener_demo.toml: enabled_by_default: a not-shipped instrument ships disabled",
        id="not-shipped-enabled",
    ),
    pytest.param(
        'colour = "blue"\n' + SCREENER,
        "screener_demo.toml: colour: unknown field",
        id="unknown-field",
    ),
    pytest.param(
        SCREENER.replace('id = "screener_demo"', 'id = "Screener Demo"'),
        "screener_demo.toml: id: ",
        id="bad-id",
    ),
    pytest.param(
        "id = [unclosed",
        "screener_demo.toml: (file): not valid TOML",
        id="not-toml",
    ),
]


@pytest.mark.parametrize(("text", "problem"), BROKEN)
def test_a_malformed_definition_is_refused_through_the_api_naming_file_and_field(
    sign_in: SignIn, db: Session, text: str, problem: str
) -> None:
    response = import_api(sign_in("ada"), text)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert fields_of(response)["definition"].startswith(problem)
    assert count(db, ImportedInstrument) == 0
    assert audited(db, "instrument.import") == []


@pytest.mark.parametrize(("text", "problem"), BROKEN[:4])
def test_a_malformed_definition_is_refused_through_the_page_naming_file_and_field(
    sign_in: SignIn, db: Session, text: str, problem: str
) -> None:
    response = import_page(sign_in("ada"), text.encode())
    assert response.status_code == 422
    assert problem in response.text
    assert count(db, ImportedInstrument) == 0
    assert audited(db, "instrument.import") == []


def test_the_page_refuses_a_file_that_is_not_utf8(sign_in: SignIn, db: Session) -> None:
    response = import_page(sign_in("ada"), 'name = "Fragebogen"'.encode("utf-16"))
    assert response.status_code == 422
    assert "not UTF-8" in response.text
    assert count(db, ImportedInstrument) == 0


def test_the_page_asks_for_a_file(sign_in: SignIn, db: Session) -> None:
    response = sign_in("ada").post_form("/admin/instruments/import", {})
    assert response.status_code == 422
    assert "Please choose a definition file" in response.text
    assert count(db, ImportedInstrument) == 0


def test_an_empty_definition_is_refused(sign_in: SignIn, db: Session) -> None:
    response = import_api(sign_in("ada"), "")
    assert (response.status_code, set(fields_of(response))) == (422, {"definition"})
    assert count(db, ImportedInstrument) == 0


def test_importing_over_a_shipped_instrument_is_refused(sign_in: SignIn, db: Session) -> None:
    text = SCREENER.replace('id = "screener_demo"', 'id = "phq9"')
    response = import_api(sign_in("ada"), text, "phq9.toml")
    assert response.status_code == 409
    assert fields_of(response)["definition"].startswith("phq9.toml: id: 'phq9'")
    assert count(db, ImportedInstrument) == 0
    assert audited(db, "instrument.import") == []


def test_the_page_refuses_a_shipped_instrument_too(sign_in: SignIn, db: Session) -> None:
    text = SCREENER.replace('id = "screener_demo"', 'id = "gad7"')
    response = import_page(sign_in("ada"), text.encode(), "gad7.toml")
    assert response.status_code == 409
    assert "shipped questionnaire" in response.text
    assert count(db, ImportedInstrument) == 0
