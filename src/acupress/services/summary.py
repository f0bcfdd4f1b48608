"""What Today, the diary page, the API's summary and `acupress diary` show: last pain, change from the
first week, adherence and streaks, what sessions did, and the newest records.

Bounded: it reads totals, one row per day with a session and short windows of
days, never the whole diary, and gives the numbers the core's diary maths
gives on the whole diary (tests/services/test_summary.py compares them).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from acupress.core.diary import BASELINE_DAYS, Change, PainPoint, adherence, pain_change
from acupress.core.follow_up import peg_change
from acupress.core.model import Knowledge
from acupress.core.progress import first_days_of, session_effect_of
from acupress.storage import diary, sessions

RECENT_DAYS = 30  # the longest span of the pain chart (web/chart.py)
NEWEST = 12  # rows in the diary page's table


def user_summary(conn: Connection, user_id: int, today: date, kb: Knowledge) -> dict[str, Any]:
    """The person's progress on their local date `today` (demonstration sessions never count)."""
    entries, done = diary.entry_totals(conn, user_id), sessions.session_totals(conn, user_id)
    session_days = sessions.session_days(conn, user_id)
    first_day = min([day for day in (entries["first_day"], *session_days[:1]) if day is not None], default=today)
    latest = diary.newest_entry(conn, user_id, by_day=True)
    return {
        "entry_count": entries["entries"],
        "session_count": done["sessions"],
        "first_day": first_day,  # of the diary: the first pain score or session with some work done
        "first_record_day": min((day for day in (entries["first_day"], done["first_day"]) if day is not None), default=None),
        "session_days": session_days,
        "last_entry": diary.newest_entry(conn, user_id),
        "change": _pain_change(conn, user_id, entries["first_day"], today, kb),
        "adherence": adherence(session_days, first_day, today),
        "last_peg": diary.newest_entry(conn, user_id, with_peg=True),
        "first_days": None if latest is None else first_days_of(
            entries["entries"], entries["days"], entries["pain_sum"], entries["lowest"], entries["highest"], latest["pain"]),
        "session_effect": session_effect_of(done["with_pain"], done["change_sum"] or 0),
    }


def _pain_change(conn: Connection, user_id: int, first: date | None, today: date, kb: Knowledge) -> Change | None:
    """core.diary.pain_change reads only the first week and the last week: those two windows are all it gets."""
    if first is None:
        return None
    windows = _first_and_last_weeks(conn, user_id, first, today)
    return pain_change([PainPoint(e["recorded_at"].date(), e["pain"]) for e in windows], today, kb)


def peg_change_of(conn: Connection, user_id: int, today: date, kb: Knowledge) -> Change | None:
    """The PEG score's change (core.follow_up.peg_change) from the first and last weeks of complete PEG checks."""
    first = diary.first_peg_day(conn, user_id)
    if first is None:
        return None
    windows = _first_and_last_weeks(conn, user_id, first, today, with_peg=True)
    return peg_change([(e["recorded_at"].date(), float(e["peg_score"])) for e in windows], today, kb)


def _first_and_last_weeks(conn: Connection, user_id: int, first: date, today: date,
                          with_peg: bool = False) -> list[dict[str, Any]]:
    """Entries of the BASELINE_DAYS from `first` and of the last BASELINE_DAYS after them (core.diary.baseline_and_recent)."""
    baseline_end = first + timedelta(days=BASELINE_DAYS)
    recent_start = max(baseline_end, today - timedelta(days=BASELINE_DAYS - 1))
    return (diary.entries_by_day(conn, user_id, end=baseline_end, with_peg=with_peg)
            + diary.entries_by_day(conn, user_id, start=recent_start, with_peg=with_peg))


def recent_records(conn: Connection, user_id: int, today: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Diary entries and real sessions of the last RECENT_DAYS days (and any dated later), oldest first: the chart's."""
    start = today - timedelta(days=RECENT_DAYS - 1)
    return diary.entries_by_day(conn, user_id, start=start), sessions.sessions_by_day(conn, user_id, start)


def timeline(conn: Connection, user_id: int, limit: int = NEWEST) -> list[dict[str, Any]]:
    """The newest diary entries and real sessions together, newest first, for a table."""
    rows = [{"kind": "entry", "at": e["recorded_at"], **e} for e in diary.newest_entries(conn, user_id, limit)]
    rows += [{"kind": "session", "at": s["started_at"], **s} for s in sessions.newest_sessions(conn, user_id, limit)]
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows[:limit]
