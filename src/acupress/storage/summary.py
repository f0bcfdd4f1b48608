"""What the home and diary pages show: last pain, change from baseline, adherence."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.engine import Connection

from acupress.core.diary import PainPoint, adherence, pain_change
from acupress.core.model import Knowledge
from acupress.core.progress import first_days, session_effect
from acupress.storage.diary import list_entries
from acupress.storage.sessions import list_sessions


def user_summary(conn: Connection, user_id: int, today: date, kb: Knowledge) -> dict[str, Any]:
    entries = list_entries(conn, user_id)
    sessions = list_sessions(conn, user_id, include_demo=False)  # demonstrations are not real sessions
    points = [PainPoint(e["recorded_at"].date(), e["pain"]) for e in entries]
    session_days = [s["started_at"].date() for s in sessions if s["completed"] or s["steps_done"]]
    first_day = min([p.day for p in points] + session_days, default=today)
    pegs = [e for e in entries if e["peg_score"] is not None]
    return {
        "entries": entries,
        "sessions": sessions,
        "last_entry": entries[-1] if entries else None,
        "change": pain_change(points, today, kb),
        "adherence": adherence(session_days, first_day, today),
        "last_peg": pegs[-1] if pegs else None,
        "first_days": first_days(points),
        "session_effect": session_effect((s["pain_before"], s["pain_after"]) for s in sessions),
    }


def timeline(summary: dict[str, Any], limit: int = 12) -> list[dict[str, Any]]:
    """The newest diary entries and sessions together, newest first, for a table."""
    rows = [{"kind": "entry", "at": e["recorded_at"], **e} for e in summary["entries"]]
    rows += [{"kind": "session", "at": s["started_at"], **s} for s in summary["sessions"]]
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows[:limit]
