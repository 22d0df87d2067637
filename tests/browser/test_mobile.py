"""Alice's pages on a small phone screen (375 x 740)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from mend.audit import service as audit_log
from mend.audit.service import Actor
from mend.clock import utcnow
from tests.browser.conftest import Axe, NewPage, Personas, SignIn

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def _fits_the_screen(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def test_today_and_consent_on_a_phone(new_page: NewPage, sign_in: SignIn, axe: Axe) -> None:
    page = sign_in("alice", page=new_page(viewport=PHONE, mobile=True))
    page.goto("/today")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Alice")
    expect(page.get_by_role("button", name="Sign out")).to_be_in_viewport()
    _fits_the_screen(page)
    axe(page)

    page.get_by_role("link", name="Choose what each person can see").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("What you share, and with whom")
    page.get_by_role("button", name="Share Journal with Tara").tap()
    expect(page.get_by_role("button", name="Stop sharing Journal with Tara")).to_be_visible()
    expect(page.get_by_role("table", name="Every sharing change, newest first")).to_be_visible()
    _fits_the_screen(page)
    axe(page)


@pytest.mark.parametrize(
    ("name", "page_path", "caption"),
    [
        ("alice", "/my-record/access", "Looks and changes, newest first"),
        ("ada", "/admin/audit", "Newest first, at most 200 entries"),
    ],
)
def test_wide_tables_on_a_phone(
    name: str,
    page_path: str,
    caption: str,
    new_page: NewPage,
    sign_in: SignIn,
    personas: Personas,
    store: sessionmaker[Session],
    axe: Axe,
) -> None:
    """A table wider than the screen scrolls sideways, and the keyboard can scroll it too."""
    tara = personas.tara
    actor = Actor(user_id=tara.user_id, role=tara.role.value, org_id=tara.org_id, ip="127.0.0.1")
    with store.begin() as db:  # tara has been reading alice's record
        for action in ("profile.read", "coping.read", "measures.read"):
            audit_log.record(
                db,
                actor=actor,
                action=action,
                outcome="allowed",
                now=utcnow(),
                resource_type=action.split(".")[0],
                resource_id=personas.alice.id,
                subject_client_id=personas.alice.id,
                detail={"relation": "treating"},
            )
    page = sign_in(name, page=new_page(viewport=PHONE, mobile=True))
    page.goto(page_path)
    rows = page.get_by_role("table", name=caption).locator("tbody tr")
    expect(rows.filter(has_text="Tara")).to_have_count(3)
    _fits_the_screen(page)
    axe(page)
