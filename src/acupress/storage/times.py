"""Timestamps: stored in UTC with the person's UTC offset beside them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone


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
