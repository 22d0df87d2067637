"""Shared by the healing-view tests (no tests here): the paths, alice's
questionnaires told through the demo stories (the measures services), and
coping moments that raise each insight, logged through the app's own API."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from mend.healing import growth_stories
from mend.measures import demo_stories as measure_stories
from tests.conftest import T0, World

API = "/api/v1"


def view_api(world: World) -> str:
    return f"{API}/clients/{world.alice.id}/healing"


def view_page(world: World) -> str:
    return f"/clients/{world.alice.id}/healing"


def enable_growth(db: Session, world: World, at: datetime = T0 - timedelta(days=170)) -> None:
    """Ada turns PTGI-SF and BRS on, through the service the admin page uses."""
    for when, happen in growth_stories.permission_events(
        org=world.riverside, admin=world.ada, at=at
    ):
        happen(db, when=when)


def tell_measures(db: Session, world: World, *, growth: bool = True) -> None:
    """alice's PHQ-9, GAD-7 and PCL-5 falling (the measures story) and, when
    growth is on, her PTGI-SF and BRS rising (the growth story); committed."""
    if growth:
        enable_growth(db, world)
    measure_stories.tell_stories(
        db, clients={"alice": world.alice}, therapists={"alice": world.tara}, now=T0,
        rng=random.Random("measures-7"),
    )  # fmt: skip
    growth_stories.tell_stories(db, clients={"alice": world.alice}, therapist=world.tara, now=T0)
    db.commit()


def add(person: Any, strategy: str) -> str:
    response = person.send("POST", f"{API}/jar", json={"strategy": strategy})
    assert response.status_code == 201, response.text
    item_id: str = response.json()["id"]
    return item_id


def log(person: Any, key: str, *, days_ago: float, items: list[str], **fields: Any) -> None:
    body = {
        "idempotency_key": key,
        "occurred_at": (T0 - timedelta(days=days_ago)).isoformat(),
        "distress_before": 6,
        "distress_after": 4,
        "strategy_ids": items,
        **fields,
    }
    response = person.send("POST", f"{API}/moments", json=body)
    assert response.status_code == 201, response.text


def grieve_on_one_side(alice: Any, *, count: int = 5) -> None:
    """`count` loss moments in the last fortnight, all focused on the loss."""
    item = add(alice, "make-room-for-grief")
    for n in range(count):
        log(alice, f"grief-moment-{n:02d}", days_ago=1 + n, items=[item],
            stressor_category="loss", loss_orientation="loss")  # fmt: skip


def cope_against_the_situation(alice: Any, *, count: int = 8) -> None:
    """`count` moments about something she could change, met only by breathing."""
    item = add(alice, "box-breathing")
    for n in range(count):
        log(alice, f"fit-moment-{n:02d}", days_ago=1 + n, items=[item],
            stressor_category="work", controllability="can")  # fmt: skip
