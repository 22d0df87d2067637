"""ada sets who answers alerts and how soon; bad values are refused with the
field at fault and nothing changes; only admins may."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from mend.accounts.models import Organisation
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.safety_helpers import API, BURDEN, add_therapist, alerts_of, write

SignIn = Callable[[str], SignedIn]
URL = f"{API}/org/safety-settings"
GOOD: dict[str, Any] = {
    "duty_clinician_id": None,
    "alert_window_minutes": 60,
    "business_hours_only": True,
    "business_days": "12345",
    "business_start": "08:00",
    "business_end": "18:00",
    "timezone": "Europe/London",
}


def test_ada_changes_the_window_and_new_alerts_follow_it(
    sign_in: SignIn, world: World, db: Session
) -> None:
    drew = add_therapist(db, world, "drew", duty=False)
    body = GOOD | {"duty_clinician_id": drew.id}
    response = sign_in("ada").send("PUT", URL, json=body)
    assert response.status_code == 200
    assert response.json() == body
    write(sign_in("alice"), BURDEN)
    [alert] = alerts_of(db, world.alice)
    assert (alert.respond_by - alert.opened_at).total_seconds() == 3600


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"business_start": "9am"}, "business_start"),
        ({"business_end": "07:00"}, "business_end"),
        ({"business_days": "189"}, "business_days"),
        ({"alert_window_minutes": 5}, "alert_window_minutes"),
        ({"duty_clinician_id": "nobody-like-this-000000"}, "duty_clinician_id"),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(
    sign_in: SignIn, world: World, db: Session, change: dict[str, Any], field: str
) -> None:
    response = sign_in("ada").send("PUT", URL, json=GOOD | change)
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    db.rollback()
    db.expire_all()
    assert db.get_one(Organisation, world.riverside.id).alert_window_minutes == 240


def test_the_duty_clinician_must_be_a_therapist_here(sign_in: SignIn, world: World) -> None:
    for not_a_therapist in (world.cole.id, world.alice.id, world.tim.id):
        body = GOOD | {"duty_clinician_id": not_a_therapist}
        assert sign_in("ada").send("PUT", URL, json=body).status_code == 422


@pytest.mark.parametrize("name", ["tara", "cole", "alice", "tim"])
def test_only_admins_change_safety_settings(sign_in: SignIn, world: World, name: str) -> None:
    assert sign_in(name).send("PUT", URL, json=GOOD).status_code == 403
    assert sign_in(name).http.get("/admin/safety").status_code == 403


def test_the_settings_page_saves_and_explains(sign_in: SignIn, world: World, db: Session) -> None:
    ada = sign_in("ada")
    assert "No duty clinician is named" in ada.http.get("/admin/safety").text
    form = {
        "duty_clinician_id": world.tara.id,
        "alert_window_minutes": "120",
        "business_hours_only": "on",
        "business_days": "1",
        "business_start": "09:00",
        "business_end": "17:00",
        "timezone": "UTC",
    }
    saved = ada.post_form("/admin/safety", form)
    assert saved.status_code == 303, saved.text
    assert saved.headers["location"] == "/admin/safety?saved=1"
    db.rollback()
    db.expire_all()
    org = db.get_one(Organisation, world.riverside.id)
    assert (org.duty_clinician_id, org.alert_window_minutes, org.business_days) == (
        world.tara.id, 120, "1",
    )  # fmt: skip
    refused = ada.post_form("/admin/safety", form | {"timezone": "Nowhere/Else"})
    assert refused.status_code == 422
    assert "not a known time zone" in refused.text
