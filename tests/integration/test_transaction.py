"""One request, one transaction: committed before the answer, or not at all."""

from __future__ import annotations

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mend.accounts.models import Organisation
from mend.clock import utcnow
from mend.web.auth import public
from mend.web.errors import ApiError
from mend.web.transaction import db_session


def organisations(db: Session) -> int:
    db.rollback()
    return int(db.scalar(select(func.count()).select_from(Organisation)) or 0)


@pytest.fixture
def probe(app: FastAPI) -> TestClient:
    @app.post("/api/v1/probe/{outcome}", dependencies=[public()])
    def write_then(outcome: str, db: Session = Depends(db_session)) -> dict[str, str]:
        db.add(Organisation(name="half-written", created_at=utcnow()))
        db.flush()
        if outcome == "conflict":
            raise ApiError(409)
        if outcome == "crash":
            raise RuntimeError("boom")
        return {"outcome": outcome}

    return TestClient(app, raise_server_exceptions=False)


def test_a_successful_request_is_committed_before_the_answer(
    probe: TestClient, db: Session
) -> None:
    assert probe.post("/api/v1/probe/ok").status_code == 200
    assert organisations(db) == 1


def test_an_error_answer_leaves_nothing_behind(probe: TestClient, db: Session) -> None:
    response = probe.post("/api/v1/probe/conflict")
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"
    assert organisations(db) == 0


def test_a_crash_leaves_nothing_behind(probe: TestClient, db: Session) -> None:
    assert probe.post("/api/v1/probe/crash").status_code == 500
    assert organisations(db) == 0


def test_a_failed_commit_answers_503_not_success(
    probe: TestClient, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Session) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Session, "commit", refuse)
    response = probe.post("/api/v1/probe/ok")
    assert response.status_code == 503 and response.json()["error"]["code"] == "unavailable"
    monkeypatch.undo()
    assert organisations(db) == 0
