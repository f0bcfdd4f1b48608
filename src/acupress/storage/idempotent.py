"""Writes a device may send more than once (offline queues retry): saved once.

Each such row carries a `client_id` made by the device, unique per person.
A second upload with the same id inserts nothing and gets the first row back.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

CLIENT_ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"  # what a device may use as a record's id


def insert_once(conn: Connection, table: sa.Table, row: dict[str, Any]) -> int:
    """Insert `row` unless this person already saved its client_id; return the row's id either way."""
    conn.execute(_insert_or_nothing(conn.dialect.name, table, row))
    found = conn.execute(sa.select(table.c.id).where(
        table.c.user_id == row["user_id"], table.c.client_id == row["client_id"])).scalar_one()
    return int(found)


def _insert_or_nothing(dialect: str, table: sa.Table, row: dict[str, Any]) -> sa.Executable:
    """INSERT ... ON CONFLICT (user_id, client_id) DO NOTHING, in the database's own dialect."""
    key = ["user_id", "client_id"]
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).values(row).on_conflict_do_nothing(index_elements=key)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).values(row).on_conflict_do_nothing(index_elements=key)
