"""The healing journey in a real browser: tara sets alice's stage, is asked
for an override reason when she moves her into stage 2 before readiness is
met, records a decision and logs a processing session; alice finds her
journey from Today, reads it in plain words and says yes herself; cole has no
way in. Every page passes axe and asks nothing of any other site."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Axe, Personas, Requests, SignIn

pytestmark = pytest.mark.browser


def test_tara_moves_alice_on_and_alice_reads_her_journey(
    sign_in: SignIn, personas: Personas, requests_seen: Requests, axe: Axe
) -> None:
    journey = f"/clients/{personas.alice.id}/journey"
    tara = sign_in("tara")
    tara.goto(f"/clients/{personas.alice.id}")
    tara.get_by_role("link", name="Healing journey").click()
    expect(tara.get_by_role("heading", level=1)).to_contain_text("Healing journey")
    expect(tara.get_by_role("heading", name="Readiness for stage 2")).to_be_visible()
    expect(tara.get_by_role("link", name="See the data for safety plan reviewed")).to_be_visible()
    axe(tara)

    tara.get_by_text("Set the stage").click()
    tara.get_by_label("Stage 1: Safety and stabilisation").check()
    tara.get_by_label("Why is the stage changing?").fill("Safety and grounding come first.")
    tara.get_by_role("button", name="Save stage").click()
    expect(tara.get_by_text("Stage changed.", exact=False)).to_be_visible()
    expect(tara.get_by_text("Reason: Safety and grounding come first.")).to_be_visible()
    axe(tara)

    tara.get_by_text("Change the stage").click()
    tara.get_by_label("Stage 2: Remembrance and mourning").check()
    tara.get_by_label("Why is the stage changing?").fill("She asked to begin.")
    tara.get_by_role("button", name="Save stage").click()
    expect(tara.get_by_text("To move on anyway, give a reason for the override.")).to_be_visible()
    expect(tara.get_by_label("Why is the stage changing?")).to_have_value("She asked to begin.")
    axe(tara)
    tara.get_by_label("Override reason", exact=False).fill("Weekly check-ins; shorter sessions.")
    tara.get_by_role("button", name="Save stage").click()
    expect(tara.get_by_text("Stage changed with an override.", exact=False)).to_be_visible()
    expect(tara.get_by_text("Override reason: Weekly check-ins; shorter sessions.")).to_be_visible()

    tara.get_by_label("Ready for stage 2").check()
    tara.get_by_label("Reason for the decision").fill("She feels steady enough to start slowly.")
    tara.get_by_role("button", name="Record decision").click()
    expect(tara.get_by_text("She feels steady enough to start slowly.")).to_be_visible()

    tara.get_by_label("Note (optional)").fill("Went gently; grounded at the end.")
    tara.get_by_role("button", name="Log session").click()
    expect(tara.get_by_text("Session logged.", exact=False)).to_be_visible()
    expect(tara.get_by_text("Distress after the session: not enough data.")).to_be_visible()
    axe(tara)

    alice = sign_in("alice")
    alice.goto("/today")
    alice.get_by_role("link", name="My healing journey").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("My healing journey")
    expect(alice.get_by_text("You are here")).to_be_visible()
    expect(alice.get_by_text("Making sense of what happened").first).to_be_visible()
    expect(alice.get_by_text("Weekly check-ins")).to_have_count(0)
    axe(alice)
    alice.get_by_label("Yes, when my therapist and I think it is a good time").check()
    alice.get_by_role("button", name="Save my answer").click()
    expect(alice.get_by_text("We saved your yes.", exact=False)).to_be_visible()
    axe(alice)

    cole = sign_in("cole")
    cole.goto(f"/clients/{personas.alice.id}")
    expect(cole.get_by_role("link", name="Healing journey")).to_have_count(0)
    response = cole.goto(journey)
    assert response is not None and response.status == 403
    assert requests_seen.elsewhere() == []
