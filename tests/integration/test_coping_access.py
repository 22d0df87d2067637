"""Who sees a client's jar: the client, her therapist, her coach only when she shares."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.coping.models import JarItem
from tests.conftest import T0, World
from tests.integration.coping_helpers import API, add, count, log, moment

READS = ("jar", "moments", "urge-sessions", "insights")


def share_coping(alice, world: World, member: str, granted: bool) -> None:  # type: ignore[no-untyped-def]
    body = {"member_id": world.person(member).id, "category": "coping", "granted": granted}
    response = alice.send("PUT", f"{API}/clients/{world.alice.id}/consent", json=body)
    assert response.status_code == 200


def statuses(person, world: World) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {
        what: person.http.get(f"{API}/clients/{world.alice.id}/{what}").status_code
        for what in READS
    }


def everyone(code: int) -> dict[str, int]:
    return dict.fromkeys(READS, code)


def test_alice_reads_and_writes_her_own(sign_in, world: World) -> None:
    alice = sign_in("alice")
    add(alice, "box-breathing")
    assert log(alice, moment(note="Fine")).status_code == 201
    assert statuses(alice, world) == everyone(200)
    for what in READS:
        assert alice.http.get(f"{API}/{what}").status_code == 200


def test_tara_reads_alices_coping_and_each_read_is_audited(
    sign_in, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    add(alice, "box-breathing")
    log(alice, moment(note="Fine"))
    tara = sign_in("tara")
    assert statuses(tara, world) == everyone(200)
    items = tara.http.get(f"{API}/clients/{world.alice.id}/jar").json()["items"]
    assert [i["strategy"]["id"] for i in items] == ["box-breathing"]
    assert tara.http.get(f"{API}/clients/{world.alice.id}/moments").json()[0]["note"] == "Fine"
    db.rollback()
    reads = db.scalars(
        select(AuditEntry).where(
            AuditEntry.action == "coping.read", AuditEntry.actor_user_id == world.tara.user_id
        )
    ).all()
    assert len(reads) == len(READS) + 2
    assert {(r.subject_client_id, r.outcome) for r in reads} == {(world.alice.id, "allowed")}


def test_tara_cannot_write_into_alices_jar(sign_in, world: World, db: Session) -> None:
    response = sign_in("tara").send("POST", f"{API}/jar", json={"strategy": "box-breathing"})
    assert response.status_code == 404
    assert count(db, JarItem) == 0


def test_cole_sees_nothing_until_alice_shares(sign_in, world: World, db: Session) -> None:
    cole = sign_in("cole")
    assert statuses(cole, world) == everyone(403)
    db.rollback()
    denied = db.scalars(
        select(AuditEntry).where(
            AuditEntry.actor_user_id == world.cole.user_id, AuditEntry.outcome == "denied"
        )
    ).all()
    assert len(denied) == len(READS)
    assert {d.subject_client_id for d in denied} == {world.alice.id}
    share_coping(sign_in("alice"), world, "cole", True)
    assert statuses(cole, world) == everyone(200)


def test_cole_may_read_but_not_write(sign_in, world: World, db: Session) -> None:
    share_coping(sign_in("alice"), world, "cole", True)
    cole = sign_in("cole")
    response = cole.send("POST", f"{API}/jar", json={"strategy": "box-breathing"})
    assert response.status_code == 404
    assert cole.send("POST", f"{API}/moments", json=moment(note="x")).status_code == 404
    assert count(db, JarItem) == 0


def test_revoking_takes_effect_at_once(sign_in, world: World) -> None:
    alice, tara = sign_in("alice"), sign_in("tara")
    assert statuses(tara, world) == everyone(200)
    share_coping(alice, world, "tara", False)
    assert statuses(tara, world) == everyone(403)
    share_coping(alice, world, "tara", True)
    assert statuses(tara, world) == everyone(200)


def test_the_admin_sees_no_coping_data(sign_in, world: World) -> None:
    assert statuses(sign_in("ada"), world) == everyone(403)


def test_another_organisation_does_not_know_alice(sign_in, world: World) -> None:
    assert statuses(sign_in("tim"), world) == everyone(404)


def test_bob_does_not_know_alices_record(sign_in, world: World) -> None:
    alice = sign_in("alice")
    item_id = add(alice, "drinking-alcohol")
    created = log(alice, moment(note="Mine")).json()
    bob = sign_in("bob")
    assert statuses(bob, world) == everyone(404)
    assert bob.http.get(f"{API}/moments/{created['id']}").status_code == 404
    assert bob.http.get(f"{API}/jar/{item_id}/suggestions").status_code == 404
    assert bob.http.get(f"{API}/jar").json() == {"items": []}


def test_a_therapist_reading_bobs_jar_is_refused(sign_in, world: World) -> None:
    response = sign_in("tara").http.get(f"{API}/clients/{world.bob.id}/jar")
    assert response.status_code == 404


# ---------------------------------------------------------------- the grief flag


def log_grief(alice, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        at = (T0 - timedelta(days=i + 1)).isoformat()
        body = moment(
            f"grief-moment-{i}",
            occurred_at=at,
            stressor_category="loss",
            loss_orientation="loss",
            note="Missing Mum",
        )
        assert alice.send("POST", f"{API}/moments", json=body).status_code == 201


def test_the_grief_flag_is_for_the_clinician(sign_in, world: World) -> None:
    alice = sign_in("alice")
    log_grief(alice, 5)
    mine = alice.http.get(f"{API}/insights").json()["dual_process"]
    assert mine["loss"] == 5 and "flag" not in mine and "reason" not in mine
    theirs = sign_in("tara").http.get(f"{API}/clients/{world.alice.id}/insights").json()
    assert theirs["dual_process"]["flag"] is True and theirs["dual_process"]["reason"]
    share_coping(alice, world, "cole", True)
    coach = sign_in("cole").http.get(f"{API}/clients/{world.alice.id}/insights").json()
    assert coach["dual_process"]["loss"] == 5
    assert "flag" not in coach["dual_process"] and "reason" not in coach["dual_process"]


def test_four_loss_moments_raise_no_flag(sign_in, world: World) -> None:
    log_grief(sign_in("alice"), 4)
    theirs = sign_in("tara").http.get(f"{API}/clients/{world.alice.id}/insights").json()
    assert theirs["dual_process"]["flag"] is False
