"""Diary entries: pain 0-10, optional PEG items, a note, an aware timestamp."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from acupress.core.diary import PEG_ITEMS, peg_score
from acupress.errors import NotFound
from acupress.storage import times
from acupress.storage.db import inserted_id
from acupress.storage.idempotent import insert_once
from acupress.storage.tables import diary_entries


@dataclass(frozen=True)
class NewEntry:
    recorded_at: datetime  # aware
    pain: int
    peg_pain: int | None = None
    peg_enjoyment: int | None = None
    peg_activity: int | None = None
    note: str = ""
    client_id: str | None = None  # made by the device; the same id twice is saved once


# Statements built once: building them per call costs more than running them.
INSERT = diary_entries.insert()
SELECT_ONE = sa.select(diary_entries).where(
    diary_entries.c.id == sa.bindparam("entry_id"), diary_entries.c.user_id == sa.bindparam("owner"))


def add_entry(conn: Connection, user_id: int, entry: NewEntry) -> dict[str, Any]:
    utc, offset = times.split(entry.recorded_at)
    row = {"user_id": user_id, "recorded_at": utc, "utc_offset_minutes": offset, "pain": entry.pain,
           "peg_pain": entry.peg_pain, "peg_enjoyment": entry.peg_enjoyment, "peg_activity": entry.peg_activity,
           "note": entry.note, "created_at": datetime.now(UTC)}
    if entry.client_id is None:
        return _row_to_entry({**row, "client_id": None, "id": inserted_id(conn.execute(INSERT, row))})
    return get_entry(conn, user_id, insert_once(conn, diary_entries, {**row, "client_id": entry.client_id}))


def _row_to_entry(row: Any) -> dict[str, Any]:
    data = dict(row)
    data["recorded_at"] = times.join(data["recorded_at"], data.pop("utc_offset_minutes"))
    data.pop("created_at", None)
    data.pop("user_id", None)
    pain, enjoyment, activity = (data[name] for name in PEG_ITEMS)
    complete = None not in (pain, enjoyment, activity)
    data["peg_score"] = peg_score(pain, enjoyment, activity) if complete else None
    return data


def get_entry(conn: Connection, user_id: int, entry_id: int) -> dict[str, Any]:
    row = conn.execute(SELECT_ONE, {"entry_id": entry_id, "owner": user_id}).mappings().first()
    if row is None:  # someone else's entry looks exactly like a missing one
        raise NotFound(f"no diary entry {entry_id}", field="id")
    return _row_to_entry(row)


def list_entries(conn: Connection, user_id: int, start: datetime | None = None, end: datetime | None = None,
                 limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Entries oldest first, between `start` and `end` if given; `limit` and `offset` take one page of them."""
    query = sa.select(diary_entries).where(diary_entries.c.user_id == user_id).limit(limit).offset(offset or None)
    if start is not None:
        query = query.where(diary_entries.c.recorded_at >= times.split(start)[0])
    if end is not None:
        query = query.where(diary_entries.c.recorded_at < times.split(end)[0])
    rows = conn.execute(query.order_by(diary_entries.c.recorded_at, diary_entries.c.id)).mappings()
    return [_row_to_entry(row) for row in rows]


def update_entry(conn: Connection, user_id: int, entry_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    get_entry(conn, user_id, entry_id)  # 404 for missing or foreign entries
    values = dict(changes)
    if "recorded_at" in values:
        values["recorded_at"], values["utc_offset_minutes"] = times.split(values["recorded_at"])
    if values:
        conn.execute(diary_entries.update().where(
            diary_entries.c.id == entry_id, diary_entries.c.user_id == user_id).values(**values))
    return get_entry(conn, user_id, entry_id)


def delete_entry(conn: Connection, user_id: int, entry_id: int) -> None:
    result = conn.execute(diary_entries.delete().where(
        diary_entries.c.id == entry_id, diary_entries.c.user_id == user_id))
    if result.rowcount == 0:
        raise NotFound(f"no diary entry {entry_id}", field="id")


def latest_offset_minutes(conn: Connection, user_id: int) -> int | None:
    """The UTC offset of the person's newest entry: the best guess of their time zone."""
    offset = conn.execute(sa.select(diary_entries.c.utc_offset_minutes).where(diary_entries.c.user_id == user_id)
                          .order_by(diary_entries.c.recorded_at.desc(), diary_entries.c.id.desc()).limit(1)).scalar()
    return None if offset is None else int(offset)


# Bounded reads for the summary: aggregates, one row or a window of days, whatever the diary's size.
ENTRY_DAY = times.local_day(diary_entries.c.recorded_at, diary_entries.c.utc_offset_minutes)
COMPLETE_PEG = sa.and_(*(diary_entries.c[name].is_not(None) for name in PEG_ITEMS))  # all three PEG items answered


def entry_totals(conn: Connection, user_id: int) -> dict[str, Any]:
    """How many entries on how many days, their pain's sum, lowest and highest, and the first day."""
    row = conn.execute(sa.select(
        sa.func.count().label("entries"), sa.func.count(sa.distinct(ENTRY_DAY)).label("days"),
        sa.func.sum(diary_entries.c.pain).label("pain_sum"), sa.func.min(diary_entries.c.pain).label("lowest"),
        sa.func.max(diary_entries.c.pain).label("highest"), sa.func.min(ENTRY_DAY).label("first_day"),
    ).where(diary_entries.c.user_id == user_id)).mappings().one()
    return dict(row)


def newest_entry(conn: Connection, user_id: int, with_peg: bool = False, by_day: bool = False) -> dict[str, Any] | None:
    """The newest entry (`with_peg`: the newest with all PEG items; `by_day`: of the latest local date)."""
    query = sa.select(diary_entries).where(diary_entries.c.user_id == user_id)
    if with_peg:
        query = query.where(COMPLETE_PEG)
    order = [diary_entries.c.recorded_at.desc(), diary_entries.c.id.desc()]
    row = conn.execute(query.order_by(*([ENTRY_DAY.desc()] if by_day else []), *order).limit(1)).mappings().first()
    return None if row is None else _row_to_entry(row)


def entries_by_day(conn: Connection, user_id: int, start: date | None = None, end: date | None = None,
                   with_peg: bool = False) -> list[dict[str, Any]]:
    """Entries whose local date is on or after `start` and before `end` (`with_peg`: with all PEG items), oldest first."""
    query = sa.select(diary_entries).where(diary_entries.c.user_id == user_id, *([COMPLETE_PEG] if with_peg else []))
    if start is not None:
        query = query.where(diary_entries.c.recorded_at >= times.utc_from_day(start), start <= ENTRY_DAY)
    if end is not None:
        query = query.where(diary_entries.c.recorded_at < times.utc_until_day(end), end > ENTRY_DAY)
    rows = conn.execute(query.order_by(diary_entries.c.recorded_at, diary_entries.c.id)).mappings()
    return [_row_to_entry(row) for row in rows]


def newest_entries(conn: Connection, user_id: int, count: int) -> list[dict[str, Any]]:
    """The `count` newest entries (at equal times the older ids, as a stable sort keeps them), oldest first."""
    rows = conn.execute(sa.select(diary_entries).where(diary_entries.c.user_id == user_id)
                        .order_by(diary_entries.c.recorded_at.desc(), diary_entries.c.id).limit(count)).mappings()
    return sorted((_row_to_entry(row) for row in rows), key=lambda e: (e["recorded_at"], e["id"]))


def entry_days(conn: Connection, user_id: int) -> dict[str, date | None]:
    """Local dates: of the first entry (in time), of the latest date with an entry, and with a complete PEG."""
    mine = diary_entries.c.user_id == user_id
    first = sa.select(ENTRY_DAY).where(mine).order_by(diary_entries.c.recorded_at, diary_entries.c.id).limit(1)
    return {"first": conn.execute(first).scalar(),
            "latest": conn.execute(sa.select(sa.func.max(ENTRY_DAY)).where(mine)).scalar(),
            "latest_peg": conn.execute(sa.select(sa.func.max(ENTRY_DAY)).where(mine, COMPLETE_PEG)).scalar()}


def first_peg_day(conn: Connection, user_id: int) -> date | None:
    """The first local date with a complete PEG check."""
    day: date | None = conn.execute(sa.select(sa.func.min(ENTRY_DAY)).where(
        diary_entries.c.user_id == user_id, COMPLETE_PEG)).scalar()
    return day
