"""The healing view (clinical-model §4) and the insights where they matter (§3):
growth beside falling symptoms, the stage, the jar and goals in one place;
the therapist's findings on the view, in the caseload row and beside
readiness on the journey page, never to the coach or the client."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.healing import growth, healing_view, insights
from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.growth_helpers import (
    API,
    cope_against_the_situation,
    enable_growth,
    grieve_on_one_side,
    tell_measures,
    view_api,
    view_page,
)
from tests.integration.sharing import share
from tests.integration.test_healing_helpers import change, ok

SignIn = Callable[[str], SignedIn]
OWN_API = f"{API}/my-record/healing"
DOMAINS = [growth.domain_key(d) for d in growth.PTGI_DOMAINS]


def rows(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


def by_key(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["key"]: item for item in items}


# ---------------------------------------------------------------- growth beside symptoms


def test_growth_shows_beside_falling_symptoms(sign_in: SignIn, world: World, db: Session) -> None:
    tell_measures(db, world)
    found = ok(sign_in("tara").http.get(view_api(world)), 200)
    symptoms = by_key(found["measures"]["symptoms"])
    assert set(symptoms) == {"phq9", "gad7", "pcl5"}
    assert all(s["verdict"] == "improved" and s["change"] < 0 for s in symptoms.values())
    assert symptoms["gad7"]["category"] in ("recovered", "improved")
    assert symptoms["phq9"]["count"] == len(symptoms["phq9"]["points"]) > 5
    grown = by_key(found["measures"]["growth"])
    assert list(grown) == [growth.PTGI, *DOMAINS, growth.BRS]
    assert grown[growth.PTGI]["verdict"] == "grew" and grown[growth.PTGI]["count"] == 6
    assert grown[growth.BRS]["first"]["value"] == 2.33
    assert grown[growth.BRS]["latest"]["value"] == 3.67
    assert grown[growth.domain_key("spiritual_change")]["verdict"] == "about_the_same"
    assert found["measures"]["growth_instruments_enabled"] == {"ptgi_sf": True, "brs": True}
    first = found["summary"][0]
    assert first.startswith("Symptoms have eased: PHQ-9 from")
    assert "(reliable improvement), and growth is showing in appreciation of life (3 to 8)" in first
    assert "BRS (2.33 to 3.67)" in first and "spiritual" not in first


def test_the_therapists_page_draws_each_chart_with_its_words_and_numbers(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_measures(db, world)
    page = sign_in("tara").http.get(view_page(world)).text
    for chart in ("symptom-phq9", "symptom-gad7", "symptom-pcl5", "ptgi", "brs"):
        assert f'id="chart-{chart}" role="img"' in page
    assert "PTGI-SF domains over time" in page and "BRS over time" in page
    assert "Appreciation of life: 3 to 8 (of 10)" in page
    assert '<th scope="col">Total (of 50)</th>' in page
    assert "Reliable improvement" in page and "Higher than at the start" in page
    assert "never as a grade" in page and "/static/healing-charts.js" in page
    assert "healing-chart-data" in page


def test_alice_reads_her_growth_in_plain_words(sign_in: SignIn, world: World, db: Session) -> None:
    tell_measures(db, world)
    alice = sign_in("alice")
    found = ok(alice.http.get(OWN_API), 200)
    assert found["summary"][0].startswith("Your answers show some things have eased: low mood")
    assert any(s.startswith("Your answers also show growth in appreciating life") for s in
               found["summary"])  # fmt: skip
    assert by_key(found["measures"]["growth"])[growth.BRS]["label"] == (
        "getting through hard times (BRS)"
    )
    assert "category" not in by_key(found["measures"]["symptoms"])["phq9"]
    page = alice.http.get("/healing").text
    assert "How I am healing" in page and "How you are growing" in page
    assert "reliable" not in " ".join(found["summary"]).lower()
    for never in ("grade", "bounce back", "resilience score"):
        assert never not in page.lower()


def test_growth_instruments_turned_off_are_named_for_the_therapist(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_measures(db, world, growth=False)
    found = ok(sign_in("tara").http.get(view_api(world)), 200)
    assert found["measures"]["growth"] == []
    assert found["measures"]["growth_instruments_enabled"] == {"ptgi_sf": False, "brs": False}
    assert found["summary"][-1] == "No PTGI-SF or BRS yet, so growth is not measured."
    page = sign_in("tara").http.get(view_page(world)).text
    assert "PTGI-SF and BRS are not turned on in your organisation" in page
    mine = sign_in("alice").http.get("/healing").text
    assert "You have not answered the questions about growth yet." in mine


def test_turned_on_but_not_asked_yet_points_to_assigning(
    sign_in: SignIn, world: World, db: Session
) -> None:
    enable_growth(db, world)
    db.commit()
    page = sign_in("tara").http.get(view_page(world)).text
    assert "You can assign them on" in page and f"/clients/{world.alice.id}/measures" in page


def test_with_nothing_yet_the_view_says_so(sign_in: SignIn, world: World) -> None:
    found = ok(sign_in("tara").http.get(view_api(world)), 200)
    assert found["stage"] is None and found["jar"]["weeks"] == []
    assert found["goals"] == {"shared": True, "active": [], "achieved": []}
    assert found["insights"]["findings"] == []
    assert found["summary"][0].startswith("No symptom questionnaires")


# ---------------------------------------------------------------- stage, jar and goals


def test_the_stage_in_clinical_and_in_plain_words(sign_in: SignIn, world: World) -> None:
    ok(change(sign_in("tara"), world, 1, reason="Stabilise first."))
    found = ok(sign_in("tara").http.get(view_api(world)), 200)
    assert (found["stage"]["number"], found["stage"]["name"]) == (1, "Safety and stabilisation")
    mine = ok(sign_in("alice").http.get(OWN_API), 200)
    assert mine["stage"]["title"] == "Feeling safe and steady" and "name" not in mine["stage"]
    page = sign_in("alice").http.get("/healing").text
    assert "Feeling safe and steady" in page and "Stabilise first." not in page


def test_jar_balance_and_goals_are_in_the_view(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    cope_against_the_situation(alice, count=3)
    made = ok(alice.send("POST", f"{API}/goals", json={"title": "Walk to the park twice a week"}))
    ok(alice.send("POST", f"{API}/goals/{made['id']}/check-ins", json={"progress": 6}))
    done = ok(alice.send("POST", f"{API}/goals", json={"title": "Sleep before midnight"}))
    moved = alice.send("POST", f"{API}/goals/{done['id']}/status",
                       json={"status": "achieved", "version": done["version"]})  # fmt: skip
    assert moved.status_code == 200, moved.text
    found = ok(sign_in("tara").http.get(view_api(world)), 200)
    assert sum(w["helpful_only"] for w in found["jar"]["weeks"]) == 3
    assert found["jar"]["sentence"].startswith("In the last ")
    [active] = found["goals"]["active"]
    assert active["title"] == "Walk to the park twice a week"
    assert active["latest_check_in"]["progress"] == 6
    assert [g["title"] for g in found["goals"]["achieved"]] == ["Sleep before midnight"]
    page = sign_in("tara").http.get(view_page(world)).text
    assert 'id="chart-balance"' in page and "last check-in 6/10" in page


# ---------------------------------------------------------------- insights on the view


def test_one_sided_grief_is_a_finding_for_the_therapist_with_its_evidence(
    sign_in: SignIn, world: World
) -> None:
    grieve_on_one_side(sign_in("alice"))
    found = ok(sign_in("tara").http.get(view_api(world)), 200)
    [finding] = found["insights"]["findings"]
    assert finding["kind"] == "one_sided_grief"
    assert finding["numbers"] == {
        "loss": 5, "restoration": 0, "moments": 5, "days": 14, "minimum": 5, "side": "loss",
    }  # fmt: skip
    assert finding["link"] == f"/clients/{world.alice.id}/coping#grief-h"
    page = sign_in("tara").http.get(view_page(world)).text
    assert "Grief coping all loss-oriented" in page and f'href="{finding["link"]}"' in page
    evidence = sign_in("tara").http.get(f"/clients/{world.alice.id}/coping").text
    assert 'id="grief-h"' in evidence


def test_a_low_goodness_of_fit_is_a_finding_with_its_pattern(sign_in: SignIn, world: World) -> None:
    cope_against_the_situation(sign_in("alice"))
    found = ok(sign_in("tara").http.get(view_api(world)), 200)
    [finding] = found["insights"]["findings"]
    assert (
        finding["kind"] == "low_fit" and finding["title"] == "Low goodness of fit: 0 % in 28 days"
    )
    assert finding["numbers"]["judged"] == 8 and finding["numbers"]["mismatch_can_emotion"] == 8
    assert "8 could be changed and were met with emotion-focused ways" in finding["sentence"]
    assert finding["link"].endswith("/coping#fit-h")


def test_seven_moments_are_not_yet_a_finding(sign_in: SignIn, world: World) -> None:
    cope_against_the_situation(sign_in("alice"), count=7)
    found = ok(sign_in("tara").http.get(view_api(world)), 200)
    assert found["insights"]["findings"] == []
    assert "a finding needs 8" in found["insights"]["checked"][1]


def test_the_findings_never_reach_the_client_or_the_coach(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    grieve_on_one_side(alice)
    share(alice, world, "cole", "coping")
    assert "insights" not in ok(alice.http.get(OWN_API), 200)
    assert "Grief coping all" not in alice.http.get("/healing").text
    cole = sign_in("cole")
    assert "Worth discussing" not in cole.http.get("/caseload").text
    [row] = rows(cole.http.get(f"{API}/caseload"))
    assert row["worth_discussing"] is None
    assert "Grief coping all" not in cole.http.get(f"/clients/{world.alice.id}/coping").text


# ---------------------------------------------------------------- the caseload


def test_the_caseload_row_says_worth_discussing_with_a_link(sign_in: SignIn, world: World) -> None:
    alice = sign_in("alice")
    grieve_on_one_side(alice)
    tara = sign_in("tara")
    [row] = rows(tara.http.get(f"{API}/caseload"))
    assert row["worth_discussing"] == "Worth discussing: grief coping all loss-oriented"
    page = tara.http.get("/caseload").text
    assert "Worth discussing: grief coping all loss-oriented" in page
    assert f'href="/clients/{world.alice.id}/healing#insights-h"' in page
    share(alice, world, "tara", "coping", granted=False)
    [row] = rows(tara.http.get(f"{API}/caseload"))
    assert row["worth_discussing"] is None


def test_the_caseload_reads_everyones_insights_in_one_query(
    sign_in: SignIn, world: World, db: Session
) -> None:
    grieve_on_one_side(sign_in("alice"))
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        for ids in ([world.alice.id], [world.alice.id, world.bob.id, world.eve.id]):
            statements.clear()
            found = healing_view.reviews_for(
                db, client_ids=ids, now=T0, thresholds=insights.DEFAULT
            )
            assert len(statements) == 1 and set(found) == set(ids)
            assert [f.kind for f in found[world.alice.id].findings] == ["one_sided_grief"]
        statements.clear()
        assert (
            healing_view.reviews_for(db, client_ids=[], now=T0, thresholds=insights.DEFAULT) == {}
        )
        assert statements == []
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def test_a_quiet_caseload_row_has_no_line(sign_in: SignIn, world: World) -> None:
    [row] = rows(sign_in("tara").http.get(f"{API}/caseload"))
    assert row["worth_discussing"] is None
    assert "Worth discussing" not in sign_in("tara").http.get("/caseload").text


# ---------------------------------------------------------------- beside readiness


def test_beside_readiness_only_once_it_is_being_weighed(sign_in: SignIn, world: World) -> None:
    alice, tara = sign_in("alice"), sign_in("tara")
    grieve_on_one_side(alice)
    journey = f"/clients/{world.alice.id}/journey"
    ok(change(tara, world, 1, reason="Stabilise first."))
    assert "Worth discussing beside readiness" not in tara.http.get(journey).text
    decision = {"decision": "not_yet", "reason": "More grounding first."}
    decided = tara.send("POST", f"{API}/clients/{world.alice.id}/journey/decisions", json=decision)
    assert decided.status_code == 201, decided.text
    page = tara.http.get(journey).text
    assert "Worth discussing beside readiness" in page
    assert "Grief coping all loss-oriented" in page
    assert f'href="/clients/{world.alice.id}/coping#grief-h"' in page
    assert "Grief coping all" not in alice.http.get("/journey").text


def test_findings_beside_readiness_are_a_logged_read_of_coping(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice, tara = sign_in("alice"), sign_in("tara")
    grieve_on_one_side(alice)
    ok(change(tara, world, 1, reason="Stabilise first."))
    ok(alice.send("PUT", f"{API}/my-record/journey/agreement", json={"agreed": True}), 200)
    before = _coping_reads(db, world)
    assert (
        "Worth discussing beside readiness"
        in tara.http.get(f"/clients/{world.alice.id}/journey").text
    )
    assert _coping_reads(db, world) == before + 1
    share(alice, world, "tara", "coping", granted=False)
    tara.http.get(f"/clients/{world.alice.id}/journey")
    assert _coping_reads(db, world) == before + 1


def _coping_reads(db: Session, world: World) -> int:
    db.rollback()
    entries = db.scalars(
        select(AuditEntry).where(
            AuditEntry.action == "coping.read", AuditEntry.subject_client_id == world.alice.id
        )
    )
    return sum(1 for entry in entries if (entry.detail or {}).get("via") == "healing")


def test_beside_readiness_says_when_coping_is_not_shared(sign_in: SignIn, world: World) -> None:
    alice, tara = sign_in("alice"), sign_in("tara")
    grieve_on_one_side(alice)
    ok(change(tara, world, 1, reason="Stabilise first."))
    ok(alice.send("PUT", f"{API}/my-record/journey/agreement", json={"agreed": True}), 200)
    share(alice, world, "tara", "coping", granted=False)
    page = tara.http.get(f"/clients/{world.alice.id}/journey").text
    assert "Worth discussing beside readiness" in page
    assert "Grief coping all" not in page and "Not shared with you." in page


def test_the_journey_pages_link_to_the_view(sign_in: SignIn, world: World) -> None:
    tara_journey = sign_in("tara").http.get(f"/clients/{world.alice.id}/journey").text
    assert f'href="{view_page(world)}"' in tara_journey
    assert 'href="/healing"' in sign_in("alice").http.get("/journey").text
    assert (
        f'href="{view_page(world)}"' in sign_in("tara").http.get(f"/clients/{world.alice.id}").text
    )
    assert 'href="/healing"' in sign_in("alice").http.get("/today").text
