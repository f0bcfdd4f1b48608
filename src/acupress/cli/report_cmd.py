"""`acupress report`: the one-page progress report for a clinician, as PDF or HTML."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

from acupress.cli import lazy_typer as typer
from acupress.errors import InvalidInput


def report(
    out: Annotated[Path, typer.Option("--out", help="The file to write: ending in .pdf or .html.")],
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD (default: 30 days before --to).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (default: today).")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Your name, as it should appear on the report.")] = None,
) -> None:
    """Write your progress report: plan, pain over time, sessions, PEG and activities against meaningful change."""
    from acupress.cli.files import write_atomically
    from acupress.cli.storage_access import open_storage
    from acupress.knowledge import load_knowledge
    from acupress.services.report import build_report, parse_day, report_period
    from acupress.services.report_render import report_html, report_pdf

    kind = out.suffix.lower()
    if kind not in (".pdf", ".html"):
        raise InvalidInput(f"must end in .pdf or .html (got {out.name!r})", field="--out")
    now = datetime.now().astimezone()
    period = report_period(parse_day(start, "--from"), parse_day(end, "--to"), now.date())
    kb = load_knowledge()
    built = open_storage().read(lambda conn, user: build_report(conn, user, period, kb, now, check_name(name)))
    data = report_pdf(built) if kind == ".pdf" else report_html(built).encode("utf-8")
    write_atomically(out, data, field="--out")
    typer.echo(f"Wrote your report for {period.start:%d %b %Y} to {period.end:%d %b %Y} to {out}.")


def check_name(name: str | None) -> str | None:
    """A name to print: up to 80 characters, no control characters."""
    if name is None or not name.strip():
        return None
    if len(name) > 80 or any(ord(c) < 32 for c in name):
        raise InvalidInput("must be at most 80 characters on one line", field="--name")
    return name.strip()
