"""`acupress session`: a guided session in the terminal."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Annotated, Any

from acupress.cli import lazy_typer as typer
from acupress.cli.advice import HIGHER_AFTER, stop_advice
from acupress.cli.keys import KeySource, key_source
from acupress.cli.profile import answers_from
from acupress.cli.prompts import ask_integer
from acupress.cli.render import plan_text
from acupress.cli.session_player import Outcome, Player
from acupress.cli.storage_access import open_storage
from acupress.core.answers import parse_answers
from acupress.core.plan import build_plan
from acupress.core.progress import plural
from acupress.core.session import session_script, total_seconds
from acupress.knowledge import load_knowledge
from acupress.services.today import machine_now, utc_now


def session(
    answers: Annotated[str | None, typer.Option(
        "--answers", help="JSON answers file, or - for stdin; default: the answers `acupress assess` saved.")] = None,
    speed: Annotated[float, typer.Option("--speed", min=0.1, max=100000, help=(
        "Time runs this many times faster: a demonstration, saved as one and left out of streaks and charts."))] = 1.0,
    record: Annotated[bool, typer.Option("--record/--no-record", help="Save the session in your diary.")] = True,
) -> int:
    """Run a guided session: a countdown per point and side, with pause, skip and stop."""
    kb = load_knowledge()
    plan = build_plan(parse_answers(answers_from(answers), kb), kb)
    if not plan.steps:
        sys.stdout.write(plan_text(plan.to_dict()))
        return 0
    cues = session_script(plan)
    names = {step.id: step.name for step in plan.steps}
    demo = speed != 1
    minutes = round(total_seconds(cues) / 60)
    typer.echo(f"Guided session: {plural(len(plan.steps), 'step')}, about {plural(minutes, 'minute')}"
               + (f", played {speed:g} times faster as a demonstration." if demo else "."))
    keys = key_source({reason.key for reason in kb.stop_reasons.values()})
    try:
        pain_before = ask_pain(keys, "Before we start: how bad is your back pain now, 0 to 10?")
        started = machine_now()
        player = Player(keys, kb.stop_reasons, names, speed=speed, live=sys.stdout.isatty())
        outcome = player.play(cues)
        player.close()
        pain_after = ask_pain(keys, "How bad is your back pain now, 0 to 10?")
    finally:
        keys.close()
    typer.echo(summary(outcome, pain_before, pain_after, names))
    if outcome.stop_reason:
        typer.echo(stop_advice(kb, outcome.stop_reason))
    elif pain_after > pain_before:  # no stop, yet more pain: the same care as a stop for worse pain
        typer.echo(stop_advice(kb, "pain_increased", HIGHER_AFTER))
    if record:
        session_id = record_session(plan.to_dict(), outcome, pain_before, pain_after, started, demo)
        where = "as a demonstration (not counted in your streaks or charts)" if demo else "in your diary"
        typer.echo(f"Saved as session {session_id} {where}.")
    return 0


def ask_pain(keys: KeySource, question: str) -> int:
    return ask_integer(keys.ask, question, 0, 10, " (0 no pain, 10 worst imaginable)")


def summary(outcome: Outcome, pain_before: int, pain_after: int, names: dict[str, str]) -> str:
    lines = ["", "Session complete." if outcome.completed else "Session stopped early."]
    for (step_id, side), seconds in outcome.seconds_done.items():
        where = f", {side} side" if side else ""
        lines.append(f"  {names.get(step_id, step_id)}{where}: {seconds // 60} min {seconds % 60:02d} s")
    change = pain_after - pain_before
    trend = "the same" if change == 0 else f"{plural(abs(change), 'point')} {'lower' if change < 0 else 'higher'}"
    lines.append(f"Pain before {pain_before}, after {pain_after}: {trend}.")
    return "\n".join(lines)


def record_session(plan: dict[str, Any], outcome: Outcome, pain_before: int, pain_after: int, started: datetime,
                   demo: bool = False) -> int:
    """Save a terminal session like the web app does (a demonstration is saved as one)."""
    from acupress.storage.sessions import NewSession, add_session

    steps = [{"step_id": step_id, "side": side, "seconds": seconds} for (step_id, side), seconds in outcome.seconds_done.items()]
    new = NewSession(started_at=started, ended_at=utc_now().astimezone(started.tzinfo), plan=plan, steps_done=steps,
                     pain_before=pain_before, pain_after=pain_after, completed=outcome.completed, stop_reason=outcome.stop_reason,
                     demo=demo)
    saved = open_storage().write(lambda conn, user: add_session(conn, user, new))
    return int(saved["id"])
