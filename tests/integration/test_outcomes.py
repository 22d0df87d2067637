"""Practice outcomes over HTTP: who may see them, the figures with their
denominators, the therapist filter by care-team membership in the period,
small cells, validation by field, one audit entry per view, and nothing
that names or points at a client.

The practice (frozen clock T0 = 2026-03-02; default period 2025-03-03 to T0):
tara treats five clients who recover and one who stays the same; theo treats
five who deteriorate. Each has PHQ-9 and GAD-7 in January and February and
three coping moments in each month."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from mend.accounts import service as accounts
from mend.accounts.models import Membership
from mend.accounts.roles import Role
from mend.audit.models import AuditEntry
from mend.care import service as care
from mend.care.models import CareTeamMember
from tests.conftest import PASSWORD, World
from tests.integration import outcomes_helpers as oh
from tests.integration.conftest import SignedIn

API = "/api/v1/outcomes"


@dataclass
class Practice:
    theo: Membership
    clients: list[Membership]


@pytest.fixture
def practice(db: Session, world: World) -> Practice:
    theo = accounts.create_user(
        db, org=world.riverside, email="theo@example.org", name="Theo", password=PASSWORD,
        role=Role.THERAPIST, hasher=oh.HASHER, now=oh.JOINED,
    )  # fmt: skip
    made = []
    for i in range(5):
        made.append(oh.client(db, world.riverside, f"recovers{i}", therapist=world.tara,
                              course=oh.RECOVERS, added_by=world.ada))  # fmt: skip
        made.append(oh.client(db, world.riverside, f"worsens{i}", therapist=theo,
                              course=oh.WORSENS, added_by=world.ada))  # fmt: skip
    made.append(
        oh.client(db, world.riverside, "stays", therapist=world.tara, course=oh.STAYS,
                  added_by=world.ada)
    )  # fmt: skip
    db.commit()
    return Practice(theo=theo, clients=made)


def value(figure: dict[str, Any]) -> int | None:
    assert figure["suppressed"] is (figure["value"] is None)
    return figure["value"]


def get(who: SignedIn, **params: str) -> Any:
    response = who.http.get(API, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# ---------------------------------------------------------------- who


@pytest.mark.parametrize("persona", ["alice", "bob", "cole", "eve"])
def test_clients_and_coaches_are_refused(
    sign_in: Callable[[str], SignedIn], persona: str, db: Session, world: World
) -> None:
    who = sign_in(persona)
    assert who.http.get(API).status_code == 403
    assert who.http.get("/outcomes").status_code == 403
    refused = db.scalars(
        select(AuditEntry).where(
            AuditEntry.action == "outcomes.read", AuditEntry.outcome == "denied"
        )
    ).all()
    assert len(refused) == 2


def test_anonymous_is_sent_to_sign_in(anon: Any) -> None:
    assert anon.get(API).status_code == 401
    page = anon.get("/outcomes", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].endswith("/login")


@pytest.mark.parametrize("persona", ["tara", "ada"])
def test_therapists_and_admins_see_the_whole_practice(
    sign_in: Callable[[str], SignedIn], practice: Practice, persona: str
) -> None:
    found = get(sign_in(persona))
    tt = found["talking_therapies"]
    assert found["practitioner"] is None
    assert found["period"] == {"from": "2025-03-03", "to": "2026-03-02", "time_zone": "UTC"}
    assert value(tt["paired_courses"]) == 11 and value(tt["at_caseness"]) == 11
    assert tt["rates"]["recovery"] == {
        "numerator": {"value": 5, "suppressed": False},
        "denominator": {"value": 11, "suppressed": False},
        "percent": 45.5,
        "suppressed": False,
    }
    assert tt["rates"]["reliable_deterioration"]["percent"] == 45.5
    assert value(tt["outcomes"]["reliable_recovery"]) == 5
    assert value(tt["outcomes"]["no_reliable_change"]) is None  # one client: hidden


def test_another_organisations_therapist_sees_only_their_own(
    sign_in: Callable[[str], SignedIn], practice: Practice
) -> None:
    tt = get(sign_in("tim"))["talking_therapies"]
    assert value(tt["paired_courses"]) is None
    assert tt["rates"]["recovery"]["percent"] is None


@pytest.mark.parametrize(
    ("asker", "practitioner"), [("tim", "tara"), ("tara", "tim"), ("ada", "tim")]
)
def test_another_organisations_practitioner_is_invalid(
    sign_in: Callable[[str], SignedIn], world: World, asker: str, practitioner: str
) -> None:
    response = sign_in(asker).http.get(API, params={"practitioner": world.person(practitioner).id})
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "practitioner": "Choose a therapist from this practice."
    }


@pytest.mark.parametrize("who", ["alice", "cole", "ada", "madeUpId", "made-up-id"])
def test_only_a_therapist_can_be_the_practitioner(
    sign_in: Callable[[str], SignedIn], world: World, who: str
) -> None:
    member_id = world.person(who).id if who in ("alice", "cole", "ada") else who
    response = sign_in("tara").http.get(API, params={"practitioner": member_id})
    assert response.status_code == 422 and "practitioner" in response.json()["error"]["fields"]


def test_a_nul_in_the_practitioner_is_refused(
    sign_in: Callable[[str], SignedIn], world: World
) -> None:
    response = sign_in("tara").http.get(API, params={"practitioner": world.tara.id + "\x00"})
    assert response.status_code in (400, 422)  # the app refuses NUL in a URL as it arrives


# ---------------------------------------------------------------- the practitioner filter


def test_a_therapist_may_look_at_their_own_clients_and_a_colleagues(
    sign_in: Callable[[str], SignedIn], world: World, practice: Practice
) -> None:
    tara = sign_in("tara")
    own = get(tara, practitioner=world.tara.id)
    assert own["practitioner"] == {"id": world.tara.id, "name": "Tara"}
    tt = own["talking_therapies"]
    assert value(tt["paired_courses"]) == 6
    assert tt["rates"]["recovery"]["percent"] == 83.3
    assert tt["rates"]["reliable_deterioration"]["numerator"]["suppressed"] is True
    theirs = get(tara, practitioner=practice.theo.id)["talking_therapies"]
    assert value(theirs["paired_courses"]) == 5
    assert theirs["rates"]["reliable_deterioration"]["percent"] == 100.0
    assert theirs["rates"]["recovery"]["percent"] is None  # none recovered: hidden


def test_the_care_team_counts_while_it_overlaps_the_period(
    sign_in: Callable[[str], SignedIn], db: Session, world: World, practice: Practice
) -> None:
    """theo treated one of tara's recovering clients in 2024 only, and takes on a
    new client from 1 March 2026: neither is his in a period ending 28 February
    2025... or 2026; both are when the period reaches them."""
    earlier = practice.clients[0]
    row = care.add_to_team(
        db, client=earlier, member=practice.theo, added_by=world.ada,
        now=datetime(2024, 1, 8, tzinfo=UTC),
    )  # fmt: skip
    care.remove_from_team(db, row=row, now=datetime(2024, 6, 1, tzinfo=UTC))
    later = practice.clients[2]  # another of tara's
    care.add_to_team(
        db, client=later, member=practice.theo, added_by=world.ada,
        now=datetime(2026, 3, 1, 9, tzinfo=UTC),
    )  # fmt: skip
    db.commit()
    ada = sign_in("ada")

    def theos(**period: str) -> int | None:
        found = get(ada, practitioner=practice.theo.id, **period)
        return value(found["talking_therapies"]["paired_courses"])

    assert theos() == 6  # his five, and the new one (team since 1 March)
    assert theos(**{"to": "2026-02-28"}) == 5
    assert theos(**{"from": "2024-01-01", "to": "2026-02-28"}) == 6  # the 2024 one
    assert theos(**{"from": "2024-06-02", "to": "2026-02-28"}) == 5  # left 1 June 2024
    whole = get(ada, **{"to": "2026-02-28"})["talking_therapies"]
    assert value(whole["paired_courses"]) == 11
    assert db.scalar(select(CareTeamMember).where(CareTeamMember.id == row.id)) is not None


def test_the_period_bounds_the_scores(
    sign_in: Callable[[str], SignedIn], practice: Practice
) -> None:
    # Only the January scores are in a January period: one day, no course.
    tt = get(sign_in("ada"), **{"from": "2026-01-01", "to": "2026-01-31"})["talking_therapies"]
    assert value(tt["paired_courses"]) is None
    assert value(tt["without_outcome"]) == 11
    changes = {c["instrument"]: c for c in get(sign_in("ada"))["reliable_change"]}
    assert list(changes) == ["phq9", "gad7"]
    assert value(changes["phq9"]["courses"]) == 11
    assert value(changes["phq9"]["directions"]["improved"]) == 5
    assert value(changes["phq9"]["directions"]["deteriorated"]) == 5
    assert changes["phq9"]["threshold"] == 6 and changes["gad7"]["threshold"] == 4


# ---------------------------------------------------------------- the jar balance


def test_the_jar_balance_month_by_month_and_each_clients_trend(
    sign_in: Callable[[str], SignedIn], practice: Practice
) -> None:
    jar = get(sign_in("tara"), **{"from": "2025-12-01"})["jar_balance"]
    months = {m["month"]: m for m in jar["months"]}
    assert list(months) == ["2025-12", "2026-01", "2026-02", "2026-03"]
    assert months["2025-12"]["suppressed"] and months["2025-12"]["percent"] is None
    jan, feb = months["2026-01"], months["2026-02"]
    assert (value(jan["clients"]), jan["moments"], jan["helpful_only"]) == (11, 33, 17)
    assert jan["percent"] == 51.5
    assert (feb["moments"], feb["helpful_only"], feb["percent"]) == (33, 17, 51.5)
    assert value(jar["clients_compared"]) == 11
    assert value(jar["trends"]["toward_helpful"]) == 5
    assert value(jar["trends"]["away_from_helpful"]) == 5
    assert value(jar["trends"]["no_change"]) is None
    assert jar["toward_helpful"]["percent"] == 45.5


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-02-30"}, "from"),
        ({"to": "next week"}, "to"),
        ({"to": "2026-03-03"}, "to"),
        ({"from": "2026-02-10", "to": "2026-02-01"}, "to"),
        ({"from": "2020-01-01"}, "from"),
    ],
)
def test_bad_filters_are_422_by_field(
    sign_in: Callable[[str], SignedIn], params: dict[str, str], field: str
) -> None:
    response = sign_in("ada").http.get(API, params=params)
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == [field]


def test_the_page_shows_what_is_wrong_by_field(sign_in: Callable[[str], SignedIn]) -> None:
    page = sign_in("tara").http.get("/outcomes", params={"from": "2026-02-10", "to": "2026-02-01"})
    assert page.status_code == 422
    assert 'aria-invalid="true" aria-describedby="to-error"' in page.text
    assert "The end must be on or after the start." in page.text
    assert "NHS Talking Therapies" not in page.text  # no figures for a bad filter


# ---------------------------------------------------------------- audit and privacy


def test_each_view_is_audited_once_with_its_filters_and_no_client(
    sign_in: Callable[[str], SignedIn], db: Session, world: World, practice: Practice
) -> None:
    tara = sign_in("tara")
    get(tara, practitioner=practice.theo.id, **{"from": "2025-06-01"})
    assert tara.http.get("/outcomes").status_code == 200
    viewed = db.scalars(
        select(AuditEntry).where(AuditEntry.action == "outcomes.viewed").order_by(AuditEntry.seq)
    ).all()
    assert [e.detail for e in viewed] == [
        {"from": "2025-06-01", "to": "2026-03-02", "practitioner": practice.theo.id,
         "view": "api"},
        {"from": "2025-03-03", "to": "2026-03-02", "practitioner": "all", "view": "page"},
    ]  # fmt: skip
    assert all(e.subject_client_id is None and e.resource_id is None for e in viewed)
    assert {e.actor_user_id for e in viewed} == {world.tara.user_id}
    # Refused filters show nothing, so they are not a view.
    tara.http.get(API, params={"to": "soon"})
    assert (
        db.scalar(select(AuditEntry.seq).where(AuditEntry.action == "outcomes.viewed").offset(2))
        is None
    )


def test_nothing_names_or_points_at_a_client(
    sign_in: Callable[[str], SignedIn], world: World, practice: Practice
) -> None:
    tara = sign_in("tara")
    text = tara.http.get(API).text + tara.http.get("/outcomes").text
    for person in [*practice.clients, world.alice, world.bob]:
        assert person.id not in text
        assert person.user.display_name not in text
        assert person.user.email not in text


def test_the_page_has_tables_with_denominators_and_says_what_is_hidden(
    sign_in: Callable[[str], SignedIn], practice: Practice
) -> None:
    page = sign_in("ada").http.get("/outcomes")
    assert page.status_code == 200
    text = page.text
    assert "Practice outcomes" in text and "The whole practice" in text
    assert "<td>5</td><td>11 at caseness at the start</td><td>45.5 %</td>" in text
    assert "fewer than 5" in text
    assert 'id="outcomes-chart-data"' in text and "/static/vendor/chart.umd.min.js" in text
    assert "was 51.5 % in January 2026 and the same in February 2026." in text
