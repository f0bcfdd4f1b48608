"""`acupress log`, `acupress diary` and `acupress export`: the diary from the terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

from acupress.cli import lazy_typer as typer
from acupress.cli.files import write_atomically
from acupress.cli.options import OutputFormat, print_json
from acupress.cli.storage_access import open_storage
from acupress.core.record import as_dict
from acupress.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

SPARKS = "▁▂▃▄▅▆▇█"
T = TypeVar("T")


def log(
    pain: Annotated[int, typer.Argument(min=0, max=10, help="Pain now, 0 (none) to 10 (worst imaginable).")],
    note: Annotated[str, typer.Option(help="A short note.")] = "",
) -> None:
    """Write a pain entry to the diary (saved only once it is safely on disk)."""
    from acupress.core.inputs import check_note
    from acupress.storage.diary import NewEntry, add_entry

    check_note(note, field="--note")
    new = NewEntry(datetime.now().astimezone(), pain, note=note)
    entry = open_storage().write(lambda conn, user: add_entry(conn, user, new))
    typer.echo(f"Saved: pain {entry['pain']} at {entry['recorded_at']:%Y-%m-%d %H:%M %z} (entry {entry['id']}).")


def diary(output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.text) -> None:
    """Show the diary: entries, a sparkline and the change since your first week."""
    from acupress.knowledge import load_knowledge
    from acupress.storage.summary import user_summary

    kb = load_knowledge()
    summary = open_storage().read(lambda conn, user: user_summary(conn, user, datetime.now().astimezone().date(), kb))
    entries = summary["entries"]
    if output_format is OutputFormat.json:
        print_json({"entries": [{**e, "recorded_at": e["recorded_at"].isoformat()} for e in entries],
                    "change": as_dict(summary["change"]),
                    "adherence": as_dict(summary["adherence"])})
        return
    if not entries:
        typer.echo("The diary is empty. Add an entry with: acupress log PAIN")
        return
    typer.echo(f"{'when':<17} {'pain':>4}  {'PEG':>4}  note")
    for entry in entries[-20:]:
        peg = "" if entry["peg_score"] is None else f"{entry['peg_score']:.1f}"
        typer.echo(f"{entry['recorded_at']:%Y-%m-%d %H:%M} {entry['pain']:>5}  {peg:>4}  {entry['note']}")
    typer.echo("\npain: " + "".join(SPARKS[min(7, e["pain"] * 8 // 11)] for e in entries[-40:]))
    if summary["change"]:
        typer.echo(summary["change"].summary)
    streaks = summary["adherence"]
    typer.echo(f"Session streak: {streaks.current_streak} days (longest {streaks.longest_streak}).")


OutOption = Annotated[Path | None, typer.Option("--out", help="File to write; default: standard output.")]


def export_csv(out: OutOption = None) -> None:
    """Export all your diary entries and sessions as CSV (columns in the README)."""
    from acupress.storage.export import diary_csv

    text = _read_for_export(diary_csv)
    _emit(text, out, f"Wrote {text.count(chr(10)) - 1} rows to {out}.")


def export_json(out: OutOption = None) -> None:
    """Export everything acupress stores about you (answers, diary, sessions) as JSON."""
    from acupress.storage.export import everything

    _emit(_read_for_export(lambda conn, user: _json(everything(conn, user))), out, f"Wrote all your data to {out}.")


def export_fhir(out: OutOption = None) -> None:
    """Your pain ratings as a FHIR R4 Bundle (LOINC 72514-3), for your clinician's records."""
    from acupress.storage.fhir import pain_bundle

    _emit(_read_for_export(lambda conn, user: _json(pain_bundle(conn, user))), out, f"Wrote a FHIR Bundle to {out}.")


def export_ics(
    out: OutOption = None,
    at: Annotated[str, typer.Option("--time", help="Time of day for the reminder, HH:MM, your local time.")] = "08:00",
) -> None:
    """Daily calendar reminders (iCalendar) for your plan, to import into any calendar app."""
    from acupress.knowledge import load_knowledge
    from acupress.storage.assessments import latest_plan
    from acupress.storage.reminders import parse_time_of_day, reminders_ics

    when = parse_time_of_day(at, field="--time")
    kb = load_knowledge()
    plan = _read_for_export(lambda conn, user: latest_plan(conn, user, kb))
    if plan is None:
        raise InvalidInput("no answers saved yet: answer the questions in the web app first", field="plan")
    ics = reminders_ics(plan, datetime.now().astimezone().date(), when)
    _emit(ics.decode("utf-8"), out, f"Wrote daily reminders at {at} to {out}.")


def _read_for_export(read: Callable[[Connection, int], T]) -> T:
    """Run `read` on the local profile's data, on the read path."""
    return open_storage().read(read)


def _json(data: object) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _emit(text: str, out: Path | None, done: str) -> None:
    """To standard output, or all-or-nothing to the file asked for."""
    if out is None:
        sys.stdout.write(text)
        return
    write_atomically(out, text.encode("utf-8"), field="--out")
    typer.echo(done, err=True)


def forget(yes: Annotated[bool, typer.Option("--yes", help="Do not ask: delete at once.")] = False) -> None:
    """Delete all your answers, diary entries and sessions from this machine."""
    from acupress.storage.users import delete_user_data

    if not yes and not typer.confirm("Delete all your answers, diary entries and sessions? This cannot be undone", default=False):
        typer.echo("Nothing was deleted.")
        return
    open_storage().write(delete_user_data)
    typer.echo("All your data has been deleted.")


def record_session(plan: dict, outcome, pain_before: int, pain_after: int, started: datetime) -> int:  # type: ignore[no-untyped-def,type-arg]
    """Save a terminal session like the web app does."""
    from acupress.storage.sessions import NewSession, add_session

    steps = [{"step_id": step_id, "side": side, "seconds": seconds} for (step_id, side), seconds in outcome.seconds_done.items()]
    new = NewSession(started_at=started, ended_at=datetime.now(UTC).astimezone(started.tzinfo), plan=plan, steps_done=steps,
                     pain_before=pain_before, pain_after=pain_after, completed=outcome.completed, stop_reason=outcome.stop_reason)
    saved = open_storage().write(lambda conn, user: add_session(conn, user, new))
    return int(saved["id"])
