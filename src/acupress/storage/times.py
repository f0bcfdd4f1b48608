"""Timestamps: stored in UTC with the person's UTC offset beside them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


def split(moment: datetime) -> tuple[datetime, int]:
    """An aware datetime as (UTC datetime, offset in minutes)."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("timestamp has no time zone")
    return moment.astimezone(UTC), int(offset.total_seconds() // 60)


def join(utc: datetime, offset_minutes: int) -> datetime:
    """The stored pair back as an aware datetime in the person's own offset."""
    if utc.tzinfo is None:  # SQLite hands back naive UTC
        utc = utc.replace(tzinfo=UTC)
    return utc.astimezone(timezone(timedelta(minutes=offset_minutes)))


class local_day(FunctionElement[date]):
    """SQL for the person's own calendar date of a stored (UTC moment, offset in minutes) pair.

    Lets the database group and filter by the person's days, so a summary reads
    one row per day or a short window instead of the whole diary.
    """

    type = sa.Date()
    name = "local_day"
    inherit_cache = True


@compiles(local_day, "sqlite")
def _local_day_sqlite(element: local_day, compiler: Any, **kw: Any) -> str:
    moment, offset = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"date({moment}, {offset} || ' minutes')"


@compiles(local_day, "postgresql")
def _local_day_postgresql(element: local_day, compiler: Any, **kw: Any) -> str:
    moment, offset = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(({moment} AT TIME ZONE 'UTC') + {offset} * INTERVAL '1 minute' AS DATE)"


def utc_from_day(day: date) -> datetime:
    """A UTC moment a full day before `day` starts anywhere on Earth (offsets stay within a day):
    `moment >= utc_from_day(d)` keeps every record whose local date is d or later, and lets an index help."""
    return datetime.combine(day - timedelta(days=1), time(0, 0), tzinfo=UTC)


def utc_until_day(day: date) -> datetime:
    """A UTC moment a full day after `day` starts: `moment < utc_until_day(d)` keeps every record before local date d."""
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=UTC)
