"""Every read and write of client data is in the chain; tampering is found."""

from __future__ import annotations

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from mend.audit import service as audit_log
from mend.audit.models import AuditEntry
from tests.conftest import World


def entries(db: Session) -> list[AuditEntry]:
    db.expire_all()
    return list(db.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def test_a_read_of_client_data_is_audited_with_who_and_what(
    sign_in, world: World, db: Session
) -> None:
    sign_in("tara").http.get(f"/clients/{world.alice.id}")
    [entry] = entries(db)
    assert (
        entry.actor_user_id,
        entry.actor_role,
        entry.action,
        entry.subject_client_id,
        entry.outcome,
        entry.ip,
    ) == (world.tara.user_id, "therapist", "profile.read", world.alice.id, "allowed", "testclient")
    assert entry.at.tzinfo is not None


def test_refused_reads_are_audited_too(sign_in, world: World, db: Session) -> None:
    sign_in("ada").http.get(f"/api/v1/clients/{world.alice.id}/access-log")
    sign_in("bob").http.get(f"/api/v1/clients/{world.alice.id}")
    assert [(e.action, e.outcome) for e in entries(db)] == [
        ("access_log.read", "denied"),
        ("profile.read", "denied"),
    ]


def test_the_caseload_audits_each_client_shown(sign_in, world: World, db: Session) -> None:
    sign_in("tara").http.get("/caseload")
    assert [(e.action, e.subject_client_id) for e in entries(db)] == [
        ("profile.read", world.alice.id)
    ]


def test_no_client_free_text_reaches_the_log(sign_in, world: World, db: Session) -> None:
    secret_reason = "client disclosed something very private"
    ada = sign_in("ada")
    ada.post_form("/break-glass", {"client_id": world.alice.id, "reason": secret_reason})
    dump = " ".join(str(vars(e)) for e in entries(db))
    assert "private" not in dump and "break_glass.start" in dump


def test_alice_sees_who_looked(sign_in, world: World) -> None:
    sign_in("tara").http.get(f"/clients/{world.alice.id}")
    page = sign_in("alice").http.get("/my-record/access").text
    assert "Tara" in page and "profile.read" in page
    api = sign_in("alice").http.get(f"/api/v1/clients/{world.alice.id}/access-log").json()
    assert any(e["actor_role"] == "therapist" for e in api)


def test_the_chain_verifies_then_fails_after_a_hand_edit(
    sign_in, world: World, db: Session
) -> None:
    sign_in("tara").http.get(f"/clients/{world.alice.id}")
    sign_in("alice").http.get("/today")
    count, breaks = audit_log.verify(db)
    assert count == 2 and breaks == []
    db.execute(update(AuditEntry).where(AuditEntry.seq == 1).values(outcome="denied"))
    db.commit()
    count, breaks = audit_log.verify(db)
    assert [b.seq for b in breaks] == [1]


def test_a_deleted_row_is_found(sign_in, world: World, db: Session) -> None:
    for _ in range(3):
        sign_in("tara").http.get(f"/clients/{world.alice.id}")
    db.execute(text("DELETE FROM audit_entry WHERE seq = 2"))
    db.commit()
    assert [b.seq for b in audit_log.verify(db)[1]] == [3]


def test_admin_filters_by_client_user_action_and_period(sign_in, world: World) -> None:
    sign_in("tara").http.get(f"/clients/{world.alice.id}")
    sign_in("alice").http.get("/today")
    ada = sign_in("ada")
    by_client = ada.http.get("/api/v1/audit", params={"client": world.alice.id}).json()
    assert {e["action"] for e in by_client} == {"profile.read"}
    by_user = ada.http.get("/api/v1/audit", params={"user": world.tara.user_id}).json()
    assert {e["actor_user_id"] for e in by_user} == {world.tara.user_id}
    by_action = ada.http.get("/api/v1/audit", params={"action": "profile"}).json()
    assert len(by_action) == 2
    assert ada.http.get("/api/v1/audit", params={"since": "2026-03-03"}).json() == []
    assert len(ada.http.get("/api/v1/audit", params={"until": "2026-03-02"}).json()) >= 2
    page = ada.http.get("/admin/audit", params={"client": world.alice.id}).text
    assert "profile.read" in page


def test_admins_never_see_another_organisations_log(sign_in, world: World) -> None:
    sign_in("tim").http.get(f"/clients/{world.eve.id}")
    rows = sign_in("ada").http.get("/api/v1/audit", params={"client": world.eve.id}).json()
    assert rows == []


def test_role_changes_are_audited(sign_in, world: World, db: Session) -> None:
    ada = sign_in("ada")
    response = ada.send("PUT", f"/api/v1/people/{world.cole.id}/role", json={"role": "therapist"})
    assert response.status_code == 200
    change = [e for e in entries(db) if e.action == "role.change"]
    assert change and change[0].detail == {"from": "coach", "to": "therapist"}


def test_the_filter_form_may_leave_fields_blank(sign_in, world: World) -> None:
    sign_in("tara").http.get(f"/clients/{world.alice.id}")
    ada = sign_in("ada")
    blank = {"since": "", "until": "", "user": "", "client": world.alice.id, "action": ""}
    page = ada.http.get("/admin/audit", params=blank)
    assert page.status_code == 200 and "profile.read" in page.text
    too_long = ada.http.get("/api/v1/audit", params={"client": "x" * 25})
    assert too_long.status_code == 422 and "client" in too_long.json()["error"]["fields"]


def test_a_caseload_is_one_entry_per_client_shown_and_the_chain_holds(
    sign_in, world: World, db: Session
) -> None:
    sign_in("tara").http.get("/caseload")
    shown = [e for e in entries(db) if e.action == "profile.read"]
    assert {e.subject_client_id for e in shown} == {world.alice.id}
    assert shown[0].detail == {"via": "caseload", "shown": "coping,goals_homework,measures"}
    assert audit_log.verify(db)[1] == []
