"""The journey pages: tara's page shows the stage, the six indicators with
their numbers and links, and takes a stage change, a decision and a session
through forms that keep what she typed when something needs another look;
alice's page speaks plainly and takes her own yes or no."""

from __future__ import annotations

from collections.abc import Callable

import time_machine
from sqlalchemy.orm import Session

from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.test_healing_helpers import agree, change, counts, make_ready, ok, page

SignIn = Callable[[str], SignedIn]
TITLES = (
    "Safety plan reviewed",
    "No recent risk",
    "Helpful strategies that work",
    "Grounding or relaxation practice",
    "Jar balance",
    "The client agrees",
)
JARGON = ("Remembrance", "stabilisation", "readiness", "override", "indicator", "PCL-5", "Stage 2")


def test_taras_page_shows_the_six_indicators_with_links(sign_in: SignIn, world: World) -> None:
    shown = sign_in("tara").http.get(page(world))
    assert shown.status_code == 200
    html = shown.text
    for title in TITLES:
        assert title in html
    assert "Not enough data" in html and "Not met" in html
    assert f'href="/clients/{world.alice.id}/safety-plan"' in html
    assert 'href="/alerts?show=all"' in html and f'href="/clients/{world.alice.id}/coping"' in html
    assert "No stage set yet" in html and "Processing sessions are logged in stage 2." in html


def test_the_client_page_links_the_journey_for_tara_only(sign_in: SignIn, world: World) -> None:
    link = f'href="/clients/{world.alice.id}/journey"'
    assert link in sign_in("tara").http.get(f"/clients/{world.alice.id}").text
    assert link not in sign_in("cole").http.get(f"/clients/{world.alice.id}").text
    assert 'href="/journey"' in sign_in("alice").http.get("/today").text


def test_a_stage_change_through_the_form(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    done = tara.post_form(page(world, "/stage"), {"to_stage": "1", "reason": "Safety first.",
                                                  "version": "0"})  # fmt: skip
    assert done.status_code == 303 and "saved=stage" in done.headers["location"]
    html = tara.http.get(page(world)).text
    assert "Stage 1: Safety and stabilisation" in html and "Reason: Safety first." in html
    assert counts(db)[0] == 1


def test_the_form_keeps_what_was_typed_when_something_is_missing(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    typed = "<b>She asked</b> to start"
    refused = tara.post_form(page(world, "/stage"), {"to_stage": "2", "reason": typed,
                                                     "version": "0"})  # fmt: skip
    assert refused.status_code == 422
    assert "To move on anyway, give a reason for the override." in refused.text
    assert (
        "&lt;b&gt;She asked&lt;/b&gt; to start" in refused.text
        and "<b>She asked" not in refused.text
    )
    assert counts(db)[0] == 0
    for data, words in (
        ({"to_stage": "7", "reason": "x", "version": "0"}, "A stage is 1, 2 or 3."),
        ({"to_stage": "1", "reason": " ", "version": "0"}, "Say why the stage is changing."),
        ({"to_stage": "1", "reason": "x" * 2001, "version": "0"}, "Keep it to 2000 characters."),
        ({"to_stage": "1", "reason": "x", "version": "²"}, "This form is out of date."),
    ):
        response = tara.post_form(page(world, "/stage"), data)
        assert response.status_code == 422 and words in response.text
    assert counts(db)[0] == 0


def test_an_override_through_the_form_says_it_was_recorded(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    data = {"to_stage": "2", "reason": "Her choice.", "version": "0",
            "override_reason": "Weekly check-ins instead."}  # fmt: skip
    done = tara.post_form(page(world, "/stage"), data)
    assert done.status_code == 303 and "saved=override" in done.headers["location"]
    html = tara.http.get(page(world, "?saved=override")).text
    assert "Override reason: Weekly check-ins instead." in html
    assert "recorded in the history and the audit log" in html


def test_a_stale_form_is_a_409(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    ok(change(tara, world, 1))
    stale = tara.post_form(page(world, "/stage"), {"to_stage": "3", "reason": "Old page.",
                                                   "version": "0"})  # fmt: skip
    assert stale.status_code == 409 and "changed while you were looking" in stale.text
    assert "Old page." in stale.text and counts(db)[0] == 1


def test_a_decision_through_the_form(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    refused = tara.post_form(page(world, "/decision"), {"reason": "Not steady yet."})
    assert refused.status_code == 422 and "Choose ready for stage 2 or not yet." in refused.text
    assert "Not steady yet." in refused.text
    done = tara.post_form(page(world, "/decision"), {"decision": "not_yet",
                                                     "reason": "Not steady yet."})  # fmt: skip
    assert done.status_code == 303
    assert (
        "Not yet</strong> (not all indicators met). Not steady yet."
        in tara.http.get(page(world)).text
    )
    assert counts(db)[1] == 1


def test_a_session_through_the_form(
    sign_in: SignIn, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    make_ready(alice, world)
    ok(change(tara, world, 1))
    ok(change(tara, world, 2, version=1))
    future = tara.post_form(page(world, "/sessions"), {"session_at": "2026-03-02T10:30"})
    assert future.status_code == 422 and "This time is in the future." in future.text
    garbled = tara.post_form(page(world, "/sessions"), {"session_at": "soon"})
    assert (
        garbled.status_code == 422 and "Give the date and time the session started." in garbled.text
    )
    assert counts(db)[3] == 0
    form = {"session_at": "2026-03-02T09:30", "note": "Went gently.", "key": "k" * 24}
    done = tara.post_form(page(world, "/sessions"), form)
    assert done.status_code == 303
    html = tara.http.get(page(world)).text
    assert "Session on 02 Mar 2026, 09:30 UTC" in html and "Went gently." in html
    assert "Distress after the session: not enough data." in html
    assert counts(db)[3] == 1


def test_alices_page_is_plain_and_kind(sign_in: SignIn, world: World) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    make_ready(alice, world)
    ok(change(tara, world, 1, reason="Hyperarousal; stabilise first."))
    ok(change(tara, world, 2, version=1, reason="Readiness met."))
    html = alice.http.get("/journey").text
    assert "Making sense of what happened" in html and "You are here" in html
    assert "Feeling safe and steady" in html and "Reconnecting with your life" in html
    assert "going back to an earlier part is okay" in html
    assert "Hyperarousal" not in html and "Readiness met." not in html
    for word in JARGON:
        assert word not in html, word
    assert f"{T0:%d %B %Y}" in html


def test_alice_answers_for_herself(sign_in: SignIn, world: World, db: Session) -> None:
    alice = sign_in("alice")
    assert "You have not answered yet." in alice.http.get("/journey").text
    refused = alice.post_form("/journey/agreement", {"agreed": "maybe"})
    assert refused.status_code == 422 and "Choose yes or no." in refused.text
    done = alice.post_form("/journey/agreement", {"agreed": "no"})
    assert done.status_code == 303 and done.headers["location"].startswith("/journey?saved=no")
    assert "Your answer now: <strong>Not yet</strong>" in alice.http.get("/journey").text
    ok(agree(alice, True), 200)
    ok(agree(alice, True), 200)  # the same answer again records nothing new
    assert counts(db)[2] == 2
    tara = sign_in("tara").http.get(page(world)).text
    assert "Alice said <strong>yes</strong>" in tara
