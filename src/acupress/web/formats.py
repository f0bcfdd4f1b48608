"""The text formats the API accepts, each as one regular expression that is both
published in the OpenAPI description and used to check the input.

So the description says exactly what the server does: a date the schema
allows is a date the server takes (1970 to 2200, real calendar days, leap
years included), and anything else is refused with one line.
Python's `re.search` is used, as JSON Schema validators do (so a trailing
newline after `$` is allowed, and stripped before parsing).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, TypeAdapter, WithJsonSchema

from acupress.core.inputs import MAX_NOTE

_YEAR = "(19[7-9][0-9]|20[0-9][0-9]|21[0-9][0-9]|2200)"
_LEAP_YEAR = "(19(7[26]|8[048]|9[26])|20([02468][048]|[13579][26])|21(0[48]|[2468][048]|[13579][26]))"
_MONTH_DAY = "((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))"
DATE = f"({_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_TIME = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?"
_OFFSET = "([Zz]|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)"
DATE_PATTERN = f"^{DATE}$"
MOMENT_PATTERN = f"^{DATE}[Tt]{_TIME}{_OFFSET}$"
TIME_OF_DAY_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
NOTE_PATTERN = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]*$"  # no control characters but tab and line breaks

MOMENT_TEXT = "a date and time with its UTC offset, like 2026-11-25T08:30:00+01:00 (years 1970 to 2200, offsets up to ±14:00)"
_aware = TypeAdapter(datetime)


def matches(pattern: str, value: object) -> str | None:
    """The text without a trailing newline when it matches, else None."""
    if isinstance(value, str) and re.search(pattern, value):
        return value.removesuffix("\n")
    return None


def parse_moment(value: object) -> datetime:
    text = matches(MOMENT_PATTERN, value)
    if text is None:
        raise ValueError(f"must be {MOMENT_TEXT}")
    moment: datetime = _aware.validate_python(text.upper())
    return moment


def parse_date(value: object) -> date:
    text = matches(DATE_PATTERN, value)
    if text is None:
        raise ValueError("must be a date like 2026-11-25, from 1970 to 2200")
    return date.fromisoformat(text)


def _checked_note(value: object) -> Any:
    if isinstance(value, str) and (len(value) > MAX_NOTE or matches(NOTE_PATTERN, value) is None):
        raise ValueError(f"must be at most {MAX_NOTE} characters, without control characters")
    return value


Moment = Annotated[datetime, BeforeValidator(parse_moment),
                   WithJsonSchema({"type": "string", "pattern": MOMENT_PATTERN, "description": MOMENT_TEXT})]
NoteText = Annotated[str, BeforeValidator(_checked_note),
                     WithJsonSchema({"type": "string", "maxLength": MAX_NOTE, "pattern": NOTE_PATTERN,
                                     "description": "Free text, without control characters (tab and line breaks are fine)"})]


def _checked_time_of_day(value: object) -> Any:
    if matches(TIME_OF_DAY_PATTERN, value) is None:
        raise ValueError("must be a time of day like 08:30")
    return str(value).removesuffix("\n")


Day = Annotated[date, BeforeValidator(parse_date),
                WithJsonSchema({"type": "string", "pattern": DATE_PATTERN, "description": "A date like 2026-11-25"})]
TimeOfDay = Annotated[str, BeforeValidator(_checked_time_of_day),
                      WithJsonSchema({"type": "string", "pattern": TIME_OF_DAY_PATTERN, "description": "HH:MM, 24-hour"})]
