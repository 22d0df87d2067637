"""FHIR R4B export: an instrument as a Questionnaire, a response as a
QuestionnaireResponse, a score as Observations, and a `collection` Bundle.

Pure: definitions, answers and scores in, JSON-ready dicts out; no database, web
or clock (every time is passed in and must carry a timezone). fhir.resources is
a test dependency only: tests/unit/test_fhir.py validates what this module
builds for every shipped instrument against the R4B models.

Ids. FHIR ids allow only letters, digits, "-" and ".", so names are spelled with
"-" for "_" (`brief_cope` -> Questionnaire/brief-cope). Observation ids are the
response id plus what they hold (`r1-total`, `r1-subscale-B`, `r1-flag-risk`), so
exporting the same scored response twice gives the same resources.

Codes. LOINC where the definition gives one (instruments.md, "FHIR"); everything
else is in Mend's own code systems under `{base_url}/fhir/CodeSystem/`:
`mend-measures` for what was measured (`{instrument_id}-total`,
`{instrument_id}-{subscale or grouping}`, `{instrument_id}-{derived}`,
`{instrument_id}-flag-{flag}`, `{instrument_id}-band-{band}`) and the flag results
`positive`, `negative` and `unknown`; `{fhir id}-answers` for answer codes, which
are the answer values as text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from mend.measures.definitions import UNKNOWN, AnswerOption, Instrument, Item, Number
from mend.measures.scoring import NEGATIVE, POSITIVE, Score

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
STEM = "stem"  # linkId of the display item that shows the instrument's stem
STATUSES = ("completed", "in-progress")

Resource = dict[str, Any]
Status = Literal["completed", "in-progress"]

_FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
_NAME = re.compile(r"^[A-Z][A-Za-z0-9_]{0,254}$")  # invariant que-0
_LICENCES = {
    "public-domain": "public domain",
    "free-with-attribution": "free to use with attribution",
    "permission-unverified": "permission to use not yet verified",
    "non-commercial": "non-commercial use only",
    "not-shipped": "licensed separately, not shipped with Mend",
}
_SURVEY = {"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}
_INTERPRETATIONS = {
    POSITIVE: ("POS", "Positive"),
    NEGATIVE: ("NEG", "Negative"),
    UNKNOWN: ("IND", "Indeterminate"),
}


# ---------------------------------------------------------------- names and links


def fhir_id(name: str) -> str:
    """A Mend name as a FHIR id: FHIR ids have no "_" (brief_cope -> brief-cope)."""
    return name.replace("_", "-")


def questionnaire_url(instrument_id: str, *, base_url: str) -> str:
    """The instrument's canonical Questionnaire URL."""
    return f"{_root(base_url)}/fhir/Questionnaire/{fhir_id(instrument_id)}"


def link_id(item: Item) -> str:
    """The item's key where the definition gives one (PHQ-9 "difficulty"), else its number."""
    return item.key or str(item.number)


def _root(base_url: str) -> str:
    root = base_url.rstrip("/")
    if not root.startswith(("https://", "http://")):
        raise ValueError(f"base_url must be an absolute http(s) URL, not {base_url!r}")
    return root


def _checked_id(value: str) -> str:
    if not _FHIR_ID.match(value):
        raise ValueError(f"{value!r} is not a FHIR id (1-64 letters, digits, '-' or '.')")
    return value


def _datetime(value: datetime, what: str) -> str:
    # a FHIR dateTime with a time must have a zone; guessing one would shift the record
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{what} must be a datetime with a timezone, not {value!r}")
    return value.isoformat()


def _loinc(code: str) -> Resource:
    return {"system": LOINC, "code": code}


def _items_phrase(numbers: Sequence[int]) -> str:
    if len(numbers) == 1:
        return f"item {numbers[0]}"
    listed = ", ".join(map(str, numbers[:-1]))
    return f"items {listed} and {numbers[-1]}"


# ---------------------------------------------------------------- Questionnaire


def questionnaire(instrument: Instrument, *, base_url: str) -> Resource:
    """The instrument as a Questionnaire.

    Item texts and answer labels are exactly the definition's; the stem is a
    leading display item (linkId "stem") because it is part of what people read.
    Each answer's code is its value as text and its ordinalValue the value as
    answered, before any reversal for scoring. An answer with no published
    label (BRS 2-4) has no display rather than a made-up one.
    """
    root = _root(base_url)
    resource: Resource = {
        "resourceType": "Questionnaire",
        "id": _checked_id(fhir_id(instrument.id)),
        "url": questionnaire_url(instrument.id, base_url=root),
        "name": _machine_name(instrument),
        "title": instrument.name,
        "status": "active",
        "subjectType": ["Patient"],
        "copyright": _copyright(instrument),
    }
    if instrument.loinc_panel:
        resource["code"] = [_loinc(instrument.loinc_panel)]
    resource["item"] = _stem(instrument) + [
        _question(instrument, item, root) for item in instrument.items
    ]
    return resource


def _machine_name(instrument: Instrument) -> str:
    name = re.sub(r"[^A-Za-z0-9]", "", instrument.short_name)  # "PHQ-9" -> "PHQ9"
    return name if _NAME.match(name) else f"Mend{name}"


def _copyright(instrument: Instrument) -> str:
    licence = _LICENCES.get(instrument.licence, instrument.licence)
    parts = [instrument.citation, f"Licence: {licence}."]
    if instrument.licence_note:
        parts.append(instrument.licence_note)
    return " ".join(parts)


def _stem(instrument: Instrument) -> list[Resource]:
    if instrument.stem is None:
        return []
    if any(link_id(item) == STEM for item in instrument.items):
        raise ValueError(f"{instrument.id}: an item key {STEM!r} clashes with the stem's linkId")
    return [{"linkId": STEM, "type": "display", "text": instrument.stem}]


def _question(instrument: Instrument, item: Item, root: str) -> Resource:
    system = _answer_system(instrument, item, root)
    question: Resource = {"linkId": link_id(item), "text": item.text}
    if item.loinc:
        question["code"] = [_loinc(item.loinc)]
    question |= {
        "type": "choice",
        # not every scored item must be answered (PHQ-9 prorates 1-2 missing), but
        # a form should ask for all of them; unscored ones are truly optional
        "required": item.scored,
        "answerOption": [
            {
                "extension": [{"url": ORDINAL_VALUE, "valueDecimal": option.value}],
                "valueCoding": _answer_coding(system, option),
            }
            for option in item.answers
        ],
    }
    return question


def _answer_system(instrument: Instrument, item: Item, root: str) -> str:
    # Codes are the answer values, so one code must mean one label: an item with
    # its own answers (PHQ-9 difficulty, also coded 0-3) gets its own system.
    shared = f"{root}/fhir/CodeSystem/{fhir_id(instrument.id)}-answers"
    return shared if item.answers == instrument.items[0].answers else f"{shared}-{link_id(item)}"


def _answer_coding(system: str, option: AnswerOption) -> Resource:
    coding: Resource = {"system": system, "code": str(option.value)}
    if option.label is not None:
        coding["display"] = option.label
    return coding


# ---------------------------------------------------------------- QuestionnaireResponse


def questionnaire_response(
    instrument: Instrument,
    *,
    response_id: str,
    patient_ref: str,
    answers: Sequence[int | None],
    authored: datetime,
    status: Status,
    base_url: str,
) -> Resource:
    """One response: "completed" once submitted, "in-progress" for a draft.

    `answers` are as for scoring: item order, None for a missing item, trailing
    unscored items may be left off. Only answered items appear, since FHIR has
    no empty answer. Raises ValueError for a wrong count or value.
    """
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    root = _root(base_url)
    resource: Resource = {
        "resourceType": "QuestionnaireResponse",
        "id": _checked_id(response_id),
        "questionnaire": questionnaire_url(instrument.id, base_url=root),
        "status": status,
        "subject": {"reference": patient_ref},
        "authored": _datetime(authored, "authored"),
    }
    given = zip(instrument.items, _padded(instrument, answers), strict=True)
    items = [_answered(instrument, item, value, root) for item, value in given if value is not None]
    if items:  # FHIR forbids empty arrays
        resource["item"] = items
    return resource


def _padded(instrument: Instrument, answers: Sequence[int | None]) -> list[int | None]:
    given = list(answers)
    counts = sorted({len(instrument.scored_items), len(instrument.items)})
    if len(given) not in counts:
        expected = " or ".join(map(str, counts))
        raise ValueError(f"{instrument.id}: expected {expected} answers, got {len(given)}")
    given += [None] * (len(instrument.items) - len(given))
    for item, value in zip(instrument.items, given, strict=True):
        # bool is an int in Python, but True is never an answer
        if value is not None and (type(value) is not int or value not in item.values):
            raise ValueError(f"{instrument.id} item {item.number}: {value!r} is not an answer")
    return given


def _answered(instrument: Instrument, item: Item, value: int, root: str) -> Resource:
    option = next(option for option in item.answers if option.value == value)
    coding = _answer_coding(_answer_system(instrument, item, root), option)
    return {"linkId": link_id(item), "text": item.text, "answer": [{"valueCoding": coding}]}


# ---------------------------------------------------------------- Observations


@dataclass(frozen=True, slots=True)
class _Context:
    """What every Observation of one scored response shares."""

    instrument: Instrument
    score: Score
    response_id: str
    patient_ref: str
    effective: str
    system: str  # mend-measures

    def concept(self, code: str, display: str) -> Resource:
        coding = {"system": self.system, "code": code, "display": display}
        return {"coding": [coding], "text": display}

    def observation(self, suffix: str, code: Resource, value: Resource) -> Resource:
        return {
            "resourceType": "Observation",
            "id": _checked_id(f"{self.response_id}-{suffix}"),
            "status": "final",
            "category": [{"coding": [dict(_SURVEY)]}],
            "code": code,
            "subject": {"reference": self.patient_ref},
            "effectiveDateTime": self.effective,
            "derivedFrom": [{"reference": f"QuestionnaireResponse/{self.response_id}"}],
            **value,
        }


def observations(
    instrument: Instrument,
    score: Score,
    *,
    response_id: str,
    patient_ref: str,
    effective: datetime,
    base_url: str,
) -> list[Resource]:
    """The score as Observations, each derived from QuestionnaireResponse/{response_id}:
    the total (with its band as interpretation and a note when prorated), each
    derived view of it (WHO-5 percentage), each subscale and grouping, and each
    flag (including the clinical cut-off) as positive, negative or unknown.

    A value that is not there gets no Observation: an unscorable response (too
    many items missing) has no total or derived one, an instrument without a
    total (Brief COPE) only its subscales and groupings, and a subscale with a
    missing item none; the QuestionnaireResponse still holds every answer. We
    chose this over an Observation with a dataAbsentReason so that a trend built
    from Observations never meets a point without a value. Flags are always
    exported, "unknown" ones with a note saying why: risk signals are never dropped.
    """
    if score.instrument != instrument.id:
        raise ValueError(f"a {score.instrument} score is not a score of {instrument.id}")
    context = _Context(
        instrument=instrument,
        score=score,
        response_id=_checked_id(response_id),
        patient_ref=patient_ref,
        effective=_datetime(effective, "effective"),
        system=f"{_root(base_url)}/fhir/CodeSystem/mend-measures",
    )
    return [*_totals(context), *_parts(context), *_flags(context)]


def _quantity(value: Number) -> Resource:
    return {"valueQuantity": {"value": value, "unit": "{score}", "system": UCUM, "code": "{score}"}}


def _totals(context: _Context) -> list[Resource]:
    instrument, score = context.instrument, context.score
    if score.total is None:
        return []
    found = [_total(context, score.total)]
    for derived in instrument.scoring.derived:
        value = score.derived.get(derived.id)
        if value is not None:
            key = derived.id
            code = context.concept(f"{instrument.id}-{key}", f"{instrument.short_name} {key}")
            found.append(context.observation(f"derived-{fhir_id(key)}", code, _quantity(value)))
    return found


def _total(context: _Context, total: Number) -> Resource:
    instrument, score = context.instrument, context.score
    display = f"{instrument.short_name} total score"
    code = (
        {"coding": [_loinc(instrument.loinc_total)], "text": display}
        if instrument.loinc_total
        else context.concept(f"{instrument.id}-total", display)
    )
    observation = context.observation("total", code, _quantity(total))
    if score.band is not None:
        band_code = f"{instrument.id}-band-{score.band.replace(' ', '-')}"
        observation["interpretation"] = [context.concept(band_code, score.band)]
    if score.prorated:
        observation["note"] = [{"text": _prorated_note(score)}]
    return observation


def _prorated_note(score: Score) -> str:
    numbers = score.missing_items
    verb = "was" if len(numbers) == 1 else "were"
    return (
        f"Prorated: {_items_phrase(numbers)} {verb} not answered; each missing item "
        "counts as the mean of the answered ones."
    )


def _parts(context: _Context) -> list[Resource]:
    instrument, score = context.instrument, context.score
    scoring = instrument.scoring
    parts = [("subscale", s.id, s.name, score.subscales.get(s.id)) for s in scoring.subscales]
    parts += [("grouping", g.id, g.name, score.groupings.get(g.id)) for g in scoring.groupings]
    return [
        context.observation(
            f"{kind}-{fhir_id(key)}",
            context.concept(f"{instrument.id}-{key}", f"{instrument.short_name}: {name}"),
            _quantity(value),
        )
        for kind, key, name, value in parts
        if value is not None
    ]


def _flags(context: _Context) -> list[Resource]:
    return [_flag(context, name, result) for name, result in context.score.flags.items()]


def _flag(context: _Context, name: str, result: str) -> Resource:
    instrument = context.instrument
    if result not in _INTERPRETATIONS:
        raise ValueError(f"{instrument.id} flag {name}: unexpected result {result!r}")
    code, display = _INTERPRETATIONS[result]
    observation = context.observation(
        f"flag-{fhir_id(name)}",
        context.concept(f"{instrument.id}-flag-{name}", f"{instrument.short_name} {name}"),
        {
            "valueCodeableConcept": context.concept(result, result),
            "interpretation": [
                {"coding": [{"system": INTERPRETATION, "code": code, "display": display}]}
            ],
        },
    )
    notes = _flag_notes(context, name, result)
    if notes:
        observation["note"] = [{"text": note} for note in notes]
    return observation


def _flag_notes(context: _Context, name: str, result: str) -> list[str]:
    instrument, score = context.instrument, context.score
    notes = []
    if result == UNKNOWN:
        notes.append(_unknown_note(context, name))
    if instrument.cutoff is not None and name == instrument.cutoff.name:
        # the cut-off is a setting (PCL-5: 31-33), so say which one was used
        notes.append(f"Judged against a cut-off of {score.cutoff}.")
    return notes


def _unknown_note(context: _Context, name: str) -> str:
    instrument, score = context.instrument, context.score
    flag = next((flag for flag in instrument.flags if flag.name == name), None)
    if flag is not None and flag.source == "items":
        missing = [number for number in flag.items if number in score.missing_items]
        if missing:
            verb = "was" if len(missing) == 1 else "were"
            return f"Cannot tell: {_items_phrase(missing)} {verb} not answered."
        return "Cannot tell: an item this flag reads was not answered."
    if score.reason:
        return f"Cannot tell: {score.reason}"
    return "Cannot tell from the answers given."


# ---------------------------------------------------------------- Bundle


def bundle(resources: Iterable[Mapping[str, Any]], *, base_url: str) -> Resource:
    """A `collection` Bundle of copies of `resources`.

    Each entry's fullUrl is the resource's RESTful URL under `{base_url}/fhir`,
    so relative references such as QuestionnaireResponse/{id} resolve inside
    the bundle. Raises ValueError for a resource without a type or id, or one
    that is there twice.
    """
    root = _root(base_url)
    entries: list[Resource] = []
    seen: set[str] = set()
    for resource in resources:
        kind, key = resource.get("resourceType"), resource.get("id")
        if not kind or not key:
            raise ValueError("every resource in a bundle needs a resourceType and an id")
        url = f"{root}/fhir/{kind}/{key}"
        if url in seen:
            raise ValueError(f"{kind}/{key} is in the bundle twice")
        seen.add(url)
        entries.append({"fullUrl": url, "resource": copy.deepcopy(dict(resource))})
    result: Resource = {"resourceType": "Bundle", "type": "collection"}
    if entries:
        result["entry"] = entries
    return result
