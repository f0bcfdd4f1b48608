"""Options shared by several commands."""

from __future__ import annotations

import enum
import json
import sys
from typing import Any


class OutputFormat(str, enum.Enum):  # plan_output.FORMATS, as Typer wants them (a test keeps them equal)
    text = "text"
    json = "json"


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
