"""Reads of a client's record are visible: to the client, and to the admin's audit search."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Axe, Personas, SignIn
from tests.browser.helpers import path

pytestmark = pytest.mark.browser


def _tara_opens_alices_record(sign_in: SignIn, personas: Personas) -> None:
    tara = sign_in("tara")
    tara.goto(f"/clients/{personas.alice.id}")
    expect(tara.get_by_role("heading", level=1)).to_have_text("Alice")


def test_alice_sees_that_tara_looked_at_her_record(
    sign_in: SignIn, personas: Personas, axe: Axe
) -> None:
    _tara_opens_alices_record(sign_in, personas)

    page = sign_in("alice")
    page.goto("/today")
    page.get_by_role("link", name="Who looked at my record").click()
    expect(page).to_have_url(path("/my-record/access"))
    table = page.get_by_role("table", name="Looks and changes, newest first")
    tara_rows = table.locator("tbody tr").filter(has_text="Tara (Therapist)")
    expect(tara_rows.filter(has_text="profile.read").first).to_be_visible()
    expect(tara_rows.first.get_by_role("cell").last).to_have_text("Allowed")
    # Nobody outside the care team has looked.
    expect(table).not_to_contain_text("Bob")
    expect(table).not_to_contain_text("Ada")
    axe(page)


def test_ada_filters_the_audit_log_by_client_and_action(
    sign_in: SignIn, personas: Personas, axe: Axe
) -> None:
    _tara_opens_alices_record(sign_in, personas)

    page = sign_in("ada")
    page.goto("/admin/people")  # a "people.list" entry: about no client
    page.get_by_role("link", name="Audit log").click()
    expect(page).to_have_url(path("/admin/audit"))
    table = page.get_by_role("table", name="Newest first, at most 200 entries")
    rows = table.locator("tbody tr")
    expect(rows.filter(has_text="people.list")).not_to_have_count(0)
    axe(page)

    page.get_by_label("Client").select_option(label="Alice")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(
        re.compile(rf"/admin/audit\?(.*&)?client={re.escape(personas.alice.id)}(&|$)")
    )
    expect(page.get_by_label("Client")).to_have_value(personas.alice.id)
    expect(rows.filter(has_text="people.list")).to_have_count(0)
    expect(rows.filter(has_text="Tara (therapist)")).not_to_have_count(0)
    for client_cell in rows.locator("td:nth-child(5)").all():
        expect(client_cell).to_have_text("Alice")
    axe(page)

    page.get_by_label("Action starts with").fill("profile.")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_label("Action starts with")).to_have_value("profile.")
    expect(rows).not_to_have_count(0)
    expect(rows.filter(has_text="Nothing matches these filters.")).to_have_count(0)
    for action_cell in rows.locator("td:nth-child(4)").all():
        expect(action_cell).to_have_text("profile.read")
    for client_cell in rows.locator("td:nth-child(5)").all():
        expect(client_cell).to_have_text("Alice")

    page.get_by_label("Action starts with").fill("consent.change")
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_text("Nothing matches these filters.")
    axe(page)
