"""Describe the Typer app as a plain table (see cli/commands.py). Runs only with Typer loaded."""

from __future__ import annotations

import enum
import inspect
import typing
from pathlib import Path
from typing import Any

import typer
from typer.models import ArgumentInfo, OptionInfo
from typer.testing import CliRunner

SIMPLE_TYPES = {int: "int", float: "float", str: "str", bool: "bool", Path: "path"}


def describe_app(app: typer.Typer) -> dict[str, Any]:
    commands: dict[str, Any] = {}
    help_texts = {"": _help(app, [])}
    for info in app.registered_commands:
        commands[info.name or ""] = _describe(info.callback)
    groups = []
    for group in app.registered_groups:
        groups.append(group.name)
        help_texts[group.name or ""] = _help(app, [group.name or ""])
        for info in group.typer_instance.registered_commands:  # type: ignore[union-attr]
            commands[f"{group.name} {info.name}"] = _describe(info.callback)
    for name in commands:
        help_texts[name] = _help(app, name.split())
    return {"commands": commands, "groups": groups, "help": help_texts}


def _help(app: typer.Typer, path: list[str]) -> str:
    environment = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", "_TYPER_FORCE_DISABLE_TERMINAL": "1"}
    return CliRunner().invoke(app, [*path, "--help"], env=environment, prog_name="acupress").output


def _describe(function: Any) -> dict[str, Any]:
    hints = typing.get_type_hints(function, include_extras=True)
    params = []
    for name, parameter in inspect.signature(function).parameters.items():
        hint = hints[name]
        base, info = hint, None
        if typing.get_origin(hint) is typing.Annotated:
            base, *extras = typing.get_args(hint)
            info = next((extra for extra in extras if isinstance(extra, (OptionInfo, ArgumentInfo))), None)
        params.append(_param(name, parameter, _unwrap_optional(base), info))
    return {"function": f"{function.__module__}:{function.__name__}", "params": params}


def _unwrap_optional(hint: Any) -> Any:
    options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    return options[0] if options and type(None) in typing.get_args(hint) else hint


def _param(name: str, parameter: inspect.Parameter, base: Any, info: Any) -> dict[str, Any]:
    kind = "argument" if isinstance(info, ArgumentInfo) or (info is None and parameter.default is inspect.Parameter.empty) \
        else "option"
    declared = [d for decl in (getattr(info, "param_decls", None) or ()) for d in decl.split("/")]
    dashed = name.replace("_", "-")
    is_flag = base is bool
    if is_flag:
        on, off = (declared[:1], declared[1:]) if declared else ([f"--{dashed}"], [f"--no-{dashed}"])
    else:
        on, off = declared or [f"--{dashed}"], []
    if isinstance(base, type) and issubclass(base, enum.Enum):
        type_name, choices = f"enum:{base.__module__}:{base.__qualname__}", [member.value for member in base]
    else:
        type_name, choices = SIMPLE_TYPES.get(base, "str"), None
    return {"name": name, "kind": kind, "flags": on if kind == "option" else [], "off_flags": off, "is_flag": is_flag,
            "type": type_name, "choices": choices, "min": getattr(info, "min", None), "max": getattr(info, "max", None),
            "required": parameter.default is inspect.Parameter.empty}

