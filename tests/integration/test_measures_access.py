"""Who may use each measures route: alice answers her own; tara, her therapist,
assigns and reads; cole, her coach, reads only what she shares and never the
diagnostic screens; ada runs the instrument list but sees no clinical data;
bob and the other organisation do not know alice's record exists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.measures.models import (
    ImportedInstrument,
    InstrumentPermission,
    MeasureAssignment,
    MeasureResponse,
)
from mend.safety.models import RiskSignal
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.coping_helpers import API, count
from tests.integration.test_measures_admin import SCREENER
from tests.integration.test_measures_api import PHQ9_12, PHQ9_20, assign, complete, series

SignIn = Callable[[str], SignedIn]
STAFF_AND_STRANGERS = ("tara", "cole", "ada", "bob", "eve", "tim")
NOT_ALICES_TEAM = ("bob", "eve", "tim")
REASON = "Client called the front desk in distress; therapist unreachable."
# ---------------------------------------------------------------- helpers


@pytest.fixture
def phq9(sign_in: SignIn, world: World) -> str:
    """Alice has a PHQ-9 from tara (every two weeks) and has answered it once."""
    assignment_id: str = assign(sign_in("tara"), world.alice.id, "phq9", every_days=14)["id"]
    complete(sign_in("alice"), assignment_id, PHQ9_20)
    return assignment_id


def share_measures(sign_in: SignIn, world: World, member: str, granted: bool) -> None:
    body = {"member_id": world.person(member).id, "category": "measures", "granted": granted}
    response = sign_in("alice").send("PUT", f"{API}/clients/{world.alice.id}/consent", json=body)
    assert response.status_code == 200


def get_statuses(sign_in: SignIn, names: tuple[str, ...], url: str) -> dict[str, int]:
    return {name: sign_in(name).http.get(url, follow_redirects=False).status_code for name in names}


def send_statuses(
    sign_in: SignIn, names: tuple[str, ...], method: str, url: str, json: Any = None
) -> dict[str, int]:
    return {name: sign_in(name).send(method, url, json=json).status_code for name in names}


def form_statuses(
    sign_in: SignIn, names: tuple[str, ...], url: str, data: dict[str, str]
) -> dict[str, int]:
    return {name: sign_in(name).post_form(url, data).status_code for name in names}


def answers_form(answers: list[int]) -> dict[str, str]:
    return {f"item-{n}": str(v) for n, v in enumerate(answers, 1)} | {"action": "finish"}


def alices_record_unchanged(db: Session) -> bool:
    return (
        count(db, MeasureAssignment) == 1
        and count(db, MeasureAssignment, MeasureAssignment.ended_at.is_not(None)) == 0
        and count(db, MeasureResponse) == 1
        and count(db, RiskSignal) == 0
    )


# ---------------------------------------------------------------- reading alice's results


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/clients/{alice}/measures",
        "/api/v1/clients/{alice}/assignments",
        "/clients/{alice}/measures",
    ],
)
def test_who_reads_alices_measures(sign_in: SignIn, world: World, phq9: str, url: str) -> None:
    found = get_statuses(sign_in, ("alice", *STAFF_AND_STRANGERS), url.format(alice=world.alice.id))
    assert found == {
        "alice": 200,
        "tara": 200,
        "cole": 403,
        "ada": 403,
        "bob": 404,
        "eve": 404,
        "tim": 404,
    }


def test_anonymous_readers_are_asked_to_sign_in(anon: TestClient, world: World) -> None:
    for url in (
        f"{API}/clients/{world.alice.id}/measures",
        f"{API}/clients/{world.alice.id}/assignments",
    ):
        response = anon.get(url)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_signed_in"
    page = anon.get(f"/clients/{world.alice.id}/measures", follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, "/login")


def test_each_read_of_alices_measures_is_audited(
    sign_in: SignIn, world: World, db: Session, phq9: str
) -> None:
    sign_in("tara").http.get(f"{API}/clients/{world.alice.id}/measures")
    sign_in("cole").http.get(f"{API}/clients/{world.alice.id}/measures")
    db.rollback()
    reads = db.scalars(select(AuditEntry).where(AuditEntry.action == "measures.read")).all()
    by_actor = {(r.actor_user_id, r.outcome, r.subject_client_id) for r in reads}
    assert (world.tara.user_id, "allowed", world.alice.id) in by_actor
    assert (world.cole.user_id, "denied", world.alice.id) in by_actor


def test_tara_sees_the_diagnostic_screens(sign_in: SignIn, world: World, phq9: str) -> None:
    tara = sign_in("tara")
    [point] = series(tara.http.get(f"{API}/clients/{world.alice.id}/measures").json(), "phq9")
    assert point["algorithms"] == {"depressive_syndrome": "major_depressive_syndrome"}
    page = tara.http.get(f"/clients/{world.alice.id}/measures").text
    assert "Screening rule" in page and "major depressive syndrome" in page


def test_cole_reads_results_once_alice_shares_them(
    sign_in: SignIn, world: World, phq9: str
) -> None:
    cole = sign_in("cole")
    assert cole.http.get(f"{API}/clients/{world.alice.id}/measures").status_code == 403
    share_measures(sign_in, world, "cole", True)
    response = cole.http.get(f"{API}/clients/{world.alice.id}/measures")
    assert response.status_code == 200
    [point] = series(response.json(), "phq9")
    assert (point["total"], point["band"]) == (20, "severe")


def test_cole_never_sees_the_diagnostic_screens(sign_in: SignIn, world: World, phq9: str) -> None:
    share_measures(sign_in, world, "cole", True)
    cole = sign_in("cole")
    [point] = series(cole.http.get(f"{API}/clients/{world.alice.id}/measures").json(), "phq9")
    assert "algorithms" not in point
    page = cole.http.get(f"/clients/{world.alice.id}/measures")
    assert page.status_code == 200
    assert "Screening rule" not in page.text and "depressive syndrome" not in page.text


def test_cole_loses_access_when_alice_stops_sharing(
    sign_in: SignIn, world: World, phq9: str
) -> None:
    share_measures(sign_in, world, "cole", True)
    share_measures(sign_in, world, "cole", False)
    assert get_statuses(sign_in, ("cole",), f"/clients/{world.alice.id}/measures") == {"cole": 403}


def test_tara_loses_access_when_alice_stops_sharing(
    sign_in: SignIn, world: World, phq9: str
) -> None:
    share_measures(sign_in, world, "tara", False)
    tara = sign_in("tara")
    assert tara.http.get(f"{API}/clients/{world.alice.id}/measures").status_code == 403
    body = {"instrument_id": "gad7"}
    url = f"{API}/clients/{world.alice.id}/assignments"
    assert tara.send("POST", url, json=body).status_code == 403


def test_a_therapist_using_break_glass_reads_but_cannot_assign(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    assert tara.http.get(f"{API}/clients/{world.bob.id}/measures").status_code == 404
    opened = tara.send(
        "POST", f"{API}/break-glass", json={"client_id": world.bob.id, "reason": REASON}
    )
    assert opened.status_code == 201
    assert tara.http.get(f"{API}/clients/{world.bob.id}/measures").status_code == 200
    body = {"instrument_id": "phq9"}
    assert (
        tara.send("POST", f"{API}/clients/{world.bob.id}/assignments", json=body).status_code == 403
    )
    assert count(db, MeasureAssignment) == 0


# ---------------------------------------------------------------- assigning and stopping


def test_who_may_assign_through_the_api(sign_in: SignIn, world: World, db: Session) -> None:
    url = f"{API}/clients/{world.alice.id}/assignments"
    body = {"instrument_id": "gad7"}
    refused = send_statuses(
        sign_in, ("alice", "cole", "ada", "bob", "eve", "tim"), "POST", url, body
    )
    assert refused == {"alice": 403, "cole": 403, "ada": 403, "bob": 404, "eve": 404, "tim": 404}
    assert count(db, MeasureAssignment) == 0
    assert send_statuses(sign_in, ("tara",), "POST", url, body) == {"tara": 201}
    assert count(db, MeasureAssignment) == 1


def test_cole_may_not_assign_even_when_alice_shares(
    sign_in: SignIn, world: World, db: Session
) -> None:
    share_measures(sign_in, world, "cole", True)
    url = f"{API}/clients/{world.alice.id}/assignments"
    response = sign_in("cole").send("POST", url, json={"instrument_id": "gad7"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert count(db, MeasureAssignment) == 0


def test_who_may_assign_through_the_page(sign_in: SignIn, world: World, db: Session) -> None:
    url = f"/clients/{world.alice.id}/measures/assign"
    form = {"instrument_id": "gad7", "every_days": "14"}
    refused = form_statuses(sign_in, ("alice", "cole", "ada", "bob", "eve", "tim"), url, form)
    assert refused == {"alice": 403, "cole": 403, "ada": 403, "bob": 404, "eve": 404, "tim": 404}
    assert count(db, MeasureAssignment) == 0
    done = sign_in("tara").post_form(url, form)
    assert (done.status_code, done.headers["location"]) == (
        303,
        f"/clients/{world.alice.id}/measures?assigned=1",
    )
    assert count(db, MeasureAssignment) == 1


def test_the_assign_page_refuses_a_disabled_instrument_with_409(
    sign_in: SignIn, world: World, db: Session
) -> None:
    url = f"/clients/{world.alice.id}/measures/assign"
    page = sign_in("tara").post_form(url, {"instrument_id": "who5"})
    assert page.status_code == 409
    assert "not turned on" in page.text
    assert count(db, MeasureAssignment) == 0


def test_tara_cannot_assign_to_bob_who_is_not_hers(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    body = {"instrument_id": "phq9"}
    assert (
        tara.send("POST", f"{API}/clients/{world.bob.id}/assignments", json=body).status_code == 404
    )
    form = {"instrument_id": "phq9"}
    assert tara.post_form(f"/clients/{world.bob.id}/measures/assign", form).status_code == 404
    assert count(db, MeasureAssignment) == 0


def test_anonymous_people_cannot_assign(anon: TestClient, world: World, db: Session) -> None:
    api = anon.post(f"{API}/clients/{world.alice.id}/assignments", json={"instrument_id": "phq9"})
    assert api.status_code == 401
    page = anon.post(
        f"/clients/{world.alice.id}/measures/assign",
        data={"instrument_id": "phq9"},
        follow_redirects=False,
    )
    assert (page.status_code, page.headers["location"]) == (303, "/login")
    assert count(db, MeasureAssignment) == 0


def test_who_may_stop_an_assignment_through_the_api(
    sign_in: SignIn, world: World, db: Session, phq9: str
) -> None:
    url = f"{API}/clients/{world.alice.id}/assignments/{phq9}"
    refused = send_statuses(sign_in, ("alice", "cole", "ada", "bob", "eve", "tim"), "DELETE", url)
    assert refused == {"alice": 403, "cole": 403, "ada": 403, "bob": 404, "eve": 404, "tim": 404}
    assert alices_record_unchanged(db)
    assert send_statuses(sign_in, ("tara",), "DELETE", url) == {"tara": 204}
    assert count(db, MeasureAssignment, MeasureAssignment.ended_at.is_not(None)) == 1


def test_who_may_stop_an_assignment_through_the_page(
    sign_in: SignIn, world: World, db: Session, phq9: str
) -> None:
    url = f"/clients/{world.alice.id}/measures/assignments/{phq9}/end"
    refused = form_statuses(sign_in, ("alice", "cole", "ada", "bob", "eve", "tim"), url, {})
    assert refused == {"alice": 403, "cole": 403, "ada": 403, "bob": 404, "eve": 404, "tim": 404}
    assert alices_record_unchanged(db)
    done = sign_in("tara").post_form(url, {})
    assert (done.status_code, done.headers["location"]) == (
        303,
        f"/clients/{world.alice.id}/measures?ended=1",
    )
    assert count(db, MeasureAssignment, MeasureAssignment.ended_at.is_not(None)) == 1


def test_stopping_an_unknown_assignment_is_not_found(sign_in: SignIn, world: World) -> None:
    """For tara, who may stop alice's assignments; alice may not stop any (403 by the policy)."""
    url = f"{API}/clients/{world.alice.id}/assignments/no-such-assignment"
    assert send_statuses(sign_in, ("tara", "alice"), "DELETE", url) == {"tara": 404, "alice": 403}


def test_tim_cannot_stop_alices_assignment_through_eves_address(
    sign_in: SignIn, world: World, db: Session, phq9: str
) -> None:
    tim = sign_in("tim")
    url = f"{API}/clients/{world.eve.id}/assignments/{phq9}"
    assert tim.send("DELETE", url).status_code == 404
    assert alices_record_unchanged(db)


def test_anonymous_people_cannot_stop_an_assignment(
    anon: TestClient, world: World, db: Session, phq9: str
) -> None:
    assert anon.delete(f"{API}/clients/{world.alice.id}/assignments/{phq9}").status_code == 401
    page = anon.post(
        f"/clients/{world.alice.id}/measures/assignments/{phq9}/end", follow_redirects=False
    )
    assert page.status_code == 303
    assert alices_record_unchanged(db)


# ---------------------------------------------------------------- answering


@pytest.mark.parametrize("url", ["/api/v1/measures/due", "/api/v1/measures", "/measures"])
def test_only_clients_have_their_own_questionnaires(sign_in: SignIn, url: str) -> None:
    found = get_statuses(sign_in, ("alice", "bob", "eve", "tara", "cole", "ada", "tim"), url)
    assert found == {
        "alice": 200,
        "bob": 200,
        "eve": 200,
        "tara": 404,
        "cole": 404,
        "ada": 404,
        "tim": 404,
    }


def test_bob_sees_none_of_alices_questionnaires(sign_in: SignIn, world: World, phq9: str) -> None:
    bob = sign_in("bob")
    assert bob.http.get(f"{API}/measures").json() == {
        "instruments": [],
        "paired_outcome": None,
        "courses": [],
    }
    assert bob.http.get(f"{API}/measures/due").json() == []
    assert "Nothing to fill in right now" in bob.http.get("/measures").text


def test_anonymous_people_are_asked_to_sign_in_for_their_questionnaires(
    anon: TestClient,
) -> None:
    assert anon.get(f"{API}/measures/due").status_code == 401
    assert anon.get(f"{API}/measures").status_code == 401
    page = anon.get("/measures", follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, "/login")


def test_only_alice_opens_her_questionnaire(sign_in: SignIn, phq9: str) -> None:
    found = get_statuses(sign_in, ("alice", *STAFF_AND_STRANGERS), f"/measures/take/{phq9}")
    assert found == dict.fromkeys(("alice",), 200) | dict.fromkeys(STAFF_AND_STRANGERS, 404)


def test_only_alice_saves_a_draft_of_her_questionnaire(
    sign_in: SignIn, db: Session, phq9: str
) -> None:
    url = f"{API}/assignments/{phq9}/draft"
    body = {"answers": [*[None] * 8, 3]}
    assert send_statuses(sign_in, STAFF_AND_STRANGERS, "PUT", url, body) == dict.fromkeys(
        STAFF_AND_STRANGERS, 404
    )
    assert alices_record_unchanged(db)
    assert send_statuses(sign_in, ("alice",), "PUT", url, body) == {"alice": 204}


def test_only_alice_completes_her_questionnaire(sign_in: SignIn, db: Session, phq9: str) -> None:
    url = f"{API}/assignments/{phq9}/responses"
    body = {"answers": [*PHQ9_12[:8], 3]}
    assert send_statuses(sign_in, STAFF_AND_STRANGERS, "POST", url, body) == dict.fromkeys(
        STAFF_AND_STRANGERS, 404
    )
    assert alices_record_unchanged(db)
    assert send_statuses(sign_in, ("alice",), "POST", url, body) == {"alice": 201}


def test_only_alice_submits_the_questionnaire_form(sign_in: SignIn, db: Session, phq9: str) -> None:
    url = f"/measures/take/{phq9}"
    form = answers_form(PHQ9_12)
    assert form_statuses(sign_in, STAFF_AND_STRANGERS, url, form) == dict.fromkeys(
        STAFF_AND_STRANGERS, 404
    )
    assert alices_record_unchanged(db)
    assert form_statuses(sign_in, ("alice",), url, form) == {"alice": 303}


def test_anonymous_people_cannot_answer(anon: TestClient, db: Session, phq9: str) -> None:
    body = {"answers": PHQ9_12}
    assert anon.put(f"{API}/assignments/{phq9}/draft", json=body).status_code == 401
    assert anon.post(f"{API}/assignments/{phq9}/responses", json=body).status_code == 401
    for response in (
        anon.get(f"/measures/take/{phq9}", follow_redirects=False),
        anon.post(f"/measures/take/{phq9}", data=answers_form(PHQ9_12), follow_redirects=False),
    ):
        assert (response.status_code, response.headers["location"]) == (303, "/login")
    assert alices_record_unchanged(db)


def test_answering_without_the_csrf_token_is_refused(
    sign_in: SignIn, db: Session, phq9: str
) -> None:
    alice = sign_in("alice")
    response = alice.http.post(f"{API}/assignments/{phq9}/responses", json={"answers": PHQ9_12})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    assert alices_record_unchanged(db)


# ---------------------------------------------------------------- the instrument list and settings


def test_everyone_signed_in_reads_the_instrument_list(sign_in: SignIn) -> None:
    names = ("alice", *STAFF_AND_STRANGERS)
    assert get_statuses(sign_in, names, f"{API}/instruments") == dict.fromkeys(names, 200)
    assert get_statuses(sign_in, names, f"{API}/instruments/phq9") == dict.fromkeys(names, 200)


def test_anonymous_people_cannot_read_the_instrument_list(anon: TestClient) -> None:
    assert anon.get(f"{API}/instruments").status_code == 401
    assert anon.get(f"{API}/instruments/phq9").status_code == 401


def test_only_ada_changes_instrument_permissions_through_the_api(
    sign_in: SignIn, db: Session
) -> None:
    url = f"{API}/instruments/brs/permission"
    body = {"enabled": True, "statement": "We hold a written licence."}
    others = ("alice", "tara", "cole", "bob", "eve", "tim")
    assert send_statuses(sign_in, others, "PUT", url, body) == dict.fromkeys(others, 403)
    assert count(db, InstrumentPermission) == 0
    assert send_statuses(sign_in, ("ada",), "PUT", url, body) == {"ada": 200}


def test_only_ada_imports_through_the_api(sign_in: SignIn, db: Session) -> None:
    url = f"{API}/instruments/import"
    body = {"source_name": "screener_demo.toml", "definition": SCREENER}
    others = ("alice", "tara", "cole", "bob", "eve", "tim")
    assert send_statuses(sign_in, others, "POST", url, body) == dict.fromkeys(others, 403)
    assert count(db, ImportedInstrument) == 0
    assert send_statuses(sign_in, ("ada",), "POST", url, body) == {"ada": 201}


def test_only_ada_opens_the_instrument_settings_page(sign_in: SignIn) -> None:
    others = ("alice", "tara", "cole", "bob", "eve", "tim")
    found = get_statuses(sign_in, ("ada", *others), "/admin/instruments")
    assert found == {"ada": 200} | dict.fromkeys(others, 403)


def test_only_ada_changes_instrument_permissions_through_the_page(
    sign_in: SignIn, db: Session
) -> None:
    url = "/admin/instruments/brs/permission"
    form = {"enabled": "1", "confirm": "1", "statement": "We hold a written licence."}
    others = ("alice", "tara", "cole", "bob", "eve", "tim")
    assert form_statuses(sign_in, others, url, form) == dict.fromkeys(others, 403)
    assert count(db, InstrumentPermission) == 0
    assert form_statuses(sign_in, ("ada",), url, form) == {"ada": 303}


def test_only_ada_imports_through_the_page(sign_in: SignIn, db: Session) -> None:
    # The refusals are sent without a file: the role is checked before the body is read.
    others = ("alice", "tara", "cole", "bob", "eve", "tim")
    url = "/admin/instruments/import"
    assert form_statuses(sign_in, others, url, {}) == dict.fromkeys(others, 403)
    files = {"file": ("screener_demo.toml", SCREENER.encode(), "application/toml")}
    assert sign_in("ada").post_form(url, {}, files=files).status_code == 303
    assert count(db, ImportedInstrument) == 1


def test_anonymous_people_cannot_change_instrument_settings(anon: TestClient, db: Session) -> None:
    body = {"enabled": True, "statement": "x"}
    assert anon.put(f"{API}/instruments/brs/permission", json=body).status_code == 401
    body2 = {"source_name": "a.toml", "definition": SCREENER}
    assert anon.post(f"{API}/instruments/import", json=body2).status_code == 401
    for response in (
        anon.get("/admin/instruments", follow_redirects=False),
        anon.post(
            "/admin/instruments/brs/permission", data={"enabled": "1"}, follow_redirects=False
        ),
        anon.post("/admin/instruments/import", data={}, follow_redirects=False),
    ):
        assert (response.status_code, response.headers["location"]) == (303, "/login")
    assert count(db, InstrumentPermission) == 0 and count(db, ImportedInstrument) == 0
