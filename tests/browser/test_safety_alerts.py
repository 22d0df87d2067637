"""The safety story in a real browser: alice writes "I think everyone would be
better off without me" in her journal and sees crisis lines and who will see
it at once; tara finds her first on the caseload, acknowledges and resolves
the alert; what people type never runs as script."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Axe, Personas, Requests, SignIn

pytestmark = pytest.mark.browser

BURDEN = "I think everyone would be better off without me"
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def test_a_journal_entry_raises_an_alert_tara_answers(
    sign_in: SignIn, personas: Personas, requests_seen: Requests, axe: Axe
) -> None:
    alice = sign_in("alice")
    alice.set_viewport_size({"width": 375, "height": 740})
    alice.goto("/journal")
    axe(alice)
    alice.get_by_label("Write an entry").fill(BURDEN)
    alice.get_by_role("button", name="Save entry").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("You don't have to face this alone")
    expect(alice.get_by_text("Your therapist, Tara, will see an alert")).to_be_visible()
    expect(alice.get_by_text("Mend is not an emergency service.", exact=True)).to_be_visible()
    expect(alice.get_by_role("link", name="116 123")).to_be_visible()
    axe(alice)

    tara = sign_in("tara")
    tara.goto("/caseload")
    first_row = tara.locator("tbody tr").first
    expect(first_row).to_contain_text("Alice")
    expect(first_row).to_contain_text("Open alert")
    expect(tara.get_by_role("link", name="Alerts 1 open")).to_be_visible()
    axe(tara)
    first_row.get_by_role("link", name="see the alert").click()
    expect(tara.locator(".signals q").first).to_contain_text("better off without me")
    expect(tara.locator(".signals").first).to_contain_text("better off without them")
    axe(tara)
    tara.get_by_role("button", name="Acknowledge").click()
    expect(tara.get_by_text("Saved: acknowledge.")).to_be_visible()
    tara.get_by_label("What was done").fill("Called Alice; she is safe and we reviewed her plan.")
    tara.get_by_role("button", name="Resolve").click()
    expect(tara.locator("dl.facts")).to_contain_text("Resolved")
    expect(tara.get_by_text("we reviewed her plan")).to_be_visible()
    tara.goto("/alerts")
    expect(tara.get_by_text("No alerts need you right now.")).to_be_visible()
    axe(tara)
    assert requests_seen.elsewhere() == []


def test_journal_text_and_alert_evidence_never_run_as_script(
    sign_in: SignIn, personas: Personas, axe: Axe
) -> None:
    alice = sign_in("alice")
    alice.goto("/journal")
    alice.get_by_label("Write an entry").fill(f"{PAYLOAD} I want to die")
    alice.get_by_role("button", name="Save entry").click()
    assert alice.evaluate("typeof window.__pwned") == "undefined"
    alice.goto("/journal")
    expect(alice.get_by_text(PAYLOAD, exact=False)).to_be_visible()
    expect(alice.locator("main script, main img")).to_have_count(0)
    assert alice.evaluate("typeof window.__pwned") == "undefined"

    tara = sign_in("tara")
    tara.goto("/alerts")
    tara.get_by_role("link", name="Alice").click()
    expect(tara.get_by_role("heading", level=1)).to_contain_text("Alert for")
    expect(tara.locator("main script, main img")).to_have_count(0)
    assert tara.evaluate("typeof window.__pwned") == "undefined"
    axe(tara)


def test_ada_names_a_duty_clinician(sign_in: SignIn, personas: Personas, axe: Axe) -> None:
    ada = sign_in("ada")
    ada.goto("/admin/safety")
    expect(ada.get_by_text("No duty clinician is named.")).to_be_visible()
    axe(ada)
    ada.get_by_label("Duty clinician").select_option(label="Tara")
    ada.get_by_role("button", name="Save").click()
    expect(ada.get_by_text("Saved.")).to_be_visible()
    expect(ada.get_by_text("No duty clinician is named.")).to_have_count(0)
    axe(ada)
