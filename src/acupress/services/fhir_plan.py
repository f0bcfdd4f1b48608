"""The plan as a FHIR R4 CarePlan, and each guided session as a Procedure based on it (see fhir_resources.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from acupress.core.model import Knowledge
from acupress.services.fhir_resources import TIMING, Ref, canonical

MEASURE_TIMING = {"pain_nrs": "Rate your back pain (0-10)", "peg": "Weekly check (PEG)", "psfs": "Activity check (PSFS)"}


def care_plan(plan: dict[str, Any], created: datetime, kb: Knowledge, ref: Ref) -> dict[str, Any]:
    """The person's current plan: its steps with their schedule and how to do them, and the checks to answer."""
    weeks = plan["protocol"].get("weeks")
    period: dict[str, Any] = {"start": created.isoformat()}
    if weeks:
        period["end"] = (created + timedelta(weeks=weeks)).isoformat()
    resource: dict[str, Any] = {
        "resourceType": "CarePlan", "id": "plan", "status": "active", "intent": "plan",
        "title": f"{plan['protocol']['name']}: acupressure self-care for {plan['duration_text']}",
        "description": plan["protocol"]["description"], "subject": {"reference": ref("Patient")},
        "period": period, "created": created.isoformat(),
        "activity": [_step_activity(step) for step in plan["steps"]] + _check_activities(kb),
    }
    notes = [w["message"] for w in plan["warnings"]] + [a["message"] for a in plan.get("core_advice", [])]
    if notes:
        resource["note"] = [{"text": text} for text in notes]
    return resource


def _step_activity(step: dict[str, Any]) -> dict[str, Any]:
    each = "each side" if step["minutes_are"] == "per side" else "in total"
    detail: dict[str, Any] = {
        "code": {"text": step["name"]}, "status": "in-progress",
        "description": f"{step['intensity'].capitalize()}, {step['minutes']:g} min {each}. {step['technique']}"}
    timing = TIMING.get(step["frequency"])
    if timing is not None:
        detail["scheduledTiming"] = {"repeat": timing, "code": {"text": step["frequency_text"]}}
    else:
        detail["scheduledString"] = step["frequency_text"]
    return {"detail": detail}


def _check_activities(kb: Knowledge) -> list[dict[str, Any]]:
    activities = []
    for measure_id, name in MEASURE_TIMING.items():
        measure = kb.questionnaires[measure_id]
        assert measure.schedule is not None
        detail: dict[str, Any] = {"code": {"text": name}, "status": "in-progress",
                                  "scheduledTiming": {"repeat": {"frequency": 1, "period": measure.schedule.every_days,
                                                                 "periodUnit": "d"}}}
        if "url" in measure.fhir:
            detail["instantiatesCanonical"] = [canonical(measure)]
        activities.append({"detail": detail})
    return activities


def session_procedure(session: dict[str, Any], kb: Knowledge, ref: Ref, based_on_plan: bool) -> dict[str, Any]:
    """A guided session: done over a period, completed or stopped (with why), based on the plan if it followed it."""
    resource: dict[str, Any] = {
        "resourceType": "Procedure", "id": f"session-{session['id']}",
        "status": "completed" if session["completed"] else "stopped",
        "code": {"text": "Self-acupressure session, guided by acupress"}, "subject": {"reference": ref("Patient")},
        "performedPeriod": {"start": session["started_at"].isoformat(), "end": session["ended_at"].isoformat()},
    }
    reason = kb.stop_reasons.get(session["stop_reason"] or "")
    if not session["completed"] and reason is not None:
        resource["statusReason"] = {"text": reason.label}
    if based_on_plan:
        resource["basedOn"] = [{"reference": ref("CarePlan/plan")}]
    steps = [f"{s['step_id']}{' ' + s['side'] if s.get('side') else ''} {s['seconds'] // 60} min {s['seconds'] % 60} s"
             for s in session["steps_done"]]
    if steps:
        resource["note"] = [{"text": "Steps done: " + "; ".join(steps)}]
    return resource
