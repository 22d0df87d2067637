"""Shared by the goal tests (no tests here): set a goal, suggest one, share
goals with the coach, count rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care.goals.models import Goal, GoalCheckIn, GoalStep
from tests.conftest import World
from tests.integration import sharing

API = "/api/v1"
WALK = {
    "title": "Walk three mornings a week",
    "specific": "Walk the river path on Monday, Wednesday and Friday before work.",
    "measurable": "Three ticks a week on the calendar.",
    "achievable": "The path is five minutes from home.",
    "relevant": "Moving in the morning lifts my mood.",
    "target_date": "2026-04-01",
}


def create(person: Any, client: Membership | None = None, **fields: Any) -> Any:
    """POST a goal: the person's own (no client), or for a client (a suggestion)."""
    url = f"{API}/clients/{client.id}/goals" if client is not None else f"{API}/goals"
    body = {"title": WALK["title"], **fields}
    return person.send("POST", url, json=body)


def created(person: Any, client: Membership | None = None, **fields: Any) -> dict[str, Any]:
    response = create(person, client, **fields)
    assert response.status_code == 201, response.text
    goal: dict[str, Any] = response.json()
    return goal


def share(alice: Any, world: World, member: str = "cole", *, granted: bool = True) -> None:
    """alice shares (or stops sharing) goals and homework with a team member."""
    sharing.share(alice, world, member, "goals_homework", granted)


def act(person: Any, goal: dict[str, Any], what: str, **body: Any) -> Any:
    """accept / decline / status on a goal, with its version unless given."""
    payload = {"version": goal["version"], **body}
    return person.send("POST", f"{API}/goals/{goal['id']}/{what}", json=payload)


def rows(db: Session) -> tuple[int, int, int]:
    """(goals, steps, check-ins) now committed."""
    db.rollback()
    return tuple(  # type: ignore[return-value]
        int(db.scalar(select(func.count()).select_from(model)) or 0)
        for model in (Goal, GoalStep, GoalCheckIn)
    )


def fields_of(response: Any) -> dict[str, str]:
    found: dict[str, str] = response.json()["error"]["fields"]
    return found
