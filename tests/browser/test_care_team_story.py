"""Issue 6, "Done when", in a real browser as one story: a coach and a
therapist share a client. alice shares goals and homework and her coping jar
with cole on her Sharing page; cole suggests a SMART goal, which alice accepts;
cole sets practice from her jar, which alice finishes by logging moments on the
Log a moment page, and she writes how it went; tara writes a SOAP note, a
psychotherapy note and a diagnosis. alice then shares everything else with
cole too, yet none of cole's pages shows a diagnosis or a clinical note and
their addresses are refused him. alice reads the note and the diagnosis, never
the psychotherapy note. Every page visited passes the axe check.

Set up outside the pages: alice's jar holds Box breathing (``fill_jar``, as
the other browser tests do). Everything else goes through the pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mend.care.notes.models import Note
from mend.clock import utcnow
from tests.browser.conftest import Axe, Personas, Requests, SignIn
from tests.browser.coping_setup import fill_jar

pytestmark = pytest.mark.browser

GOAL = "Walk three mornings a week"
TIMES = 3  # how many times cole asks alice to practise; every one logged on the page
PRACTICE = f"Practise Box breathing {TIMES} times"
REFLECTION = "Easiest on the bus home. I will keep doing it."
SUBJECTIVE = "Nightmares twice this week; avoiding the bus route."
OBJECTIVE = "Tired, good eye contact."
ASSESSMENT = "Trauma symptoms, improving with grounding."
PLAN = "Grounding practice daily; review next week."
PRIVATE = "I feel pulled to rescue her. Take to supervision."
CODE, LABEL = "6B40", "Post traumatic stress disorder"
TARAS_WORDS = (SUBJECTIVE, OBJECTIVE, ASSESSMENT, PLAN, PRIVATE, CODE, LABEL)

GOALS_HOMEWORK = "Goals and homework"
COPING = "Coping jar and coping moments"
THE_REST = (
    "Questionnaires and scores",
    "Journal",
    "Safety plan",
    "Talking with your other team members about you (consultation)",
)


def _cole_on_consent_page(page: Page) -> Locator:
    return page.locator("section.card").filter(
        has=page.get_by_role("heading", level=2, name="Cole")
    )


def _share_with_cole(page: Page, axe: Axe, labels: tuple[str, ...]) -> None:
    """alice presses Share on her Sharing page, one category at a time."""
    page.goto("/consent")
    expect(page.get_by_role("heading", level=1)).to_have_text("What you share, and with whom")
    axe(page)
    cole = _cole_on_consent_page(page)
    for label in labels:
        page.get_by_role("button", name=f"Share {label} with Cole").click()
        row = cole.get_by_role("listitem").filter(has_text=label)
        expect(row.locator(".state")).to_have_text("Shared")
        expect(page.get_by_role("button", name=f"Stop sharing {label} with Cole")).to_be_visible()
    axe(page)


def _log_a_moment(page: Page, axe: Axe) -> None:
    page.goto("/moments/new")
    axe(page)
    page.get_by_role("group", name="How upset were you before?").get_by_text(
        "6", exact=True
    ).click()
    page.get_by_text("Box breathing", exact=True).click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text(
        "Saved. Thank you for taking a moment for yourself."
    )
    axe(page)


def _refused(page: Page, axe: Axe, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 403, (path, response and response.status)
    expect(page.get_by_role("heading", level=1)).to_have_text("This is not available to you")
    for words in TARAS_WORDS:
        expect(page.get_by_text(words)).to_have_count(0)
    axe(page)


def _note_ids(store: sessionmaker[Session], client_id: str) -> dict[str, str]:
    with store.begin() as db:
        rows = db.execute(select(Note.kind, Note.id).where(Note.client_id == client_id))
        return {kind: note_id for kind, note_id in rows}


def test_a_coach_and_a_therapist_share_alice(
    sign_in: SignIn,
    personas: Personas,
    store: sessionmaker[Session],
    axe: Axe,
    requests_seen: Requests,
) -> None:
    a = personas.alice.id
    fill_jar(store, a, {"box-breathing": None})
    today = utcnow().date()

    # 1. cole starts with nothing shared.
    cole = sign_in("cole")
    cole.goto(f"/clients/{a}")
    expect(cole.get_by_text("Goals and homework: not shared with you")).to_be_visible()
    axe(cole)
    _refused(cole, axe, f"/clients/{a}/goals")

    # alice shares goals and homework, and coping, with cole on her Sharing page.
    alice = sign_in("alice")
    _share_with_cole(alice, axe, (GOALS_HOMEWORK, COPING))
    journal = _cole_on_consent_page(alice).get_by_role("listitem").filter(has_text="Journal")
    expect(journal.locator(".state")).to_have_text("Not shared (default)")

    # 2. cole suggests a SMART goal on alice's goals page.
    cole.goto(f"/clients/{a}")
    expect(cole.get_by_role("link", name="Goals")).to_be_visible()
    axe(cole)
    cole.get_by_role("link", name="Goals").click()
    expect(cole.get_by_role("heading", level=1)).to_have_text("Alice's goals")
    axe(cole)
    form = cole.get_by_role("region", name="Suggest a goal")
    form.get_by_label("The goal, in a few words").fill(GOAL)
    form.get_by_label("What exactly would they do?").fill("Walk the river path before work.")
    form.get_by_label("How would they know it is done?").fill("Three ticks a week.")
    form.get_by_label("What makes it doable for them right now?").fill("The path is close.")
    form.get_by_label("Why might it matter to them?").fill("Mornings outside lift her mood.")
    form.get_by_label("By when, if a date helps").fill((today + timedelta(days=30)).isoformat())
    form.get_by_role("button", name="Suggest this goal to Alice").click()
    expect(cole.get_by_role("status")).to_have_text(
        "Your suggestion was sent. It waits for Alice to decide."
    )
    waiting = cole.get_by_role("region", name="Suggestions waiting for Alice")
    expect(waiting.get_by_role("link", name=GOAL)).to_be_visible()
    expect(cole.get_by_role("region", name="Working on now")).not_to_contain_text(GOAL)
    axe(cole)

    # 3. Not alice's goal yet: it waits for her among the suggestions; she accepts.
    alice.goto("/goals")
    suggestions = alice.get_by_role("region", name="Suggestions waiting for you")
    expect(suggestions.get_by_text("from Cole")).to_be_visible()
    expect(alice.get_by_role("region", name="Working on now")).not_to_contain_text(GOAL)
    axe(alice)
    suggestions.get_by_role("button", name=f"Accept “{GOAL}” as my goal").click()
    expect(alice).to_have_url(re.compile(r"/goals/\w+\?done=accept$"))
    expect(alice.get_by_role("status")).to_have_text("You accepted it. It is your goal now.")
    expect(alice.get_by_text("First suggested by Cole")).to_be_visible()
    axe(alice)

    cole.goto(f"/clients/{a}/goals")
    working = cole.get_by_role("region", name="Working on now")
    expect(working.get_by_role("link", name=GOAL)).to_be_visible()
    expect(cole.get_by_role("region", name="Suggestions waiting for Alice")).to_have_count(0)
    axe(cole)

    # 4. cole sets practice: a helpful strategy from alice's jar, N times, due in a week.
    cole.goto(f"/clients/{a}/homework")
    expect(cole.get_by_role("heading", name="Homework: Alice")).to_be_visible()
    axe(cole)
    cole.get_by_label("What kind").select_option("practice")
    cole.get_by_label("Strategy from Alice's jar").select_option(label="Box breathing")
    cole.get_by_label("How many times").fill(str(TIMES))
    cole.get_by_label("Due on").fill((today + timedelta(days=7)).isoformat())
    cole.get_by_role("button", name="Set homework").click()
    expect(cole.get_by_role("status")).to_contain_text("Set. Alice sees it")
    expect(cole.get_by_role("link", name=PRACTICE)).to_be_visible()
    expect(cole.get_by_text(f"Box breathing: done 0 of {TIMES} times")).to_be_visible()
    axe(cole)

    # 5. alice logs N moments with Box breathing on the Log a moment page.
    alice.goto("/homework")
    card = alice.get_by_role("region", name="To do").get_by_role("article", name=PRACTICE)
    expect(card.get_by_label(f"Box breathing: done 0 of {TIMES} times")).to_have_attribute(
        "value", "0"
    )
    axe(alice)
    for time in range(1, TIMES + 1):
        _log_a_moment(alice, axe)
        alice.goto("/homework")
        meter = alice.get_by_label(f"Box breathing: done {time} of {TIMES} times")
        expect(meter).to_have_attribute("value", str(time))
        axe(alice)

    # 6. Done N of N, ticked off on its own; alice writes how it went.
    done = alice.get_by_role("region", name="Done").get_by_role("article", name=PRACTICE)
    expect(done.get_by_text("Done today.")).to_be_visible()
    expect(alice.get_by_role("region", name="To do")).to_contain_text("Nothing to do right now.")
    done.get_by_label("Well done! How did it go? (optional)").fill(REFLECTION)
    done.get_by_role("button", name="Save reflection").click()
    expect(alice.get_by_role("status")).to_have_text("Saved. Well done for doing this.")
    expect(alice.get_by_label("Your reflection")).to_have_value(REFLECTION)
    axe(alice)

    # 7. tara writes a SOAP note, a psychotherapy note and a diagnosis on her forms.
    tara = sign_in("tara")
    tara.goto(f"/clients/{a}")
    axe(tara)
    tara.get_by_role("link", name="Clinical and psychotherapy notes").click()
    expect(tara.get_by_role("heading", level=1)).to_contain_text("Notes about")
    axe(tara)
    tara.get_by_label("Subjective").fill(SUBJECTIVE)
    tara.get_by_label("Objective").fill(OBJECTIVE)
    tara.get_by_label("Assessment").fill(ASSESSMENT)
    tara.get_by_label("Plan").fill(PLAN)
    tara.get_by_role("button", name="Save SOAP note").click()
    expect(tara.get_by_text("Saved.", exact=True)).to_be_visible()
    expect(tara.get_by_text(SUBJECTIVE)).to_be_visible()
    axe(tara)
    tara.get_by_role("link", name="Psychotherapy notes").click()
    expect(tara.get_by_role("heading", level=1)).to_contain_text("(only you can see these)")
    axe(tara)
    tara.get_by_label("Note", exact=True).fill(PRIVATE)
    tara.get_by_role("button", name="Save psychotherapy note").click()
    expect(tara.get_by_text(PRIVATE)).to_be_visible()
    axe(tara)
    tara.goto(f"/clients/{a}/diagnoses")
    axe(tara)
    tara.get_by_label("ICD-11").check()
    tara.get_by_label("Code", exact=True).fill(CODE)
    tara.get_by_label("Name of the diagnosis").fill(LABEL)
    tara.get_by_role("button", name="Record diagnosis").click()
    expect(tara.get_by_text("Diagnosis recorded.")).to_be_visible()
    expect(tara.get_by_role("heading", name=LABEL)).to_be_visible()
    axe(tara)
    notes = _note_ids(store, a)
    assert set(notes) == {"soap", "psychotherapy"}

    # 8. alice shares everything else with cole too.
    _share_with_cole(alice, axe, THE_REST)
    cole_now = _cole_on_consent_page(alice).locator(".state")
    expect(cole_now).to_have_count(2 + len(THE_REST))
    expect(cole_now).to_have_text(["Shared"] * (2 + len(THE_REST)))

    # 9. None of cole's pages shows a diagnosis or a clinical note.
    cole.goto(f"/clients/{a}")
    work = cole.get_by_role("region", name="Working together")
    expect(work.get_by_role("link", name="Support notes")).to_be_visible()
    expect(cole.get_by_role("link", name="Diagnoses")).to_have_count(0)
    expect(cole.get_by_role("link", name="Clinical and psychotherapy notes")).to_have_count(0)
    axe(cole)
    visits = {
        f"/clients/{a}/notes": cole.get_by_role("heading", name="Support notes"),
        f"/clients/{a}/goals": cole.get_by_role("region", name="Working on now")
        .get_by_role("link", name=GOAL),
        f"/clients/{a}/homework": cole.get_by_text(REFLECTION),
        f"/clients/{a}/coping": cole.get_by_role("heading", level=1),
        "/caseload": cole.get_by_role("table", name="Clients on whose care team you are"),
    }  # fmt: skip
    for path, shown in visits.items():
        cole.goto(path)
        expect(shown).to_be_visible()
        for words in TARAS_WORDS:
            expect(cole.get_by_text(words)).to_have_count(0)
        expect(cole.get_by_role("link", name="Diagnoses")).to_have_count(0)
        expect(cole.get_by_role("link", name="Psychotherapy notes")).to_have_count(0)
        axe(cole)
        if path == "/caseload":
            row = cole.get_by_role("row").filter(has_text="Alice")
            expect(row).to_contain_text("1 active")
            expect(row).to_contain_text("Nothing due")

    # ...and the direct addresses are refused him.
    for path in (
        f"/clients/{a}/diagnoses",
        f"/clients/{a}/notes/{notes['soap']}",
        f"/clients/{a}/psychotherapy-notes",
        f"/clients/{a}/psychotherapy-notes/{notes['psychotherapy']}",
    ):
        _refused(cole, axe, path)

    # 10. alice reads the SOAP note and the diagnosis, never the psychotherapy note.
    alice.goto("/my-record/notes")
    for words in (SUBJECTIVE, ASSESSMENT, PLAN):
        expect(alice.get_by_text(words)).to_be_visible()
    expect(alice.get_by_role("heading", name="About psychotherapy notes")).to_be_visible()
    expect(alice.get_by_text(PRIVATE)).to_have_count(0)
    axe(alice)
    alice.goto("/my-record/diagnoses")
    expect(alice.get_by_role("heading", name=LABEL)).to_be_visible()
    axe(alice)
    _refused(alice, axe, f"/clients/{a}/psychotherapy-notes")
    _refused(alice, axe, f"/clients/{a}/psychotherapy-notes/{notes['psychotherapy']}")
    assert requests_seen.elsewhere() == []
