"""Free-text notes: what a diary note may contain, wherever it is typed."""

from __future__ import annotations

from acupress.errors import InvalidInput

MAX_NOTE = 2000


def check_note(text: str, field: str = "note") -> str:
    """The note itself, or a clear refusal (too long, or control characters)."""
    if len(text) > MAX_NOTE:
        raise InvalidInput(f"must be at most {MAX_NOTE} characters", field=field)
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        raise InvalidInput("must not contain control characters", field=field)
    return text
