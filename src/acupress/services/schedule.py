"""Which outcome measures are due today (questionnaires.yaml `schedule`): the Today page and the CLI say so."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.engine import Connection

from acupress.core.model import Knowledge
from acupress.core.outcomes import due_measures
from acupress.storage.assessments import list_assessments
from acupress.storage.diary import list_entries
from acupress.storage.function_checks import list_function_checks
from acupress.storage.sessions import list_sessions

MEASURES = ("pain_nrs", "peg", "psfs")
# Where each measure is answered: on the web, and in the terminal.
WHERE = {"pain_nrs": ("/diary#log-title", "acupress log PAIN"), "peg": ("/diary#peg-title", "acupress check peg"),
         "psfs": ("/diary#psfs-title", "acupress check activities")}


def measures_due(conn: Connection, user_id: int, kb: Knowledge, today: date) -> list[dict[str, Any]]:
    """The measures to answer today, each with its name, why (first time or interval) and where to answer it."""
    entries = list_entries(conn, user_id)
    checks = list_function_checks(conn, user_id)
    last: dict[str, date | None] = {
        "pain_nrs": max((e["recorded_at"].date() for e in entries), default=None),
        "peg": max((e["recorded_at"].date() for e in entries if e["peg_score"] is not None), default=None),
        "psfs": max((c["recorded_at"].date() for c in checks), default=None),
    }
    begun = [e["recorded_at"].date() for e in entries[:1]] + [a["created_at"].date() for a in list_assessments(conn, user_id)[:1]]
    begun += [s["started_at"].date() for s in list_sessions(conn, user_id, include_demo=False)[:1]]
    begun += [c["recorded_at"].date() for c in checks[:1]]
    due = due_measures((kb.questionnaires[m] for m in MEASURES), last, today, min(begun, default=None))
    return [{"measure": d.measure, "name": kb.questionnaires[d.measure].short, "first_time": d.first_time,
             "last": d.last, "every_days": d.every_days, "href": WHERE[d.measure][0], "command": WHERE[d.measure][1]}
            for d in due]


def due_words(item: dict[str, Any]) -> str:
    """ "Your weekly check (PEG) is due: the last one was on 3 Nov." """
    name = item["name"]
    if item["first_time"]:
        return f"Your first {name} is due: it is the starting point later ones are compared with."
    return f"Your {name} is due: the last one was on {item['last']:%d %b}."
