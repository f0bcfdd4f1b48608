"""Where a person confirmed a point on their own body: one mark per point and side.

A mark is stored relative to landmarks (core.locate.Frame: `along` and
`outward` in sizes of that body part), never in pixels of one photo, so it
can be placed on the next photo, the live camera and the session diagrams.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from acupress.errors import NotFound
from acupress.storage.tables import point_marks

COLUMNS = (point_marks.c.point_id, point_marks.c.side, point_marks.c.along, point_marks.c.outward,
           point_marks.c.confirmed_at)


def save_mark(conn: Connection, user_id: int, point_id: str, side: str, along: float, outward: float,
              when: datetime | None = None) -> dict[str, Any]:
    """Keep the person's mark for this point and side, replacing an older one."""
    values = {"along": along, "outward": outward, "confirmed_at": when or datetime.now(UTC)}
    mine = (point_marks.c.user_id == user_id) & (point_marks.c.point_id == point_id) & (point_marks.c.side == side)
    if conn.execute(point_marks.update().where(mine).values(**values)).rowcount == 0:
        try:
            with conn.begin_nested():
                conn.execute(point_marks.insert().values(user_id=user_id, point_id=point_id, side=side, **values))
        except IntegrityError:
            # Either the same person saved it a moment ago from another tab (update theirs),
            # or the row breaks a rule of the table (nothing to update: the error stands).
            if conn.execute(point_marks.update().where(mine).values(**values)).rowcount == 0:
                raise
    return get_mark(conn, user_id, point_id, side)


def get_mark(conn: Connection, user_id: int, point_id: str, side: str) -> dict[str, Any]:
    row = conn.execute(sa.select(*COLUMNS).where(
        point_marks.c.user_id == user_id, point_marks.c.point_id == point_id, point_marks.c.side == side)).mappings().first()
    if row is None:
        raise NotFound(f"no saved spot for {point_id} on the {side} side", field="point_id")
    return _aware(dict(row))


def list_marks(conn: Connection, user_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(*COLUMNS).where(point_marks.c.user_id == user_id)
                        .order_by(point_marks.c.point_id, point_marks.c.side)).mappings()
    return [_aware(dict(row)) for row in rows]


def delete_mark(conn: Connection, user_id: int, point_id: str, side: str) -> None:
    deleted = conn.execute(point_marks.delete().where(
        point_marks.c.user_id == user_id, point_marks.c.point_id == point_id, point_marks.c.side == side))
    if deleted.rowcount == 0:
        raise NotFound(f"no saved spot for {point_id} on the {side} side", field="point_id")


def _aware(row: dict[str, Any]) -> dict[str, Any]:
    moment = row["confirmed_at"]
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        row["confirmed_at"] = moment.replace(tzinfo=UTC)
    return row
