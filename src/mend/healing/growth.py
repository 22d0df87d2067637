"""Growth beside symptoms (clinical-model §4): healing is more than fewer symptoms.

Pure: measure series in (already scored by `mend.measures`, with the reliable
change of each symptom instrument already computed by `mend.measures.change`),
first / latest / change out, and a few plain sentences that put growth beside
symptoms.

- Symptoms (PHQ-9, GAD-7, PCL-5, CORE-10): first, latest, the change and its
  reliable-change verdict (improved, deteriorated, no reliable change), as the
  measures service computed it from the published thresholds.
- Growth (PTGI-SF total and its five domains; BRS): first, latest, the change.
  Neither publishes a reliable-change threshold or (PTGI-SF) any cut-off, so a
  change is "grew" or "lower" only past our own named thresholds (settings
  `growth_*_points`), otherwise "about the same". There is no grade: the BRS
  bands are never shown here, and no growth is never failure.

The words validate suffering: hard times are named plainly, nothing asks a
person to bounce back, and lower growth scores are "not a straight line".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from itertools import pairwise

from mend.coping.analytics import WeekBalance
from mend.coping.charts import balance_sentence, helpful_share, recent_and_earlier
from mend.measures.change import ReliableChange

SYMPTOMS = ("phq9", "gad7", "pcl5", "core10")
PTGI = "ptgi_sf"
BRS = "brs"
GROWTH = (PTGI, BRS)
# The PTGI-SF domains, in the order of the reference (instruments.md).
PTGI_DOMAINS = (
    "appreciation_of_life",
    "new_possibilities",
    "spiritual_change",
    "relating_to_others",
    "personal_strength",
)
DOMAIN_RANGE = (0.0, 10.0)

# Verdicts. Symptoms keep the words of `mend.measures.change`.
IMPROVED, DETERIORATED, NO_RELIABLE_CHANGE = "improved", "deteriorated", "no_reliable_change"
GREW, LOWER, ABOUT_THE_SAME = "grew", "lower", "about_the_same"


class Voice(StrEnum):
    CLINICIAN = "clinician"
    CLIENT = "client"


def domain_key(domain: str) -> str:
    return f"{PTGI}.{domain}"


# What the client reads for each series: what it is about, then its short name.
CLIENT_NAMES: Mapping[str, str] = {
    "phq9": "low mood (PHQ-9)",
    "gad7": "worry and anxiety (GAD-7)",
    "pcl5": "stress after what happened (PCL-5)",
    "core10": "how hard things have felt (CORE-10)",
    PTGI: "growth after a hard time (PTGI-SF)",
    domain_key("appreciation_of_life"): "appreciating life",
    domain_key("new_possibilities"): "new possibilities",
    domain_key("spiritual_change"): "spiritual life",
    domain_key("relating_to_others"): "closeness with others",
    domain_key("personal_strength"): "your own strength",
    BRS: "getting through hard times (BRS)",
}


@dataclass(frozen=True)
class Reading:
    at: datetime
    value: float


@dataclass(frozen=True, kw_only=True)
class SymptomSeries:
    """One symptom instrument's scored totals, oldest first."""

    instrument_id: str
    label: str  # the instrument's short name, e.g. "PHQ-9"
    readings: tuple[Reading, ...]
    reliable: ReliableChange | None = None  # first to latest, from mend.measures.change
    category: str | None = None  # clinically significant change, where there is a cut-off
    scale: tuple[float, float] | None = None  # the instrument's range, for charts


@dataclass(frozen=True, kw_only=True)
class GrowthSeries:
    """One growth score over time: the PTGI-SF total, one of its domains, or BRS."""

    key: str  # "ptgi_sf", "ptgi_sf.<domain>" or "brs"
    label: str
    readings: tuple[Reading, ...]
    scale: tuple[float, float]


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    """How far a growth score must move to read as "grew" or "lower" (our
    convention: neither instrument publishes a reliable-change threshold)."""

    domain: float = 2.0
    total: float = 5.0
    brs: float = 0.5

    def for_key(self, key: str) -> float:
        if key == BRS:
            return self.brs
        return self.total if key == PTGI else self.domain


DEFAULT = Thresholds()


@dataclass(frozen=True, kw_only=True)
class Change:
    """First, latest and the change between them, with what the change means.

    `verdict` is None with fewer than two readings (one score is a start, not a
    change) or when a symptom instrument has no reliable-change rule."""

    key: str
    label: str
    first: Reading | None
    latest: Reading | None
    count: int
    difference: float | None  # latest - first
    verdict: str | None
    category: str | None = None
    explanation: str | None = None

    @property
    def changed(self) -> bool:
        return self.count >= 2


@dataclass(frozen=True, kw_only=True)
class Growth:
    symptoms: tuple[Change, ...]
    growth: tuple[Change, ...]  # PTGI-SF total, its domains, then BRS (those with data)
    summary: tuple[str, ...]


# ---------------------------------------------------------------- series


def _check_order(readings: Sequence[Reading]) -> None:
    # A mis-sorted query would swap "first" and "latest": refuse it.
    if any(b.at < a.at for a, b in pairwise(readings)):
        raise ValueError("readings must be in time order, oldest first")


def domain_series(
    points: Sequence[tuple[datetime, Mapping[str, float | None]]],
    *,
    names: Mapping[str, str],
) -> list[GrowthSeries]:
    """The PTGI-SF domains over time from each response's (when, subscales).

    A domain missing from a response (or None there) is left out of that
    response only; a domain never scored has no series at all."""
    found = []
    for domain in PTGI_DOMAINS:
        readings = tuple(
            Reading(at, float(value))
            for at, subscales in points
            if (value := subscales.get(domain)) is not None
        )
        if readings:
            found.append(
                GrowthSeries(
                    key=domain_key(domain),
                    label=names.get(domain, domain.replace("_", " ")),
                    readings=readings,
                    scale=DOMAIN_RANGE,
                )
            )
    return found


# ---------------------------------------------------------------- change


def _ends(readings: Sequence[Reading]) -> tuple[Reading | None, Reading | None, float | None]:
    _check_order(readings)
    if not readings:
        return None, None, None
    first, latest = readings[0], readings[-1]
    difference = round(latest.value - first.value, 9) if len(readings) > 1 else None
    return first, latest, difference


def symptom_change(series: SymptomSeries) -> Change:
    """First, latest and change of one symptom instrument; the verdict is the
    reliable change `mend.measures.change` computed (lower is better)."""
    first, latest, difference = _ends(series.readings)
    reliable = series.reliable if difference is not None else None
    return Change(
        key=series.instrument_id,
        label=series.label,
        first=first,
        latest=latest,
        count=len(series.readings),
        difference=difference,
        verdict=reliable.direction if reliable else None,
        category=series.category if reliable else None,
        explanation=reliable.explanation if reliable else None,
    )


def growth_change(series: GrowthSeries, *, thresholds: Thresholds = DEFAULT) -> Change:
    """First, latest and change of one growth score (higher is more growth)."""
    first, latest, difference = _ends(series.readings)
    needed = thresholds.for_key(series.key)
    verdict = None
    explanation = None
    if difference is not None:
        verdict = (
            GREW if difference >= needed else LOWER if difference <= -needed else ABOUT_THE_SAME
        )
        explanation = (
            f"From {_num(first.value)} to {_num(latest.value)} "  # type: ignore[union-attr]
            f"({_signed(difference)}). There is no published reliable-change threshold; "
            f"a change of {_num(needed)} or more is shown as a change here, smaller as "
            "about the same."
        )
    return Change(
        key=series.key,
        label=series.label,
        first=first,
        latest=latest,
        count=len(series.readings),
        difference=difference,
        verdict=verdict,
        explanation=explanation,
    )


# ---------------------------------------------------------------- words


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}".rstrip("0").rstrip(".")


def _signed(x: float) -> str:
    return f"+{_num(x)}" if x > 0 else _num(x)


def _listing(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _name(change: Change, voice: Voice) -> str:
    if voice is Voice.CLIENT:
        return CLIENT_NAMES.get(change.key, change.label)
    return change.label


def _from_to(change: Change, voice: Voice) -> str:
    """ "PHQ-9 from 17 to 5": a symptom's first and latest score."""
    assert change.first is not None
    assert change.latest is not None
    return f"{_name(change, voice)} from {_num(change.first.value)} to {_num(change.latest.value)}"


def _in(change: Change, voice: Voice) -> str:
    """ "personal strength (2 to 8)": where growth shows, with its numbers."""
    assert change.first is not None
    assert change.latest is not None
    name, span = _name(change, voice), f"{_num(change.first.value)} to {_num(change.latest.value)}"
    # "getting through hard times (BRS), 2.5 to 3.67": never two brackets in a row.
    return f"{name}, {span}" if name.endswith(")") else f"{name} ({span})"


def _harder(worse: Sequence[Change], voice: Voice) -> str:
    listed = _listing([_from_to(c, voice) for c in worse])
    if voice is Voice.CLIENT:
        return (
            f"Some of your answers are higher than when you started: {listed}. Hard times are "
            "part of healing for many people, and your therapist can talk this through with you."
        )
    return f"Symptoms are harder now: {listed} (reliable deterioration)."


def _eased(eased: Sequence[Change], voice: Voice, *, also_harder: bool) -> str:
    listed = _listing([_from_to(c, voice) for c in eased])
    if voice is Voice.CLIENT:
        return (
            f"Your answers show some things have eased: {listed}. That is a clear change, "
            "bigger than everyday ups and downs."
        )
    lead = "Some symptoms have eased" if also_harder else "Symptoms have eased"
    return f"{lead}: {listed} (reliable improvement)."


def _symptom_sentences(symptoms: Sequence[Change], voice: Voice) -> tuple[list[str], str]:
    """Sentences about symptoms, and how they went overall ("harder", "eased",
    "same", "start" or "none") so the growth sentence can stand beside them."""
    eased = [c for c in symptoms if c.verdict == IMPROVED]
    worse = [c for c in symptoms if c.verdict == DETERIORATED]
    same = [c for c in symptoms if c.changed and c.verdict not in (IMPROVED, DETERIORATED)]
    once = [c for c in symptoms if c.count == 1]
    client = voice is Voice.CLIENT
    said: list[str] = []
    # Harder first, as the paired outcome does: it must never hide behind an easing.
    if worse:
        said.append(_harder(worse, voice))
    if eased:
        said.append(_eased(eased, voice, also_harder=bool(worse)))
    if same:
        listed = _listing([_from_to(c, voice) for c in same])
        said.append(
            f"Some of your answers are close to where they started: {listed}."
            if client
            else f"No reliable change yet: {listed}."
        )
    if once:
        names = _listing([_name(c, voice) for c in once])
        said.append(
            f"You have answered {names} once so far; change shows from the next time."
            if client
            else f"One score so far for {names}; change shows from the second."
        )
    if not said:
        said.append(
            "You have not answered any questionnaires about how you have been feeling yet."
            if client
            else "No symptom questionnaires (PHQ-9, GAD-7, PCL-5, CORE-10) completed yet."
        )
    moods = {"harder": worse, "eased": eased, "same": same, "start": once}
    mood = next((m for m, found in moods.items() if found), "none")
    return said, mood


def _shown_growth(growth: Sequence[Change]) -> list[Change]:
    """Where "growth is showing": the domains that grew and BRS; the PTGI-SF
    total only when no single domain grew (its growth is spread out)."""
    grew = [c for c in growth if c.verdict == GREW and c.key != PTGI]
    if not any(c.key.startswith(PTGI + ".") for c in grew):
        grew = [c for c in growth if c.verdict == GREW and c.key == PTGI] + grew
    return grew


def _lower(growth: Sequence[Change]) -> list[Change]:
    lower = [c for c in growth if c.verdict == LOWER and c.key != PTGI]
    return lower or [c for c in growth if c.verdict == LOWER]


def _showing(grew: Sequence[Change], mood: str, voice: Voice) -> str:
    listed = _listing([_in(c, voice) for c in grew])
    if voice is Voice.CLIENT:
        return f"Your answers also show growth in {listed}."
    if mood == "eased":
        return f"Growth is showing in {listed}."
    if mood == "harder":
        return f"Growth is showing too, in {listed}: growth and distress often sit side by side."
    return f"Growth is showing in {listed}: healing is more than fewer symptoms."


def _growth_sentences(growth: Sequence[Change], mood: str, voice: Voice) -> list[str]:
    client = voice is Voice.CLIENT
    grew, lower = _shown_growth(growth), _lower(growth)
    said: list[str] = []
    if grew:
        said.append(_showing(grew, mood, voice))
    if lower:
        listed = _listing([_in(c, voice) for c in lower])
        said.append(
            f"Some answers about growth are lower than at the start: {listed}. Growth does not "
            "go in a straight line, and that is okay."
            if client
            else f"Lower than at the start: {listed}. Growth is not a straight line; a lower "
            "score is not failure and may be worth exploring gently."
        )
    if any(c.changed for c in growth) and not grew and not lower:
        said.append(
            "Your answers about growth are about where they started. That is okay: there is "
            "no right amount of growth and no timetable for it."
            if client
            else "Growth measures are about where they started. No growth yet is not failure: "
            "growth is not expected on a timetable."
        )
    if growth and not any(c.changed for c in growth):
        said.append(
            "You have answered the questions about growth once so far."
            if client
            else "One growth score so far (PTGI-SF or BRS); change shows from the second."
        )
    if not growth and not client:
        said.append("No PTGI-SF or BRS yet, so growth is not measured.")
    return said


def _joined(symptoms: list[str], growth: list[str], mood: str, voice: Voice) -> list[str]:
    """ "Symptoms have eased: ... and growth is showing in ...": one sentence
    for the clinician when both move the good way."""
    lead = growth[0] if growth else ""
    prefix = "Growth is showing in "
    if voice is Voice.CLINICIAN and mood == "eased" and lead.startswith(prefix):
        both = symptoms[0].rstrip(".") + ", and growth is showing in " + lead[len(prefix) :]
        return [both, *symptoms[1:], *growth[1:]]
    return [*symptoms, *growth]


def summarise(
    symptoms: Sequence[SymptomSeries],
    growth: Sequence[GrowthSeries],
    *,
    voice: Voice = Voice.CLINICIAN,
    thresholds: Thresholds = DEFAULT,
) -> Growth:
    """Every series' first / latest / change, and the sentences beside them."""
    symptom_changes = tuple(symptom_change(s) for s in symptoms if s.readings)
    growth_changes = tuple(growth_change(g, thresholds=thresholds) for g in growth if g.readings)
    said, mood = _symptom_sentences(symptom_changes, voice)
    grown = _growth_sentences(growth_changes, mood, voice)
    return Growth(
        symptoms=symptom_changes,
        growth=growth_changes,
        summary=tuple(_joined(said, grown, mood, voice)),
    )


# ---------------------------------------------------------------- the jar


def _pct(part: int, whole: int) -> int:
    return int(part * 100 / whole + 0.5)


def jar_sentence(balance: Sequence[WeekBalance], *, voice: Voice = Voice.CLINICIAN) -> str:
    """The jar-balance trend: the client reads the words of their own jar page;
    the clinician reads the same numbers about the client."""
    if voice is Voice.CLIENT:
        return balance_sentence(balance)
    if not balance:
        return "No moments with strategies logged yet, so there is no jar balance."
    recent, earlier = recent_and_earlier(balance)
    helpful, total = helpful_share(recent)
    text = (
        f"In the last {len(recent)} week{'s' if len(recent) != 1 else ''} with moments, "
        f"{helpful} of {total} moments used only helpful strategies ({_pct(helpful, total)} %)."
    )
    if earlier:
        was, was_total = helpful_share(earlier)
        text += (
            f" In the first {len(earlier)} week{'s' if len(earlier) != 1 else ''}: "
            f"{was} of {was_total} ({_pct(was, was_total)} %)."
        )
    return text
