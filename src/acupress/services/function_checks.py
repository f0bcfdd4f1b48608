"""Checking an activity check (PSFS) before it is saved: the one set of rules for the CLI, the web and imports."""

from __future__ import annotations

from typing import Any

from acupress.core.model import Knowledge
from acupress.errors import InvalidInput


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
        if not isinstance(activity, str) or not activity or len(activity) > limits["max_length"] \
                or activity != activity.strip(" ") or any(ord(c) < 32 for c in activity):
            raise InvalidInput(f"must be a name of 1 to {limits['max_length']} characters on one line, without spaces "
                               "at either end", field=f"{where}.activity")
        if activity in seen:
            raise InvalidInput(f"{activity!r} is named twice; name each activity once", field=f"{where}.activity")
        if isinstance(ability, bool) or not isinstance(ability, int) or not 0 <= ability <= 10:
            raise InvalidInput("must be a whole number from 0 (cannot do it) to 10 (as before)", field=f"{where}.ability")
        seen.add(activity)
        checked.append({"activity": activity, "ability": ability})
    return checked
