"""The authorisation table, asserted row by row with hand-written expectations."""

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
    may,
    relation_for,
)

R, W = Action.READ, Action.WRITE


def allowed(
    role: Role, relation: Relation, category: Category, action: Action, consented: bool = False
) -> bool:
    return decide(
        role=role, relation=relation, category=category, action=action, consented=consented
    ).allowed


@pytest.mark.parametrize("category", sorted(set(Category) - {Category.PSYCHOTHERAPY_NOTES}))
def test_a_client_reads_everything_of_their_own(category: Category) -> None:
    assert allowed(Role.CLIENT, Relation.SELF, category, R)


def test_a_client_never_reads_psychotherapy_notes() -> None:
    assert not allowed(Role.CLIENT, Relation.SELF, Category.PSYCHOTHERAPY_NOTES, R)


CLINICAL = (Category.DIAGNOSES, Category.CLINICAL_NOTES, Category.PSYCHOTHERAPY_NOTES)


@pytest.mark.parametrize("category", CLINICAL)
@pytest.mark.parametrize("action", [R, W])
def test_a_coach_never_reads_or_writes_clinical_records(category: Category, action: Action) -> None:
    assert not allowed(Role.COACH, Relation.SUPPORTING, category, action, consented=True)


@pytest.mark.parametrize("category", CLINICAL)
def test_the_treating_therapist_keeps_clinical_records_without_consent(
    category: Category,
) -> None:
    assert allowed(Role.THERAPIST, Relation.TREATING, category, W, consented=False)
    assert allowed(Role.THERAPIST, Relation.TREATING, category, R, consented=False)


@pytest.mark.parametrize("role", [Role.CLIENT, Role.ADMIN, Role.COACH])
def test_only_therapists_write_diagnoses(role: Role) -> None:
    relation = {Role.CLIENT: Relation.SELF, Role.COACH: Relation.SUPPORTING}.get(
        role, Relation.SAME_ORG
    )
    assert not allowed(role, relation, Category.DIAGNOSES, W, consented=True)


@pytest.mark.parametrize(
    ("role", "relation"),
    [(Role.THERAPIST, Relation.TREATING), (Role.COACH, Relation.SUPPORTING)],
)
def test_consultation_waits_for_the_clients_yes(role: Role, relation: Relation) -> None:
    assert not allowed(role, relation, Category.CONSULTATION, R, consented=False)
    assert allowed(role, relation, Category.CONSULTATION, W, consented=True)


def test_a_client_reads_but_does_not_post_in_consultation() -> None:
    assert not allowed(Role.CLIENT, Relation.SELF, Category.CONSULTATION, W)


@pytest.mark.parametrize(
    ("role", "relation"),
    [
        (Role.CLIENT, Relation.SELF),
        (Role.THERAPIST, Relation.TREATING),
        (Role.COACH, Relation.SUPPORTING),
    ],
)
def test_the_care_team_messages_without_a_consent_switch(role: Role, relation: Relation) -> None:
    assert allowed(role, relation, Category.MESSAGES, W, consented=False)


@pytest.mark.parametrize("relation", [Relation.SAME_ORG, Relation.ON_DUTY, Relation.BREAK_GLASS])
def test_nobody_off_the_team_messages_the_client(relation: Relation) -> None:
    assert not allowed(Role.THERAPIST, relation, Category.MESSAGES, W, consented=True)


def test_a_client_cannot_rewrite_their_access_log_or_care_team() -> None:
    assert not allowed(Role.CLIENT, Relation.SELF, Category.ACCESS_LOG, W)
    assert not allowed(Role.CLIENT, Relation.SELF, Category.CARE_TEAM, W)


@pytest.mark.parametrize("category", CONSENT_CATEGORIES)
def test_a_treating_therapist_needs_consent(category: Category) -> None:
    assert allowed(Role.THERAPIST, Relation.TREATING, category, R, consented=True)
    assert not allowed(Role.THERAPIST, Relation.TREATING, category, R, consented=False)


@pytest.mark.parametrize("category", CONSENT_CATEGORIES)
def test_a_coach_sees_nothing_unshared(category: Category) -> None:
    assert not allowed(Role.COACH, Relation.SUPPORTING, category, R, consented=False)
    assert allowed(Role.COACH, Relation.SUPPORTING, category, R, consented=True)


def test_a_coach_only_writes_goals_and_homework() -> None:
    assert allowed(Role.COACH, Relation.SUPPORTING, Category.GOALS_HOMEWORK, W, consented=True)
    for category in set(SHARED_CATEGORIES) - {Category.GOALS_HOMEWORK}:
        assert not allowed(Role.COACH, Relation.SUPPORTING, category, W, consented=True)


def test_refusal_inside_the_team_is_403_with_a_reason() -> None:
    decision = decide(
        role=Role.COACH,
        relation=Relation.SUPPORTING,
        category=Category.JOURNAL,
        action=R,
        consented=False,
    )
    assert (decision.status_code, decision.hide) == (403, False)
    assert "not shared" in decision.reason


@pytest.mark.parametrize("role", [Role.THERAPIST, Role.COACH, Role.CLIENT])
def test_outside_the_team_is_404(role: Role) -> None:
    relation = Relation.SAME_ORG if role is not Role.CLIENT else Relation.NONE
    decision = decide(
        role=role, relation=relation, category=Category.PROFILE, action=R, consented=True
    )
    assert decision.status_code == 404


@pytest.mark.parametrize("category", [*CONSENT_CATEGORIES, *CLINICAL, Category.MESSAGES])
def test_admins_see_no_clinical_data(category: Category) -> None:
    decision = decide(
        role=Role.ADMIN, relation=Relation.SAME_ORG, category=category, action=R, consented=True
    )
    assert decision.status_code == 403


def test_admins_manage_care_teams_but_not_consent() -> None:
    assert allowed(Role.ADMIN, Relation.SAME_ORG, Category.CARE_TEAM, W)
    assert allowed(Role.ADMIN, Relation.SAME_ORG, Category.CONSENT, R)
    assert not allowed(Role.ADMIN, Relation.SAME_ORG, Category.CONSENT, W)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.THERAPIST])
def test_break_glass_reads_but_never_writes(role: Role) -> None:
    assert allowed(role, Relation.BREAK_GLASS, Category.COPING, R)
    assert not allowed(role, Relation.BREAK_GLASS, Category.COPING, W)
    assert not allowed(role, Relation.BREAK_GLASS, Category.CONSENT, W)


def test_coaches_cannot_break_glass() -> None:
    assert not allowed(Role.COACH, Relation.BREAK_GLASS, Category.COPING, R)
    assert not may(Role.COACH, "break_glass.start")


def test_capabilities() -> None:
    assert may(Role.ADMIN, "people.manage")
    assert not may(Role.THERAPIST, "people.manage")
    assert may(Role.THERAPIST, "caseload.read") and may(Role.COACH, "caseload.read")
    assert not may(Role.CLIENT, "caseload.read")
    assert not may(Role.ADMIN, "no.such.capability")


@pytest.mark.parametrize(
    ("role", "is_self", "team_role", "same_org", "glass", "expected"),
    [
        (Role.CLIENT, True, None, True, False, Relation.SELF),
        (Role.THERAPIST, False, "therapist", True, False, Relation.TREATING),
        (Role.COACH, False, "coach", True, False, Relation.SUPPORTING),
        (Role.THERAPIST, False, "coach", True, False, Relation.SAME_ORG),
        (Role.THERAPIST, False, None, True, True, Relation.BREAK_GLASS),
        (Role.THERAPIST, False, "therapist", False, False, Relation.NONE),
        (Role.ADMIN, False, None, True, False, Relation.SAME_ORG),
        (Role.CLIENT, False, None, True, False, Relation.NONE),
    ],
)
def test_relation_for(
    role: Role,
    is_self: bool,
    team_role: str | None,
    same_org: bool,
    glass: bool,
    expected: Relation,
) -> None:
    assert (
        relation_for(
            role=role, is_self=is_self, team_role=team_role, same_org=same_org, break_glass=glass
        )
        is expected
    )
