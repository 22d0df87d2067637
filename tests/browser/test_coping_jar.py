"""Alice builds her jar: adds helpful ways and a costly one, meets replace-before-reduce."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Axe, SignIn

pytestmark = pytest.mark.browser


def add_button(name: str) -> re.Pattern[str]:
    """The "Add to my jar" button of one strategy (its name is read out after the words)."""
    return re.compile(rf"^Add to my jar\s*:\s*{re.escape(name)}$")


def _add(page: Page, name: str, *, kind: str = "helpful") -> None:
    page.goto(f"/jar/add?kind={kind}")
    page.get_by_role("button", name=add_button(name)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("status")).to_have_text("Added to your jar.")


def test_alice_builds_her_jar_and_replaces_before_reducing(sign_in: SignIn, axe: Axe) -> None:
    page = sign_in("alice")
    page.goto("/jar")
    expect(page.get_by_role("heading", level=1)).to_have_text("My coping jar")
    expect(page.get_by_text("Nothing here yet.")).to_be_visible()
    axe(page)

    page.goto("/jar/add?kind=helpful&need=calm")
    axe(page)
    _add(page, "Hurting myself", kind="harmful")
    page.get_by_label("Stage of change").select_option("contemplation")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_label("Stage of change")).to_have_value("contemplation")

    goal = page.get_by_role("region", name="Using it less")
    expect(goal).to_contain_text("has been meeting a real need for you")
    expect(goal.get_by_role("button", name="Set a goal to use it less")).to_have_count(0)
    ideas = page.get_by_role("region", name="Ways that could meet the same need")
    expect(ideas.get_by_text("Meets the same need").first).to_be_visible()
    axe(page)

    ideas.get_by_role("button", name=add_button("Squeeze, pound or tear")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Squeeze, pound or tear")
    page.goto("/jar")
    page.get_by_role("link", name="Hurting myself").click()
    goal = page.get_by_role("region", name="Using it less")
    expect(goal).to_contain_text("You already have ways in your jar that meet the same need")
    goal.get_by_role("button", name="Set a goal to use it less").click()
    expect(page.get_by_role("region", name="Using it less")).to_contain_text(
        "You set a goal to use this less"
    )

    page.goto("/jar")
    jar = page.get_by_role("region", name="What's in my jar")
    expect(jar.get_by_role("link", name="Squeeze, pound or tear")).to_be_visible()
    expect(jar.get_by_text("Goal: use it less")).to_be_visible()
    axe(page)


def test_alice_retires_a_strategy_and_brings_it_back(sign_in: SignIn, axe: Axe) -> None:
    page = sign_in("alice")
    _add(page, "Box breathing")
    page.get_by_role("button", name="Retire it").click()
    expect(page.get_by_role("status")).to_have_text("This is retired. Its history is kept.")
    page.goto("/jar")
    expect(page.get_by_role("region", name="Retired").get_by_role("link")).to_have_text(
        "Box breathing"
    )
    axe(page)
    page.get_by_role("link", name="Box breathing").click()
    page.get_by_role("button", name="Bring it back to my jar").click()
    history = page.get_by_role("region", name="Keep or retire").get_by_role("listitem")
    expect(history).to_have_count(3)
    axe(page)


def test_alice_adds_a_strategy_in_her_own_words(sign_in: SignIn, axe: Axe) -> None:
    page = sign_in("alice")
    page.goto("/jar/personal")
    axe(page)
    page.get_by_role("button", name="Add to my jar").click(no_wait_after=True)
    page.get_by_label("What do you do?").fill("Call my sister and walk the dog")
    page.get_by_label("What kind of thing is it?").select_option(label="Being with people")
    page.get_by_label("Ways that help", exact=True).check()
    page.get_by_role("button", name="Add to my jar").click()
    expect(page.get_by_role("alert")).to_contain_text("needs another look")
    expect(page.get_by_role("alert")).to_contain_text("Choose at least one need it meets.")
    axe(page)
    page.get_by_label("To feel close to someone").check()
    page.get_by_role("button", name="Add to my jar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Call my sister and walk the dog")


def test_adding_a_strategy_with_danger_to_life_brings_up_crisis_support(
    sign_in: SignIn, axe: Axe
) -> None:
    page = sign_in("alice")
    page.goto("/jar/add?kind=harmful")
    page.get_by_role("button", name=add_button("Acting on thoughts of ending my life")).click()
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading", level=1)).to_have_text("Your safety comes first")
    expect(alert.get_by_role("link", name="988")).to_have_attribute("href", "tel:988")
    expect(alert).to_contain_text("Samaritans")
    axe(page)


def test_ada_adds_an_organisation_strategy_that_alice_can_use(sign_in: SignIn, axe: Axe) -> None:
    admin = sign_in("ada")
    admin.goto("/admin/strategies")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Our organisation's strategies")
    axe(admin)
    admin.get_by_label("Name").fill("Evening prayer circle")
    admin.get_by_label("Description, in plain and kind words").fill(
        "Praying together with others from the community in the evening."
    )
    admin.get_by_label("Family").select_option(label="Faith and spirituality")
    admin.get_by_role("button", name="Add strategy").click()
    expect(admin.get_by_role("alert")).to_contain_text("Choose at least one need it meets.")
    axe(admin)
    admin.get_by_label("To find meaning").check()
    admin.get_by_label("To feel close to someone").check()
    admin.get_by_label("Cultural or spiritual fit").fill("faith, collectivist")
    admin.get_by_role("button", name="Add strategy").click()
    expect(admin.get_by_role("status")).to_have_text("Added. Clients can now find it.")
    expect(admin.get_by_role("region", name="Added by us")).to_contain_text("Evening prayer circle")

    page = sign_in("alice")
    _add(page, "Evening prayer circle")
    expect(page.get_by_text("Praying together with others")).to_be_visible()

    admin.get_by_role("button", name=re.compile(r"^Retire\s*:\s*Evening prayer circle$")).click()
    expect(admin.get_by_role("region", name="Added by us")).to_contain_text("retired")
    page.goto("/jar/add?kind=helpful")
    expect(page.get_by_role("heading", name="Evening prayer circle")).to_have_count(0)
    page.goto("/jar")
    expect(page.get_by_role("link", name="Evening prayer circle")).to_be_visible()
