"""Rules of the jar (clinical-model §2) and replacement suggestions (§3).

Pure: values in, values out. No database, web framework or clock. The wording
here is shown to clients, so it stays plain, kind and free of orders.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from mend.coping.catalog import PLACES, Strategy

# The client's own stage of change (§2 "Ambivalence is allowed"). The system
# never picks a stage for anyone; it only checks that the word is one of these.
STAGES_OF_CHANGE = (
    "precontemplation",
    "contemplation",
    "preparation",
    "action",
    "maintenance",
    "recurrence",
)

# Scoring weights for suggest_replacements. A replacement must meet the same
# need first, so each shared function is worth more than every other signal
# together can add: evidence (at most 4) + places (at most 5 x 0.5 = 2.5)
# + tags (at most 3) = 9.5 < 10. The other signals only order strategies that
# share the same number of functions.
FUNCTION_WEIGHT = 10.0
# Points of score per point of the client's own (shrunken) mean distress drop;
# capped so one lucky strategy cannot outrank one that meets another need.
EVIDENCE_WEIGHT = 1.0
EVIDENCE_CAP = 4.0
# Per place where both the harmful strategy is used and the replacement works.
PLACE_WEIGHT = 0.5
# Per cultural or spiritual tag the client prefers; capped for the same reason.
TAG_WEIGHT = 1.0
TAG_CAP = 3.0

# How each place reads in a sentence ("Works at home and at night").
_PLACE_WORDS = {
    "home": "at home",
    "work": "at work",
    "school": "at school",
    "out": "when out",
    "night": "at night",
}
_NO_EFFECTS: Mapping[str, float] = MappingProxyType({})


@dataclass(frozen=True, kw_only=True)
class Decision:
    """Whether a reduction goal may be set, and why, in words for the client."""

    allowed: bool
    reason: str
    replacements: tuple[Strategy, ...]
    imminent: bool


@dataclass(frozen=True, kw_only=True)
class Suggestion:
    """One helpful strategy offered in place of a harmful one, with its reasons."""

    strategy: Strategy
    score: float
    in_jar: bool
    reasons: tuple[str, ...]


def check_stage(stage: str) -> str:
    """Return the stage if it is a known one; the client chooses it, not us."""
    if stage not in STAGES_OF_CHANGE:
        raise ValueError(
            f"{stage!r} is not a stage of change; use one of {', '.join(STAGES_OF_CHANGE)}"
        )
    return stage


def _require_harmful(strategy: Strategy) -> None:
    # Reduction goals and replacements only make sense for harmful strategies;
    # treating a helpful one as harmful would be a bug in the caller.
    if strategy.helpfulness != "harmful":
        raise ValueError(f"{strategy.id!r} is {strategy.helpfulness}, not harmful")


def _shared_functions(harmful: Strategy, other: Strategy) -> tuple[str, ...]:
    return tuple(f for f in other.functions if f in harmful.functions)


def replacements_in_jar(harmful: Strategy, jar: Sequence[Strategy]) -> tuple[Strategy, ...]:
    """Helpful strategies in the jar that meet at least one of the same needs."""
    found: dict[str, Strategy] = {}
    for strategy in jar:
        # Mixed strategies (distraction, venting) do not count: they can slide
        # back into avoidance, so they are not a safe thing to lean on instead.
        if strategy.helpfulness == "helpful" and _shared_functions(harmful, strategy):
            found.setdefault(strategy.id, strategy)
    return tuple(found.values())


def _imminent_decision(harmful: Strategy, replacements: tuple[Strategy, ...]) -> Decision:
    # Danger to life now: stopping comes first even with an empty jar, but the
    # person is given more support, never left with nothing.
    reason = (
        f"Your safety matters most. Setting a goal to stop “{harmful.name}” is allowed "
        "right away. Your safety plan and crisis support come first, and extra support "
        "is added to your jar, never nothing in its place."
    )
    return Decision(allowed=True, reason=reason, replacements=replacements, imminent=True)


def may_set_reduction_goal(*, harmful: Strategy, jar: Sequence[Strategy]) -> Decision:
    """Replace before reduce (§2): a reduction goal needs a replacement in the jar."""
    _require_harmful(harmful)
    replacements = replacements_in_jar(harmful, jar)
    if harmful.harm_potential == "imminent":
        return _imminent_decision(harmful, replacements)
    if not replacements:
        reason = (
            f"“{harmful.name}” has been meeting a real need for you. Before working on "
            "using it less, it helps to have something else that meets the same need. "
            "Would you like to see some ideas to add to your jar first?"
        )
        return Decision(allowed=False, reason=reason, replacements=(), imminent=False)
    names = ", ".join(f"“{s.name}”" for s in replacements[:3])
    reason = (
        f"You already have ways in your jar that meet the same need, like {names}. "
        f"You can set a goal to use “{harmful.name}” less when you feel ready."
    )
    return Decision(allowed=True, reason=reason, replacements=replacements, imminent=False)


def _join_words(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _evidence(strategy: Strategy, effects: Mapping[str, float]) -> tuple[float, str | None]:
    drop = effects.get(strategy.id)
    # No data, or distress did not fall: say nothing rather than count against
    # it, so a strategy is never put down for being new to the client.
    if drop is None or not math.isfinite(drop) or drop <= 0:
        return 0.0, None
    points = min(drop, EVIDENCE_CAP) * EVIDENCE_WEIGHT
    return points, f"Worked for you before: distress fell by {drop:.1f} points on average"


def _place_fit(strategy: Strategy, used: frozenset[str]) -> tuple[float, str | None]:
    # Catalog order keeps the wording stable ("at home and at night").
    shared = [p for p in PLACES if p in used and p in strategy.places]
    if not shared:
        return 0.0, None
    words = _join_words([_PLACE_WORDS.get(p, p) for p in shared])
    return len(shared) * PLACE_WEIGHT, f"Works {words}"


def _tag_fit(strategy: Strategy, preferred: frozenset[str]) -> tuple[float, str | None]:
    shared = sorted(t for t in set(strategy.fit_tags) if t in preferred)
    if not shared:
        return 0.0, None
    points = min(len(shared) * TAG_WEIGHT, TAG_CAP)
    return points, f"Fits what matters to you: {', '.join(shared)}"


def _suggestion(
    candidate: Strategy,
    *,
    shared: tuple[str, ...],
    in_jar: bool,
    effects: Mapping[str, float],
    used: frozenset[str],
    preferred: frozenset[str],
) -> Suggestion:
    parts = [
        (len(shared) * FUNCTION_WEIGHT, f"Meets the same need: {', '.join(shared)}"),
        _evidence(candidate, effects),
        _place_fit(candidate, used),
        _tag_fit(candidate, preferred),
    ]
    score = round(sum(points for points, _ in parts), 6)
    reasons = tuple(text for _, text in parts if text is not None)
    return Suggestion(strategy=candidate, score=score, in_jar=in_jar, reasons=reasons)


def suggest_replacements(
    *,
    harmful: Strategy,
    catalog: Sequence[Strategy],
    jar_ids: frozenset[str] = frozenset(),
    effects: Mapping[str, float] = _NO_EFFECTS,
    used_places: frozenset[str] = frozenset(),
    preferred_tags: frozenset[str] = frozenset(),
    limit: int = 5,
) -> list[Suggestion]:
    """Rank helpful strategies that could stand in for a harmful one (§3).

    Only strategies that meet at least one of the same needs are offered: a
    replacement that does not meet the need will not hold. Ties go by id so the
    same inputs always give the same list.
    """
    _require_harmful(harmful)
    if limit < 0:
        raise ValueError("limit cannot be negative")
    used = used_places or frozenset(harmful.places)
    found: dict[str, Suggestion] = {}
    for candidate in catalog:
        shared = _shared_functions(harmful, candidate)
        if candidate.helpfulness != "helpful" or not shared or candidate.id in found:
            continue
        found[candidate.id] = _suggestion(
            candidate,
            shared=shared,
            in_jar=candidate.id in jar_ids,
            effects=effects,
            used=used,
            preferred=preferred_tags,
        )
    ranked = sorted(found.values(), key=lambda s: (-s.score, s.strategy.id))
    return ranked[:limit]


def is_self_harm(strategy: Strategy) -> bool:
    """Strategies an urge toward which can start the imminent-harm pathway."""
    return strategy.family == "self_harm" or strategy.harm_potential == "imminent"


def is_imminent_urge(*, intensity: int | None, self_harm: bool, level: int) -> bool:
    """An urge to self-harm at or above `level` (default 8/10) starts the safety
    pathway at once (clinical-model §2). An urge toward anything else never does."""
    return self_harm and intensity is not None and intensity >= level


def starts_safety_pathway(strategy: Strategy) -> bool:
    """A strategy with danger to life now brings the safety plan and crisis support up."""
    return strategy.harm_potential == "imminent"
