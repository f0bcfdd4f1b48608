"""Exports of a person's own data.

CSV columns (one row per diary entry or session, oldest first):
  record        "entry" or "session"
  id            the record's id
  time          local time with UTC offset, ISO 8601 (session: start)
  pain          pain 0-10 (entries)
  peg_pain, peg_enjoyment, peg_activity, peg_score   PEG items and their mean (entries, optional)
  note          free text (entries); a note starting with = + - @, a tab or a carriage
                return starts with an added ' so that spreadsheets show it instead of running it,
                and so does one that starts with ' itself, so that `acupress import` can
                always take the added ' away again
  pain_before, pain_after   pain 0-10 around a session
  completed     "yes" or "no" (sessions)
  stop_reason   why a session stopped early: an id from knowledge/safety.yaml (pain_increased, spasm, interrupted)
  steps_done    step:side:seconds, separated by ";" (sessions)
  minutes       total minutes of work in the session
Demonstration sessions (played faster than real time) are left out.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection

from acupress.storage.diary import list_entries
from acupress.storage.sessions import list_sessions

CSV_COLUMNS = ["record", "id", "time", "pain", "peg_pain", "peg_enjoyment", "peg_activity", "peg_score", "note",
               "pain_before", "pain_after", "completed", "stop_reason", "steps_done", "minutes"]


def diary_rows(conn: Connection, user_id: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for entry in list_entries(conn, user_id):
        rows.append({"record": "entry", "id": entry["id"], "time": entry["recorded_at"].isoformat(),
                     **{key: entry[key] for key in ("pain", "peg_pain", "peg_enjoyment", "peg_activity", "peg_score", "note")}})
    for session in list_sessions(conn, user_id, include_demo=False):  # demonstrations are not outcome data
        steps = session["steps_done"]
        rows.append({
            "record": "session", "id": session["id"], "time": session["started_at"].isoformat(),
            "pain_before": session["pain_before"], "pain_after": session["pain_after"],
            "completed": "yes" if session["completed"] else "no", "stop_reason": session["stop_reason"] or "",
            "steps_done": ";".join(f"{s['step_id']}:{s.get('side') or '-'}:{s['seconds']}" for s in steps),
            "minutes": round(sum(s["seconds"] for s in steps) / 60, 1),
        })
    rows.sort(key=lambda row: datetime.fromisoformat(row["time"]))
    return rows


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection"). A spreadsheet
# set to split on ";" (or a person re-splitting on ",") can also start a cell in the middle of a text, right
# after a separator, so those places are protected too.
FORMULA_STARTS = "=+-@\t\r"
_CELL_STARTS = re.compile(r"(^|[,;])(?=[" + re.escape(FORMULA_STARTS) + "'])")  # ' too, so reading back is exact
_ADDED_MARKS = re.compile(r"(^|[,;])'")


def spreadsheet_safe(value: Any) -> Any:
    """Text gets a ' wherever a cell could start with a formula (shown as text, never run): at its start and
    after each , or ;. A ' already there gets one more, so reading the file back can always remove one."""
    if isinstance(value, str):
        return _CELL_STARTS.sub(r"\1'", value)
    return value


def spreadsheet_text_back(value: str) -> str:
    """The text as it was before spreadsheet_safe (every ' right after a start or a separator was added)."""
    return _ADDED_MARKS.sub(r"\1", value)


def diary_csv(conn: Connection, user_id: int) -> str:
    """The CSV export as text (columns above); text a spreadsheet would run starts with a '."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in diary_rows(conn, user_id))
    return buffer.getvalue()


def everything(conn: Connection, user_id: int) -> dict[str, Any]:
    """All a person has stored, as JSON-ready data (times in ISO 8601 with their offset)."""
    from acupress.storage.assessments import list_assessments
    from acupress.storage.function_checks import list_function_checks
    from acupress.storage.marks import list_marks
    from acupress.storage.users import get_user

    def iso(row: dict[str, Any]) -> dict[str, Any]:
        return {key: _aware(value).isoformat() if isinstance(value, datetime) else value for key, value in row.items()}

    return {
        "format": "acupress-export/1",
        "user": iso(get_user(conn, user_id)),
        "assessments": [iso(a) for a in list_assessments(conn, user_id)],
        "diary": [iso(e) for e in list_entries(conn, user_id)],
        "sessions": [iso(s) for s in list_sessions(conn, user_id, include_plan=True)],
        "point_marks": [iso(m) for m in list_marks(conn, user_id)],
        "function_checks": [iso(c) for c in list_function_checks(conn, user_id)],
        **_care(conn, user_id, iso),
    }


def _care(conn: Connection, user_id: int, iso: Any) -> dict[str, Any]:
    """Accounts mode: who follows this person, the programs they gave, and (practitioners) their invite codes' dates."""
    from acupress.storage.care import list_invites, practitioners_of, prescriptions_of

    return {
        "practitioners": [iso({"name": p["display_name"], "since": p["since"]}) for p in practitioners_of(conn, user_id)],
        "programs": [iso({"from": p["prescriber"], "created_at": p["created_at"], **p["program"]})
                     for p in prescriptions_of(conn, user_id)],
        "invites": [iso(invite) for invite in list_invites(conn, user_id)],
    }


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite hands back naive UTC
