"""Questionnaires in a browser: tara assigns, alice answers on her phone (one
question a screen, resumable), a risk answer shows crisis lines, both see the
results, and ada turns on a questionnaire that needs permission."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from mend.accounts.models import Membership
from mend.clock import utcnow
from mend.measures import service as measures
from mend.measures.definitions import instruments
from mend.measures.models import InstrumentPermission, MeasureResponse
from mend.measures.scoring import scorer
from mend.safety.models import RiskSignal
from tests.browser.conftest import Axe, NewPage, Personas, SignIn

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
PHQ9_QUESTION_1 = "Little interest or pleasure in doing things"
PHQ9_QUESTION_2 = "Feeling down, depressed, or hopeless"


def _assign(store: sessionmaker[Session], personas: Personas, instrument_id: str) -> str:
    with store.begin() as db:
        client = db.get(Membership, personas.alice.id)
        therapist = db.get(Membership, personas.tara.id)
        assert client is not None and therapist is not None
        assignment = measures.assign(
            db,
            client=client,
            instrument=instruments()[instrument_id],
            every_days=14,
            starts_at=utcnow() - timedelta(minutes=1),
            by=therapist,
            now=utcnow(),
        )
        return assignment.id


def _count(store: sessionmaker[Session], model: type, *where: object) -> int:
    with store.begin() as db:
        return int(db.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]


def _answer(page: Page, question: str, label: str) -> None:
    page.get_by_role("group", name=question).get_by_text(label, exact=True).tap()


def test_alice_answers_one_question_a_screen_and_can_come_back_later(
    new_page: NewPage, sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    _assign(store, personas, "phq9")
    page = sign_in("alice", page=new_page(viewport=PHONE, mobile=True))
    page.goto("/today")
    page.get_by_role("link", name="Start PHQ-9").tap()
    expect(
        page.get_by_text("Over the last 2 weeks, how often have you been bothered")
    ).to_be_visible()
    expect(page.get_by_text(PHQ9_QUESTION_1)).to_be_visible()
    expect(page.get_by_text(PHQ9_QUESTION_2)).to_be_hidden()
    axe(page)

    _answer(page, f"Question 1 of 10 {PHQ9_QUESTION_1}", "Several days")
    page.get_by_role("button", name="Next").tap()
    _answer(page, f"Question 2 of 10 {PHQ9_QUESTION_2}", "More than half the days")
    expect(page.get_by_text("2 of 10 answered")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Saved so far.")

    page.reload()
    expect(page.get_by_text("Question 3 of 10")).to_be_visible()
    page.get_by_role("button", name="Back").tap()
    expect(
        page.get_by_role("group", name=f"Question 2 of 10 {PHQ9_QUESTION_2}").get_by_label(
            "More than half the days"
        )
    ).to_be_checked()
    assert _count(store, MeasureResponse, MeasureResponse.status == "draft") == 1

    for _ in range(2, 10):
        page.get_by_role("button", name="Next").tap()
        page.locator("fieldset.question:not([hidden])").get_by_role("radio").first.tap()
    page.get_by_role("button", name="Finish and save").tap()
    expect(page.get_by_role("status")).to_have_text("Thank you. Your answers are saved.")
    expect(page.get_by_text("Latest: 3 (minimal)")).to_be_visible()
    axe(page)
    assert _count(store, MeasureResponse, MeasureResponse.status == "complete") == 1


def test_a_risk_answer_shows_crisis_lines_at_once(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    assignment = _assign(store, personas, "phq9")
    page = sign_in("alice")
    page.goto(f"/measures/take/{assignment}")
    for question in page.locator("fieldset.question").all():
        question.get_by_role("radio").first.check()
    page.get_by_role("group", name="Question 9 of 10").get_by_text("Several days").click()
    page.get_by_role("button", name="Finish and save").click()
    expect(page.get_by_role("heading", name="Your safety comes first")).to_be_visible()
    expect(page.get_by_text("Thank you for answering honestly.")).to_be_visible()
    axe(page)
    assert _count(store, RiskSignal, RiskSignal.kind == "phq9_risk_item") == 1


def test_tara_assigns_and_reads_the_trajectory(
    sign_in: SignIn, personas: Personas, store: sessionmaker[Session], axe: Axe
) -> None:
    assignment = _assign(store, personas, "gad7")
    with store.begin() as db:
        row = measures.get_assignment(db, client_id=personas.alice.id, assignment_id=assignment)
        for answers in ([3, 2, 2, 2, 2, 2, 2], [1, 1, 1, 1, 1, 1, 1]):
            measures.complete(
                db, assignment=row, scoring=scorer("gad7"), answers=answers, now=utcnow()
            )
    page = sign_in("tara")
    page.goto(f"/clients/{personas.alice.id}/measures")
    axe(page)
    expect(page.get_by_text("Latest: 7 (mild)")).to_be_visible()
    expect(page.locator("canvas#chart-gad7")).to_be_visible()
    page.wait_for_function("() => !!window.Chart && !!Chart.getChart('chart-gad7')")
    expect(page.get_by_role("cell", name="Reliable improvement")).to_be_visible()

    page.get_by_label("Questionnaire", exact=True).select_option("pcl5")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("status")).to_have_text(
        "Assigned. The client will see it on their home page."
    )
    expect(page.get_by_role("rowheader", name="PCL-5")).to_be_visible()


def test_ada_turns_on_a_questionnaire_that_needs_permission(
    sign_in: SignIn, store: sessionmaker[Session], axe: Axe
) -> None:
    page = sign_in("ada")
    page.goto("/admin/instruments")
    axe(page)
    who5 = page.get_by_role("region", name="WHO-5")
    who5.get_by_label("How your organisation has permission").fill("WHO permission letter 2026-11")
    who5.get_by_label("I confirm we have permission").check()
    who5.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    assert _count(store, InstrumentPermission, InstrumentPermission.enabled.is_(True)) == 1
