"""Goals in a browser: Cole, whom alice shares goals with, suggests one on her
goals page; alice finds it waiting for her, accepts it, and checks in 0–10
with a note. Every page passes the axe check and asks nothing of anyone else."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session, sessionmaker

from mend.accounts.models import Membership
from mend.care import service as care
from mend.care.policy import Category
from mend.clock import utcnow
from tests.browser.conftest import Axe, Personas, Requests, SignIn

pytestmark = pytest.mark.browser

TITLE = "Walk three mornings a week"


def _share_goals_with_cole(store: sessionmaker[Session], personas: Personas) -> None:
    with store.begin() as db:
        alice = db.get(Membership, personas.alice.id)
        assert alice is not None
        care.set_consent(
            db,
            client=alice,
            member_id=personas.cole.id,
            category=Category.GOALS_HOMEWORK,
            granted=True,
            changed_by=alice,
            now=utcnow(),
        )


def test_cole_suggests_and_alice_accepts_and_checks_in(
    sign_in: SignIn,
    personas: Personas,
    store: sessionmaker[Session],
    axe: Axe,
    requests_seen: Requests,
) -> None:
    _share_goals_with_cole(store, personas)
    target = (utcnow() + timedelta(days=30)).date().isoformat()

    cole = sign_in("cole")
    cole.goto(f"/clients/{personas.alice.id}/goals")
    expect(cole.get_by_role("heading", level=1)).to_have_text("Alice's goals")
    expect(cole.get_by_text("Alice decides on their own goals.")).to_be_visible()
    axe(cole)
    form = cole.get_by_role("region", name="Suggest a goal")
    form.get_by_label("The goal, in a few words").fill(TITLE)
    form.get_by_label("What exactly would they do?").fill("Walk the river path before work.")
    form.get_by_label("How would they know it is done?").fill("Three ticks a week.")
    form.get_by_label("By when, if a date helps").fill(target)
    form.get_by_role("button", name="Suggest this goal to Alice").click()
    expect(cole.get_by_role("status")).to_have_text(
        "Your suggestion was sent. It waits for Alice to decide."
    )
    waiting = cole.get_by_role("region", name="Suggestions waiting for Alice")
    expect(waiting.get_by_role("link", name=TITLE)).to_be_visible()
    axe(cole)
    waiting.get_by_role("link", name=TITLE).click()
    expect(cole.get_by_role("heading", level=2, name="Waiting for Alice")).to_be_visible()
    expect(cole.get_by_role("button", name="Accept as my goal")).to_have_count(0)
    axe(cole)

    alice = sign_in("alice")
    alice.goto("/goals")
    suggestions = alice.get_by_role("region", name="Suggestions waiting for you")
    expect(suggestions.get_by_text("from Cole")).to_be_visible()
    expect(alice.get_by_role("region", name="Working on now")).not_to_contain_text(TITLE)
    axe(alice)
    suggestions.get_by_role("button", name=f"Accept “{TITLE}” as my goal").click()

    expect(alice).to_have_url(re.compile(r"/goals/\w+\?done=accept$"))
    expect(alice.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(alice.get_by_role("status")).to_have_text("You accepted it. It is your goal now.")
    expect(alice.get_by_text("First suggested by Cole")).to_be_visible()
    axe(alice)

    scale = alice.get_by_role("group", name="How is it going, from 0 to 10?")
    scale.get_by_text("6", exact=True).click()
    expect(scale.get_by_role("radio", name="6", exact=True)).to_be_checked()
    alice.get_by_label("A note to yourself (you can leave this empty)").fill("Two walks so far.")
    alice.get_by_role("button", name="Save check-in").click()
    expect(alice.get_by_role("status")).to_contain_text("Check-in saved")
    history = alice.get_by_role("region", name="Check-ins")
    expect(history.get_by_text("6 out of 10")).to_be_visible()
    expect(history.get_by_text("Two walks so far.")).to_be_visible()
    axe(alice)

    alice.goto("/goals")
    expect(
        alice.get_by_role("region", name="Working on now").get_by_role("link", name=TITLE)
    ).to_be_visible()
    expect(alice.get_by_role("region", name="Suggestions waiting for you")).to_have_count(0)
    assert requests_seen.elsewhere() == []


def test_alice_sets_her_own_goal_and_lets_it_go_kindly(
    sign_in: SignIn, personas: Personas, axe: Axe
) -> None:
    alice = sign_in("alice")
    alice.goto("/goals")
    new = alice.get_by_role("region", name="Set a new goal")
    new.get_by_role("button", name="Save my goal").click()
    expect(alice.get_by_text("Please give your goal a name, in a few words.").first).to_be_visible()
    expect(alice.get_by_label("What is your goal?")).to_have_attribute("aria-invalid", "true")
    axe(alice)

    alice.get_by_label("What is your goal?").fill("Plant the tomatoes")
    alice.get_by_label("Why does it matter to you?").fill("My head is quiet in the garden.")
    alice.get_by_role("button", name="Save my goal").click()
    expect(alice.get_by_role("status")).to_contain_text("This is your goal now")
    alice.get_by_label("Add a small step").fill("Buy compost")
    alice.get_by_role("button", name="Add step").click()
    alice.get_by_role("button", name="Mark done: Buy compost").click()
    expect(alice.get_by_role("button", name="Mark not done: Buy compost")).to_be_visible()
    axe(alice)

    alice.get_by_role("button", name="Let it go").click()
    expect(alice.get_by_role("status")).to_have_text("Let go. That is a choice, not a failure.")
    expect(alice.get_by_role("button", name="Pick it up again")).to_be_visible()
    axe(alice)
