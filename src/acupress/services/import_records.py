"""Saving checked records from an imported file: each once, whatever was there before.

A record that carries a device-made `client_id` is the same record wherever
that id appears (as for offline sync); one without is the same record as an
existing one with the same time and values. Either way a second import of the
same file adds nothing. The caller runs this in one transaction: a failure
leaves the diary as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection

from acupress.storage.assessments import list_assessments, save_assessment
from acupress.storage.diary import NewEntry, add_entry, list_entries
from acupress.storage.function_checks import NewFunctionCheck, add_function_check, list_function_checks
from acupress.storage.marks import list_marks, save_mark
from acupress.storage.sessions import NewSession, add_session, list_sessions
from acupress.storage.tables import users


@dataclass
class Parsed:
    """Everything a file holds, checked, ready to save."""

    assessments: list[dict[str, Any]] = field(default_factory=list)
    diary: list[NewEntry] = field(default_factory=list)
    sessions: list[NewSession] = field(default_factory=list)
    point_marks: list[dict[str, Any]] = field(default_factory=list)
    function_checks: list[NewFunctionCheck] = field(default_factory=list)
    emergency_number: str | None = None


@dataclass(frozen=True)
class ImportSummary:
    added: int
    skipped: int  # already there (or twice in the file)
    by_kind: dict[str, int]  # added, per kind of record


def _utc(moment: datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _row(record: Any) -> dict[str, Any]:
    """A stored row or a record about to be stored, as a dict (keys are made the same way from both)."""
    return record if isinstance(record, dict) else dict(vars(record))


def _entry_key(record: Any) -> tuple[Any, ...]:
    e = _row(record)
    return (_utc(e["recorded_at"]), e["pain"], e["peg_pain"], e["peg_enjoyment"], e["peg_activity"], e["note"])


def _session_key(record: Any) -> tuple[Any, ...]:
    """Without the end time or the plan: the CSV has neither, and the same session read from it must match."""
    s = _row(record)
    steps = [(x["step_id"], x.get("side"), x["seconds"]) for x in s["steps_done"]]
    return (_utc(s["started_at"]), s["pain_before"], s["pain_after"], bool(s["completed"]), s["stop_reason"],
            _canonical(steps))


def _check_key(record: Any) -> tuple[Any, ...]:
    c = _row(record)
    return (_utc(c["recorded_at"]), _canonical(c["ratings"]))


Kind = tuple[str, Sequence[Any], list[dict[str, Any]], Callable[[Any], tuple[Any, ...]], Callable[[Connection, int, Any], Any]]


def save_parsed(conn: Connection, user_id: int, parsed: Parsed) -> ImportSummary:
    counts: dict[str, int] = {}
    skipped = 0
    kinds: list[Kind] = [
        ("diary", parsed.diary, list_entries(conn, user_id), _entry_key, add_entry),
        ("sessions", parsed.sessions, list_sessions(conn, user_id), _session_key, add_session),
        ("function_checks", parsed.function_checks, list_function_checks(conn, user_id), _check_key, add_function_check),
    ]
    for kind, records, existing, key, add in kinds:
        seen = {key(row) for row in existing} | {("client", row["client_id"]) for row in existing if row["client_id"]}
        added = 0
        for record in records:
            identity = ("client", record.client_id) if record.client_id else key(record)
            if identity in seen or key(record) in seen:
                skipped += 1
                continue
            add(conn, user_id, record)
            seen |= {identity, key(record)}
            added += 1
        counts[kind] = added
    counts["assessments"], more_skipped = _save_assessments(conn, user_id, parsed.assessments)
    counts["point_marks"] = _save_marks(conn, user_id, parsed.point_marks)
    _save_emergency_number(conn, user_id, parsed.emergency_number)
    return ImportSummary(sum(counts.values()), skipped + more_skipped, counts)


def _save_assessments(conn: Connection, user_id: int, rows: list[dict[str, Any]]) -> tuple[int, int]:
    seen = {(_utc(a["created_at"]), _canonical(a["answers"])) for a in list_assessments(conn, user_id)}
    added = skipped = 0
    for row in rows:
        key = (_utc(row["created_at"]), _canonical(row["answers"]))
        if key in seen:
            skipped += 1
            continue
        save_assessment(conn, user_id, row["answers"], row["triage_level"], created_at=row["created_at"])
        seen.add(key)
        added += 1
    return added, skipped


def _save_marks(conn: Connection, user_id: int, rows: list[dict[str, Any]]) -> int:
    """A spot replaces the one saved for the same point and side only if it was confirmed later."""
    newest = {(m["point_id"], m["side"]): _utc(m["confirmed_at"]) for m in list_marks(conn, user_id)}
    added = 0
    for row in rows:
        where = (row["point_id"], row["side"])
        if where in newest and newest[where] >= _utc(row["confirmed_at"]):
            continue
        save_mark(conn, user_id, row["point_id"], row["side"], row["along"], row["outward"], when=row["confirmed_at"])
        newest[where] = _utc(row["confirmed_at"])
        added += 1
    return added


def _save_emergency_number(conn: Connection, user_id: int, number: str | None) -> None:
    """The file's emergency number, unless one was already chosen on this machine."""
    if number is not None:
        conn.execute(users.update().where(users.c.id == user_id, users.c.emergency_number.is_(None))
                     .values(emergency_number=number))

