"""Questionnaires through the API and the pages: assign, what is due, drafts,
completing, risk items, bad input, schedules and change over time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.measures.models import MeasureAssignment, MeasureResponse
from mend.safety.models import RiskSignal
from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.coping_helpers import API, count, fields_of

SignIn = Callable[[str], SignedIn]

# PHQ-9 answers (items 1-9) with the totals the tests rely on; item 9 is 0.
PHQ9_20 = [3, 3, 3, 3, 2, 2, 2, 2, 0]
PHQ9_12 = [2, 2, 2, 2, 1, 1, 1, 1, 0]
PHQ9_8 = [1, 1, 1, 1, 1, 1, 1, 1, 0]
GAD7_15 = [3, 2, 2, 2, 2, 2, 2]
GAD7_5 = [1, 1, 1, 1, 1, 0, 0]
CORE10_CALM = [0, 4, 4, 0, 0, 0, 0, 0, 0, 0]  # items 2 and 3 are reversed: total 0


# ---------------------------------------------------------------- helpers


def assign(therapist: SignedIn, client_id: str, instrument_id: str, **extra: Any) -> dict[str, Any]:
    """The therapist assigns a questionnaire; returns the assignment."""
    body = {"instrument_id": instrument_id, **extra}
    response = therapist.send("POST", f"{API}/clients/{client_id}/assignments", json=body)
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


def answer(client: SignedIn, assignment_id: str, answers: list[Any]) -> Any:
    return client.send(
        "POST", f"{API}/assignments/{assignment_id}/responses", json={"answers": answers}
    )


def draft(client: SignedIn, assignment_id: str, answers: list[Any]) -> Any:
    return client.send("PUT", f"{API}/assignments/{assignment_id}/draft", json={"answers": answers})


def complete(client: SignedIn, assignment_id: str, answers: list[Any]) -> dict[str, Any]:
    response = answer(client, assignment_id, answers)
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


def phq9_for_alice(sign_in: SignIn, world: World, **extra: Any) -> str:
    """Tara assigns alice a PHQ-9; returns the assignment id."""
    assignment_id: str = assign(sign_in("tara"), world.alice.id, "phq9", **extra)["id"]
    return assignment_id


def later(clock: time_machine.Traveller, sign_in: SignIn, days: float, name: str) -> SignedIn:
    """Move the clock on and sign in again (sessions time out while we travel)."""
    clock.shift(timedelta(days=days))
    return sign_in(name)


def responses(db: Session) -> list[MeasureResponse]:
    db.rollback()
    return list(db.scalars(select(MeasureResponse)))


def signals(db: Session) -> list[RiskSignal]:
    db.rollback()
    return list(db.scalars(select(RiskSignal)))


def nothing_answered(db: Session) -> bool:
    return count(db, MeasureResponse) == 0 and count(db, RiskSignal) == 0


def series(results: dict[str, Any], instrument_id: str) -> list[dict[str, Any]]:
    [found] = [s for s in results["instruments"] if s["id"] == instrument_id]
    points: list[dict[str, Any]] = found["points"]
    return points


# ---------------------------------------------------------------- the happy path


def test_tara_assigns_a_phq9_and_it_is_due_for_alice_at_once(sign_in: SignIn, world: World) -> None:
    created = assign(sign_in("tara"), world.alice.id, "phq9")
    assert (created["instrument_id"], created["every_days"], created["ended_at"]) == (
        "phq9",
        None,
        None,
    )
    due = sign_in("alice").http.get(f"{API}/measures/due").json()
    assert [(d["assignment"]["id"], d["instrument"]["id"], d["overdue"]) for d in due] == [
        (created["id"], "phq9", False)
    ]
    assert due[0]["draft_answers"] is None


def test_a_questionnaire_starting_later_is_not_due_yet(sign_in: SignIn, world: World) -> None:
    assign(sign_in("tara"), world.alice.id, "phq9", starts_on="2026-03-09")
    assert sign_in("alice").http.get(f"{API}/measures/due").json() == []


def test_alice_completes_her_phq9_and_gets_total_and_band(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    alice = sign_in("alice")
    done = complete(alice, assignment_id, PHQ9_12)
    assert (done["instrument_id"], done["total"], done["band"]) == ("phq9", 12, "moderate")
    assert done["risk"] is False and "crisis_resources" not in done
    assert done["flags"]["risk"] == "negative" and done["prorated"] is False
    [stored] = responses(db)
    assert (stored.status, stored.total, stored.answers) == ("complete", 12, PHQ9_12)
    assert alice.http.get(f"{API}/measures/due").json() == []
    assert signals(db) == []


def test_the_unscored_difficulty_item_may_be_sent_too(sign_in: SignIn, world: World) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    done = complete(sign_in("alice"), assignment_id, [*PHQ9_12, 2])
    assert done["total"] == 12


def test_one_missing_item_is_prorated(sign_in: SignIn, world: World) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    done = complete(sign_in("alice"), assignment_id, [2, 2, 2, 2, 1, 1, 1, None, 0])
    # 11 over 8 answered items, times 9, is 12.375: rounded to 12
    assert (done["total"], done["prorated"]) == (12, True)


def test_alice_reads_her_own_results(sign_in: SignIn, world: World) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    alice = sign_in("alice")
    done = complete(alice, assignment_id, PHQ9_20)
    [point] = series(alice.http.get(f"{API}/measures").json(), "phq9")
    assert (point["response_id"], point["total"], point["band"]) == (done["id"], 20, "severe")
    assert point["reliable_change"] is None
    assert point["algorithms"] == {"depressive_syndrome": "major_depressive_syndrome"}


def test_a_completion_is_audited(sign_in: SignIn, world: World, db: Session) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    done = complete(sign_in("alice"), assignment_id, PHQ9_12)
    db.rollback()
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "measure.complete")).one()
    assert (entry.actor_user_id, entry.subject_client_id, entry.resource_id) == (
        world.alice.user_id,
        world.alice.id,
        done["id"],
    )


# ---------------------------------------------------------------- drafts


def test_a_draft_is_saved_and_listed_with_what_is_due(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    alice = sign_in("alice")
    partial = [2, 1, None, None, None, None, None, None, None]
    assert draft(alice, assignment_id, partial).status_code == 204
    [due] = alice.http.get(f"{API}/measures/due").json()
    assert due["draft_answers"] == partial
    [stored] = responses(db)
    assert (stored.status, stored.total, stored.completed_at) == ("draft", None, None)


def test_saving_a_draft_twice_keeps_one_draft(sign_in: SignIn, world: World, db: Session) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    alice = sign_in("alice")
    draft(alice, assignment_id, [2, *[None] * 8])
    draft(alice, assignment_id, [2, 3, *[None] * 7])
    [stored] = responses(db)
    assert stored.answers == [2, 3, *[None] * 7]


def test_completing_turns_the_draft_into_the_response(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    alice = sign_in("alice")
    draft(alice, assignment_id, [2, *[None] * 8])
    done = complete(alice, assignment_id, PHQ9_12)
    [stored] = responses(db)
    assert (stored.id, stored.status, stored.total) == (done["id"], "complete", 12)


def test_the_take_page_picks_up_the_saved_draft(sign_in: SignIn, world: World) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    alice = sign_in("alice")
    draft(alice, assignment_id, [2, None, 3, *[None] * 6])
    page = alice.http.get(f"/measures/take/{assignment_id}")
    assert page.status_code == 200
    assert 'name="item-1" value="2" checked' in page.text
    assert 'name="item-3" value="3" checked' in page.text
    assert 'name="item-2" value="0" checked' not in page.text
    assert 'answered-count">2</span> of 10 answered' in page.text


def test_the_take_form_saves_a_draft_and_finishes_later(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    alice = sign_in("alice")
    saved = alice.post_form(
        f"/measures/take/{assignment_id}", {"item-1": "1", "item-2": "2", "action": "save"}
    )
    assert (saved.status_code, saved.headers["location"]) == (303, "/measures?saved=1")
    assert "Finish PHQ-9" in alice.http.get("/measures").text
    form = {f"item-{n}": str(v) for n, v in enumerate(PHQ9_12, 1)} | {"action": "finish"}
    finished = alice.post_form(f"/measures/take/{assignment_id}", form)
    assert (finished.status_code, finished.headers["location"]) == (303, "/measures?done=phq9")
    [stored] = responses(db)
    assert (stored.status, stored.total) == ("complete", 12)


def test_the_take_form_shows_what_is_missing(sign_in: SignIn, world: World, db: Session) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    page = sign_in("alice").post_form(
        f"/measures/take/{assignment_id}", {"item-1": "1", "action": "finish"}
    )
    assert page.status_code == 422
    assert "Please check your answers" in page.text
    assert 'name="item-1" value="1" checked' in page.text
    assert nothing_answered(db)


# ---------------------------------------------------------------- risk


def test_phq9_item_9_shows_crisis_resources_and_stores_a_signal(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    done = complete(sign_in("alice"), assignment_id, [*PHQ9_8[:8], 1])
    assert done["risk"] is True and done["flags"]["risk"] == "positive"
    assert "988" in {r["contact"] for r in done["crisis_resources"]}
    [signal] = signals(db)
    assert (signal.kind, signal.source_type, signal.source_id, signal.level) == (
        "phq9_risk_item",
        "measure_response",
        done["id"],
        1,
    )
    assert (signal.client_id, signal.detected_at) == (world.alice.id, T0)


def test_item_9_left_out_is_treated_as_a_risk_of_unknown_level(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    done = complete(sign_in("alice"), assignment_id, [*PHQ9_8[:8], None])
    # item 9 counts as the mean of the eight answered (1 each) for the total only
    assert (done["risk"], done["flags"]["risk"], done["total"]) == (True, "unknown", 9)
    assert done["crisis_resources"]
    [signal] = signals(db)
    assert (signal.kind, signal.level, signal.source_id) == ("phq9_risk_item", None, done["id"])


def test_core10_item_6_stores_a_signal(sign_in: SignIn, world: World, db: Session) -> None:
    assignment_id = assign(sign_in("tara"), world.alice.id, "core10")["id"]
    answers = list(CORE10_CALM)
    answers[5] = 2
    done = complete(sign_in("alice"), assignment_id, answers)
    assert done["risk"] is True
    [signal] = signals(db)
    assert (signal.kind, signal.source_type, signal.level) == (
        "core10_risk_item",
        "measure_response",
        2,
    )


def test_a_calm_core10_stores_no_signal(sign_in: SignIn, world: World, db: Session) -> None:
    assignment_id = assign(sign_in("tara"), world.alice.id, "core10")["id"]
    done = complete(sign_in("alice"), assignment_id, CORE10_CALM)
    assert (done["total"], done["risk"]) == (0, False)
    assert signals(db) == []


def test_a_draft_with_a_risk_answer_already_stores_a_signal(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    assert draft(sign_in("alice"), assignment_id, [*[None] * 8, 2]).status_code == 204
    [stored] = responses(db)
    assert (stored.status, stored.total, stored.band) == ("draft", None, None)
    [signal] = signals(db)
    assert (signal.kind, signal.source_id, signal.level) == ("phq9_risk_item", stored.id, 2)


def test_finishing_a_risky_draft_keeps_one_signal_per_sitting(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    alice = sign_in("alice")
    draft(alice, assignment_id, [*[None] * 8, 2])
    draft(alice, assignment_id, [1, *[None] * 7, 2])
    complete(alice, assignment_id, [*PHQ9_8[:8], 2])
    assert len(signals(db)) == 1


def test_the_therapists_caseload_shows_the_risk_signal(sign_in: SignIn, world: World) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    complete(sign_in("alice"), assignment_id, [*PHQ9_8[:8], 3])
    page = sign_in("tara").http.get("/caseload")
    assert page.status_code == 200
    assert "Risk signal" in page.text and "PHQ-9 item 9" in page.text


def test_the_take_form_with_a_risk_answer_shows_the_crisis_page(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    form = {f"item-{n}": str(v) for n, v in enumerate(PHQ9_8[:8], 1)}
    page = sign_in("alice").post_form(
        f"/measures/take/{assignment_id}", form | {"item-9": "1", "action": "finish"}
    )
    assert page.status_code == 200
    assert "Your safety comes first" in page.text
    assert "988" in page.text and "116 123" in page.text
    [signal] = signals(db)
    assert signal.kind == "phq9_risk_item"
    [stored] = responses(db)
    assert stored.status == "complete"


def test_a_risk_answer_is_kept_even_when_too_few_answers_to_score(
    sign_in: SignIn, world: World, db: Session
) -> None:
    """Too many skipped items is refused, but item 9 answered 3 is never lost:
    the answers stay as a draft, the signal is stored and crisis lines are sent."""
    assignment_id = phq9_for_alice(sign_in, world)
    refused = answer(sign_in("alice"), assignment_id, [None, None, None, 1, 1, 1, 1, 1, 3])
    assert refused.status_code == 422
    assert "answers" in fields_of(refused)
    assert refused.json()["crisis_resources"]
    [signal] = signals(db)
    assert (signal.kind, signal.level) == ("phq9_risk_item", 3)
    [kept] = responses(db)
    assert kept.status == "draft" and kept.total is None


def test_the_take_form_keeps_a_risk_answer_it_cannot_score(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    page = sign_in("alice").post_form(
        f"/measures/take/{assignment_id}", {"item-5": "1", "item-9": "2", "action": "finish"}
    )
    assert page.status_code == 200
    assert "Your safety comes first" in page.text
    assert [s.level for s in signals(db)] == [2]


# ---------------------------------------------------------------- bad input


def test_an_answer_out_of_range_is_refused_with_its_item(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    response = answer(sign_in("alice"), assignment_id, [0, 0, 4, 0, 0, 0, 0, 0, 0])
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert set(fields_of(response)) == {"answers.3"}
    assert "not one of its answers" in fields_of(response)["answers.3"]
    assert nothing_answered(db)


def test_a_negative_answer_is_refused(sign_in: SignIn, world: World, db: Session) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    response = answer(sign_in("alice"), assignment_id, [-1, 0, 0, 0, 0, 0, 0, 0, 0])
    assert (response.status_code, set(fields_of(response))) == (422, {"answers.1"})
    assert nothing_answered(db)


def test_an_out_of_range_answer_in_a_draft_is_refused(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    response = draft(sign_in("alice"), assignment_id, [*[None] * 8, 7])
    assert (response.status_code, set(fields_of(response))) == (422, {"answers.9"})
    assert nothing_answered(db)


@pytest.mark.parametrize("how_many", [0, 8, 11])
def test_the_wrong_number_of_answers_is_refused(
    sign_in: SignIn, world: World, db: Session, how_many: int
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    response = answer(sign_in("alice"), assignment_id, [0] * how_many)
    assert response.status_code == 422
    assert set(fields_of(response)) == {"answers"}
    assert nothing_answered(db)


@pytest.mark.parametrize("bad", ["2", 1.0, 1.5, True, False, [1], {"value": 1}])
def test_an_answer_that_is_not_a_whole_number_is_refused(
    sign_in: SignIn, world: World, db: Session, bad: object
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    response = answer(sign_in("alice"), assignment_id, [0, 0, bad, 0, 0, 0, 0, 0, 0])
    assert response.status_code == 422
    assert set(fields_of(response)) == {"answers.3"}
    assert nothing_answered(db)


@pytest.mark.parametrize("bad", ["2", 1.5, True])
def test_a_draft_answer_that_is_not_a_whole_number_is_refused(
    sign_in: SignIn, world: World, db: Session, bad: object
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    response = draft(sign_in("alice"), assignment_id, [bad, *[None] * 8])
    assert (response.status_code, set(fields_of(response))) == (422, {"answers.1"})
    assert nothing_answered(db)


@pytest.mark.parametrize("body", [{}, {"answers": "0,0,0"}, {"answers": None}, []])
def test_a_body_without_a_list_of_answers_is_refused(
    sign_in: SignIn, world: World, db: Session, body: object
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    url = f"{API}/assignments/{assignment_id}/responses"
    response = sign_in("alice").send("POST", url, json=body)
    assert response.status_code == 422
    assert nothing_answered(db)


def test_an_unknown_field_is_refused(sign_in: SignIn, world: World, db: Session) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    url = f"{API}/assignments/{assignment_id}/responses"
    body = {"answers": PHQ9_12, "total": 0}
    response = sign_in("alice").send("POST", url, json=body)
    assert (response.status_code, set(fields_of(response))) == (422, {"total"})
    assert nothing_answered(db)


def test_too_many_missing_items_cannot_be_completed(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    response = answer(sign_in("alice"), assignment_id, [None, None, None, 1, 1, 1, 1, 1, 0])
    assert (response.status_code, set(fields_of(response))) == (422, {"answers"})
    assert nothing_answered(db)


def test_too_many_missing_items_keep_the_draft_as_it_was(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    alice = sign_in("alice")
    draft(alice, assignment_id, [1, *[None] * 8])
    response = answer(alice, assignment_id, [1, 1, *[None] * 7])
    assert response.status_code == 422
    [stored] = responses(db)
    assert (stored.status, stored.answers) == ("draft", [1, *[None] * 8])


def test_an_unknown_instrument_cannot_be_assigned(
    sign_in: SignIn, world: World, db: Session
) -> None:
    body = {"instrument_id": "phq99"}
    response = sign_in("tara").send(
        "POST", f"{API}/clients/{world.alice.id}/assignments", json=body
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert set(fields_of(response)) == {"instrument_id"}
    assert count(db, MeasureAssignment) == 0


@pytest.mark.parametrize("instrument_id", ["ptgi_sf", "brs", "who5"])
def test_a_disabled_instrument_cannot_be_assigned(
    sign_in: SignIn, world: World, db: Session, instrument_id: str
) -> None:
    body = {"instrument_id": instrument_id}
    response = sign_in("tara").send(
        "POST", f"{API}/clients/{world.alice.id}/assignments", json=body
    )
    assert (response.status_code, set(fields_of(response))) == (409, {"instrument_id"})
    assert response.json()["error"]["code"] == "conflict"
    assert count(db, MeasureAssignment) == 0


@pytest.mark.parametrize(
    "body",
    [
        {"instrument_id": "phq9", "every_days": 0},
        {"instrument_id": "phq9", "every_days": 366},
        {"instrument_id": "phq9", "starts_on": "next week"},
        {"instrument_id": ""},
        {"instrument_id": "phq9", "who": "alice"},
    ],
)
def test_a_malformed_assignment_is_refused(
    sign_in: SignIn, world: World, db: Session, body: dict[str, Any]
) -> None:
    response = sign_in("tara").send(
        "POST", f"{API}/clients/{world.alice.id}/assignments", json=body
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]
    assert count(db, MeasureAssignment) == 0


def test_bob_cannot_answer_alices_questionnaire(sign_in: SignIn, world: World, db: Session) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    bob = sign_in("bob")
    assert answer(bob, assignment_id, PHQ9_12).status_code == 404
    assert draft(bob, assignment_id, PHQ9_12).status_code == 404
    assert answer(bob, assignment_id, [*PHQ9_8[:8], 3]).status_code == 404
    assert nothing_answered(db)


def test_an_unknown_assignment_is_not_found(sign_in: SignIn, world: World, db: Session) -> None:
    response = answer(sign_in("alice"), "no-such-assignment", PHQ9_12)
    assert response.status_code == 404
    assert nothing_answered(db)


def test_an_ended_assignment_cannot_be_answered(sign_in: SignIn, world: World, db: Session) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    tara = sign_in("tara")
    url = f"{API}/clients/{world.alice.id}/assignments/{assignment_id}"
    assert tara.send("DELETE", url).status_code == 204
    alice = sign_in("alice")
    response = answer(alice, assignment_id, PHQ9_12)
    assert (response.status_code, set(fields_of(response))) == (409, {"assignment_id"})
    assert draft(alice, assignment_id, PHQ9_12).status_code == 409
    assert alice.http.get(f"{API}/measures/due").json() == []
    assert nothing_answered(db)


def test_the_take_form_for_an_ended_assignment_says_it_is_closed(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    url = f"{API}/clients/{world.alice.id}/assignments/{assignment_id}"
    sign_in("tara").send("DELETE", url)
    form = {f"item-{n}": str(v) for n, v in enumerate(PHQ9_12, 1)} | {"action": "finish"}
    page = sign_in("alice").post_form(f"/measures/take/{assignment_id}", form)
    assert page.status_code == 409
    assert "closed this questionnaire" in page.text
    assert nothing_answered(db)


def test_ending_an_assignment_keeps_past_answers(
    sign_in: SignIn, world: World, db: Session
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    complete(sign_in("alice"), assignment_id, PHQ9_12)
    tara = sign_in("tara")
    tara.send("DELETE", f"{API}/clients/{world.alice.id}/assignments/{assignment_id}")
    [listed] = tara.http.get(f"{API}/clients/{world.alice.id}/assignments").json()
    assert listed["ended_at"] is not None
    assert len(series(tara.http.get(f"{API}/clients/{world.alice.id}/measures").json(), "phq9"))
    assert count(db, MeasureResponse) == 1


# ---------------------------------------------------------------- schedules


def test_a_repeating_questionnaire_comes_back_each_round(
    sign_in: SignIn, world: World, clock: time_machine.Traveller
) -> None:
    assignment_id = phq9_for_alice(sign_in, world, every_days=14)
    complete(sign_in("alice"), assignment_id, PHQ9_12)
    alice = later(clock, sign_in, 13, "alice")
    assert alice.http.get(f"{API}/measures/due").json() == []
    alice = later(clock, sign_in, 1, "alice")
    [due] = alice.http.get(f"{API}/measures/due").json()
    assert (due["assignment"]["id"], due["overdue"]) == (assignment_id, False)
    assert due["since"].startswith("2026-03-16T09:30")


def test_a_round_left_three_days_is_overdue_on_the_caseload_and_today(
    sign_in: SignIn, world: World, clock: time_machine.Traveller
) -> None:
    assignment_id = phq9_for_alice(sign_in, world, every_days=14)
    complete(sign_in("alice"), assignment_id, PHQ9_12)
    assert "overdue since" not in later(clock, sign_in, 14, "tara").http.get("/caseload").text
    alice = later(clock, sign_in, 3, "alice")
    [due] = alice.http.get(f"{API}/measures/due").json()
    assert due["overdue"] is True
    today = alice.http.get("/today").text
    assert f'href="/measures/take/{assignment_id}"' in today and "Start PHQ-9" in today
    caseload = sign_in("tara").http.get("/caseload").text
    assert "PHQ-9 overdue since" in caseload


def test_the_caseload_hides_overdue_rounds_when_alice_stops_sharing_measures(
    sign_in: SignIn, world: World, clock: time_machine.Traveller
) -> None:
    phq9_for_alice(sign_in, world, every_days=14)
    alice = later(clock, sign_in, 3, "alice")
    body = {"member_id": world.tara.id, "category": "measures", "granted": False}
    assert (
        alice.send("PUT", f"{API}/clients/{world.alice.id}/consent", json=body).status_code == 200
    )
    assert "overdue since" not in sign_in("tara").http.get("/caseload").text


def test_a_once_only_questionnaire_is_not_asked_again(
    sign_in: SignIn, world: World, clock: time_machine.Traveller
) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    complete(sign_in("alice"), assignment_id, PHQ9_12)
    alice = later(clock, sign_in, 30, "alice")
    assert alice.http.get(f"{API}/measures/due").json() == []


# ---------------------------------------------------------------- change over time


def two_phq9s(
    sign_in: SignIn,
    world: World,
    clock: time_machine.Traveller,
    first: list[int],
    then: list[int],
) -> list[dict[str, Any]]:
    assignment_id = phq9_for_alice(sign_in, world, every_days=14)
    complete(sign_in("alice"), assignment_id, first)
    complete(later(clock, sign_in, 14, "alice"), assignment_id, then)
    return series(
        sign_in("tara").http.get(f"{API}/clients/{world.alice.id}/measures").json(), "phq9"
    )


def test_phq9_falling_from_20_to_12_is_a_reliable_improvement(
    sign_in: SignIn, world: World, clock: time_machine.Traveller
) -> None:
    first, last = two_phq9s(sign_in, world, clock, PHQ9_20, PHQ9_12)
    assert (first["total"], last["total"]) == (20, 12)
    assert first["reliable_change"] is None
    change = last["reliable_change"]
    assert (change["direction"], change["difference"], change["method"]) == (
        "improved",
        -8,
        "published_threshold",
    )
    assert change["explanation"]


def test_phq9_rising_from_12_to_20_is_a_reliable_deterioration(
    sign_in: SignIn, world: World, clock: time_machine.Traveller
) -> None:
    _, last = two_phq9s(sign_in, world, clock, PHQ9_12, PHQ9_20)
    assert last["reliable_change"]["direction"] == "deteriorated"


def test_phq9_falling_from_12_to_8_is_no_reliable_change(
    sign_in: SignIn, world: World, clock: time_machine.Traveller
) -> None:
    _, last = two_phq9s(sign_in, world, clock, PHQ9_12, PHQ9_8)
    assert last["reliable_change"]["direction"] == "no_reliable_change"


def test_the_results_page_explains_the_change(
    sign_in: SignIn, world: World, clock: time_machine.Traveller
) -> None:
    two_phq9s(sign_in, world, clock, PHQ9_20, PHQ9_12)
    page = sign_in("tara").http.get(f"/clients/{world.alice.id}/measures")
    assert page.status_code == 200
    assert "Reliable improvement" in page.text


def test_phq9_and_gad7_on_two_days_give_the_paired_outcome(
    sign_in: SignIn, world: World, clock: time_machine.Traveller
) -> None:
    tara = sign_in("tara")
    phq9 = assign(tara, world.alice.id, "phq9", every_days=14)["id"]
    gad7 = assign(tara, world.alice.id, "gad7", every_days=14)["id"]
    alice = sign_in("alice")
    complete(alice, phq9, PHQ9_20)
    complete(alice, gad7, GAD7_15)
    assert alice.http.get(f"{API}/measures").json()["paired_outcome"] is None
    alice = later(clock, sign_in, 14, "alice")
    complete(alice, phq9, PHQ9_8)
    complete(alice, gad7, GAD7_5)
    outcome = sign_in("tara").http.get(f"{API}/clients/{world.alice.id}/measures").json()
    assert outcome["paired_outcome"] == {
        "headline": "reliable_recovery",
        "caseness_start": True,
        "caseness_end": False,
        "recovered": True,
        "reliable_improvement": True,
        "reliable_deterioration": False,
        "reliable_recovery": True,
    }
    assert alice.http.get(f"{API}/measures").json()["paired_outcome"]["headline"] == (
        "reliable_recovery"
    )
    [course] = outcome["courses"]
    assert course["therapist_id"] == world.tara.id and course["ended_at"] is None
    assert course["paired_outcome"]["headline"] == "reliable_recovery"
    [phq9_series] = [i for i in outcome["instruments"] if i["id"] == "phq9"]
    assert phq9_series["clinically_significant_change"]["category"] == "recovered"
    assert phq9_series["clinically_significant_change"]["cutoff"] == 10
    page = sign_in("tara").http.get(f"/clients/{world.alice.id}/measures")
    assert "By course of treatment" in page.text and "Clinically significant change" in page.text


def test_scores_before_the_therapist_joined_are_outside_their_course(
    sign_in: SignIn, world: World, clock: time_machine.Traveller
) -> None:
    """A course is one therapist's time on the team: tara joined at T0, so a
    course only counts what came after; with one paired day there is no outcome."""
    tara = sign_in("tara")
    phq9 = assign(tara, world.alice.id, "phq9", every_days=14)["id"]
    gad7 = assign(tara, world.alice.id, "gad7", every_days=14)["id"]
    alice = sign_in("alice")
    complete(alice, phq9, PHQ9_12)
    complete(alice, gad7, GAD7_15)
    [course] = (
        sign_in("tara").http.get(f"{API}/clients/{world.alice.id}/measures").json()["courses"]
    )
    assert course["paired_outcome"] is None


def test_opening_an_ended_assignment_says_it_is_closed(sign_in: SignIn, world: World) -> None:
    assignment_id = phq9_for_alice(sign_in, world)
    sign_in("tara").send("DELETE", f"{API}/clients/{world.alice.id}/assignments/{assignment_id}")
    page = sign_in("alice").http.get(f"/measures/take/{assignment_id}")
    assert page.status_code == 409
    assert "closed this questionnaire" in page.text
