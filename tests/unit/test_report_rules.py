"""The progress report's rules: the period asked for, what a share request
must say, and how a share moves (and what a second answer does)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from mend.reports import rules
from mend.reports.rules import Period, ReportError, ShareStatus, Step

TODAY = date(2026, 3, 2)
P, A, D, W = (
    ShareStatus.PENDING,
    ShareStatus.APPROVED,
    ShareStatus.DECLINED,
    ShareStatus.WITHDRAWN,
)


def refused(call, *args, **kwargs) -> ReportError:  # type: ignore[no-untyped-def]
    with pytest.raises(ReportError) as caught:
        call(*args, **kwargs)
    return caught.value


# ---------------------------------------------------------------- the period


def test_the_default_is_the_last_90_days_today_included() -> None:
    found = rules.parse_period(None, None, today=TODAY)
    assert found == Period(date(2025, 12, 3), TODAY) and found.days == 90
    assert rules.parse_period("", "  ", today=TODAY) == found
    assert rules.default_period(TODAY) == found


def test_only_an_end_gives_the_90_days_before_it() -> None:
    assert rules.parse_period(None, "2026-01-31", today=TODAY) == Period(
        date(2025, 11, 3), date(2026, 1, 31)
    )


def test_a_one_day_period() -> None:
    found = rules.parse_period("2026-03-02", "2026-03-02", today=TODAY)
    assert found.days == 1


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2026-13-01", None, "from"),
        ("yesterday", None, "from"),
        ("20260301", None, "from"),
        (None, "2026-02-30", "to"),
        (None, "2026-3-1", "to"),
    ],
)
def test_a_date_that_is_not_one_names_its_field(
    start: str | None, end: str | None, field: str
) -> None:
    error = refused(rules.parse_period, start, end, today=TODAY)
    assert (error.status, error.field) == (422, field)


def test_the_period_cannot_end_after_today() -> None:
    error = refused(rules.parse_period, None, "2026-03-03", today=TODAY)
    assert (error.status, error.field) == (422, "to")
    assert rules.parse_period(None, "2026-03-02", today=TODAY).end == TODAY


def test_the_start_must_not_come_after_the_end() -> None:
    error = refused(rules.parse_period, "2026-03-02", "2026-03-01", today=TODAY)
    assert (error.status, error.field) == (422, "from")


def test_two_years_at_most() -> None:
    longest = rules.parse_period("2024-03-01", "2026-03-01", today=TODAY)
    assert longest.days == rules.MAX_DAYS
    error = refused(rules.parse_period, "2024-02-29", "2026-03-01", today=TODAY)
    assert (error.status, error.field) == (422, "from")


def test_the_bounds_are_whole_days_on_the_organisations_clock() -> None:
    london = ZoneInfo("Europe/London")
    since, until = Period(date(2026, 3, 28), date(2026, 3, 29)).bounds(london)
    # GMT on the 28th; the clocks go forward on the 29th, so the day after
    # begins at 23:00 UTC.
    assert since == datetime(2026, 3, 28, 0, 0, tzinfo=UTC)
    assert until == datetime(2026, 3, 29, 23, 0, tzinfo=UTC)
    tokyo = Period(TODAY, TODAY).bounds(ZoneInfo("Asia/Tokyo"))
    assert tokyo == (datetime(2026, 3, 1, 15, tzinfo=UTC), datetime(2026, 3, 2, 15, tzinfo=UTC))


# ---------------------------------------------------------------- a request


def test_the_purpose_is_needed_and_kept_short() -> None:
    assert rules.clean_purpose("  For the GP referral. ") == "For the GP referral."
    assert refused(rules.clean_purpose, "   ").field == "purpose"
    assert rules.clean_purpose("x" * rules.PURPOSE_MAX)
    assert refused(rules.clean_purpose, "x" * (rules.PURPOSE_MAX + 1)).field == "purpose"


def test_an_outside_recipient_is_named_on_one_line() -> None:
    assert rules.clean_recipient_name(" Dr Okafor, GP ") == "Dr Okafor, GP"
    for bad in ("", "Dr A\nDr B", "x" * (rules.RECIPIENT_MAX + 1)):
        assert refused(rules.clean_recipient_name, bad).field == "recipient_name"


def test_sections_come_back_in_report_order() -> None:
    assert rules.clean_sections(["healing", "measures"]) == ("measures", "healing")
    assert rules.clean_sections(rules.SECTIONS) == rules.SECTIONS
    assert refused(rules.clean_sections, []).field == "sections"
    assert refused(rules.clean_sections, ["measures", "diagnoses"]).field == "sections"


# ---------------------------------------------------------------- how a share moves


def test_a_yes_to_what_was_read_shares_it() -> None:
    assert rules.approve(P, seen="abc", current="abc") is Step.DO


@pytest.mark.parametrize("seen", [None, "", "older"])
def test_a_yes_to_a_report_that_changed_since_is_409(seen: str | None) -> None:
    error = refused(rules.approve, P, seen=seen, current="abc")
    assert (error.status, error.field) == (409, "fingerprint")


def test_a_second_yes_changes_nothing() -> None:
    assert rules.approve(A, seen="anything", current="other") is Step.ALREADY


@pytest.mark.parametrize("status", [D, W])
def test_a_yes_after_no_or_withdrawal_is_409(status: ShareStatus) -> None:
    error = refused(rules.approve, status, seen="abc", current="abc")
    assert (error.status, error.field) == (409, "status")
    assert "ask your therapist to ask again" in error.message


def test_no_is_only_for_a_waiting_request() -> None:
    assert rules.decline(P) is Step.DO
    assert rules.decline(D) is Step.ALREADY
    assert "withdraw it" in refused(rules.decline, A).message
    assert refused(rules.decline, W).status == 409


def test_only_a_yes_can_be_withdrawn() -> None:
    assert rules.withdraw(A) is Step.DO
    assert rules.withdraw(W) is Step.ALREADY
    assert "say no to the request instead" in refused(rules.withdraw, P).message
    assert refused(rules.withdraw, D).status == 409


def test_only_an_approved_share_is_open_to_its_recipient() -> None:
    assert [s for s in ShareStatus if rules.shared_now(s)] == [A]
