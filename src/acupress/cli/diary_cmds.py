"""`acupress log`, `acupress diary` and `acupress export`: the diary from the terminal."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from acupress.cli.files import write_atomically
from acupress.cli.options import OutputFormat, print_json
from acupress.cli.storage_access import open_storage, transaction
from acupress.core.record import as_dict
from acupress.errors import InvalidInput

SPARKS = "▁▂▃▄▅▆▇█"


def log(
    pain: Annotated[int, typer.Argument(min=0, max=10, help="Pain now, 0 (none) to 10 (worst imaginable).")],
    note: Annotated[str, typer.Option(help="A short note.")] = "",
) -> None:
    """Write a pain entry to the diary (saved only once it is safely on disk)."""
    from acupress.core.inputs import check_note
    from acupress.storage.diary import NewEntry, add_entry

    check_note(note, field="--note")
    storage = open_storage()
    with transaction(storage.engine) as conn:
        entry = add_entry(conn, storage.user_id, NewEntry(datetime.now().astimezone(), pain, note=note))
    typer.echo(f"Saved: pain {entry['pain']} at {entry['recorded_at']:%Y-%m-%d %H:%M %z} (entry {entry['id']}).")


def diary(output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.text) -> None:
    """Show the diary: entries, a sparkline and the change since your first week."""
    from acupress.knowledge import load_knowledge
    from acupress.storage.db import reading
    from acupress.storage.summary import user_summary

    storage = open_storage()
    kb = load_knowledge()
    with reading(storage.engine) as conn:
        summary = user_summary(conn, storage.user_id, datetime.now().astimezone().date(), kb)
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


def export_csv(
    out: Annotated[Path | None, typer.Option("--out", help="File to write; default: standard output.")] = None,
) -> None:
    """Export all your diary entries and sessions as CSV (columns in the README)."""
    from acupress.storage.db import reading
    from acupress.storage.export import diary_csv

    storage = open_storage()
    with reading(storage.engine) as conn:
        text = diary_csv(conn, storage.user_id)
    _emit(text, out, f"Wrote {text.count(chr(10)) - 1} rows to {out}.")


def export_json(
    out: Annotated[Path | None, typer.Option("--out", help="File to write; default: standard output.")] = None,
) -> None:
    """Export everything acupress stores about you (answers, diary, sessions) as JSON."""
    import json

    from acupress.storage.db import reading
    from acupress.storage.export import everything

    storage = open_storage()
    with reading(storage.engine) as conn:
        text = json.dumps(everything(conn, storage.user_id), indent=2, ensure_ascii=False) + "\n"
    _emit(text, out, f"Wrote all your data to {out}.")


def _emit(text: str, out: Path | None, done: str) -> None:
    """To standard output, or all-or-nothing to the file asked for."""
    if out is None:
        sys.stdout.write(text)
        return
    write_atomically(out, text.encode("utf-8"), field="--out")
    typer.echo(done, err=True)


def export_fhir(
    out: Annotated[Path | None, typer.Option("--out", help="File to write; default: standard output.")] = None,
) -> None:
    """Your pain ratings as a FHIR R4 Bundle (LOINC 72514-3), for your clinician's records."""
    import json

    from acupress.storage.db import reading
    from acupress.storage.fhir import pain_bundle

    storage = open_storage()
    with reading(storage.engine) as conn:
        text = json.dumps(pain_bundle(conn, storage.user_id), indent=2, ensure_ascii=False) + "\n"
    _emit(text, out, f"Wrote a FHIR Bundle to {out}.")


def export_ics(
    out: Annotated[Path | None, typer.Option("--out", help="File to write; default: standard output.")] = None,
    at: Annotated[str, typer.Option("--time", help="Time of day for the reminder, HH:MM, your local time.")] = "08:00",
) -> None:
    """Daily calendar reminders (iCalendar) for your plan, to import into any calendar app."""
    from acupress.core.session import session_script, total_seconds
    from acupress.knowledge import load_knowledge
    from acupress.storage.assessments import latest_plan
    from acupress.storage.db import reading
    from acupress.storage.reminders import parse_time_of_day, reminders_ics

    when = parse_time_of_day(at, field="--time")
    storage = open_storage()
    kb = load_knowledge()
    with reading(storage.engine) as conn:
        plan = latest_plan(conn, storage.user_id, kb)
    if plan is None:
        raise InvalidInput("no answers saved yet: answer the questions in the web app first", field="plan")
    minutes = round(total_seconds(session_script(plan, kb)) / 60)
    weeks = kb.protocols[plan.protocol_id].weeks
    ics = reminders_ics(plan, datetime.now().astimezone().date(), when, minutes, weeks)
    _emit(ics.decode("utf-8"), out, f"Wrote daily reminders at {at} to {out}.")


def forget(yes: Annotated[bool, typer.Option("--yes", help="Do not ask: delete at once.")] = False) -> None:
    """Delete all your answers, diary entries and sessions from this machine."""
    from acupress.storage.users import delete_user_data

    if not yes and not typer.confirm("Delete all your answers, diary entries and sessions? This cannot be undone", default=False):
        typer.echo("Nothing was deleted.")
        return
    storage = open_storage()
    with transaction(storage.engine) as conn:
        delete_user_data(conn, storage.user_id)
    typer.echo("All your data has been deleted.")


def record_session(plan: dict, outcome, pain_before: int, pain_after: int, started: datetime) -> int:  # type: ignore[no-untyped-def,type-arg]
    """Save a terminal session like the web app does."""
    from acupress.storage.sessions import NewSession, add_session

    steps = [{"step_id": step_id, "side": side, "seconds": seconds} for (step_id, side), seconds in outcome.seconds_done.items()]
    storage = open_storage()
    with transaction(storage.engine) as conn:
        saved = add_session(conn, storage.user_id, NewSession(
            started_at=started, ended_at=datetime.now(UTC).astimezone(started.tzinfo), plan=plan, steps_done=steps,
            pain_before=pain_before, pain_after=pain_after, completed=outcome.completed, stop_reason=outcome.stop_reason))
    return int(saved["id"])
