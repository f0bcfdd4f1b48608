"""The person's saved answers and settings, shared with the web app (the local profile).

`acupress assess` keeps the answers here; `session` and `plan` use them when
no --answers file is given.
"""

from __future__ import annotations

from typing import Any

from acupress.core.answers import parse_answers
from acupress.core.model import Knowledge
from acupress.errors import AcupressError, InvalidInput

NO_ANSWERS = ("is required: the path of a JSON answers file (see README), or - for stdin; "
              "or answer the questions once with `acupress assess`, which keeps them for next time")


def saved_answers() -> dict[str, Any] | None:
    """The answers of the latest assessment (from the terminal or the web app), or None."""
    from acupress.cli.storage_access import open_storage
    from acupress.storage.assessments import latest_assessment

    latest = open_storage().read(latest_assessment)
    return None if latest is None else dict(latest["answers"])


def answers_from(path: str | None) -> Any:
    """The answers file when one is given, else the saved answers."""
    if path is not None:
        from acupress.cli.plan_output import read_json_file

        return read_json_file(path)
    answers = saved_answers()
    if answers is None:
        raise InvalidInput(NO_ANSWERS, field="--answers")
    return answers


def remember_answers(answers: dict[str, Any], triage_level: str) -> None:
    """Keep a full set of answers as the person's latest assessment."""
    from acupress.cli.storage_access import open_storage
    from acupress.storage.assessments import save_assessment

    open_storage().write(lambda conn, user: save_assessment(conn, user, answers, triage_level))


def remember_warning_signs(answered: dict[str, Any], triage_level: str, kb: Knowledge) -> bool:
    """After a warning sign stopped the questions: the saved answers take what was just
    answered (the signs above all), so `session` and `plan` stop too. Without a full set
    (nothing saved before, and the questions ended early) nothing is kept; they ask for
    answers anyway. Returns whether the profile was updated."""
    updated = {**(saved_answers() or {}), **answered}
    try:
        parse_answers(updated, kb)
    except AcupressError:
        return False
    remember_answers(updated, triage_level)
    return True


def emergency_number(kb: Knowledge) -> str:
    """The number the person chose in the web app's settings, else one for the terminal's language."""
    from acupress.cli.storage_access import open_storage
    from acupress.config import locale_region
    from acupress.storage.users import emergency_number as chosen_number

    chosen = open_storage().read(chosen_number)
    return chosen or kb.emergency_numbers.for_region(locale_region())
