"""Activity checks (Patient-Specific Functional Scale): activities a person finds hard, rated 0-10."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from acupress.core.outcomes import psfs_score
from acupress.storage import times
from acupress.storage.db import inserted_id
from acupress.storage.idempotent import insert_once
from acupress.storage.tables import function_checks


@dataclass(frozen=True)
class NewFunctionCheck:
    recorded_at: datetime  # aware
    ratings: list[dict[str, Any]]  # [{"activity": str, "ability": 0-10}], checked by the caller
    client_id: str | None = None  # made by the device; the same id twice is saved once


def add_function_check(conn: Connection, user_id: int, check: NewFunctionCheck) -> dict[str, Any]:
    utc, offset = times.split(check.recorded_at)
    row = {"user_id": user_id, "recorded_at": utc, "utc_offset_minutes": offset,
           "ratings": [{"activity": r["activity"], "ability": r["ability"]} for r in check.ratings]}
    if check.client_id is None:
        new_id = inserted_id(conn.execute(function_checks.insert().values({**row, "client_id": None})))
    else:
        new_id = insert_once(conn, function_checks, {**row, "client_id": check.client_id})
    found = conn.execute(sa.select(function_checks).where(function_checks.c.id == new_id)).mappings().one()
    return _row_to_check(found)


def _row_to_check(row: Any) -> dict[str, Any]:
    data = dict(row)
    data["recorded_at"] = times.join(data["recorded_at"], data.pop("utc_offset_minutes"))
    data.pop("user_id", None)
    data["score"] = psfs_score([r["ability"] for r in data["ratings"]])
    return data


def list_function_checks(conn: Connection, user_id: int) -> list[dict[str, Any]]:
    """A person's activity checks, oldest first, each with its score (the mean rating)."""
    rows = conn.execute(sa.select(function_checks).where(function_checks.c.user_id == user_id)
                        .order_by(function_checks.c.recorded_at, function_checks.c.id)).mappings()
    return [_row_to_check(row) for row in rows]
