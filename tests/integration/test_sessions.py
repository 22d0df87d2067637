"""Idle and absolute timeouts, and people ending their own sessions."""

from __future__ import annotations

import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts.models import UserSession
from mend.audit.models import AuditEntry


def ended_reason(db: Session) -> list[str | None]:
    db.expire_all()
    return [s.ended_reason for s in db.scalars(select(UserSession))]


def test_a_client_is_signed_out_after_30_idle_minutes(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    alice = sign_in("alice")
    clock.shift(29 * 60)
    assert alice.http.get("/today").status_code == 200
    clock.shift(29 * 60)
    assert alice.http.get("/today").status_code == 200
    clock.shift(30 * 60 + 1)
    assert alice.http.get("/today", follow_redirects=False).status_code == 303
    assert ended_reason(db) == ["idle_timeout"]
    assert "session.expired" in db.scalars(select(AuditEntry.action)).all()


def test_practitioners_and_admins_time_out_after_15_minutes(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    tara, ada = sign_in("tara"), sign_in("ada")
    clock.shift(15 * 60 + 1)
    assert tara.http.get("/caseload", follow_redirects=False).status_code == 303
    assert ada.http.get("/admin/people", follow_redirects=False).status_code == 303


def test_no_session_lasts_more_than_12_hours(sign_in, clock: time_machine.Coordinates) -> None:
    alice = sign_in("alice")
    for _ in range(12 * 3):
        clock.shift(20 * 60)
        assert alice.http.get("/api/v1/me").status_code == 200
    clock.shift(1)
    assert alice.http.get("/api/v1/me").status_code == 401


def test_people_list_and_end_their_own_sessions(sign_in, db: Session) -> None:
    laptop, phone = sign_in("alice"), sign_in("alice")
    listed = laptop.http.get("/api/v1/sessions").json()
    assert len(listed) == 2 and sum(s["current"] for s in listed) == 1
    other = next(s["id"] for s in listed if not s["current"])
    assert laptop.send("DELETE", f"/api/v1/sessions/{other}").status_code == 204
    assert phone.http.get("/api/v1/me").status_code == 401
    assert laptop.http.get("/api/v1/me").status_code == 200


def test_the_sessions_page_ends_a_session(sign_in) -> None:
    laptop, phone = sign_in("alice"), sign_in("alice")
    other = next(s["id"] for s in laptop.http.get("/api/v1/sessions").json() if not s["current"])
    assert "End this session" in laptop.http.get("/account/sessions").text
    assert laptop.post_form(f"/account/sessions/{other}/end").status_code == 303
    assert phone.http.get("/api/v1/me").status_code == 401


def test_nobody_ends_someone_elses_session(sign_in) -> None:
    alice, bob = sign_in("alice"), sign_in("bob")
    bobs = bob.http.get("/api/v1/sessions").json()[0]["id"]
    assert alice.send("DELETE", f"/api/v1/sessions/{bobs}").status_code == 404
    assert bob.http.get("/api/v1/me").status_code == 200
