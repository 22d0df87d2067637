"""Charts for the progress report, drawn on the server as inline SVG.

Pure: numbers in, SVG text out; no script, no fonts or images from anywhere.
The printable page and the PDF show the same drawings, and every chart carries
its own text alternative (``<title>`` and ``<desc>``, named by ``aria-labelledby``)
beside a table of its numbers in the report. Colours are presentation
attributes, not ``style``: the pages' content security policy forbids inline
styles. Every piece of text is escaped: strategy names and goal titles are the
client's own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

WIDTH = 640
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
INK, MUTED, GRID = "#1f2933", "#52606d", "#d9dee3"
LINE = "#1f5f99"
CUTOFF = "#9b1c1c"
# Jar balance: helpful only, other (a 'sometimes' way), some harmful, only harmful.
BALANCE = (
    ("helpful_only", "Only ways that help", "#1a7f37"),
    ("other", "Ways that help sometimes", "#7b8794"),
    ("some_harmful", "Some ways that cost something", "#b35900"),
    ("only_harmful", "Only ways that cost something", "#9b1c1c"),
)
NAME_CHARS = 28


@dataclass(frozen=True)
class Box:
    """The plotting area inside the drawing."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _n(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def safe_id(text: str) -> str:
    """An id usable in HTML and SVG from any text."""
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "chart"


def short_day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _label(text: str, limit: int = NAME_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def frame(*, chart_id: str, title: str, desc: str, body: str, height: int) -> str:
    """An accessible SVG: named by its title, described by its desc."""
    cid = safe_id(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{cid}-t {cid}-d" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="11" fill="{INK}">'
        f'<title id="{cid}-t">{_e(title)}</title><desc id="{cid}-d">{_e(desc)}</desc>'
        f"{body}</svg>"
    )


def x_of(day: date, start: date, end: date, box: Box) -> float:
    """Where a day falls across the period; the period's first and last days
    are the plot's edges, a one-day period is its middle."""
    span = (end - start).days
    if span <= 0:
        return box.left + box.width / 2
    share = min(max((day - start).days / span, 0.0), 1.0)
    return box.left + share * box.width


def y_of(value: float, low: float, high: float, box: Box) -> float:
    if high <= low:
        return box.top + box.height / 2
    share = (min(max(value, low), high) - low) / (high - low)
    return box.bottom - share * box.height


def _dots(xy: Sequence[tuple[float, float]], colour: str, r: float = 3.5) -> str:
    """A dot at each point, as one path of zero-length strokes with round caps:
    SVG and PDF both paint such a stroke as a filled circle, and WeasyPrint
    draws it far faster than arcs (a year of points cost a fifth of a PDF)."""
    d = "".join(f"M{_n(x)} {_n(y)}h0" for x, y in xy)
    return (
        f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{_n(2 * r)}" '
        'stroke-linecap="round"/>'
    )


def _y_axis(low: float, high: float, box: Box) -> str:
    ticks = sorted({low, (low + high) / 2, high}) if high > low else [low]
    parts = []
    for t in ticks:
        y = y_of(t, low, high, box)
        parts.append(
            f'<line x1="{_n(box.left)}" y1="{_n(y)}" x2="{_n(box.right)}" y2="{_n(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{_n(box.left - 6)}" y="{_n(y + 4)}" text-anchor="end" fill="{MUTED}">'
            f"{_e(_n(t))}</text>"
        )
    return "".join(parts)


def _x_labels(start: date, end: date, box: Box, height: int) -> str:
    days = [start] if start == end else [start, end]
    parts = []
    for i, day in enumerate(days):
        anchor = "middle" if start == end else ("start" if i == 0 else "end")
        x = x_of(day, start, end, box)
        parts.append(
            f'<text x="{_n(x)}" y="{height - 8}" text-anchor="{anchor}" fill="{MUTED}">'
            f"{_e(short_day(day))}</text>"
        )
    return "".join(parts)


def line_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    points: Sequence[tuple[date, float]],
    start: date,
    end: date,
    low: float,
    high: float,
    cutoff: float | None = None,
    cutoff_label: str = "cut-off",
    height: int = 200,
) -> str:
    """Scores over the period: a line through the points, a dot on each, the
    cut-off dashed. Empty text when there is nothing to draw."""
    if not points:
        return ""
    box = Box(48, 14, WIDTH - 16, height - 30)
    body = [_y_axis(low, high, box)]
    if cutoff is not None and low <= cutoff <= high:
        y = y_of(cutoff, low, high, box)
        body.append(
            f'<line x1="{_n(box.left)}" y1="{_n(y)}" x2="{_n(box.right)}" y2="{_n(y)}" '
            f'stroke="{CUTOFF}" stroke-width="1.5" stroke-dasharray="6 4"/>'
            f'<text x="{_n(box.right)}" y="{_n(y - 4)}" text-anchor="end" fill="{CUTOFF}">'
            f"{_e(cutoff_label)} {_e(_n(cutoff))}</text>"
        )
    xy = [(x_of(d, start, end, box), y_of(v, low, high, box)) for d, v in points]
    if len(xy) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in xy)
        body.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    body.append(_dots(xy, LINE))
    body.append(_x_labels(start, end, box, height))
    return frame(chart_id=chart_id, title=title, desc=desc, body="".join(body), height=height)


def balance_chart(
    *, chart_id: str, title: str, desc: str, weeks: Sequence[Mapping[str, Any]], height: int = 240
) -> str:
    """Jar balance per week: stacked bars of moments, helpful-only at the bottom."""
    if not weeks:
        return ""
    box = Box(48, 52, WIDTH - 16, height - 30)
    top = max(1, max(int(w["total"]) for w in weeks))
    body = [_y_axis(0, top, box)]
    for i, (_, words, colour) in enumerate(BALANCE):  # the legend, two by two
        x, y = box.left + (i % 2) * (box.width / 2), 6 + (i // 2) * 18
        body.append(
            f'<rect x="{_n(x)}" y="{y}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{_n(x + 14)}" y="{y + 9}">{_e(words)}</text>'
        )
    slot = box.width / len(weeks)
    bar = max(slot * 0.7, 1.0)
    # One path per kind, not one rectangle per bar: a year is 200 shapes
    # otherwise, and each costs the PDF renderer time.
    shapes: dict[str, list[str]] = {key: [] for key, _, _ in BALANCE}
    for i, week in enumerate(weeks):
        x = box.left + i * slot + (slot - bar) / 2
        base = 0
        for key, _, _ in BALANCE:
            count = int(week[key])
            if count:
                y_top = y_of(base + count, 0, top, box)
                y_low = y_of(base, 0, top, box)
                shapes[key].append(f"M{_n(x)} {_n(y_low)}V{_n(y_top)}H{_n(x + bar)}V{_n(y_low)}Z")
                base += count
    body += [
        f'<path d="{"".join(shapes[key])}" fill="{colour}"/>'
        for key, _, colour in BALANCE
        if shapes[key]
    ]
    body.append(
        f'<text x="{_n(box.left)}" y="{height - 8}" fill="{MUTED}">'
        f"{_e(_row_label(weeks[0]))}</text>"
    )
    if len(weeks) > 1:
        body.append(
            f'<text x="{_n(box.right)}" y="{height - 8}" text-anchor="end" fill="{MUTED}">'
            f"{_e(_row_label(weeks[-1]))}</text>"
        )
    return frame(chart_id=chart_id, title=title, desc=desc, body="".join(body), height=height)


def _row_label(row: Mapping[str, Any]) -> str:
    """A bar's label: given ("March 2026"), else the week it starts."""
    label = row.get("label")
    return str(label) if label else f"Week of {short_day(date.fromisoformat(row['week']))}"


def effects_chart(
    *, chart_id: str, title: str, desc: str, rows: Sequence[Mapping[str, Any]]
) -> str:
    """What works: per strategy, the estimated drop in distress as a bar, its
    90 % interval as a whisker."""
    if not rows:
        return ""
    row_h, head = 26, 10
    height = head + row_h * len(rows) + 28
    box = Box(200, head, WIDTH - 24, head + row_h * len(rows))
    low = min(0.0, *(float(r["low"]) for r in rows))
    high = max(1.0, *(float(r["high"]) for r in rows))

    def x(v: float) -> float:
        return box.left + (v - low) / (high - low) * box.width

    body = [
        f'<line x1="{_n(x(0))}" y1="{_n(box.top)}" x2="{_n(x(0))}" y2="{_n(box.bottom)}" '
        f'stroke="{MUTED}" stroke-width="1"/>'
    ]
    for i, r in enumerate(rows):
        y = box.top + i * row_h
        est, lo, hi = float(r["estimate"]), float(r["low"]), float(r["high"])
        left, right = sorted((x(0), x(est)))
        mid = y + row_h / 2
        body.append(
            f'<text x="{_n(box.left - 8)}" y="{_n(mid + 4)}" text-anchor="end">'
            f"{_e(_label(str(r['name'])))}</text>"
            f'<rect x="{_n(left)}" y="{_n(y + 6)}" width="{_n(max(right - left, 1))}" '
            f'height="{row_h - 12}" fill="{LINE}"/>'
            f'<line x1="{_n(x(lo))}" y1="{_n(mid)}" x2="{_n(x(hi))}" y2="{_n(mid)}" '
            f'stroke="{INK}" stroke-width="1.5"/>'
        )
    body.append(
        f'<text x="{_n(x(low))}" y="{height - 8}" fill="{MUTED}">{_e(_n(low))}</text>'
        f'<text x="{_n(x(high))}" y="{height - 8}" text-anchor="end" fill="{MUTED}">'
        f"{_e(_n(high))} points</text>"
    )
    return frame(chart_id=chart_id, title=title, desc=desc, body="".join(body), height=height)


def stage_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    segments: Sequence[tuple[date, int]],
    start: date,
    end: date,
    labels: Mapping[int, str],
    height: int = 150,
) -> str:
    """The stage over the period as steps: each segment runs from its date to
    the next segment's (the last to the period's end)."""
    if not segments:
        return ""
    box = Box(150, 12, WIDTH - 16, height - 30)
    body = []
    for stage in (1, 2, 3):
        y = y_of(stage, 1, 3, box)
        body.append(
            f'<line x1="{_n(box.left)}" y1="{_n(y)}" x2="{_n(box.right)}" y2="{_n(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{_n(box.left - 8)}" y="{_n(y + 4)}" text-anchor="end" fill="{MUTED}">'
            f"{_e(_label(labels.get(stage, str(stage)), 24))}</text>"
        )
    ordered = sorted(segments)
    for i, (since, stage) in enumerate(ordered):
        upto = ordered[i + 1][0] if i + 1 < len(ordered) else end
        x1, x2 = x_of(max(since, start), start, end, box), x_of(min(upto, end), start, end, box)
        y = y_of(stage, 1, 3, box)
        body.append(
            f'<line x1="{_n(x1)}" y1="{_n(y)}" x2="{_n(max(x2, x1 + 2))}" y2="{_n(y)}" '
            f'stroke="{LINE}" stroke-width="6"/>'
        )
        if i > 0:
            before = y_of(ordered[i - 1][1], 1, 3, box)
            body.append(
                f'<line x1="{_n(x1)}" y1="{_n(before)}" x2="{_n(x1)}" y2="{_n(y)}" '
                f'stroke="{LINE}" stroke-width="2"/>'
            )
    body.append(_x_labels(start, end, box, height))
    return frame(chart_id=chart_id, title=title, desc=desc, body="".join(body), height=height)


# ---------------------------------------------------------------- the report's charts


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _instrument_chart(m: Mapping[str, Any], start: date, end: date) -> str:
    points = [(_d(p["on"]), float(p["total"])) for p in m["points"]]
    if not points:
        return ""
    values = [v for _, v in points]
    low = float(m["low"]) if m["low"] is not None else min(0.0, *values)
    high = float(m["high"]) if m["high"] is not None else max(values)
    first, last = m["first"], m["last"]
    desc = (
        f"{len(points)} score{'s' if len(points) != 1 else ''} between {short_day(start)} and "
        f"{short_day(end)}: first {_n(first['total'])} on {short_day(_d(first['on']))}, "
        f"last {_n(last['total'])} on {short_day(_d(last['on']))}; scale {_n(low)} to {_n(high)}"
        + (f"; cut-off {_n(m['cutoff'])}." if m["cutoff"] is not None else ".")
    )
    return line_chart(
        chart_id=f"chart-{m['id']}", title=f"{m['short_name']} over the period", desc=desc,
        points=points, start=start, end=end, low=low, high=high, cutoff=m["cutoff"],
    )  # fmt: skip


def _balance(coping: Mapping[str, Any]) -> str:
    rows = coping.get("balance") or coping["weeks"]
    if not rows:
        return ""
    by = coping.get("balance_by", "week")
    parts = [f"{_row_label(r)}: {r['helpful_pct']} %" for r in rows]
    desc = f"Share of moments that used only ways that help, per {by}: " + "; ".join(parts) + "."
    return balance_chart(chart_id="chart-jar", title=f"Jar balance per {by}", desc=desc, weeks=rows)


def _works(coping: Mapping[str, Any]) -> str:
    rows = coping["what_works"]
    if not rows:
        return ""
    parts = [f"{r['name']}: {_n(float(r['estimate']))} points over {r['uses']} uses" for r in rows]
    desc = "Estimated drop in distress per strategy: " + "; ".join(parts) + "."
    return effects_chart(chart_id="chart-works", title="What works", desc=desc, rows=rows)


def _stages(healing: Mapping[str, Any], start: date, end: date, client: bool) -> str:
    segments = [(_d(s["from"]), int(s["stage"])) for s in healing["segments"]]
    if not segments:
        return ""
    labels = (
        {1: "Part 1", 2: "Part 2", 3: "Part 3"}
        if client
        else {1: "Stage 1", 2: "Stage 2", 3: "Stage 3"}
    )
    word = "Part" if client else "Stage"
    parts = [f"{word.lower()} {stage} from {short_day(since)}" for since, stage in segments]
    desc = f"{word} over the period: " + "; ".join(parts) + "."
    return stage_chart(
        chart_id="chart-stages", title=f"{word} over the period", desc=desc,
        segments=segments, start=start, end=end, labels=labels,
    )  # fmt: skip


def _goal(n: int, goal: Mapping[str, Any], start: date, end: date) -> str:
    points = [(_d(c["on"]), float(c["progress"])) for c in goal["check_ins"]]
    if not points:
        return ""
    desc = (
        f"{len(points)} check-in{'s' if len(points) != 1 else ''} on a 0 to 10 scale: "
        + "; ".join(f"{short_day(d)}: {_n(v)}" for d, v in points[-12:])
        + "."
    )
    return line_chart(
        chart_id=f"chart-goal-{n}", title=f"Progress on “{goal['title']}”", desc=desc,
        points=points, start=start, end=end, low=0, high=10, height=140,
    )  # fmt: skip


def report_charts(report: Mapping[str, Any]) -> dict[str, str]:
    """Every chart of a report (live or frozen), by the id the template asks for."""
    start, end = _d(report["period"]["from"]), _d(report["period"]["to"])
    charts: dict[str, str] = {}
    if report.get("measures"):
        for m in report["measures"]["instruments"]:
            charts[f"m-{m['id']}"] = _instrument_chart(m, start, end)
    if report.get("coping"):
        charts["jar"] = _balance(report["coping"])
        charts["works"] = _works(report["coping"])
    if report.get("healing"):
        charts["stages"] = _stages(
            report["healing"], start, end, client=report["audience"] == "client"
        )
    if report.get("goals_homework"):
        for n, goal in enumerate(report["goals_homework"]["goals"]):
            charts[f"goal-{n}"] = _goal(n, goal, start, end)
    return {k: v for k, v in charts.items() if v}
