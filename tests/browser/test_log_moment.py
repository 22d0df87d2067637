"""Alice logs a coping moment on her phone, changes it, and logs a strong urge."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from mend.coping.models import CopingMoment, MomentRevision
from mend.safety.models import RiskSignal
from tests.browser.conftest import Axe, NewPage, Personas, SignIn
from tests.browser.coping_setup import fill_jar

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
JAR = {"box-breathing": None, "call-a-friend": None, "self-injury": "contemplation"}


def _fits_the_screen(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def _count(store: sessionmaker[Session], model: type) -> int:
    with store.begin() as db:
        return int(db.scalar(select(func.count()).select_from(model)) or 0)


def test_a_moment_takes_four_taps_on_a_phone(
    new_page: NewPage, sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    fill_jar(store, personas.alice.id, JAR)
    page = sign_in("alice", page=new_page(viewport=PHONE, mobile=True))
    page.goto("/moments/new")
    _fits_the_screen(page)
    axe(page)

    before = page.get_by_role("group", name="How upset were you before?")
    before.get_by_text("7", exact=True).tap()
    page.get_by_text("Box breathing", exact=True).tap()
    page.get_by_role("group", name="And after? (you can leave this empty)").get_by_text(
        "3", exact=True
    ).tap()
    page.get_by_role("button", name="Save").tap()

    expect(page.get_by_role("status")).to_have_text(
        "Saved. Thank you for taking a moment for yourself."
    )
    _fits_the_screen(page)
    assert _count(store, CopingMoment) == 1

    page.goto("/moments")
    expect(page.get_by_text("Upset before: 7/10 · after: 3/10")).to_be_visible()
    expect(page.get_by_text("I used: Box breathing")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Change this moment").tap()
    page.get_by_role("group", name="And after? (you can leave this empty)").get_by_text(
        "2", exact=True
    ).tap()
    page.get_by_role("button", name="Save").tap()
    expect(page.get_by_role("status")).to_have_text(
        "Your change is saved. The earlier version is kept."
    )
    expect(page.get_by_text("Upset before: 7/10 · after: 2/10")).to_be_visible()
    assert _count(store, CopingMoment) == 1
    assert _count(store, MomentRevision) == 1


def test_a_refused_moment_keeps_what_was_typed(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    fill_jar(store, personas.alice.id, JAR)
    page = sign_in("alice")
    page.goto("/moments/new")
    page.get_by_role("group", name="How upset were you before?").get_by_text(
        "6", exact=True
    ).click()
    page.get_by_text("More details (optional)").click()
    page.get_by_label("Note to myself").fill("Work was a lot today")
    page.get_by_label("On the loss itself (missing them, remembering)").check()
    page.get_by_role("button", name="Save").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Loss or restoration is only asked when the stressor is a loss.")
    expect(page.get_by_label("Note to myself")).to_have_value("Work was a lot today")
    expect(
        page.get_by_role("group", name="How upset were you before?").get_by_label("6")
    ).to_be_checked()
    axe(page)
    assert _count(store, CopingMoment) == 0

    page.get_by_label("What was it about?").select_option(label="Loss or grief")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved.")
    assert _count(store, CopingMoment) == 1


def test_a_strong_urge_to_self_harm_brings_crisis_support_at_once(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    fill_jar(store, personas.alice.id, JAR)
    page = sign_in("alice")
    page.goto("/moments/new")
    page.get_by_role("group", name="How upset were you before?").get_by_text(
        "9", exact=True
    ).click()
    page.get_by_text("More details (optional)").click()
    page.get_by_role("group", name="Did you have an urge? How strong?").get_by_text(
        "8", exact=True
    ).click()
    page.get_by_label("An urge to…").select_option(label="Hurting myself")
    page.get_by_role("button", name="Save").click()

    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading", level=1)).to_have_text("Your safety comes first")
    expect(alert.get_by_role("link", name="116 123")).to_have_attribute("href", "tel:116123")
    expect(page.get_by_text("Mend is not an emergency service").first).to_be_visible()
    axe(page)
    assert _count(store, RiskSignal) == 1


def test_help_now_is_there_for_everyone(page: Page, axe: Axe) -> None:
    page.goto("/help-now")
    expect(page.get_by_role("heading", level=1)).to_have_text("Help now")
    expect(page.get_by_role("link", name="988")).to_have_attribute("href", "tel:988")
    expect(page.get_by_role("link", name="13 11 14")).to_have_attribute("href", "tel:131114")
    axe(page)
