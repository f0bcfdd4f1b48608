"""`acupress assess`: the questions, in the terminal, one group at a time, warning signs first.

The groups, their order and their questions come from the knowledge base;
what a ticked warning sign means is decided by the core's triage, as for the
plan and the web form.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from rich.console import Console
from rich.panel import Panel

from acupress.cli import lazy_typer as typer
from acupress.cli.profile import remember_answers, remember_warning_signs
from acupress.cli.prompts import ask_integer
from acupress.cli.render import plan_text
from acupress.core.answers import parse_answers
from acupress.core.model import Group, Knowledge
from acupress.core.plan import build_plan
from acupress.core.rules_used import PREGNANCY_SIGNS_GROUP
from acupress.core.triage import Triage, triage_flags
from acupress.core.when import clause_holds
from acupress.errors import InvalidInput
from acupress.knowledge import load_knowledge


def assess(
    save: Annotated[Path | None, typer.Option("--save", help="Write the answers to this JSON file for `plan` and `session`.")] = None,
) -> None:
    """Answer the questions interactively and get your plan."""
    kb = load_knowledge()
    console = Console()
    console.print(Panel(kb.questionnaires["assessment"].intro or "", title="acupress", expand=False))
    console.print(kb.rule("self_care_not_diagnosis").statement + "\n")
    answers: dict[str, Any] = {"red_flags": [], "conditions": [], "clinician_cleared": False}
    for group in kb.groups.values():
        if not _shown(group, answers, kb):
            continue
        typer.echo(f"\n{group.title}." + (f" {group.intro}" if group.intro else ""))
        stop = _ask_group(group, answers, kb)
        if stop is not None:
            _stop_screen(console, stop)
            remember_warning_signs(answers, stop.level, kb)
            return
    plan = build_plan(parse_answers(answers, kb), kb)
    console.print()
    typer.echo(plan_text(plan.to_dict()))
    remember_answers(answers, plan.triage.level)
    typer.echo("Your answers are kept in your profile: `acupress session` and `acupress plan` use them.")
    if save is not None:
        save.write_text(json.dumps(answers, indent=2) + "\n", encoding="utf-8")
        typer.echo(f"Answers saved to {save}. Run: acupress session --answers {save}")


def _shown(group: Group, answers: dict[str, Any], kb: Knowledge) -> bool:
    if group.shown_when is None:
        return True
    try:
        return clause_holds(group.shown_when, parse_answers(answers, kb))
    except InvalidInput:
        return True  # not enough answered yet to tell: asking is the safe side


def _ask_group(group: Group, answers: dict[str, Any], kb: Knowledge) -> Triage | None:
    """Ask one group's questions into `answers`; a triage that stops self-care ends the questions."""
    for item in kb.questionnaires["assessment"].items:
        if item.group == group.id:
            if item.kind == "boolean":
                answers[item.id] = typer.confirm(item.text, default=None)
            else:
                low, high = item.min or 0, item.max if item.max is not None else 10**6
                answers[item.id] = ask_integer(lambda q: str(typer.prompt(q)), item.text, low, high)
    answers["conditions"] += [c.id for c in kb.conditions.values() if c.group == group.id and typer.confirm(c.label, default=None)]
    flags = kb.flags_in_group(group.id)
    if not flags:
        return None
    # The pregnancy warning signs have their own answer key, so "asked, none" differs from "not asked".
    chosen = answers.setdefault("pregnancy_signs", []) if group.id == PREGNANCY_SIGNS_GROUP else answers["red_flags"]
    for flag in flags:
        if typer.confirm(flag.question or flag.why_asked, default=None):
            chosen.append(flag.id)
            if flag.level == "emergency":
                break  # nothing else matters now: get help
    ticked = [kb.red_flags[flag_id] for flag_id in (*answers["red_flags"], *answers.get("pregnancy_signs", ()))]
    if any(flag.clearable for flag in ticked) and not answers["clinician_cleared"]:
        stop = triage_flags(ticked, False, kb)
        if stop.level == "urgent":
            question = "Has a doctor or other clinician already checked these symptoms and said self-care is fine?"
            answers["clinician_cleared"] = typer.confirm(question, default=None)
    result = triage_flags(ticked, answers["clinician_cleared"], kb)
    return None if result.allows_self_care else result


def _stop_screen(console: Console, result: Triage) -> None:
    reasons = "\n".join(f"- {reason.message}" for reason in result.reasons)
    style = "bold white on red" if result.level == "emergency" else "bold black on yellow"
    body = f"{result.advice}\n\nWhy:\n{reasons}\n\nNo self-treatment plan is shown."
    console.print(Panel(body, title=result.title.upper(), style=style, expand=True))
