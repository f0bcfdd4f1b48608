"""Reading acupress's own JSON export (`acupress export json`, "Download everything") back in.

Every record is checked before anything is saved; the first problem is named
by its path (`sessions[4].stop_reason`). A file from a newer acupress (a
higher format number) is refused as a whole: it may hold what this version
would silently drop.
"""

from __future__ import annotations

import re
from typing import Any

from acupress.core.answers import parse_answers
from acupress.core.diary import PEG_ITEMS, peg_score
from acupress.core.model import Knowledge
from acupress.errors import InvalidInput
from acupress.services.function_checks import check_ratings
from acupress.services.import_fields import Fields
from acupress.services.import_records import Parsed
from acupress.storage.diary import NewEntry
from acupress.storage.function_checks import NewFunctionCheck
from acupress.storage.sessions import NewSession

FORMAT_VERSION = 1
FORMAT = re.compile(r"^acupress-export/(\d{1,6})$")
PEG = PEG_ITEMS
# Accounts mode exports who followed the person and the programs they gave; links and
# programs belong to the server they were made on, so an import accepts them and keeps nothing.
SERVER_ONLY = ("practitioners", "programs", "invites")


def parse_export(text: str, kb: Knowledge) -> Parsed:
    document = Fields(_decode(text), "")
    _check_format(document)
    document.only(("format", "user", "assessments", "diary", "sessions", "point_marks"), ("function_checks", *SERVER_ONLY))
    parsed = Parsed(emergency_number=_emergency_number(Fields(document.data["user"], "user")))
    readers = {"assessments": _assessment, "diary": _entry, "sessions": _session, "point_marks": _mark,
               "function_checks": _function_check}
    for section, read in readers.items():
        rows = document.data.get(section, [])
        if not isinstance(rows, list):
            raise InvalidInput("must be a list", field=section)
        getattr(parsed, section).extend(read(Fields(row, f"{section}[{index}]"), kb) for index, row in enumerate(rows))
    return parsed


def _decode(text: str) -> Any:
    """Strict JSON (storage's rules: no repeated keys, no NaN, no endless numbers), or one line saying where it breaks."""
    import json

    from acupress.strict_json import JSONProblem, parse

    try:
        return parse(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}", field="file") from None
    except JSONProblem as problem:
        raise InvalidInput(f"is not acceptable JSON: {problem}", field="file") from None


def _check_format(document: Fields) -> None:
    found = FORMAT.match(str(document.data.get("format", "")))
    if found is None:
        raise document.fail("format", 'must be "acupress-export/1": this is not an acupress export')
    if int(found.group(1)) > FORMAT_VERSION:
        raise document.fail("format", f"this file comes from a newer acupress (format {found.group(1)}); this version "
                                      f"reads format {FORMAT_VERSION}: update acupress, then import it again")


def _emergency_number(user: Fields) -> str | None:
    number: str | None = user.text("emergency_number", nullable=True)
    if number is not None and not re.fullmatch(r"\d{2,6}", number):
        raise user.fail("emergency_number", "must be 2 to 6 digits")
    return number


def _assessment(row: Fields, kb: Knowledge) -> dict[str, Any]:
    row.only(("created_at", "answers", "triage_level"), ("id",))
    answers = row.data["answers"]
    try:
        parse_answers(answers, kb)
    except InvalidInput as error:
        raise InvalidInput(error.message, field=row.path(f"answers.{error.field}" if error.field else "answers")) from None
    return {"created_at": row.moment("created_at"), "answers": answers,
            "triage_level": row.text("triage_level", ("emergency", "urgent", "self_care"))}


def _entry(row: Fields, kb: Knowledge) -> NewEntry:
    row.only(("recorded_at", "pain"), ("id", *PEG, "peg_score", "note", "client_id"))
    pegs = {name: row.integer(name, 0, 10, nullable=True) for name in PEG}
    values = list(pegs.values())
    if None in values and any(v is not None for v in values):
        raise row.fail(next(n for n, v in pegs.items() if v is None), "is needed when any PEG item is given (0 to 10)")
    score = row.data.get("peg_score")
    expected = None if None in values else peg_score(*values)  # type: ignore[arg-type]
    if score is not None and score != expected:
        raise row.fail("peg_score", f"is {score!r} but its three items give {expected!r}")
    return NewEntry(recorded_at=row.moment("recorded_at"), pain=row.integer("pain", 0, 10),  # type: ignore[arg-type]
                    note=row.text("note", note=True) if "note" in row.data else "", client_id=row.client_id(), **pegs)


def _session(row: Fields, kb: Knowledge) -> NewSession:
    row.only(("started_at", "ended_at", "plan", "steps_done", "completed"),
             ("id", "pain_before", "pain_after", "stop_reason", "client_id", "demo"))
    started, ended = row.moment("started_at"), row.moment("ended_at")
    if ended < started:
        raise row.fail("ended_at", "must not be before started_at")
    if not isinstance(row.data["plan"], dict):
        raise row.fail("plan", "must be an object (the plan the session followed)")
    return NewSession(started_at=started, ended_at=ended, plan=row.data["plan"], steps_done=steps_done(row),
                      pain_before=row.integer("pain_before", 0, 10, nullable=True),
                      pain_after=row.integer("pain_after", 0, 10, nullable=True), completed=row.boolean("completed"),
                      stop_reason=row.text("stop_reason", tuple(kb.stop_reasons), nullable=True),
                      demo=row.boolean("demo") if "demo" in row.data else False, client_id=row.client_id())


def steps_done(row: Fields) -> list[dict[str, Any]]:
    steps = row.data["steps_done"]
    if not isinstance(steps, list):
        raise row.fail("steps_done", "must be a list")
    checked = []
    for index, step in enumerate(steps):
        item = Fields(step, row.path(f"steps_done[{index}]"))
        item.only(("step_id", "seconds"), ("side",))
        step_id = item.text("step_id")
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,39}", step_id):
            raise item.fail("step_id", "must be a step's id, such as KI3 or back_rub")
        checked.append({"step_id": step_id, "side": item.text("side", ("left", "right"), nullable=True),
                        "seconds": item.integer("seconds", 0, 24 * 3600)})
    return checked


def _mark(row: Fields, kb: Knowledge) -> dict[str, Any]:
    row.only(("point_id", "side", "along", "outward", "confirmed_at"), ("id",))
    located = tuple(point_id for point_id, point in kb.points.items() if point.locator)
    return {"point_id": row.text("point_id", located), "side": row.text("side", ("left", "right")),
            "along": row.number("along", -2, 2), "outward": row.number("outward", -2, 2),
            "confirmed_at": row.moment("confirmed_at")}


def _function_check(row: Fields, kb: Knowledge) -> NewFunctionCheck:
    row.only(("recorded_at", "ratings"), ("id", "score", "client_id"))
    ratings = check_ratings(row.data["ratings"], kb, field=row.path("ratings"))
    return NewFunctionCheck(recorded_at=row.moment("recorded_at"), ratings=ratings, client_id=row.client_id())
