"""Findings for the therapist from the coping analytics (clinical-model §3),
shown where they matter, each with the numbers behind it and a link to them.

Pure: coping moments in (as `coping.analytics` reads them), findings out.

- One-sided grieving: in the last `grief_days` days (default 14), at least
  `grief_minimum` (default 5) loss moments, all loss-oriented or all
  restoration-oriented (`analytics.dual_process_flag`, the §3 flag).
- Low goodness of fit: in the last `fit_days` days (default 28), at least
  `fit_minimum` (default 8) moments with a controllability rating and a
  strategy, of which fewer than `fit_low_rate` (default 50 %) fitted
  (`analytics.goodness_of_fit`), with the pattern of the mismatches.

The findings are for the clinician only: a prompt to talk, never a diagnosis,
and never shown to a coach or to the client as a flag. What was checked and
not raised is said too, with its numbers, so no finding is not a blank.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from mend.coping import analytics
from mend.coping.analytics import Moment

Number = int | float | str


class Kind(StrEnum):
    ONE_SIDED_GRIEF = "one_sided_grief"
    LOW_FIT = "low_fit"


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    """Named settings (mend.settings): grief_window_days, grief_minimum_moments,
    fit_window_days, fit_minimum_moments, fit_low_percent."""

    grief_days: int = 14
    grief_minimum: int = 5
    fit_days: int = 28
    fit_minimum: int = 8
    fit_low_rate: float = 0.5

    @property
    def longest_days(self) -> int:
        return max(self.grief_days, self.fit_days)


DEFAULT = Thresholds()


@dataclass(frozen=True, kw_only=True)
class Finding:
    kind: Kind
    title: str  # short, for the clinician
    sentence: str  # the finding in words, with its numbers
    numbers: Mapping[str, Number]
    link: str  # where the evidence is


@dataclass(frozen=True, kw_only=True)
class Review:
    findings: tuple[Finding, ...]
    checked: tuple[str, ...]  # what was looked at and not raised, with its numbers


# How each mismatch went: the controllability and what was (not) used.
MISMATCH_WORDS: Mapping[str, str] = {
    "can_emotion": "could be changed and were met with emotion-focused ways, no problem-solving",
    "can_avoidant": "could be changed and were met with avoidant ways only",
    "cannot_problem": "could not be changed and were met with problem-solving, "
    "no emotion-focused ways",
    "cannot_avoidant": "could not be changed and were met with avoidant ways only",
    "partly_avoidant": "could partly be changed and were met with avoidant ways only",
}


def _pct(rate: float) -> int:
    return int(rate * 100 + 0.5)


def _moments_word(n: int) -> str:
    return "1 moment" if n == 1 else f"{n} moments"


def _in_window(moments: Sequence[Moment], *, now: datetime, days: int) -> list[Moment]:
    start = now - timedelta(days=days)
    return [m for m in moments if start <= m.at <= now]


# ---------------------------------------------------------------- dual process


def _grief(moments: Sequence[Moment], now: datetime, t: Thresholds, link: str) -> Finding | str:
    found = analytics.dual_process_flag(
        moments, now=now, days=t.grief_days, minimum=t.grief_minimum
    )
    total = found.loss + found.restoration
    if found.flag:
        side = "loss" if found.restoration == 0 else "restoration"
        return Finding(
            kind=Kind.ONE_SIDED_GRIEF,
            title=f"Grief coping all {side}-oriented",
            sentence=found.reason or "",
            numbers={
                "loss": found.loss,
                "restoration": found.restoration,
                "moments": total,
                "days": t.grief_days,
                "minimum": t.grief_minimum,
                "side": side,
            },
            link=f"{link}#grief-h",
        )
    days = f"the last {t.grief_days} days"
    if total == 0:
        return f"Grief: no loss-related moments in {days}."
    if total < t.grief_minimum:
        return (
            f"Grief: {_moments_word(total)} about a loss in {days}; the one-sided check "
            f"needs {t.grief_minimum}."
        )
    return (
        f"Grief: in {days}, loss-related moments moved between both sides "
        f"({found.loss} loss-oriented, {found.restoration} restoration-oriented)."
    )


# ---------------------------------------------------------------- goodness of fit


def _mismatch_kind(moment: Moment) -> str:
    used = {orientation for _, _, orientation in moment.strategies}
    if moment.controllability == "can":
        return "can_emotion" if "emotion" in used else "can_avoidant"
    if moment.controllability == "cannot":
        return "cannot_problem" if "problem" in used else "cannot_avoidant"
    return "partly_avoidant"


def mismatch_pattern(moments: Sequence[Moment]) -> dict[str, int]:
    """How the moments that did not fit went, most common first (only kinds seen)."""
    judged = [m for m in moments if m.controllability in analytics.FITTING and m.strategies]
    counts = Counter(_mismatch_kind(m) for m in judged if not analytics.fits(m))
    order = list(MISMATCH_WORDS)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0]))))


def _pattern_words(pattern: Mapping[str, int]) -> str:
    parts = [f"{n} {MISMATCH_WORDS[kind]}" for kind, n in pattern.items()]
    return "; ".join(parts)


def _fit(moments: Sequence[Moment], now: datetime, t: Thresholds, link: str) -> Finding | str:
    window = _in_window(moments, now=now, days=t.fit_days)
    fit = analytics.goodness_of_fit(window)
    days = f"the last {t.fit_days} days"
    if fit.rate is None or fit.judged < t.fit_minimum:
        return (
            f"Goodness of fit: {_moments_word(fit.judged)} with a controllability rating and a "
            f"strategy in {days}; a finding needs {t.fit_minimum}."
        )
    if fit.rate >= t.fit_low_rate:
        rate = _pct(fit.rate)
        return f"Goodness of fit: {fit.fits} of {fit.judged} moments fitted in {days} ({rate} %)."
    pattern = mismatch_pattern(window)
    misses = fit.judged - fit.fits
    return Finding(
        kind=Kind.LOW_FIT,
        title=f"Low goodness of fit: {_pct(fit.rate)} % in {t.fit_days} days",
        sentence=(
            f"In {days}, {fit.fits} of {fit.judged} moments ({_pct(fit.rate)} %) were met with a "
            f"way of coping that suited how much of the situation could be changed. Of the "
            f"{misses} that did not, {_pattern_words(pattern)}. Problem-solving for what can be "
            "changed and soothing for what cannot may be worth exploring together."
        ),
        numbers={
            "judged": fit.judged,
            "fits": fit.fits,
            "mismatches": misses,
            "rate_percent": _pct(fit.rate),
            "days": t.fit_days,
            "minimum": t.fit_minimum,
            "low_percent": _pct(t.fit_low_rate),
            **{f"mismatch_{kind}": n for kind, n in pattern.items()},
        },
        link=f"{link}#fit-h",
    )


# ---------------------------------------------------------------- together


def review(
    moments: Sequence[Moment],
    *,
    now: datetime,
    evidence: str,
    thresholds: Thresholds = DEFAULT,
) -> Review:
    """The findings for one client as of `now`; `evidence` is the page the
    numbers are on (the client's coping page), anchors are added per finding."""
    findings: list[Finding] = []
    checked: list[str] = []
    for outcome in (
        _grief(moments, now, thresholds, evidence),
        _fit(moments, now, thresholds, evidence),
    ):
        if isinstance(outcome, Finding):
            findings.append(outcome)
        else:
            checked.append(outcome)
    return Review(findings=tuple(findings), checked=tuple(checked))


def worth_discussing(found: Review) -> str | None:
    """The gentle line for the therapist's caseload, or None."""
    if not found.findings:
        return None
    titles = (f.title[0].lower() + f.title[1:] for f in found.findings)
    return "Worth discussing: " + "; ".join(titles)


def beside_readiness(stage: int | None, *, decisions: int, agreed: bool | None) -> bool:
    """Where the findings matter on the journey page: in stage 2 (trauma
    processing), or in stage 1 while readiness for it is being weighed (a
    readiness decision has been recorded, or the client has said yes)."""
    if stage == 2:
        return True
    return stage == 1 and (decisions > 0 or agreed is True)
