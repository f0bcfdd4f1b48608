"""Session records: the plan followed, seconds per step and side, pain before and after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from acupress.errors import NotFound
from acupress.storage import times
from acupress.storage.db import inserted_id
from acupress.storage.tables import sessions

STOP_REASONS = ("pain_increased", "spasm", "interrupted")


@dataclass(frozen=True)
class NewSession:
    started_at: datetime  # aware
    ended_at: datetime  # aware
    plan: dict[str, Any]
    steps_done: list[dict[str, Any]] = field(default_factory=list)  # {step_id, side, seconds}
    pain_before: int | None = None
    pain_after: int | None = None
    completed: bool = True
    stop_reason: str | None = None


def add_session(conn: Connection, user_id: int, record: NewSession) -> dict[str, Any]:
    started, offset = times.split(record.started_at)
    ended, _ = times.split(record.ended_at)
    result = conn.execute(sessions.insert().values(
        user_id=user_id, started_at=started, utc_offset_minutes=offset, ended_at=ended,
        plan=record.plan, steps_done=record.steps_done, pain_before=record.pain_before,
        pain_after=record.pain_after, completed=record.completed, stop_reason=record.stop_reason))
    return get_session(conn, user_id, inserted_id(result))


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


def list_sessions(conn: Connection, user_id: int, include_plan: bool = False) -> list[dict[str, Any]]:
    columns = [c for c in sessions.c if include_plan or c.name != "plan"]
    rows = conn.execute(sa.select(*columns).where(sessions.c.user_id == user_id)
                        .order_by(sessions.c.started_at, sessions.c.id)).mappings()
    return [_row_to_session(row) for row in rows]
