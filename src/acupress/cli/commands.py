"""Every command without Typer: a cached table of the commands, read by a small parser.

Importing Typer costs 100-150 ms (5-7x a bare `python -c pass`), more than
most commands' own work. So the Typer app is described once in a table
(command -> function, parameters, types, help text), kept as JSON in the
cache folder and keyed by the CLI's source files; later runs parse the
command line with that table and call the same functions directly.
Anything the table cannot settle (an unknown option, a bad value, a command
it does not know) returns None, and the Typer app answers as before, with
its own messages. The table is rebuilt whenever Typer runs and it is stale.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from typing import Any

CLI_DIR = os.path.dirname(os.path.abspath(__file__))


def _fingerprint() -> str:
    """Changes when any CLI source file changes (and with the package version)."""
    from acupress import __version__

    stats = [f"{name}:{os.stat(os.path.join(CLI_DIR, name)).st_mtime_ns}" for name in sorted(os.listdir(CLI_DIR))
             if name.endswith(".py")]
    return f"{zlib.crc32(' '.join([__version__, *stats]).encode()):08x}"


def _table_path() -> str:
    from acupress.config import cache_dir

    return os.path.join(cache_dir(), f"cli-{_fingerprint()}.json")


def try_fast_command(args: list[str]) -> int | None:
    """Run the command if the cached table can parse it; None to let Typer do it."""
    try:
        with open(_table_path(), encoding="utf-8") as handle:
            table: dict[str, Any] = json.load(handle)
    except (OSError, ValueError):
        return None
    if args[-1:] == ["--help"]:
        shown = table["help"].get(" ".join(args[:-1]))
        if shown is None:
            return None
        sys.stdout.write(shown)
        return 0
    key = " ".join(args[:2]) if args[:1] and args[0] in table["groups"] else " ".join(args[:1])
    if key not in table["commands"]:
        return None
    rest = args[len(key.split()):]
    command = table["commands"][key]
    values = parse(rest, command["params"])
    if values is None:
        return None
    module, _, name = command["function"].partition(":")
    function = getattr(__import__(module, fromlist=[name]), name)
    result = function(**{param: convert(value, spec) for param, (value, spec) in values.items()})
    return result if isinstance(result, int) else 0


def parse(args: list[str], params: list[dict[str, Any]]) -> dict[str, tuple[Any, dict[str, Any]]] | None:
    """Command-line words -> {parameter: (text or flag value, its spec)}; None when unsure."""
    options = {flag: spec for spec in params if spec["kind"] == "option" for flag in spec["flags"] + spec["off_flags"]}
    positional = [spec for spec in params if spec["kind"] == "argument"]
    values: dict[str, tuple[Any, dict[str, Any]]] = {}
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if not word.startswith("-") or word == "-":
            if not positional:
                return None
            spec = positional.pop(0)
            values[spec["name"]] = (word, spec)
            if not accepts(word, spec):
                return None
            continue
        flag, equals, attached = word.partition("=")
        option = options.get(flag)
        if option is None or option["name"] in values:
            return None
        if option["is_flag"]:
            if equals:
                return None
            values[option["name"]] = (flag in option["flags"], option)
        elif equals or rest:
            values[option["name"]] = (attached if equals else rest.pop(0), option)
            if not accepts(values[option["name"]][0], option):
                return None
        else:
            return None
    if any(spec["required"] for spec in positional):
        return None
    return values


def convert(value: Any, spec: dict[str, Any]) -> Any:
    """The text as the function's annotation wants it (`parse` checked it with `accepts`)."""
    kind = spec["type"]
    if kind == "bool" or value is None:
        return value
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "path":
        from pathlib import Path

        return Path(value)
    if kind.startswith("enum:"):
        module, _, name = kind[5:].partition(":")
        return getattr(__import__(module, fromlist=[name]), name)(value)
    return value


def accepts(value: Any, spec: dict[str, Any]) -> bool:
    """Whether `convert` can take this value within the spec's choices and range."""
    if isinstance(value, bool) or spec["type"] in ("str", "path"):
        return True
    if spec["choices"] is not None:
        return value in spec["choices"]
    try:
        number = int(value) if spec["type"] == "int" else float(value)
    except ValueError:
        return False
    return (spec["min"] is None or number >= spec["min"]) and (spec["max"] is None or number <= spec["max"])


def save_table(app: Any) -> None:
    """Describe the Typer app as a table for later runs (called when Typer is loaded anyway)."""
    from acupress.cli.command_table import describe_app

    path = _table_path()
    if os.path.exists(path):
        return
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(describe_app(app), handle)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only cache only costs speed
