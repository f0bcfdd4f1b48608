"""Importing a diary file: acupress's own JSON export, or the documented CSV.

`import_file` reads and checks the whole file first (services.import_json,
services.import_csv) and refuses it as a whole, naming the first problem by
its path or line; only then does it save, in the caller's transaction, each
record once (services.import_records). So a bad file changes nothing, and the
same file imported twice adds nothing the second time.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from acupress.core.model import Knowledge
from acupress.errors import InvalidInput
from acupress.services.import_csv import parse_csv
from acupress.services.import_json import parse_export
from acupress.services.import_records import ImportSummary, Parsed, save_parsed

MAX_BYTES = 20 * 1024 * 1024  # years of daily entries fit in a few MB


def read_file(data: bytes, kb: Knowledge) -> Parsed:
    """The checked records of a file: JSON if it starts with "{", CSV otherwise."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"is larger than {MAX_BYTES // (1024 * 1024)} MB; an acupress export is far smaller", field="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"is not UTF-8 text (a byte at position {error.start} cannot be read)", field="file") from None
    if not text.strip():
        raise InvalidInput("is empty", field="file")
    return parse_export(text, kb) if text.lstrip().startswith("{") else parse_csv(text, kb)


def import_file(conn: Connection, user_id: int, name: str, data: bytes, kb: Knowledge) -> ImportSummary:
    """Check the whole file, then save what is new; `name` is only for messages."""
    try:
        parsed = read_file(data, kb)
    except InvalidInput as error:
        raise InvalidInput(f"{name or 'the file'} was not imported, nothing was changed: {error}", field="file") from None
    return save_parsed(conn, user_id, parsed)


def summary_words(summary: ImportSummary) -> str:
    """ "Imported 42 records (30 diary entries, 12 sessions); 3 were already in your diary." """
    from acupress.core.progress import plural

    names = {"diary": ("diary entry", "diary entries"), "sessions": ("session", None), "assessments": ("set of answers", "sets of answers"),
             "function_checks": ("activity check", None), "point_marks": ("saved spot", None)}
    parts = [plural(count, *names[kind]) for kind, count in summary.by_kind.items() if count]
    text = f"Imported {plural(summary.added, 'record')}" + (f" ({', '.join(parts)})" if parts else "")
    return text + (f"; {plural(summary.skipped, 'record was', 'records were')} already in your diary." if summary.skipped else ".")
