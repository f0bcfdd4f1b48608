"""What is due today, said in the terminal: after `acupress log`, `acupress diary` and `acupress check`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from acupress.cli import lazy_typer as typer
from acupress.services.today import machine_now

if TYPE_CHECKING:
    from acupress.core.model import Knowledge


def remind_due(kb: Knowledge, skip: str | None = None) -> bool:
    """Print a line for each measure due today (except `skip`, just answered); True if any was due."""
    from acupress.cli.storage_access import open_storage
    from acupress.services.schedule import due_words, measures_due

    today = machine_now().date()
    due = [d for d in open_storage().read(lambda conn, user: measures_due(conn, user, kb, today)) if d["measure"] != skip]
    for item in due:
        typer.echo(f"Due: {due_words(item)} Answer it with: {item['command']}")
    return bool(due)
