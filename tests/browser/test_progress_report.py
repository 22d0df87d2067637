"""The progress report in a real browser: alice finds her report from Today,
chooses a period, opens the printable page and downloads the PDF, then reads
a request to share it and says yes; tara reads alice's report and asks to
share it with cole; cole opens the copy only once alice has said yes. Every
page passes axe and asks nothing of any other site."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mend.accounts import service as accounts
from mend.accounts.models import Membership
from mend.care.goals import demo_stories as goal_stories
from mend.care.homework import demo_stories as homework_stories
from mend.clock import utcnow
from mend.coping import demo_stories as coping_stories
from mend.healing import demo_stories as healing_stories
from mend.measures import demo_stories as measure_stories
from mend.reports import content
from mend.reports import service as reports
from mend.reports.models import ReportShare
from mend.reports.rules import SECTIONS, Period
from mend.safety import demo_stories as safety_stories
from tests.browser.conftest import Axe, Personas, Requests, SignIn

pytestmark = pytest.mark.browser


def _story(store: sessionmaker[Session], personas: Personas) -> None:
    """alice's months, as the demo tells them."""
    now = utcnow()
    with store.begin() as db:
        alice, tara, cole = (
            db.get_one(Membership, personas[n].id) for n in ("alice", "tara", "cole")
        )
        org = alice.org
        named = {"alice": alice}
        coping_stories.tell_stories(db, clients=named, now=now, rng=random.Random("coping-7"))
        measure_stories.tell_stories(db, clients=named, therapists={"alice": tara}, now=now,
                                     rng=random.Random("measures-7"))  # fmt: skip
        safety_stories.tell_stories(db, org=org, clients=named, therapist=tara, duty=tara, now=now)
        for stories in (goal_stories, homework_stories, healing_stories):
            stories.tell_stories(db, org=org, clients=named, therapist=tara, coach=cole, now=now)


def _ask(store: sessionmaker[Session], personas: Personas, **who: str | None) -> str:
    """tara's request to share alice's last six months with cole (or `who`)."""
    now = utcnow()
    with store.begin() as db:
        alice = db.get_one(Membership, personas.alice.id)
        today = accounts.today_for(alice.org, now)
        asked = reports.request_share(
            db, client=alice, by=db.get_one(Membership, personas.tara.id),
            period=Period(today - timedelta(days=180), today),
            recipient_id=who.get("recipient_id", personas.cole.id),
            recipient_name=who.get("recipient_name"), purpose="To plan coaching together.",
            sections=SECTIONS, now=now,
        )  # fmt: skip
        return asked.share.id


def test_alice_reads_prints_downloads_and_shares_her_report(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], requests_seen: Requests,
    axe: Axe,
) -> None:  # fmt: skip
    _story(store, personas)
    share_id = _ask(store, personas)
    alice = sign_in("alice")
    alice.goto("/today")
    expect(alice.get_by_text("1 request to share your progress report")).to_be_visible()
    alice.get_by_role("link", name="My progress report").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("My progress report")
    expect(alice.get_by_role("heading", name="What changed")).to_be_visible()
    expect(alice.get_by_text("Your symptom scores fell", exact=False)).to_be_visible()
    expect(alice.get_by_role("img", name="PHQ-9 over the period")).to_be_visible()
    axe(alice)

    today = utcnow().date()
    alice.get_by_label("From", exact=True).fill((today - timedelta(days=180)).isoformat())
    alice.get_by_label("To", exact=True).fill(today.isoformat())
    alice.get_by_role("button", name="Show my report").click()
    expect(alice.get_by_text("once you were ready", exact=False).first).to_be_visible()
    expect(alice.get_by_text("to slow down together", exact=False).first).to_be_visible()
    axe(alice)

    alice.get_by_label("From", exact=True).fill(today.isoformat())
    alice.get_by_label("To", exact=True).fill((today - timedelta(days=1)).isoformat())
    alice.get_by_role("button", name="Show my report").click()
    expect(alice.get_by_text("The start must be on or before the end.", exact=True)).to_be_visible()
    expect(alice.get_by_label("From", exact=True)).to_have_attribute("aria-invalid", "true")
    axe(alice)

    alice.goto("/my-record/report")
    with alice.expect_download() as downloaded:
        alice.get_by_role("link", name="Download the PDF").click()
    assert downloaded.value.suggested_filename.startswith("progress-report-")
    assert downloaded.value.suggested_filename.endswith(".pdf")
    alice.get_by_role("link", name="Printable page").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("Progress report: Alice")
    expect(alice.get_by_text("Alice’s own version", exact=False)).to_be_visible()
    axe(alice)

    alice.goto("/my-record/report")
    alice.get_by_role("link", name="Read it and decide").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("A request to share your report")
    expect(alice.get_by_text("Nothing is shared until you do.", exact=False)).to_be_visible()
    axe(alice)
    alice.get_by_role("button", name="Yes, share this copy").click()
    expect(alice.get_by_text("You said yes", exact=False).first).to_be_visible()
    expect(alice.get_by_role("button", name="Withdraw my yes")).to_be_visible()
    axe(alice)
    with store.begin() as db:
        assert db.get_one(ReportShare, share_id).status == "approved"
    assert requests_seen.elsewhere() == []


def test_tara_reads_and_asks_and_cole_opens_only_after_the_yes(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], requests_seen: Requests,
    axe: Axe,
) -> None:  # fmt: skip
    _story(store, personas)
    tara = sign_in("tara")
    tara.goto(f"/clients/{personas.alice.id}")
    tara.get_by_role("link", name="Progress report").click()
    expect(tara.get_by_role("heading", level=1)).to_have_text("Progress report: Alice")
    expect(tara.get_by_role("heading", name="Goodness of fit")).to_be_visible()
    expect(tara.get_by_role("img", name="Jar balance per week")).to_be_visible()
    axe(tara)

    tara.get_by_label("Cole, Alice’s coach").check()
    tara.get_by_label("What is it for?").fill("To plan coaching together.")
    tara.get_by_role("checkbox", name="Healing journey").uncheck()
    tara.get_by_role("button", name="Ask Alice").click()
    expect(tara.get_by_text("Request sent.", exact=False)).to_be_visible()
    expect(tara.get_by_text("Waiting for the client")).to_be_visible()
    axe(tara)

    tara.get_by_role("link", name="Printable page").click()
    expect(tara.get_by_text("Clinical version, for the treating therapist")).to_be_visible()
    axe(tara)

    cole = sign_in("cole")
    cole.goto(f"/clients/{personas.alice.id}")
    cole.get_by_role("link", name="Progress reports shared with you").click()
    expect(cole.get_by_text("No progress report is shared with you.")).to_be_visible()
    axe(cole)
    response = cole.goto(f"/clients/{personas.alice.id}/report")
    assert response is not None and response.status == 403

    with store.begin() as db:
        share = db.scalars(select(ReportShare)).one()
        alice = db.get_one(Membership, personas.alice.id)
        limits = reports.Limits()
        seen = content.fingerprint(
            reports.preview(db, share=share, client=alice, limits=limits, now=utcnow())
        )
        reports.approve(db, share=share, client=alice, seen=seen, limits=limits, now=utcnow())
    cole.goto(f"/clients/{personas.alice.id}/report/shares")
    cole.get_by_role("link", name="Open", exact=False).click()
    expect(cole.get_by_role("heading", level=1)).to_have_text("Shared progress report: Alice")
    expect(cole.get_by_role("heading", name="Your goals and homework")).to_be_visible()
    expect(cole.get_by_role("heading", name="Your healing journey")).to_have_count(0)
    axe(cole)
    assert requests_seen.elsewhere() == []
