"""The measures FHIR export over HTTP: a Questionnaire per instrument and a
Bundle of QuestionnaireResponses and Observations per client (R4B)."""

from __future__ import annotations

from collections.abc import Callable

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire

from tests.conftest import World
from tests.integration.conftest import SignedIn

SignIn = Callable[[str], SignedIn]

API = "/api/v1"
PHQ9 = [1, 2, 1, 1, 0, 1, 1, 0, 0, 1]


def _answered_phq9(tara: SignedIn, alice: SignedIn, world: World) -> None:
    created = tara.send(
        "POST", f"{API}/clients/{world.alice.id}/assignments", json={"instrument_id": "phq9"}
    )
    assignment = created.json()["id"]
    done = alice.send("POST", f"{API}/assignments/{assignment}/responses", json={"answers": PHQ9})
    assert done.status_code == 201, done.text


def test_every_enabled_instrument_exports_a_valid_questionnaire(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    for instrument_id in ("phq9", "gad7", "pcl5", "brief_cope", "core10"):
        response = alice.http.get(f"{API}/instruments/{instrument_id}/fhir")
        assert response.status_code == 200, instrument_id
        assert Questionnaire.model_validate(response.json()).status == "active"


def test_a_disabled_instrument_is_not_exported(sign_in: SignIn) -> None:
    response = sign_in("alice").http.get(f"{API}/instruments/who5/fhir")
    assert response.status_code == 409
    assert "instrument_id" in response.json()["error"]["fields"]


def test_the_therapist_exports_responses_and_scores_as_a_bundle(
    sign_in: SignIn, world: World
) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    _answered_phq9(tara, alice, world)
    response = tara.http.get(f"{API}/clients/{world.alice.id}/measures/fhir")
    assert response.status_code == 200
    bundle = Bundle.model_validate(response.json())
    kinds = [entry.resource.get_resource_type() for entry in bundle.entry or []]
    assert kinds.count("QuestionnaireResponse") == 1
    totals = [
        e.resource
        for e in bundle.entry or []
        if e.resource.get_resource_type() == "Observation"
        and any(c.code == "44261-6" for c in e.resource.code.coding or [])
    ]
    assert len(totals) == 1 and totals[0].valueQuantity.value == 7


def test_another_client_and_another_organisation_see_nothing(sign_in: SignIn, world: World) -> None:
    _answered_phq9(sign_in("tara"), sign_in("alice"), world)
    for name in ("bob", "tim"):
        response = sign_in(name).http.get(f"{API}/clients/{world.alice.id}/measures/fhir")
        assert response.status_code == 404, name
