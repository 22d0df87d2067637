"""Signing in and out through the real form."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Axe, Personas
from tests.browser.helpers import login, path, sign_out

pytestmark = pytest.mark.browser


def test_the_sign_in_page_is_accessible(page: Page, axe: Axe) -> None:
    page.goto("/login")
    expect(page).to_have_title("Sign in · Mend")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Mend")
    axe(page)


def test_alice_signs_in_and_lands_on_today(page: Page, personas: Personas, axe: Axe) -> None:
    login(page, personas.alice.email)
    expect(page).to_have_url(path("/today"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Alice")
    axe(page)


def test_a_wrong_password_is_shown_on_the_form(page: Page, personas: Personas, axe: Axe) -> None:
    login(page, personas.alice.email, "not-alices-password-at-all")
    expect(page).to_have_url(path("/login"))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("That email and password do not match an account.")
    expect(page.get_by_label("Email")).to_have_value(personas.alice.email)
    expect(page.get_by_label("Password")).to_have_value("")
    axe(page)
    # The form still works after the error.
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(path("/today"))


def test_signing_out_ends_the_session(page: Page, personas: Personas) -> None:
    login(page, personas.alice.email)
    expect(page).to_have_url(path("/today"))
    sign_out(page)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    page.goto("/today")
    expect(page).to_have_url(path("/login"))
