"""What people type is shown as text, never run; pages fetch nothing from elsewhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, expect

from tests.browser.conftest import Axe, NewPage, Personas, Requests, SignIn
from tests.browser.helpers import login, path

pytestmark = pytest.mark.browser

PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def test_a_name_with_markup_is_shown_as_text(
    sign_in: SignIn, requests_seen: Requests, axe: Axe
) -> None:
    # Contexts here bypass the page's CSP (to inject axe), so only escaping stands
    # between this name and running script.
    page = sign_in("ada")
    page.goto("/admin/people")
    form = page.locator("form").filter(has=page.get_by_role("button", name="Add person"))
    form.get_by_label("Name").fill(PAYLOAD)
    form.get_by_label("Email").fill("mallory@example.org")
    form.get_by_label("Role").select_option(label="Client")
    form.get_by_label("First password").fill("lantern-orchard-quietly-41")
    form.get_by_role("button", name="Add person").click()

    expect(page).to_have_url(path("/admin/people"))
    expect(page.get_by_role("cell", name=PAYLOAD, exact=True)).to_be_visible()
    expect(page.get_by_role("combobox", name=f"Role for {PAYLOAD}")).to_be_visible()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    expect(page.locator("main script, main img")).to_have_count(0)
    axe(page)

    page.get_by_role("link", name=f"Care team for {PAYLOAD}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Care team for {PAYLOAD}")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    axe(page)

    page.goto("/admin/audit")
    expect(page.get_by_label("Person").get_by_role("option", name=PAYLOAD)).to_have_count(1)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    axe(page)

    assert requests_seen.urls
    assert requests_seen.elsewhere() == []


PAGES = {
    "alice": ["/today", "/consent", "/my-record/access", "/account/sessions", "/account/security"],
    "tara": ["/caseload", "/clients/{alice}", "/break-glass", "/account/security"],
    "ada": [
        "/admin/people",
        "/admin/settings",
        "/admin/audit",
        "/admin/break-glass",
        "/clients/{alice}/team",
    ],
}


@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_asks_anywhere_else_or_breaks_its_csp(
    name: str, new_page: NewPage, personas: Personas, requests_seen: Requests
) -> None:
    """With the CSP in force: only the live server is asked, and nothing is refused."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # Chromium asks for /favicon.ico by itself; Mend has none (a 404, nothing more).
        if message.location.get("url", "").endswith("/favicon.ico"):
            return
        if message.type in ("error", "warning"):
            problems.append(f"{message.page.url if message.page else '?'}: {message.text}")

    page = new_page(strict_csp=True)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    login(page, personas[name].email)  # the sign-in page, then the home page
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    for page_path in PAGES[name]:
        response = page.goto(page_path.format(alice=personas.alice.id))
        assert response is not None
        assert response.status == 200, page_path
        assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(path("/login"))

    assert problems == []
    assert len(requests_seen.urls) > len(PAGES[name]) + 2  # pages, their CSS and script
    assert requests_seen.elsewhere() == []
