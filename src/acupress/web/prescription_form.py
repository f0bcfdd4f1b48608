"""The prescription form: one fieldset per step the knowledge base allows, or a protocol.

Form fields are named `<what>_<step>` (include_SI3, minutes_SI3, ...); the
program they make is checked by core.prescription, and its errors (named
`steps[1].minutes`) are shown beside the matching field (`minutes_KI3`).
"""

from __future__ import annotations

import re
from typing import Any

from acupress.core.model import Knowledge
from acupress.core.prescription import Prescription, prescribable_steps
from acupress.errors import AcupressError, InvalidInput

STEP_FIELD = re.compile(r"^steps\[(\d+)\]\.(\w+)$")


def step_choices(kb: Knowledge) -> list[dict[str, Any]]:
    """What the form offers for each prescribable step: its name, variants and whether it has sides."""
    choices = []
    for step_id in prescribable_steps(kb):
        point = kb.points.get(step_id)
        technique = kb.techniques.get(step_id)
        choices.append({"id": step_id, "name": f"{point.id} ({point.name_en})" if point else technique.name,  # type: ignore[union-attr]
                        "variants": [v.id for v in technique.variants] if technique else [],
                        "has_sides": point is not None})
    return choices


def form_values(prescription: Prescription | None, kb: Knowledge, today: str) -> dict[str, str]:
    """The form filled in from a program (the current one, to change it), or empty with today's date."""
    values = {"start_date": today, "weeks": "", "notes": "", "protocol": ""}
    if prescription is None:
        return values
    values.update(start_date=prescription.start_date.isoformat(), weeks=str(prescription.weeks or ""),
                  notes=prescription.notes, protocol=prescription.protocol or "")
    for order, step in enumerate(prescription.steps, start=1):
        values.update({f"include_{step.step}": "yes", f"order_{step.step}": str(order), f"intensity_{step.step}": step.intensity,
                       f"minutes_{step.step}": f"{step.minutes:g}", f"frequency_{step.step}": step.frequency,
                       f"sides_{step.step}": step.sides or "", f"variant_{step.step}": step.variant or ""})
    return values


def program_from_form(form: dict[str, str], kb: Knowledge) -> tuple[dict[str, Any], list[str]]:
    """(the program, the step id of each of its steps in order) from the posted form."""
    chosen = [step_id for step_id in prescribable_steps(kb) if form.get(f"include_{step_id}") == "yes"]
    chosen.sort(key=lambda step_id: _number(form.get(f"order_{step_id}", "") or "99", f"order_{step_id}", whole=True))
    steps = []
    for step_id in chosen:
        step: dict[str, Any] = {"step": step_id, "intensity": form.get(f"intensity_{step_id}"),
                                "minutes": _number(form.get(f"minutes_{step_id}", ""), f"minutes_{step_id}"),
                                "frequency": form.get(f"frequency_{step_id}")}
        if step_id in kb.techniques:
            step["variant"] = form.get(f"variant_{step_id}") or None
        else:
            step["sides"] = form.get(f"sides_{step_id}") or "both"
        steps.append(step)
    weeks = form.get("weeks", "").strip()
    program = {"steps": [] if form.get("protocol") else steps, "protocol": form.get("protocol") or None,
               "start_date": form.get("start_date", "").strip(), "weeks": _number(weeks, "weeks", whole=True) if weeks else None,
               "notes": form.get("notes", "")}
    return program, chosen


def _number(text: str, field: str, whole: bool = False) -> Any:
    try:
        return int(text) if whole else float(text)
    except ValueError:
        raise InvalidInput(f"must be a {'whole ' if whole else ''}number (got {text[:20]!r})", field=field) from None


def form_field(error: AcupressError, chosen: list[str]) -> AcupressError:
    """The error with its field named as the form names it (steps[1].minutes -> minutes_KI3)."""
    match = STEP_FIELD.match(error.field or "")
    if match and int(match.group(1)) < len(chosen):
        error.field = f"{match.group(2)}_{chosen[int(match.group(1))]}"
    return error
