"""The architecture rule: core/ is pure and imports no interface package."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "acupress"
FORBIDDEN_IN_CORE = ("acupress.cli", "acupress.web", "acupress.storage", "acupress.vision", "acupress.knowledge")
IO_MODULES = ("os", "io", "pathlib", "socket", "sqlite3", "subprocess", "random", "time", "datetime.datetime.now")


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_no_interface_and_no_io():
    for path in (SRC / "core").glob("*.py"):
        for name in imports_of(path):
            assert not name.startswith(FORBIDDEN_IN_CORE), f"{path.name} imports {name}"
            assert name.split(".")[0] not in IO_MODULES, f"{path.name} imports {name} (I/O or clock)"


def test_core_does_not_open_files_or_read_the_clock():
    for path in (SRC / "core").glob("*.py"):
        text = path.read_text()
        for call in ("open(", ".now(", "time.time(", "input("):
            assert call not in text, f"{path.name} calls {call}"


def test_plan_fast_path_stays_light():
    """`acupress plan` must not import the web, database, vision or Typer stacks."""
    import subprocess
    import sys

    code = ("import sys; from acupress.cli import fast_plan, plan_output; "
            "from acupress.knowledge import load_knowledge; load_knowledge(); "  # a warm cache: the usual case
            "heavy = [m for m in ('typer', 'rich', 'fastapi', 'sqlalchemy', 'mediapipe', 'numpy', 'yaml', "
            "'jsonschema', 'dataclasses', 'pathlib', 'hashlib') if m in sys.modules]; "
            "print(','.join(heavy))")
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)  # warms the knowledge cache
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
