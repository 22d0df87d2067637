"""The safety plan through the API and the pages: saving and reading, versions
and stale saves, the review date, step 2 following the jar, limits, escaping,
who may read and write it, and the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.coping.models import CustomStrategy
from mend.safety.models import SafetyPlanVersion
from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.coping_helpers import API, add, count, fields_of

SignIn = Callable[[str], SignedIn]
MINE = f"{API}/safety-plan"
TODAY = T0.date()  # 2 March 2026
IN_THREE_MONTHS = date(2026, 6, 2)
IN_A_YEAR = date(2027, 3, 2)
PERSONAL = {
    "name": "Call my sister Jo",
    "family": "social_connection",
    "helpfulness": "helpful",
    "functions": ["connect", "calm"],
}


def plan_body(version_base: int = 0, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "version_base": version_base,
        "warning_signs": ["I stop answering messages", "  I can't sleep  ", ""],
        "distractions": ["Walk to the park"],
        "people_to_ask": ["Sam: 07700 900123"],
        "professionals": ["Tara (therapist): 020 7946 0000"],
        "safe_environment": ["Give my spare pills to Sam"],
        "reasons_for_living": ["My cat, Pepper"],
    }
    return body | fields


def clients_plan(client_id: str) -> str:
    return f"{API}/clients/{client_id}/safety-plan"


def put(person: SignedIn, url: str, body: dict[str, Any]) -> Any:
    return person.send("PUT", url, json=body)


def saved(person: SignedIn, url: str = MINE, **fields: Any) -> dict[str, Any]:
    response = put(person, url, plan_body(**fields))
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def versions(db: Session) -> int:
    return count(db, SafetyPlanVersion)


def share(sign_in: SignIn, world: World, member: str, granted: bool) -> None:
    body = {"member_id": world.person(member).id, "category": "safety_plan", "granted": granted}
    response = sign_in("alice").send("PUT", f"{API}/clients/{world.alice.id}/consent", json=body)
    assert response.status_code == 200, response.text


def form_of(values: dict[str, Any]) -> dict[str, Any]:
    """The edit form's fields from an API-like body: one line per textarea line."""
    form: dict[str, Any] = {}
    for name, value in values.items():
        form[name] = "\n".join(value) if isinstance(value, list) else str(value)
    return form


# ---------------------------------------------------------------- saving and reading


def test_before_any_plan_alice_reads_an_empty_one(sign_in: SignIn, world: World) -> None:
    response = sign_in("alice").http.get(MINE)
    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["client_id"], body["saved_by"]) == (0, world.alice.id, None)
    assert body["warning_signs"] == [] and body["coping"] == [] and body["review_on"] is None


def test_alice_saves_her_plan_and_reads_it_back(sign_in: SignIn, world: World, db: Session) -> None:
    alice = sign_in("alice")
    body = saved(alice)
    assert body["version"] == 1
    assert body["warning_signs"] == ["I stop answering messages", "I can't sleep"]
    assert body["reasons_for_living"] == ["My cat, Pepper"]
    assert body["review_on"] == IN_THREE_MONTHS.isoformat() and body["due_for_review"] is False
    assert body["saved_by"] == {"id": world.alice.id, "name": "Alice", "role": "client"}
    assert body["saved_at"].startswith("2026-03-02T09:30")
    assert alice.http.get(MINE).json() == body
    assert alice.http.get(clients_plan(world.alice.id)).json() == body
    assert versions(db) == 1


def test_the_text_is_sealed_at_rest(sign_in: SignIn, db: Session) -> None:
    saved(sign_in("alice"))
    db.rollback()
    row = db.execute(text("SELECT reasons_for_living FROM safety_plan_version")).scalar_one()
    assert row.startswith("v1:") and "Pepper" not in row


def test_each_save_is_a_new_version_with_who_saved_it(
    sign_in: SignIn, world: World, db: Session, clock: time_machine.Coordinates
) -> None:
    saved(sign_in("alice"))
    clock.shift(timedelta(hours=2))
    tara = sign_in("tara")
    body = saved(tara, clients_plan(world.alice.id), version_base=1, distractions=["Call Sam"])
    assert (body["version"], body["saved_by"]["name"], body["distractions"]) == (
        2,
        "Tara",
        ["Call Sam"],
    )
    listed = sign_in("alice").http.get(f"{MINE}/versions").json()
    assert [(v["version"], v["saved_by"]["name"]) for v in listed] == [(2, "Tara"), (1, "Alice")]
    assert listed[0]["saved_at"].startswith("2026-03-02T11:30")
    assert versions(db) == 2


def test_a_save_from_a_stale_version_is_refused_and_names_the_newer_one(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice, tara = sign_in("alice"), sign_in("tara")
    saved(alice)
    saved(tara, clients_plan(world.alice.id), version_base=1, distractions=["Tara's line"])
    response = put(alice, MINE, plan_body(version_base=1, distractions=["Alice's line"]))
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert response.json()["error"]["code"] == "conflict"
    assert (
        list(fields_of(response)) == ["version_base"]
        and "version 2" in fields_of(response)["version_base"]
    )
    assert versions(db) == 2
    assert alice.http.get(MINE).json()["distractions"] == ["Tara's line"]


def test_a_base_from_the_future_is_a_conflict_too(sign_in: SignIn, db: Session) -> None:
    response = put(sign_in("alice"), MINE, plan_body(version_base=3))
    assert response.status_code == 409 and response.json()["current_version"] == 0
    assert versions(db) == 0


def test_a_save_must_say_which_version_it_is_based_on(sign_in: SignIn, db: Session) -> None:
    body = plan_body()
    del body["version_base"]
    response = put(sign_in("alice"), MINE, body)
    assert response.status_code == 422 and "version_base" in fields_of(response)
    assert versions(db) == 0


# ---------------------------------------------------------------- the review date


@pytest.mark.parametrize(
    ("review_on", "status"),
    [
        (TODAY - timedelta(days=1), 422),
        (TODAY, 200),
        (IN_A_YEAR, 200),
        (IN_A_YEAR + timedelta(days=1), 422),
    ],
)
def test_the_review_date_is_between_today_and_a_year_ahead(
    sign_in: SignIn, db: Session, review_on: date, status: int
) -> None:
    response = put(sign_in("alice"), MINE, plan_body(review_on=review_on.isoformat()))
    assert response.status_code == status, response.text
    if status == 422:
        assert list(fields_of(response)) == ["review_on"]
        assert versions(db) == 0
    else:
        assert response.json()["review_on"] == review_on.isoformat()


def test_a_plan_past_its_review_date_is_due_for_review(
    sign_in: SignIn, clock: time_machine.Coordinates
) -> None:
    review_on = TODAY + timedelta(days=7)
    saved(sign_in("alice"), review_on=review_on.isoformat())
    assert sign_in("alice").http.get(MINE).json()["due_for_review"] is False
    clock.shift(timedelta(days=8))
    alice = sign_in("alice")
    assert alice.http.get(MINE).json()["due_for_review"] is True
    page = alice.http.get("/safety-plan").text
    assert "Due for review" in page and review_on.strftime("%d %B %Y") in page
    # Editing it offers a review date that can be saved again.
    assert 'value="2026-06-10"' in alice.http.get("/safety-plan/edit").text


# ---------------------------------------------------------------- step 2 and the jar


def test_step_2_takes_helpful_and_sometimes_helpful_ways_from_the_jar(
    sign_in: SignIn, db: Session
) -> None:
    alice = sign_in("alice")
    breathing, comedy = add(alice, "box-breathing"), add(alice, "watch-comedy")
    body = saved(alice, coping_item_ids=[comedy, breathing, comedy])
    assert body["coping_item_ids"] == [comedy, breathing]
    assert body["coping"] == [
        {
            "item_id": comedy,
            "name": "Watch something funny",
            "helpfulness": "mixed",
            "in_jar": True,
        },
        {"item_id": breathing, "name": "Box breathing", "helpfulness": "helpful", "in_jar": True},
    ]


def test_a_harmful_way_cannot_be_a_coping_step(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    drinking = add(alice, "drinking-alcohol", stage_of_change="contemplation")
    response = put(alice, MINE, plan_body(coping_item_ids=[drinking]))
    assert response.status_code == 422
    message = fields_of(response)["coping_item_ids"]
    assert "can't be a step in your safety plan" in message and "That's okay" in message
    assert versions(db) == 0


def test_another_clients_jar_item_is_refused(sign_in: SignIn, db: Session) -> None:
    bobs = add(sign_in("bob"), "box-breathing")
    alice = sign_in("alice")
    mine = add(alice, "box-breathing")
    for ids in ([bobs], [mine, bobs], ["no-such-item"], [7]):
        response = put(alice, MINE, plan_body(coping_item_ids=ids))
        assert response.status_code == 422, ids
        assert list(fields_of(response)) == ["coping_item_ids"]
    assert versions(db) == 0


def test_a_retired_way_cannot_be_chosen(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    item = add(alice, "box-breathing")
    assert alice.send("POST", f"{API}/jar/{item}/retire").status_code == 200
    response = put(alice, MINE, plan_body(coping_item_ids=[item]))
    assert response.status_code == 422
    assert "no longer in the jar" in fields_of(response)["coping_item_ids"]
    assert versions(db) == 0


def test_step_2_follows_the_jar_when_a_way_is_retired(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    breathing, friend = add(alice, "box-breathing"), add(alice, "talk-to-someone-you-trust")
    saved(alice, coping_item_ids=[breathing, friend])
    assert alice.send("POST", f"{API}/jar/{breathing}/retire").status_code == 200
    coping = alice.http.get(MINE).json()["coping"]
    assert [(c["name"], c["in_jar"]) for c in coping] == [
        ("Box breathing", False),
        ("Talk to someone you trust", True),
    ]
    page = alice.http.get("/safety-plan").text
    assert "no longer in your jar — review this step" in page
    edit = alice.http.get("/safety-plan/edit").text
    assert f'value="{friend}" checked' in edit and f'value="{breathing}"' not in edit
    assert "left out when you save: Box breathing" in edit


def test_step_2_follows_the_jar_when_a_way_is_renamed(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    item = alice.send("POST", f"{API}/jar/personal", json=PERSONAL).json()["id"]
    saved(alice, coping_item_ids=[item])
    db.rollback()
    db.scalars(select(CustomStrategy)).one().name = "Call Jo or Mum"
    db.commit()
    assert [c["name"] for c in alice.http.get(MINE).json()["coping"]] == ["Call Jo or Mum"]
    assert "Call Jo or Mum" in alice.http.get("/safety-plan").text


# ---------------------------------------------------------------- limits, escaping, words


def test_too_many_lines_are_refused_and_nothing_is_written(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    saved(alice)
    before = versions(db)
    lines = [f"Sign {n}" for n in range(21)]
    response = put(alice, MINE, plan_body(version_base=1, warning_signs=lines))
    assert response.status_code == 422
    assert list(fields_of(response)) == ["warning_signs"]
    assert "20 or fewer" in fields_of(response)["warning_signs"]
    assert versions(db) == before == 1
    # Blank lines do not count.
    body = saved(alice, version_base=1, warning_signs=[*lines[:20], "", "   "])
    assert len(body["warning_signs"]) == 20


def test_a_long_line_is_named_by_its_number(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    long = ["One", "Two", "x" * 301]
    response = put(alice, MINE, plan_body(people_to_ask=long))
    assert response.status_code == 422
    assert list(fields_of(response)) == ["people_to_ask.3"]
    assert "Line 3" in fields_of(response)["people_to_ask.3"]
    assert versions(db) == 0
    assert saved(alice, people_to_ask=["x" * 300])["people_to_ask"] == ["x" * 300]


def test_a_line_that_is_not_text_is_named(sign_in: SignIn, db: Session) -> None:
    response = put(sign_in("alice"), MINE, plan_body(distractions=["Walk", 42]))
    assert response.status_code == 422 and list(fields_of(response)) == ["distractions.2"]
    assert versions(db) == 0


def test_unknown_fields_are_refused(sign_in: SignIn, db: Session) -> None:
    response = put(sign_in("alice"), MINE, plan_body(step_7=["?"]))
    assert response.status_code == 422 and versions(db) == 0


def test_html_in_the_plan_is_shown_as_text(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    saved(alice, warning_signs=['<script>alert("x")</script>', "<b>bold</b>"])
    page = alice.http.get("/safety-plan").text
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in alice.http.get("/safety-plan/edit").text


def test_unicode_and_emoji_are_kept(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    words = ["Ring Zoë 📞 — she gets it", "Ñandú, 猫, مرحبا", "🌧️ → 🌤️"]
    assert saved(alice, reasons_for_living=words)["reasons_for_living"] == words
    page = alice.http.get("/safety-plan").text
    assert all(w in page for w in words)


# ---------------------------------------------------------------- pages


def test_an_empty_plan_explains_itself_and_offers_a_start(sign_in: SignIn) -> None:
    page = sign_in("alice").http.get("/safety-plan")
    assert page.status_code == 200
    assert "A safety plan is a short list" in page.text
    assert 'href="/safety-plan/edit">Start my safety plan' in page.text
    assert "Samaritans" in page.text  # help is on the page even before there is a plan


def test_alice_builds_her_plan_with_the_form(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    breathing = add(alice, "box-breathing")
    comedy = add(alice, "watch-comedy")
    drinking = add(alice, "drinking-alcohol", stage_of_change="contemplation")
    form = alice.http.get("/safety-plan/edit").text
    assert f'value="{breathing}"' in form and f'value="{comedy}"' in form
    assert f'value="{drinking}"' not in form
    assert 'href="/jar/add"' in form and 'name="version_base" value="0"' in form
    assert f'value="{IN_THREE_MONTHS.isoformat()}"' in form

    fields = form_of(plan_body(warning_signs=["Racing thoughts", "", "  Not eating  "]))
    fields["coping_item_ids"] = [breathing]
    fields["review_on"] = ""
    response = alice.post_form("/safety-plan/edit", fields)
    assert (response.status_code, response.headers["location"]) == (303, "/safety-plan?saved=1")
    page = alice.http.get("/safety-plan?saved=1").text
    assert "Saved. This is your plan now." in page
    assert "<li>Racing thoughts</li>" in page and "<li>Not eating</li>" in page
    assert "<li>Box breathing</li>" in page
    assert "Version 1" in page and IN_THREE_MONTHS.strftime("%d %B %Y") in page
    assert "Samaritans" in page and "911 / 999 / 112 / 000" in page  # step 5's crisis lines
    assert "data-print" in page and "/static/safety-plan.js" in page
    assert versions(db) == 1


def test_a_refused_form_keeps_what_was_typed(sign_in: SignIn, db: Session) -> None:
    alice = sign_in("alice")
    fields = form_of(plan_body(warning_signs=["Short", "y" * 301]))
    fields["review_on"] = (TODAY - timedelta(days=3)).isoformat()
    response = alice.post_form("/safety-plan/edit", fields)
    assert response.status_code == 422
    assert "Line 2 of “Warning signs” is too long" in response.text
    assert "y" * 301 in response.text and "Walk to the park" in response.text
    assert 'aria-invalid="true"' in response.text
    fields["warning_signs"] = "Short"
    response = alice.post_form("/safety-plan/edit", fields)
    assert response.status_code == 422 and "from today onwards" in response.text
    assert versions(db) == 0


def test_a_harmful_way_sent_through_the_form_is_refused_kindly(
    sign_in: SignIn, db: Session
) -> None:
    alice = sign_in("alice")
    drinking = add(alice, "drinking-alcohol", stage_of_change="contemplation")
    fields = form_of(plan_body()) | {"coping_item_ids": [drinking]}
    response = alice.post_form("/safety-plan/edit", fields)
    assert response.status_code == 422 and "can&#39;t be a step" in response.text
    assert versions(db) == 0


def test_a_stale_form_keeps_the_words_and_can_then_be_saved(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    saved(alice)
    saved(sign_in("tara"), clients_plan(world.alice.id), version_base=1)
    fields = form_of(plan_body(version_base=1, distractions=["My new line"]))
    response = alice.post_form("/safety-plan/edit", fields)
    assert response.status_code == 409
    assert "now version 2" in response.text and "My new line" in response.text
    assert 'name="version_base" value="2"' in response.text
    assert versions(db) == 2
    again = alice.post_form("/safety-plan/edit", fields | {"version_base": "2"})
    assert again.status_code == 303 and versions(db) == 3


def test_tara_builds_the_plan_with_alice(sign_in: SignIn, world: World, db: Session) -> None:
    tara = sign_in("tara")
    base = f"/clients/{world.alice.id}/safety-plan"
    empty = tara.http.get(base).text
    assert "Alice has no safety plan yet" in empty and "Start a safety plan with Alice" in empty
    assert "/static/safety-plan.js" not in empty  # the offline copy is the client's own
    response = tara.post_form(f"{base}/edit", form_of(plan_body()))
    assert (response.status_code, response.headers["location"]) == (303, f"{base}?saved=1")
    page = tara.http.get(base).text
    assert "Alice&#39;s safety plan" in page and "by Tara" in page
    assert "/static/safety-plan.js" not in page and f'href="{base}/edit"' in page
    history = tara.http.get(f"{base}/history").text
    assert "Tara (Therapist)" in history
    assert versions(db) == 1


def test_the_history_page_lists_who_saved_each_version(
    sign_in: SignIn, world: World, clock: time_machine.Coordinates
) -> None:
    saved(sign_in("alice"))
    clock.shift(timedelta(days=1))
    saved(sign_in("tara"), clients_plan(world.alice.id), version_base=1)
    page = sign_in("alice").http.get("/safety-plan/history").text
    assert page.index("Tara (Therapist)") < page.index("Alice (Client)")
    assert "03 Mar 2026, 09:30 UTC" in page and "02 Mar 2026, 09:30 UTC" in page


def test_my_safety_plan_is_one_tap_away_on_every_client_page(sign_in: SignIn) -> None:
    alice = sign_in("alice")
    for url in ("/today", "/jar", "/measures", "/consent", "/safety-plan"):
        page = alice.http.get(url)
        assert page.status_code == 200, url
        assert '<a class="my-plan" href="/safety-plan">My safety plan</a>' in page.text, url
    assert "My safety plan" not in sign_in("tara").http.get("/caseload").text


def test_the_offline_worker_is_served_from_the_root(anon: TestClient) -> None:
    response = anon.get("/safety-plan-sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/javascript")
    assert response.headers["cache-control"] == "no-cache"
    assert 'var PAGE = "/safety-plan"' in response.text
    assert "/static/safety-plan-clear.js" in anon.get("/login").text


# ---------------------------------------------------------------- who may


STRANGERS = ("bob", "eve", "tim")


def statuses(sign_in: SignIn, names: tuple[str, ...], method: str, url: str) -> dict[str, int]:
    found = {}
    for name in names:
        person = sign_in(name)
        if method == "GET":
            found[name] = person.http.get(url, follow_redirects=False).status_code
        else:
            found[name] = put(person, url, plan_body(version_base=1)).status_code
    return found


def test_who_reads_alices_plan(sign_in: SignIn, world: World) -> None:
    saved(sign_in("alice"))
    names = ("alice", "tara", "cole", "ada", *STRANGERS)
    expected = {"alice": 200, "tara": 200, "cole": 403, "ada": 403} | dict.fromkeys(STRANGERS, 404)
    for url in (
        clients_plan(world.alice.id),
        f"{clients_plan(world.alice.id)}/versions",
        f"/clients/{world.alice.id}/safety-plan",
        f"/clients/{world.alice.id}/safety-plan/history",
    ):
        assert statuses(sign_in, names, "GET", url) == expected, url


def test_who_writes_alices_plan(sign_in: SignIn, world: World, db: Session) -> None:
    saved(sign_in("alice"))
    share(sign_in, world, "cole", True)
    names = ("cole", "ada", *STRANGERS)
    expected = {"cole": 403, "ada": 403} | dict.fromkeys(STRANGERS, 404)
    assert statuses(sign_in, names, "PUT", clients_plan(world.alice.id)) == expected
    edit = f"/clients/{world.alice.id}/safety-plan/edit"
    assert statuses(sign_in, names, "GET", edit) == expected
    for name in names:
        response = sign_in(name).post_form(edit, form_of(plan_body(version_base=1)))
        assert response.status_code == expected[name], name
    assert versions(db) == 1


def test_tara_loses_access_when_alice_stops_sharing(
    sign_in: SignIn, world: World, db: Session
) -> None:
    saved(sign_in("alice"))
    tara = sign_in("tara")
    url = clients_plan(world.alice.id)
    assert tara.http.get(url).status_code == 200
    share(sign_in, world, "tara", False)
    assert tara.http.get(url).status_code == 403
    assert "has not shared safety plan" in tara.http.get(url).json()["error"]["message"]
    assert put(tara, url, plan_body(version_base=1)).status_code == 403
    assert tara.http.get(f"/clients/{world.alice.id}/safety-plan").status_code == 403
    assert versions(db) == 1
    share(sign_in, world, "tara", True)
    assert tara.http.get(url).status_code == 200


def test_cole_reads_only_once_alice_shares_and_never_writes(
    sign_in: SignIn, world: World, db: Session
) -> None:
    saved(sign_in("alice"))
    cole = sign_in("cole")
    url = clients_plan(world.alice.id)
    assert cole.http.get(url).status_code == 403
    share(sign_in, world, "cole", True)
    assert cole.http.get(url).json()["version"] == 1
    page = cole.http.get(f"/clients/{world.alice.id}/safety-plan").text
    assert "My cat, Pepper" in page and "/edit" not in page
    assert put(cole, url, plan_body(version_base=1)).status_code == 403
    assert versions(db) == 1


def test_bob_has_his_own_plan_and_cannot_see_alices(sign_in: SignIn, world: World) -> None:
    saved(sign_in("alice"))
    bob = sign_in("bob")
    assert bob.http.get(MINE).json()["version"] == 0
    assert bob.http.get(clients_plan(world.alice.id)).status_code == 404
    assert put(bob, clients_plan(world.alice.id), plan_body(version_base=1)).status_code == 404
    assert "Pepper" not in bob.http.get("/safety-plan").text


def test_a_practitioners_own_plan_page_does_not_exist(sign_in: SignIn) -> None:
    for name in ("tara", "cole", "ada"):
        assert sign_in(name).http.get("/safety-plan").status_code == 404, name
        assert sign_in(name).http.get(MINE).status_code == 404, name


def test_anonymous_readers_are_asked_to_sign_in(anon: TestClient, world: World) -> None:
    assert anon.get(MINE).status_code == 401
    assert anon.get(clients_plan(world.alice.id)).status_code == 401
    page = anon.get("/safety-plan", follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, "/login")


# ---------------------------------------------------------------- audit


def audit(db: Session, action: str) -> list[AuditEntry]:
    db.rollback()
    return list(db.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_saves_and_reads_are_audited(sign_in: SignIn, world: World, db: Session) -> None:
    saved(sign_in("alice"))
    saved(sign_in("tara"), clients_plan(world.alice.id), version_base=1)
    sign_in("cole").http.get(clients_plan(world.alice.id))
    rows = {r.version: r.id for r in db.scalars(select(SafetyPlanVersion))}
    found = {
        (e.actor_user_id, e.resource_id, (e.detail or {}).get("version"), e.subject_client_id)
        for e in audit(db, "safety_plan.saved")
    }
    assert found == {
        (world.alice.user_id, rows[1], "1", world.alice.id),
        (world.tara.user_id, rows[2], "2", world.alice.id),
    }
    reads = {(e.actor_user_id, e.outcome) for e in audit(db, "safety_plan.read")}
    assert (world.cole.user_id, "denied") in reads
    writes = {(e.actor_user_id, e.outcome) for e in audit(db, "safety_plan.write")}
    assert (world.tara.user_id, "allowed") in writes


def test_a_refused_save_is_not_audited_as_saved(sign_in: SignIn, db: Session) -> None:
    put(sign_in("alice"), MINE, plan_body(review_on="2020-01-01"))
    assert audit(db, "safety_plan.saved") == []
