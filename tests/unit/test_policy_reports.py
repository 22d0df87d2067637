"""The policy rows for progress reports: the client reads their own report and
the requests to share it (and answers them as a consent); the treating
therapist reads the report and asks to share it, without waiting on a
consent switch (each section still needs its own category's consent); a coach
reaches shares only (the service narrows that to approved shares addressed to
them); nobody else gets a row."""

from __future__ import annotations

import pytest

from mend.accounts.roles import Role
from mend.care.policy import (
    CONSENT_CATEGORIES,
    SHARED_CATEGORIES,
    Action,
    Category,
    Relation,
    decide,
)

R, W = Action.READ, Action.WRITE
REPORTS, SHARES = Category.REPORTS, Category.REPORT_SHARES


def allowed(role: Role, relation: Relation, category: Category, action: Action,
            consented: bool = False) -> bool:  # fmt: skip
    return decide(
        role=role, relation=relation, category=category, action=action, consented=consented
    ).allowed


def test_the_client_reads_their_report_and_its_shares_and_answers_as_a_consent() -> None:
    assert allowed(Role.CLIENT, Relation.SELF, REPORTS, R)
    assert allowed(Role.CLIENT, Relation.SELF, SHARES, R)
    assert allowed(Role.CLIENT, Relation.SELF, Category.CONSENT, W)
    assert not allowed(Role.CLIENT, Relation.SELF, REPORTS, W)
    assert not allowed(Role.CLIENT, Relation.SELF, SHARES, W)


@pytest.mark.parametrize("action", [R, W])
def test_the_treating_therapist_reads_and_asks_without_a_switch(action: Action) -> None:
    assert allowed(Role.THERAPIST, Relation.TREATING, REPORTS, action, consented=False)
    assert allowed(Role.THERAPIST, Relation.TREATING, SHARES, R)
    assert not allowed(Role.THERAPIST, Relation.TREATING, SHARES, W, consented=True)
    assert not allowed(Role.THERAPIST, Relation.TREATING, Category.CONSENT, W, consented=True)


@pytest.mark.parametrize("consented", [False, True])
def test_a_coach_reaches_shares_never_the_report_itself(consented: bool) -> None:
    assert allowed(Role.COACH, Relation.SUPPORTING, SHARES, R, consented=consented)
    for action in (R, W):
        decision = decide(role=Role.COACH, relation=Relation.SUPPORTING, category=REPORTS,
                          action=action, consented=consented)  # fmt: skip
        assert not decision.allowed and decision.status_code == 403
    assert not allowed(Role.COACH, Relation.SUPPORTING, SHARES, W, consented=True)


@pytest.mark.parametrize(
    ("role", "relation"),
    [
        (Role.ADMIN, Relation.SAME_ORG),
        (Role.ADMIN, Relation.BREAK_GLASS),
        (Role.THERAPIST, Relation.BREAK_GLASS),
        (Role.THERAPIST, Relation.ON_DUTY),
    ],
)
@pytest.mark.parametrize("category", [REPORTS, SHARES])
def test_nobody_else_has_a_row(role: Role, relation: Relation, category: Category) -> None:
    for action in (R, W):
        assert not allowed(role, relation, category, action, consented=True)


@pytest.mark.parametrize(
    ("role", "relation"),
    [(Role.THERAPIST, Relation.SAME_ORG), (Role.COACH, Relation.SAME_ORG),
     (Role.CLIENT, Relation.NONE)],
)  # fmt: skip
def test_off_the_team_it_is_hidden(role: Role, relation: Relation) -> None:
    for category in (REPORTS, SHARES):
        decision = decide(role=role, relation=relation, category=category, action=R,
                          consented=True)  # fmt: skip
        assert decision.status_code == 404


def test_reports_are_not_a_sharing_switch() -> None:
    for category in (REPORTS, SHARES):
        assert category not in SHARED_CATEGORIES and category not in CONSENT_CATEGORIES
