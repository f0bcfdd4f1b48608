"""A typical month of a diary, written through storage as the app would: for report, FHIR and import tests.

Pain falls from about 6 to about 4 (a meaningful change), sessions on most
days (one, on the 9th day, stopped because the pain got worse), a weekly PEG falling from 6.3
to 4.0, and activity checks at the start, after two weeks and after four.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy.engine import Connection

from acupress.core.answers import parse_answers
from acupress.core.model import Knowledge
from acupress.core.plan import build_plan
from acupress.storage.assessments import save_assessment
from acupress.storage.diary import NewEntry, add_entry
from acupress.storage.function_checks import NewFunctionCheck, add_function_check
from acupress.storage.sessions import NewSession, add_session

ZONE = timezone(timedelta(hours=1))
START = date(2026, 10, 1)
END = date(2026, 10, 30)  # 30 days
ANSWERS = {"age": 52, "pain_now": 6, "pain_started_days_ago": 120, "conditions": ["anticoagulants"]}
PEGS = [(7, 6, 6), (6, 6, 5), (6, 5, 5), (5, 4, 4), (4, 4, 4)]  # scores 6.3, 5.7, 5.3, 4.3, 4.0
PSFS = [[("Putting on socks", 3), ("Carrying shopping", 4)],
        [("Putting on socks", 5), ("Carrying shopping", 5)],
        [("Putting on socks", 7), ("Carrying shopping", 6)]]  # scores 3.5, 5.0, 6.5


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def pain_on(index: int) -> int:
    return [6, 7, 6, 6, 5, 6, 6][index % 7] if index < 7 else max(3, 6 - index // 7)


def seed_month(conn: Connection, user_id: int, kb: Knowledge) -> dict[str, Any]:
    """Write the month; return the plan used by the sessions."""
    plan = build_plan(parse_answers(ANSWERS, kb), kb)
    save_assessment(conn, user_id, ANSWERS, plan.triage.level)
    plan_data = plan.to_dict()
    for index in range((END - START).days + 1):
        day = START + timedelta(days=index)
        peg = PEGS[index // 7] if index % 7 == 0 and index // 7 < len(PEGS) else (None, None, None)
        add_entry(conn, user_id, NewEntry(at(day, 8), pain_on(index), *peg, note="after gardening" if index == 3 else ""))
        if index % 5 != 4:  # sessions on most days
            stopped = index == 8
            add_session(conn, user_id, NewSession(
                started_at=at(day, 18), ended_at=at(day, 18, 8), plan=plan_data,
                steps_done=[{"step_id": "KI3", "side": "left", "seconds": 120}, {"step_id": "KI3", "side": "right", "seconds": 120}],
                pain_before=pain_on(index), pain_after=max(0, pain_on(index) - (-1 if stopped else 1)),
                completed=not stopped, stop_reason="pain_increased" if stopped else None))
    for week, ratings in zip((0, 14, 28), PSFS, strict=True):
        add_function_check(conn, user_id, NewFunctionCheck(
            at(START + timedelta(days=week), 9), [{"activity": a, "ability": s} for a, s in ratings]))
    return plan_data
