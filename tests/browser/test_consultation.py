"""Consultation in a real browser: tara is told there is nobody to consult
with until alice agrees; alice says yes for Tara and Cole on her sharing
page; tara and cole write to each other about her homework; alice reads the
thread on her record."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Axe, Personas, Requests, SignIn
from tests.browser.helpers import path

pytestmark = pytest.mark.browser

CONSULTATION = "Talking with your other team members about you (consultation)"
TARA_SAYS = "Alice and I slowed the homework to one small step a week."
COLE_SAYS = "Thanks, I'll keep our check-ins to that pace."


def test_tara_and_cole_consult_once_alice_agrees_and_alice_reads_it(
    sign_in: SignIn, personas: Personas, requests_seen: Requests, axe: Axe
) -> None:
    consultation = f"/clients/{personas.alice.id}/consultation"
    tara = sign_in("tara")
    tara.goto(consultation)
    expect(tara.get_by_role("heading", level=1)).to_have_text("This is not available to you")
    expect(tara.get_by_text("The client has not shared consultation with you.")).to_be_visible()

    alice = sign_in("alice")
    alice.goto("/consent")
    alice.get_by_role("button", name=f"Share {CONSULTATION} with Tara").click()
    expect(
        alice.get_by_role("button", name=f"Stop sharing {CONSULTATION} with Tara")
    ).to_be_visible()
    tara.goto(consultation)
    expect(tara.get_by_text("has not agreed to consultation with a coach")).to_be_visible()
    expect(tara.get_by_label("Write to the care team about Alice")).to_have_count(0)
    axe(tara)

    alice.get_by_role("button", name=f"Share {CONSULTATION} with Cole").click()
    expect(
        alice.get_by_role("button", name=f"Stop sharing {CONSULTATION} with Cole")
    ).to_be_visible()
    axe(alice)

    tara.goto(consultation)
    expect(tara.get_by_role("heading", level=1)).to_have_text("Consultation about Alice")
    expect(tara.get_by_text("Alice can read this thread")).to_be_visible()
    tara.get_by_label("Write to the care team about Alice").fill(TARA_SAYS)
    tara.get_by_role("button", name="Post").click()
    expect(tara.get_by_role("status")).to_have_text("Posted.")
    expect(tara.get_by_text(TARA_SAYS)).to_be_visible()
    axe(tara)

    cole = sign_in("cole")
    cole.goto(f"/clients/{personas.alice.id}/messages")
    cole.get_by_role("link", name="Consultation about Alice with the care team").click()
    expect(cole).to_have_url(path(consultation))
    expect(cole.get_by_text(TARA_SAYS)).to_be_visible()
    cole.get_by_label("Write to the care team about Alice").fill(COLE_SAYS)
    cole.get_by_role("button", name="Post").click()
    expect(cole.get_by_text(COLE_SAYS)).to_be_visible()
    axe(cole)

    alice.goto("/messages")
    alice.get_by_role("link", name="Read what your therapist and coach say about your care").click()
    expect(alice).to_have_url(path("/my-record/consultation"))
    expect(alice.get_by_role("heading", level=1)).to_have_text(
        "Your therapist and coach talking about your care"
    )
    expect(alice.get_by_text("You agreed to this with Cole and Tara.")).to_be_visible()
    posts = alice.locator("main ol li")
    expect(posts).to_have_count(2)
    expect(posts.first).to_contain_text("Tara")
    expect(posts.first).to_contain_text(TARA_SAYS)
    expect(posts.last).to_contain_text("Cole")
    expect(posts.last).to_contain_text(COLE_SAYS)
    expect(alice.get_by_role("textbox")).to_have_count(0)
    axe(alice)
    assert requests_seen.elsewhere() == []
