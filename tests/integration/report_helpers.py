"""Shared by the progress-report tests (no tests here): the paths, alice's
story told through the demo's own stories (so the rows are what the app
stores), and a share asked for and answered through the API."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.care.goals import demo_stories as goal_stories
from mend.care.homework import demo_stories as homework_stories
from mend.coping import demo_stories as coping_stories
from mend.healing import demo_stories as healing_stories
from mend.measures import demo_stories as measure_stories
from mend.reports.models import ReportShare
from mend.safety import demo_stories as safety_stories
from tests.conftest import T0, World

API = "/api/v1"
SIX_MONTHS = {"from": "2025-09-03", "to": "2026-03-02"}  # T0 is 2 March 2026


def report(world: World, tail: str = "") -> str:
    return f"/clients/{world.alice.id}/report{tail}"


def api(world: World, tail: str = "") -> str:
    return f"{API}/clients/{world.alice.id}/report{tail}"


def tell_alice(db: Session, world: World, now: datetime = T0) -> None:
    """alice's months: coping, questionnaires, her alerts answered, goals,
    homework and her healing journey, in the demo's order; committed."""
    named = {"alice": world.alice}
    coping_stories.tell_stories(db, clients=named, now=now, rng=random.Random("coping-7"))
    measure_stories.tell_stories(
        db, clients=named, therapists={"alice": world.tara}, now=now,
        rng=random.Random("measures-7"),
    )  # fmt: skip
    safety_stories.tell_stories(
        db, org=world.riverside, clients=named, therapist=world.tara, duty=world.tara, now=now
    )
    for stories in (goal_stories, homework_stories, healing_stories):
        stories.tell_stories(
            db, org=world.riverside, clients=named, therapist=world.tara, coach=world.cole,
            now=now,
        )  # fmt: skip
    db.commit()


def ask(tara: Any, world: World, **body: Any) -> Any:
    """tara asks alice to share her report (by default with cole, all of it)."""
    payload: dict[str, Any] = {
        "recipient_id": world.cole.id,
        "purpose": "To plan our coaching sessions together.",
        **SIX_MONTHS,
    }
    return tara.send("POST", api(world, "/shares"), json=payload | body)


def answer(alice: Any, share_id: str, what: str, fingerprint: str | None = None) -> Any:
    body = {"fingerprint": fingerprint} if what == "approve" else None
    url = f"{API}/my-record/report/shares/{share_id}/{what}"
    return alice.send("POST", url, json=body) if body is not None else alice.send("POST", url)


def preview(alice: Any, share_id: str) -> dict[str, Any]:
    response = alice.http.get(f"{API}/my-record/report/shares/{share_id}")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def approve(alice: Any, share_id: str) -> Any:
    """alice reads the request and says yes to what she read."""
    return answer(alice, share_id, "approve", preview(alice, share_id)["fingerprint"])


def share_count(db: Session) -> int:
    db.rollback()
    return int(db.scalar(select(func.count()).select_from(ReportShare)) or 0)


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()
