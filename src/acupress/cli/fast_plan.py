"""`acupress plan --answers FILE [--format json|text]` without Typer.

Only the plain forms are handled here; anything else (help, --schema,
unknown options) returns None and falls through to the Typer app, which
gives the same results through the same functions.
"""

from __future__ import annotations

import sys

from acupress.cli.plan_output import ANSWERS, FAST, FORMAT, FORMATS, plan_output


def try_fast_plan(args: list[str]) -> int | None:
    options: dict[str, str] = {}
    rest = list(args)
    while rest:
        flag = rest.pop(0)
        if "=" in flag:
            flag, _, value = flag.partition("=")
        elif rest:
            value = rest.pop(0)
        else:
            return None
        if flag not in FAST or flag in options:
            return None
        options[flag] = value
    answers, output_format = options.get(ANSWERS), options.get(FORMAT, FORMATS[0])
    if answers is None or output_format not in FORMATS:
        return None
    sys.stdout.write(plan_output(answers, output_format))
    return 0
