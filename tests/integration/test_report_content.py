"""What the report says about alice, from what the app stored: the demo story
(stage 1 to stage 2 once readiness was met, a pacing alert after the first
processing session, symptoms falling), growth when it is measured, each
section only if alice shares it with tara, the period's edges, its checks,
and never a diagnosis or a note."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from mend.healing import demo_stories as healing_stories
from mend.measures import service as measures
from mend.measures.definitions import instruments
from mend.measures.demo_stories import answers_for
from mend.measures.scoring import scorer
from tests.conftest import T0, World
from tests.integration.conftest import SignedIn
from tests.integration.report_helpers import API, SIX_MONTHS, api, ok, report, tell_alice
from tests.integration.sharing import share
from tests.integration.test_healing_helpers import add_to_jar, log_moment
from tests.integration.test_notes_helpers import (
    PRIVATE,
    SOAP,
    record,
    write_clinical,
    write_private,
)

SignIn = Callable[[str], SignedIn]
OWN = f"{API}/my-record/report"


def get(person: SignedIn, url: str, **params: str) -> dict[str, Any]:
    found: dict[str, Any] = ok(person.http.get(url, params=params))
    return found


# ---------------------------------------------------------------- the demo story


def test_tara_reads_alices_six_months_as_the_demo_tells_them(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_alice(db, world)
    found = get(sign_in("tara"), api(world), **SIX_MONTHS)
    summary = found["summary"]
    assert summary[0].startswith("Symptoms fell: PHQ-9 from ")
    assert "(reliable improvements)" in summary[0] and "GAD-7" in summary[0]
    assert "Moved from stage 1 to stage 2 (remembrance and mourning) on " in summary[3]
    assert summary[3].endswith(" once readiness was met.")
    assert summary[4].startswith("A pacing alert on ")
    assert "after the first processing session" in summary[4]
    assert "said to slow down (distress after the session)" in summary[4]
    assert found["audience"] == "clinician" and found["not_shared"] == []
    assert "fit" in found["coping"] and "dual_process" in found["coping"]


def test_alice_reads_the_same_story_in_her_own_words(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_alice(db, world)
    found = get(sign_in("alice"), OWN, **SIX_MONTHS)
    text = " ".join(found["summary"])
    assert "Your symptom scores fell: PHQ-9 from " in text
    assert "to “Making sense of what happened” (part 2) on " in text
    assert ", once you were ready." in text
    assert "After your first processing session on " in text
    assert "so Mend let your therapist know, to slow down together." in text
    whole = json.dumps(found)
    for clinical in ("remembrance and mourning", "Readiness met and Alice agreed", "Tara",
                     "dual_process", "\"fit\"", "override"):  # fmt: skip
        assert clinical not in whole, clinical


def test_growth_shows_beside_symptoms_when_it_is_measured(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_alice(db, world)
    rng = random.Random(3)
    for instrument_id, rounds in (("ptgi_sf", (10, 24, 31)), ("brs", (2, 3, 4))):
        start = T0 - timedelta(days=80)
        assignment = measures.assign(
            db, client=world.alice, instrument=instruments()[instrument_id], every_days=28,
            starts_at=start, by=world.tara, now=start,
        )  # fmt: skip
        for n, level in enumerate(rounds):
            answers = (
                answers_for("ptgi_sf", level, rng=rng)
                if instrument_id == "ptgi_sf"
                else [level, 6 - level, level, 6 - level, level, 6 - level]
            )
            measures.complete(
                db, assignment=assignment, scoring=scorer(instrument_id), answers=answers,
                now=start + timedelta(days=28 * n, hours=3),
            )  # fmt: skip
    db.commit()
    found = get(sign_in("alice"), OWN, **SIX_MONTHS)
    assert "Growth rose: PTGI-SF from 10 to 31." in found["summary"]
    assert "Growth rose: BRS from 2 to 4." in found["summary"]
    ptgi = next(m for m in found["measures"]["instruments"] if m["id"] == "ptgi_sf")
    assert ptgi["domains"][0]["name"] == "appreciation of life"
    assert all(p["band"] is None for p in ptgi["points"])  # growth is never graded
    page = sign_in("alice").http.get("/my-record/report", params=SIX_MONTHS).text
    assert "areas of growth" in page and "Growth is not a grade" in page


# ---------------------------------------------------------------- sections by consent


def test_each_section_needs_what_alice_shares_with_tara(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_alice(db, world)
    alice = sign_in("alice")
    share(alice, world, "tara", "measures", granted=False)
    share(alice, world, "tara", "coping", granted=False)
    found = get(sign_in("tara"), api(world), **SIX_MONTHS)
    assert found["not_shared"] == ["measures", "coping"]
    assert found["measures"] is None and found["coping"] is None
    assert found["healing"] is not None and found["goals_homework"] is not None
    assert not any("PHQ-9" in line or "helpful ways" in line for line in found["summary"])
    page = sign_in("tara").http.get(report(world), params=SIX_MONTHS).text
    assert "does not share questionnaires and scores, coping with you" in page
    assert "PHQ-9 scores in this period" not in page
    # alice's own report is all of it, whatever she shares.
    assert get(alice, OWN, **SIX_MONTHS)["measures"] is not None


# ---------------------------------------------------------------- never in a report


def test_no_diagnosis_note_or_session_note_is_ever_in_a_report(
    sign_in: SignIn, world: World, db: Session
) -> None:
    tell_alice(db, world)
    tara = sign_in("tara")
    assert record(tara, world).status_code == 201
    assert write_clinical(tara, world).status_code == 201
    assert write_private(tara, world).status_code == 201
    alice = sign_in("alice")
    for person, url in ((tara, api(world)), (tara, report(world, "/print")), (alice, OWN),
                        (alice, "/my-record/report/print")):  # fmt: skip
        text = person.http.get(url, params=SIX_MONTHS).text
        assert "Symptoms fell" in text or "symptom scores fell" in text  # the report is there
        for secret in ("6B40", "Post traumatic stress disorder", PRIVATE, SOAP["plan"],
                       healing_stories.SESSION, "depressive syndrome"):  # fmt: skip
            assert secret not in text, (url, secret)


# ---------------------------------------------------------------- the period


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-02-31"}, "from"),
        ({"to": "next week"}, "to"),
        ({"to": "2026-03-03"}, "to"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "from"),
        ({"from": "2023-01-01", "to": "2026-03-01"}, "from"),
    ],
)
def test_a_period_that_cannot_be_is_422_with_its_field(
    sign_in: SignIn, world: World, params: dict[str, str], field: str
) -> None:
    tara, alice = sign_in("tara").http, sign_in("alice").http
    for http, url in ((tara, api(world)), (alice, OWN), (tara, report(world, ".pdf")),
                      (alice, "/my-record/report/print")):  # fmt: skip
        response = http.get(url, params=params)
        assert response.status_code == 422, (url, response.text)
        if url.startswith(API):
            assert set(response.json()["error"]["fields"]) == {field}
    for http, url in ((tara, report(world)), (alice, "/my-record/report")):
        page = http.get(url, params=params)
        assert page.status_code == 422
        assert f'id="period-{field}-error"' in page.text and 'aria-invalid="true"' in page.text


def test_the_default_is_the_last_90_days(sign_in: SignIn, world: World) -> None:
    found = get(sign_in("alice"), OWN)
    assert found["period"] == {
        "from": "2025-12-03", "to": "2026-03-02", "days": 90,
        "words": "3 December 2025 to 2 March 2026",
    }  # fmt: skip


def test_a_moment_counts_on_its_day_and_not_the_next(
    sign_in: SignIn, world: World, db: Session
) -> None:
    alice = sign_in("alice")
    item = add_to_jar(alice, "box-breathing")
    last_minute = datetime(2026, 2, 28, 23, 59, tzinfo=UTC)
    for n, at in enumerate((datetime(2026, 2, 1, 0, 0, tzinfo=UTC), last_minute,
                            last_minute + timedelta(minutes=1))):  # fmt: skip
        log_moment(alice, f"edge-{n}-0000", at=at, items=[item])
    february = get(alice, OWN, **{"from": "2026-02-01", "to": "2026-02-28"})
    assert february["coping"]["moments"] == 2
    march = get(alice, OWN, **{"from": "2026-03-01", "to": "2026-03-01"})
    assert march["coping"]["moments"] == 1
    before = get(alice, OWN, **{"from": "2026-01-01", "to": "2026-01-31"})
    assert before["coping"]["moments"] == 0
    assert before["summary"] == ["Nothing was recorded in this period."]
