"""Shared by the fast path and the Typer `plan` command: the table of its options, answers file in, text out."""

from __future__ import annotations

import json
import sys
from typing import Any

from acupress.core.answers import parse_answers
from acupress.core.plan import build_plan
from acupress.errors import InvalidInput
from acupress.knowledge import load_knowledge

# The options of `acupress plan`: one table, read by the fast path (fast_plan.py) and by Typer (plan_cmd.py).
ANSWERS, FORMAT, SCHEMA = "--answers", "--format", "--schema"
FORMATS = ("text", "json")  # the first is the default
HELP = {
    ANSWERS: "JSON answers file, or - for stdin; default: the answers `acupress assess` saved.",
    FORMAT: "text for people, json for programs.",
    SCHEMA: "Print the JSON Schema of the json output and exit.",
}
FAST = (ANSWERS, FORMAT)  # what the fast path handles; anything else (help, --schema, mistakes) goes to Typer


def read_json_file(path: str, option: str = ANSWERS) -> Any:
    """Read JSON from a file, or from stdin when path is "-"."""
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except FileNotFoundError:
        raise InvalidInput(f"file {path!r} does not exist; give the path of a JSON answers file", field=option) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise InvalidInput(f"cannot read {path!r} ({reason})", field=option) from None
    from acupress.strict_json import loads

    return loads(text, field=option, source="standard input" if path == "-" else repr(path))


def plan_output(answers_path: str, output_format: str) -> str:
    return answers_output(read_json_file(answers_path), output_format)


def answers_output(answers: Any, output_format: str) -> str:
    """The plan for decoded answers, as JSON or as text."""
    kb = load_knowledge()
    plan = build_plan(parse_answers(answers, kb), kb)
    data = plan.to_dict()
    if output_format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    from acupress.cli.render import plan_text

    return plan_text(data)
