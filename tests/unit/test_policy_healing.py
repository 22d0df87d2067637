"""The policy rows for the healing journey (stage, readiness, pacing): the
treating therapist reads and writes it without waiting on consent, the client
reads their own, a coach never sees it, and nobody else gets a row."""

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
H = Category.HEALING


def allowed(role: Role, relation: Relation, action: Action, consented: bool = False) -> bool:
    return decide(
        role=role, relation=relation, category=H, action=action, consented=consented
    ).allowed


@pytest.mark.parametrize("action", [R, W])
def test_the_treating_therapist_keeps_it_without_consent(action: Action) -> None:
    assert allowed(Role.THERAPIST, Relation.TREATING, action, consented=False)


def test_the_client_reads_their_own_and_never_writes_it() -> None:
    assert allowed(Role.CLIENT, Relation.SELF, R)
    assert not allowed(Role.CLIENT, Relation.SELF, W)


def test_the_client_answers_the_trauma_work_question_as_a_consent() -> None:
    decision = decide(
        role=Role.CLIENT, relation=Relation.SELF, category=Category.CONSENT, action=W,
        consented=False,
    )  # fmt: skip
    assert decision.allowed
    therapist = decide(
        role=Role.THERAPIST, relation=Relation.TREATING, category=Category.CONSENT, action=W,
        consented=True,
    )  # fmt: skip
    assert not therapist.allowed


@pytest.mark.parametrize("action", [R, W])
@pytest.mark.parametrize("consented", [False, True])
def test_a_coach_never_sees_it(action: Action, consented: bool) -> None:
    decision = decide(
        role=Role.COACH, relation=Relation.SUPPORTING, category=H, action=action,
        consented=consented,
    )  # fmt: skip
    assert not decision.allowed and decision.status_code == 403
    assert decision.reason == f"a coach may not {action} healing"


@pytest.mark.parametrize(
    ("role", "relation"),
    [
        (Role.ADMIN, Relation.SAME_ORG),
        (Role.ADMIN, Relation.BREAK_GLASS),
        (Role.THERAPIST, Relation.BREAK_GLASS),
        (Role.THERAPIST, Relation.ON_DUTY),
    ],
)
@pytest.mark.parametrize("action", [R, W])
def test_nobody_else_has_a_row(role: Role, relation: Relation, action: Action) -> None:
    assert not allowed(role, relation, action, consented=True)


@pytest.mark.parametrize(
    ("role", "relation"),
    [
        (Role.THERAPIST, Relation.SAME_ORG),
        (Role.COACH, Relation.SAME_ORG),
        (Role.CLIENT, Relation.NONE),
    ],
)
def test_off_the_team_it_is_hidden(role: Role, relation: Relation) -> None:
    decision = decide(role=role, relation=relation, category=H, action=R, consented=True)
    assert decision.status_code == 404


def test_it_is_not_something_the_client_shares_or_withholds() -> None:
    assert H not in SHARED_CATEGORIES and H not in CONSENT_CATEGORIES
