"""Homework in a browser: cole sets alice "practise box breathing 3 times" from
her jar; alice logs three moments with the ordinary form, sees the practice fill
up and tick itself off on /homework, and writes how it went; cole reads it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from mend.accounts.models import Membership
from mend.care import service as care
from mend.care.policy import Category
from mend.clock import utcnow
from tests.browser.conftest import Axe, NewPage, Personas, SignIn
from tests.browser.coping_setup import fill_jar

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
TITLE = "Practise Box breathing 3 times"
REFLECTION = "It was easiest on the bus home. I will keep doing it."


def _share_with_cole(store: sessionmaker[Session], personas: Personas) -> None:
    with store.begin() as db:
        alice = db.get(Membership, personas.alice.id)
        assert alice is not None
        for category in (Category.GOALS_HOMEWORK, Category.COPING):
            care.set_consent(
                db, client=alice, member_id=personas.cole.id, category=category, granted=True,
                changed_by=alice, now=utcnow(),
            )  # fmt: skip


def _log_box_breathing(page: Page) -> None:
    page.goto("/moments/new")
    page.get_by_role("group", name="How upset were you before?").get_by_text("6", exact=True).tap()
    page.get_by_text("Box breathing", exact=True).tap()
    page.get_by_role("button", name="Save").tap()
    expect(page.get_by_role("status")).to_have_text(
        "Saved. Thank you for taking a moment for yourself."
    )


def test_cole_sets_practice_and_alice_finishes_it_by_logging(
    new_page: NewPage, sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    fill_jar(store, personas.alice.id, {"box-breathing": None, "drinking-alcohol": "contemplation"})
    _share_with_cole(store, personas)

    cole = sign_in("cole")
    cole.goto(f"/clients/{personas.alice.id}/homework")
    expect(cole.get_by_role("heading", name="Homework: Alice")).to_be_visible()
    axe(cole)
    cole.get_by_label("What kind").select_option("practice")
    strategy = cole.get_by_label("Strategy from Alice's jar")
    expect(strategy.locator("option", has_text="Drinking")).to_have_count(0)
    strategy.select_option(label="Box breathing")
    cole.get_by_label("How many times").fill("3")
    cole.get_by_label("Due on").fill((utcnow() + timedelta(days=3)).date().isoformat())
    cole.get_by_role("button", name="Set homework").click()
    expect(cole.get_by_role("status")).to_contain_text("Set. Alice sees it")
    expect(cole.get_by_role("link", name=TITLE)).to_be_visible()
    expect(cole.get_by_text("Box breathing: done 0 of 3 times")).to_be_visible()
    axe(cole)

    alice = sign_in("alice", page=new_page(viewport=PHONE, mobile=True))
    _log_box_breathing(alice)
    alice.goto("/homework")
    card = alice.get_by_role("article", name=TITLE)
    expect(card.get_by_label("Box breathing: done 1 of 3 times")).to_have_attribute("value", "1")
    expect(card.get_by_role("button", name="Mark as done")).to_have_count(0)
    axe(alice)

    _log_box_breathing(alice)
    _log_box_breathing(alice)
    alice.goto("/homework")
    done = alice.get_by_role("region", name="Done").get_by_role("article", name=TITLE)
    expect(done.get_by_text("Done today.")).to_be_visible()
    expect(done.get_by_label("Box breathing: done 3 of 3 times")).to_have_attribute("value", "3")
    expect(alice.get_by_role("region", name="To do")).to_contain_text("Nothing to do right now.")
    axe(alice)
    done.get_by_label("Well done! How did it go? (optional)").fill(REFLECTION)
    done.get_by_role("button", name="Save reflection").tap()
    expect(alice.get_by_role("status")).to_have_text("Saved. Well done for doing this.")
    expect(alice.get_by_label("Your reflection")).to_have_value(REFLECTION)
    axe(alice)

    alice.get_by_role("link", name=TITLE).tap()
    expect(alice.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    axe(alice)

    cole.goto(f"/clients/{personas.alice.id}/homework")
    expect(cole.get_by_text(REFLECTION)).to_be_visible()
    cole.get_by_role("link", name=TITLE).click()
    expect(cole.get_by_text("Done today.")).to_be_visible()
    expect(cole.get_by_role("heading", name="Change this homework")).to_have_count(0)
    axe(cole)


def test_alice_sees_what_is_overdue_at_the_top(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    from mend.care.homework import rules
    from mend.care.homework import service as homework

    with store.begin() as db:
        alice, tara = db.get(Membership, personas.alice.id), db.get(Membership, personas.tara.id)
        assert alice is not None and tara is not None
        now = utcnow()
        late = rules.Draft(
            kind="worksheet", title="Values card sort", due_at=now - timedelta(days=1)
        )
        soon = rules.Draft(kind="reading", title="Sleep leaflet", due_at=now + timedelta(hours=5))
        for draft, set_at in ((late, now - timedelta(days=5)), (soon, now)):
            homework.assign(db, client=alice, by=tara, draft=draft, goal_id=None, now=set_at)
    page = sign_in("alice")
    page.goto("/homework")
    coming = page.get_by_role("region", name="Coming up")
    expect(coming.get_by_role("link", name="Values card sort")).to_be_visible()
    expect(coming.get_by_role("link", name="Sleep leaflet")).to_be_visible()
    expect(coming).to_contain_text("Running late is OK")
    axe(page)
    page.get_by_role("region", name="To do").get_by_label("How did it go? (optional)").first.fill(
        "Sorted them at the kitchen table."
    )
    page.get_by_role("region", name="To do").get_by_role(
        "button", name="Mark as done"
    ).first.click()
    expect(page.get_by_role("status")).to_have_text("Saved. Well done for doing this.")
    expect(page.get_by_role("region", name="Done")).to_contain_text("Values card sort")
