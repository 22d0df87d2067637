"""Who reaches a progress report, route by route and persona by persona: the
client their own; alice's treating therapist hers (each section only if she
shares it); a coach never the live report, even with everything shared; an
admin nothing; a stranger or another organisation nothing at all (404).
Every look and download is audited, allowed or refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.audit.models import AuditEntry
from tests.conftest import World
from tests.integration.conftest import SignedIn
from tests.integration.report_helpers import API, SIX_MONTHS, api, ask, report, share_count
from tests.integration.sharing import share

SignIn = Callable[[str], SignedIn]
PERSONAS = ("alice", "bob", "tara", "cole", "ada", "eve", "tim")

# Alice's report (the clinical version for tara).
READS = {"alice": 200, "bob": 404, "tara": 200, "cole": 403, "ada": 403, "eve": 404, "tim": 404}
# Asking alice to share it: only her treating therapist.
ASKS = {"alice": 403, "bob": 404, "tara": 201, "cole": 403, "ada": 403, "eve": 404, "tim": 404}
# The shares of alice's report: alice, tara and cole reach them (narrowed by the service).
SHARES = {"alice": 200, "bob": 404, "tara": 200, "cole": 200, "ada": 403, "eve": 404, "tim": 404}
# Their own report: clients only.
OWN = {"alice": 200, "bob": 200, "tara": 404, "cole": 404, "ada": 404, "eve": 200, "tim": 404}


@pytest.mark.parametrize("persona", PERSONAS)
def test_their_own_report(sign_in: SignIn, persona: str) -> None:
    http = sign_in(persona).http
    for url in (
        "/my-record/report",
        "/my-record/report/print",
        "/my-record/report.pdf",
        f"{API}/my-record/report",
        f"{API}/my-record/report/shares",
    ):
        assert http.get(url).status_code == OWN[persona], url


@pytest.mark.parametrize("persona", PERSONAS)
def test_alices_report(sign_in: SignIn, world: World, persona: str) -> None:
    http = sign_in(persona).http
    for url in (api(world), report(world, "/print"), report(world, ".pdf")):
        assert http.get(url).status_code == READS[persona], url
    page = http.get(report(world), follow_redirects=False)
    expected = {200: 303} if persona == "alice" else {}  # alice goes to her own page
    assert page.status_code == expected.get(READS[persona], READS[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_asking_to_share_alices_report(
    sign_in: SignIn, world: World, db: Session, persona: str
) -> None:
    response = ask(sign_in(persona), world)
    assert response.status_code == ASKS[persona], response.text
    assert share_count(db) == (1 if persona == "tara" else 0)
    form = sign_in(persona).post_form(
        report(world, "/shares"),
        {"recipient": f"member:{world.cole.id}", "purpose": "Planning.",
         "sections": "goals_homework"},
    )  # fmt: skip
    assert form.status_code == (303 if persona == "tara" else ASKS[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_shares_of_alices_report(sign_in: SignIn, world: World, persona: str) -> None:
    http = sign_in(persona).http
    assert http.get(api(world, "/shares")).status_code == SHARES[persona]
    page = http.get(report(world, "/shares"), follow_redirects=False)
    assert page.status_code == ({200: 303} if persona == "alice" else {}).get(
        SHARES[persona], SHARES[persona]
    )
    # An unknown share is nobody's to know about.
    unknown = http.get(api(world, "/shares/no-such-share"))
    assert unknown.status_code == (404 if SHARES[persona] == 200 else SHARES[persona])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("what", ["approve", "decline", "withdraw"])
def test_only_alice_answers_a_request_about_her_report(
    sign_in: SignIn, world: World, db: Session, persona: str, what: str
) -> None:
    share_id = ask(sign_in("tara"), world).json()["id"]
    url = f"{API}/my-record/report/shares/{share_id}/{what}"
    response = sign_in(persona).send("POST", url, json={"fingerprint": "x"})
    if persona == "alice":
        assert response.status_code in (200, 409), response.text  # 409: stale or not possible
    else:
        assert response.status_code == 404, response.text  # bob's and eve's: not theirs
    db.rollback()
    form = sign_in(persona).post_form(f"/my-record/report/shares/{share_id}/{what}")
    assert form.status_code in ((303, 409) if persona == "alice" else (404,))


def test_a_coach_never_reads_the_live_report_even_with_everything_shared(
    sign_in: SignIn, world: World
) -> None:
    alice = sign_in("alice")
    for category in ("coping", "measures", "journal", "safety_plan", "goals_homework"):
        share(alice, world, "cole", category)
    cole = sign_in("cole").http
    for url in (api(world), report(world), report(world, "/print"), report(world, ".pdf")):
        assert cole.get(url).status_code == 403, url


def test_tim_reads_eves_report_and_not_alices(sign_in: SignIn, world: World) -> None:
    tim = sign_in("tim").http
    assert tim.get(f"{API}/clients/{world.eve.id}/report").status_code == 200
    assert sign_in("tara").http.get(f"{API}/clients/{world.eve.id}/report").status_code == 404


def test_every_look_and_download_is_audited_with_its_period_and_form(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tara = sign_in("tara").http
    for url in (api(world), report(world), report(world, "/print"), report(world, ".pdf")):
        assert tara.get(url, params=SIX_MONTHS).status_code == 200
    assert sign_in("alice").http.get("/my-record/report.pdf").status_code == 200
    db.rollback()
    opened = db.scalars(
        select(AuditEntry).where(AuditEntry.action == "report.opened").order_by(AuditEntry.seq)
    ).all()
    assert [(e.detail or {}).get("format") for e in opened] == [
        "json", "page", "print", "pdf", "pdf",
    ]  # fmt: skip
    tara_pdf = opened[3].detail or {}
    assert (tara_pdf["from"], tara_pdf["to"], tara_pdf["version"]) == (
        "2025-09-03", "2026-03-02", "clinician",
    )  # fmt: skip
    assert (opened[4].detail or {})["version"] == "client"
    assert all(e.subject_client_id == world.alice.id for e in opened)


def test_a_refused_look_is_audited(sign_in: SignIn, world: World, db: Session) -> None:
    assert sign_in("cole").http.get(report(world, ".pdf")).status_code == 403
    db.rollback()
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "reports.read")).one()
    assert entry.outcome == "denied" and entry.subject_client_id == world.alice.id


# One approved share of each kind: who opens it, and who gets the release copy.
OPENS_COLES = {"alice": 200, "bob": 404, "tara": 200, "cole": 200, "ada": 403, "eve": 404,
               "tim": 404}  # fmt: skip
OPENS_GPS = OPENS_COLES | {"cole": 404}  # not addressed to cole: not his to know about
RELEASES = {"alice": 404, "bob": 404, "tara": 200, "cole": 404, "ada": 403, "eve": 404, "tim": 404}


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_approved_share_and_its_release_copy(
    sign_in: SignIn, world: World, persona: str
) -> None:
    tara, alice = sign_in("tara"), sign_in("alice")
    for_cole = ask(tara, world).json()["id"]
    for_gp = ask(tara, world, recipient_id=None, recipient_name="Dr Okafor (GP)").json()["id"]
    for share_id in (for_cole, for_gp):
        read = alice.http.get(f"{API}/my-record/report/shares/{share_id}").json()
        said = alice.send("POST", f"{API}/my-record/report/shares/{share_id}/approve",
                          json={"fingerprint": read["fingerprint"]})  # fmt: skip
        assert said.status_code == 200, said.text
    http = sign_in(persona).http
    for share_id, expected in ((for_cole, OPENS_COLES), (for_gp, OPENS_GPS)):
        assert http.get(api(world, f"/shares/{share_id}")).status_code == expected[persona]
        page = http.get(report(world, f"/shares/{share_id}"), follow_redirects=False)
        assert page.status_code == ({200: 303} if persona == "alice" else {}).get(
            expected[persona], expected[persona]
        )
        own = http.get(f"{API}/my-record/report/shares/{share_id}")
        assert own.status_code == (200 if persona == "alice" else 404)
        assert http.get(f"/my-record/report/shares/{share_id}").status_code == own.status_code
    for tail in ("release.pdf", "release"):
        released = http.get(report(world, f"/shares/{for_gp}/{tail}"))
        assert released.status_code == RELEASES[persona], (tail, released.text[:200])
        team_copy = http.get(report(world, f"/shares/{for_cole}/{tail}"))
        assert team_copy.status_code == (404 if RELEASES[persona] == 200 else RELEASES[persona])
