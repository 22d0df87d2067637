"""The rules of an alert's life (mend.safety.alerts, clinical-model §5).

open → acknowledged → resolved. A new signal joins the unresolved alert and
reopens it if it was acknowledged; after resolution a new signal needs a new
alert. Alerts go to the treating therapist, else the duty clinician, else nobody
(the admin is told); escalation goes to the duty clinician unless they are the
one who has not answered.
"""

from __future__ import annotations

import pytest

from mend.safety.alerts import (
    Route,
    Severity,
    Status,
    TransitionError,
    acknowledge,
    after_signal,
    escalate_to,
    resolve,
    route_for,
    stronger,
)

NOTE = "Called the client; safety plan reviewed."


def test_statuses_severities_and_routes_are_their_stored_strings() -> None:
    """The enums are StrEnums whose values are what the database stores."""
    assert [s.value for s in Status] == ["open", "acknowledged", "resolved"]
    assert [s.value for s in Severity] == ["concern", "urgent"]
    assert [r.value for r in Route] == ["therapist", "duty", "nobody"]


def test_a_refused_step_is_a_value_error() -> None:
    """TransitionError is a ValueError, so callers catching ValueError see it."""
    assert issubclass(TransitionError, ValueError)


# --- acknowledge ------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.OPEN, "open"], ids=["enum", "stored-string"])
def test_acknowledge_an_open_alert(status: str) -> None:
    """open → acknowledged."""
    result = acknowledge(status)
    assert result is Status.ACKNOWLEDGED


@pytest.mark.parametrize(
    "status",
    [Status.ACKNOWLEDGED, Status.RESOLVED, "acknowledged", "resolved"],
    ids=["acknowledged", "resolved", "acknowledged-string", "resolved-string"],
)
def test_only_an_open_alert_can_be_acknowledged(status: str) -> None:
    """acknowledge is refused from acknowledged and resolved, naming the status."""
    with pytest.raises(
        TransitionError, match=rf"^an alert that is {status} cannot be acknowledged"
    ):
        acknowledge(status)


# --- resolve ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [Status.OPEN, Status.ACKNOWLEDGED, "open", "acknowledged"],
    ids=["open", "acknowledged", "open-string", "acknowledged-string"],
)
def test_resolve_from_open_or_acknowledged(status: str) -> None:
    """open → resolved and acknowledged → resolved, with a note."""
    assert resolve(status, NOTE) is Status.RESOLVED


@pytest.mark.parametrize("note", [NOTE, "ok", "  done  ", "\n seen \n"], ids=repr)
def test_any_note_with_words_is_enough(note: str) -> None:
    """A note counts when it has something other than whitespace."""
    assert resolve(Status.OPEN, note) is Status.RESOLVED


@pytest.mark.parametrize("status", [Status.OPEN, Status.ACKNOWLEDGED], ids=str)
@pytest.mark.parametrize(
    "note",
    ["", " ", "   ", "\t", "\n", " \r\n\t ", "\u00a0", "\u3000"],
    ids=["empty", "space", "spaces", "tab", "newline", "mixed", "nbsp", "ideographic-space"],
)
def test_resolve_needs_a_non_blank_note(status: str, note: str) -> None:
    """Say what was done: a blank or whitespace-only note is refused."""
    with pytest.raises(TransitionError, match=r"^say what was done: a resolution needs a note"):
        resolve(status, note)


@pytest.mark.parametrize("note", [NOTE, ""], ids=["with-note", "blank-note"])
def test_a_resolved_alert_cannot_be_resolved_again(note: str) -> None:
    """resolved → resolved is refused, and that is the reason given even without a note."""
    with pytest.raises(TransitionError, match=r"^this alert is already resolved"):
        resolve(Status.RESOLVED, note)
    with pytest.raises(TransitionError, match=r"^this alert is already resolved"):
        resolve("resolved", note)


# --- after_signal -----------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [Status.OPEN, Status.ACKNOWLEDGED, "open", "acknowledged"],
    ids=["open-stays-open", "acknowledged-reopens", "open-string", "acknowledged-string"],
)
def test_a_new_signal_leaves_an_unresolved_alert_open(status: str) -> None:
    """open → open; acknowledged → open, because the clinician has not seen this signal."""
    assert after_signal(status) is Status.OPEN


@pytest.mark.parametrize("status", [Status.RESOLVED, "resolved"], ids=["enum", "stored-string"])
def test_a_resolved_alert_takes_no_new_signals(status: str) -> None:
    """After resolution a new signal starts a new alert: joining the old one is refused."""
    with pytest.raises(TransitionError, match=r"^a resolved alert takes no new signals"):
        after_signal(status)


def test_an_alert_s_whole_life() -> None:
    """open → acknowledged → (signal) open → acknowledged → resolved → no more signals."""
    status = Status.OPEN
    status = acknowledge(status)
    assert status is Status.ACKNOWLEDGED
    status = after_signal(status)
    assert status is Status.OPEN
    status = after_signal(status)
    assert status is Status.OPEN
    status = acknowledge(status)
    status = resolve(status, NOTE)
    assert status is Status.RESOLVED
    with pytest.raises(TransitionError):
        after_signal(status)
    with pytest.raises(TransitionError):
        acknowledge(status)


# The full table: every (status, step) pair, allowed or refused.
STEPS = {
    "acknowledge": acknowledge,
    "resolve": lambda status: resolve(status, NOTE),
    "after_signal": after_signal,
}
TABLE = [
    (Status.OPEN, "acknowledge", Status.ACKNOWLEDGED),
    (Status.OPEN, "resolve", Status.RESOLVED),
    (Status.OPEN, "after_signal", Status.OPEN),
    (Status.ACKNOWLEDGED, "acknowledge", None),
    (Status.ACKNOWLEDGED, "resolve", Status.RESOLVED),
    (Status.ACKNOWLEDGED, "after_signal", Status.OPEN),
    (Status.RESOLVED, "acknowledge", None),
    (Status.RESOLVED, "resolve", None),
    (Status.RESOLVED, "after_signal", None),
]


@pytest.mark.parametrize(
    ("status", "step", "becomes"),
    TABLE,
    ids=[f"{status}-{step}-{becomes or 'refused'}" for status, step, becomes in TABLE],
)
def test_the_transition_table(status: Status, step: str, becomes: Status | None) -> None:
    """Each step from each status either gives the listed status or raises TransitionError."""
    if becomes is None:
        with pytest.raises(TransitionError):
            STEPS[step](status)
    else:
        assert STEPS[step](status) is becomes


# --- stronger ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Severity.CONCERN, Severity.CONCERN, Severity.CONCERN),
        (Severity.CONCERN, Severity.URGENT, Severity.URGENT),
        (Severity.URGENT, Severity.CONCERN, Severity.URGENT),
        (Severity.URGENT, Severity.URGENT, Severity.URGENT),
        ("concern", "urgent", Severity.URGENT),
        ("urgent", "concern", Severity.URGENT),
        ("concern", "concern", Severity.CONCERN),
    ],
    ids=[
        "concern-concern",
        "concern-urgent",
        "urgent-concern",
        "urgent-urgent",
        "strings-urgent-second",
        "strings-urgent-first",
        "strings-concern",
    ],
)
def test_stronger_keeps_the_more_severe(a: str, b: str, expected: Severity) -> None:
    """An alert joined by a new signal takes the stronger severity: urgent beats concern,
    in either order, and the answer is always a Severity."""
    result = stronger(a, b)
    assert result is expected


# --- route_for --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("therapist_id", "duty_id", "expected"),
    [
        ("t-1", "d-1", (Route.THERAPIST, "t-1")),
        ("t-1", None, (Route.THERAPIST, "t-1")),
        ("t-1", "t-1", (Route.THERAPIST, "t-1")),
        (None, "d-1", (Route.DUTY, "d-1")),
        (None, None, (Route.NOBODY, None)),
    ],
    ids=[
        "therapist-before-duty",
        "therapist-without-duty",
        "therapist-is-also-duty",
        "no-therapist-goes-to-duty",
        "neither-goes-to-nobody",
    ],
)
def test_route_for_prefers_the_therapist_then_duty_then_nobody(
    therapist_id: str | None, duty_id: str | None, expected: tuple[Route, str | None]
) -> None:
    """The treating therapist first; else the duty clinician; else nobody (the admin is told)."""
    assert route_for(therapist_id=therapist_id, duty_id=duty_id) == expected


# --- escalate_to ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("routed_to", "duty_id", "expected"),
    [
        ("t-1", "d-1", "d-1"),
        ("d-1", "d-1", None),
        ("t-1", None, None),
        (None, None, None),
        (None, "d-1", "d-1"),
    ],
    ids=[
        "therapist-silent-goes-to-duty",
        "duty-silent-has-nobody-above",
        "no-duty-no-escalation",
        "nobody-and-no-duty",
        "duty-named-since-routing",
    ],
)
def test_escalate_to_the_duty_clinician_unless_they_are_the_one_silent(
    routed_to: str | None, duty_id: str | None, expected: str | None
) -> None:
    """Escalation goes to the duty clinician, never back to the person who has not
    answered, and nowhere when there is no duty clinician."""
    assert escalate_to(routed_to=routed_to, duty_id=duty_id) == expected


@pytest.mark.parametrize(
    ("therapist_id", "duty_id", "escalated"),
    [("t-1", "d-1", "d-1"), (None, "d-1", None), ("t-1", None, None), (None, None, None)],
    ids=["therapist-then-duty", "duty-only", "therapist-only", "nobody"],
)
def test_routing_then_escalation(
    therapist_id: str | None, duty_id: str | None, escalated: str | None
) -> None:
    """Together: an alert routed to the therapist escalates to duty; one routed to duty
    (or to nobody) has nowhere further to go."""
    _, routed_to = route_for(therapist_id=therapist_id, duty_id=duty_id)
    assert escalate_to(routed_to=routed_to, duty_id=duty_id) == escalated
