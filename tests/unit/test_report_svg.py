"""The report's charts: inline SVG with a text alternative, nothing when there
is nothing to draw, one point drawn as a dot, the period's first and last day
at the plot's edges, and every piece of text escaped."""

from __future__ import annotations

import re
from datetime import date
from xml.etree import ElementTree

import pytest

from mend.reports import svg
from mend.reports.svg import Box

START, END = date(2025, 12, 3), date(2026, 3, 2)
NS = "{http://www.w3.org/2000/svg}"


def parsed(text: str) -> ElementTree.Element:
    """Well-formed XML, or this fails: a browser and WeasyPrint read the same."""
    return ElementTree.fromstring(text)  # noqa: S314 - our own drawing, in a test


def line(points: list[tuple[date, float]], **kw: object) -> str:
    args: dict[str, object] = {
        "chart_id": "chart-phq9", "title": "PHQ-9", "desc": "Scores.", "points": points,
        "start": START, "end": END, "low": 0, "high": 27,
    }  # fmt: skip
    return svg.line_chart(**(args | kw))  # type: ignore[arg-type]


def test_nothing_to_draw_is_no_chart() -> None:
    assert line([]) == ""
    assert svg.balance_chart(chart_id="j", title="t", desc="d", weeks=[]) == ""
    assert svg.effects_chart(chart_id="w", title="t", desc="d", rows=[]) == ""
    labels = {1: "1", 2: "2", 3: "3"}
    assert svg.stage_chart(chart_id="s", title="t", desc="d", segments=[], start=START,
                           end=END, labels=labels) == ""  # fmt: skip


def test_a_chart_is_named_and_described_for_screen_readers() -> None:
    root = parsed(line([(START, 10), (END, 5)], desc="2 scores: 10 then 5."))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-phq9-t chart-phq9-d"
    assert root.find(f"{NS}title").text == "PHQ-9"  # type: ignore[union-attr]
    assert root.find(f"{NS}desc").text == "2 scores: 10 then 5."  # type: ignore[union-attr]


def test_one_point_is_a_dot_without_a_line() -> None:
    root = parsed(line([(date(2026, 1, 15), 12)]))
    assert root.find(f"{NS}polyline") is None
    dots = [p for p in root.iter(f"{NS}path")]
    assert len(dots) == 1 and dots[0].get("d", "").count("h0") == 1
    assert dots[0].get("stroke-linecap") == "round"


def test_the_periods_first_and_last_days_are_the_plots_edges() -> None:
    box = Box(48, 14, 624, 170)
    assert svg.x_of(START, START, END, box) == box.left
    assert svg.x_of(END, START, END, box) == box.right
    assert svg.x_of(date(2030, 1, 1), START, END, box) == box.right  # clamped, never outside
    assert svg.x_of(START, START, START, box) == box.left + box.width / 2  # a one-day period
    assert svg.y_of(27, 0, 27, box) == box.top and svg.y_of(0, 0, 27, box) == box.bottom
    assert svg.y_of(99, 0, 27, box) == box.top  # out of range: kept on the plot
    assert svg.y_of(5, 5, 5, box) == box.top + box.height / 2  # no range to speak of


def test_the_line_runs_through_every_point_in_order() -> None:
    root = parsed(line([(START, 17), (date(2026, 1, 15), 11), (END, 5)]))
    polyline = root.find(f"{NS}polyline")
    assert polyline is not None
    xs = [float(p.split(",")[0]) for p in (polyline.get("points") or "").split()]
    assert xs == sorted(xs) and len(xs) == 3 and xs[0] == 48 and xs[-1] == 624


def test_the_cut_off_is_drawn_when_it_is_on_the_scale() -> None:
    assert "cut-off 10" in line([(START, 12), (END, 6)], cutoff=10)
    assert "cut-off" not in line([(START, 12), (END, 6)], cutoff=40)


def test_text_is_escaped() -> None:
    sneaky = "<script>alert(1)</script> & “quotes”"
    drawn = svg.effects_chart(
        chart_id="works", title=sneaky, desc=sneaky,
        rows=[{"name": sneaky, "estimate": 2, "low": 1, "high": 3}],
    )  # fmt: skip
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn
    parsed(drawn)


def test_a_long_name_is_shortened_on_the_chart_only() -> None:
    name = "Walking the long way round the park with the dog"
    drawn = svg.effects_chart(
        chart_id="w", title="t", desc=f"{name}: 2 points",
        rows=[{"name": name, "estimate": 2, "low": 1, "high": 3}],
    )  # fmt: skip
    assert "Walking the long way round…" in drawn and f"{name}: 2 points" in drawn


def test_jar_balance_stacks_one_shape_per_kind() -> None:
    weeks = [
        {"week": "2025-12-01", "helpful_only": 3, "other": 1, "some_harmful": 0,
         "only_harmful": 2, "total": 6},
        {"week": "2025-12-08", "helpful_only": 5, "other": 0, "some_harmful": 1,
         "only_harmful": 0, "total": 6},
    ]  # fmt: skip
    root = parsed(svg.balance_chart(chart_id="jar", title="t", desc="d", weeks=weeks))
    fills = [p.get("fill") for p in root.iter(f"{NS}path")]
    assert fills == ["#1a7f37", "#7b8794", "#b35900", "#9b1c1c"]  # each kind drawn once
    helpful = next(root.iter(f"{NS}path")).get("d", "")
    assert helpful.count("M") == 2  # one bar per week
    assert "Week of 1 Dec 2025" in svg.balance_chart(
        chart_id="jar", title="t", desc="d", weeks=weeks
    )


def test_the_stage_timeline_steps_at_each_change() -> None:
    drawn = svg.stage_chart(
        chart_id="stages", title="Stage", desc="d",
        segments=[(START, 1), (date(2026, 2, 24), 2)], start=START, end=END,
        labels={1: "Stage 1", 2: "Stage 2", 3: "Stage 3"},
    )  # fmt: skip
    root = parsed(drawn)
    thick = [ln for ln in root.iter(f"{NS}line") if ln.get("stroke-width") == "6"]
    assert len(thick) == 2
    assert float(thick[0].get("x1") or 0) == 150 and float(thick[1].get("x2") or 0) == 624


@pytest.mark.parametrize(
    ("text", "expected"),
    [("chart-phq9", "chart-phq9"), ("Goal <1> é", "goal-1"), ("!!!", "chart")],
)
def test_ids_are_safe(text: str, expected: str) -> None:
    assert svg.safe_id(text) == expected


def test_report_charts_draw_only_what_has_data() -> None:
    report = {
        "audience": "client",
        "period": {"from": "2025-12-03", "to": "2026-03-02"},
        "measures": {"instruments": [
            {"id": "phq9", "short_name": "PHQ-9", "low": 0, "high": 27, "cutoff": 10,
             "points": [{"on": "2025-12-05", "total": 17}, {"on": "2026-02-20", "total": 5}],
             "first": {"on": "2025-12-05", "total": 17}, "last": {"on": "2026-02-20", "total": 5}},
            {"id": "brief_cope", "short_name": "Brief COPE", "low": None, "high": None,
             "cutoff": None, "points": [], "first": None, "last": None},
        ]},
        "coping": {"weeks": [], "balance": [], "what_works": []},
        "healing": {"segments": [{"from": "2025-12-03", "stage": 1}]},
        "goals_homework": {"goals": [{"title": "Walk", "check_ins": []}]},
    }  # fmt: skip
    charts = svg.report_charts(report)
    assert set(charts) == {"m-phq9", "stages"}
    assert "first 17 on 5 Dec 2025, last 5 on 20 Feb 2026" in charts["m-phq9"]
    assert "Part 1" in charts["stages"] and "Stage 1" not in charts["stages"]
    for drawn in charts.values():
        parsed(drawn)
        assert not re.search(r"\bstyle=|<script|href=", drawn)  # CSP-safe, fetches nothing
