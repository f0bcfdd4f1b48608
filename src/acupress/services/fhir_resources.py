"""FHIR R4 resources for one person's records, as the Structured Data Capture (SDC) pattern shapes them.

- The PEG and the activity check (PSFS) are Questionnaires with stable
  canonical URLs (questionnaires.yaml `fhir`); PEG carries its LOINC panel
  code 91148-7 and item codes, and is derived from LOINC's own PEG form.
- Each answered check is a QuestionnaireResponse, and the Observations
  extracted from it point back to it (`derivedFrom`): for the PEG a panel
  Observation (91148-7) whose members are the three items and the score
  (91147-9); for the PSFS one score Observation with each activity as a
  component.
- Pain ratings are Observations coded LOINC 72514-3.
- The plan is a CarePlan whose activities carry their schedules (the steps,
  and the pain, PEG and activity checks).
- A session is a Procedure, not an Observation: it is something the person
  did, over a period, which can be completed or `stopped` with a reason, and
  is `basedOn` the CarePlan; the pain before and after it are Observations
  that are `partOf` it.

Every function takes plain rows (as storage returns them) and a `ref` that
turns a local key such as "Patient" or "QuestionnaireResponse/peg-3" into the
reference used inside the Bundle.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from acupress.core.model import Questionnaire

Ref = Callable[[str], str]
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
SURVEY = [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey",
                       "display": "Survey"}]}]
SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
TIMING = {"daily": {"frequency": 1, "period": 1, "periodUnit": "d"}, "twice_daily": {"frequency": 2, "period": 1, "periodUnit": "d"}}


def canonical(measure: Questionnaire) -> str:
    return f"{measure.fhir['url']}|{measure.fhir['version']}"


def _score_quantity(value: float) -> dict[str, Any]:
    return {"value": value, "unit": "score", "system": UCUM, "code": "{score}"}


def _bounds(low: int, high: int) -> list[dict[str, Any]]:
    return [{"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": low},
            {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": high}]


def _extract() -> list[dict[str, Any]]:
    return [{"url": SDC + "sdc-questionnaire-observationExtract", "valueBoolean": True}]


def peg_questionnaire(measure: Questionnaire) -> dict[str, Any]:
    codes = measure.fhir
    items: list[dict[str, Any]] = [
        {"linkId": item.id, "code": [codes["items"][item.id]], "text": item.text, "type": "integer", "required": True,
         "extension": _bounds(0, 10) + _extract()} for item in measure.items]
    mean = " + ".join(f"%resource.item.where(linkId='{item.id}').answer.value" for item in measure.items)
    items.append({"linkId": "peg_score", "code": [codes["score"]], "text": "PEG score (the mean of the three items)",
                  "type": "decimal", "readOnly": True, "extension": [
                      {"url": SDC + "sdc-questionnaire-calculatedExpression",
                       "valueExpression": {"language": "text/fhirpath", "expression": f"(({mean}) / 3).round(1)"}},
                      *_extract()]})
    return {"resourceType": "Questionnaire", "id": "peg", "url": codes["url"], "version": codes["version"],
            "name": "PEG", "title": measure.title, "status": "active", "subjectType": ["Patient"],
            "derivedFrom": [codes["derived_from"]], "code": [codes["panel"]], "description": measure.intro,
            "copyright": "The PEG (Krebs et al., 2009) is free to use.", "item": items}


def psfs_questionnaire(measure: Questionnaire) -> dict[str, Any]:
    codes, limits = measure.fhir, measure.activities
    activity, ability = measure.items
    return {"resourceType": "Questionnaire", "id": "psfs", "url": codes["url"], "version": codes["version"],
            "name": "PSFS", "title": measure.title, "status": "active", "subjectType": ["Patient"],
            "description": measure.intro, "item": [
                {"linkId": "activity", "text": "Activity", "type": "group", "repeats": True, "required": True,
                 "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs",
                                "valueInteger": limits["max"]}], "item": [
                     {"linkId": "activity.name", "code": [codes["items"]["activity"]], "text": activity.text,
                      "type": "string", "required": True, "maxLength": limits["max_length"]},
                     {"linkId": "activity.ability", "code": [codes["items"]["ability"]], "text": ability.text,
                      "type": "integer", "required": True, "extension": _bounds(0, 10)}]},
                {"linkId": "psfs_score", "code": [codes["score"]], "text": "Score (the mean of the ratings)",
                 "type": "decimal", "readOnly": True, "extension": _extract()}]}


def peg_response(entry: dict[str, Any], measure: Questionnaire, ref: Ref) -> dict[str, Any]:
    items = [{"linkId": item.id, "text": item.text, "answer": [{"valueInteger": entry[item.id]}]} for item in measure.items]
    items.append({"linkId": "peg_score", "answer": [{"valueDecimal": entry["peg_score"]}]})
    return {"resourceType": "QuestionnaireResponse", "id": f"peg-{entry['id']}", "questionnaire": canonical(measure),
            "status": "completed", "subject": {"reference": ref("Patient")}, "authored": entry["recorded_at"].isoformat(),
            "item": items}


def peg_observations(entry: dict[str, Any], measure: Questionnaire, ref: Ref) -> list[dict[str, Any]]:
    """The panel, its three items and the score, each derived from the entry's QuestionnaireResponse."""
    key = f"peg-{entry['id']}"
    common = {"status": "final", "category": SURVEY, "subject": {"reference": ref("Patient")},
              "effectiveDateTime": entry["recorded_at"].isoformat(),
              "derivedFrom": [{"reference": ref(f"QuestionnaireResponse/{key}")}]}
    members = [{"resourceType": "Observation", "id": f"{key}-{item.id.replace('_', '-')}", **common,
                "code": {"coding": [measure.fhir["items"][item.id]], "text": item.text}, "valueInteger": entry[item.id]}
               for item in measure.items]
    members.append({"resourceType": "Observation", "id": f"{key}-score", **common,
                    "code": {"coding": [measure.fhir["score"]], "text": "PEG score"},
                    "valueQuantity": _score_quantity(entry["peg_score"])})
    panel = {"resourceType": "Observation", "id": key, **common, "code": {"coding": [measure.fhir["panel"]], "text": "PEG"},
             "hasMember": [{"reference": ref(f"Observation/{m['id']}")} for m in members]}
    return [panel, *members]


def psfs_response(check: dict[str, Any], measure: Questionnaire, ref: Ref) -> dict[str, Any]:
    groups = [{"linkId": "activity", "item": [
        {"linkId": "activity.name", "answer": [{"valueString": rating["activity"]}]},
        {"linkId": "activity.ability", "answer": [{"valueInteger": rating["ability"]}]}]} for rating in check["ratings"]]
    return {"resourceType": "QuestionnaireResponse", "id": f"psfs-{check['id']}", "questionnaire": canonical(measure),
            "status": "completed", "subject": {"reference": ref("Patient")}, "authored": check["recorded_at"].isoformat(),
            "item": [*groups, {"linkId": "psfs_score", "answer": [{"valueDecimal": check["score"]}]}]}


def psfs_observation(check: dict[str, Any], measure: Questionnaire, ref: Ref) -> dict[str, Any]:
    ability = measure.fhir["items"]["ability"]
    return {"resourceType": "Observation", "id": f"psfs-{check['id']}", "status": "final", "category": SURVEY,
            "code": {"coding": [measure.fhir["score"]], "text": "Patient-Specific Functional Scale score"},
            "subject": {"reference": ref("Patient")}, "effectiveDateTime": check["recorded_at"].isoformat(),
            "derivedFrom": [{"reference": ref(f"QuestionnaireResponse/psfs-{check['id']}")}],
            "valueQuantity": _score_quantity(check["score"]),
            "component": [{"code": {"coding": [ability], "text": rating["activity"]}, "valueInteger": rating["ability"]}
                          for rating in check["ratings"]]}


def pain_observation(key: str, pain: int, when: datetime, measure: Questionnaire, ref: Ref, label: str = "Pain now",
                     note: str = "", part_of: str | None = None) -> dict[str, Any]:
    observation: dict[str, Any] = {
        "resourceType": "Observation", "id": key, "status": "final", "category": SURVEY,
        "code": {"coding": [measure.fhir["score"]], "text": f"{label} (0-10)"}, "subject": {"reference": ref("Patient")},
        "effectiveDateTime": when.isoformat(), "valueInteger": pain}
    if part_of is not None:
        observation["partOf"] = [{"reference": ref(part_of)}]
    if note.strip():
        observation["note"] = [{"text": note}]
    return observation
