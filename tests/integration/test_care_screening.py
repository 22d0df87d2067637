"""What the client writes on goals and homework is screened like the journal
(clinical-model §5); what a team member writes about them is not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.orm import Session

from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.safety_helpers import BURDEN, alerts_of
from tests.integration.sharing import share

API = "/api/v1"
SignIn = Callable[[str], SignedIn]


def test_a_goal_in_the_clients_own_words_is_screened(
    sign_in: SignIn, world: World, db: Session
) -> None:
    response = sign_in("alice").send(
        "POST", f"{API}/goals", json={"title": "Get through March", "relevant": BURDEN}
    )
    assert response.status_code == 201
    safety = response.json()["safety"]
    assert safety["who_sees"].startswith("Your therapist, Tara") and safety["crisis_resources"]
    [alert] = alerts_of(db, world.alice)
    assert alert.routed_to == world.tara.id


def test_editing_a_goal_into_crisis_words_is_screened(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    goal = alice.send("POST", f"{API}/goals", json={"title": "Sleep by eleven"}).json()
    assert "safety" not in goal and alerts_of(db, world.alice) == []
    edited = alice.send(
        "PATCH", f"{API}/goals/{goal['id']}", json={"version": goal["version"], "specific": BURDEN}
    )
    assert edited.status_code == 200 and "safety" in edited.json()
    assert len(alerts_of(db, world.alice)) == 1


def test_a_suggestion_from_the_coach_is_not_the_clients_voice(
    sign_in: SignIn, world: World, db: Session
) -> None:
    share(sign_in("alice"), world, "cole", "goals_homework")
    body = {"title": "Notice thoughts like 'they would be better off without me'"}
    response = sign_in("cole").send("POST", f"{API}/clients/{world.alice.id}/goals", json=body)
    assert response.status_code == 201 and "safety" not in response.json()
    assert alerts_of(db, world.alice) == []


def test_a_homework_reflection_is_screened(sign_in: SignIn, world: World, db: Session) -> None:
    due = (T0 + timedelta(days=3)).isoformat()
    work = {"kind": "reflection", "title": "How was this week?", "due_at": due}
    made = sign_in("tara").send("POST", f"{API}/clients/{world.alice.id}/homework", json=work)
    assert made.status_code == 201, made.text
    done = sign_in("alice").send(
        "POST", f"{API}/homework/{made.json()['id']}/complete", json={"reflection": BURDEN}
    )
    assert done.status_code == 200, done.text
    assert "safety" in done.json()
    assert len(alerts_of(db, world.alice)) == 1


def test_the_goal_page_shows_crisis_lines_after_crisis_words(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    page = alice.post_form("/goals", {"title": "Keep going", "specific": BURDEN, "key": "k" * 12})
    assert page.status_code == 200
    assert "not an emergency service" in page.text


def test_a_step_the_client_adds_is_screened(sign_in: SignIn, world: World, db: Session) -> None:
    alice = sign_in("alice")
    goal = alice.send("POST", f"{API}/goals", json={"title": "Sleep by eleven"}).json()
    step = alice.send("POST", f"{API}/goals/{goal['id']}/steps", json={"text": BURDEN})
    assert step.status_code == 201 and "safety" in step.json()
    assert len(alerts_of(db, world.alice)) == 1
