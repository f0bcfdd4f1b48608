"""What a diary note and a diary timestamp may be, wherever they come from."""

from __future__ import annotations

from datetime import datetime

from acupress.errors import InvalidInput

MAX_NOTE = 2000


def check_note(text: str, field: str = "note") -> str:
    """The note itself, or a clear refusal (too long, or control characters)."""
    if len(text) > MAX_NOTE:
        raise InvalidInput(f"must be at most {MAX_NOTE} characters", field=field)
    if any((ord(c) < 32 and c not in "\t\n\r") or 127 <= ord(c) < 160 for c in text):
        raise InvalidInput("must not contain control characters", field=field)
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise InvalidInput("must not contain half of a character pair; send whole characters", field=field)
    return text


def check_moment(moment: datetime, field: str) -> datetime:
    """A timestamp a real clock could show: a UTC offset within ±14:00, a year from 1970 to 2200."""
    offset = moment.utcoffset()
    if offset is None:
        raise InvalidInput("must include a UTC offset, e.g. 2026-11-25T08:30:00+01:00", field=field)
    if abs(offset.total_seconds()) > 14 * 3600:
        raise InvalidInput("needs a real UTC offset, from -14:00 to +14:00", field=field)
    if not 1970 <= moment.year <= 2200:
        raise InvalidInput("must be a date between 1970 and 2200", field=field)
    return moment
