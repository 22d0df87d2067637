"""Alice decides what each person on her care team may see."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import Axe, Personas, SignIn

pytestmark = pytest.mark.browser

COPING = "Coping jar and coping moments"


def _member(page: Page, name: str) -> Locator:
    """The section of the consent page about one care-team member."""
    return page.locator("section.card").filter(has=page.get_by_role("heading", level=2, name=name))


def _row(section: Locator, label: str) -> Locator:
    return section.get_by_role("listitem").filter(has_text=label)


def test_alice_shares_coping_with_cole(sign_in: SignIn, personas: Personas, axe: Axe) -> None:
    page = sign_in("alice")
    page.goto("/consent")
    expect(page.get_by_role("heading", level=1)).to_have_text("What you share, and with whom")
    tara, cole = _member(page, "Tara"), _member(page, "Cole")
    expect(_row(tara, COPING).locator(".state")).to_have_text("Shared (default)")
    expect(_row(tara, "Journal").locator(".state")).to_have_text("Not shared (default)")
    expect(_row(cole, COPING).locator(".state")).to_have_text("Not shared (default)")
    expect(page.get_by_role("table", name="Every sharing change, newest first")).to_have_count(0)
    axe(page)

    page.get_by_role("button", name=f"Share {COPING} with Cole").click()

    expect(_row(cole, COPING).locator(".state")).to_have_text("Shared")
    expect(page.get_by_role("button", name=f"Stop sharing {COPING} with Cole")).to_be_visible()
    expect(_row(cole, "Journal").locator(".state")).to_have_text("Not shared (default)")
    expect(_row(tara, COPING).locator(".state")).to_have_text("Shared (default)")
    history = page.get_by_role("table", name="Every sharing change, newest first")
    rows = history.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_role("cell")).to_have_text(
        [re.compile(r"\d{2} \w{3} \d{4}, \d{2}:\d{2} UTC"), "Cole", COPING, "Shared"]
    )
    axe(page)

    coach = sign_in("cole")
    coach.goto(f"/clients/{personas.alice.id}")
    shared = coach.get_by_role("region", name="What Alice shares with you")
    expect(shared.get_by_role("listitem").filter(has_text=COPING)).to_have_text(f"{COPING}: Shared")
    expect(shared.get_by_role("listitem").filter(has_text="Journal")).to_have_text(
        "Journal: Not shared"
    )
    axe(coach)
