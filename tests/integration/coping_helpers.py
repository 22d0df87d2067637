"""Small helpers shared by the coping API tests: add to a jar, build a moment, count rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.coping.models import CopingMoment, MomentStrategy, StrategyOutcome
from mend.safety.models import RiskSignal

API = "/api/v1"
# T0 is 09:30 UTC; a moment from half an hour before it.
EARLIER = "2026-03-02T09:00:00+00:00"


def add(person: Any, strategy: str, **extra: Any) -> str:
    """Put a catalog strategy in this person's jar; returns the jar item id."""
    response = person.send("POST", f"{API}/jar", json={"strategy": strategy, **extra})
    assert response.status_code == 201, response.text
    item_id: str = response.json()["id"]
    return item_id


def moment(key: str = "moment-0001", **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "idempotency_key": key,
        "occurred_at": EARLIER,
        "distress_before": 7,
        "distress_after": 4,
        "stressor_category": "work",
    }
    return body | fields


def log(person: Any, body: dict[str, Any]) -> Any:
    return person.send("POST", f"{API}/moments", json=body)


def fields_of(response: Any) -> dict[str, str]:
    found: dict[str, str] = response.json()["error"]["fields"]
    return found


def count(db: Session, model: Any, *where: Any) -> int:
    """Rows now committed: a fresh transaction, so nothing cached is counted."""
    db.rollback()
    return int(db.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def nothing_written(db: Session) -> bool:
    return (
        count(db, CopingMoment) == 0
        and count(db, MomentStrategy) == 0
        and count(db, StrategyOutcome) == 0
        and count(db, RiskSignal) == 0
    )
