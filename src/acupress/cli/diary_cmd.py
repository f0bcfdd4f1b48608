"""`acupress log`, `acupress diary` and `acupress export`: the diary from the terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

from acupress.cli import lazy_typer as typer
from acupress.cli.files import write_atomically
from acupress.cli.options import OutputFormat, print_json
from acupress.cli.storage_access import open_storage
from acupress.core.record import as_dict
from acupress.errors import InvalidInput
from acupress.services.today import machine_now

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from acupress.core.model import Knowledge

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
    new = NewEntry(machine_now(), pain, note=note)
    entry = open_storage().write(lambda conn, user: add_entry(conn, user, new))
    typer.echo(f"Saved: pain {entry['pain']} at {entry['recorded_at']:%Y-%m-%d %H:%M %z} (entry {entry['id']}).")
    from acupress.cli.due import remind_due
    from acupress.knowledge import load_knowledge

    remind_due(load_knowledge(), skip="pain_nrs")


def diary(output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.text) -> None:
    """Show the diary: pain scores and sessions, a sparkline and how things are going."""
    from acupress.knowledge import load_knowledge
    from acupress.services.summary import user_summary
    from acupress.storage.diary import list_entries
    from acupress.storage.sessions import list_sessions

    kb = load_knowledge()
    today = machine_now().date()
    summary, entries, every_session = open_storage().read(  # every session: demonstrations too, marked as such
        lambda conn, user: (user_summary(conn, user, today, kb), list_entries(conn, user), list_sessions(conn, user)))
    if output_format is OutputFormat.json:
        print_json({"entries": [{**e, "recorded_at": e["recorded_at"].isoformat()} for e in entries],
                    "sessions": [_session_json(s) for s in every_session],
                    "change": as_dict(summary["change"]),
                    "adherence": as_dict(summary["adherence"])})
        return
    if not entries and not every_session:
        typer.echo("The diary is empty. Add a pain score with: acupress log PAIN, or run: acupress session")
        return
    _print_timeline(entries, every_session, kb)
    if entries:
        typer.echo("\npain: " + "".join(SPARKS[min(7, e["pain"] * 8 // 11)] for e in entries[-40:]))
    _print_progress(summary, kb)
    from acupress.cli.due import remind_due

    remind_due(kb)


def _print_timeline(entries: list[dict], sessions: list[dict], kb: Knowledge) -> None:  # type: ignore[type-arg]
    """The newest 20 pain scores and sessions, oldest first."""
    rows = [(e["recorded_at"], _entry_words(e), str(e["pain"]), e["note"]) for e in entries]
    rows += [(s["started_at"], _session_words(s, kb), _before_after(s), "") for s in sessions]
    rows.sort(key=lambda row: row[0])
    typer.echo(f"{'when':<16}  {'what':<34} {'pain':>6}  note")
    for when, what, pain, note in rows[-20:]:
        typer.echo(f"{when:%Y-%m-%d %H:%M}  {what:<34} {pain:>6}  {note}".rstrip())


def _entry_words(entry: dict) -> str:  # type: ignore[type-arg]
    return "pain score" if entry["peg_score"] is None else f"weekly check (PEG {entry['peg_score']:g})"


def _session_words(session: dict, kb: Knowledge) -> str:  # type: ignore[type-arg]
    if session["demo"]:
        return "session (demonstration)"
    if session["completed"]:
        return "session"
    reason = kb.stop_reasons.get(session["stop_reason"] or "")
    return f"session, stopped: {reason.label.lower()}" if reason else "session, stopped early"


def _before_after(session: dict) -> str:  # type: ignore[type-arg]
    before, after = session["pain_before"], session["pain_after"]
    return "" if before is None or after is None else f"{before} → {after}"


def _session_json(session: dict) -> dict:  # type: ignore[type-arg]
    return {**session, "started_at": session["started_at"].isoformat(), "ended_at": session["ended_at"].isoformat()}


def _print_progress(summary: dict, kb: Knowledge) -> None:  # type: ignore[type-arg]
    from acupress.cli.advice import stop_advice
    from acupress.core.progress import first_days_words, plural, session_effect_words

    if summary["change"]:
        typer.echo(summary["change"].summary)
    elif summary["first_days"]:
        typer.echo(first_days_words(summary["first_days"]))
    effect = summary["session_effect"]
    if effect:
        typer.echo(session_effect_words(effect))
    if effect and effect.average_change > 0:  # as the Diary page: sessions leave pain higher, so say how to go gently
        typer.echo(stop_advice(kb, "pain_increased", "Sessions have left your pain higher, on average. Please go gently:"))
    streaks = summary["adherence"]
    typer.echo(f"Session streak: {plural(streaks.current_streak, 'day')} (longest {plural(streaks.longest_streak, 'day')}).")


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
    """Your records as a FHIR R4 Bundle (pain, PEG and activity checks, plan, sessions), for your clinician's system."""
    from acupress.knowledge import load_knowledge
    from acupress.services.fhir_bundle import records_bundle

    kb = load_knowledge()
    _emit(_read_for_export(lambda conn, user: _json(records_bundle(conn, user, kb))), out, f"Wrote a FHIR Bundle to {out}.")


def export_ics(
    out: OutOption = None,
    at: Annotated[str, typer.Option("--time", help="Time of day for the reminder, HH:MM, your local time.")] = "08:00",
) -> None:
    """Daily calendar reminders (iCalendar) for your plan, to import into any calendar app."""
    from acupress.knowledge import load_knowledge
    from acupress.services.reminders import parse_time_of_day, reminders_ics
    from acupress.storage.assessments import latest_plan

    when = parse_time_of_day(at, field="--time")
    kb = load_knowledge()
    plan = _read_for_export(lambda conn, user: latest_plan(conn, user, kb))
    if plan is None:
        raise InvalidInput("no answers saved yet: answer the questions in the web app first", field="plan")
    ics = reminders_ics(plan, machine_now().date(), when)
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

