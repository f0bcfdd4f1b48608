"""`acupress assess`: the questions, in the terminal, warning signs first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from rich.console import Console
from rich.panel import Panel

from acupress.cli import lazy_typer as typer
from acupress.cli.prompts import ask_integer
from acupress.cli.render import plan_text
from acupress.core.answers import parse_answers
from acupress.core.model import Knowledge, RedFlag, level_rank
from acupress.core.plan import build_plan
from acupress.knowledge import load_knowledge


def assess(
    save: Annotated[Path | None, typer.Option("--save", help="Write the answers to this JSON file for `plan` and `session`.")] = None,
) -> None:
    """Answer the questions interactively and get your plan."""
    kb = load_knowledge()
    console = Console()
    console.print(Panel(kb.questionnaires["assessment"].intro or "", title="acupress", expand=False))
    console.print(kb.rule("self_care_not_diagnosis").statement + "\n")
    flags = _ask_red_flags(kb)
    worst = max((kb.red_flags[f].level for f in flags), key=level_rank, default="self_care")
    if worst == "emergency":
        _stop_screen(console, kb, flags, "emergency")
        return
    cleared = False
    if worst == "urgent":
        cleared = typer.confirm("Has a doctor or other clinician already checked these symptoms and said self-care is fine?", default=None)
        if not cleared:
            _stop_screen(console, kb, flags, "urgent")
            return
    answers = {**_ask_basics(kb), "red_flags": flags, "clinician_cleared": cleared, "conditions": _ask_conditions(kb)}
    plan = build_plan(parse_answers(answers, kb), kb)
    console.print()
    typer.echo(plan_text(plan.to_dict(kb)))
    if save is not None:
        save.write_text(json.dumps(answers, indent=2) + "\n", encoding="utf-8")
        typer.echo(f"Answers saved to {save}. Run: acupress session --answers {save}")


def _ask_red_flags(kb: Knowledge) -> list[str]:
    typer.echo("First, some questions about warning signs. Answer y or n.")
    ordered: list[RedFlag] = sorted(kb.red_flags.values(), key=lambda flag: -level_rank(flag.level))
    chosen: list[str] = []
    for flag in ordered:
        if typer.confirm(flag.question, default=None):
            chosen.append(flag.id)
            if flag.level == "emergency":
                break  # nothing else matters now: get help
    return chosen


def _ask_basics(kb: Knowledge) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for item in kb.questionnaires["assessment"].items:
        if item.kind == "boolean":
            answers[item.id] = typer.confirm(item.text, default=None)
        else:
            answers[item.id] = ask_integer(lambda q: str(typer.prompt(q)), item.text, item.min or 0, item.max or 10**6)
    return answers


def _ask_conditions(kb: Knowledge) -> list[str]:
    typer.echo("Do any of these apply to you? Answer y or n.")
    return [c.id for c in kb.conditions.values() if c.id != "pregnancy" and typer.confirm(c.label, default=None)]


def _stop_screen(console: Console, kb: Knowledge, flags: list[str], level: str) -> None:
    text = kb.levels[level]
    reasons = "\n".join(f"- {kb.red_flags[f].why_asked}" for f in flags if kb.red_flags[f].level == level)
    style = "bold white on red" if level == "emergency" else "bold black on yellow"
    body = f"{text.advice}\n\nWhy:\n{reasons}\n\nNo self-treatment plan is shown."
    console.print(Panel(body, title=text.title.upper(), style=style, expand=True))
