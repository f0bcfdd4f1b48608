"""Turn HTML form fields into the same values the API and CLI take."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from starlette.datastructures import FormData

from acupress.core.answers import INTEGER_RANGES
from acupress.core.inputs import check_note
from acupress.core.model import Knowledge
from acupress.errors import InvalidInput
from acupress.services.function_checks import check_ratings
from acupress.storage.diary import NewEntry
from acupress.storage.function_checks import NewFunctionCheck
from acupress.storage.idempotent import CLIENT_ID_PATTERN

CLIENT_ID = re.compile(CLIENT_ID_PATTERN)


def _integer(form: FormData, name: str, low: int, high: int, required: bool = True) -> int | None:
    text = str(form.get(name) or "").strip()
    if not text:
        if required:
            raise InvalidInput(f"is required: a whole number from {low} to {high}", field=name)
        return None
    if not text.lstrip("-").isdigit() or not low <= int(text) <= high:
        raise InvalidInput(f"must be a whole number from {low} to {high} (got {text!r})", field=name)
    return int(text)


def _yes(form: FormData, name: str) -> bool:
    return str(form.get(name) or "").lower() in ("yes", "on", "true", "1")


def answers_from_form(form: FormData) -> dict[str, Any]:
    """Form fields to an answers object, with the ranges of core/answers.py (their one home)."""
    answers: dict[str, Any] = {
        "red_flags": [str(v) for v in form.getlist("red_flags")],
        "conditions": [str(v) for v in form.getlist("conditions")],
        "pregnant": _yes(form, "pregnant"),
        "clinician_cleared": _yes(form, "clinician_cleared"),
    }
    # The pregnancy questions were on the form: nothing ticked there means "none", not "not answered".
    if _yes(form, "pregnancy_signs_asked") or form.getlist("pregnancy_signs"):
        answers["pregnancy_signs"] = [str(v) for v in form.getlist("pregnancy_signs")]
    for name, (low, high) in INTEGER_RANGES.items():
        answers[name] = _integer(form, name, low, high)
    return answers


def entry_from_form(form: FormData) -> NewEntry:
    offset = _integer(form, "tz_offset", -840, 840, required=False) or 0
    zone = timezone(timedelta(minutes=offset))
    pain = _integer(form, "pain", 0, 10)
    assert pain is not None
    pegs = {name: _integer(form, name, 0, 10, required=False) for name in ("peg_pain", "peg_enjoyment", "peg_activity")}
    if any(value is not None for value in pegs.values()) and None in pegs.values():
        missing = next(name for name, value in pegs.items() if value is None)
        raise InvalidInput("is required when any PEG question is answered (0 to 10)", field=missing)
    note = check_note(str(form.get("note") or ""))
    return NewEntry(recorded_at=datetime.now(UTC).astimezone(zone), pain=pain, note=note,
                    client_id=_client_id(form), **pegs)


def activities_from_form(form: FormData, kb: Knowledge) -> NewFunctionCheck:
    """The activity check form (rows activity_N and ability_N) as a check; empty rows are left out."""
    offset = _integer(form, "tz_offset", -840, 840, required=False) or 0
    rows, indices = [], []
    for index in range(kb.questionnaires["psfs"].activities["max"]):
        name = str(form.get(f"activity_{index}") or "").strip()
        if name:
            rows.append({"activity": name, "ability": _integer(form, f"ability_{index}", 0, 10)})
            indices.append(index)
    try:
        ratings = check_ratings(rows, kb)
    except InvalidInput as error:  # name the form's own field: ratings[1].ability -> ability_N of that row
        found = re.fullmatch(r"ratings\[(\d+)\]\.(\w+)", error.field or "")
        field = f"{found.group(2)}_{indices[int(found.group(1))]}" if found else "activity_0"
        raise InvalidInput(error.message, field=field) from None
    moment = datetime.now(UTC).astimezone(timezone(timedelta(minutes=offset)))
    return NewFunctionCheck(recorded_at=moment, ratings=ratings, client_id=_client_id(form))


def _client_id(form: FormData) -> str | None:
    """The id the page's script gave this entry, so a form sent twice is saved once."""
    text = str(form.get("client_id") or "").strip()
    if not text:
        return None
    if not CLIENT_ID.match(text):
        raise InvalidInput("must be 8 to 64 letters, digits, - or _", field="client_id")
    return text
