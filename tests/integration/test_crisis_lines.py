"""Crisis lines per country (clinical-model §5): ada lists the organisation's
own lines and default country, checked field by field with nothing written on
bad input, every change audited; another organisation's line is 404 and
non-admins are refused; a client sees their organisation's line for their
country, the defaults elsewhere, and may choose their own country."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mend.accounts.models import Membership, Organisation
from mend.audit.models import AuditEntry
from mend.clock import utcnow
from mend.safety import crisis_lines
from mend.safety.models import CrisisLine
from mend.safety.resources import LineValues
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.coping_helpers import API, count, fields_of
from tests.integration.test_measures_api import PHQ9_8, complete, phq9_for_alice

SignIn = Callable[[str], SignedIn]
LINES = f"{API}/crisis-lines"
PAGE = "/admin/crisis-lines"
# The clock stands at T0, 2 March 2026.
LINE = {
    "country": "GB",
    "name": "Riverside night line",
    "contact": "0800 123 456",
    "how": "Call",
    "tel": "0800123456",
    "source": "https://riverside.example/night-line",
    "verified_on": "2026-02-20",
}


# ---------------------------------------------------------------- helpers


def add(ada: SignedIn, **changes: Any) -> dict[str, Any]:
    response = ada.send("POST", LINES, json={**LINE, **changes})
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


def audited(db: Session, action: str) -> list[AuditEntry]:
    db.rollback()
    return list(db.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def rows(db: Session) -> list[CrisisLine]:
    db.rollback()
    return list(db.scalars(select(CrisisLine).order_by(CrisisLine.position)))


def contacts(body: list[dict[str, Any]]) -> list[str]:
    return [line["contact"] for line in body]


def elsewhere_line(db: Session, world: World) -> CrisisLine:
    """A line of the other organisation, written directly."""
    values = LineValues(
        country="GB", name="Elsewhere line", contact="0800 999", how="Call", tel="0800999",
        source="https://elsewhere.example", verified_on=date(2026, 2, 1),
    )  # fmt: skip
    line = crisis_lines.add_line(
        db, org_id=world.elsewhere.id, values=values, by=world.tim.id, now=utcnow()
    )
    db.commit()
    return line


def set_org_country(db: Session, world: World, country: str | None) -> None:
    db.rollback()
    db.execute(
        update(Organisation).where(Organisation.id == world.riverside.id).values(country=country)
    )
    db.commit()


def country_of(db: Session, membership_id: str) -> str | None:
    db.rollback()
    found: str | None = db.scalar(select(Membership.country).where(Membership.id == membership_id))
    return found


def org_country(db: Session, org_id: str) -> str | None:
    db.rollback()
    found: str | None = db.scalar(select(Organisation.country).where(Organisation.id == org_id))
    return found


def help_now(person: SignedIn) -> str:
    response = person.http.get("/help-now")
    assert response.status_code == 200
    return response.text


# ---------------------------------------------------------------- the organisation's lines


def test_ada_adds_a_line_and_it_is_listed_with_its_source_and_date(
    sign_in: SignIn, db: Session, world: World
) -> None:
    ada = sign_in("ada")
    line = add(ada)
    assert (line["country"], line["country_name"], line["tel"], line["verified_on"]) == (
        "GB",
        "United Kingdom",
        "0800123456",
        "2026-02-20",
    )
    assert line["needs_recheck"] is False
    listing = ada.http.get(LINES).json()
    assert [entry["id"] for entry in listing["lines"]] == [line["id"]]
    assert listing["country"] is None
    assert "116 123" in contacts(listing["defaults"])
    assert all(d["source"] and d["verified"] == "2026-11-21" for d in listing["defaults"])
    [entry] = audited(db, "crisis_line.add")
    assert (entry.resource_type, entry.resource_id, entry.org_id) == (
        "crisis_line",
        line["id"],
        world.riverside.id,
    )
    assert entry.detail == {"country": "GB"}


def test_lines_keep_the_order_they_were_added_in_within_a_country(
    sign_in: SignIn, db: Session
) -> None:
    ada = sign_in("ada")
    first = add(ada, name="First")
    add(ada, country="FR", name="French")
    second = add(ada, name="Second", tel="", contact="+44 800 111")
    assert second["tel"] == "+44800111"
    assert (first["position"], second["position"]) == (0, 1)
    names = [line["name"] for line in ada.http.get(LINES).json()["lines"]]
    assert names == ["French", "First", "Second"]


def test_a_line_can_be_changed_and_the_change_is_audited(sign_in: SignIn, db: Session) -> None:
    ada = sign_in("ada")
    line = add(ada)
    body = {**LINE, "contact": "0800 123 457", "tel": "", "verified_on": "2026-03-02"}
    response = ada.send("PUT", f"{LINES}/{line['id']}", json=body)
    assert response.status_code == 200, response.text
    assert (response.json()["contact"], response.json()["tel"]) == ("0800 123 457", "0800123457")
    [row] = rows(db)
    assert (row.contact, row.verified_on) == ("0800 123 457", date(2026, 3, 2))
    [entry] = audited(db, "crisis_line.edit")
    assert entry.detail == {"country": "GB", "changed": "contact,tel,verified_on"}


def test_a_line_can_be_removed_and_the_removal_is_audited(sign_in: SignIn, db: Session) -> None:
    ada = sign_in("ada")
    line = add(ada)
    assert ada.send("DELETE", f"{LINES}/{line['id']}").status_code == 204
    assert rows(db) == []
    [entry] = audited(db, "crisis_line.remove")
    assert (entry.resource_id, entry.detail) == (line["id"], {"country": "GB"})
    assert ada.send("DELETE", f"{LINES}/{line['id']}").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"country": "UK"}, "country"),
        ({"country": ""}, "country"),
        ({"name": ""}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"contact": "   "}, "contact"),
        ({"how": "x" * 61}, "how"),
        ({"tel": "0800 CALL NOW"}, "tel"),
        ({"source": ""}, "source"),
        ({"verified_on": "2026-03-03"}, "verified_on"),
        ({"verified_on": "yesterday"}, "verified_on"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    sign_in: SignIn, db: Session, changes: dict[str, str], field: str
) -> None:
    ada = sign_in("ada")
    response = ada.send("POST", LINES, json={**LINE, **changes})
    assert response.status_code == 422
    assert set(fields_of(response)) == {field}
    assert response.json()["error"]["message"] == fields_of(response)[field]
    assert count(db, CrisisLine) == 0
    assert audited(db, "crisis_line.add") == []


def test_a_bad_change_leaves_the_line_as_it_was(sign_in: SignIn, db: Session) -> None:
    ada = sign_in("ada")
    line = add(ada)
    body = {**LINE, "name": "", "tel": "12ab"}
    response = ada.send("PUT", f"{LINES}/{line['id']}", json=body)
    assert response.status_code == 422
    assert set(fields_of(response)) == {"name", "tel"}
    [row] = rows(db)
    assert (row.name, row.tel) == (LINE["name"], LINE["tel"])
    assert audited(db, "crisis_line.edit") == []


def test_unknown_or_missing_fields_are_refused(sign_in: SignIn, db: Session) -> None:
    ada = sign_in("ada")
    assert ada.send("POST", LINES, json={**LINE, "position": 3}).status_code == 422
    missing = {k: v for k, v in LINE.items() if k != "source"}
    assert ada.send("POST", LINES, json=missing).status_code == 422
    assert count(db, CrisisLine) == 0


def test_another_organisations_line_is_404_and_untouched(
    sign_in: SignIn, db: Session, world: World
) -> None:
    theirs = elsewhere_line(db, world)
    ada = sign_in("ada")
    assert ada.send("PUT", f"{LINES}/{theirs.id}", json=LINE).status_code == 404
    assert ada.send("DELETE", f"{LINES}/{theirs.id}").status_code == 404
    assert ada.http.get(f"{PAGE}/{theirs.id}/edit").status_code == 404
    assert ada.post_form(f"{PAGE}/{theirs.id}/edit", LINE).status_code == 404
    assert ada.post_form(f"{PAGE}/{theirs.id}/remove").status_code == 404
    assert ada.http.get(LINES).json()["lines"] == []
    [row] = rows(db)
    assert (row.name, row.org_id) == ("Elsewhere line", world.elsewhere.id)


@pytest.mark.parametrize("persona", ["alice", "tara", "cole", "eve", "tim"])
def test_only_admins_manage_crisis_lines(
    sign_in: SignIn, db: Session, world: World, persona: str
) -> None:
    line = add(sign_in("ada"))
    person = sign_in(persona)
    assert person.http.get(LINES).status_code == 403
    assert person.send("POST", LINES, json=LINE).status_code == 403
    assert person.send("PUT", f"{LINES}/{line['id']}", json=LINE).status_code == 403
    assert person.send("DELETE", f"{LINES}/{line['id']}").status_code == 403
    assert person.send("PUT", f"{API}/org/country", json={"country": "FR"}).status_code == 403
    assert person.http.get(PAGE).status_code == 403
    assert person.post_form(PAGE, LINE).status_code == 403
    assert person.post_form(f"{PAGE}/{line['id']}/remove").status_code == 403
    assert count(db, CrisisLine) == 1


def test_signed_out_people_are_sent_to_sign_in(anon: Any) -> None:
    assert anon.get(LINES).status_code == 401
    assert anon.put(f"{API}/me/country", json={"country": "FR"}).status_code == 401
    page = anon.get(PAGE, follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, "/login")


# ---------------------------------------------------------------- the admin's page


def test_the_page_lists_lines_by_country_with_source_and_last_verified(
    sign_in: SignIn, db: Session
) -> None:
    ada = sign_in("ada")
    add(ada)
    add(ada, country="IE", name="Pieta", contact="1800 247 247", tel="", verified_on="2025-01-10")
    page = ada.http.get(PAGE)
    assert page.status_code == 200
    text = page.text
    assert "Ireland (IE)" in text and "United Kingdom (GB)" in text
    assert text.index("Ireland (IE)") < text.index("United Kingdom (GB)")
    assert "https://riverside.example/night-line" in text
    assert "20 Feb 2026" in text and "10 Jan 2025" in text
    assert "Check again" in text  # the Irish line was checked over a year ago
    assert "Where you list nothing for a country, Mend's defaults apply." in text
    assert "Your lines instead in United Kingdom, Ireland" in text  # Samaritans
    assert 'href="tel:116123"' in text


def test_the_page_adds_edits_and_removes_a_line(sign_in: SignIn, db: Session) -> None:
    ada = sign_in("ada")
    added = ada.post_form(PAGE, {**LINE, "tel": ""})
    assert (added.status_code, added.headers["location"]) == (303, f"{PAGE}?done=added")
    [row] = rows(db)
    assert row.tel == "0800123456"
    form = ada.http.get(f"{PAGE}/{row.id}/edit")
    assert form.status_code == 200 and 'value="0800 123 456"' in form.text
    edited = ada.post_form(f"{PAGE}/{row.id}/edit", {**LINE, "name": "Night line"})
    assert edited.status_code == 303
    assert rows(db)[0].name == "Night line"
    removed = ada.post_form(f"{PAGE}/{row.id}/remove")
    assert (removed.status_code, removed.headers["location"]) == (303, f"{PAGE}?done=removed")
    assert rows(db) == []
    assert [len(audited(db, f"crisis_line.{v}")) for v in ("add", "edit", "remove")] == [1, 1, 1]


def test_the_page_shows_every_problem_and_saves_nothing(sign_in: SignIn, db: Session) -> None:
    ada = sign_in("ada")
    bad = {**LINE, "country": "XX", "name": "", "verified_on": "2026-12-01"}
    response = ada.post_form(PAGE, bad)
    assert response.status_code == 422
    text = response.text
    assert "Nothing was saved" in text
    assert "Choose a country from the list" in text
    assert "Please give the line&#39;s name." in text
    assert "That day is in the future" in text
    assert 'id="name" name="name" maxlength="120" required value=""' in text
    assert 'value="0800 123 456"' in text  # what was typed is kept
    assert count(db, CrisisLine) == 0


def test_a_bad_edit_on_the_page_changes_nothing(sign_in: SignIn, db: Session) -> None:
    ada = sign_in("ada")
    line = add(ada)
    response = ada.post_form(f"{PAGE}/{line['id']}/edit", {**LINE, "tel": "call us"})
    assert response.status_code == 422
    assert "Give the number a phone dials" in response.text
    assert rows(db)[0].tel == LINE["tel"]


def test_ada_sets_the_default_country(sign_in: SignIn, db: Session, world: World) -> None:
    ada = sign_in("ada")
    response = ada.post_form(f"{PAGE}/country", {"country": "IE"})
    assert (response.status_code, response.headers["location"]) == (303, f"{PAGE}?done=country")
    assert "Now: <strong>Ireland</strong>." in ada.http.get(PAGE).text
    api = ada.send("PUT", f"{API}/org/country", json={"country": "de"})
    assert api.json() == {"country": "DE", "country_name": "Germany"}
    assert ada.http.get(LINES).json()["country"] == "DE"
    cleared = ada.send("PUT", f"{API}/org/country", json={"country": None})
    assert cleared.json() == {"country": None, "country_name": None}
    entries = audited(db, "crisis_line.org_country")
    assert [e.detail for e in entries] == [
        {"from": "", "to": "IE"},
        {"from": "IE", "to": "DE"},
        {"from": "DE", "to": ""},
    ]


def test_an_unknown_default_country_is_refused(sign_in: SignIn, db: Session, world: World) -> None:
    ada = sign_in("ada")
    set_org_country(db, world, "GB")
    page = ada.post_form(f"{PAGE}/country", {"country": "EU"})
    assert page.status_code == 422 and "Choose a country from the list" in page.text
    api = ada.send("PUT", f"{API}/org/country", json={"country": "England"})
    assert api.status_code == 422 and set(fields_of(api)) == {"country"}
    assert org_country(db, world.riverside.id) == "GB"
    assert audited(db, "crisis_line.org_country") == []


# ---------------------------------------------------------------- what clients see


def test_signed_out_help_now_shows_every_default_line(anon: Any) -> None:
    text = anon.get("/help-now").text
    for number in ("988", "116123", "3114", "024", "08001110111", "131114"):
        assert f'href="tel:{number}"' in text
    assert "911 / 999 / 112 / 000" in text
    assert "Last checked 21 Nov 2026" in text
    assert "/help-now/country" not in text


def test_a_client_with_no_country_sees_every_default_line(sign_in: SignIn) -> None:
    text = help_now(sign_in("alice"))
    assert 'href="tel:988"' in text and 'href="tel:131114"' in text
    assert "Showing lines for every country we know." in text
    assert 'action="/help-now/country"' in text


def test_a_client_sees_the_organisations_line_for_their_country(
    sign_in: SignIn, db: Session, world: World
) -> None:
    ada = sign_in("ada")
    add(ada)
    ada.send("PUT", f"{API}/org/country", json={"country": "GB"})
    text = help_now(sign_in("bob"))
    assert "Showing lines for United Kingdom." in text
    assert 'href="tel:0800123456"' in text and "Riverside night line" in text
    assert "Source: https://riverside.example/night-line. Last checked 20 Feb 2026." in text
    assert 'href="tel:116123"' not in text and 'href="tel:988"' not in text
    assert "911 / 999 / 112 / 000" in text


def test_a_client_elsewhere_sees_the_defaults_for_their_country(
    sign_in: SignIn, db: Session, world: World
) -> None:
    add(sign_in("ada"))
    set_org_country(db, world, "GB")
    alice = sign_in("alice")
    assert alice.send("PUT", f"{API}/me/country", json={"country": "IE"}).status_code == 200
    text = help_now(alice)
    assert "Showing lines for Ireland." in text
    assert 'href="tel:116123"' in text and "Riverside night line" not in text


def test_another_organisations_clients_never_see_our_lines(
    sign_in: SignIn, db: Session, world: World
) -> None:
    add(sign_in("ada"))
    eve = sign_in("eve")
    assert eve.send("PUT", f"{API}/me/country", json={"country": "GB"}).status_code == 200
    text = help_now(eve)
    assert 'href="tel:116123"' in text and "Riverside night line" not in text


def test_a_country_with_no_line_anywhere_shows_every_default(
    sign_in: SignIn, db: Session, world: World
) -> None:
    set_org_country(db, world, "IT")
    text = help_now(sign_in("alice"))
    assert "We have no crisis line listed for Italy yet" in text
    assert 'href="tel:988"' in text and 'href="tel:116123"' in text


def test_staff_see_every_default_line_on_help_now(sign_in: SignIn, db: Session) -> None:
    ada = sign_in("ada")
    add(ada)
    ada.send("PUT", f"{API}/org/country", json={"country": "GB"})
    text = help_now(sign_in("tara"))
    assert 'href="tel:988"' in text and "Riverside night line" not in text
    assert "/help-now/country" not in text


# ---------------------------------------------------------------- a client's own country


def test_a_client_chooses_their_country_through_the_api(
    sign_in: SignIn, db: Session, world: World
) -> None:
    alice = sign_in("alice")
    before = alice.http.get(f"{API}/me/country").json()
    assert (before["country"], before["chosen"], before["for_country"]) == (None, False, False)
    assert len(before["lines"]) == 7  # six defaults and the emergency number
    response = alice.send("PUT", f"{API}/me/country", json={"country": "fr"})
    assert response.status_code == 200
    body = response.json()
    assert (body["country"], body["country_name"], body["chosen"], body["for_country"]) == (
        "FR",
        "France",
        True,
        True,
    )
    assert contacts(body["lines"]) == ["3114", "911 / 999 / 112 / 000"]
    assert body["emergency"] == "911 / 999 / 112 / 000"
    assert country_of(db, world.alice.id) == "FR"
    [entry] = audited(db, "crisis_line.my_country")
    assert (entry.subject_client_id, entry.detail) == (world.alice.id, {"from": "", "to": "FR"})


def test_clearing_the_choice_goes_back_to_the_organisations_country(
    sign_in: SignIn, db: Session, world: World
) -> None:
    set_org_country(db, world, "AU")
    alice = sign_in("alice")
    alice.send("PUT", f"{API}/me/country", json={"country": "DE"})
    body = alice.send("PUT", f"{API}/me/country", json={"country": None}).json()
    assert (body["country"], body["chosen"]) == ("AU", False)
    assert contacts(body["lines"])[0] == "13 11 14"


def test_an_unknown_country_is_refused_and_nothing_changes(
    sign_in: SignIn, db: Session, world: World
) -> None:
    alice = sign_in("alice")
    alice.send("PUT", f"{API}/me/country", json={"country": "DE"})
    response = alice.send("PUT", f"{API}/me/country", json={"country": "ZZ"})
    assert response.status_code == 422 and set(fields_of(response)) == {"country"}
    assert alice.send("PUT", f"{API}/me/country", json={}).status_code == 422
    form = alice.post_form("/help-now/country", {"country": "Narnia"})
    assert form.status_code == 422
    assert country_of(db, world.alice.id) == "DE"
    assert len(audited(db, "crisis_line.my_country")) == 1


@pytest.mark.parametrize("persona", ["tara", "cole", "ada"])
def test_only_clients_choose_a_country_for_crisis_lines(sign_in: SignIn, persona: str) -> None:
    person = sign_in(persona)
    assert person.send("PUT", f"{API}/me/country", json={"country": "FR"}).status_code == 403
    assert person.post_form("/help-now/country", {"country": "FR"}).status_code == 403


def test_a_client_changes_their_country_on_help_now(
    sign_in: SignIn, db: Session, world: World
) -> None:
    alice = sign_in("alice")
    response = alice.post_form("/help-now/country", {"country": "ES"})
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/help-now?changed=1#lines-h",
    )
    text = alice.http.get("/help-now?changed=1").text
    assert "Saved." in text and "Showing lines for Spain." in text
    assert 'href="tel:024"' in text and 'href="tel:988"' not in text
    assert '<option value="ES" selected>Spain</option>' in text
    cleared = alice.post_form("/help-now/country", {"country": ""})
    assert cleared.status_code == 303
    assert country_of(db, world.alice.id) is None


def test_the_form_needs_its_csrf_token(sign_in: SignIn, db: Session, world: World) -> None:
    alice = sign_in("alice")
    response = alice.http.post("/help-now/country", data={"country": "FR"}, follow_redirects=False)
    assert response.status_code == 403
    assert country_of(db, world.alice.id) is None


# ---------------------------------------------------------------- risk answers


def test_a_risk_answer_sends_the_clients_lines(sign_in: SignIn, db: Session, world: World) -> None:
    ada = sign_in("ada")
    add(ada)
    ada.send("PUT", f"{API}/org/country", json={"country": "GB"})
    assignment_id = phq9_for_alice(sign_in, world)
    done = complete(sign_in("alice"), assignment_id, [*PHQ9_8[:8], 1])
    lines = done["crisis_resources"]
    assert contacts(lines) == ["0800 123 456", "911 / 999 / 112 / 000"]
    assert lines[0]["source"] == LINE["source"] and lines[0]["verified"] == "2026-02-20"
    assert lines[0]["countries"] == ["GB"]


def test_an_imminent_strategy_sends_the_clients_lines(
    sign_in: SignIn, db: Session, world: World
) -> None:
    alice = sign_in("alice")
    alice.send("PUT", f"{API}/me/country", json={"country": "DE"})
    body = alice.send("POST", f"{API}/jar", json={"strategy": "suicidal-act"}).json()
    assert contacts(body["crisis_resources"]) == ["0800 111 0 111", "911 / 999 / 112 / 000"]


def test_the_crisis_page_shows_the_clients_lines_and_their_country(
    sign_in: SignIn, db: Session, world: World
) -> None:
    ada = sign_in("ada")
    add(ada)
    ada.send("PUT", f"{API}/org/country", json={"country": "GB"})
    form = {"idempotency_key": "form-key-0001", "distress_before": "6"}
    form |= {"urge": "9", "urge_target": "self_harm"}
    response = sign_in("alice").post_form("/moments/new", form)
    assert response.status_code == 200
    text = response.text
    assert "Your safety comes first" in text
    assert "Crisis lines for United Kingdom:" in text
    assert 'href="tel:0800123456"' in text and 'href="tel:116123"' not in text
    assert "Last checked 20 Feb 2026" in text


def test_the_urge_page_carries_the_clients_lines(
    sign_in: SignIn, db: Session, world: World
) -> None:
    alice = sign_in("alice")
    alice.send("PUT", f"{API}/me/country", json={"country": "AU"})
    text = alice.http.get("/urge").text
    assert 'href="tel:131114"' in text and 'href="tel:988"' not in text
