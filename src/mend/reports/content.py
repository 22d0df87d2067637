"""What a progress report says, assembled from the rows the service loaded.

Pure: values in, a JSON-ready dict out (the same dict is the JSON API's answer,
the pages' and the PDF's content, and, frozen, a shared copy). Every sentence
is computed from the numbers beside it; nothing is invented. Two audiences:

- ``client``: plain words; no clinician-only findings (goodness of fit, the
  grief flag), no reasons the therapist wrote, no diagnoses or notes;
- ``clinician``: the same plus the fit and dual-process summaries and the
  therapist's recorded reasons, for the treating therapist's clinical use.

Neither version ever holds diagnoses, screening-algorithm results (a PHQ-9
"major depressive syndrome" reading is diagnosis-like), clinical or
psychotherapy notes, or processing-session notes: the report is about
progress, and a share must never carry them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any, Literal

from mend.care.goals.rules import STATUS_WORDS as GOAL_WORDS
from mend.care.goals.rules import Status as GoalStatus
from mend.care.homework.rules import KIND_WORDS
from mend.coping import analytics
from mend.coping.charts import helpful_share, recent_and_earlier
from mend.healing.stages import CLIENT_WORDS, DEFAULT_NAMES, Stage
from mend.measures import change
from mend.reports.rules import COPING, GOALS_HOMEWORK, HEALING, MEASURES, SECTIONS, Period

Audience = Literal["client", "clinician"]
FORMAT = 2  # bump when the dict's shape changes: frozen copies keep theirs
GROWTH = frozenset({"ptgi_sf", "brs"})
# The order instruments are shown in: symptoms first, then wellbeing and growth.
ORDER = ("phq9", "gad7", "pcl5", "core10", "who5", "ptgi_sf", "brs", "brief_cope")
# Up to this many days, the tables list every week and every item; a longer
# period is tabled per month (the charts still draw every point), which reads
# better and keeps a year's PDF quick to draw.
WEEKLY_UP_TO_DAYS = 120
TOP_STRATEGIES = 8
# The 'slow down' statuses of the pacing signals, in words (healing.pacing keys).
PACING_WORDS = {
    "distress_rise": "your distress was higher than usual",
    "harmful_use_rise": "you used ways that cost you something more often",
    "pcl5_deterioration": "your PCL-5 score rose",
}
CATEGORY_WORDS = {
    "recovered": "Recovered: a reliable improvement, ending below the cut-off",
    "improved": "Improved: a reliable improvement, still at or above the cut-off",
    "unchanged": "No reliable change",
    "deteriorated": "Deteriorated: a reliable change for the worse",
}
CLIENT_CATEGORY_WORDS = {
    "recovered": "A real improvement, now below the line where help is usually offered",
    "improved": "A real improvement",
    "unchanged": "About the same: the change is small enough to be measurement error",
    "deteriorated": "Harder than before: a real change worth talking about with your care team",
}
GOAL_STATUSES = frozenset(s.value for s in GoalStatus)
HEADLINE_WORDS = {
    "reliable_recovery": "reliable recovery",
    "reliable_improvement": "reliable improvement",
    "recovered": "recovery (without reliable improvement)",
    "reliable_deterioration": "reliable deterioration",
    "no_reliable_change": "no reliable change",
}


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True, kw_only=True)
class InstrumentFacts:
    """What the report needs to know about one questionnaire (from its file)."""

    id: str
    short_name: str
    name: str
    citation: str = ""
    higher_is_worse: bool | None = True
    threshold: float | None = None  # published reliable-change points
    norms: change.Norms | None = None
    cutoff: float | None = None
    low: float | None = None
    high: float | None = None
    subscales: tuple[tuple[str, str], ...] = ()  # (id, name)

    @property
    def kind(self) -> str:
        if self.id in GROWTH:
            return "growth"
        if self.higher_is_worse is None:
            return "other"
        return "symptom" if self.higher_is_worse else "wellbeing"


@dataclass(frozen=True, kw_only=True)
class Score:
    at: datetime
    total: float | None
    band: str | None = None
    subscales: Mapping[str, int | None] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class StageMove:
    at: datetime
    from_stage: int | None
    to_stage: int
    ready: bool | None = None  # readiness met when made (entering stage 2 only)
    override: bool = False
    unmet: tuple[str, ...] = ()  # titles of the indicators not met
    reason: str | None = None
    override_reason: str | None = None
    by: str | None = None


@dataclass(frozen=True, kw_only=True)
class Decision:
    at: datetime
    decision: str  # ready | not_yet
    ready: bool
    reason: str | None = None
    by: str | None = None


@dataclass(frozen=True, kw_only=True)
class Agreement:
    at: datetime
    agreed: bool


@dataclass(frozen=True, kw_only=True)
class PacingSignal:
    key: str
    title: str
    slow_down: bool


@dataclass(frozen=True, kw_only=True)
class ProcessingSession:
    at: datetime
    number: int  # 1 for the client's first processing session ever
    alert_at: datetime | None = None  # when the slow-down signal was raised
    signals: tuple[PacingSignal, ...] = ()
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class GoalRow:
    title: str
    status: str
    check_ins: tuple[tuple[datetime, int], ...] = ()  # in the period, oldest first
    target: date | None = None


@dataclass(frozen=True, kw_only=True)
class HomeworkRow:
    title: str
    kind: str
    due_at: datetime
    status: str  # assigned, completed, cancelled (as the person sees it)
    completed_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class Inputs:
    client_name: str
    period: Period
    zone: tzinfo
    audience: Audience
    sections: tuple[str, ...] = SECTIONS  # what to show
    not_shared: tuple[str, ...] = ()  # withheld: the client does not share them with the viewer
    measures: Sequence[tuple[InstrumentFacts, Sequence[Score]]] = ()
    moments: Sequence[analytics.Moment] = ()
    strategy_names: Mapping[str, str] = field(default_factory=dict)
    priors: Mapping[str, float] = field(default_factory=dict)
    grief_days: int = 14
    grief_minimum: int = 5
    goals: Sequence[GoalRow] = ()
    homework: Sequence[HomeworkRow] = ()
    stage_before: int | None = None  # the stage when the period began
    moves: Sequence[StageMove] = ()
    decisions: Sequence[Decision] = ()
    agreements: Sequence[Agreement] = ()
    sessions: Sequence[ProcessingSession] = ()
    until: datetime | None = None  # the end of the period, for the grief window
    stage_names: Mapping[Stage, str] = field(default_factory=lambda: DEFAULT_NAMES)  # org renames


# ---------------------------------------------------------------- small words


def instrument_order(instrument_id: str) -> tuple[int, str]:
    return (ORDER.index(instrument_id) if instrument_id in ORDER else len(ORDER), instrument_id)


def day_words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def iso_words(text: str | None) -> str:
    """An ISO date (or the date part of a timestamp) in words; templates use it."""
    return day_words(date.fromisoformat(text[:10])) if text else ""


def number(value: float | None) -> str:
    if value is None:
        return "—"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def pct(part: int, whole: int) -> int:
    return int(part * 100 / whole + 0.5) if whole else 0


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"number {n}")


class _Clock:
    """Local dates where the organisation is."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone

    def day(self, at: datetime) -> date:
        return at.astimezone(self.zone).date()

    def iso(self, at: datetime | None) -> str | None:
        return None if at is None else self.day(at).isoformat()

    def words(self, at: datetime) -> str:
        return day_words(self.day(at))


def by_month(period: Period) -> bool:
    return period.days > WEEKLY_UP_TO_DAYS


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_words(key: str) -> str:
    return f"{date(int(key[:4]), int(key[5:]), 1):%B %Y}"


# ---------------------------------------------------------------- measures


def _rule_change(facts: InstrumentFacts, before: float, after: float) -> dict[str, Any]:
    """First to last in the period, read by the instrument's published rule."""
    worse_up = facts.higher_is_worse is not False
    difference = round(after - before, 9)
    if facts.threshold is None and facts.norms is None:
        verb = "rose" if difference > 0 else "fell" if difference < 0 else "stayed the same"
        return {
            "difference": difference, "direction": None, "reliable": None, "category": None,
            "verb": verb, "explanation": "No reliable-change rule is published for this "
            "questionnaire, so the report shows the change without judging it.",
        }  # fmt: skip
    if facts.cutoff is not None:
        found = change.clinically_significant_change(
            before=before, after=after, threshold=facts.threshold, norms=facts.norms,
            cutoff=facts.cutoff, higher_is_worse=worse_up,
        )  # fmt: skip
        moved, category, explanation = found.change, found.category, found.explanation
    else:
        moved = change.reliable_change(
            before=before, after=after, threshold=facts.threshold, norms=facts.norms,
            higher_is_worse=worse_up,
        )  # fmt: skip
        category, explanation = None, moved.explanation
    verb = "rose" if difference > 0 else "fell" if difference < 0 else "stayed the same"
    return {
        "difference": difference, "direction": moved.direction, "reliable": moved.reliable,
        "category": category, "verb": verb, "explanation": explanation,
    }  # fmt: skip


def _domains(facts: InstrumentFacts, first: Score, last: Score) -> list[dict[str, Any]]:
    found = []
    for key, name in facts.subscales:
        a, b = first.subscales.get(key), last.subscales.get(key)
        if a is None and b is None:
            continue
        found.append({
            "id": key, "name": name, "first": a, "last": b,
            "difference": None if a is None or b is None else b - a,
        })  # fmt: skip
    return found


def _instrument(
    facts: InstrumentFacts,
    scores: Sequence[Score],
    clock: _Clock,
    audience: Audience,
    *,
    monthly: bool,
) -> dict[str, Any]:
    scored = [s for s in scores if s.total is not None]
    show_band = facts.kind != "growth"  # growth is never graded
    out: dict[str, Any] = {
        "id": facts.id, "short_name": facts.short_name, "name": facts.name,
        "kind": facts.kind, "citation": facts.citation,
        "higher_is_worse": facts.higher_is_worse, "low": facts.low, "high": facts.high,
        "cutoff": facts.cutoff, "answered": len(scores),
        "points": [
            {"on": clock.iso(s.at), "total": s.total, "band": s.band if show_band else None}
            for s in scored
        ],
        "first": None, "last": None, "change": None, "domains": [],
    }  # fmt: skip
    out["point_months"] = _point_months(out["points"]) if monthly else None
    if not scored:
        return out
    first, last = scored[0], scored[-1]
    out["first"] = {"on": clock.iso(first.at), "total": first.total}
    out["last"] = {"on": clock.iso(last.at), "total": last.total}
    if len(scored) >= 2 and first.total is not None and last.total is not None:
        moved = _rule_change(facts, first.total, last.total)
        category = moved["category"]
        words = CLIENT_CATEGORY_WORDS if audience == "client" else CATEGORY_WORDS
        moved["words"] = words[category] if category else None
        if audience == "client" and category is None and moved["direction"]:
            moved["words"] = {
                "improved": "A real improvement",
                "deteriorated": "Harder than before: a real change",
                "no_reliable_change": "About the same",
            }[moved["direction"]]
        out["change"] = moved
        out["domains"] = _domains(facts, first, last) if facts.kind == "growth" else []
    return out


def _point_months(points: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every score of a long period, tabled per month in the order answered
    (with its band, where the instrument has bands)."""
    months: dict[str, list[str]] = {}
    for p in points:
        shown = number(p["total"]) + (f" ({p['band']})" if p["band"] else "")
        months.setdefault(p["on"][:7], []).append(shown)
    return [
        {"month": key, "label": month_words(key), "scores": scores}
        for key, scores in sorted(months.items())
    ]


def _paired(
    measures: Sequence[tuple[InstrumentFacts, Sequence[Score]]], clock: _Clock
) -> tuple[dict[str, Any] | None, str | None]:
    series = {facts.id: scores for facts, scores in measures}
    phq9, gad7 = series.get("phq9"), series.get("gad7")
    if not phq9 or not gad7:
        return None, None
    course = change.paired_course(
        phq9_series=[(clock.day(s.at), int(s.total)) for s in phq9 if s.total is not None],
        gad7_series=[(clock.day(s.at), int(s.total)) for s in gad7 if s.total is not None],
    )
    if course.outcome is None:
        return None, (
            "PHQ-9 and GAD-7 were not both answered on two different days in this period, "
            "so there is no paired outcome."
        )
    o = course.outcome
    return {
        "headline": o.headline, "words": HEADLINE_WORDS[o.headline],
        "first_on": course.first_on.isoformat() if course.first_on else None,
        "last_on": course.last_on.isoformat() if course.last_on else None,
        "phq9_first": o.phq9_first, "phq9_last": o.phq9_last,
        "gad7_first": o.gad7_first, "gad7_last": o.gad7_last,
        "caseness_start": o.caseness_start, "caseness_end": o.caseness_end,
        "recovery_applies": o.note is None,
    }, None  # fmt: skip


def measures_section(i: Inputs) -> dict[str, Any]:
    clock = _Clock(i.zone)
    ordered = sorted(i.measures, key=lambda pair: instrument_order(pair[0].id))
    instruments = [
        _instrument(facts, scores, clock, i.audience, monthly=by_month(i.period))
        for facts, scores in ordered
        if scores
    ]
    paired, note = _paired(i.measures, clock)
    return {"instruments": instruments, "paired": paired, "paired_note": note}


def _from_to(m: Mapping[str, Any]) -> str:
    return f"{m['short_name']} from {number(m['first']['total'])} to {number(m['last']['total'])}"


def measures_summary(section: Mapping[str, Any], audience: Audience) -> list[str]:
    lines: list[str] = []
    changed = [m for m in section["instruments"] if m["change"] is not None]
    symptoms = [m for m in changed if m["kind"] == "symptom"]
    fell = [m for m in symptoms if m["change"]["direction"] == "improved"]
    rose = [m for m in symptoms if m["change"]["direction"] == "deteriorated"]
    same = [m for m in symptoms if m["change"]["direction"] == "no_reliable_change"]
    client = audience == "client"
    if fell:
        kinds = "a real change" if len(fell) == 1 else "real changes"
        lines.append(
            f"Your symptom scores fell: {_and([_from_to(m) for m in fell])} ({kinds})."
            if client
            else f"Symptoms fell: {_and([_from_to(m) for m in fell])} "
            f"(reliable improvement{'s' if len(fell) > 1 else ''})."
        )
    if rose:
        lines.append(
            f"Some scores rose: {_and([_from_to(m) for m in rose])}. That is a real change, "
            "and worth talking about with your care team."
            if client
            else f"Symptoms rose: {_and([_from_to(m) for m in rose])} "
            f"(reliable deterioration{'s' if len(rose) > 1 else ''})."
        )
    if same:
        lines.append(
            f"About the same: {_and([_from_to(m) for m in same])}."
            if client
            else f"No reliable change: {_and([_from_to(m) for m in same])}."
        )
    paired = section["paired"]
    if paired is not None:
        lines.append(
            f"Together, your PHQ-9 and GAD-7 show {paired['words']}."
            if client
            else f"NHS Talking Therapies paired outcome (PHQ-9 and GAD-7): {paired['words']}."
        )
    for m in changed:
        if m["kind"] not in ("growth", "wellbeing"):
            continue
        verb = m["change"]["verb"]
        label = "Growth" if m["kind"] == "growth" else "Wellbeing"
        if verb == "stayed the same":
            lines.append(
                f"{label} stayed the same: {m['short_name']} {number(m['last']['total'])}."
            )
        elif verb == "rose":
            lines.append(f"{label} rose: {_from_to(m)}.")
        else:
            lines.append(
                f"{label} dipped: {_from_to(m)}. Healing is not a straight line; "
                "hard stretches are part of it."
            )
    return lines


# ---------------------------------------------------------------- coping


def _week(w: analytics.WeekBalance) -> dict[str, Any]:
    return {
        "week": w.week_start.isoformat(), "helpful_only": w.helpful_only, "other": w.other,
        "some_harmful": w.some_harmful, "only_harmful": w.only_harmful, "total": w.total,
        "helpful_pct": pct(w.helpful_only, w.total),
    }  # fmt: skip


def _balance_rows(
    moments: Sequence[analytics.Moment], weeks: Sequence[analytics.WeekBalance], i: Inputs
) -> list[dict[str, Any]]:
    """The jar-balance table and chart: per week, or per month for a long period."""
    if not by_month(i.period):
        return [_week(w) | {"label": f"Week of {day_words(w.week_start)}"} for w in weeks]
    clock = _Clock(i.zone)
    months: dict[str, list[analytics.Moment]] = {}
    for m in moments:
        months.setdefault(month_key(clock.day(m.at)), []).append(m)
    rows = []
    for key in sorted(months):
        counted = analytics.jar_balance_by_week(months[key])
        totals = {
            k: sum(getattr(w, k) for w in counted)
            for k in ("helpful_only", "other", "some_harmful", "only_harmful")
        }
        total = sum(totals.values())
        if total:
            rows.append({
                "week": f"{key}-01", "label": month_words(key), **totals, "total": total,
                "helpful_pct": pct(totals["helpful_only"], total),
            })  # fmt: skip
    return rows


def _share_words(weeks: Sequence[analytics.WeekBalance], audience: Audience) -> str:
    if not weeks:
        return "No coping moments with the ways of coping used were logged in this period."
    recent, earlier = recent_and_earlier(weeks)
    helpful, total = helpful_share(recent)
    n = len(recent)
    span = "week" if n == 1 else f"{n} weeks"
    you = "you used only ways that help" if audience == "client" else "only helpful ways were used"
    share = f"{helpful} of {total} moments ({pct(helpful, total)} %)"
    text = f"In the last {span} with moments, {you} in {share}."
    if earlier:
        was, was_total = helpful_share(earlier)
        m = len(earlier)
        text += (
            f" In the first {'week' if m == 1 else f'{m} weeks'} of the period it was "
            f"{was} of {was_total} ({pct(was, was_total)} %)."
        )
    return text


def _helpfulness(moments: Sequence[analytics.Moment]) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in moments:
        for sid, helpful, _ in m.strategies:
            found[sid] = helpful  # the newest use says what it was most recently
    return found


def coping_section(i: Inputs) -> dict[str, Any]:
    moments = list(i.moments)
    weeks = analytics.jar_balance_by_week(moments)
    kinds = _helpfulness(moments)
    effects = analytics.what_works(moments, priors=i.priors)
    works = [
        {
            "name": i.strategy_names.get(e.strategy_id, "A strategy"),
            "uses": e.uses,
            "mean_drop": round(e.mean_drop, 2),
            "estimate": round(e.estimate, 2),
            "low": round(e.low, 2),
            "high": round(e.high, 2),
            "helpfulness": kinds.get(e.strategy_id, "helpful"),
        }
        for e in effects
    ][:TOP_STRATEGIES]
    out: dict[str, Any] = {
        "moments": len(moments),
        "weeks": [_week(w) for w in weeks],
        "balance_by": "month" if by_month(i.period) else "week",
        "balance": _balance_rows(moments, weeks, i),
        "balance_words": _share_words(weeks, i.audience),
        "what_works": works,
        "works_words": _works_words(works, i.audience),
    }
    if i.audience == "clinician":
        fit = analytics.goodness_of_fit(moments)
        out["fit"] = {
            "judged": fit.judged, "fits": fit.fits,
            "rate_pct": None if fit.rate is None else pct(fit.fits, fit.judged),
            "mismatches": len(fit.mismatches),
            "words": "No moment in this period says how controllable the stressor was, so fit "
            "cannot be judged." if fit.rate is None else
            f"In {fit.fits} of {fit.judged} moments ({pct(fit.fits, fit.judged)} %) the way of "
            "coping suited how controllable the stressor was (transactional model); "
            f"{_plural(len(fit.mismatches), 'mismatch', 'mismatches')}.",
        }  # fmt: skip
        until = i.until or (moments[-1].at if moments else None)
        grief = (
            analytics.dual_process_flag(
                moments, now=until, days=i.grief_days, minimum=i.grief_minimum
            )
            if until is not None
            else None
        )
        weeks_g = analytics.grief_by_week(moments)
        loss = sum(w[1] for w in weeks_g)
        restoration = sum(w[2] for w in weeks_g)
        out["dual_process"] = {
            "loss": loss, "restoration": restoration,
            "flag": bool(grief and grief.flag), "reason": grief.reason if grief else None,
            "weeks": [{"week": w, "loss": a, "restoration": b} for w, a, b in weeks_g],
            "words": "No loss-related moments in this period." if not weeks_g else
            f"Loss-related moments: {loss} loss-oriented and {restoration} "
            "restoration-oriented (dual-process model).",
        }  # fmt: skip
    return out


def _works_words(works: Sequence[Mapping[str, Any]], audience: Audience) -> str | None:
    best = next((w for w in works if w["helpfulness"] == "helpful" and w["uses"] >= 3), None)
    if best is None:
        return None
    drop = number(round(best["mean_drop"], 1))
    if audience == "client":
        return (
            f"What helped you most: {best['name']} (your distress fell by {drop} points on "
            f"average, over {_plural(best['uses'], 'use')})."
        )
    return (
        f"Most effective helpful strategy: {best['name']} (mean distress drop {drop} over "
        f"{_plural(best['uses'], 'use')}; estimate {number(best['estimate'])}, 90 % interval "
        f"{number(best['low'])} to {number(best['high'])})."
    )


def coping_summary(section: Mapping[str, Any], audience: Audience) -> list[str]:
    if not section["weeks"]:
        return []
    lines = [section["balance_words"]]
    if section["works_words"]:
        lines.append(section["works_words"])
    return lines


# ---------------------------------------------------------------- goals and homework


def work_section(i: Inputs) -> dict[str, Any]:
    clock = _Clock(i.zone)
    goals = []
    for g in i.goals:
        status = GoalStatus(g.status) if g.status in GOAL_STATUSES else None
        progress = [p for _, p in g.check_ins]
        goals.append({
            "title": g.title, "status": g.status,
            "status_words": GOAL_WORDS[status] if status else g.status,
            "target_on": g.target.isoformat() if g.target else None,
            "check_ins": [{"on": clock.iso(at), "progress": p} for at, p in g.check_ins],
            "first_progress": progress[0] if progress else None,
            "last_progress": progress[-1] if progress else None,
            "months": _check_in_months(g.check_ins, clock) if by_month(i.period) else None,
        })  # fmt: skip
    homework = []
    for h in sorted(i.homework, key=lambda h: h.due_at):
        if h.status == "cancelled":
            continue  # set aside by the care team: not the client's to have done
        done = h.status == "completed"
        due_passed = i.until is not None and h.due_at < i.until
        state = "done" if done else "not_done" if due_passed else "open"
        homework.append({
            "title": h.title, "kind": h.kind, "kind_words": KIND_WORDS.get(h.kind, h.kind),
            "due_on": clock.iso(h.due_at), "state": state,
            "state_words": {"done": "Done", "not_done": "Not done", "open": "Not due yet"}[state],
            "done_on": clock.iso(h.completed_at) if done else None,
        })  # fmt: skip
    return {
        "goals": goals,
        "homework": homework,
        "homework_months": _homework_months(homework) if by_month(i.period) else None,
    }


def _check_in_months(
    check_ins: Sequence[tuple[datetime, int]], clock: _Clock
) -> list[dict[str, Any]]:
    months: dict[str, list[int]] = {}
    for at, progress in check_ins:
        months.setdefault(month_key(clock.day(at)), []).append(progress)
    return [
        {"month": key, "label": month_words(key), "values": values,
         "average": round(sum(values) / len(values), 1)}
        for key, values in sorted(months.items())
    ]  # fmt: skip


def _homework_months(homework: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    months: dict[str, list[Mapping[str, Any]]] = {}
    for h in homework:
        months.setdefault(h["due_on"][:7], []).append(h)
    return [
        {
            "month": key, "label": month_words(key), "due": len(items),
            "done": sum(1 for h in items if h["state"] == "done"),
            "not_done": [h["title"] for h in items if h["state"] == "not_done"],
            "open": sum(1 for h in items if h["state"] == "open"),
        }
        for key, items in sorted(months.items())
    ]  # fmt: skip


def work_summary(section: Mapping[str, Any], audience: Audience) -> list[str]:
    lines = []
    goals = section["goals"]
    if goals:
        counts: dict[str, int] = {}
        for g in goals:
            counts[g["status_words"].lower()] = counts.get(g["status_words"].lower(), 0) + 1
        parts = [f"{n} {words}" for words, n in counts.items()]
        check_ins = sum(len(g["check_ins"]) for g in goals)
        you = "You checked in" if audience == "client" else "Check-ins"
        lines.append(
            f"Goals: {_and(parts)}. {you}: {check_ins}."
            if audience == "clinician"
            else f"Your goals: {_and(parts)}. {you} {_plural(check_ins, 'time')}."
        )
    due = [h for h in section["homework"] if h["state"] != "open"]
    if due:
        done = sum(1 for h in due if h["state"] == "done")
        lines.append(
            f"You did {done} of {len(due)} pieces of homework due in this period."
            if audience == "client"
            else f"Homework: {done} of {len(due)} due in the period done."
        )
    return lines


# ---------------------------------------------------------------- healing journey


def _stage(number_: int | None, names: Mapping[Stage, str]) -> dict[str, Any] | None:
    if number_ not in (1, 2, 3):
        return None
    stage = Stage(number_)
    return {
        "number": int(stage), "name": names[stage],
        "client_title": CLIENT_WORDS[stage].title,
    }  # fmt: skip


def _move_words(move: StageMove, when: str, audience: Audience, names: Mapping[Stage, str]) -> str:
    to = Stage(move.to_stage)
    if audience == "client":
        title = CLIENT_WORDS[to].title
        if move.from_stage is None:
            return f"Your journey began with “{title}” (part {int(to)}) on {when}."
        ready = ", once you were ready" if move.ready and not move.override else ""
        back = " back" if move.from_stage > move.to_stage else ""
        was = CLIENT_WORDS[Stage(move.from_stage)].title
        return f"You moved{back} from “{was}” to “{title}” (part {int(to)}) on {when}{ready}."
    name = f"stage {int(to)} ({names[to].lower()})"
    if move.from_stage is None:
        return f"Started in {name} on {when}."
    back = " back" if move.from_stage > move.to_stage else ""
    text = f"Moved{back} from stage {move.from_stage} to {name} on {when}"
    if move.override:
        unmet = f" (not met: {_and(list(move.unmet))})" if move.unmet else ""
        return text + f", with an override: readiness was not fully met{unmet}."
    if move.ready:
        return text + " once readiness was met."
    return text + "."


def _pacing_words(s: ProcessingSession, clock: _Clock, audience: Audience) -> str:
    assert s.alert_at is not None
    fired = [p for p in s.signals if p.slow_down]
    session = f"the {_ordinal(s.number)} processing session ({clock.words(s.at)})"
    if audience == "client":
        why = _and([PACING_WORDS.get(p.key, p.title.lower()) for p in fired]) or "things got harder"
        return (
            f"After your {_ordinal(s.number)} processing session on {clock.words(s.at)}, "
            f"{why}, so Mend let your therapist know, to slow down together."
        )
    signals = _and([p.title.lower() for p in fired]) or "a pacing signal"
    text = (
        f"A pacing alert on {clock.words(s.alert_at)} after {session} said to slow down ({signals})"
    )
    if s.resolved_at is not None:
        text += f"; resolved on {clock.words(s.resolved_at)}"
    elif s.acknowledged_at is not None:
        text += f"; acknowledged on {clock.words(s.acknowledged_at)}"
    return text + "."


def _segments(i: Inputs, clock: _Clock) -> list[dict[str, Any]]:
    """The stage over the period, for the timeline: from each date, which stage."""
    found = []
    if i.stage_before is not None:
        found.append({"from": i.period.start.isoformat(), "stage": i.stage_before})
    for move in i.moves:
        found.append({"from": clock.iso(move.at), "stage": move.to_stage})
    return found


def healing_section(i: Inputs) -> dict[str, Any]:
    clock = _Clock(i.zone)
    clinician = i.audience == "clinician"
    moves = []
    for m in i.moves:
        row: dict[str, Any] = {
            "on": clock.iso(m.at), "from": m.from_stage, "to": m.to_stage,
            "stage": _stage(m.to_stage, i.stage_names), "ready": m.ready,
            "words": _move_words(m, clock.words(m.at), i.audience, i.stage_names),
        }  # fmt: skip
        if clinician:
            row |= {
                "override": m.override, "unmet": list(m.unmet), "reason": m.reason,
                "override_reason": m.override_reason, "by": m.by,
            }  # fmt: skip
        moves.append(row)
    decisions = []
    for d in i.decisions:
        words = (
            ("Your therapist recorded that you were ready for stage 2."
             if d.decision == "ready" else
             "Your therapist recorded: not yet time for trauma-focused work.")
            if not clinician else
            ("Decision: ready for stage 2" if d.decision == "ready" else "Decision: not yet")
            + (" (all six indicators met)." if d.ready else " (not all indicators met).")
        )  # fmt: skip
        row = {"on": clock.iso(d.at), "decision": d.decision, "words": words}
        if clinician:
            row |= {"ready": d.ready, "reason": d.reason, "by": d.by}
        decisions.append(row)
    last_stage = i.moves[-1].to_stage if i.moves else i.stage_before
    sessions = [
        {"on": clock.iso(s.at), "number": s.number, "slow_down": s.alert_at is not None}
        for s in i.sessions
    ]
    pacing = [
        {
            "on": clock.iso(s.alert_at), "session_on": clock.iso(s.at), "session_number": s.number,
            "signals": [p.title for p in s.signals if p.slow_down],
            "words": _pacing_words(s, clock, i.audience),
        } | ({"acknowledged_on": clock.iso(s.acknowledged_at),
              "resolved_on": clock.iso(s.resolved_at)} if clinician else {})
        for s in i.sessions
        if s.alert_at is not None
    ]  # fmt: skip
    return {
        "stage_at_start": _stage(i.stage_before, i.stage_names),
        "stage_at_end": _stage(last_stage, i.stage_names),
        "moves": moves,
        "decisions": decisions,
        "agreements": [
            {
                "on": clock.iso(a.at),
                "agreed": a.agreed,
                "words": ("You said" if not clinician else "Said")
                + (
                    " yes to trauma-focused work."
                    if a.agreed
                    else " not yet to trauma-focused work."
                ),
            }
            for a in i.agreements
        ],
        "sessions": sessions,
        "pacing": pacing,
        "segments": _segments(i, clock),
    }


def healing_summary(section: Mapping[str, Any], audience: Audience) -> list[str]:
    lines = [m["words"] for m in section["moves"]]
    lines += [p["words"] for p in section["pacing"]]
    if not section["moves"] and section["stage_at_end"] is not None:
        stage = section["stage_at_end"]
        lines.append(
            f"All through this period you were in “{stage['client_title']}” "
            f"(part {stage['number']})."
            if audience == "client"
            else f"Stage {stage['number']} ({stage['name'].lower()}) all through the period."
        )
    return lines


# ---------------------------------------------------------------- the report


def build(i: Inputs) -> dict[str, Any]:
    """The whole report for one client, period and audience."""
    shown = tuple(s for s in SECTIONS if s in i.sections and s not in i.not_shared)
    measures = measures_section(i) if MEASURES in shown else None
    coping = coping_section(i) if COPING in shown else None
    work = work_section(i) if GOALS_HOMEWORK in shown else None
    healing = healing_section(i) if HEALING in shown else None
    summary: list[str] = []
    if measures is not None:
        summary += measures_summary(measures, i.audience)
    if healing is not None:
        summary += healing_summary(healing, i.audience)
    if coping is not None:
        summary += coping_summary(coping, i.audience)
    if work is not None:
        summary += work_summary(work, i.audience)
    if not summary:
        summary = ["Nothing was recorded in this period."]
    return {
        "format": FORMAT,
        "audience": i.audience,
        "client_name": i.client_name,
        "period": {
            "from": i.period.start.isoformat(), "to": i.period.end.isoformat(),
            "days": i.period.days,
            "words": f"{day_words(i.period.start)} to {day_words(i.period.end)}",
        },
        "sections": list(shown),
        "not_shared": [s for s in SECTIONS if s in i.not_shared and s in i.sections],
        "summary": summary,
        MEASURES: measures,
        COPING: coping,
        GOALS_HOMEWORK: work,
        HEALING: healing,
    }  # fmt: skip


# Keys that say when or for whom a copy was made, not what it says.
UNSIGNED = ("generated_at", "release")


def fingerprint(report: Mapping[str, Any]) -> str:
    """What the report says, as a short hash: a client's yes is to this exact
    content. When and for whom it was drawn up are left out."""
    body = {k: v for k, v in report.items() if k not in UNSIGNED}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
