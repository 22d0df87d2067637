"""Shared by the healing-journey tests (no tests here): the paths, and alice's
data built through the app's own APIs so that readiness is computed from
what the client really logged."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.healing.models import (
    ProcessingSession,
    ReadinessDecision,
    StageChange,
    TraumaWorkAgreement,
)
from tests.conftest import T0, World

API = "/api/v1"
GROUNDING = ("box-breathing", "grounding-5-4-3-2-1", "paced-breathing")


def journey(world: World, tail: str = "") -> str:
    return f"{API}/clients/{world.alice.id}/journey{tail}"


def page(world: World, tail: str = "") -> str:
    return f"/clients/{world.alice.id}/journey{tail}"


def iso(at: datetime) -> str:
    return at.isoformat()


def counts(db: Session) -> tuple[int, int, int, int]:
    """Stage changes, decisions, agreements and sessions now committed."""
    db.rollback()
    return tuple(  # type: ignore[return-value]
        int(db.scalar(select(func.count()).select_from(m)) or 0)
        for m in (StageChange, ReadinessDecision, TraumaWorkAgreement, ProcessingSession)
    )


def change(person: Any, world: World, to_stage: Any, **body: Any) -> Any:
    payload = {"to_stage": to_stage, "reason": "Agreed together in session.", "version": 0}
    return person.send("POST", journey(world, "/stage"), json=payload | body)


def ok(response: Any, status: int = 201) -> dict[str, Any]:
    assert response.status_code == status, response.text
    found: dict[str, Any] = response.json()
    return found


def fields_of(response: Any) -> dict[str, str]:
    found: dict[str, str] = response.json()["error"]["fields"]
    return found


def add_to_jar(alice: Any, strategy: str) -> str:
    response = alice.send("POST", f"{API}/jar", json={"strategy": strategy})
    assert response.status_code == 201, response.text
    item_id: str = response.json()["id"]
    return item_id


def log_moment(
    alice: Any,
    key: str,
    *,
    at: datetime,
    items: list[str],
    before: int = 6,
    after: int | None = 3,
) -> dict[str, Any]:
    body = {
        "idempotency_key": key,
        "occurred_at": iso(at),
        "distress_before": before,
        "distress_after": after,
        "stressor_category": "work",
        "strategy_ids": items,
    }
    return ok(alice.send("POST", f"{API}/moments", json=body))


def save_plan(person: Any, world: World, *, version_base: int = 0) -> None:
    body = {
        "version_base": version_base,
        "warning_signs": ["I stop answering my phone"],
        "people_to_ask": ["Sam: 07700 900123"],
        "professionals": ["Tara, my therapist"],
        "reasons_for_living": ["My niece"],
    }
    response = person.send("PUT", f"{API}/clients/{world.alice.id}/safety-plan", json=body)
    assert response.status_code in (200, 201), response.text


def agree(alice: Any, agreed: bool = True) -> Any:
    return alice.send("PUT", f"{API}/my-record/journey/agreement", json={"agreed": agreed})


def grounding_jar(alice: Any) -> list[str]:
    return [add_to_jar(alice, ref) for ref in GROUNDING]


def practise(alice: Any, items: list[str], *, days: int = 6, end: datetime = T0) -> None:
    """One grounding moment a day for `days` days before `end`, each a 3-point drop,
    rotating through the items so every strategy is used at least twice."""
    for n in range(days):
        at = end - timedelta(days=n + 1, hours=2)
        log_moment(alice, f"practice-{end:%m%d}-{n:02d}", at=at, items=[items[n % len(items)]])


def make_ready(alice: Any, world: World) -> list[str]:
    """All six indicators met at T0: a plan saved now, no risk, three helpful
    grounding strategies used six times with 3-point drops, and alice's yes."""
    items = grounding_jar(alice)
    practise(alice, items)
    save_plan(alice, world)
    ok(agree(alice), 200)
    return items
