"""The safety plan in a browser: alice builds hers on a phone, finds it from any
page, prints it without the site around it, and reads it offline once it has
loaded; signing out deletes the offline copy."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from mend.accounts.models import Membership
from mend.clock import utcnow
from mend.safety import plan
from mend.safety.models import SafetyPlanVersion
from tests.browser.conftest import TIMEOUT_MS, Axe, LiveServer, NewPage, Personas, Requests, SignIn
from tests.browser.coping_setup import fill_jar
from tests.browser.helpers import path, sign_out

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
CACHE = "mend-safety-plan-v1"
REASON = "My niece's wedding in June 💐"


def _save_plan(store: sessionmaker[Session], personas: Personas) -> None:
    with store.begin() as db:
        alice = db.get(Membership, personas.alice.id)
        assert alice is not None
        plan.save_plan(
            db,
            client=alice,
            data=plan.PlanData(
                warning_signs=["I stop answering my phone"],
                distractions=["Walk to the river"],
                people_to_ask=["Sam: 07700 900123"],
                professionals=["Tara, my therapist"],
                safe_environment=["Keep medicines at Sam's"],
                reasons_for_living=[REASON],
            ),
            version_base=0,
            by=alice,
            now=utcnow(),
        )


def _versions(store: sessionmaker[Session]) -> int:
    with store.begin() as db:
        return int(db.scalar(select(func.count()).select_from(SafetyPlanVersion)) or 0)


def _eventually(page: Page, script: str, *, seconds: float = 10) -> Any:
    """Evaluate `script` (it may return a promise) until it is truthy."""
    deadline = time.monotonic() + seconds
    while True:
        found = page.evaluate(script)
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


HAS_COPY = f"caches.open('{CACHE}').then(c => c.match('/safety-plan')).then(r => !!r)"
NEW_REASON = "Seeing the sea again"
COPY_IS_NEW = (
    f"caches.open('{CACHE}').then(c => c.match('/safety-plan')).then(r => r ? r.text() : '')"
    f".then(t => t.includes('{NEW_REASON}') && !t.includes('Saved. This is your plan now.'))"
)
NO_COPY = "caches.keys().then(names => !names.some(n => n.startsWith('mend-safety-plan')))"


@pytest.fixture
def worker_page(
    browser: Browser, live_server: LiveServer, requests_seen: Requests, new_page: NewPage
) -> Iterator[Callable[[], Page]]:
    """A phone-sized page whose context lets service workers run, with the
    page's CSP in force (the worker must work under the real policy)."""
    contexts = []

    def _page() -> Page:
        context = browser.new_context(
            base_url=live_server.origin,
            service_workers="allow",
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", lambda request: requests_seen.urls.append(request.url))
        contexts.append(context)
        return context.new_page()

    yield _page
    for context in contexts:
        context.close()


def test_alice_builds_her_plan_on_her_phone(
    new_page: NewPage, sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    fill_jar(
        store,
        personas.alice.id,
        {"box-breathing": None, "watch-comedy": None, "drinking-alcohol": "contemplation"},
    )
    page = sign_in("alice", page=new_page(viewport=PHONE, mobile=True))
    page.goto("/jar")
    page.get_by_role("link", name="My safety plan").tap()
    expect(page).to_have_url(path("/safety-plan"))
    expect(page.get_by_text("A safety plan is a short list")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Start my safety plan").tap()
    expect(page.get_by_role("heading", name="Start my safety plan")).to_be_visible()
    axe(page)
    page.get_by_label("Step 1: Warning signs").fill("I stop answering my phone\n\nI can't sleep")
    steps = page.get_by_role("group", name="Step 2: Things I can do on my own to feel better")
    expect(steps.get_by_label("Watch something funny")).to_be_visible()
    expect(steps.get_by_text("Drinking", exact=False)).to_have_count(0)
    steps.get_by_label("Box breathing").tap()
    page.get_by_label("Step 3: People and places that take my mind off things").fill("The river")
    page.get_by_label("Step 4: People I can ask for help").fill("Sam: 07700 900123")
    page.get_by_label("Step 5: Professionals and services I can contact").fill("Tara")
    page.get_by_label("Step 6: Making where I am safer").fill("Keep medicines at Sam's")
    page.get_by_label("My reasons for living").fill(REASON)
    page.get_by_role("button", name="Save my plan").tap()

    expect(page.get_by_role("status")).to_have_text("Saved. This is your plan now.")
    expect(page.get_by_role("heading", name="My safety plan", exact=True)).to_be_visible()
    expect(page.get_by_text("I can't sleep")).to_be_visible()
    expect(page.locator("#step-coping_item_ids").get_by_text("Box breathing")).to_be_visible()
    expect(page.get_by_text(REASON)).to_be_visible()
    expect(page.get_by_role("link", name="116 123")).to_be_visible()  # step 5's crisis lines
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe(page)
    assert _versions(store) == 1


def test_the_plan_is_one_tap_away_on_every_client_page(sign_in: SignIn) -> None:
    page = sign_in("alice")
    for url in ("/today", "/jar", "/measures", "/moments/new", "/consent"):
        page.goto(url)
        link = page.get_by_role("navigation", name="Main").get_by_role(
            "link", name="My safety plan"
        )
        expect(link).to_have_attribute("href", "/safety-plan")


def test_the_printed_plan_has_no_site_around_it(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session]
) -> None:
    _save_plan(store, personas)
    page = sign_in("alice")
    page.goto("/safety-plan")
    print_button = page.get_by_role("button", name="Print")
    expect(print_button).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("button", name="Sign out")).to_be_hidden()
    expect(print_button).to_be_hidden()
    expect(page.get_by_role("link", name="Change my plan")).to_be_hidden()
    expect(page.get_by_role("heading", name="My safety plan", exact=True)).to_be_visible()
    expect(page.get_by_text("I stop answering my phone")).to_be_visible()
    expect(page.get_by_text(REASON)).to_be_visible()
    colour = page.locator("#step-reasons_for_living li").first.evaluate(
        "e => getComputedStyle(e).color"
    )
    assert colour == "rgb(0, 0, 0)"


def test_alice_reads_her_plan_offline_and_signing_out_deletes_the_copy(
    worker_page: Callable[[], Page],
    sign_in: SignIn,
    personas: Personas,
    store: sessionmaker[Session],
) -> None:
    _save_plan(store, personas)
    page = sign_in("alice", page=worker_page())
    page.goto("/jar")
    page.goto("/safety-plan")
    expect(page.get_by_text(REASON)).to_be_visible()
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)").endswith(
        "/safety-plan"
    )
    assert _eventually(page, HAS_COPY), "the worker kept no copy of the plan"

    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_text(REASON)).to_be_visible()
    expect(page.get_by_text("Mend can't be reached right now")).to_be_visible()
    for elsewhere in ("/jar", "/safety-plan/edit"):
        with pytest.raises(PlaywrightError):
            page.goto(elsewhere)

    # A change saved online replaces the copy (without the one-off "Saved" notice).
    page.context.set_offline(False)
    page.goto("/safety-plan/edit")
    page.get_by_label("My reasons for living").fill(NEW_REASON)
    page.get_by_role("button", name="Save my plan").tap()
    expect(page.get_by_role("status")).to_have_text("Saved. This is your plan now.")
    assert _eventually(page, COPY_IS_NEW), "the copy was not brought up to date"
    page.context.set_offline(True)
    page.goto("/safety-plan")
    expect(page.get_by_text(NEW_REASON)).to_be_visible()
    expect(page.get_by_text("Saved. This is your plan now.")).to_have_count(0)

    page.context.set_offline(False)
    page.goto("/safety-plan")
    expect(page.get_by_text("Mend can't be reached right now")).to_be_hidden()
    sign_out(page)
    assert _eventually(page, NO_COPY), "signing out left the plan on this device"

    page.context.set_offline(True)
    with pytest.raises(PlaywrightError):
        page.goto("/safety-plan")
