"""Crisis lines in a browser: ada adds the organisation's own line for Ireland,
and alice, whose country is Ireland, sees it on Help now in place of the
default; she can change her country there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mend.accounts.models import Membership
from mend.clock import utcnow
from mend.safety.models import CrisisLine
from tests.browser.conftest import Axe, NewPage, Personas, SignIn

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def _set_country(store: sessionmaker[Session], membership_id: str, country: str | None) -> None:
    with store.begin() as db:
        membership = db.get(Membership, membership_id)
        assert membership is not None
        membership.country = country


def _lines(store: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    with store.begin() as db:
        return [
            (line.country, line.name, line.tel)
            for line in db.scalars(select(CrisisLine).order_by(CrisisLine.position))
        ]


def test_ada_adds_a_line_and_alice_in_that_country_sees_it(
    new_page: NewPage,
    sign_in: SignIn,
    personas: Personas,
    store: sessionmaker[Session],
    axe: Axe,
) -> None:
    today = utcnow().date().isoformat()
    page = sign_in("ada")
    page.goto("/admin/settings")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Crisis lines").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crisis lines")
    expect(page.get_by_text("None yet. Clients see Mend's default lines, below.")).to_be_visible()
    axe(page)

    form = page.locator("form", has=page.get_by_role("button", name="Add line"))
    form.get_by_label("Name of the line").fill("Riverside night line")
    form.get_by_role("button", name="Add line").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(page.get_by_role("link", name="Choose the country this line serves.")).to_be_visible()
    axe(page)
    assert _lines(store) == []

    form = page.locator("form", has=page.get_by_role("button", name="Add line"))
    form.get_by_label("Country it serves").select_option("IE")
    form.get_by_label("Number or contact, as people read it").fill("1800 247 247")
    form.get_by_label("How to reach it").fill("Call or text")
    form.get_by_label("Where the number comes from").fill("https://riverside.example/lines")
    form.get_by_label("Day you last checked it").fill(today)
    form.get_by_role("button", name="Add line").click()
    expect(page.get_by_role("status")).to_have_text(
        "Line added. Clients in that country now see it."
    )
    ireland = page.get_by_role("table", name="Ireland (IE)")
    expect(ireland.get_by_role("cell", name="Riverside night line", exact=True)).to_be_visible()
    expect(ireland.get_by_role("cell", name="https://riverside.example/lines")).to_be_visible()
    axe(page)
    assert _lines(store) == [("IE", "Riverside night line", "1800247247")]

    _set_country(store, personas.alice.id, "IE")
    alice = sign_in("alice", page=new_page(viewport=PHONE, mobile=True))
    alice.goto("/today")
    alice.get_by_role("link", name="Help now").first.click()
    expect(alice.get_by_text("Showing lines for Ireland.")).to_be_visible()
    expect(alice.get_by_role("link", name="1800 247 247")).to_have_attribute(
        "href", "tel:1800247247"
    )
    expect(alice.get_by_role("link", name="116 123")).to_have_count(0)
    expect(alice.get_by_text("Source: https://riverside.example/lines.")).to_be_visible()
    axe(alice)

    alice.get_by_text("Change country").click()
    alice.get_by_label("Your country").select_option(label="Germany")
    alice.get_by_role("button", name="Show lines for this country").click()
    expect(alice.get_by_text("Showing lines for Germany.")).to_be_visible()
    expect(alice.get_by_role("link", name="0800 111 0 111")).to_be_visible()
    axe(alice)
