"""Courses of treatment: the paired outcome within one therapist's time on the team."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mend.measures.service import Point, courses_from

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _point(day: int, total: int) -> Point:
    return Point(
        response_id=f"r{day}-{total}",
        at=START + day * DAY,
        total=total,
        band=None,
        flags={},
        algorithms={},
        subscales={},
        prorated=False,
    )


POINTS = {
    "phq9": [_point(0, 20), _point(14, 18), _point(28, 6)],
    "gad7": [_point(0, 15), _point(14, 14), _point(28, 4)],
}


def test_a_course_counts_only_scores_inside_the_therapists_time() -> None:
    first, second = courses_from(
        POINTS,
        [("tara", START - DAY, START + 20 * DAY), ("theo", START + 20 * DAY, None)],
    )
    assert first.paired is not None and first.paired.outcome is not None
    assert (first.paired.first_on, first.paired.last_on) == (
        START.date(),
        (START + 14 * DAY).date(),
    )
    assert first.paired.outcome.headline == "no_reliable_change"
    assert second.paired is not None and second.paired.outcome is None
    assert second.paired.reason == "one_paired_day"


def test_the_course_ends_just_before_the_therapist_left() -> None:
    [course] = courses_from(POINTS, [("tara", START, START + 28 * DAY)])
    assert course.paired is not None and course.paired.last_on == (START + 14 * DAY).date()


def test_no_scores_no_outcome() -> None:
    [course] = courses_from({}, [("tara", START, None)])
    assert course.paired is None
