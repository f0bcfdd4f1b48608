"""A person's pain diary as a FHIR R4 Bundle, for their clinician's records.

Pain ratings (diary entries, and pain before and after each session) are
Observations coded with LOINC 72514-3 (0-10 numeric rating, reported); PEG
scores carry their three items as components, described in text because we
ship no code for them. The Bundle is checked against the FHIR models of
`fhir.resources` (its R4B package, which shares R4's Patient, Observation
and Bundle) before it is handed out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection

from acupress.storage.diary import list_entries
from acupress.storage.sessions import list_sessions

PAIN_CODE = {"system": "http://loinc.org", "code": "72514-3",
             "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
SURVEY = [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey",
                       "display": "Survey"}]}]
PATIENT = {"resourceType": "Patient", "id": "self", "active": True}
PEG_ITEMS = (("peg_pain", "Average pain, past week (0-10)"),
             ("peg_enjoyment", "Pain interfered with enjoyment of life, past week (0-10)"),
             ("peg_activity", "Pain interfered with general activity, past week (0-10)"))


def _pain(resource_id: str, pain: int, when: datetime, note: str = "", label: str = "Pain now") -> dict[str, Any]:
    observation: dict[str, Any] = {
        "resourceType": "Observation", "id": resource_id, "status": "final", "category": SURVEY,
        "code": {"coding": [PAIN_CODE], "text": f"{label} (0-10)"}, "subject": {"reference": "Patient/self"},
        "effectiveDateTime": when.isoformat(), "valueInteger": pain,
    }
    if note.strip():
        observation["note"] = [{"text": note}]
    return observation


def _peg(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Observation", "id": f"peg-{entry['id']}", "status": "final", "category": SURVEY,
        "code": {"text": "PEG score: mean of three 0-10 items (Krebs 2009)"}, "subject": {"reference": "Patient/self"},
        "effectiveDateTime": entry["recorded_at"].isoformat(),
        "valueQuantity": {"value": entry["peg_score"], "unit": "score", "system": "http://unitsofmeasure.org", "code": "{score}"},
        "component": [{"code": {"text": text}, "valueInteger": entry[key]} for key, text in PEG_ITEMS],
    }


def pain_bundle(conn: Connection, user_id: int) -> dict[str, Any]:
    resources: list[dict[str, Any]] = [PATIENT]
    for entry in list_entries(conn, user_id):
        resources.append(_pain(f"pain-{entry['id']}", entry["pain"], entry["recorded_at"], entry["note"]))
        if entry["peg_score"] is not None:
            resources.append(_peg(entry))
    for session in list_sessions(conn, user_id, include_demo=False):  # demonstrations are not outcome data
        for moment, key, label in (("started_at", "before", "Pain before a session"),
                                   ("ended_at", "after", "Pain after a session")):
            if session[f"pain_{key}"] is not None:
                resources.append(_pain(f"session-{session['id']}-{key}", session[f"pain_{key}"], session[moment], label=label))
    bundle = {"resourceType": "Bundle", "type": "collection", "timestamp": datetime.now(UTC).isoformat(),
              "entry": [{"fullUrl": f"urn:acupress:{r['resourceType']}/{r['id']}", "resource": r} for r in resources]}
    _check(bundle)
    return bundle


def _check(bundle: dict[str, Any]) -> None:
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(bundle)  # raises if we ever produce something that is not FHIR
