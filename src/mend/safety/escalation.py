"""When an alert must be answered by (clinical-model §5).

Pure. The response window counts only the organisation's business hours when
it keeps them: an alert opened on Friday evening with a 4-hour window is due
on Monday at 13:00, and the client is told plainly that Mend is not watched
around the clock. An organisation that answers around the clock counts every
minute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
# A window of at most a week in a calendar open one hour a week ends within
# about three and a half years.
SEARCH_DAYS = 366 * 4
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class BusinessHours:
    days: frozenset[int]  # ISO weekdays, Monday = 1
    start: time
    end: time
    zone: ZoneInfo

    def opening(self, day: date) -> tuple[datetime, datetime] | None:
        """The open hours of a local date, in UTC, or None when closed. In UTC,
        because a clock change inside open hours makes that day longer or
        shorter, and the window counts real time."""
        if day.isoweekday() not in self.days:
            return None
        start = datetime.combine(day, self.start, tzinfo=self.zone)
        end = datetime.combine(day, self.end, tzinfo=self.zone)
        return start.astimezone(UTC), end.astimezone(UTC)


def parse_hours(*, days: str, start: str, end: str, zone: str) -> BusinessHours:
    """Business hours from the organisation's settings; ValueError names the field."""
    if not days or any(d not in "1234567" for d in days) or len(set(days)) != len(days):
        raise ValueError("business_days: use the digits 1 (Monday) to 7 (Sunday), once each")
    opens, closes = _clock(start, "business_start"), _clock(end, "business_end")
    if closes <= opens:
        raise ValueError("business_end: must be later than the start of the day")
    # Only named zones: "localtime" would mean whatever the server is set to.
    if zone not in available_timezones():
        raise ValueError(f"timezone: {zone!r} is not a known time zone")
    tz = ZoneInfo(zone)
    return BusinessHours(frozenset(int(d) for d in days), opens, closes, tz)


def _clock(value: str, field: str) -> time:
    if not CLOCK.fullmatch(value):
        raise ValueError(f"{field}: use 24-hour time like 09:00")
    return time(int(value[:2]), int(value[3:]))


def respond_by(opened_at: datetime, window: timedelta, hours: BusinessHours | None) -> datetime:
    """The moment the window runs out, counting only business hours if kept."""
    if hours is None:
        return opened_at + window
    left = window
    cursor = opened_at.astimezone(UTC)
    day = cursor.astimezone(hours.zone).date()
    for _ in range(SEARCH_DAYS):
        span = hours.opening(day)
        if span is not None and cursor < span[1]:
            start = max(cursor, span[0])
            if start + left <= span[1]:
                return start + left
            left -= span[1] - start
        day += timedelta(days=1)
        cursor = max(cursor, datetime.combine(day, time(0), tzinfo=hours.zone).astimezone(UTC))
    raise ValueError("business_days: no open hours found")


def describe(hours: BusinessHours | None) -> str:
    """The hours in plain words, as the client and admin read them."""
    if hours is None:
        return "around the clock"
    days = sorted(hours.days)
    if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        named = f"{DAY_NAMES[days[0] - 1]} to {DAY_NAMES[days[-1] - 1]}"
    else:
        named = ", ".join(DAY_NAMES[d - 1] for d in days)
    return f"{named}, {hours.start:%H:%M}–{hours.end:%H:%M} ({hours.zone.key})"
