"""Practice outcomes in a real browser: tara finds the page in her menu, reads
the figures with their denominators and the month-by-month chart (drawn by
the vendored Chart.js, with its sentence and table), narrows it to her own
clients, and is told by field what is wrong with a period that ends before it
starts; ada finds it in the admin menu. Every state passes axe and the page
asks nothing of any other site."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session, sessionmaker

from mend.accounts.models import Membership, Organisation
from tests.browser.conftest import Axe, Personas, Requests, SignIn
from tests.integration import outcomes_helpers as oh

pytestmark = pytest.mark.browser


@pytest.fixture
def practice(store: sessionmaker[Session], personas: Personas) -> None:
    """Five of tara's clients recover and one stays the same, in January and February 2026."""
    with store.begin() as db:
        org = db.get_one(Organisation, personas.riverside_id)
        tara = db.get_one(Membership, personas.tara.id)
        ada = db.get_one(Membership, personas.ada.id)
        for i in range(5):
            oh.client(db, org, f"recovers{i}", therapist=tara, course=oh.RECOVERS, added_by=ada)
        oh.client(db, org, "stays", therapist=tara, course=oh.STAYS, added_by=ada)


def test_tara_reads_the_practice_outcomes_and_narrows_them(
    sign_in: SignIn, personas: Personas, practice: None, requests_seen: Requests, axe: Axe
) -> None:
    tara = sign_in("tara")
    tara.goto("/caseload")
    tara.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Practice outcomes"
    ).click()
    expect(tara.get_by_role("heading", level=1)).to_have_text("Practice outcomes")
    expect(tara.get_by_role("status")).to_contain_text("The whole practice")
    rates = tara.get_by_role("table", name="Rates, each with what it counts and out of how many")
    recovery = rates.get_by_role("row", name="Recovery: no longer at caseness at the end")
    expect(recovery).to_contain_text("5")
    expect(recovery).to_contain_text("6 at caseness at the start")
    expect(recovery).to_contain_text("83.3 %")
    deterioration = rates.get_by_role("row", name="Reliable deterioration")
    expect(deterioration).to_contain_text("fewer than 5")
    expect(tara.locator("#chart-outcomes-balance")).to_be_visible()
    tara.wait_for_function("() => window.Chart && Chart.getChart('chart-outcomes-balance')")
    expect(tara.locator("#jar-summary")).to_contain_text(
        "went from 38.9 % in January 2026 to 94.4 % in February 2026"
    )
    months = tara.get_by_role("table", name="Coping moments per month", exact=False)
    expect(months.get_by_role("row", name="January 2026", exact=False)).to_contain_text("38.9 %")
    axe(tara)

    tara.get_by_label("Clients of").select_option(label="Tara")
    tara.get_by_role("button", name="Show").click()
    expect(tara.get_by_role("status")).to_contain_text("Clients of Tara")
    axe(tara)

    tara.get_by_label("From").fill("2026-02-10")
    tara.get_by_label("To").fill("2026-02-01")
    tara.get_by_role("button", name="Show").click()
    expect(tara.get_by_text("The end must be on or after the start.")).to_be_visible()
    expect(tara.get_by_label("To")).to_have_attribute("aria-invalid", "true")
    expect(tara.get_by_role("heading", name="NHS Talking Therapies", exact=False)).to_have_count(0)
    axe(tara)
    assert requests_seen.elsewhere() == []


def test_ada_finds_the_outcomes_in_the_admin_menu(
    sign_in: SignIn, practice: None, requests_seen: Requests, axe: Axe
) -> None:
    ada = sign_in("ada")
    ada.goto("/admin/people")
    ada.get_by_role("navigation", name="Main").get_by_role("link", name="Practice outcomes").click()
    expect(ada.get_by_role("heading", level=1)).to_have_text("Practice outcomes")
    expect(ada.get_by_role("heading", name="Reliable change by questionnaire")).to_be_visible()
    expect(ada.get_by_role("heading", name="Jar balance, month by month")).to_be_visible()
    axe(ada)
    assert requests_seen.elsewhere() == []


def test_a_coach_has_no_way_in(sign_in: SignIn) -> None:
    cole = sign_in("cole")
    cole.goto("/caseload")
    expect(cole.get_by_role("link", name="Practice outcomes")).to_have_count(0)
    response = cole.goto("/outcomes")
    assert response is not None and response.status == 403
