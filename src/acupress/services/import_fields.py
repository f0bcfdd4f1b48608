"""Reading one record of an imported file, field by field, naming the first problem by its path or line.

`Fields` wraps one record (a JSON object, or a CSV row as a dict) with where it
came from (`diary[3]`, or `line 12`); each getter returns the checked value or
raises InvalidInput whose field is that place and the field's name, e.g.
`diary[3].pain` or `line 12, pain`.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from acupress.core.inputs import check_moment, check_note
from acupress.errors import InvalidInput
from acupress.storage.idempotent import CLIENT_ID_PATTERN

CLIENT_ID = re.compile(CLIENT_ID_PATTERN)


class Fields:
    def __init__(self, data: Any, where: str, joiner: str = ".") -> None:
        if not isinstance(data, dict):
            raise InvalidInput("must be an object", field=where)
        self.data, self.where, self.joiner = data, where, joiner

    def path(self, name: str) -> str:
        return f"{self.where}{self.joiner}{name}" if self.where else name

    def fail(self, name: str, message: str) -> InvalidInput:
        return InvalidInput(message, field=self.path(name))

    def only(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
        """Every required key present, nothing unknown (a newer file may carry what this version cannot keep)."""
        missing = [key for key in required if key not in self.data]
        if missing:
            raise self.fail(missing[0], "is missing")
        unknown = [key for key in self.data if key not in required and key not in optional]
        if unknown:
            raise self.fail(str(unknown[0])[:40], f"is not a field acupress knows here; known: {', '.join(required + optional)}")

    def integer(self, name: str, low: int, high: int, nullable: bool = False) -> int | None:
        value = self.data.get(name)
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            empty = " or empty" if nullable else ""
            raise self.fail(name, f"must be a whole number from {low} to {high}{empty} (got {_shown(value)})")
        return value

    def number(self, name: str, low: float, high: float) -> float:
        value = self.data.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
                or not low <= value <= high:
            raise self.fail(name, f"must be a number from {low:g} to {high:g} (got {_shown(value)})")
        return float(value)

    def boolean(self, name: str) -> bool:
        value = self.data.get(name)
        if not isinstance(value, bool):
            raise self.fail(name, f"must be true or false (got {_shown(value)})")
        return value

    def text(self, name: str, choices: tuple[str, ...] | None = None, nullable: bool = False, note: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            raise self.fail(name, f"must be text (got {_shown(value)})")
        if choices is not None and value not in choices:
            raise self.fail(name, f"must be one of {', '.join(choices)} (got {_shown(value)})")
        return check_note(value, field=self.path(name)) if note else value

    def moment(self, name: str) -> datetime:
        value = self.data.get(name)
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None:
            raise self.fail(name, f"must be a date and time like 2026-11-25T08:30:00+01:00 (got {_shown(value)})")
        return check_moment(moment, self.path(name))

    def client_id(self, name: str = "client_id") -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, str) or not CLIENT_ID.match(value):
            raise self.fail(name, "must be 8 to 64 letters, digits, - or _")
        return value


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
