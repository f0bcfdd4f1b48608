"""Checking an activity check (PSFS) before it is saved: the one set of rules for the CLI, the web and imports."""

from __future__ import annotations

import re
from typing import Any

from acupress.core.model import Knowledge
from acupress.errors import InvalidInput

# An activity's name: a visible character at either end (not a space, a control character or another blank such
# as a no-break space, which a FHIR string refuses on its own), no control character inside. The API publishes
# this pattern, so its description says exactly what the server takes.
_NAME_END = "[^\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]"
NAME_PATTERN = f"^{_NAME_END}(?:[^\\x00-\\x1f]{{0,78}}{_NAME_END})?$"


def check_ratings(ratings: Any, kb: Knowledge, field: str = "ratings") -> list[dict[str, Any]]:
    """The ratings as [{"activity", "ability"}], or InvalidInput naming the first problem (e.g. `ratings[2].ability`)."""
    limits = kb.questionnaires["psfs"].activities
    if not isinstance(ratings, list) or not limits["min"] <= len(ratings) <= limits["max"]:
        raise InvalidInput(f"must list {limits['min']} to {limits['max']} activities", field=field)
    checked, seen = [], set()
    for index, rating in enumerate(ratings):
        where = f"{field}[{index}]"
        if not isinstance(rating, dict) or set(rating) != {"activity", "ability"}:
            raise InvalidInput('must be an object with "activity" and "ability"', field=where)
        activity, ability = rating["activity"], rating["ability"]
        if not isinstance(activity, str) or len(activity) > limits["max_length"] or not re.fullmatch(NAME_PATTERN, activity):
            raise InvalidInput(f"must be a name of 1 to {limits['max_length']} characters on one line, without spaces "
                               "at either end", field=f"{where}.activity")
        if activity in seen:
            raise InvalidInput(f"{activity!r} is named twice; name each activity once", field=f"{where}.activity")
        if isinstance(ability, bool) or not isinstance(ability, int) or not 0 <= ability <= 10:
            raise InvalidInput("must be a whole number from 0 (cannot do it) to 10 (as before)", field=f"{where}.ability")
        seen.add(activity)
        checked.append({"activity": activity, "ability": ability})
    return checked
