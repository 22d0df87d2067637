"""When an alert must be answered by (mend.safety.escalation, clinical-model §5).

The response window counts only the organisation's business hours when it keeps
them, in the organisation's own time zone; inputs and outputs are aware UTC
datetimes. An organisation without hours (None) counts every minute.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mend.safety.escalation import BusinessHours, describe, parse_hours, respond_by

H = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def hours(
    days: str = "12345", start: str = "09:00", end: str = "17:00", zone: str = "UTC"
) -> BusinessHours:
    return parse_hours(days=days, start=start, end=end, zone=zone)


OFFICE = hours()  # Monday to Friday, 09:00–17:00 UTC
LONDON = hours(zone="Europe/London")
NEW_YORK = hours(zone="America/New_York")

# The week of Monday 2026-01-05 (no DST anywhere we look).
MON, TUE, WED, THU, FRI, SAT, SUN = (5, 6, 7, 8, 9, 10, 11)


def jan(day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return utc(2026, 1, day, hour, minute, second)


# --- parse_hours ------------------------------------------------------------


def test_parse_hours_reads_the_settings() -> None:
    """Days are ISO weekday digits in any order; times are HH:MM; the zone is an IANA key."""
    parsed = parse_hours(days="531", start="08:30", end="18:15", zone="Europe/London")
    assert parsed.days == frozenset({1, 3, 5})
    assert (parsed.start, parsed.end) == (time(8, 30), time(18, 15))
    assert parsed.zone == ZoneInfo("Europe/London")


def test_parse_hours_accepts_the_widest_day() -> None:
    """00:00 to 23:59 on all seven days is the longest day that can be written."""
    parsed = parse_hours(days="7654321", start="00:00", end="23:59", zone="UTC")
    assert parsed.days == frozenset(range(1, 8))
    assert (parsed.start, parsed.end) == (time(0, 0), time(23, 59))


@pytest.mark.parametrize(
    "days",
    ["", "0", "8", "9", "12a", "1,2", "1 2", "-1", "112", "1231", "١٢"],
    ids=[
        "empty",
        "zero",
        "eight",
        "nine",
        "letter",
        "comma",
        "space",
        "minus",
        "duplicate",
        "duplicate-apart",
        "arabic-indic-digits",
    ],
)
def test_parse_hours_rejects_bad_days_naming_business_days(days: str) -> None:
    """business_days: the digits 1 (Monday) to 7 (Sunday), at least one, each once."""
    with pytest.raises(ValueError, match=r"^business_days: "):
        parse_hours(days=days, start="09:00", end="17:00", zone="UTC")


BAD_CLOCKS = [
    pytest.param("9:00", id="one-digit-hour"),
    pytest.param("24:00", id="hour-24"),
    pytest.param("09:60", id="minute-60"),
    pytest.param("09:00:00", id="with-seconds"),
    pytest.param("09:00:00.5", id="with-fraction"),
    pytest.param("0900", id="no-colon"),
    pytest.param("", id="empty"),
    pytest.param("9am", id="am-pm"),
    pytest.param("09h00", id="h-separator"),
    pytest.param(" 9:00", id="leading-space"),
    pytest.param("09:00 ", id="trailing-space"),
    pytest.param("０９:００", id="full-width-digits"),
]


@pytest.mark.parametrize("value", BAD_CLOCKS)
def test_parse_hours_rejects_a_bad_start_naming_business_start(value: str) -> None:
    """business_start: 24-hour HH:MM only."""
    with pytest.raises(ValueError, match=r"^business_start: "):
        parse_hours(days="12345", start=value, end="17:00", zone="UTC")


@pytest.mark.parametrize("value", BAD_CLOCKS)
def test_parse_hours_rejects_a_bad_end_naming_business_end(value: str) -> None:
    """business_end: 24-hour HH:MM only."""
    with pytest.raises(ValueError, match=r"^business_end: "):
        parse_hours(days="12345", start="09:00", end=value, zone="UTC")


# Python 3.11's time.fromisoformat also reads these five-character forms (basic
# format, "T" prefix, UTC "Z" or an hour offset); only HH:MM is a clock here.
FIVE_CHARACTER_NON_CLOCKS = [
    pytest.param("0900Z", "1700Z", id="z-suffix-both"),
    pytest.param("T0900", "17:00", id="t-prefix-basic"),
    pytest.param("09+01", "17:00", id="hour-with-offset"),
    pytest.param("0900Z", "17:00", id="z-suffix-start-only"),
]


@pytest.mark.parametrize(("start", "end"), FIVE_CHARACTER_NON_CLOCKS)
def test_parse_hours_rejects_iso_forms_that_are_not_hh_mm(start: str, end: str) -> None:
    """business_start: only 24-hour HH:MM, not other ISO 8601 time spellings."""
    with pytest.raises(ValueError, match=r"^business_start: "):
        parse_hours(days="12345", start=start, end=end, zone="UTC")


@pytest.mark.parametrize(
    ("start", "end"),
    [("09:00", "09:00"), ("17:00", "09:00"), ("09:01", "09:00"), ("00:01", "00:00")],
    ids=["equal", "reversed", "one-minute-early", "end-at-midnight"],
)
def test_parse_hours_needs_the_end_after_the_start(start: str, end: str) -> None:
    """business_end: must be later than business_start (no overnight shifts)."""
    with pytest.raises(ValueError, match=r"^business_end: "):
        parse_hours(days="12345", start=start, end=end, zone="UTC")


def test_parse_hours_accepts_a_one_minute_day() -> None:
    """business_end: one minute after the start is enough."""
    assert parse_hours(days="1", start="09:00", end="09:01", zone="UTC").end == time(9, 1)


@pytest.mark.parametrize(
    "zone",
    ["", "Europe/Nowhere", "Mars/Olympus", "Europe/London ", "europe/london", "Europe", "../etc",
     "/etc/passwd", "zone.tab", "GMT+25"],
    ids=["empty", "unknown-city", "unknown-area", "trailing-space", "lower-case", "a-directory",
         "parent-path", "absolute-path", "not-a-tzif-file", "nonsense-offset"],
)  # fmt: skip
def test_parse_hours_rejects_an_unknown_zone_naming_timezone(zone: str) -> None:
    """timezone: an IANA key the zone database knows; every failure is a ValueError."""
    with pytest.raises(ValueError, match=r"^timezone: "):
        parse_hours(days="12345", start="09:00", end="17:00", zone=zone)


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"days": "8", "start": "9:00", "end": "9:00", "zone": "Nowhere"}, "business_days"),
        ({"days": "1", "start": "9:00", "end": "9:00", "zone": "Nowhere"}, "business_start"),
        ({"days": "1", "start": "09:00", "end": "9:00", "zone": "Nowhere"}, "business_end"),
        ({"days": "1", "start": "09:00", "end": "08:00", "zone": "Nowhere"}, "business_end"),
    ],
    ids=["days-first", "then-start", "then-end-format", "then-end-order"],
)
def test_parse_hours_names_the_first_bad_field(fields: dict[str, str], named: str) -> None:
    """Fields are checked in form order: days, start, end, zone."""
    with pytest.raises(ValueError, match=rf"^{named}: "):
        parse_hours(**fields)


# --- respond_by: Monday to Friday, 09:00–17:00 UTC ---------------------------


@pytest.mark.parametrize(
    ("opened", "window", "expected"),
    [
        pytest.param(jan(MON, 10), 4 * H, jan(MON, 14), id="inside-one-day"),
        pytest.param(jan(MON, 9), H, jan(MON, 10), id="opened-at-opening"),
        pytest.param(jan(MON, 13), 4 * H, jan(MON, 17), id="ends-exactly-at-closing-same-day"),
        pytest.param(jan(MON, 16, 59), MINUTE, jan(MON, 17), id="last-minute-of-day"),
        pytest.param(jan(MON, 15), 4 * H, jan(TUE, 11), id="crosses-closing"),
        pytest.param(jan(MON, 13), 4 * H + MINUTE, jan(TUE, 9, 1), id="one-minute-past-closing"),
        pytest.param(jan(MON, 16, 59, 30), MINUTE, jan(TUE, 9, 0, 30), id="seconds-carry-over"),
        pytest.param(jan(MON, 7, 30), 2 * H, jan(MON, 11), id="before-opening"),
        pytest.param(jan(MON, 0, 0), 2 * H, jan(MON, 11), id="at-midnight"),
        pytest.param(jan(MON, 18), 2 * H, jan(TUE, 11), id="after-closing"),
        pytest.param(jan(MON, 17), H, jan(TUE, 10), id="opened-exactly-at-closing"),
        pytest.param(jan(MON, 23, 59), 2 * H, jan(TUE, 11), id="just-before-midnight"),
        pytest.param(jan(SAT, 10), 2 * H, jan(12, 11), id="saturday-due-monday"),
        pytest.param(jan(SUN, 23, 59), 2 * H, jan(12, 11), id="sunday-due-monday"),
        pytest.param(jan(FRI, 16), 4 * H, jan(12, 12), id="friday-16-plus-4h-monday-12"),
        pytest.param(jan(FRI, 19), 4 * H, jan(12, 13), id="friday-evening-plus-4h-monday-13"),
        pytest.param(jan(FRI, 17), MINUTE, jan(12, 9, 1), id="friday-closing-to-monday"),
        pytest.param(jan(FRI, 13), 4 * H, jan(FRI, 17), id="friday-ends-at-closing"),
        pytest.param(jan(MON, 9), 24 * H, jan(WED, 17), id="24h-is-three-business-days"),
        pytest.param(jan(MON, 13), 24 * H, jan(THU, 13), id="24h-from-midday"),
        pytest.param(jan(MON, 9), 40 * H, jan(FRI, 17), id="a-whole-working-week"),
        pytest.param(jan(MON, 9), 41 * H, jan(12, 10), id="a-week-and-an-hour"),
        pytest.param(jan(WED, 12), 24 * H, jan(12, 12), id="three-days-across-weekend"),
        pytest.param(jan(MON, 9), 80 * H, jan(16, 17), id="two-working-weeks"),
    ],
)
def test_the_window_counts_only_business_hours(
    opened: datetime, window: timedelta, expected: datetime
) -> None:
    """Only time inside the open hours of open days counts; a window that ends at
    closing time is due that day, not the next morning."""
    assert respond_by(opened, window, OFFICE) == expected


def test_the_answer_is_aware_utc() -> None:
    """Outputs are aware UTC datetimes, whatever zone the hours are kept in."""
    for business in (OFFICE, LONDON, NEW_YORK, hours(zone="Asia/Tokyo")):
        result = respond_by(jan(MON, 10), H, business)
        assert result.tzinfo is UTC


def test_the_same_instant_in_another_offset_gives_the_same_answer() -> None:
    """Only the instant matters, not the offset the caller wrote it in."""
    plus_two = datetime(2026, 1, 5, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    assert respond_by(plus_two, 4 * H, OFFICE) == respond_by(jan(MON, 10), 4 * H, OFFICE)


def test_a_zero_window_outside_hours_waits_for_the_opening() -> None:
    """An empty window is due now when open, and at the next opening when closed."""
    assert respond_by(jan(MON, 10), timedelta(0), OFFICE) == jan(MON, 10)
    assert respond_by(jan(SAT, 10), timedelta(0), OFFICE) == jan(12, 9)


@pytest.mark.parametrize(
    ("opened", "window"),
    [
        pytest.param(jan(MON, 10), 4 * H, id="weekday-daytime"),
        pytest.param(jan(FRI, 19), 4 * H, id="friday-evening"),
        pytest.param(jan(SAT, 3), 30 * H, id="weekend-night"),
        pytest.param(jan(SUN, 23, 59, 59), timedelta(seconds=1), id="one-second"),
        pytest.param(jan(MON, 10), timedelta(0), id="zero"),
        pytest.param(utc(2026, 3, 28, 23), 4 * H, id="across-london-spring-change"),
        pytest.param(utc(2026, 10, 24, 23), 4 * H, id="across-london-autumn-change"),
    ],
)
def test_around_the_clock_adds_the_window_plainly(opened: datetime, window: timedelta) -> None:
    """hours None: every minute counts, nights, weekends and DST changes alike."""
    assert respond_by(opened, window, None) == opened + window


@pytest.mark.parametrize(
    ("opened", "window", "expected"),
    [
        pytest.param(jan(MON, 10), 2 * H, jan(SUN, 11), id="weekday-waits-for-sunday"),
        pytest.param(jan(SAT, 23), H, jan(SUN, 10), id="saturday-night"),
        pytest.param(jan(SUN, 10), 2 * H, jan(SUN, 12), id="inside-sunday"),
        pytest.param(jan(SUN, 16), 2 * H, jan(18, 10), id="spills-to-next-sunday"),
        pytest.param(jan(SUN, 17), H, jan(18, 10), id="after-closing-next-sunday"),
        pytest.param(jan(MON, 9), 16 * H, jan(18, 17), id="two-sundays"),
    ],
)
def test_a_sunday_only_calendar(opened: datetime, window: timedelta, expected: datetime) -> None:
    """business_days "7": only Sundays count, so the next open day may be six days off."""
    assert respond_by(opened, window, hours(days="7")) == expected


@pytest.mark.parametrize(
    ("opened", "window", "expected"),
    [
        pytest.param(jan(MON, 16), 2 * H, jan(WED, 10), id="skips-tuesday"),
        pytest.param(jan(FRI, 16), 2 * H, jan(12, 10), id="friday-to-monday"),
        pytest.param(jan(TUE, 12), H, jan(WED, 10), id="opened-on-a-closed-weekday"),
    ],
)
def test_non_contiguous_days_skip_the_closed_ones(
    opened: datetime, window: timedelta, expected: datetime
) -> None:
    """business_days "135": Tuesday and Thursday are closed like a weekend."""
    assert respond_by(opened, window, hours(days="135")) == expected


def test_a_calendar_with_no_open_day_fails_instead_of_looping() -> None:
    """A closed calendar (only constructible directly) ends with a ValueError."""
    closed = BusinessHours(frozenset(), time(9), time(17), ZoneInfo("UTC"))
    with pytest.raises(ValueError, match=r"^business_days: "):
        respond_by(jan(MON, 10), H, closed)


def test_opening_is_none_on_a_closed_day_and_local_on_an_open_one() -> None:
    """BusinessHours.opening gives the open hours on the local date, in the local zone."""
    monday = datetime(2026, 1, 5, 12, tzinfo=ZoneInfo("Europe/London"))
    sunday = datetime(2026, 1, 11, 12, tzinfo=ZoneInfo("Europe/London"))
    assert LONDON.opening(sunday) is None
    span = LONDON.opening(monday)
    assert span is not None
    assert span == (
        datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("Europe/London")),
        datetime(2026, 1, 5, 17, tzinfo=ZoneInfo("Europe/London")),
    )


# --- respond_by: time zones ---------------------------------------------------


@pytest.mark.parametrize(
    ("business", "opened", "window", "expected"),
    [
        # Europe/London: GMT until Sunday 2026-03-29 01:00 UTC, then BST (UTC+1).
        pytest.param(
            LONDON, utc(2026, 3, 27, 16), 4 * H, utc(2026, 3, 30, 11),
            id="london-spring-friday-16-gmt-to-monday-12-bst",
        ),
        pytest.param(
            LONDON, utc(2026, 3, 27, 15), 4 * H, utc(2026, 3, 30, 10),
            id="london-spring-friday-15-gmt-to-monday-11-bst",
        ),
        pytest.param(
            LONDON, utc(2026, 3, 30, 7, 30), H, utc(2026, 3, 30, 9),
            id="london-bst-before-opening",
        ),
        pytest.param(
            LONDON, utc(2026, 3, 30, 8, 30), H, utc(2026, 3, 30, 9, 30),
            id="london-bst-0830-utc-is-already-open",
        ),
        pytest.param(
            LONDON, utc(2026, 3, 30, 16), H, utc(2026, 3, 31, 9),
            id="london-bst-1600-utc-is-after-closing",
        ),
        pytest.param(
            hours(days="1234567", zone="Europe/London"), utc(2026, 3, 28, 16), 4 * H,
            utc(2026, 3, 29, 11), id="london-daily-saturday-gmt-into-change-day-sunday-bst",
        ),
        # Europe/London: BST until Sunday 2026-10-25 01:00 UTC, then GMT.
        pytest.param(
            LONDON, utc(2026, 10, 23, 15), 4 * H, utc(2026, 10, 26, 12),
            id="london-autumn-friday-16-bst-to-monday-12-gmt",
        ),
        pytest.param(
            LONDON, utc(2026, 10, 23, 16), H, utc(2026, 10, 26, 10),
            id="london-autumn-friday-closing-bst-to-monday-gmt",
        ),
        pytest.param(
            hours(days="1234567", zone="Europe/London"), utc(2026, 10, 24, 15), 4 * H,
            utc(2026, 10, 25, 12), id="london-daily-saturday-bst-into-change-day-sunday-gmt",
        ),
        pytest.param(
            LONDON, utc(2026, 1, 5, 10), 4 * H, utc(2026, 1, 5, 14),
            id="london-winter-equals-utc",
        ),
        # America/New_York: EST (UTC-5) until 2026-03-08, EDT (UTC-4) until 2026-11-01.
        pytest.param(
            NEW_YORK, utc(2026, 3, 6, 20), 4 * H, utc(2026, 3, 9, 15),
            id="new-york-spring-friday-15-est-to-monday-11-edt",
        ),
        pytest.param(
            NEW_YORK, utc(2026, 10, 30, 20), 4 * H, utc(2026, 11, 2, 17),
            id="new-york-autumn-friday-16-edt-to-monday-12-est",
        ),
        pytest.param(
            NEW_YORK, utc(2026, 1, 5, 23, 30), H, utc(2026, 1, 6, 15),
            id="new-york-monday-evening-is-tuesday-in-utc",
        ),
        pytest.param(
            NEW_YORK, utc(2026, 1, 10, 3), H, utc(2026, 1, 12, 15),
            id="new-york-saturday-utc-is-friday-night-local",
        ),
        pytest.param(
            NEW_YORK, utc(2026, 1, 5, 13), 4 * H, utc(2026, 1, 5, 18),
            id="new-york-monday-0800-local-waits-for-0900",
        ),
        # Asia/Tokyo (UTC+9): Sunday 23:30 UTC is already Monday 08:30 locally.
        pytest.param(
            hours(zone="Asia/Tokyo"), utc(2026, 1, 4, 23, 30), H, utc(2026, 1, 5, 1),
            id="tokyo-sunday-utc-is-monday-morning-local",
        ),
        # Asia/Kolkata (UTC+5:30): half-hour offset.
        pytest.param(
            hours(zone="Asia/Kolkata"), utc(2026, 1, 5, 11), 2 * H, utc(2026, 1, 6, 5),
            id="kolkata-half-hour-offset",
        ),
    ],
)  # fmt: skip
def test_hours_are_kept_in_the_organisations_zone(
    business: BusinessHours, opened: datetime, window: timedelta, expected: datetime
) -> None:
    """Days and hours are read on the local clock, across DST changes; in and out are UTC."""
    assert respond_by(opened, window, business) == expected


# Python does wall-clock arithmetic on datetimes that share one ZoneInfo, so
# the window must be counted in UTC: when open hours contain a DST change the
# window counts elapsed time, and an alert opened in the repeated autumn hour
# is never due before it was opened. Weekday 09:00–17:00 hours never contain a
# change, so these need hours open over the early Sunday morning.
@pytest.mark.parametrize(
    ("business", "opened", "window", "expected"),
    [
        # 01:00–02:00 local does not exist on 2026-03-29, so that Sunday holds only
        # 3 h of business time; the fourth hour is due the next Sunday (got 03:00 UTC,
        # 3 h after opening).
        pytest.param(
            hours(days="7", start="00:00", end="04:00", zone="Europe/London"),
            utc(2026, 3, 29, 0), 4 * H, utc(2026, 4, 5, 0),
            id="london-spring-gap-inside-hours",
        ),
        # 01:00–02:00 local happens twice on 2026-10-25: 00:00–03:00 local is 4 h long,
        # so a 3 h window from 00:00 BST ends at 02:00 UTC (got 03:00 UTC).
        pytest.param(
            hours(days="7", start="00:00", end="03:00", zone="Europe/London"),
            utc(2026, 10, 24, 23), 3 * H, utc(2026, 10, 25, 2),
            id="london-autumn-repeated-hour-inside-hours",
        ),
        # Opened in the second 01:30 (GMT); 15 minutes later is 01:45 UTC
        # (got 00:45 UTC: 45 minutes before the alert was opened).
        pytest.param(
            hours(days="7", start="00:00", end="03:00", zone="Europe/London"),
            utc(2026, 10, 25, 1, 30), 15 * MINUTE, utc(2026, 10, 25, 1, 45),
            id="london-opened-in-the-repeated-hour",
        ),
        # Same in New York: the second 01:30 (EST) is 06:30 UTC (got 05:45 UTC).
        pytest.param(
            hours(days="7", start="01:00", end="04:00", zone="America/New_York"),
            utc(2026, 11, 1, 6, 30), 15 * MINUTE, utc(2026, 11, 1, 6, 45),
            id="new-york-opened-in-the-repeated-hour",
        ),
    ],
)  # fmt: skip
def test_a_dst_change_inside_open_hours_counts_elapsed_time(
    business: BusinessHours, opened: datetime, window: timedelta, expected: datetime
) -> None:
    """The window is elapsed business time, even when the clocks change during open hours."""
    assert respond_by(opened, window, business) == expected


# --- respond_by: properties ---------------------------------------------------

NO_DST_ZONES = ("UTC", "Asia/Kolkata", "Asia/Tokyo")
DST_ZONES = ("Europe/London", "America/New_York", "Australia/Sydney")
# The DST changes in DST_ZONES happen between 01:00 and 03:00 local time; hours that
# open at 04:00 or later never contain one (that case has its own test above).
EARLIEST_OPENING_WITH_DST = 4 * 60


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def calendars(draw: st.DrawFn) -> tuple[BusinessHours, str, int, int]:
    """Valid hours, with the raw days and the opening and closing minute of the day."""
    zone = draw(st.sampled_from(NO_DST_ZONES + DST_ZONES))
    earliest = 0 if zone in NO_DST_ZONES else EARLIEST_OPENING_WITH_DST
    opens = draw(st.integers(earliest, 23 * 60 + 58))
    closes = draw(st.integers(opens + 1, 23 * 60 + 59))
    days = "".join(str(d) for d in sorted(draw(st.sets(st.integers(1, 7), min_size=1))))
    parsed = parse_hours(days=days, start=_clock(opens), end=_clock(closes), zone=zone)
    return parsed, days, opens, closes


opened_instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


def _is_business_minute(moment: datetime, business: BusinessHours) -> bool:
    """Independent reference: the minute starting at ``moment`` (UTC) is open."""
    local = moment.astimezone(business.zone)
    return local.isoweekday() in business.days and business.start <= local.time() < business.end


def _business_time_between(start: datetime, end: datetime, business: BusinessHours) -> timedelta:
    """Independent reference: walk minute by minute in UTC (elapsed time) and count
    the minutes whose local time falls in the open hours. Needs whole minutes."""
    counted = timedelta(0)
    moment = start
    while moment < end:
        if _is_business_minute(moment, business):
            counted += MINUTE
        moment += MINUTE
    return counted


@st.composite
def any_cases(draw: st.DrawFn) -> tuple[BusinessHours, datetime, timedelta]:
    """Hours, any instant (seconds and microseconds too) and a window of up to 3 days
    that fits in 50 weeks of business time (respond_by looks two years ahead at most)."""
    business, days, opens, closes = draw(calendars())
    most = min(timedelta(days=3), timedelta(minutes=50 * len(days) * (closes - opens)))
    window = draw(st.timedeltas(min_value=timedelta(0), max_value=most))
    return business, draw(opened_instants), window


@settings(max_examples=200, deadline=None)
@given(case=any_cases())
def test_the_answer_is_never_sooner_than_the_window(
    case: tuple[BusinessHours, datetime, timedelta],
) -> None:
    """Closed time only ever adds: respond_by ≥ opened_at and respond_by − opened_at ≥ window."""
    business, opened, window = case
    result = respond_by(opened, window, business)
    assert result.tzinfo is UTC
    assert result >= opened
    assert result - opened >= window


@settings(max_examples=200, deadline=None)
@given(
    opened=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    window=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)),
)
def test_around_the_clock_is_plain_addition(opened: datetime, window: timedelta) -> None:
    """hours None: respond_by(opened_at, window) == opened_at + window, always."""
    assert respond_by(opened, window, None) == opened + window


@st.composite
def bounded_cases(draw: st.DrawFn) -> tuple[BusinessHours, datetime, timedelta]:
    """Hours, a whole-minute opening instant and a window of 1 minute to 8 hours that
    fits in one week's business time (so the reference walk stays short)."""
    business, days, opens, closes = draw(calendars())
    weekly = len(days) * (closes - opens)
    window = timedelta(minutes=draw(st.integers(1, min(8 * 60, weekly))))
    opened = draw(opened_instants).replace(second=0, microsecond=0)
    return business, opened, window


@settings(max_examples=200, deadline=None)
@given(case=bounded_cases())
def test_the_business_time_up_to_the_answer_is_exactly_the_window(
    case: tuple[BusinessHours, datetime, timedelta],
) -> None:
    """Between opened_at and respond_by lies exactly the window of business time, and
    the last minute before respond_by is open: it is the earliest such moment."""
    business, opened, window = case
    result = respond_by(opened, window, business)
    assert _business_time_between(opened, result, business) == window
    assert _is_business_minute(result - MINUTE, business)


# --- describe -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("business", "words"),
    [
        pytest.param(None, "around the clock", id="none"),
        pytest.param(
            hours(zone="Europe/London"), "Monday to Friday, 09:00–17:00 (Europe/London)",
            id="monday-to-friday",
        ),
        pytest.param(
            hours(days="54321"), "Monday to Friday, 09:00–17:00 (UTC)", id="order-of-input-ignored",
        ),
        pytest.param(
            hours(days="135", start="08:30", end="12:00", zone="America/New_York"),
            "Monday, Wednesday, Friday, 08:30–12:00 (America/New_York)", id="non-contiguous",
        ),
        pytest.param(
            hours(days="12356"), "Monday, Tuesday, Wednesday, Friday, Saturday, 09:00–17:00 (UTC)",
            id="a-gap-in-the-week",
        ),
        pytest.param(
            hours(days="1234567", start="00:00", end="23:59"),
            "Monday to Sunday, 00:00–23:59 (UTC)", id="every-day",
        ),
        pytest.param(hours(days="345"), "Wednesday to Friday, 09:00–17:00 (UTC)", id="three-days"),
        pytest.param(hours(days="67"), "Saturday, Sunday, 09:00–17:00 (UTC)", id="two-days-listed"),
        pytest.param(hours(days="7"), "Sunday, 09:00–17:00 (UTC)", id="one-day"),
        pytest.param(
            hours(days="167"), "Monday, Saturday, Sunday, 09:00–17:00 (UTC)",
            id="no-wrap-around-the-weekend",
        ),
    ],
)  # fmt: skip
def test_describe_puts_the_hours_in_plain_words(business: BusinessHours | None, words: str) -> None:
    """Three or more consecutive days read "X to Y"; otherwise each day is named, Monday
    first; then the 24-hour times and the zone key. None reads "around the clock"."""
    assert describe(business) == words
