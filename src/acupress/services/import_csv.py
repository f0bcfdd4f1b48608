"""Reading the documented CSV diary (`acupress export csv`) back in.

The columns are those of the export (README, "CSV export columns"), in that
order. Text that the export protected from spreadsheets (a leading ') is
read back as written. A session's CSV row has no end time and no plan: the
end is its start plus the seconds of its steps, and the plan is left empty.
Problems are named by line: `line 12, pain`.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from acupress.core.diary import peg_score
from acupress.core.model import Knowledge
from acupress.errors import InvalidInput
from acupress.services.import_fields import Fields
from acupress.services.import_records import Parsed
from acupress.storage.diary import NewEntry
from acupress.storage.export import CSV_COLUMNS, spreadsheet_text_back
from acupress.storage.sessions import NewSession

PEG = ("peg_pain", "peg_enjoyment", "peg_activity")
NUMBERS = ("pain", *PEG, "pain_before", "pain_after")


def parse_csv(text: str, kb: Knowledge) -> Parsed:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    parsed = Parsed()
    try:
        header = next(reader, None)
        if header != CSV_COLUMNS:
            raise InvalidInput(f"the columns must be those of acupress's CSV export: {','.join(CSV_COLUMNS)}", field="line 1")
        for cells in reader:
            line = f"line {reader.line_num}"
            if len(cells) != len(CSV_COLUMNS):
                raise InvalidInput(f"has {len(cells)} cells; a row has {len(CSV_COLUMNS)}", field=line)
            row = Fields(_typed(dict(zip(CSV_COLUMNS, cells, strict=True)), line), line, joiner=", ")
            if row.data["record"] == "entry":
                parsed.diary.append(_entry(row))
            elif row.data["record"] == "session":
                parsed.sessions.append(_session(row, kb))
            else:
                raise row.fail("record", f"must be entry or session (got {row.data['record'][:20]!r})")
    except csv.Error as error:
        raise InvalidInput(f"is not readable CSV: {error}", field=f"line {reader.line_num}") from None
    return parsed


def unprotect(value: str) -> str:
    """Undo the export's spreadsheet protection (storage.export.spreadsheet_safe)."""
    return spreadsheet_text_back(value)


def _typed(cells: dict[str, str], line: str) -> dict[str, Any]:
    """Empty cells as None, numbers as numbers (a cell that is not one stays text, so its check names it)."""
    typed: dict[str, Any] = {}
    for name, value in cells.items():
        value = unprotect(value)
        if name in NUMBERS and value.strip().isdigit():
            typed[name] = int(value)
        else:
            typed[name] = None if value == "" and name not in ("note", "record") else value
    return typed


def _entry(row: Fields) -> NewEntry:
    for name in ("pain_before", "pain_after", "completed", "stop_reason", "steps_done", "minutes"):
        if row.data[name] not in (None, ""):
            raise row.fail(name, "must be empty in an entry row")
    pegs = {name: row.integer(name, 0, 10, nullable=True) for name in PEG}
    values = list(pegs.values())
    if None in values and any(v is not None for v in values):
        raise row.fail(next(n for n, v in pegs.items() if v is None), "is needed when any PEG item is given (0 to 10)")
    _check_score(row, values)
    return NewEntry(recorded_at=row.moment("time"), pain=row.integer("pain", 0, 10),  # type: ignore[arg-type]
                    note=row.text("note", note=True), peg_pain=pegs["peg_pain"], peg_enjoyment=pegs["peg_enjoyment"],
                    peg_activity=pegs["peg_activity"])


def _check_score(row: Fields, items: list[int | None]) -> None:
    given = row.data["peg_score"]
    if given is None or None in items:
        return
    expected = peg_score(*items)  # type: ignore[arg-type]
    try:
        matches = float(given) == expected
    except ValueError:
        matches = False
    if not matches:
        raise row.fail("peg_score", f"does not match its three items (they give {expected:g})")


def _session(row: Fields, kb: Knowledge) -> NewSession:
    for name in ("pain", *PEG, "peg_score"):
        if row.data[name] not in (None, ""):
            raise row.fail(name, "must be empty in a session row")
    started = row.moment("time")
    steps = _steps(row)
    completed = row.text("completed", ("yes", "no")) == "yes"
    reason = row.data["stop_reason"]
    if reason is not None and reason not in kb.stop_reasons:
        raise row.fail("stop_reason", f"must be empty or one of {', '.join(kb.stop_reasons)}")
    return NewSession(started_at=started, ended_at=started + timedelta(seconds=sum(s["seconds"] for s in steps)),
                      plan={}, steps_done=steps, pain_before=row.integer("pain_before", 0, 10, nullable=True),
                      pain_after=row.integer("pain_after", 0, 10, nullable=True), completed=completed, stop_reason=reason)


def _steps(row: Fields) -> list[dict[str, Any]]:
    """ "SI3:left:120;back_rub:-:180" as steps, each checked like the JSON's."""
    from acupress.services.import_json import steps_done

    text = row.data["steps_done"] or ""
    steps: list[dict[str, Any]] = []
    for part in filter(None, text.split(";")):
        pieces = part.split(":")
        if len(pieces) != 3 or not pieces[2].isdigit():
            raise row.fail("steps_done", f"must be step:side:seconds separated by ; (got {part[:40]!r})")
        steps.append({"step_id": pieces[0], "side": None if pieces[1] == "-" else pieces[1], "seconds": int(pieces[2])})
    return steps_done(Fields({"steps_done": steps}, row.where, row.joiner))
