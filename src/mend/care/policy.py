"""The one authorisation policy: who may do what to a client's record.

Pure: values in, a decision out. Every route reaches this table through
``mend.web.auth`` and nothing else decides access. Anything not listed is denied.

Read a row as: a <role> who is the client's <relation> may <action> their
<category> data — always, or only while the client consents.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mend.accounts.roles import Role


class Relation(StrEnum):
    SELF = "self"
    TREATING = "treating"  # the client's therapist, on their care team
    SUPPORTING = "supporting"  # the client's coach, on their care team
    SAME_ORG = "same_org"  # works in the organisation, not on this care team
    BREAK_GLASS = "break_glass"  # emergency access, time-limited, under review
    ON_DUTY = "on_duty"  # the organisation's duty clinician, not on this care team
    NONE = "none"  # another client, or another organisation


class Category(StrEnum):
    # What the client shares per person (clinical-model §6).
    COPING = "coping"
    MEASURES = "measures"
    JOURNAL = "journal"
    SAFETY_PLAN = "safety_plan"
    GOALS_HOMEWORK = "goals_homework"
    # The record around the clinical data.
    PROFILE = "profile"
    CARE_TEAM = "care_team"
    CONSENT = "consent"
    ACCESS_LOG = "access_log"
    # Risk alerts are safety, not something shared by choice (clinical-model §5).
    ALERTS = "alerts"
    # What the care team writes (clinical-model §6).
    CLINICAL_NOTES = "clinical_notes"
    PSYCHOTHERAPY_NOTES = "psychotherapy_notes"
    SUPPORT_NOTES = "support_notes"
    DIAGNOSES = "diagnoses"
    MESSAGES = "messages"
    # The therapist and coach talking about the client: only with the client's yes.
    CONSULTATION = "consultation"
    # The healing journey: stage, readiness for trauma work, pacing (clinical-model §4).
    HEALING = "healing"
    # The progress report drawn from the record (each section still needs its
    # own category's consent), and the frozen copies the client agreed to share.
    REPORTS = "reports"
    REPORT_SHARES = "report_shares"


# The client's own data, which they share per person.
SHARED_CATEGORIES: tuple[Category, ...] = (
    Category.COPING,
    Category.MEASURES,
    Category.JOURNAL,
    Category.SAFETY_PLAN,
    Category.GOALS_HOMEWORK,
)

# Everything the client says yes or no to, per person.
CONSENT_CATEGORIES: tuple[Category, ...] = (*SHARED_CATEGORIES, Category.CONSULTATION)

# A therapist's treatment access is on until the client turns it off; the
# journal is private writing, so it stays closed until the client opens it,
# and consultation waits for the client to say yes.
THERAPIST_DEFAULT_GRANTS: frozenset[Category] = frozenset(SHARED_CATEGORIES) - {Category.JOURNAL}


class Action(StrEnum):
    READ = "read"
    WRITE = "write"
    ASSIGN = "assign"  # set work for the client (questionnaires): the treating therapist's


class Grant(StrEnum):
    ALWAYS = "always"
    IF_CONSENTED = "if_consented"


R, W = Action.READ, Action.WRITE
C = Category

POLICY: dict[tuple[Role, Relation, Category, Action], Grant] = {}


def _allow(
    role: Role,
    relation: Relation,
    categories: tuple[Category, ...],
    actions: tuple[Action, ...],
    grant: Grant,
) -> None:
    for category in categories:
        for action in actions:
            POLICY[(role, relation, category, action)] = grant


# The client owns their record; the access log is read-only for everyone.
_allow(Role.CLIENT, Relation.SELF, (*SHARED_CATEGORIES, C.PROFILE, C.CONSENT), (R, W), Grant.ALWAYS)
_allow(Role.CLIENT, Relation.SELF, (C.CARE_TEAM, C.ACCESS_LOG), (R,), Grant.ALWAYS)

# Therapists work in the medical model: treatment access, by consent.
_allow(Role.THERAPIST, Relation.TREATING, (C.PROFILE, C.CARE_TEAM, C.CONSENT), (R,), Grant.ALWAYS)
_allow(Role.THERAPIST, Relation.TREATING, SHARED_CATEGORIES, (R, W), Grant.IF_CONSENTED)
# Assessment is the medical model's: only the treating therapist assigns questionnaires.
_allow(Role.THERAPIST, Relation.TREATING, (C.MEASURES,), (Action.ASSIGN,), Grant.IF_CONSENTED)

# Safety comes before consent: the treating therapist always sees and answers
# the client's alerts, and so does the duty clinician, who also reads the
# safety plan to act on it. The client sees where their alerts stand.
_allow(Role.THERAPIST, Relation.TREATING, (C.ALERTS,), (R, W), Grant.ALWAYS)
_allow(Role.THERAPIST, Relation.ON_DUTY, (C.ALERTS,), (R, W), Grant.ALWAYS)
_allow(Role.THERAPIST, Relation.ON_DUTY, (C.PROFILE, C.SAFETY_PLAN), (R,), Grant.ALWAYS)
_allow(Role.CLIENT, Relation.SELF, (C.ALERTS,), (R,), Grant.ALWAYS)

# Coaches work in the support model: they see only what the client shares, and
# they may only add to goals and homework, never to clinical categories.
_allow(Role.COACH, Relation.SUPPORTING, (C.PROFILE, C.CARE_TEAM, C.CONSENT), (R,), Grant.ALWAYS)
_allow(Role.COACH, Relation.SUPPORTING, SHARED_CATEGORIES, (R,), Grant.IF_CONSENTED)
_allow(Role.COACH, Relation.SUPPORTING, (C.GOALS_HOMEWORK,), (W,), Grant.IF_CONSENTED)

# Scope of practice (clinical-model §6). The therapist's notes and diagnoses
# are their professional record, not something the client shares, so they do
# not wait on consent. The client reads everything about themselves except
# psychotherapy notes; the coach never reads a diagnosis or a clinical note.
# Psychotherapy notes: the service narrows this row to the author (and other
# treating therapists when the organisation allows it).
_allow(
    Role.THERAPIST,
    Relation.TREATING,
    (C.CLINICAL_NOTES, C.PSYCHOTHERAPY_NOTES, C.DIAGNOSES),
    (R, W),
    Grant.ALWAYS,
)
_allow(
    Role.CLIENT, Relation.SELF, (C.CLINICAL_NOTES, C.DIAGNOSES, C.SUPPORT_NOTES), (R,), Grant.ALWAYS
)
_allow(Role.COACH, Relation.SUPPORTING, (C.SUPPORT_NOTES,), (R, W), Grant.ALWAYS)

# The healing journey is the therapist's clinical record, like a diagnosis:
# the treating therapist keeps it without waiting on consent; the client sees
# their own journey (and says yes or no to trauma work through CONSENT); the
# coach never sees stage or readiness, which are clinical.
_allow(Role.THERAPIST, Relation.TREATING, (C.HEALING,), (R, W), Grant.ALWAYS)
_allow(Role.CLIENT, Relation.SELF, (C.HEALING,), (R,), Grant.ALWAYS)

# Progress reports (issue 7). The client reads their own report and every
# request to share it, and answers each request as a consent (CONSENT, which
# only the client writes). The treating therapist reads the report for their
# clinical use (each section only if the client shares its category with
# them) and asks to share it. An approved share is a per-share grant the
# client gave: the coach's row lets them reach shares at all, and the service
# narrows it to shares addressed to them once approved (the therapist's to
# shares they asked for), the way it narrows psychotherapy notes to the author.
_allow(Role.CLIENT, Relation.SELF, (C.REPORTS, C.REPORT_SHARES), (R,), Grant.ALWAYS)
_allow(Role.THERAPIST, Relation.TREATING, (C.REPORTS,), (R, W), Grant.ALWAYS)
_allow(Role.THERAPIST, Relation.TREATING, (C.REPORT_SHARES,), (R,), Grant.ALWAYS)
_allow(Role.COACH, Relation.SUPPORTING, (C.REPORT_SHARES,), (R,), Grant.ALWAYS)

# Messages: each team member talks with the client in their own thread while
# they are on the care team; the service keeps each thread to its two people.
for _role, _relation in (
    (Role.CLIENT, Relation.SELF),
    (Role.THERAPIST, Relation.TREATING),
    (Role.COACH, Relation.SUPPORTING),
):
    _allow(_role, _relation, (C.MESSAGES,), (R, W), Grant.ALWAYS)

# Consultation needs the client's yes for each side (the service checks the
# other side too); the client reads the thread unless the organisation has
# chosen otherwise (docs/decisions/0012).
_allow(Role.THERAPIST, Relation.TREATING, (C.CONSULTATION,), (R, W), Grant.IF_CONSENTED)
_allow(Role.COACH, Relation.SUPPORTING, (C.CONSULTATION,), (R, W), Grant.IF_CONSENTED)
_allow(Role.CLIENT, Relation.SELF, (C.CONSULTATION,), (R,), Grant.ALWAYS)

# Admins run the organisation: who is who and who is on which team; no clinical data.
_allow(Role.ADMIN, Relation.SAME_ORG, (C.PROFILE, C.CARE_TEAM), (R, W), Grant.ALWAYS)
_allow(Role.ADMIN, Relation.SAME_ORG, (C.CONSENT,), (R,), Grant.ALWAYS)

# Break-glass is read-only, time-limited, audited and flagged for review. An
# admin using it keeps the admin rights they have anyway.
for _role in (Role.ADMIN, Role.THERAPIST):
    _allow(
        _role,
        Relation.BREAK_GLASS,
        (*SHARED_CATEGORIES, C.PROFILE, C.CARE_TEAM, C.ALERTS),
        (R,),
        Grant.ALWAYS,
    )
_allow(Role.ADMIN, Relation.BREAK_GLASS, (C.PROFILE, C.CARE_TEAM), (W,), Grant.ALWAYS)
_allow(Role.ADMIN, Relation.BREAK_GLASS, (C.CONSENT,), (R,), Grant.ALWAYS)


# What each role may do that is not about one client.
CAPABILITIES: dict[Role, frozenset[str]] = {
    Role.CLIENT: frozenset({"account.self", "record.own", "catalog.read"}),
    Role.THERAPIST: frozenset(
        {
            "account.self",
            "caseload.read",
            "alerts.read",
            "break_glass.start",
            "catalog.read",
            "catalog.write",
            "outcomes.read",
        }
    ),
    Role.COACH: frozenset({"account.self", "caseload.read", "catalog.read"}),
    Role.ADMIN: frozenset(
        {
            "account.self",
            "catalog.read",
            "catalog.write",
            "people.manage",
            "org.settings",
            "audit.read",
            "break_glass.start",
            "break_glass.review",
            # De-identified figures across clients, small cells hidden: no one
            # client's clinical data (outcomes/rules.py).
            "outcomes.read",
        }
    ),
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    hide: bool = False  # answer 404: the record is not theirs to know about

    @property
    def status_code(self) -> int:
        return 200 if self.allowed else (404 if self.hide else 403)


def _words(category: Category) -> str:
    return (
        "goals and homework" if category is Category.GOALS_HOMEWORK else category.replace("_", " ")
    )


def decide(
    *, role: Role, relation: Relation, category: Category, action: Action, consented: bool
) -> Decision:
    if relation is Relation.NONE or (relation is Relation.SAME_ORG and role is not Role.ADMIN):
        return Decision(False, "not on this client's care team", hide=True)
    grant = POLICY.get((role, relation, category, action))
    if grant is None:
        article = "an" if role is Role.ADMIN else "a"
        return Decision(False, f"{article} {role} may not {action} {_words(category)}")
    if grant is Grant.IF_CONSENTED and not consented:
        return Decision(False, f"the client has not shared {_words(category)} with you")
    return Decision(True, f"{grant}")


def may(role: Role, capability: str) -> bool:
    return capability in CAPABILITIES.get(role, frozenset())


def relation_for(
    *,
    role: Role,
    is_self: bool,
    team_role: str | None,
    same_org: bool,
    break_glass: bool,
    on_duty: bool = False,
) -> Relation:
    """Work out how the person asking stands to the client."""
    if is_self:
        return Relation.SELF
    if not same_org:
        return Relation.NONE
    if team_role == Role.THERAPIST and role is Role.THERAPIST:
        return Relation.TREATING
    if team_role == Role.COACH and role is Role.COACH:
        return Relation.SUPPORTING
    if break_glass:
        return Relation.BREAK_GLASS
    if on_duty and role is Role.THERAPIST:
        return Relation.ON_DUTY
    return Relation.SAME_ORG if role is not Role.CLIENT else Relation.NONE
