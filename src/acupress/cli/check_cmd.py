"""`acupress check`: the weekly PEG and the activity check (PSFS) from the terminal, and what is due."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from acupress.cli import lazy_typer as typer

if TYPE_CHECKING:
    from acupress.core.model import Knowledge


class Measure(str, enum.Enum):
    peg = "peg"
    activities = "activities"


def check(measure: Annotated[Measure | None, typer.Argument(help="peg (weekly) or activities (every two weeks).")] = None) -> None:
    """Answer a check that is due: the weekly PEG or the activity check; without a name, list what is due."""
    from acupress.cli.storage_access import open_storage
    from acupress.knowledge import load_knowledge

    kb = load_knowledge()
    if measure is None:
        if not remind_due(kb):
            typer.echo("Nothing is due today. Your next checks will show here and on the Today page.")
        return
    now = datetime.now().astimezone()
    answer = _ask_peg if measure is Measure.peg else _ask_activities
    typer.echo(open_storage().write(lambda conn, user: answer(conn, user, kb, now)))


def _ask_peg(conn: Any, user_id: int, kb: Knowledge, now: datetime) -> str:
    from acupress.storage.diary import NewEntry, add_entry

    questionnaire = kb.questionnaires["peg"]
    typer.echo(f"{questionnaire.title}. {questionnaire.intro}")
    values = {item.id: _ask_score(item.text) for item in questionnaire.items}
    pain = _ask_score("And your pain right now, from 0 (none) to 10 (the worst you can imagine)?")
    entry = add_entry(conn, user_id, NewEntry(now, pain, peg_pain=values["peg_pain"], peg_enjoyment=values["peg_enjoyment"],
                                              peg_activity=values["peg_activity"]))
    return f"Saved your weekly check: PEG score {entry['peg_score']:g} out of 10, pain now {pain}."


def _ask_activities(conn: Any, user_id: int, kb: Knowledge, now: datetime) -> str:
    from acupress.services.function_checks import check_ratings
    from acupress.storage.function_checks import NewFunctionCheck, add_function_check, list_function_checks

    questionnaire = kb.questionnaires["psfs"]
    typer.echo(f"{questionnaire.title}. {questionnaire.intro}")
    earlier = list_function_checks(conn, user_id)
    names = [r["activity"] for r in earlier[-1]["ratings"]] if earlier else _ask_activity_names(kb)
    rating_item = questionnaire.items[1]
    ratings = [{"activity": name, "ability": _ask_score(f"{name}: {rating_item.text}")} for name in names]
    saved = add_function_check(conn, user_id, NewFunctionCheck(now, check_ratings(ratings, kb)))
    return f"Saved your activity check: average {saved['score']:g} out of 10 over {len(ratings)} activities."


def _ask_activity_names(kb: Knowledge) -> list[str]:
    limits = kb.questionnaires["psfs"].activities
    names: list[str] = []
    while len(names) < limits["max"]:
        prompt = kb.questionnaires["psfs"].items[0].text + (" (leave empty when done)" if names else "")
        try:
            name = str(typer.prompt(prompt, default="" if names else None, show_default=False)).strip()
        except EOFError:
            raise typer.Abort() from None
        if not name:
            break
        names.append(name)
    return names


def _ask_score(text: str) -> int:
    from acupress.cli.prompts import ask_integer

    return ask_integer(lambda question: str(typer.prompt(question)), text, 0, 10)


def remind_due(kb: Knowledge, skip: str | None = None) -> bool:
    """Print a line for each measure due today (except `skip`, just answered); True if any was due."""
    from acupress.cli.storage_access import open_storage
    from acupress.services.schedule import due_words, measures_due

    today = datetime.now().astimezone().date()
    due = [d for d in open_storage().read(lambda conn, user: measures_due(conn, user, kb, today)) if d["measure"] != skip]
    for item in due:
        typer.echo(f"Due: {due_words(item)} Answer it with: {item['command']}")
    return bool(due)
