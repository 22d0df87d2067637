"""FHIR R4B export (instruments.md, "FHIR"): every shipped instrument's resources
validate against the fhir.resources R4B models and say exactly what the
definition says."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, TypeVar

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from mend.interop import fhir
from mend.measures import Instrument, instruments, score

BASE = "https://mend.example.org"
WHEN = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
PATIENT = "Patient/p1"
RESPONSE = "r1"
MEASURES = f"{BASE}/fhir/CodeSystem/mend-measures"
IDS = sorted(instruments())

Resource = dict[str, Any]
M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], resource: Resource) -> M:
    """Valid R4B, JSON-ready, and unchanged by a trip through the model's JSON."""
    assert json.loads(json.dumps(resource)) == resource
    parsed = model.model_validate(resource)
    assert model.model_validate_json(parsed.model_dump_json()) == parsed
    return parsed


def first_answers(instrument: Instrument) -> list[int | None]:
    return [item.answers[0].value for item in instrument.items]


def response(
    instrument: Instrument, answers: Sequence[int | None], status: fhir.Status = "completed"
) -> Resource:
    return fhir.questionnaire_response(
        instrument,
        response_id=RESPONSE,
        patient_ref=PATIENT,
        answers=answers,
        authored=WHEN,
        status=status,
        base_url=BASE,
    )


def export(instrument_id: str, answers: Sequence[int | None]) -> list[Resource]:
    found = fhir.observations(
        instruments()[instrument_id],
        score(instrument_id, answers),
        response_id=RESPONSE,
        patient_ref=PATIENT,
        effective=WHEN,
        base_url=BASE,
    )
    for observation in found:
        validated(Observation, observation)
    return found


def by_code(observations: list[Resource]) -> dict[str, Resource]:
    return {o["code"]["coding"][0]["code"]: o for o in observations}


def questions(resource: Resource) -> list[Resource]:
    return [item for item in resource["item"] if item["type"] != "display"]


# ---------------------------------------------------------------- Questionnaire


@pytest.mark.parametrize("instrument_id", IDS)
def test_questionnaire_validates_and_round_trips(instrument_id: str) -> None:
    resource = fhir.questionnaire(instruments()[instrument_id], base_url=BASE)
    parsed = validated(Questionnaire, resource)
    # the model keeps every field we wrote, as we wrote it
    assert parsed.model_dump(mode="json") == resource


@pytest.mark.parametrize("instrument_id", IDS)
def test_questionnaire_says_exactly_what_the_definition_says(instrument_id: str) -> None:
    instrument = instruments()[instrument_id]
    found = questions(fhir.questionnaire(instrument, base_url=BASE))
    assert len(found) == len(instrument.items)
    for item, question in zip(instrument.items, found, strict=True):
        assert question["linkId"] == (item.key or str(item.number))
        assert question["text"] == item.text
        assert question["type"] == "choice"
        assert question["required"] is item.scored
        assert question.get("code") == (
            [{"system": fhir.LOINC, "code": item.loinc}] if item.loinc else None
        )
        options = question["answerOption"]
        assert [o["valueCoding"]["code"] for o in options] == [str(v) for v in item.values]
        assert [o["valueCoding"].get("display") for o in options] == [a.label for a in item.answers]
        assert [o["extension"] for o in options] == [
            [{"url": fhir.ORDINAL_VALUE, "valueDecimal": v}] for v in item.values
        ]


@pytest.mark.parametrize("instrument_id", IDS)
def test_questionnaire_identity_code_and_copyright(instrument_id: str) -> None:
    instrument = instruments()[instrument_id]
    resource = fhir.questionnaire(instrument, base_url=BASE)
    fhir_id = instrument_id.replace("_", "-")
    assert resource["id"] == fhir_id
    assert resource["url"] == f"{BASE}/fhir/Questionnaire/{fhir_id}"
    assert resource["title"] == instrument.name
    assert resource["status"] == "active"
    assert resource["name"][0].isupper() and resource["name"].isalnum()
    assert resource["copyright"].startswith(instrument.citation)
    assert "Licence: " in resource["copyright"]
    if instrument.loinc_panel:
        assert resource["code"] == [{"system": fhir.LOINC, "code": instrument.loinc_panel}]
    else:
        assert "code" not in resource


def test_codes_and_names_of_known_instruments() -> None:
    phq9 = fhir.questionnaire(instruments()["phq9"], base_url=BASE)
    assert (phq9["name"], phq9["code"][0]["code"]) == ("PHQ9", "44249-1")
    assert fhir.questionnaire(instruments()["pcl5"], base_url=BASE)["code"][0]["code"] == (
        "101697-1"
    )
    brief_cope = fhir.questionnaire(instruments()["brief_cope"], base_url=BASE)
    assert (brief_cope["id"], brief_cope["name"]) == ("brief-cope", "BriefCOPE")
    licence = fhir.questionnaire(instruments()["brs"], base_url=BASE)["copyright"]
    assert "permission to use not yet verified" in licence


def test_the_stem_is_a_leading_display_item() -> None:
    phq9 = fhir.questionnaire(instruments()["phq9"], base_url=BASE)
    assert phq9["item"][0] == {
        "linkId": "stem",
        "type": "display",
        "text": instruments()["phq9"].stem,
    }
    brs = fhir.questionnaire(instruments()["brs"], base_url=BASE)  # no stem
    assert all(item["type"] == "choice" for item in brs["item"])


def test_unlabelled_answers_have_no_display() -> None:
    brs = questions(fhir.questionnaire(instruments()["brs"], base_url=BASE))
    codings = [option["valueCoding"] for option in brs[0]["answerOption"]]
    assert [c.get("display") for c in codings] == [
        "strongly disagree",
        None,
        None,
        None,
        "strongly agree",
    ]


def test_phq9_difficulty_item_is_keyed_optional_and_coded_apart() -> None:
    found = questions(fhir.questionnaire(instruments()["phq9"], base_url=BASE))
    difficulty = found[-1]
    assert (difficulty["linkId"], difficulty["required"]) == ("difficulty", False)
    assert "code" not in difficulty
    systems = {o["valueCoding"]["system"] for o in difficulty["answerOption"]}
    assert systems == {f"{BASE}/fhir/CodeSystem/phq9-answers-difficulty"}
    assert found[0]["answerOption"][0]["valueCoding"]["system"] == (
        f"{BASE}/fhir/CodeSystem/phq9-answers"
    )


@pytest.mark.parametrize("instrument_id", IDS)
def test_an_answer_code_means_one_label(instrument_id: str) -> None:
    meaning: dict[tuple[str, str], str | None] = {}
    for question in questions(fhir.questionnaire(instruments()[instrument_id], base_url=BASE)):
        for option in question["answerOption"]:
            coding = option["valueCoding"]
            key = (coding["system"], coding["code"])
            assert meaning.setdefault(key, coding.get("display")) == coding.get("display")


def test_base_url_must_be_absolute_and_may_end_in_a_slash() -> None:
    phq9 = instruments()["phq9"]
    assert fhir.questionnaire(phq9, base_url=BASE + "/") == fhir.questionnaire(phq9, base_url=BASE)
    with pytest.raises(ValueError, match="base_url"):
        fhir.questionnaire(phq9, base_url="mend.example.org")


# ---------------------------------------------------------------- QuestionnaireResponse


def assert_answers_are_options(resource: Resource, instrument: Instrument) -> None:
    """Every answer is one of its question's options (what a FHIR validator checks)."""
    options = {
        q["linkId"]: [o["valueCoding"] for o in q["answerOption"]]
        for q in questions(fhir.questionnaire(instrument, base_url=BASE))
    }
    for item in resource.get("item", []):
        (answer,) = item["answer"]
        assert answer["valueCoding"] in options[item["linkId"]]


@pytest.mark.parametrize("instrument_id", IDS)
def test_complete_response_validates(instrument_id: str) -> None:
    instrument = instruments()[instrument_id]
    resource = response(instrument, first_answers(instrument))
    validated(QuestionnaireResponse, resource)
    assert resource["status"] == "completed"
    assert resource["questionnaire"] == fhir.questionnaire(instrument, base_url=BASE)["url"]
    assert resource["subject"] == {"reference": PATIENT}
    assert resource["authored"] == "2026-11-01T09:30:00+00:00"
    assert len(resource["item"]) == len(instrument.items)
    assert [i["text"] for i in resource["item"]] == [i.text for i in instrument.items]
    assert_answers_are_options(resource, instrument)


@pytest.mark.parametrize("instrument_id", IDS)
def test_draft_response_validates_and_skips_missing_answers(instrument_id: str) -> None:
    instrument = instruments()[instrument_id]
    scored = instrument.scored_items
    answers = [item.answers[-1].value if item.number % 2 else None for item in scored]
    resource = response(instrument, answers, status="in-progress")
    validated(QuestionnaireResponse, resource)
    assert resource["status"] == "in-progress"
    assert [i["linkId"] for i in resource["item"]] == [
        str(item.number) for item in scored if item.number % 2
    ]
    assert_answers_are_options(resource, instrument)


def test_an_empty_draft_has_no_items() -> None:
    phq9 = instruments()["phq9"]
    resource = response(phq9, [None] * 9, status="in-progress")
    validated(QuestionnaireResponse, resource)
    assert "item" not in resource


def test_phq9_difficulty_answer_is_keyed() -> None:
    phq9 = instruments()["phq9"]
    resource = response(phq9, [None] * 9 + [2], status="in-progress")
    assert resource["item"] == [
        {
            "linkId": "difficulty",
            "text": phq9.items[9].text,
            "answer": [
                {
                    "valueCoding": {
                        "system": f"{BASE}/fhir/CodeSystem/phq9-answers-difficulty",
                        "code": "2",
                        "display": "Very difficult",
                    }
                }
            ],
        }
    ]


def test_authored_keeps_its_own_timezone() -> None:
    phq9 = instruments()["phq9"]
    vienna = WHEN.astimezone(timezone(timedelta(hours=1)))
    resource = fhir.questionnaire_response(
        phq9,
        response_id=RESPONSE,
        patient_ref=PATIENT,
        answers=[0] * 9,
        authored=vienna,
        status="completed",
        base_url=BASE,
    )
    assert resource["authored"] == "2026-11-01T10:30:00+01:00"


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"authored": datetime(2026, 11, 1, 9, 30)}, "timezone"),
        ({"status": "amended"}, "status"),
        ({"answers": [0] * 8}, "expected 9 or 10 answers"),
        ({"answers": [0] * 8 + [4]}, "item 9"),
        ({"answers": [True] + [0] * 8}, "item 1"),
        ({"response_id": "r_1"}, "FHIR id"),
    ],
)
def test_questionnaire_response_refuses_what_it_cannot_say(
    change: dict[str, Any], match: str
) -> None:
    arguments: dict[str, Any] = {
        "response_id": RESPONSE,
        "patient_ref": PATIENT,
        "answers": [0] * 9,
        "authored": WHEN,
        "status": "completed",
        "base_url": BASE,
    } | change
    with pytest.raises(ValueError, match=match):
        fhir.questionnaire_response(instruments()["phq9"], **arguments)


# ---------------------------------------------------------------- Observations


def test_phq9_total_is_loinc_with_its_band_and_flags() -> None:
    found = export("phq9", [2, 2, 2, 2, 2, 1, 1, 1, 1])  # 14, moderate; item 9 answered 1
    assert [o["id"] for o in found] == ["r1-total", "r1-flag-risk", "r1-flag-caseness"]
    total = found[0]
    assert total["code"]["coding"] == [{"system": fhir.LOINC, "code": "44261-6"}]
    assert total["valueQuantity"] == {
        "value": 14,
        "unit": "{score}",
        "system": "http://unitsofmeasure.org",
        "code": "{score}",
    }
    assert total["interpretation"][0]["text"] == "moderate"
    assert total["status"] == "final"
    assert total["category"][0]["coding"][0]["code"] == "survey"
    assert total["subject"] == {"reference": PATIENT}
    assert total["effectiveDateTime"] == "2026-11-01T09:30:00+00:00"
    assert total["derivedFrom"] == [{"reference": "QuestionnaireResponse/r1"}]
    assert "note" not in total
    flags = by_code(found[1:])
    assert flags["phq9-flag-risk"]["valueCodeableConcept"]["coding"] == [
        {"system": MEASURES, "code": "positive", "display": "positive"}
    ]
    assert flags["phq9-flag-risk"]["interpretation"][0]["coding"][0]["code"] == "POS"
    caseness = flags["phq9-flag-caseness"]
    assert caseness["valueCodeableConcept"]["text"] == "positive"
    assert caseness["note"] == [{"text": "Judged against a cut-off of 10."}]


def test_missing_phq9_item_9_makes_risk_unknown() -> None:
    found = by_code(export("phq9", [1, 1, 1, 1, 1, 1, 1, 1, None]))
    risk = found["phq9-flag-risk"]
    assert risk["valueCodeableConcept"]["coding"][0]["code"] == "unknown"
    assert risk["interpretation"][0]["coding"][0]["code"] == "IND"
    assert risk["note"] == [{"text": "Cannot tell: item 9 was not answered."}]
    total = found["44261-6"]
    assert total["valueQuantity"]["value"] == 9
    assert "Prorated: item 9 was not answered" in total["note"][0]["text"]


def test_an_unscorable_response_has_no_total_but_keeps_its_risk_flag() -> None:
    found = by_code(export("phq9", [None, None, None, 0, 0, 0, 0, 0, 1]))
    assert set(found) == {"phq9-flag-risk", "phq9-flag-caseness"}
    assert found["phq9-flag-risk"]["valueCodeableConcept"]["text"] == "positive"
    caseness = found["phq9-flag-caseness"]
    assert caseness["valueCodeableConcept"]["text"] == "unknown"
    assert caseness["note"][0]["text"].startswith("Cannot tell: 3 of 9 items are missing")


def test_pcl5_total_is_loinc_and_clusters_use_project_codes() -> None:
    found = by_code(export("pcl5", [2] * 20))
    total = found["101698-9"]
    assert total["valueQuantity"]["value"] == 40
    assert "interpretation" not in total  # no published bands
    clusters = {
        code: found[code]["valueQuantity"]["value"] for code in found if "-flag-" not in code
    }
    assert clusters == {"101698-9": 40, "pcl5-B": 10, "pcl5-C": 4, "pcl5-D": 14, "pcl5-E": 12}
    assert found["pcl5-B"]["code"]["coding"][0]["system"] == MEASURES
    assert found["pcl5-B"]["id"] == "r1-subscale-B"
    cutoff = found["pcl5-flag-probable_ptsd"]
    assert cutoff["valueCodeableConcept"]["text"] == "positive"
    assert cutoff["note"] == [{"text": "Judged against a cut-off of 33."}]


def test_brief_cope_has_no_total_only_scales_and_groupings() -> None:
    instrument = instruments()["brief_cope"]
    found = export("brief_cope", [2] * len(instrument.items))
    codes = [o["code"]["coding"][0] for o in found]
    assert {c["system"] for c in codes} == {MEASURES}
    scoring = instrument.scoring
    assert [c["code"] for c in codes] == [
        f"brief_cope-{key}"
        for key in [s.id for s in scoring.subscales] + [g.id for g in scoring.groupings]
    ]
    assert "brief_cope-total" not in {c["code"] for c in codes}
    assert by_code(found)["brief_cope-active_coping"]["valueQuantity"]["value"] == 4
    assert by_code(found)["brief_cope-problem_focused"]["id"] == "r1-grouping-problem-focused"


def test_core10_total_uses_the_project_code_with_its_band() -> None:
    found = by_code(export("core10", [1] * 10))  # items 2 and 3 reversed: 8 + 3 + 3 = 14
    total = found["core10-total"]
    assert total["code"] == {
        "coding": [{"system": MEASURES, "code": "core10-total", "display": "CORE-10 total score"}],
        "text": "CORE-10 total score",
    }
    assert total["valueQuantity"]["value"] == score("core10", [1] * 10).total
    band = score("core10", [1] * 10).band
    assert band is not None
    assert total["interpretation"] == [
        {
            "coding": [
                {
                    "system": MEASURES,
                    "code": f"core10-band-{band.replace(' ', '-')}",
                    "display": band,
                }
            ],
            "text": band,
        }
    ]


def test_who5_exports_its_percentage_and_brs_its_mean() -> None:
    who5 = by_code(export("who5", [3] * 5))
    assert who5["who5-percentage"]["valueQuantity"]["value"] == 60
    brs = by_code(export("brs", [4, 2, 4, 2, 4, 1]))  # mean (4+4+4+4+4+5)/6 = 4.17
    assert brs["brs-total"]["valueQuantity"]["value"] == pytest.approx(4.17)


@pytest.mark.parametrize("instrument_id", IDS)
def test_every_observation_has_its_own_id_and_code(instrument_id: str) -> None:
    found = export(instrument_id, first_answers(instruments()[instrument_id]))
    assert found
    assert len({o["id"] for o in found}) == len(found)
    assert len(by_code(found)) == len(found)


def test_observations_refuse_another_instruments_score_or_a_naive_time() -> None:
    arguments: dict[str, Any] = {
        "response_id": RESPONSE,
        "patient_ref": PATIENT,
        "effective": WHEN,
        "base_url": BASE,
    }
    with pytest.raises(ValueError, match="not a score of gad7"):
        fhir.observations(instruments()["gad7"], score("phq9", [0] * 9), **arguments)
    arguments["effective"] = datetime(2026, 11, 1, 9, 30)
    with pytest.raises(ValueError, match="timezone"):
        fhir.observations(instruments()["phq9"], score("phq9", [0] * 9), **arguments)


@st.composite
def any_response(draw: st.DrawFn) -> tuple[str, list[int | None]]:
    instrument_id = draw(st.sampled_from(IDS))
    items = instruments()[instrument_id].items
    answers = [draw(st.none() | st.sampled_from(item.values)) for item in items]
    return instrument_id, answers


@settings(max_examples=60, deadline=None)
@given(any_response())
def test_any_response_exports_valid_resources(case: tuple[str, list[int | None]]) -> None:
    instrument_id, answers = case
    instrument = instruments()[instrument_id]
    result = score(instrument_id, answers)
    draft = response(instrument, answers, status="in-progress")
    validated(QuestionnaireResponse, draft)
    assert len(draft.get("item", [])) == sum(a is not None for a in answers)
    found = export(instrument_id, answers)
    flags = [o for o in found if o["id"].startswith("r1-flag-")]
    assert len(flags) == len(result.flags)  # never dropped, unknown or not
    assert any(o["id"] == "r1-total" for o in found) == (result.total is not None)


# ---------------------------------------------------------------- Bundle


def test_bundle_validates_and_its_references_resolve() -> None:
    phq9 = instruments()["phq9"]
    answers = [1, 0, 2, 0, 1, 0, 0, 0, 0, 1]
    resources = [
        fhir.questionnaire(phq9, base_url=BASE),
        response(phq9, answers),
        *export("phq9", answers),
    ]
    resource = fhir.bundle(resources, base_url=BASE)
    validated(Bundle, resource)
    assert resource["type"] == "collection"
    urls = [entry["fullUrl"] for entry in resource["entry"]]
    assert urls[:3] == [
        f"{BASE}/fhir/Questionnaire/phq9",
        f"{BASE}/fhir/QuestionnaireResponse/r1",
        f"{BASE}/fhir/Observation/r1-total",
    ]
    assert [entry["resource"] for entry in resource["entry"]] == resources
    for entry in resource["entry"][2:]:
        for reference in entry["resource"]["derivedFrom"]:
            assert f"{BASE}/fhir/{reference['reference']}" in urls
    assert resource["entry"][1]["resource"]["questionnaire"] == urls[0]


def test_bundle_holds_copies() -> None:
    questionnaire = fhir.questionnaire(instruments()["gad7"], base_url=BASE)
    resource = fhir.bundle([questionnaire], base_url=BASE)
    questionnaire["title"] = "changed"
    assert resource["entry"][0]["resource"]["title"] == instruments()["gad7"].name


def test_empty_bundle_validates() -> None:
    assert validated(Bundle, fhir.bundle([], base_url=BASE)).entry is None


def test_bundle_refuses_a_resource_twice_or_without_an_id() -> None:
    questionnaire = fhir.questionnaire(instruments()["gad7"], base_url=BASE)
    with pytest.raises(ValueError, match="twice"):
        fhir.bundle([questionnaire, questionnaire], base_url=BASE)
    with pytest.raises(ValueError, match="an id"):
        fhir.bundle([{"resourceType": "Observation"}], base_url=BASE)
