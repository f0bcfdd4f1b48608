"""`acupress import FILE`: bring a diary file (acupress JSON export or CSV) into this machine's diary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from acupress.cli import lazy_typer as typer
from acupress.errors import InvalidInput


def import_diary(file: Annotated[Path, typer.Argument(help="An acupress JSON export or a CSV diary file.")]) -> None:
    """Import a diary file: all of it or, if anything in it is wrong, none of it. Records already here are skipped."""
    from acupress.cli.storage_access import open_storage
    from acupress.knowledge import load_knowledge
    from acupress.services.imports import MAX_BYTES, import_file, summary_words

    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise InvalidInput(f"cannot read {str(file)!r} ({error.strerror})", field="FILE") from None
    kb = load_knowledge()
    summary = open_storage().write(lambda conn, user: import_file(conn, user, file.name, data, kb))
    typer.echo(summary_words(summary))
