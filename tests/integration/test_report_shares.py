"""Sharing a progress report only with the client's yes: tara asks; nothing is
shared until alice, having read exactly what would go, says yes; that copy is
frozen and is all the recipient ever sees; alice can say no, or withdraw her
yes at any time (it applies on the recipient's next request). A second yes is
idempotent; a yes to a report that changed since alice read it is 409."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from mend.care import service as care
from mend.care.models import CareTeamMember
from mend.reports import pdf
from mend.reports.models import ReportShare
from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.report_helpers import (
    API,
    SIX_MONTHS,
    answer,
    api,
    approve,
    ask,
    ok,
    preview,
    report,
    share_count,
    tell_alice,
)
from tests.integration.sharing import share
from tests.integration.test_healing_helpers import add_to_jar, log_moment
from tests.integration.test_notes_helpers import PRIVATE, record, write_private

SignIn = Callable[[str], SignedIn]
GP = {"recipient_id": None, "recipient_name": "Dr Okafor (GP)", "purpose": "Referral letter."}


def mine(share_id: str) -> str:
    return f"/my-record/report/shares/{share_id}"


def actions(db: Session) -> list[str]:
    db.rollback()
    query = select(AuditEntry.action).where(AuditEntry.action.like("report_share.%"))
    return list(db.scalars(query.order_by(AuditEntry.seq)))


def without_time(copy: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in copy.items() if k != "generated_at"}


@pytest.fixture
def told(world: World, db: Session) -> World:
    tell_alice(db, world)
    return world


# ---------------------------------------------------------------- waiting


def test_nothing_is_shared_until_alice_says_yes(sign_in: SignIn, told: World) -> None:
    world = told
    asked = ok(ask(sign_in("tara"), world), 201)
    assert asked["status"] == "pending" and asked["recipient"]["name"] == "Cole"
    cole = sign_in("cole").http
    assert ok(cole.get(api(world, "/shares"))) == []
    assert cole.get(api(world, f"/shares/{asked['id']}")).status_code == 404
    assert cole.get(report(world, f"/shares/{asked['id']}")).status_code == 404
    alice = sign_in("alice").http
    today = alice.get("/today").text
    assert "1 request to share your progress report" in today
    page = alice.get("/my-record/report").text
    assert "Requests to share your report" in page and mine(asked["id"]) in page
    assert "To plan our coaching sessions together." in page


def test_the_same_request_twice_is_stored_once(sign_in: SignIn, told: World, db: Session) -> None:
    tara = sign_in("tara")
    first = ok(ask(tara, told), 201)
    again = ok(ask(tara, told), 200)
    assert again["id"] == first["id"] and share_count(db) == 1
    other = ok(ask(tara, told, purpose="Something else."), 201)
    assert other["id"] != first["id"]


# ---------------------------------------------------------------- yes


def test_cole_opens_exactly_the_copy_alice_read_and_it_stays_so(
    sign_in: SignIn, told: World, db: Session
) -> None:
    world = told
    share_id = ok(ask(sign_in("tara"), world), 201)["id"]
    alice = sign_in("alice")
    read = preview(alice, share_id)
    assert read["report"]["audience"] == "client" and read["status"] == "pending"
    said = ok(answer(alice, share_id, "approve", read["fingerprint"]))
    assert said["status"] == "approved" and said["changed"] is True
    assert said["fingerprint"] == read["fingerprint"]
    cole = sign_in("cole")
    opened = ok(cole.http.get(api(world, f"/shares/{share_id}")))
    assert without_time(opened["report"]) == without_time(read["report"])
    page = cole.http.get(report(world, f"/shares/{share_id}"))
    assert page.status_code == 200 and "once you were ready" in page.text
    assert [s["id"] for s in ok(cole.http.get(api(world, "/shares")))] == [share_id]
    # Later moments change alice's report, never the copy she agreed to.
    item = add_to_jar(alice, "body-scan")
    log_moment(alice, "after-the-yes-1", at=T0 - timedelta(hours=1), items=[item])
    again = ok(cole.http.get(api(world, f"/shares/{share_id}")))
    assert again["report"] == opened["report"] and again["fingerprint"] == read["fingerprint"]
    live = ok(alice.http.get(f"{API}/my-record/report", params=SIX_MONTHS))
    assert live["coping"]["moments"] == opened["report"]["coping"]["moments"] + 1
    assert actions(db) == [
        "report_share.requested", "report_share.opened", "report_share.approved",
        *["report_share.opened"] * 3,  # cole: the API, the page, the API again
    ]  # fmt: skip


def test_the_request_and_the_frozen_copy_are_sealed_at_rest(
    sign_in: SignIn, told: World, db: Session
) -> None:
    share_id = ok(ask(sign_in("tara"), told, **GP), 201)["id"]
    ok(approve(sign_in("alice"), share_id))
    db.rollback()
    raw = db.execute(
        text("SELECT purpose, recipient_name, snapshot FROM report_share WHERE id = :id"),
        {"id": share_id},
    ).one()
    assert all(value.startswith("v1:") for value in raw)
    assert "Okafor" not in str(raw) and "Referral" not in str(raw) and "Alice" not in str(raw)


def test_a_second_yes_changes_nothing(sign_in: SignIn, told: World, db: Session) -> None:
    share_id = ok(ask(sign_in("tara"), told), 201)["id"]
    alice = sign_in("alice")
    first = ok(approve(alice, share_id))
    again = ok(answer(alice, share_id, "approve", "whatever-it-says"))
    assert (again["status"], again["changed"]) == ("approved", False)
    assert again["fingerprint"] == first["fingerprint"]
    assert actions(db).count("report_share.approved") == 1


def test_a_yes_to_a_report_that_changed_since_is_409(
    sign_in: SignIn, told: World, db: Session
) -> None:
    share_id = ok(ask(sign_in("tara"), told), 201)["id"]
    alice = sign_in("alice")
    read = preview(alice, share_id)
    item = add_to_jar(alice, "body-scan")
    log_moment(alice, "while-reading-01", at=T0 - timedelta(hours=2), items=[item])
    stale = answer(alice, share_id, "approve", read["fingerprint"])
    assert stale.status_code == 409
    body = stale.json()
    assert set(body["error"]["fields"]) == {"fingerprint"}
    assert body["current"]["fingerprint"] != read["fingerprint"]
    assert body["current"]["report"]["coping"]["moments"] == read["report"]["coping"]["moments"] + 1
    db.rollback()
    assert db.get_one(ReportShare, share_id).status == "pending"
    fresh = ok(answer(alice, share_id, "approve", body["current"]["fingerprint"]))
    assert fresh["status"] == "approved"


def test_a_yes_needs_the_recipient_still_on_the_team(
    sign_in: SignIn, told: World, db: Session
) -> None:
    share_id = ok(ask(sign_in("tara"), told), 201)["id"]
    alice = sign_in("alice")
    read = preview(alice, share_id)
    row = db.scalars(select(CareTeamMember).where(CareTeamMember.member_id == told.cole.id)).one()
    care.remove_from_team(db, row=row, now=T0)
    db.commit()
    refused = answer(alice, share_id, "approve", read["fingerprint"])
    assert refused.status_code == 409 and set(refused.json()["error"]["fields"]) == {"recipient_id"}


# ---------------------------------------------------------------- no, and withdrawn


def test_no_means_nothing_is_ever_shared(sign_in: SignIn, told: World, db: Session) -> None:
    share_id = ok(ask(sign_in("tara"), told), 201)["id"]
    alice = sign_in("alice")
    assert ok(answer(alice, share_id, "decline"))["status"] == "declined"
    assert ok(answer(alice, share_id, "decline"))["changed"] is False
    late_yes = approve(alice, share_id)
    assert late_yes.status_code == 409 and "ask your therapist to ask again" in late_yes.text
    cole = sign_in("cole").http
    assert cole.get(api(told, f"/shares/{share_id}")).status_code == 404
    assert ok(cole.get(api(told, "/shares"))) == []
    tara = ok(sign_in("tara").http.get(api(told, f"/shares/{share_id}")))
    assert tara["status"] == "declined" and tara["report"] is None
    db.rollback()
    assert db.get_one(ReportShare, share_id).snapshot is None


def test_a_withdrawal_applies_on_the_next_request(
    sign_in: SignIn, told: World, db: Session
) -> None:
    share_id = ok(ask(sign_in("tara"), told), 201)["id"]
    alice = sign_in("alice")
    ok(approve(alice, share_id))
    cole = sign_in("cole").http
    assert cole.get(api(told, f"/shares/{share_id}")).status_code == 200
    assert ok(answer(alice, share_id, "withdraw"))["status"] == "withdrawn"
    assert cole.get(api(told, f"/shares/{share_id}")).status_code == 403
    assert cole.get(report(told, f"/shares/{share_id}")).status_code == 403
    listed = ok(cole.get(api(told, "/shares")))
    assert [s["status"] for s in listed] == ["withdrawn"]
    assert ok(answer(alice, share_id, "withdraw"))["changed"] is False
    assert approve(alice, share_id).status_code == 409
    db.rollback()
    refused = db.scalars(
        select(AuditEntry).where(
            AuditEntry.action == "report_share.opened", AuditEntry.outcome == "denied"
        )
    ).all()
    assert len(refused) == 2 and all(e.actor_role == "coach" for e in refused)
    # alice still sees what she once shared.
    assert ok(alice.http.get(f"{API}/my-record/report/shares/{share_id}"))["report"] is not None


def test_a_waiting_request_is_declined_not_withdrawn(sign_in: SignIn, told: World) -> None:
    share_id = ok(ask(sign_in("tara"), told), 201)["id"]
    refused = answer(sign_in("alice"), share_id, "withdraw")
    assert refused.status_code == 409 and "say no to the request instead" in refused.text


# ---------------------------------------------------------------- outside the practice


def test_tara_releases_a_stamped_copy_to_an_outside_recipient(
    sign_in: SignIn, told: World, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    real = pdf.to_pdf
    monkeypatch.setattr(pdf, "to_pdf", lambda html: made.append(html) or real(html))
    tara = sign_in("tara")
    share_id = ok(ask(tara, told, **GP), 201)["id"]
    release = report(told, f"/shares/{share_id}/release.pdf")
    assert tara.http.get(release).status_code == 403  # nothing to release before the yes
    ok(approve(sign_in("alice"), share_id))
    response = tara.http.get(release)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert f"-release-{share_id}.pdf" in response.headers["content-disposition"]
    text = pdf.text_of(pdf.document(made[-1]))
    assert "Released to Dr Okafor (GP) for: Referral letter." in text
    assert "Shared with Alice’s consent, given on 2 March 2026." in text
    assert "Asked for by Tara" in text and "Alice’s own version" in text
    printable = tara.http.get(report(told, f"/shares/{share_id}/release"))
    assert printable.status_code == 200 and "Released to Dr Okafor (GP)" in printable.text
    for person in ("cole", "alice"):
        assert sign_in(person).http.get(release).status_code in (303, 404)
    db.rollback()
    released = db.scalars(
        select(AuditEntry.outcome).where(AuditEntry.action == "report_share.released")
    ).all()
    assert released == ["denied", "allowed", "allowed"]  # before the yes; the PDF; the page


def test_a_copy_for_the_team_is_opened_in_mend_not_released(sign_in: SignIn, told: World) -> None:
    share_id = ok(ask(sign_in("tara"), told), 201)["id"]
    ok(approve(sign_in("alice"), share_id))
    assert (
        sign_in("tara").http.get(report(told, f"/shares/{share_id}/release.pdf")).status_code == 404
    )


# ---------------------------------------------------------------- what a share holds


def test_a_coach_never_sees_a_diagnosis_or_psychotherapy_note_even_in_a_share(
    sign_in: SignIn, told: World
) -> None:
    tara = sign_in("tara")
    assert record(tara, told).status_code == 201
    assert write_private(tara, told).status_code == 201
    share_id = ok(ask(tara, told), 201)["id"]
    ok(approve(sign_in("alice"), share_id))
    cole = sign_in("cole").http
    for url in (api(told, f"/shares/{share_id}"), report(told, f"/shares/{share_id}")):
        text = cole.get(url).text
        assert "Symptoms" in text or "symptom" in text
        for secret in ("6B40", "Post traumatic stress disorder", PRIVATE, "remembrance"):
            assert secret not in text, secret


def test_a_share_holds_only_what_alice_shares_with_tara_and_what_was_asked(
    sign_in: SignIn, told: World
) -> None:
    alice = sign_in("alice")
    share(alice, told, "tara", "measures", granted=False)
    share_id = ok(ask(sign_in("tara"), told, sections=["measures", "goals_homework"]), 201)["id"]
    read = preview(alice, share_id)["report"]
    assert read["sections"] == ["goals_homework"] and read["not_shared"] == ["measures"]
    assert read["measures"] is None and read["coping"] is None and read["healing"] is None
    page = alice.http.get(mine(share_id)).text
    assert "Not part of this copy: questionnaires and scores" in page


# ---------------------------------------------------------------- what a request must say


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"purpose": "  "}, "purpose"),
        ({"recipient_id": None}, "recipient"),
        ({"recipient_name": "Dr Okafor"}, "recipient"),
        ({"recipient_id": "no-such-person"}, "recipient_id"),
        ({"sections": []}, "sections"),
        ({"sections": ["diagnoses"]}, "sections"),
        ({"from": "2026-03-05"}, "from"),
        ({"to": "2026-04-01"}, "to"),
    ],
)
def test_a_request_that_cannot_be_is_422_with_its_field(
    sign_in: SignIn, world: World, db: Session, body: dict[str, Any], field: str
) -> None:
    response = ask(sign_in("tara"), world, **body)
    assert response.status_code == 422, response.text
    assert set(response.json()["error"]["fields"]) == {field}
    assert share_count(db) == 0


@pytest.mark.parametrize("who", ["tara", "bob"])
def test_the_recipient_is_someone_else_on_the_team(sign_in: SignIn, world: World, who: str) -> None:
    response = ask(sign_in("tara"), world, recipient_id=world.person(who).id)
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"recipient_id"}


# ---------------------------------------------------------------- the pages' forms


def test_the_whole_round_through_the_pages(sign_in: SignIn, told: World, db: Session) -> None:
    tara = sign_in("tara")
    form = {"from": "2025-09-03", "to": "2026-03-02", "recipient": f"member:{told.cole.id}",
            "purpose": "Planning together.", "sections": "healing"}  # fmt: skip
    sent = tara.post_form(report(told, "/shares"), form)
    assert sent.status_code == 303 and "asked=1" in sent.headers["location"]
    share_id = db.scalars(select(ReportShare.id)).one()
    alice = sign_in("alice")
    page = alice.http.get(mine(share_id))
    assert page.status_code == 200 and "Yes, share this copy" in page.text
    seen = page.text.split('name="fingerprint" value="')[1].split('"')[0]
    yes = alice.post_form(f"{mine(share_id)}/approve", {"fingerprint": seen})
    assert yes.status_code == 303 and yes.headers["location"] == f"{mine(share_id)}?done=approved"
    assert "Withdraw my yes" in alice.http.get(mine(share_id)).text
    cole = sign_in("cole").http.get(report(told, "/shares"))
    assert f"/shares/{share_id}" in cole.text
    gone = alice.post_form(f"{mine(share_id)}/withdraw")
    assert gone.status_code == 303


def test_a_stale_yes_on_the_page_shows_the_new_copy(sign_in: SignIn, told: World) -> None:
    share_id = ok(ask(sign_in("tara"), told), 201)["id"]
    alice = sign_in("alice")
    stale = alice.post_form(f"/my-record/report/shares/{share_id}/approve", {"fingerprint": "x"})
    assert stale.status_code == 409
    assert "The report changed since you looked at it" in stale.text
    assert "Yes, share this copy" in stale.text  # read it again, then say yes


def test_a_request_form_with_mistakes_keeps_what_was_typed(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara")
    form = {"recipient": "outside", "recipient_name": "", "purpose": "For the GP"}
    page = tara.post_form(report(world, "/shares"), form)
    assert page.status_code == 422
    assert "Name the person or service outside the practice." in page.text
    assert "For the GP" in page.text and share_count(db) == 0
    nobody = tara.post_form(report(world, "/shares"), {"purpose": "For the GP"})
    assert nobody.status_code == 422 and "Choose who the report is for." in nobody.text
