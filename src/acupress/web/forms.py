"""Turn HTML form fields into the same values the API and CLI take.

The assessment form reads every answer key that `core.answers.answer_fields`
describes (their one home, with their ranges), and words its problems for a
person: one sentence per field, shown beside that field.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from starlette.datastructures import FormData

from acupress.core.answers import AnswerField, answer_fields, parse_answers
from acupress.core.inputs import check_note
from acupress.core.model import Knowledge, RedFlag
from acupress.core.rules_used import PREGNANCY_SIGNS_GROUP
from acupress.core.when import clause_holds
from acupress.errors import InvalidInput
from acupress.services.function_checks import check_ratings
from acupress.storage.diary import NewEntry
from acupress.storage.function_checks import NewFunctionCheck
from acupress.storage.idempotent import CLIENT_ID_PATTERN

CLIENT_ID = re.compile(CLIENT_ID_PATTERN)

# How long the pain has lasted is asked as a number and a unit; the answers keep days.
# A month counts as 30 days and a year as 365 (the page says so).
DURATION_UNITS = {"days": 1, "weeks": 7, "months": 30, "years": 365}
DAYS_KEY = "pain_started_days_ago"
SINGLE_KINDS = ("integer", "boolean", "choice")  # answer kinds with one value; the others are lists
_DECIMAL = re.compile(r"^[0-9]{1,6}([.,][0-9]{1,2})?$")


class FormProblems(InvalidInput):
    """Every problem of one form at once, each a sentence for the field it is about."""

    def __init__(self, problems: dict[str, str]) -> None:
        field, message = next(iter(problems.items()))
        super().__init__(message, field=field)
        self.problems = problems


def conflicting_fields(form: FormData, lists: tuple[str, ...] = ()) -> dict[str, str]:
    """Fields sent twice with different values (`age=12&age=45`): Starlette would quietly keep one, which could
    skip a safety rule, so they are refused (a field repeated with the same value is harmless)."""
    return {key: "was sent twice with different values; send it once"
            for key in dict.fromkeys(form.keys()) if key not in lists and len(set(form.getlist(key))) > 1}


def refuse_conflicts(form: FormData) -> None:
    conflicts = conflicting_fields(form)
    if conflicts:
        field, message = next(iter(conflicts.items()))
        raise InvalidInput(message, field=field)


def field_help(field: AnswerField) -> str:
    """What a field needs, in words: shown when it is missing or wrong (the page's script shows it too)."""
    if field.key == DAYS_KEY:
        longest = (field.maximum or 0) // DURATION_UNITS["years"]
        return (f"Please say how long ago the pain started: a number such as 3 or 1.5, then days, weeks, "
                f"months or years (at most {longest} years).")
    if field.key == "age":
        return f"Please give your age in years, a whole number from {field.minimum} to {field.maximum}."
    if field.minimum == 0 and field.maximum == 10:
        return "Please choose a number from 0 (no pain) to 10 (the worst you can imagine)."
    return f"Please give a whole number from {field.minimum} to {field.maximum}."


def _whole_number(form: FormData, field: AnswerField, problems: dict[str, str]) -> int | None:
    text = str(form.get(field.key) or "").strip()
    low, high = field.minimum or 0, field.maximum or 0
    if text.isdigit() and low <= int(text) <= high:
        return int(text)
    problems[field.key] = field_help(field) + (f" You gave “{text[:20]}”." if text else "")
    return None


def days_from_duration(amount: str, unit: str) -> int | None:
    """ "1.5", "years" -> 548; None when the amount is not a number or the unit unknown."""
    amount = amount.strip()
    if unit not in DURATION_UNITS or not _DECIMAL.match(amount):
        return None
    return math.floor(float(amount.replace(",", ".")) * DURATION_UNITS[unit] + 0.5)  # halves up, as the page's script


def _days(form: FormData, field: AnswerField, problems: dict[str, str]) -> int | None:
    """The duration as days: from a number and a unit, or a plain number of days (scripts, older pages)."""
    if "duration_amount" not in form and DAYS_KEY in form:
        return _whole_number(form, field, problems)
    amount, unit = str(form.get("duration_amount") or ""), str(form.get("duration_unit") or "")
    days = days_from_duration(amount, unit)
    if days is not None and (field.minimum or 0) <= days <= (field.maximum or 0):
        return days
    if amount.strip() and not unit:
        problems[DAYS_KEY] = "Please choose whether that is days, weeks, months or years."
    else:
        given = f" You gave “{amount.strip()[:20]} {unit}”." if amount.strip() else ""
        problems[DAYS_KEY] = field_help(field) + given
    return None


def _yes(form: FormData, name: str) -> bool:
    return any(str(value).lower() in ("yes", "on", "true", "1") for value in form.getlist(name))


def answers_from_form(form: FormData, kb: Knowledge) -> dict[str, Any]:
    """Form fields to an answers object; FormProblems names every field that needs another look.

    Answers to a screen the person was not shown (its group's `shown_when` does
    not hold, e.g. the pregnancy questions after "not pregnant") are left out.
    """
    answers: dict[str, Any] = {}
    problems = conflicting_fields(form, lists=tuple(f.key for f in answer_fields(kb) if f.kind not in SINGLE_KINDS))
    for field in answer_fields(kb):
        if field.kind == "integer":
            answers[field.key] = (_days if field.key == DAYS_KEY else _whole_number)(form, field, problems)
        elif field.kind == "boolean":
            answers[field.key] = _yes(form, field.key)
        elif field.kind == "choice":
            if form.get(field.key):
                answers[field.key] = str(form.get(field.key))
        elif not field.nullable or _yes(form, f"{field.key}_asked") or form.getlist(field.key):
            # A nullable list whose questions were on the page: nothing ticked means "none", not "not answered".
            answers[field.key] = list(dict.fromkeys(str(value) for value in form.getlist(field.key)))
    if problems:
        raise FormProblems(problems)
    return _without_unshown_groups(answers, kb)


def _without_unshown_groups(answers: dict[str, Any], kb: Knowledge) -> dict[str, Any]:
    parsed = parse_answers(answers, kb)  # refuses unknown ids before anything is dropped
    for group in kb.groups.values():
        if group.shown_when is None or clause_holds(group.shown_when, parsed):
            continue
        asked = {flag.id for flag in kb.flags_in_group(group.id)}
        asked |= {condition.id for condition in kb.conditions.values() if condition.group == group.id}
        for key in ("red_flags", "conditions"):
            answers[key] = [item for item in answers[key] if item not in asked]
        if group.id == PREGNANCY_SIGNS_GROUP:
            answers.pop("pregnancy_signs", None)
    return answers


def emergency_signs(form: FormData, kb: Knowledge) -> list[RedFlag]:
    """The ticked signs that need help now, whatever else the form holds (or lacks)."""
    ticked = [str(value) for key in ("red_flags", "pregnancy_signs") for value in form.getlist(key)]
    flags = [kb.red_flags[flag_id] for flag_id in dict.fromkeys(ticked) if flag_id in kb.red_flags]
    return [flag for flag in flags if flag.level == "emergency"]


def with_signs(answers: dict[str, Any], signs: list[RedFlag]) -> dict[str, Any]:
    """Earlier answers with these warning signs added, each under its own answer key."""
    updated = dict(answers)
    for flag in signs:
        key = "pregnancy_signs" if flag.group == PREGNANCY_SIGNS_GROUP else "red_flags"
        updated[key] = list(dict.fromkeys([*(updated.get(key) or []), flag.id]))
    return updated


def _integer(form: FormData, name: str, low: int, high: int, required: bool = True) -> int | None:
    text = str(form.get(name) or "").strip()
    if not text:
        if required:
            raise InvalidInput(f"is required: a whole number from {low} to {high}", field=name)
        return None
    if not text.lstrip("-").isdigit() or not low <= int(text) <= high:
        raise InvalidInput(f"must be a whole number from {low} to {high} (got {text!r})", field=name)
    return int(text)


def entry_from_form(form: FormData) -> NewEntry:
    refuse_conflicts(form)
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
    refuse_conflicts(form)
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
