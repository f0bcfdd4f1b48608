"""The practitioner's dashboard: one row per linked patient, and a page per patient.

Reuses the patient's own diary maths (services/summary.py, core/diary.py), so
both see the same numbers. Patients whose answers reported a warning sign
come first, whatever the sort.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from acupress.core.answers import parse_answers
from acupress.core.diary import ADHERENCE_WINDOW_DAYS
from acupress.core.follow_up import program_adherence, safety_stops, warning_signs
from acupress.core.model import Knowledge
from acupress.errors import InvalidInput
from acupress.services.plans import current_plan, current_prescription
from acupress.services.summary import peg_change_of, recent_records, user_summary
from acupress.services.today import person_now
from acupress.storage import care, sessions
from acupress.storage.assessments import list_assessments

SORTS = {
    "name": lambda row: row["display_name"].lower(),
    "adherence": lambda row: row["adherence"].share,
    "pain": lambda row: row["last_pain"] if row["last_pain"] is not None else -1,
    "pain_change": lambda row: row["pain_change"].points if row["pain_change"] else -99.0,
    "peg_change": lambda row: row["peg_change"].points if row["peg_change"] else -99.0,
    "stops": lambda row: row["stops"],
    "since": lambda row: row["since"],
}


def patient_row(conn: Connection, patient: dict[str, Any], kb: Knowledge, practitioner_id: int) -> dict[str, Any]:
    """What the dashboard shows for one patient."""
    today = person_now(conn, patient["id"]).date()
    summary = user_summary(conn, patient["id"], today, kb)
    window_start = today - timedelta(days=ADHERENCE_WINDOW_DAYS - 1)
    recent = sessions.sessions_by_day(conn, patient["id"], window_start)
    session_days, first_day = summary["session_days"], summary["first_day"]
    prescription = current_prescription(conn, patient["id"], kb, practitioner_id=practitioner_id)
    flags = _flags_since(conn, patient, kb)
    pain, peg = summary["change"], peg_change_of(conn, patient["id"], today, kb)
    return {
        **patient,
        "today": today,
        "summary": summary,
        "prescription": prescription,
        "adherence": program_adherence(session_days, prescription, first_day, today),
        "last_pain": summary["last_entry"]["pain"] if summary["last_entry"] else None,
        "pain_change": pain,
        "peg_change": peg,
        "meaningful": bool((pain and pain.meaningful) or (peg and peg.meaningful)),
        "stops": safety_stops((s["stop_reason"] for s in recent), kb),
        "flags": flags,
        "flag_words": [_flag_words(kb, flag_id) for flag_id in flags.reported],
    }


def _flags_since(conn: Connection, patient: dict[str, Any], kb: Knowledge) -> Any:
    """Warning signs in the answers saved since the patient linked (and their latest answers before that)."""
    saved = list_assessments(conn, patient["id"])
    since = patient["since"]
    recent = [a for a in saved if _aware(a["created_at"]) >= since] or saved[-1:]
    answer_sets = []
    for assessment in recent:
        try:
            answer_sets.append(parse_answers(assessment["answers"], kb))
        except InvalidInput:
            continue  # answers the knowledge base no longer accepts: left out rather than guessed
    return warning_signs(answer_sets, kb)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _flag_words(kb: Knowledge, flag_id: str) -> str:
    flag = kb.flag(flag_id)
    return flag.title or flag.question or flag.why_asked


def dashboard(conn: Connection, practitioner_id: int, kb: Knowledge, sort: str = "name",
              descending: bool = False) -> list[dict[str, Any]]:
    """Every linked patient's row; warning signs first, then by `sort` (one of SORTS)."""
    if sort not in SORTS:
        raise InvalidInput(f"must be one of {', '.join(SORTS)}", field="sort")
    rows = [patient_row(conn, patient, kb, practitioner_id) for patient in care.patients_of(conn, practitioner_id)]
    rows.sort(key=SORTS[sort], reverse=descending)
    rows.sort(key=lambda row: not row["flags"].stopped)  # stable: flagged patients on top, each group still sorted
    return rows


def patient_detail(conn: Connection, patient: dict[str, Any], kb: Knowledge, practitioner_id: int) -> dict[str, Any]:
    """The patient's page: the dashboard row, the diary summary, the chart's records and the plan as applied."""
    row = patient_row(conn, patient, kb, practitioner_id)
    plan = current_plan(conn, patient["id"], kb, row["today"], practitioner_id)
    entries, recent = recent_records(conn, patient["id"], row["today"])
    return {"row": row, "summary": row["summary"], "now": person_now(conn, patient["id"]), "entries": entries,
            "sessions": recent, "plan": plan.to_dict() if plan else None}
