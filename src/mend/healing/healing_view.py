"""The healing view: one client's stage, symptoms beside growth, jar balance,
goals and, for the therapist, the insights, loaded from the client's real data
as this viewer may see it.

- Each section reads one shared category: measures (MEASURES), the jar
  (COPING), goals (GOALS_HOMEWORK). A therapist the client does not share a
  category with gets that section as "not shared", never its numbers; the
  client sees all of their own. The insights read COPING too, and are for the
  treating therapist only.
- The rules are in the pure modules `growth` (first / latest / change and the
  sentences) and `insights` (the findings); this module only loads and hands over.
- `reviews_for` is the caseload's batch version of the insights: one query
  for all the clients, never one per client.

Services read and never write; the routes audit what was shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mend.accounts.models import Membership
from mend.care import service as care
from mend.care.goals import service as goals
from mend.care.goals.models import Goal, GoalCheckIn
from mend.care.goals.rules import Status as GoalStatus
from mend.care.policy import Category
from mend.coping import analytics
from mend.coping import service as coping
from mend.coping.models import CopingMoment, MomentStrategy
from mend.healing import growth, insights
from mend.healing import service as journey
from mend.healing.growth import Growth
from mend.healing.models import StageChange
from mend.measures import service as measures
from mend.measures.definitions import Instrument
from mend.settings import Settings

# What each section of the view reads.
SECTIONS: dict[str, Category] = {
    "measures": Category.MEASURES,
    "jar": Category.COPING,
    "goals": Category.GOALS_HOMEWORK,
    "insights": Category.COPING,
}
VIEW_CATEGORIES = (Category.MEASURES, Category.COPING, Category.GOALS_HOMEWORK)


def growth_thresholds(settings: Settings) -> growth.Thresholds:
    return growth.Thresholds(
        domain=settings.growth_domain_points,
        total=settings.growth_total_points,
        brs=settings.growth_brs_points,
    )


def insight_thresholds(settings: Settings) -> insights.Thresholds:
    return insights.Thresholds(
        grief_days=settings.grief_window_days,
        grief_minimum=settings.grief_minimum_moments,
        fit_days=settings.fit_window_days,
        fit_minimum=settings.fit_minimum_moments,
        fit_low_rate=settings.fit_low_percent / 100,
    )


def shared_for(db: Session, *, client: Membership, viewer: Membership) -> frozenset[Category]:
    """The view's categories this viewer may read: all for the client themself,
    what the client shares for a member of their care team."""
    if viewer.id == client.id:
        return frozenset(VIEW_CATEGORIES)
    return frozenset(
        c
        for c in VIEW_CATEGORIES
        if care.is_consented(
            db, client_id=client.id, member_id=viewer.id, team_role_name=viewer.role, category=c
        )
    )


def evidence_link(client_id: str) -> str:
    return f"/clients/{client_id}/coping"


# ---------------------------------------------------------------- the parts


@dataclass(frozen=True)
class MeasuresPart:
    symptoms: list[growth.SymptomSeries]
    growth: list[growth.GrowthSeries]  # PTGI-SF total, its domains, BRS
    found: Growth
    enabled: dict[str, bool]  # is PTGI-SF / BRS turned on for the organisation


@dataclass(frozen=True)
class JarPart:
    balance: list[analytics.WeekBalance]
    sentence: str


@dataclass(frozen=True)
class GoalLine:
    goal: Goal
    latest: GoalCheckIn | None


@dataclass(frozen=True)
class GoalsPart:
    active: list[GoalLine]
    achieved: list[GoalLine]


@dataclass(frozen=True)
class View:
    client: Membership
    voice: growth.Voice
    stage: StageChange | None
    shared: frozenset[Category]
    measures: MeasuresPart | None
    jar: JarPart | None
    goals: GoalsPart | None
    review: insights.Review | None  # the treating therapist's, with coping shared

    @property
    def summary(self) -> tuple[str, ...]:
        return self.measures.found.summary if self.measures else ()

    @property
    def read(self) -> list[Category]:
        """The shared categories this view showed data from, for the audit."""
        shown = {
            Category.MEASURES: self.measures is not None,
            Category.COPING: self.jar is not None,
            Category.GOALS_HOMEWORK: self.goals is not None,
        }
        return [c for c in VIEW_CATEGORIES if shown[c]]


def _readings(points: Sequence[measures.Point]) -> tuple[growth.Reading, ...]:
    return tuple(growth.Reading(p.at, float(p.total)) for p in points if p.total is not None)


def _symptom(series: measures.Series) -> growth.SymptomSeries:
    scored = [p for p in series.points if p.total is not None]
    clinical = series.clinical
    return growth.SymptomSeries(
        instrument_id=series.instrument.id,
        label=series.instrument.short_name,
        readings=_readings(scored),
        reliable=scored[-1].change if len(scored) > 1 else None,
        category=clinical.category if clinical else None,
        scale=_scale(series.instrument),
    )


def _scale(instrument: Instrument) -> tuple[float, float]:
    low, high = instrument.scoring.range or (0, 0)
    return float(low), float(high)


def _growth_series(by_id: dict[str, measures.Series]) -> list[growth.GrowthSeries]:
    found: list[growth.GrowthSeries] = []
    ptgi = by_id.get(growth.PTGI)
    if ptgi is not None:
        found.append(
            growth.GrowthSeries(
                key=growth.PTGI,
                label="PTGI-SF total",
                readings=_readings(ptgi.points),
                scale=_scale(ptgi.instrument),
            )
        )
        names = {s.id: s.name for s in ptgi.instrument.scoring.subscales}
        found += growth.domain_series([(p.at, p.subscales) for p in ptgi.points], names=names)
    brs = by_id.get(growth.BRS)
    if brs is not None:
        found.append(
            growth.GrowthSeries(
                key=growth.BRS,
                label=brs.instrument.short_name,
                readings=_readings(brs.points),
                scale=_scale(brs.instrument),
            )
        )
    return found


def load_measures(
    db: Session, *, client: Membership, voice: growth.Voice, thresholds: growth.Thresholds
) -> MeasuresPart:
    found = measures.results(db, client_id=client.id, org_id=client.org_id)
    by_id = {s.instrument.id: s for s in found.series}
    symptoms = [_symptom(by_id[key]) for key in growth.SYMPTOMS if key in by_id]
    grown = _growth_series(by_id)
    offered = measures.catalog(db, org_id=client.org_id)
    return MeasuresPart(
        symptoms=symptoms,
        growth=grown,
        found=growth.summarise(symptoms, grown, voice=voice, thresholds=thresholds),
        enabled={key: key in offered and offered[key].enabled for key in growth.GROWTH},
    )


def load_goals(db: Session, *, client_id: str) -> GoalsPart:
    wanted = (GoalStatus.ACTIVE, GoalStatus.ACHIEVED)
    kept = [g for g in goals.goals_of(db, client_id=client_id) if g.status in wanted]
    latest = goals.latest_check_ins(db, goal_ids=[g.id for g in kept])
    lines = [GoalLine(g, latest.get(g.id)) for g in kept]
    return GoalsPart(
        active=[line for line in lines if line.goal.status == GoalStatus.ACTIVE],
        achieved=[line for line in lines if line.goal.status == GoalStatus.ACHIEVED],
    )


def load(
    db: Session, *, client: Membership, viewer: Membership, now: datetime, settings: Settings
) -> View:
    """Everything the healing view shows to this viewer, as of `now`."""
    voice = growth.Voice.CLIENT if viewer.id == client.id else growth.Voice.CLINICIAN
    shared = shared_for(db, client=client, viewer=viewer)
    part = None
    if Category.MEASURES in shared:
        part = load_measures(db, client=client, voice=voice, thresholds=growth_thresholds(settings))
    jar = review = None
    if Category.COPING in shared:
        moments = coping.load_moments(db, client_id=client.id)
        balance = analytics.jar_balance_by_week(moments)
        jar = JarPart(balance=balance, sentence=growth.jar_sentence(balance, voice=voice))
        if voice is growth.Voice.CLINICIAN:
            thresholds = insight_thresholds(settings)
            evidence = evidence_link(client.id)
            review = insights.review(moments, now=now, evidence=evidence, thresholds=thresholds)
    return View(
        client=client,
        voice=voice,
        stage=journey.current_of(journey.history(db, client_id=client.id)),
        shared=shared,
        measures=part,
        jar=jar,
        goals=load_goals(db, client_id=client.id) if Category.GOALS_HOMEWORK in shared else None,
        review=review,
    )


def review_for(
    db: Session, *, client: Membership, viewer: Membership, now: datetime, settings: Settings
) -> insights.Review | None:
    """The insights alone (for the journey page), or None when the client does
    not share their coping with this viewer."""
    if Category.COPING not in shared_for(db, client=client, viewer=viewer):
        return None
    thresholds = insight_thresholds(settings)
    since = now - timedelta(days=thresholds.longest_days)
    moments = coping.load_moments(db, client_id=client.id, since=since)
    return insights.review(
        moments, now=now, evidence=evidence_link(client.id), thresholds=thresholds
    )


# ---------------------------------------------------------------- the caseload


def reviews_for(
    db: Session, *, client_ids: Sequence[str], now: datetime, thresholds: insights.Thresholds
) -> dict[str, insights.Review]:
    """The insights for many clients in one query: only the moments the
    findings read (in the longest window, with a controllability rating or a
    loss orientation), each joined to its strategies. Access is the caller's
    to check: pass only clients who share their coping."""
    ids = sorted(set(client_ids))
    if not ids:
        return {}
    query = (
        select(
            CopingMoment.client_id,
            CopingMoment.id,
            CopingMoment.occurred_at,
            CopingMoment.distress_before,
            CopingMoment.controllability,
            CopingMoment.loss_orientation,
            MomentStrategy.strategy_ref,
            MomentStrategy.helpfulness,
            MomentStrategy.orientation,
        )
        .outerjoin(MomentStrategy, MomentStrategy.moment_id == CopingMoment.id)
        .where(
            CopingMoment.client_id.in_(ids),
            CopingMoment.occurred_at >= now - timedelta(days=thresholds.longest_days),
            CopingMoment.occurred_at <= now,
            or_(
                CopingMoment.controllability.is_not(None),
                CopingMoment.loss_orientation.is_not(None),
            ),
        )
        .order_by(
            CopingMoment.client_id,
            CopingMoment.occurred_at,
            CopingMoment.id,
            MomentStrategy.position,
        )
    )
    per_client: dict[str, list[analytics.Moment]] = defaultdict(list)
    rows = db.connection().execute(query).all()
    for (client_id, _, at, before, control, loss), used in groupby(rows, key=lambda r: r[:6]):
        per_client[client_id].append(
            analytics.Moment(
                at=at,
                distress_before=before,
                strategies=tuple((r[6], r[7], r[8]) for r in used if r[6] is not None),
                controllability=control,
                loss_orientation=loss,
            )
        )
    return {
        client_id: insights.review(
            per_client.get(client_id, []),
            now=now,
            evidence=evidence_link(client_id),
            thresholds=thresholds,
        )
        for client_id in ids
    }


# ---------------------------------------------------------------- charts


def _day(at: datetime) -> str:
    return at.date().isoformat()


def chart_data(view: View) -> dict[str, Any]:
    """The numbers behind each chart, for the vendored chart library to draw;
    every chart also has a sentence and a table on the page."""
    data: dict[str, Any] = {"symptoms": [], "ptgi": None, "brs": None, "balance": None}
    part = view.measures
    if part is not None:
        data["symptoms"] = [
            {
                "id": s.instrument_id,
                "label": s.label,
                "dates": [_day(r.at) for r in s.readings],
                "values": [r.value for r in s.readings],
                "range": list(s.scale) if s.scale else None,
            }
            for s in part.symptoms
            if s.readings
        ]
        domains = [g for g in part.growth if g.key.startswith(growth.PTGI + ".")]
        if domains:
            moments = sorted({r.at for g in domains for r in g.readings})
            data["ptgi"] = {
                "dates": [_day(at) for at in moments],
                "domains": [
                    {
                        "label": g.label,
                        "values": [
                            next((r.value for r in g.readings if r.at == at), None)
                            for at in moments
                        ],
                    }
                    for g in domains
                ],
            }
        brs = next((g for g in part.growth if g.key == growth.BRS and g.readings), None)
        if brs is not None:
            data["brs"] = {
                "dates": [_day(r.at) for r in brs.readings],
                "values": [r.value for r in brs.readings],
            }
    if view.jar is not None and view.jar.balance:
        weeks = view.jar.balance
        data["balance"] = {
            "weeks": [w.week_start.isoformat() for w in weeks],
            "helpful_only": [w.helpful_only for w in weeks],
            "other": [w.other for w in weeks],
            "some_harmful": [w.some_harmful for w in weeks],
            "only_harmful": [w.only_harmful for w in weeks],
        }
    return data
