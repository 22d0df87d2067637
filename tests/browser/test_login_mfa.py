"""Two-step sign-in when the organisation requires it: enrolment, then a code each time."""

from __future__ import annotations

import pyotp
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from mend.accounts import totp
from mend.accounts.models import Organisation
from mend.clock import utcnow
from tests.browser.conftest import Axe, Personas
from tests.browser.helpers import login, path, sign_out

pytestmark = pytest.mark.browser


def _require_mfa(store: sessionmaker[Session], org_id: str) -> None:
    with store.begin() as db:
        org = db.get(Organisation, org_id)
        assert org is not None
        org.mfa_required = True


def _enter_code(page: Page, code: str, button: str) -> None:
    page.get_by_label("6-digit code").fill(code)
    page.get_by_role("button", name=button).click()


def test_tara_enrols_then_needs_a_fresh_code_each_time(
    page: Page, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    _require_mfa(store, personas.riverside_id)

    login(page, personas.tara.email)
    expect(page).to_have_url(path("/login/enrol"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")
    axe(page)
    secret = page.locator("code.secret").inner_text().strip()
    enrol_code = pyotp.TOTP(secret).now()
    _enter_code(page, enrol_code, "Turn on two-step sign-in")
    expect(page).to_have_url(path("/caseload"))
    expect(page.get_by_role("link", name="Alice")).to_be_visible()

    sign_out(page)
    login(page, personas.tara.email)
    expect(page).to_have_url(path("/login/mfa"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    axe(page)

    # The code that turned two-step sign-in on has been used: it does not work again.
    _enter_code(page, enrol_code, "Continue")
    expect(page).to_have_url(path("/login/mfa"))
    expect(page.get_by_role("alert")).to_contain_text("That code did not work.")
    axe(page)

    # The next time step's code is new, and within the allowed clock drift.
    next_step = int(utcnow().timestamp()) // totp.STEP_SECONDS + 1
    _enter_code(page, totp.code_at(secret, next_step), "Continue")
    expect(page).to_have_url(path("/caseload"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your caseload")
