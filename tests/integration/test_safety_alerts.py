"""From a risk signal to a resolved alert: alice's journal entry reaches tara,
her therapist, first on the caseload; repeats join the open alert; tara
acknowledges and resolves with notes, and every step is audited."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.safety import service as safety
from mend.safety.models import AlertEvent, RiskSignal
from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.safety_helpers import API, BURDEN, ORDINARY, alerts_of, write

SignIn = Callable[[str], SignedIn]


def test_a_burden_statement_opens_an_alert_for_her_therapist(
    sign_in: SignIn, world: World, db: Session
) -> None:
    response = write(sign_in("alice"), BURDEN)
    assert response.status_code == 201
    safety = response.json()["safety"]
    assert safety["who_sees"].startswith("Your therapist, Tara,")
    assert "not an emergency service" in safety["not_an_emergency_service"]
    assert {r["contact"] for r in safety["crisis_resources"]} >= {"988", "116 123"}
    [alert] = alerts_of(db, world.alice)
    assert (alert.status, alert.route, alert.routed_to) == ("open", "therapist", world.tara.id)


def test_an_ordinary_entry_opens_nothing(sign_in: SignIn, world: World, db: Session) -> None:
    response = write(sign_in("alice"), ORDINARY)
    assert response.status_code == 201
    assert "safety" not in response.json()
    assert alerts_of(db, world.alice) == []


def test_tara_sees_the_words_that_raised_it_and_why(sign_in: SignIn, world: World) -> None:
    write(sign_in("alice"), f"Long day at work. {BURDEN}. Then I made tea.")
    tara = sign_in("tara")
    [listed] = tara.http.get(f"{API}/alerts").json()
    detail = tara.http.get(f"{API}/alerts/{listed['id']}").json()
    [signal] = detail["signals"]
    assert signal["kind"] == "crisis_language"
    assert any("better off without me" in e["text"] for e in signal["evidence"])
    assert all(e["why"] for e in signal["evidence"])
    assert "Then I made tea" not in str(signal["evidence"])


def test_acknowledge_then_resolve_with_a_note(sign_in: SignIn, world: World, db: Session) -> None:
    write(sign_in("alice"), BURDEN)
    tara = sign_in("tara")
    alert_id = tara.http.get(f"{API}/alerts").json()[0]["id"]
    acked = tara.send("POST", f"{API}/alerts/{alert_id}/acknowledge", json={"note": "Calling."})
    assert acked.status_code == 200
    assert (acked.json()["status"], acked.json()["acknowledged_by"]) == ("acknowledged", "Tara")
    resolved = tara.send(
        "POST", f"{API}/alerts/{alert_id}/resolve", json={"note": "Spoke with alice; safe."}
    )
    assert resolved.json()["status"] == "resolved"
    assert [e["kind"] for e in resolved.json()["events"]] == ["opened", "acknowledged", "resolved"]
    assert resolved.json()["events"][-1]["note"] == "Spoke with alice; safe."
    db.rollback()
    actions = set(db.scalars(select(AuditEntry.action)))
    assert {"alert.acknowledge", "alert.resolve", "alerts.listed", "alerts.write"} <= actions


def test_resolving_needs_a_note_and_a_resolved_alert_stays_resolved(
    sign_in: SignIn, world: World
) -> None:
    write(sign_in("alice"), BURDEN)
    tara = sign_in("tara")
    alert_id = tara.http.get(f"{API}/alerts").json()[0]["id"]
    blank = tara.send("POST", f"{API}/alerts/{alert_id}/resolve", json={"note": "  "})
    assert blank.status_code == 422
    assert "note" in blank.json()["error"]["fields"]
    tara.send("POST", f"{API}/alerts/{alert_id}/resolve", json={"note": "Safe."})
    again = tara.send("POST", f"{API}/alerts/{alert_id}/acknowledge", json={})
    assert again.status_code == 409


def test_a_stale_version_is_refused_not_overwritten(sign_in: SignIn, world: World) -> None:
    write(sign_in("alice"), BURDEN)
    tara = sign_in("tara")
    alert = tara.http.get(f"{API}/alerts").json()[0]
    write(sign_in("alice"), "I keep thinking I want to die.")
    stale = tara.send(
        "POST", f"{API}/alerts/{alert['id']}/acknowledge", json={"version": alert["version"]}
    )
    assert stale.status_code == 409
    assert "version" in stale.json()["error"]["fields"]


def test_repeats_join_the_open_alert_and_none_is_lost(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    write(alice, BURDEN)
    write(alice, "I want to die.")
    [alert] = alerts_of(db, world.alice)
    assert alert.signal_count == 2
    signals = db.scalars(select(RiskSignal).where(RiskSignal.alert_id == alert.id)).all()
    assert len(signals) == 2


def test_a_new_signal_reopens_an_acknowledged_alert(
    sign_in: SignIn, world: World, db: Session
) -> None:
    write(sign_in("alice"), BURDEN)
    tara = sign_in("tara")
    alert_id = tara.http.get(f"{API}/alerts").json()[0]["id"]
    tara.send("POST", f"{API}/alerts/{alert_id}/acknowledge", json={})
    write(sign_in("alice"), "I have been giving my things away.")
    [alert] = alerts_of(db, world.alice)
    assert alert.status == "open"
    kinds = db.scalars(select(AlertEvent.kind).where(AlertEvent.alert_id == alert_id)).all()
    assert "reopened" in kinds


def test_after_resolution_a_new_signal_opens_a_new_alert(
    sign_in: SignIn, world: World, db: Session
) -> None:
    write(sign_in("alice"), BURDEN)
    tara = sign_in("tara")
    alert_id = tara.http.get(f"{API}/alerts").json()[0]["id"]
    tara.send("POST", f"{API}/alerts/{alert_id}/resolve", json={"note": "Safe."})
    write(sign_in("alice"), BURDEN + " again today")
    assert sorted(a.status for a in alerts_of(db, world.alice)) == ["open", "resolved"]


def test_a_retried_entry_is_one_signal(sign_in: SignIn, world: World, db: Session) -> None:
    alice = sign_in("alice")
    first = write(alice, BURDEN, idempotency_key="entry-0001")
    second = write(alice, BURDEN, idempotency_key="entry-0001")
    assert first.json()["entry"]["id"] == second.json()["entry"]["id"]
    assert "safety" in second.json()
    [alert] = alerts_of(db, world.alice)
    assert alert.signal_count == 1


def test_the_caseload_lists_alerts_first_oldest_first(
    sign_in: SignIn, world: World, db: Session
) -> None:
    page = sign_in("tara").http.get("/caseload")
    assert "Open alert" not in page.text
    write(sign_in("alice"), BURDEN)
    page = sign_in("tara").http.get("/caseload")
    assert "Open alert" in page.text
    assert page.text.index("Alice") < page.text.index("see the alert")


def test_the_alert_page_acknowledges_and_resolves(sign_in: SignIn, world: World) -> None:
    write(sign_in("alice"), BURDEN)
    tara = sign_in("tara")
    alert_id = tara.http.get(f"{API}/alerts").json()[0]["id"]
    page = tara.http.get(f"/alerts/{alert_id}")
    assert "better off without me" in page.text
    assert tara.post_form(f"/alerts/{alert_id}/acknowledge", {"note": ""}).status_code == 303
    blank = tara.post_form(f"/alerts/{alert_id}/resolve", {"note": ""})
    assert blank.status_code == 422
    assert "needs a note" in blank.text
    done = tara.post_form(f"/alerts/{alert_id}/resolve", {"note": "Safety plan reviewed."})
    assert done.status_code == 303
    assert "Resolved" in tara.http.get(f"/alerts/{alert_id}").text


def test_a_coping_moment_note_is_screened_too(sign_in: SignIn, world: World, db: Session) -> None:
    from tests.integration.coping_helpers import log, moment

    response = log(sign_in("alice"), moment(note="Honestly I just want to die."))
    assert response.status_code == 201
    assert response.json()["safety"]["who_sees"].startswith("Your therapist, Tara,")
    [alert] = alerts_of(db, world.alice)
    [signal] = db.scalars(select(RiskSignal).where(RiskSignal.alert_id == alert.id)).all()
    assert (signal.source_type, signal.kind) == ("coping_moment", "crisis_language")


def test_an_ordinary_moment_note_raises_nothing(sign_in: SignIn, world: World, db: Session) -> None:
    from tests.integration.coping_helpers import log, moment

    response = log(sign_in("alice"), moment(note="This traffic is killing me, walked it off."))
    assert "safety" not in response.json()
    assert alerts_of(db, world.alice) == []


def test_the_same_signal_reported_twice_is_stored_and_counted_once(
    world: World, db: Session
) -> None:
    """On both databases: a retry of the same source stores nothing new and
    joins nothing twice."""
    report = {
        "org_id": world.riverside.id,
        "client_id": world.alice.id,
        "kind": "phq9_risk_item",
        "source_type": "measure_response",
        "source_id": "response-0001",
        "level": 2,
        "now": T0,
    }
    first = safety.record_signal(db, **report)
    assert first is not None
    assert safety.record_signal(db, **report) is None
    db.commit()
    [alert] = alerts_of(db, world.alice)
    assert alert.signal_count == 1
    assert len(db.scalars(select(RiskSignal)).all()) == 1
