"""Notes and diagnoses in a real browser: tara writes a SOAP note, amends it
with a reason, keeps a psychotherapy note and records a diagnosis she then
confirms; cole's pages never show any of it; alice reads the note and the
diagnosis, never the psychotherapy note. Every page passes axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Axe, Personas, Requests, SignIn

pytestmark = pytest.mark.browser

SUBJECTIVE = "Nightmares twice this week; avoiding the bus route."
PLAN = "Grounding practice daily; review next week."
AMENDED_PLAN = "Grounding practice twice a day; review next week."
REASON = "We agreed twice a day, not once."
PRIVATE = "I feel pulled to rescue her. Take to supervision."
LABEL = "Post traumatic stress disorder"
SUPPORT = "Chose a first goal together: a walk after lunch."


def test_tara_writes_cole_never_sees_alice_reads(
    sign_in: SignIn, personas: Personas, requests_seen: Requests, axe: Axe
) -> None:
    alice_id = personas.alice.id
    tara = sign_in("tara")
    tara.goto(f"/clients/{alice_id}/notes")
    expect(tara.get_by_role("heading", level=1)).to_contain_text("Notes about")
    axe(tara)
    tara.get_by_label("Subjective").fill(SUBJECTIVE)
    tara.get_by_label("Plan").fill(PLAN)
    tara.get_by_role("button", name="Save SOAP note").click()
    expect(tara.get_by_text("Saved.", exact=True)).to_be_visible()
    expect(tara.get_by_text(SUBJECTIVE)).to_be_visible()
    axe(tara)

    tara.get_by_role("link", name="Open this note").click()
    expect(tara.get_by_role("heading", name="Amend this note")).to_be_visible()
    axe(tara)
    tara.get_by_label("Plan").fill(AMENDED_PLAN)
    tara.get_by_label("Why are you amending it?").fill(REASON)
    tara.get_by_role("button", name="Save amendment").click()
    expect(tara.get_by_text("Amended. The earlier version is kept below.")).to_be_visible()
    expect(tara.get_by_text(REASON)).to_be_visible()
    expect(tara.get_by_role("heading", name="Version 1")).to_be_visible()
    axe(tara)

    tara.goto(f"/clients/{alice_id}/notes")
    tara.get_by_role("link", name="Psychotherapy notes").click()
    expect(tara.get_by_role("heading", level=1)).to_contain_text("(only you can see these)")
    axe(tara)
    tara.get_by_label("Note", exact=True).fill(PRIVATE)
    tara.get_by_role("button", name="Save psychotherapy note").click()
    expect(tara.get_by_text(PRIVATE)).to_be_visible()

    tara.goto(f"/clients/{alice_id}/diagnoses")
    axe(tara)
    tara.get_by_label("ICD-11").check()
    tara.get_by_label("Code", exact=True).fill("6B40")
    tara.get_by_label("Name of the diagnosis").fill(LABEL)
    tara.get_by_role("button", name="Record diagnosis").click()
    expect(tara.get_by_text("Diagnosis recorded.")).to_be_visible()
    expect(tara.get_by_role("heading", name=LABEL)).to_be_visible()
    tara.get_by_text("Change status or correct").click()
    tara.get_by_label("Status", exact=True).select_option("confirmed")
    tara.get_by_label("Why are you changing it?").fill("Criteria met after the full assessment.")
    tara.get_by_role("button", name="Save change").click()
    expect(tara.get_by_text("Change saved.")).to_be_visible()
    expect(tara.locator("article").first).to_contain_text("Confirmed")
    axe(tara)

    cole = sign_in("cole")
    cole.goto(f"/clients/{alice_id}/notes")
    expect(cole.get_by_role("heading", name="Support notes")).to_be_visible()
    for hidden in (SUBJECTIVE, AMENDED_PLAN, PRIVATE, LABEL):
        expect(cole.get_by_text(hidden)).to_have_count(0)
    expect(cole.get_by_role("link", name="Diagnoses")).to_have_count(0)
    axe(cole)
    cole.get_by_label("Note", exact=True).fill(SUPPORT)
    cole.get_by_role("button", name="Save support note").click()
    expect(cole.get_by_text(SUPPORT)).to_be_visible()
    axe(cole)
    for page in ("diagnoses", "psychotherapy-notes"):
        response = cole.goto(f"/clients/{alice_id}/{page}")
        assert response is not None and response.status == 403
        for hidden in (PRIVATE, LABEL):
            expect(cole.get_by_text(hidden)).to_have_count(0)

    alice = sign_in("alice")
    alice.goto("/my-record/notes")
    expect(alice.get_by_text(SUBJECTIVE)).to_be_visible()
    expect(alice.get_by_text(AMENDED_PLAN)).to_be_visible()
    expect(alice.get_by_text(SUPPORT)).to_be_visible()
    expect(alice.get_by_role("heading", name="About psychotherapy notes")).to_be_visible()
    expect(alice.get_by_text(PRIVATE)).to_have_count(0)
    axe(alice)
    alice.get_by_role("link", name="See every version").click()
    expect(alice.get_by_text(REASON)).to_be_visible()
    expect(alice.get_by_role("heading", name="Amend this note")).to_have_count(0)
    axe(alice)
    alice.goto("/my-record/diagnoses")
    expect(alice.get_by_role("heading", name=LABEL)).to_be_visible()
    expect(alice.get_by_text("A diagnosis is a working description")).to_be_visible()
    axe(alice)
    response = alice.goto(f"/clients/{alice_id}/psychotherapy-notes")
    assert response is not None and response.status == 403
    expect(alice.get_by_text(PRIVATE)).to_have_count(0)
    assert requests_seen.elsewhere() == []
