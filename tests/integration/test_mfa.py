"""Two-step sign-in for practitioners and admins, enforceable per organisation."""

from __future__ import annotations

import time_machine
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from mend.accounts import totp
from mend.accounts.models import Organisation
from mend.clock import utcnow
from tests.conftest import PASSWORD, World, enable_mfa
from tests.integration.conftest import form_login


def current_code(secret: str) -> str:
    return totp.code_at(secret, int(utcnow().timestamp()) // totp.STEP_SECONDS)


def csrf_of(page: str) -> str:
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def require_mfa(db: Session, org: Organisation) -> None:
    db.get(Organisation, org.id).mfa_required = True  # type: ignore[union-attr]
    db.commit()


def enrol(anon: TestClient, db: Session) -> str:
    page = anon.get("/login/enrol")
    assert page.status_code == 200 and "Set up two-step sign-in" in page.text
    secret = page.text.split('<code class="secret">')[1].split("<")[0]
    done = anon.post(
        "/login/enrol",
        data={"code": current_code(secret), "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/"
    return secret


def test_enforced_mfa_makes_tara_enrol_before_anything_else(
    anon: TestClient, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    require_mfa(db, world.riverside)
    response = form_login(anon, "tara@example.org", PASSWORD)
    assert response.headers["location"] == "/login/enrol"
    assert anon.get("/caseload", follow_redirects=False).headers["location"] == "/login"
    assert anon.get("/api/v1/me").status_code == 401
    enrol(anon, db)
    assert anon.get("/caseload").status_code == 200


def test_after_enrolment_a_code_is_asked_for_and_works_once(
    anon: TestClient, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    require_mfa(db, world.riverside)
    form_login(anon, "tara@example.org", PASSWORD)
    secret = enrol(anon, db)
    anon.cookies.clear()
    clock.shift(30)
    assert form_login(anon, "tara@example.org", PASSWORD).headers["location"] == "/login/mfa"
    page = anon.get("/login/mfa")
    code = current_code(secret)
    ok = anon.post(
        "/login/mfa", data={"code": code, "csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert ok.headers["location"] == "/"
    anon.cookies.clear()
    form_login(anon, "tara@example.org", PASSWORD)
    page = anon.get("/login/mfa")
    replay = anon.post("/login/mfa", data={"code": code, "csrf_token": csrf_of(page.text)})
    assert replay.status_code == 422 and "each works once" in replay.text


def test_mfa_applies_to_users_who_turned_it_on_even_if_not_enforced(
    anon: TestClient, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    enable_mfa(db, world.tara)
    assert form_login(anon, "tara@example.org", PASSWORD).headers["location"] == "/login/mfa"


def test_clients_are_never_forced_into_mfa(anon: TestClient, world: World, db: Session) -> None:
    require_mfa(db, world.riverside)
    assert form_login(anon, "alice@example.org", PASSWORD).headers["location"] == "/"


def test_a_wrong_code_is_refused_and_audited(
    anon: TestClient, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    from sqlalchemy import select

    from mend.audit.models import AuditEntry

    require_mfa(db, world.riverside)
    form_login(anon, "tara@example.org", PASSWORD)
    page = anon.get("/login/enrol")
    bad = anon.post("/login/enrol", data={"code": "000000", "csrf_token": csrf_of(page.text)})
    assert bad.status_code == 422
    db.expire_all()
    assert "login.mfa_failure" in db.scalars(select(AuditEntry.action)).all()


def test_a_fully_signed_in_person_cannot_reach_the_mfa_step(sign_in) -> None:
    tara = sign_in("tara")
    assert tara.http.get("/login/mfa").status_code == 404


def test_practitioners_can_turn_on_mfa_themselves(
    sign_in, db: Session, clock: time_machine.Coordinates
) -> None:
    tara = sign_in("tara")
    page = tara.http.get("/account/security")
    secret = page.text.split('<code class="secret">')[1].split("<")[0]
    assert tara.post_form("/account/security", {"code": current_code(secret)}).status_code == 303
    assert "Two-step sign-in is on" in tara.http.get("/account/security").text


def test_guessing_codes_is_throttled_like_passwords(
    anon: TestClient, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    secret = enable_mfa(db, world.tara)
    form_login(anon, "tara@example.org", PASSWORD)
    for _ in range(5):
        page = anon.get("/login/mfa")
        anon.post("/login/mfa", data={"code": "000000", "csrf_token": csrf_of(page.text)})
    page = anon.get("/login/mfa")
    blocked = anon.post(
        "/login/mfa", data={"code": current_code(secret), "csrf_token": csrf_of(page.text)}
    )
    assert blocked.status_code == 429 and blocked.headers["retry-after"] == "30"


def test_passing_the_password_alone_does_not_reset_the_code_count(
    anon: TestClient, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    enable_mfa(db, world.tara)
    for _ in range(5):
        form_login(anon, "tara@example.org", PASSWORD)
        page = anon.get("/login/mfa")
        anon.post("/login/mfa", data={"code": "000000", "csrf_token": csrf_of(page.text)})
    assert form_login(anon, "tara@example.org", PASSWORD).status_code == 429
