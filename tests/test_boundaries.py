"""The architecture as a test: which package may import which.

core/ is pure (no interface, no I/O, no clock); storage/ holds queries and
imports no interface and no use case; services/ (use cases shared by the CLI
and the web app) import no interface; no CLI command imports another, and no
web route module imports another route module.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "acupress"
INTERFACES = ("acupress.cli", "acupress.web", "acupress.vision")
FORBIDDEN = {
    "core": (*INTERFACES, "acupress.storage", "acupress.services", "acupress.knowledge", "acupress.config"),
    "storage": (*INTERFACES, "acupress.services"),
    "services": INTERFACES,
}
IO_MODULES = ("os", "io", "pathlib", "socket", "sqlite3", "subprocess", "random", "time", "shutil", "tempfile")
# Route modules that still import another route module (pages.py holds the page renderer `render`; locate.py
# reuses marks.py's spot confirmation). To move out when the accounts routes, which import `render` too, have landed.
# A new one fails the test.
KNOWN_ROUTE_IMPORTS = {("locate", "acupress.web.routes.marks")}  # the locator's routes include the marks' router


def imports_of(path: Path) -> set[str]:
    """Every absolute module named by an import anywhere in the file, including imports inside functions."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _modules(package: str) -> list[Path]:
    paths = sorted((SRC / package).rglob("*.py"))
    assert paths, f"no modules in {package}/: the rule would pass without checking anything"
    return paths


def test_each_layer_imports_only_what_is_below_it():
    for package, forbidden in FORBIDDEN.items():
        for path in _modules(package):
            for name in imports_of(path):
                assert not name.startswith(forbidden), f"{package}/{path.name} imports {name}"


def test_the_rules_catch_a_forbidden_import(tmp_path):
    """The check itself works: an import inside a function is seen."""
    module = tmp_path / "sneaky.py"
    module.write_text("def f():\n    from acupress.web.chart import pain_chart_svg\n")
    assert "acupress.web.chart" in imports_of(module)
    assert "acupress.web.chart.pain_chart_svg" in imports_of(module)


def test_core_imports_no_io():
    for path in _modules("core"):
        for name in imports_of(path):
            assert name.split(".")[0] not in IO_MODULES, f"{path.name} imports {name} (I/O or clock)"


def test_core_does_not_open_files_or_read_the_clock():
    for path in _modules("core"):
        text = path.read_text()
        for call in ("open(", ".now(", ".today(", "time.time(", "input("):
            assert call not in text, f"{path.name} calls {call}"


def _command_modules() -> set[str]:
    """The modules app.py registers commands from."""
    listed = re.search(r"from acupress\.cli import \(([^)]*)\)", (SRC / "cli" / "app.py").read_text())
    assert listed, "cli/app.py imports its command modules in one list"
    return {name.strip() for name in listed.group(1).split(",") if name.strip()}


def test_no_command_imports_another_command():
    commands = _command_modules()
    assert {"plan_cmd", "diary_cmd", "session_cmd"} <= commands
    for module in commands:
        others = {f"acupress.cli.{other}" for other in commands - {module}}
        for name in imports_of(SRC / "cli" / f"{module}.py"):
            assert not any(name == other or name.startswith(other + ".") for other in others), f"cli/{module}.py imports {name}"


def test_command_modules_are_named_alike():
    odd = {module for module in _command_modules() if not module.endswith("_cmd")}
    assert odd <= {"serve"}, odd  # serve.py keeps its name until the accounts branch, which changes it, has landed


def test_no_route_module_imports_another():
    routes = {path.stem for path in _modules("web/routes")} - {"__init__"}
    found = {(module, name) for module in routes for name in imports_of(SRC / "web" / "routes" / f"{module}.py")
             if name.startswith("acupress.web.routes.") and name.split(".")[3] != module}
    found = {(module, ".".join(name.split(".")[:4])) for module, name in found}
    assert found <= KNOWN_ROUTE_IMPORTS, f"route modules importing each other: {found - KNOWN_ROUTE_IMPORTS}"


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


def test_tests_import_helpers_from_modules_not_from_conftest():
    tests = Path(__file__).resolve().parent
    for path in tests.rglob("*.py"):
        for name in imports_of(path):
            assert name.split(".")[-1] != "conftest" and ".conftest." not in name, f"{path.name} imports {name}"
