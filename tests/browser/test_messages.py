"""Messages in a real browser: alice writes to cole on her phone and sees,
plainly, that messages are not an emergency channel; cole finds her message
unread and replies; alice sees his reply. A message with crisis language
shows the crisis lines at once; what people type never runs as script."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Axe, NewPage, Personas, Requests, SignIn
from tests.browser.helpers import path

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
BURDEN = "I think everyone would be better off without me"
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def test_alice_messages_cole_and_cole_replies(
    sign_in: SignIn, new_page: NewPage, personas: Personas, requests_seen: Requests, axe: Axe
) -> None:
    alice = sign_in("alice", page=new_page(viewport=PHONE, mobile=True))
    alice.goto("/today")
    alice.get_by_role("navigation", name="Main").get_by_role("link", name="Messages").tap()
    expect(alice).to_have_url(path("/messages"))
    expect(alice.get_by_role("heading", level=1)).to_have_text("Messages")
    expect(alice.get_by_text("Messages are not an emergency channel.")).to_be_visible()
    axe(alice)

    alice.get_by_role("link", name="Cole", exact=True).tap()
    expect(alice.get_by_role("heading", level=1)).to_have_text("Messages with Cole")
    note = alice.locator(".not-emergency")
    expect(note).to_contain_text("Messages are not an emergency channel.")
    expect(note).to_contain_text("a reply can take a day or more")
    expect(note.get_by_role("link", name="Help now")).to_have_attribute("href", "/help-now")
    expect(alice.get_by_text("No messages yet.")).to_be_visible()
    axe(alice)
    alice.get_by_label("Write to Cole").fill("Hi Cole, I walked to the river before work today.")
    alice.get_by_role("button", name="Send").tap()
    expect(alice.get_by_role("status")).to_have_text("Sent.")
    expect(alice.get_by_text("I walked to the river before work today.")).to_be_visible()
    assert alice.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe(alice)

    cole = sign_in("cole")
    cole.goto("/messages")
    row = cole.get_by_role("row").filter(has_text="Alice")
    expect(row).to_contain_text("1 unread")
    axe(cole)
    row.get_by_role("link", name="Alice").click()
    expect(cole.get_by_role("heading", level=1)).to_have_text("Messages with Alice")
    expect(cole.get_by_text("New", exact=True)).to_be_visible()
    expect(cole.locator(".not-emergency")).to_contain_text("Messages are not an emergency channel.")
    axe(cole)
    cole.get_by_label("Write to Alice").fill("That's a lovely start. Same time tomorrow?")
    cole.get_by_role("button", name="Send").click()
    expect(cole.get_by_role("status")).to_have_text("Sent.")

    alice.goto("/messages")
    expect(alice.locator("li").filter(has_text="Cole")).to_contain_text("1 unread")
    alice.get_by_role("link", name="Cole", exact=True).tap()
    expect(alice.get_by_text("Same time tomorrow?")).to_be_visible()
    axe(alice)
    assert requests_seen.elsewhere() == []


def test_a_message_with_crisis_language_shows_help_at_once(
    sign_in: SignIn, personas: Personas, axe: Axe
) -> None:
    alice = sign_in("alice")
    alice.goto(f"/messages/{personas.cole.id}")
    alice.get_by_label("Write to Cole").fill(BURDEN)
    alice.get_by_role("button", name="Send").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("You don't have to face this alone")
    expect(alice.get_by_text("Your message to Cole was sent.", exact=False)).to_be_visible()
    expect(
        alice.get_by_text("Your therapist, Tara, will see an alert", exact=False)
    ).to_be_visible()
    expect(alice.get_by_role("link", name="116 123")).to_be_visible()
    axe(alice)
    alice.get_by_role("link", name="Back to my messages with Cole").click()
    expect(alice.get_by_text(BURDEN)).to_be_visible()


def test_what_people_type_never_runs_as_script(
    sign_in: SignIn, personas: Personas, axe: Axe
) -> None:
    alice = sign_in("alice")
    alice.goto(f"/messages/{personas.tara.id}")
    alice.get_by_label("Write to Tara").fill(PAYLOAD)
    alice.get_by_role("button", name="Send").click()
    expect(alice.get_by_text(PAYLOAD)).to_be_visible()
    expect(alice.locator("main script, main img")).to_have_count(0)
    tara = sign_in("tara")
    tara.goto(f"/clients/{personas.alice.id}/messages")
    expect(tara.get_by_text(PAYLOAD)).to_be_visible()
    expect(tara.locator("main script, main img")).to_have_count(0)
    for page in (alice, tara):
        assert page.evaluate("typeof window.__pwned") == "undefined"
    axe(tara)
