"""The healing story as `mend demo` tells it, in a real browser (issue 7's
"done when"): alice moved from stabilisation to processing once readiness was
met; a pacing alert reached tara after the first processing session; growth
shows beside falling symptoms; and the progress report, on the page and in the
PDF, says so. Every page passes axe and asks nothing of any other site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from mend import demo
from mend.accounts import service as accounts
from mend.accounts.models import Membership
from mend.accounts.passwords import make_hasher
from mend.clock import utcnow
from mend.reports import pdf
from mend.web.auth import SESSION_COOKIE
from tests.browser.conftest import SIGNED_IN_AGENT, Axe, LiveServer, NewPage, Requests

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Story:
    alice: str
    tara: str


@pytest.fixture
def story(store: sessionmaker[Session]) -> Story:
    hasher = make_hasher(time_cost=1, memory_cost=64, parallelism=1)
    with store.begin() as db:
        practice = demo.build(db, hasher=hasher, now=utcnow())
        return Story(alice=practice.clients[0].id, tara=practice.staff["therapist"].id)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML each PDF the live server makes is drawn from (made as usual)."""
    seen: list[str] = []
    real = pdf.to_pdf

    def keep(html: str) -> bytes:
        seen.append(html)
        return real(html)

    monkeypatch.setattr(pdf, "to_pdf", keep)
    return seen


@pytest.fixture
def signed_in(
    store: sessionmaker[Session], live_server: LiveServer, new_page: NewPage
) -> Callable[[str], Page]:
    def _signed_in(membership_id: str) -> Page:
        page = new_page()
        with store.begin() as db:
            membership = db.get_one(Membership, membership_id)
            token, _ = accounts.start_session(
                db,
                membership=membership,
                stage="active",
                ip="127.0.0.1",
                user_agent=SIGNED_IN_AGENT,
                now=utcnow(),
            )
        page.context.add_cookies(
            [{"name": SESSION_COOKIE, "value": token, "url": live_server.origin}]
        )
        return page

    return _signed_in


def test_the_demo_tells_the_healing_story(
    story: Story,
    signed_in: Callable[[str], Page],
    made: list[str],
    requests_seen: Requests,
    axe: Axe,
) -> None:
    tara = signed_in(story.tara)
    tara.goto(f"/clients/{story.alice}/journey")
    expect(tara.get_by_text("Stage 2: Remembrance and mourning", exact=True)).to_be_visible()
    expect(tara.get_by_text("Ready for stage 2 (all indicators met)", exact=False)).to_be_visible()
    expect(tara.locator(".tag.warn", has_text="Slow down")).to_be_visible()
    axe(tara)
    tara.get_by_role("link", name="The pacing alert", exact=False).first.click()
    expect(tara.get_by_role("heading", level=1)).to_contain_text("Alice Moreno")
    expect(tara.locator("main")).to_contain_text("slow down after a processing session")
    axe(tara)

    tara.goto(f"/clients/{story.alice}/healing")
    summary = tara.get_by_text("Symptoms have eased", exact=False)
    expect(summary).to_contain_text("reliable improvement")
    expect(summary).to_contain_text("growth is showing")
    axe(tara)

    tara.goto(f"/clients/{story.alice}/report")
    changed = tara.locator("main")
    expect(changed).to_contain_text("once readiness was met")
    expect(changed).to_contain_text("pacing", ignore_case=True)
    expect(changed).to_contain_text("Growth rose")
    axe(tara)
    clinical = tara.request.get(f"/clients/{story.alice}/report.pdf")
    assert clinical.ok and clinical.body().startswith(b"%PDF")

    alice = signed_in(story.alice)
    alice.goto("/journey")
    expect(alice.get_by_text("Making sense of what happened").first).to_be_visible()
    axe(alice)
    alice.goto("/healing")
    expect(alice.get_by_text("Your answers also show growth", exact=False)).to_be_visible()
    axe(alice)
    alice.goto("/my-record/report")
    mine = alice.locator("main")
    expect(mine).to_contain_text("Your symptom scores fell")
    expect(mine).to_contain_text("once you were ready")
    expect(mine).to_contain_text("Growth rose")
    axe(alice)
    download = alice.request.get("/my-record/report.pdf")
    assert download.ok and download.headers["content-type"] == "application/pdf"
    text = pdf.text_of(pdf.document(made[-1]))
    assert "Your symptom scores fell" in text and "once you were ready" in text
    assert "Growth rose" in text
    assert requests_seen.elsewhere() == []
