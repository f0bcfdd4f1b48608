"""Assessments: the answers a person gave, so the home page can show today's plan."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from acupress.core.answers import parse_answers
from acupress.core.model import Knowledge
from acupress.core.plan import Plan, build_plan
from acupress.storage.db import inserted_id
from acupress.storage.tables import assessments


def save_assessment(conn: Connection, user_id: int, answers: dict[str, Any], triage_level: str,
                    created_at: datetime | None = None) -> int:
    """Keep the answers (`created_at`: when they were given, if not now, as when importing a diary file)."""
    result = conn.execute(assessments.insert().values(
        user_id=user_id, created_at=created_at or datetime.now(UTC), answers=answers, triage_level=triage_level))
    return inserted_id(result)


def latest_assessment(conn: Connection, user_id: int) -> dict[str, Any] | None:
    row = conn.execute(sa.select(assessments).where(assessments.c.user_id == user_id)
                       .order_by(assessments.c.created_at.desc(), assessments.c.id.desc()).limit(1)).mappings().first()
    return dict(row) if row else None


def list_assessments(conn: Connection, user_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(assessments).where(assessments.c.user_id == user_id)
                        .order_by(assessments.c.created_at, assessments.c.id)).mappings()
    return [{key: value for key, value in row.items() if key != "user_id"} for row in rows]


def latest_plan(conn: Connection, user_id: int, kb: Knowledge) -> Plan | None:
    """The plan for the person's latest answers, or None before any.

    Plans are rebuilt from the answers rather than stored, so an update of the
    knowledge base reaches everyone at once.
    """
    assessment = latest_assessment(conn, user_id)
    return None if assessment is None else build_plan(parse_answers(assessment["answers"], kb), kb)
