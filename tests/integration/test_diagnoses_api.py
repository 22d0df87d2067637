"""Tara records alice's diagnoses through the API: the code and label as she
typed them (shape checked, never looked up), provisional or confirmed, dated
no later than today; she changes the status or corrects it with a reason,
every version kept; a stale change is a 409 with the newer diagnosis."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_notes_helpers import API, PTSD, counts, made, path, record

SignIn = Callable[[str], SignedIn]


def change(person: SignedIn, diagnosis_id: str, **body: Any) -> Any:
    return person.send("PATCH", f"{API}/diagnoses/{diagnosis_id}", json=body)


def test_a_diagnosis_is_recorded_as_typed(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    response = record(tara, world, code=" 6b40 ", label="  Post traumatic  stress disorder ")
    assert response.status_code == 201
    found = response.json()
    assert (found["system"], found["code"], found["label"]) == ("icd11", "6B40", PTSD["label"])
    assert found["status"] == "provisional" and found["version"] == 1
    assert found["noted_on"] == "2026-03-02" and found["recorded_by"]["name"] == "Tara"
    assert tara.http.get(path(world, "diagnoses")).json() == [found]
    assert counts(db)[2:] == (1, 1)


def test_an_icd10_diagnosis_with_an_earlier_date(sign_in: SignIn, world: World) -> None:
    found = record(
        sign_in("tara"), world, system="icd10", code="F43.10", label="PTSD, unspecified",
        status="confirmed", noted_on="2025-11-20",
    ).json()  # fmt: skip
    assert (found["code"], found["status"], found["noted_on"]) == (
        "F43.10",
        "confirmed",
        "2025-11-20",
    )


def test_status_changes_are_kept_in_the_history(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    diagnosis_id = made(record(tara, world))
    confirmed = change(tara, diagnosis_id, version=1, status="confirmed", reason="Assessment done.")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    corrected = change(tara, diagnosis_id, version=2, code="6B40.0", reason="More specific code.")
    assert corrected.json()["code"] == "6B40.0" and corrected.json()["version"] == 3
    resolved = change(tara, diagnosis_id, version=3, status="resolved", reason="No longer met.")
    assert resolved.json()["status"] == "resolved"
    one = tara.http.get(f"{API}/diagnoses/{diagnosis_id}").json()
    assert [(h["version"], h["status"], h["code"], h["reason"]) for h in one["history"]] == [
        (1, "provisional", "6B40", None),
        (2, "confirmed", "6B40", "Assessment done."),
        (3, "confirmed", "6B40.0", "More specific code."),
        (4, "resolved", "6B40.0", "No longer met."),
    ]
    assert counts(db)[2:] == (1, 4)


def test_a_second_treating_therapist_may_change_it_and_the_history_says_who(
    sign_in: SignIn, world: World, db: Session
) -> None:
    from mend.accounts.roles import Role
    from tests.integration.test_notes_helpers import add_member

    diagnosis_id = made(record(sign_in("tara"), world))
    add_member(db, world, "theo", Role.THERAPIST)
    theo = sign_in("theo")
    assert (
        change(
            theo, diagnosis_id, version=1, status="ruled_out", reason="Second opinion."
        ).status_code
        == 200
    )
    history = theo.http.get(f"{API}/diagnoses/{diagnosis_id}").json()["history"]
    assert [h["changed_by"]["name"] for h in history] == ["Tara", "Theo"]


def test_a_stale_change_gets_409_with_the_newer_diagnosis(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    diagnosis_id = made(record(tara, world))
    assert (
        change(tara, diagnosis_id, version=1, status="confirmed", reason="one").status_code == 200
    )
    stale = change(tara, diagnosis_id, version=1, status="ruled_out", reason="two")
    assert stale.status_code == 409
    body = stale.json()
    assert "version" in body["error"]["fields"]
    assert body["current"]["status"] == "confirmed" and body["current"]["version"] == 2
    assert counts(db)[2:] == (1, 2)


def test_the_same_change_sent_twice_is_stored_once(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    diagnosis_id = made(record(tara, world))
    body = {"version": 1, "status": "confirmed", "reason": "Assessment done."}
    assert change(tara, diagnosis_id, **body).status_code == 200
    again = change(tara, diagnosis_id, **body)
    assert again.status_code == 200 and again.json()["version"] == 2
    assert counts(db)[2:] == (1, 2)


def test_a_retried_record_with_the_same_key_is_stored_once(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    first = record(tara, world, idempotency_key="diag-key-0001")
    again = record(tara, world, idempotency_key="diag-key-0001")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    clash = record(tara, world, idempotency_key="diag-key-0001", code="6A70")
    assert clash.status_code == 409 and "idempotency_key" in clash.json()["error"]["fields"]
    assert counts(db)[2:] == (1, 1)


BAD_RECORDS: list[tuple[dict[str, Any], str]] = [
    ({"system": "icd9"}, "system"),
    ({"system": "ICD11"}, "system"),
    ({"code": ""}, "code"),
    ({"code": "F43.1"}, "code"),  # an ICD-10 code under ICD-11
    ({"system": "icd10"}, "code"),  # 6B40 under ICD-10
    ({"code": "6B40 PTSD"}, "code"),
    ({"code": "x" * 129}, "code"),
    ({"label": ""}, "label"),
    ({"label": "   "}, "label"),
    ({"label": "x" * 301}, "label"),
    ({"label": "nul \x00"}, "label"),
    ({"status": "resolved"}, "status"),
    ({"status": "ruled_out"}, "status"),
    ({"status": "maybe"}, "status"),
    ({"noted_on": "2026-03-03"}, "noted_on"),
    ({"noted_on": "1899-12-31"}, "noted_on"),
    ({"noted_on": "soon"}, "noted_on"),
    ({"idempotency_key": "short"}, "idempotency_key"),
    ({"severity": "high"}, "severity"),
    ({"code": 6}, "code"),
]


@pytest.mark.parametrize(("extra", "field"), BAD_RECORDS, ids=[f for _, f in BAD_RECORDS])
def test_bad_diagnoses_are_refused_per_field_and_nothing_is_written(
    sign_in: SignIn, world: World, db: Session, extra: dict[str, Any], field: str
) -> None:
    response = record(sign_in("tara"), world, **extra)
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["fields"]
    assert counts(db) == (0, 0, 0, 0)


def test_missing_fields_are_named(sign_in: SignIn, world: World, db: Session) -> None:
    response = sign_in("tara").send("POST", path(world, "diagnoses"), json={})
    assert set(response.json()["error"]["fields"]) >= {"system", "code", "label"}
    assert counts(db) == (0, 0, 0, 0)


BAD_CHANGES: list[tuple[dict[str, Any], str]] = [
    ({"status": "confirmed"}, "reason"),
    ({"status": "confirmed", "reason": " "}, "reason"),
    ({"reason": "nothing"}, "status"),
    ({"status": "provisional", "reason": "same"}, "status"),
    ({"status": "gone", "reason": "r"}, "status"),
    ({"code": "F43.1", "reason": "r"}, "code"),
    ({"code": "", "reason": "r"}, "code"),
    ({"label": "", "reason": "r"}, "label"),
    ({"system": "icd10", "code": "F43.1", "reason": "r"}, "system"),
    ({"status": "confirmed", "reason": "r", "version": 0}, "version"),
    ({"status": "confirmed", "reason": "r", "version": None}, "version"),
]


@pytest.mark.parametrize(("body", "field"), BAD_CHANGES, ids=[f for _, f in BAD_CHANGES])
def test_bad_changes_are_refused_and_the_diagnosis_is_unchanged(
    sign_in: SignIn, world: World, db: Session, body: dict[str, Any], field: str
) -> None:
    tara = sign_in("tara")
    diagnosis_id = made(record(tara, world))
    response = change(tara, diagnosis_id, **({"version": 1} | body))
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["fields"]
    assert counts(db)[2:] == (1, 1)
    assert tara.http.get(f"{API}/diagnoses/{diagnosis_id}").json()["version"] == 1


def test_an_unknown_diagnosis_is_not_found(sign_in: SignIn, world: World) -> None:
    tara = sign_in("tara")
    assert tara.http.get(f"{API}/diagnoses/{'z' * 24}").status_code == 404
    body = {"version": 1, "status": "confirmed", "reason": "r"}
    assert change(tara, "z" * 24, **body).status_code == 404


def test_the_code_label_and_reason_are_sealed_at_rest(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    diagnosis_id = made(record(tara, world))
    change(tara, diagnosis_id, version=1, status="confirmed", reason="Secret reason")
    db.rollback()
    code, label = db.execute(text("SELECT code, label FROM diagnosis")).one()
    assert code.startswith("v1:") and "6B40" not in code
    assert label.startswith("v1:") and "traumatic" not in label
    for code, label, reason in db.execute(text("SELECT code, label, reason FROM diagnosis_change")):
        assert code.startswith("v1:") and label.startswith("v1:") and "6B40" not in code
        assert reason is None or (reason.startswith("v1:") and "Secret" not in reason)


def test_recording_and_changing_are_audited(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    diagnosis_id = made(record(tara, world))
    change(tara, diagnosis_id, version=1, status="confirmed", reason="r")
    db.rollback()
    query = select(AuditEntry).where(AuditEntry.action.like("diagnosis.%"))
    assert [(e.action, e.resource_id) for e in db.scalars(query)] == [
        ("diagnosis.recorded", diagnosis_id),
        ("diagnosis.changed", diagnosis_id),
    ]


@pytest.mark.parametrize(("name", "status"), [("cole", 403), ("ada", 403), ("alice", 403),
                                              ("bob", 404), ("tim", 404)])  # fmt: skip
def test_only_the_treating_therapist_records_or_changes(
    sign_in: SignIn, world: World, db: Session, name: str, status: int
) -> None:
    diagnosis_id = made(record(sign_in("tara"), world))
    person = sign_in(name)
    assert record(person, world).status_code == status
    body = {"version": 1, "status": "resolved", "reason": "r"}
    assert change(person, diagnosis_id, **body).status_code == status
    assert counts(db)[2:] == (1, 1)
