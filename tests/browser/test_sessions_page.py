"""Alice sees where she is signed in and can end a session on another device."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Axe, NewPage, Personas
from tests.browser.helpers import login, path

pytestmark = pytest.mark.browser


def test_alice_ends_her_other_session(
    page: Page, new_page: NewPage, personas: Personas, axe: Axe
) -> None:
    other = new_page()  # another browser, as if on her phone
    for browser_page in (page, other):
        login(browser_page, personas.alice.email)
        expect(browser_page).to_have_url(path("/today"))

    page.get_by_role("link", name="My sessions").click()
    expect(page).to_have_url(path("/account/sessions"))
    sessions = page.locator("main li.card")
    expect(sessions).to_have_count(2)
    this_device = sessions.filter(has_text="This device")
    expect(this_device).to_have_count(1)
    expect(this_device).to_contain_text("from 127.0.0.1")
    axe(page)

    sessions.filter(has_not_text="This device").get_by_role(
        "button", name="End this session"
    ).click()

    expect(page).to_have_url(path("/account/sessions"))
    expect(sessions).to_have_count(1)
    expect(sessions.first).to_contain_text("This device")
    axe(page)

    # The other browser is signed out; this one is not.
    other.goto("/today")
    expect(other).to_have_url(path("/login"))
    page.goto("/today")
    expect(page).to_have_url(path("/today"))
