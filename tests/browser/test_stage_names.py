"""An admin names the healing stages in a real browser; the team reads the
new name on the journey page. The settings page passes axe and asks nothing
of any other site."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Axe, Personas, Requests, SignIn

pytestmark = pytest.mark.browser


def test_ada_names_stage_2_and_tara_reads_it(
    sign_in: SignIn, personas: Personas, requests_seen: Requests, axe: Axe
) -> None:
    ada = sign_in("ada")
    ada.goto("/admin/settings")
    expect(ada.get_by_role("heading", name="Healing stages")).to_be_visible()
    axe(ada)
    ada.get_by_label("Stage 2", exact=True).fill("Safety and stabilisation")
    ada.get_by_role("button", name="Save stage names").click()
    expect(ada.get_by_role("alert")).to_contain_text("Stages 1 and 2 have the same name")
    expect(ada.get_by_label("Stage 2", exact=True)).to_have_attribute("aria-invalid", "true")
    axe(ada)

    ada.get_by_label("Stage 2", exact=True).fill("Working through")
    ada.get_by_role("button", name="Save stage names").click()
    expect(ada.get_by_role("status")).to_have_text("Stage names saved.")
    expect(ada.get_by_label("Stage 2", exact=True)).to_have_value("Working through")

    tara = sign_in("tara")
    tara.goto(f"/clients/{personas.alice.id}/journey")
    tara.get_by_text("Set the stage").click()
    expect(tara.get_by_label("Stage 2: Working through")).to_be_visible()
