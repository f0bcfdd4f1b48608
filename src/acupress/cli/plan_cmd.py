"""`acupress plan`: answers in, plan out (the stable interface of design.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

from acupress.cli import lazy_typer as typer
from acupress.cli.options import OutputFormat
from acupress.cli.plan_output import ANSWERS, FORMAT, FORMATS, HELP, SCHEMA, plan_output

DEFAULT_FORMAT = OutputFormat(FORMATS[0])
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "plan.schema.json"


def plan(
    answers: Annotated[str | None, typer.Option(ANSWERS, help=HELP[ANSWERS])] = None,
    output_format: Annotated[OutputFormat, typer.Option(FORMAT, help=HELP[FORMAT])] = DEFAULT_FORMAT,
    schema: Annotated[bool, typer.Option(SCHEMA, help=HELP[SCHEMA])] = False,
) -> None:
    """Build a personal plan from an answers file; red flags come first."""
    if schema:
        sys.stdout.write(json.dumps(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")), indent=2) + "\n")
        return
    if answers is None:  # the answers `acupress assess` (or the web app) saved
        from acupress.cli.plan_output import answers_output
        from acupress.cli.profile import answers_from

        sys.stdout.write(answers_output(answers_from(None), output_format.value))
        return
    sys.stdout.write(plan_output(answers, output_format.value))
