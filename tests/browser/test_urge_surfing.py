"""Alice surfs an urge: ratings each minute, crisis support at 8+, and no loss offline."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mend.coping.models import UrgeSession
from mend.safety.models import RiskSignal
from tests.browser.conftest import Axe, Personas, SignIn
from tests.browser.coping_setup import fill_jar

pytestmark = pytest.mark.browser

MINUTE = 60_000


def _rate(page: Page, level: int) -> None:
    page.locator("#urge-running").get_by_role("button", name=str(level), exact=True).click()


def _sessions(store: sessionmaker[Session]) -> list[UrgeSession]:
    with store.begin() as db:
        rows = list(db.scalars(select(UrgeSession)))
        db.expunge_all()
        return rows


def _signals(store: sessionmaker[Session]) -> int:
    with store.begin() as db:
        return len(list(db.scalars(select(RiskSignal))))


def test_an_urge_is_rated_each_minute_until_it_passes(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    fill_jar(store, personas.alice.id, {"box-breathing": None, "drinking-alcohol": "preparation"})
    page = sign_in("alice")
    page.clock.install()
    page.goto("/urge")
    expect(page.get_by_role("heading", level=1)).to_have_text("Surf an urge")
    axe(page)
    page.get_by_label("An urge to…").select_option(label="Drinking alcohol to cope")
    page.locator("#urge-start").get_by_role("button", name="6", exact=True).click()

    expect(page.locator("#urge-sync")).to_have_text("Saved.")
    running = page.get_by_role("region", name="Surfing")
    expect(running.get_by_role("button", name="6", exact=True)).to_be_disabled()
    axe(page)
    page.clock.run_for(MINUTE)
    expect(page.locator("#urge-ask")).to_have_text("Minute 1. How strong is the urge now?")
    _rate(page, 9)
    expect(page.locator("#urge-crisis")).to_be_hidden()
    page.clock.run_for(MINUTE)
    _rate(page, 3)

    done = page.get_by_role("region", name="Thank you for staying with it")
    expect(done).to_contain_text("The urge passed after 2 minutes.")
    expect(page.locator("#urge-sync")).to_have_text("Saved.")
    axe(page)
    (session,) = _sessions(store)
    assert json.loads(session.samples) == [[0, 6], [1, 9], [2, 3]]
    assert (session.end_reason, session.peak, session.time_to_peak, session.time_to_pass) == (
        "passed", 9, 1, 2,
    )  # fmt: skip
    assert _signals(store) == 0


def test_offline_ratings_are_kept_and_sent_later_and_a_strong_urge_to_self_harm_gets_help(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    page = sign_in("alice")
    page.clock.install()
    page.goto("/urge")
    page.get_by_label("An urge to…").select_option(label="Hurt myself")
    page.locator("#urge-start").get_by_role("button", name="5", exact=True).click()
    expect(page.locator("#urge-sync")).to_have_text("Saved.")

    page.context.set_offline(True)
    page.clock.run_for(MINUTE)
    _rate(page, 8)
    crisis = page.get_by_role("alert")
    expect(crisis.get_by_role("heading")).to_have_text("Your safety comes first")
    expect(crisis.get_by_role("link", name="988")).to_be_visible()
    expect(page.locator("#urge-sync")).to_have_text(
        "Saved on this device. It will be sent when you are back online."
    )
    axe(page)
    page.clock.run_for(MINUTE)
    _rate(page, 6)
    page.clock.run_for(MINUTE)
    _rate(page, 2)
    expect(page.get_by_role("region", name="Thank you for staying with it")).to_be_visible()
    assert json.loads(_sessions(store)[0].samples) == [[0, 5]]

    page.context.set_offline(False)
    expect(page.locator("#urge-sync")).to_have_text("Saved.")
    (session,) = _sessions(store)
    assert json.loads(session.samples) == [[0, 5], [1, 8], [2, 6], [3, 2]]
    assert session.self_harm and session.end_reason == "passed"
    assert _signals(store) == 1
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('mend.urge.'))") == []


def test_a_reloaded_page_carries_on_with_the_same_session(
    sign_in: SignIn, store: sessionmaker[Session]
) -> None:
    page = sign_in("alice")
    page.clock.install()
    page.goto("/urge")
    page.locator("#urge-start").get_by_role("button", name="7", exact=True).click()
    expect(page.locator("#urge-sync")).to_have_text("Saved.")
    page.reload()
    page.clock.run_for(MINUTE)
    expect(page.locator("#urge-ask")).to_have_text("Minute 1. How strong is the urge now?")
    _rate(page, 4)
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("region", name="Thank you for staying with it")).to_contain_text(
        "You stayed with it for 1 minute."
    )
    expect(page.locator("#urge-sync")).to_have_text("Saved.")
    (session,) = _sessions(store)
    assert json.loads(session.samples) == [[0, 7], [1, 4]]
    assert session.end_reason == "stopped"
