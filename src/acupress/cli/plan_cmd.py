"""`acupress plan`: answers in, plan out (the stable interface of design.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

from acupress.cli import lazy_typer as typer
from acupress.cli.options import OutputFormat
from acupress.cli.plan_output import plan_output
from acupress.errors import InvalidInput

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "plan.schema.json"


def plan(
    answers: Annotated[str | None, typer.Option("--answers", help="JSON answers file, or - for stdin.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text for people, json for programs.")] = OutputFormat.text,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of the json output and exit.")] = False,
) -> None:
    """Build a personal plan from an answers file; red flags come first."""
    if schema:
        sys.stdout.write(json.dumps(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")), indent=2) + "\n")
        return
    if answers is None:
        raise InvalidInput("is required: the path of a JSON answers file (see README), or - for stdin", field="--answers")
    sys.stdout.write(plan_output(answers, output_format.value))
