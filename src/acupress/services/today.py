"""A person's "now" and "today": the one definition the web pages, the API and the CLI share.

The CLI runs on the person's own machine, so that machine's clock and zone are
theirs. The web server knows no time zones: it takes the UTC offset of the
person's newest diary entry, and UTC before their first one. Everything
reads the clock through `utc_now`, so a test can stop it in one place.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def utc_now() -> datetime:
    """The one clock every interface reads."""
    return datetime.now(UTC)


def machine_now() -> datetime:
    """Now in this machine's zone: the CLI's person sits at this machine."""
    return utc_now().astimezone()


def person_now(conn: Connection, user_id: int) -> datetime:
    """Now in the UTC offset of the person's newest diary entry (UTC before any): the web's best guess of their zone."""
    from acupress.storage.diary import latest_offset_minutes

    offset = latest_offset_minutes(conn, user_id)
    return utc_now().astimezone(UTC if offset is None else timezone(timedelta(minutes=offset)))


def person_today(conn: Connection, user_id: int, given: date | None = None) -> date:
    """The person's local date: the one they gave (the API's `today`), else today in their zone."""
    return given if given is not None else person_now(conn, user_id).date()
