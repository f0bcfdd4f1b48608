"""Session records: the plan followed, seconds per step and side, pain before and after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from acupress.errors import NotFound
from acupress.storage import times
from acupress.storage.db import inserted_id
from acupress.storage.idempotent import insert_once
from acupress.storage.tables import sessions


@dataclass(frozen=True)
class NewSession:
    started_at: datetime  # aware
    ended_at: datetime  # aware
    plan: dict[str, Any]
    steps_done: list[dict[str, Any]] = field(default_factory=list)  # {step_id, side, seconds}
    pain_before: int | None = None
    pain_after: int | None = None
    completed: bool = True
    stop_reason: str | None = None  # an id from safety.yaml's stop_reasons
    demo: bool = False  # played faster than real time: not a real session
    client_id: str | None = None  # made by the device; the same id twice is saved once


def add_session(conn: Connection, user_id: int, record: NewSession) -> dict[str, Any]:
    started, offset = times.split(record.started_at)
    ended, _ = times.split(record.ended_at)
    row = {"user_id": user_id, "started_at": started, "utc_offset_minutes": offset, "ended_at": ended,
           "plan": record.plan, "steps_done": record.steps_done, "pain_before": record.pain_before,
           "pain_after": record.pain_after, "completed": record.completed, "stop_reason": record.stop_reason,
           "demo": record.demo, "client_id": record.client_id}
    if record.client_id is None:
        return get_session(conn, user_id, inserted_id(conn.execute(sessions.insert().values(row))))
    return get_session(conn, user_id, insert_once(conn, sessions, row))


def _row_to_session(row: Any) -> dict[str, Any]:
    data = dict(row)
    offset = data.pop("utc_offset_minutes")
    data["started_at"] = times.join(data["started_at"], offset)
    data["ended_at"] = times.join(data["ended_at"], offset)
    data.pop("user_id", None)
    return data


def get_session(conn: Connection, user_id: int, session_id: int) -> dict[str, Any]:
    row = conn.execute(sa.select(sessions).where(
        sessions.c.id == session_id, sessions.c.user_id == user_id)).mappings().first()
    if row is None:
        raise NotFound(f"no session {session_id}", field="id")
    return _row_to_session(row)


def list_sessions(conn: Connection, user_id: int, include_plan: bool = False,
                  include_demo: bool = True) -> list[dict[str, Any]]:
    """A person's sessions, oldest first; `include_demo=False` leaves out demonstrations."""
    columns = [c for c in sessions.c if include_plan or c.name != "plan"]
    query = sa.select(*columns).where(sessions.c.user_id == user_id)
    if not include_demo:
        query = query.where(sessions.c.demo == sa.false())
    rows = conn.execute(query.order_by(sessions.c.started_at, sessions.c.id)).mappings()
    return [_row_to_session(row) for row in rows]


# Bounded reads for the summary: aggregates, one row per day or a window of days. Demonstrations never count.
SESSION_DAY = times.local_day(sessions.c.started_at, sessions.c.utc_offset_minutes)
REAL = sessions.c.demo == sa.false()
SUMMARY_COLUMNS = [c for c in sessions.c if c.name != "plan"]


def session_totals(conn: Connection, user_id: int) -> dict[str, Any]:
    """Real sessions: how many, the first day, and how many have pain before and after, with the changes' sum."""
    both = sa.and_(sessions.c.pain_before.is_not(None), sessions.c.pain_after.is_not(None))
    row = conn.execute(sa.select(
        sa.func.count().label("sessions"), sa.func.min(SESSION_DAY).label("first_day"),
        sa.func.count().filter(both).label("with_pain"),
        sa.func.sum(sessions.c.pain_after - sessions.c.pain_before).filter(both).label("change_sum"),
    ).where(sessions.c.user_id == user_id, REAL)).mappings().one()
    return dict(row)


def session_days(conn: Connection, user_id: int) -> list[date]:
    """The local dates with a real session that was completed or had some work done, oldest first."""
    worked = sa.or_(sessions.c.completed == sa.true(), sa.func.json_array_length(sessions.c.steps_done) > 0)
    query = sa.select(SESSION_DAY).where(sessions.c.user_id == user_id, REAL, worked).distinct().order_by(SESSION_DAY)
    return list(conn.execute(query).scalars())


def sessions_by_day(conn: Connection, user_id: int, start: date) -> list[dict[str, Any]]:
    """Real sessions whose local date is `start` or later, oldest first (without their plans)."""
    rows = conn.execute(sa.select(*SUMMARY_COLUMNS).where(
        sessions.c.user_id == user_id, REAL, sessions.c.started_at >= times.utc_from_day(start), start <= SESSION_DAY,
    ).order_by(sessions.c.started_at, sessions.c.id)).mappings()
    return [_row_to_session(row) for row in rows]


def newest_sessions(conn: Connection, user_id: int, count: int) -> list[dict[str, Any]]:
    """The `count` newest real sessions (at equal times the older ids), oldest first, without their plans."""
    rows = conn.execute(sa.select(*SUMMARY_COLUMNS).where(sessions.c.user_id == user_id, REAL)
                        .order_by(sessions.c.started_at.desc(), sessions.c.id).limit(count)).mappings()
    return sorted((_row_to_session(row) for row in rows), key=lambda s: (s["started_at"], s["id"]))


def first_session_day(conn: Connection, user_id: int) -> date | None:
    """The local date of the first real session (in time)."""
    query = sa.select(SESSION_DAY).where(sessions.c.user_id == user_id, REAL).order_by(sessions.c.started_at, sessions.c.id)
    day: date | None = conn.execute(query.limit(1)).scalar()
    return day
