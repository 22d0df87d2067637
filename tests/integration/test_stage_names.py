"""An organisation's own names for the healing stages (clinical-model §4): set
by its admin, read by its team on the journey and in reports, never by the
client (who reads the plain words), and refused as a whole when one is wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts.models import Organisation
from mend.audit.models import AuditEntry
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.test_healing_helpers import API, change, fields_of, journey, ok

SignIn = Callable[[str], SignedIn]
NAMES = f"{API}/org/stage-names"
OURS = {"stage_1": "Steadying", "stage_2": "Working through", "stage_3": None}


def _names(response: object) -> list[str]:
    return [s["name"] for s in ok(response, 200)["stages"]]  # type: ignore[arg-type]


def test_ada_renames_the_stages_and_tara_reads_them(
    sign_in: SignIn, world: World, db: Session
) -> None:
    ada, tara = sign_in("ada"), sign_in("tara")
    assert _names(ada.http.get(NAMES)) == [
        "Safety and stabilisation", "Remembrance and mourning", "Reconnection and integration",
    ]  # fmt: skip
    found = ok(ada.send("PUT", NAMES, json=OURS), 200)["stages"]
    assert [(s["name"], s["renamed"]) for s in found] == [
        ("Steadying", True), ("Working through", True), ("Reconnection and integration", False),
    ]  # fmt: skip
    ok(change(tara, world, 1))
    assert ok(tara.http.get(journey(world)), 200)["stage"]["name"] == "Steadying"
    assert "Steadying" in tara.http.get(f"/clients/{world.alice.id}/journey").text
    assert "Steadying" in tara.http.get(f"/clients/{world.alice.id}/healing").text
    report = ok(tara.http.get(f"{API}/clients/{world.alice.id}/report"), 200)
    assert report["healing"]["stage_at_end"]["name"] == "Steadying"
    assert "stage 1 (steadying)" in " ".join(m["words"] for m in report["healing"]["moves"])
    db.rollback()
    (entry,) = db.scalars(select(AuditEntry).where(AuditEntry.action == "org.stage_names")).all()
    assert (entry.actor_user_id, entry.actor_role) == (world.ada.user_id, "admin")
    assert (entry.detail or {})["stage_2"] == "Working through"


def test_alice_still_reads_her_stage_in_plain_words(sign_in: SignIn, world: World) -> None:
    ok(sign_in("ada").send("PUT", NAMES, json=OURS), 200)
    ok(change(sign_in("tara"), world, 1))
    alice = sign_in("alice")
    assert "Steadying" not in alice.http.get("/journey").text
    assert "Steadying" not in alice.http.get(f"{API}/my-record/journey").text


def test_empty_or_null_goes_back_to_the_usual_name(sign_in: SignIn) -> None:
    ada = sign_in("ada")
    ok(ada.send("PUT", NAMES, json=OURS), 200)
    blank = {"stage_1": "  ", "stage_2": None, "stage_3": ""}
    assert _names(ada.send("PUT", NAMES, json=blank))[:2] == [
        "Safety and stabilisation", "Remembrance and mourning",
    ]  # fmt: skip


def test_names_are_one_organisations_own(sign_in: SignIn, world: World, db: Session) -> None:
    ok(sign_in("ada").send("PUT", NAMES, json=OURS), 200)
    db.rollback()
    elsewhere = db.get_one(Organisation, world.elsewhere.id)
    assert (elsewhere.stage_1_name, elsewhere.stage_2_name) == (None, None)


@pytest.mark.parametrize("name", ["tara", "cole", "alice", "bob", "tim"])
def test_only_an_admin_may_rename_the_stages(sign_in: SignIn, name: str, db: Session) -> None:
    person = sign_in(name)
    assert person.send("PUT", NAMES, json=OURS).status_code == 403
    assert person.http.get(NAMES).status_code == 403
    assert person.post_form("/admin/settings/stages", {"stage_1": "Mine"}).status_code == 403
    db.rollback()
    assert db.scalars(select(Organisation.stage_1_name)).all() == [None, None]


def test_signed_out_is_401(anon: Any) -> None:
    assert anon.get(NAMES).status_code == 401
    assert anon.put(NAMES, json=OURS).status_code in (401, 403)  # no session, no CSRF token


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"stage_1": "Working through", "stage_2": "working THROUGH"}, "stage_2"),
        ({"stage_2": "Safety and stabilisation"}, "stage_2"),
        ({"stage_3": "x" * 61}, "stage_3"),
        ({"stage_1": "Two\nlines"}, "stage_1"),
        ({"stage_1": "x" * 201}, "stage_1"),
    ],
)
def test_a_name_that_cannot_be_is_422_and_nothing_changes(
    sign_in: SignIn, db: Session, body: dict[str, str], field: str
) -> None:
    ada = sign_in("ada")
    ok(ada.send("PUT", NAMES, json=OURS), 200)
    response = ada.send("PUT", NAMES, json=body)
    assert response.status_code == 422 and field in fields_of(response)
    assert _names(ada.http.get(NAMES))[:2] == ["Steadying", "Working through"]


def test_the_settings_form_saves_and_shows_a_refusal_by_name(sign_in: SignIn) -> None:
    ada = sign_in("ada")
    saved = ada.post_form("/admin/settings/stages", {"stage_1": "Steadying", "stage_2": ""})
    assert saved.status_code == 303
    assert 'value="Steadying"' in ada.http.get("/admin/settings").text
    refused = ada.post_form(
        "/admin/settings/stages", {"stage_1": "Same", "stage_2": "same", "stage_3": ""}
    )
    assert refused.status_code == 422
    assert "have the same name" in refused.text and 'aria-invalid="true"' in refused.text
    assert _names(ada.http.get(NAMES))[0] == "Steadying"
