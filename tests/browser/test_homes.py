"""Each role's home page, reached from "/" after signing in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Axe, Personas, SignIn
from tests.browser.helpers import path

pytestmark = pytest.mark.browser


def test_alice_sees_her_care_team_on_today(sign_in: SignIn, axe: Axe) -> None:
    page = sign_in("alice")
    page.goto("/")
    expect(page).to_have_url(path("/today"))
    team = page.get_by_role("region", name="Your care team")
    expect(team.get_by_role("listitem")).to_have_text(
        ["Cole — your coach", "Tara — your therapist"]
    )
    axe(page)


@pytest.mark.parametrize(("name", "role"), [("tara", "Therapist"), ("cole", "Coach")])
def test_practitioners_see_alice_on_their_caseload(
    name: str, role: str, sign_in: SignIn, personas: Personas, axe: Axe
) -> None:
    page = sign_in(name)
    page.goto("/")
    expect(page).to_have_url(path("/caseload"))
    rows = page.get_by_role("table", name="Clients on whose care team you are").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.get_by_role("rowheader")).to_contain_text(f"{role} since")
    link = rows.get_by_role("link", name="Alice")
    expect(link).to_have_attribute("href", f"/clients/{personas.alice.id}")
    axe(page)


def test_ada_sees_everyone_in_her_organisation(sign_in: SignIn, axe: Axe) -> None:
    page = sign_in("ada")
    page.goto("/")
    expect(page).to_have_url(path("/admin/people"))
    table = page.get_by_role("table", name="Everyone with a role in this organisation")
    names = table.locator("tbody tr td:first-child")
    expect(names).to_have_count(5)
    assert sorted(names.all_inner_texts()) == ["Ada", "Alice", "Bob", "Cole", "Tara"]
    # Elsewhere's people are not Riverside's business.
    expect(table).not_to_contain_text("eve@example.org")
    expect(table).not_to_contain_text("tim@example.org")
    axe(page)
