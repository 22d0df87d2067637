"""What works: Alice's own evidence, and her therapist's view with the numbers behind it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mend.accounts.models import Membership
from mend.audit.models import AuditEntry
from mend.care import service as care
from mend.care.policy import Category
from mend.clock import utcnow
from mend.coping import service as coping
from tests.browser.conftest import Axe, NewPage, Personas, SignIn
from tests.browser.coping_setup import fill_jar

pytestmark = pytest.mark.browser

JAR = {"box-breathing": None, "call-a-friend": None, "self-injury": "action"}
# (days ago, before, after, strategies, category, loss orientation)
HISTORY = [
    (20, 8, 6, ("self-injury",), "family", None),
    (19, 7, 5, ("self-injury", "box-breathing"), "loss", "loss"),
    (17, 7, 3, ("box-breathing",), "loss", "restoration"),
    (12, 6, 2, ("call-a-friend",), "work", None),
    (10, 8, 4, ("box-breathing",), "loss", "loss"),
    (6, 6, 2, ("call-a-friend", "box-breathing"), "work", None),
    (3, 5, 2, ("box-breathing",), "loss", "restoration"),
    (1, 7, 3, ("call-a-friend",), "family", None),
]


def _history(store: sessionmaker[Session], personas: Personas) -> None:
    items = fill_jar(store, personas.alice.id, JAR)
    now = utcnow()
    limits = coping.MomentLimits(now=now, skew=timedelta(minutes=5), imminent_urge_level=8)
    with store.begin() as db:
        alice = db.get(Membership, personas.alice.id)
        assert alice is not None
        for i, (days, before, after, used, category, side) in enumerate(HISTORY):
            data = coping.MomentData(
                occurred_at=now - timedelta(days=days), distress_before=before,
                distress_after=after, strategy_ids=tuple(items[r] for r in used),
                stressor_category=category, loss_orientation=side,
                controllability="cannot" if category == "loss" else "can",
                note=f"Moment number {i}",
            )  # fmt: skip
            coping.log_moment(db, client=alice, key=f"history-{i:04d}", data=data, limits=limits)
        urge = coping.UrgeData(
            started_at=now - timedelta(days=2), samples=((0, 6), (1, 9), (2, 7), (3, 3)),
            self_harm=True, ended=True,
        )  # fmt: skip
        coping.save_urge_session(
            db, client=alice, key="urge-session-1", data=urge, passed_level=4, limits=limits
        )


def _charts_drawn(page: Page, *ids: str) -> None:
    for chart_id in ids:
        # The chart script runs after load; waiting (not a one-off read) keeps this from racing it.
        page.wait_for_function(f"() => !!window.Chart && !!Chart.getChart('{chart_id}')")


def test_alice_sees_what_works_for_her(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    _history(store, personas)
    page = sign_in("alice")
    page.goto("/jar/insights")
    expect(page.get_by_role("heading", level=1)).to_have_text("What works for me")
    expect(page.locator("#balance-summary")).to_contain_text("moments used only ways that help")
    works = page.get_by_role("region", name="What works for me")
    works.get_by_text("The numbers", exact=True).click()
    table = works.get_by_role("table")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.get_by_role("row", name="Call a friend")).to_contain_text("3")
    urges = page.get_by_role("region", name="Urges pass")
    expect(urges).to_contain_text("Your urges peaked after 1 minute and passed within 3")
    _charts_drawn(page, "chart-balance", "chart-works", "chart-grief")
    expect(page.get_by_text("Dual-process")).to_have_count(0)
    axe(page)


def test_tara_sees_the_same_with_the_evidence_and_risk(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    _history(store, personas)
    page = sign_in("tara")
    page.goto(f"/clients/{personas.alice.id}")
    page.get_by_role("link", name="Coping jar, moments and what works").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coping: Alice")
    risk = page.get_by_role("region", name="Risk signals")
    expect(risk).to_contain_text("urge to self-harm at 9/10")
    jar = page.get_by_role("region", name="The jar")
    expect(jar.get_by_role("row", name="Hurting myself")).to_contain_text("action")
    expect(jar).to_contain_text("Replacements for Hurting myself")
    balance = page.get_by_role("region", name="Jar balance by week")
    expect(balance.get_by_role("columnheader", name="Helpful-only share")).to_be_visible()
    works = page.get_by_role("region", name="What works for this client")
    expect(works.get_by_role("columnheader", name="Shrunk toward")).to_be_visible()
    expect(page.get_by_role("region", name="Goodness of fit")).to_contain_text("of 8 moments")
    recent = page.get_by_role("region", name="Recent moments")
    expect(recent.get_by_text("Moment number 7")).to_be_visible()
    _charts_drawn(page, "chart-balance", "chart-works", "chart-grief")
    axe(page)
    with store.begin() as db:
        reads = db.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "coping.read",
                AuditEntry.subject_client_id == personas.alice.id,
            )
        ).all()
        assert len(reads) == 1


def test_cole_sees_coping_only_after_alice_shares_it(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    _history(store, personas)
    page = sign_in("cole")
    response = page.goto(f"/clients/{personas.alice.id}/coping")
    assert response is not None and response.status == 403
    axe(page)
    with store.begin() as db:
        alice = db.get(Membership, personas.alice.id)
        assert alice is not None
        care.set_consent(
            db, client=alice, member_id=personas.cole.id, category=Category.COPING,
            granted=True, changed_by=alice, now=utcnow(),
        )  # fmt: skip
    page.goto(f"/clients/{personas.alice.id}/coping")
    expect(page.get_by_role("heading", level=1)).to_have_text("Coping: Alice")
    expect(page.get_by_role("region", name="Risk signals")).to_have_count(0)
    expect(page.get_by_role("region", name="What works for this client")).to_be_visible()
    axe(page)


def test_charts_draw_under_the_real_content_security_policy(
    new_page: NewPage, sign_in: SignIn, personas: Personas, store: sessionmaker[Session]
) -> None:
    _history(store, personas)
    page = sign_in("alice", page=new_page(strict_csp=True))
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto("/jar/insights")
    _charts_drawn(page, "chart-balance", "chart-works", "chart-grief")
    assert problems == []
