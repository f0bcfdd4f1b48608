"""Confirmations shown after a save or a deletion (announced by the page's status region)."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData, QueryParams

PEG_FIELDS = ("peg_pain", "peg_enjoyment", "peg_activity")
DELETED = "All your answers, diary entries and sessions have been deleted from this app."


def entry_saved(query: QueryParams, entries: list[dict[str, Any]]) -> str | None:
    """ "Saved: pain 5 at 14:32." for the entry named by ?saved=ID (only the person's own entries are searched)."""
    saved = query.get("saved", "")
    entry = next((e for e in reversed(entries) if str(e["id"]) == saved), None)
    if entry is None:
        return None
    when = f"{entry['recorded_at']:%H:%M}"
    if entry["peg_score"] is not None:
        return f"Saved your weekly check at {when}: PEG score {entry['peg_score']:g} out of 10, pain now {entry['pain']}."
    return f"Saved: pain {entry['pain']} at {when}."


def which_form(form: FormData) -> str:
    """Which diary form was sent: the weekly check has PEG items or a note, the quick log has neither."""
    return "peg" if any(form.get(name) for name in (*PEG_FIELDS, "note")) else "quick"


def settings_saved(query: QueryParams, number: str) -> str | None:
    return f"Saved: the call button now dials {number}." if query.get("saved") == "settings" else None


def outcome_saved(query: QueryParams, view: dict[str, Any]) -> str | None:
    """After an activity check (?checked=ID) or an import (?imported=N&skipped=M)."""
    check = view.get("last_check")
    if check is not None and query.get("checked") == str(check["id"]):
        return f"Saved your activity check: average {check['score']:g} out of 10."
    imported, skipped = query.get("imported", ""), query.get("skipped", "")
    if imported.isdigit() and skipped.isdigit():
        from acupress.core.progress import plural

        already = f"; {plural(int(skipped), 'record was', 'records were')} already here" if int(skipped) else ""
        return f"Imported {plural(int(imported), 'record')}{already}."
    return None
