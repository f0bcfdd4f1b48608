"""A person's records as one FHIR R4 Bundle (type collection), for their clinician's system.

The Bundle holds the Patient, the two Questionnaires, the CarePlan for the
current plan, every pain rating, PEG and activity check (QuestionnaireResponse
plus Observations derived from it) and every real session (Procedure);
demonstrations are left out. Inside the Bundle, resources refer to each other
by `urn:uuid:` full URLs made from the person and the record, so the same
record has the same URL in every export. Each resource is checked with the
FHIR models of `fhir.resources` before the Bundle is handed out (tests also
check it against the official R4 JSON schema: see docs/fhir.md).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection

from acupress.core.model import Knowledge
from acupress.services import fhir_resources as fr
from acupress.services.fhir_plan import care_plan, session_procedure
from acupress.services.plans import current_plan
from acupress.storage.assessments import latest_assessment
from acupress.storage.diary import list_entries
from acupress.storage.function_checks import list_function_checks
from acupress.storage.sessions import list_sessions
from acupress.storage.users import get_user

NAMESPACE = uuid.UUID("6f0b1f8e-3c36-5a8e-9d64-a00000000000")  # acupress's own: full URLs are uuid5(NAMESPACE, person/record)


def records_bundle(conn: Connection, user_id: int, kb: Knowledge) -> dict[str, Any]:
    user = get_user(conn, user_id)
    ref = _references(f"{user['username']}:{user_id}")
    pain, peg, psfs = (kb.questionnaires[m] for m in ("pain_nrs", "peg", "psfs"))
    resources: list[dict[str, Any]] = [_patient(user), fr.peg_questionnaire(peg), fr.psfs_questionnaire(psfs)]
    plan, assessment = current_plan(conn, user_id, kb), latest_assessment(conn, user_id)
    if plan is not None and assessment is not None and plan.steps:
        resources.append(care_plan(plan.to_dict(), _aware(assessment["created_at"]), kb, ref))
    for entry in list_entries(conn, user_id):
        resources.append(fr.pain_observation(f"pain-{entry['id']}", entry["pain"], entry["recorded_at"], pain, ref,
                                             note=entry["note"]))
        if entry["peg_score"] is not None:
            resources += [fr.peg_response(entry, peg, ref), *fr.peg_observations(entry, peg, ref)]
    for check in list_function_checks(conn, user_id):
        resources += [fr.psfs_response(check, psfs, ref), fr.psfs_observation(check, psfs, ref)]
    current = plan.answers.to_dict() if plan is not None else None
    for session in list_sessions(conn, user_id, include_plan=True, include_demo=False):
        resources += _session(session, kb, ref, based_on=current is not None and session["plan"].get("answers") == current
                              and any(r["resourceType"] == "CarePlan" for r in resources))
    bundle = {"resourceType": "Bundle", "type": "collection", "timestamp": datetime.now(UTC).isoformat(),
              "entry": [{"fullUrl": ref(f"{r['resourceType']}/{r['id']}"), "resource": r} for r in resources]}
    check_r4b(bundle)
    return bundle


def _references(person: str) -> fr.Ref:
    def ref(key: str) -> str:
        return "urn:uuid:" + str(uuid.uuid5(NAMESPACE, f"{person}/{'Patient/self' if key == 'Patient' else key}"))
    return ref


def _patient(user: dict[str, Any]) -> dict[str, Any]:
    patient: dict[str, Any] = {"resourceType": "Patient", "id": "self", "active": True}
    if not user["is_local"]:  # a local install knows no name: "You"
        patient["name"] = [{"text": user["display_name"]}]
    return patient


def _session(session: dict[str, Any], kb: Knowledge, ref: fr.Ref, based_on: bool) -> list[dict[str, Any]]:
    procedure = session_procedure(session, kb, ref, based_on)
    resources = [procedure]
    pain = kb.questionnaires["pain_nrs"]
    for moment, key, label in (("started_at", "before", "Pain before a session"), ("ended_at", "after", "Pain after a session")):
        if session[f"pain_{key}"] is not None:
            resources.append(fr.pain_observation(f"session-{session['id']}-{key}", session[f"pain_{key}"], session[moment],
                                                 pain, ref, label=label, part_of=f"Procedure/{procedure['id']}"))
    return resources


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite hands back naive UTC


def check_r4b(bundle: dict[str, Any]) -> None:
    """Raise if any resource is not valid FHIR by the models of fhir.resources (R4B, which R4 systems read)."""
    from fhir.resources.R4B import get_fhir_model_class

    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    get_fhir_model_class("Bundle").model_validate(bundle)
