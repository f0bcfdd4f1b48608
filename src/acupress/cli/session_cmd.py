"""`acupress session`: a guided session in the terminal."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Annotated

from acupress.cli import lazy_typer as typer
from acupress.cli.keys import KeySource, key_source
from acupress.cli.plan_output import read_json_file
from acupress.cli.prompts import ask_integer
from acupress.cli.render import plan_text
from acupress.cli.session_player import Outcome, Player
from acupress.core.answers import parse_answers
from acupress.core.plan import build_plan
from acupress.core.session import session_script, total_seconds
from acupress.knowledge import load_knowledge

WHAT_NEXT = {
    "pain_increased": "You stopped because the pain got worse. Rest in a comfortable position. If the pain keeps rising, or any warning sign appears, contact a doctor.",
    "spasm": "You stopped because of a muscle spasm. Breathe slowly and rest; gentle warmth may help. Next time press more lightly. If spasms keep coming back, ask a clinician.",
    "interrupted": "Session stopped. You can start again whenever you like.",
}


def session(
    answers: Annotated[str, typer.Option("--answers", help="JSON answers file, or - for stdin.")],
    speed: Annotated[float, typer.Option("--speed", min=0.1, max=100000, help="Time runs this many times faster (for demonstrations).")] = 1.0,
    record: Annotated[bool, typer.Option("--record/--no-record", help="Save the session in your diary.")] = True,
) -> int:
    """Run a guided session: a countdown per point and side, with pause, skip and stop."""
    kb = load_knowledge()
    plan = build_plan(parse_answers(read_json_file(answers), kb), kb)
    if not plan.steps:
        sys.stdout.write(plan_text(plan.to_dict()))
        return 0
    cues = session_script(plan)
    keys = key_source()
    typer.echo(f"Guided session: {len(plan.steps)} steps, about {round(total_seconds(cues) / 60)} minutes.")
    pain_before = ask_pain(keys, "Before we start: how bad is your back pain now, 0 to 10?")
    started = datetime.now().astimezone()
    player = Player(keys, speed=speed, live=sys.stdout.isatty())
    outcome = player.play(cues)
    player.close()
    pain_after = ask_pain(keys, "How bad is your back pain now, 0 to 10?")
    typer.echo(summary(outcome, pain_before, pain_after))
    if record:
        from acupress.cli.diary_cmds import record_session

        session_id = record_session(plan.to_dict(), outcome, pain_before, pain_after, started)
        typer.echo(f"Saved as session {session_id} in your diary.")
    return 0


def ask_pain(keys: KeySource, question: str) -> int:
    return ask_integer(keys.ask, question, 0, 10, " (0 no pain, 10 worst imaginable)")


def summary(outcome: Outcome, pain_before: int, pain_after: int) -> str:
    lines = ["", "Session complete." if outcome.completed else "Session stopped early."]
    for (step_id, side), seconds in outcome.seconds_done.items():
        where = f" {side}" if side else ""
        lines.append(f"  {step_id}{where}: {seconds // 60} min {seconds % 60:02d} s")
    change = pain_after - pain_before
    if change == 0:
        trend = "the same"
    else:
        trend = f"{abs(change)} point{'s' if abs(change) > 1 else ''} {'lower' if change < 0 else 'higher'}"
    lines.append(f"Pain before {pain_before}, after {pain_after}: {trend}.")
    if outcome.stop_reason:
        lines.append(WHAT_NEXT[outcome.stop_reason])
    return "\n".join(lines)
