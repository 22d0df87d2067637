"""The healing view in a real browser: tara finds alice's from her client page,
reads growth beside falling symptoms with every chart drawn and its numbers
beside it, follows a finding to its evidence, and meets the same finding as a
gentle line on her caseload; alice finds her own from the menu, in plain
words, without the clinician's findings. Every page passes axe and asks
nothing of any other site."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from mend.accounts.models import Membership, Organisation
from mend.clock import utcnow
from mend.coping import service as coping
from mend.healing import growth_stories
from mend.healing import service as journey
from mend.measures import demo_stories as measure_stories
from tests.browser.conftest import Axe, Personas, Requests, SignIn
from tests.browser.coping_setup import fill_jar

pytestmark = pytest.mark.browser


def _story(store: sessionmaker[Session], personas: Personas) -> None:
    """ada turns PTGI-SF and BRS on; alice's questionnaires over five months
    (symptoms falling, growth rising); five recent moments about a loss, all
    focused on the loss (a finding for tara)."""
    items = fill_jar(store, personas.alice.id, {"make-room-for-grief": None})
    now = utcnow()
    with store.begin() as db:
        alice = db.get_one(Membership, personas.alice.id)
        tara = db.get_one(Membership, personas.tara.id)
        ada = db.get_one(Membership, personas.ada.id)
        org = db.get_one(Organisation, personas.riverside_id)
        for when, happen in growth_stories.permission_events(
            org=org, admin=ada, at=now - timedelta(days=170)
        ):
            happen(db, when=when)
        measure_stories.tell_stories(
            db, clients={"alice": alice}, therapists={"alice": tara}, now=now,
            rng=random.Random("measures-7"),
        )  # fmt: skip
        growth_stories.tell_stories(db, clients={"alice": alice}, therapist=tara, now=now)
        limits = coping.MomentLimits(now=now, skew=timedelta(minutes=5), imminent_urge_level=8)
        for n in range(5):
            data = coping.MomentData(
                occurred_at=now - timedelta(days=n + 1), distress_before=7, distress_after=5,
                strategy_ids=(items["make-room-for-grief"],), stressor_category="loss",
                loss_orientation="loss",
            )  # fmt: skip
            coping.log_moment(db, client=alice, key=f"grief-moment-{n:02d}", data=data,
                              limits=limits)  # fmt: skip


def _charts_drawn(page: Page, *ids: str) -> None:
    for chart_id in ids:
        # The chart script runs after load; waiting (not a one-off read) keeps this from racing it.
        page.wait_for_function(f"() => !!window.Chart && !!Chart.getChart('{chart_id}')")


def test_tara_reads_growth_beside_symptoms_and_follows_a_finding(
    sign_in: SignIn,
    personas: Personas,
    store: sessionmaker[Session],
    requests_seen: Requests,
    axe: Axe,
) -> None:
    _story(store, personas)
    tara = sign_in("tara")
    tara.goto(f"/clients/{personas.alice.id}")
    tara.get_by_role("link", name="Healing view: growth beside symptoms").click()
    expect(tara.get_by_role("heading", level=1)).to_have_text("Healing view: Alice")
    summary = tara.get_by_role("region", name="In short")
    expect(summary).to_contain_text("Symptoms have eased: PHQ-9 from")
    expect(summary).to_contain_text("and growth is showing in appreciation of life (3 to 8)")
    _charts_drawn(tara, "chart-symptom-phq9", "chart-symptom-gad7", "chart-symptom-pcl5",
                  "chart-ptgi", "chart-brs", "chart-balance")  # fmt: skip
    growth = tara.get_by_role("region", name="Growth", exact=True)
    expect(growth.get_by_role("table", name="Growth measures: first, latest and change")
           .get_by_role("row", name="BRS")).to_contain_text("3.67")  # fmt: skip
    ptgi = growth.get_by_role("region", name="PTGI-SF scores")
    expect(ptgi.locator("tbody tr")).to_have_count(growth_stories.ROUNDS)
    axe(tara)

    findings = tara.get_by_role("region", name="Worth discussing")
    expect(findings.get_by_role("heading", name="Grief coping all loss-oriented")).to_be_visible()
    findings.get_by_role("link", name="See the data for grief coping all loss-oriented").click()
    expect(tara.get_by_role("heading", name="Dual-process balance (grief)")).to_be_visible()
    assert tara.url.endswith(f"/clients/{personas.alice.id}/coping#grief-h")

    tara.goto("/caseload")
    row = tara.get_by_role("row", name="Alice")
    expect(row).to_contain_text("Worth discussing: grief coping all loss-oriented")
    axe(tara)
    row.get_by_role("link", name="see the findings for Alice").click()
    expect(tara.get_by_role("heading", level=1)).to_have_text("Healing view: Alice")
    assert tara.url.endswith("#insights-h")

    _weighing_readiness(store, personas)
    tara.get_by_role("link", name="Healing journey: stage, readiness and pacing").click()
    beside = tara.get_by_role("region", name="Worth discussing beside readiness")
    expect(beside.get_by_role("heading", name="Grief coping all loss-oriented")).to_be_visible()
    axe(tara)
    assert requests_seen.elsewhere() == []


def _weighing_readiness(store: sessionmaker[Session], personas: Personas) -> None:
    """Stage 1 with a readiness decision: the findings go beside readiness."""
    with store.begin() as db:
        alice = db.get_one(Membership, personas.alice.id)
        tara = db.get_one(Membership, personas.tara.id)
        journey.change_stage(db, client=alice, by=tara, target=1, reason="Stabilise first.",
                             override_reason=None, version=0, now=utcnow())  # fmt: skip
        journey.record_decision(db, client=alice, by=tara, decision="not_yet",
                                reason="Grounding is still new.", now=utcnow())  # fmt: skip


def test_alice_reads_her_own_in_plain_words(
    sign_in: SignIn,
    personas: Personas,
    store: sessionmaker[Session],
    requests_seen: Requests,
    axe: Axe,
) -> None:
    _story(store, personas)
    alice = sign_in("alice")
    alice.goto("/today")
    alice.get_by_role("navigation", name="Main").get_by_role(
        "link", name="How I am healing"
    ).click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("How I am healing")
    summary = alice.get_by_role("region", name="In short")
    expect(summary).to_contain_text("Your answers show some things have eased: low mood (PHQ-9)")
    expect(summary).to_contain_text("Your answers also show growth in appreciating life")
    _charts_drawn(alice, "chart-symptom-phq9", "chart-ptgi", "chart-brs", "chart-balance")
    expect(alice.get_by_text("Worth discussing")).to_have_count(0)
    expect(alice.get_by_text("Grief coping all")).to_have_count(0)
    expect(alice.get_by_text("Not shared with you")).to_have_count(0)
    axe(alice)
    alice.set_viewport_size({"width": 360, "height": 740})  # a small phone: tables scroll inside
    assert alice.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    alice.get_by_role("link", name="My healing journey").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("My healing journey")
    alice.get_by_role("link", name="How I am healing: how I have been feeling").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("How I am healing")
    assert requests_seen.elsewhere() == []
