"""`pip install acupress` without extras: the CLI and its diary work; what needs an extra says so in one line, exit 3."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Packages that only the extras bring (web, vision); the base install must not need them.
WITHOUT_EXTRAS = """
import importlib.abc, sys
EXTRAS = {"fastapi", "uvicorn", "starlette", "jinja2", "multipart", "python_multipart", "psycopg", "icalendar",
          "fhir", "mediapipe", "cv2", "numpy", "PIL", "httpx"}
class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in EXTRAS:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, NotInstalled())
from acupress.cli.main import run
run(sys.argv[1:])
"""


def acupress(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_EXTRAS, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [("points", "KI3"), ("sources",), ("log", "5", "--note", "base install"), ("diary",),
                                  ("export", "csv"), ("export", "json"), ("check",), ("forget", "--yes")])
def test_base_install_runs(args):
    done = acupress(*args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("args", "extra"), [(("serve",), "web"), (("export", "fhir"), "web"),
                                             (("report", "--out", "report.html"), "web")])
def test_missing_extra_is_one_line_and_exit_3(args, extra):
    acupress("log", "5")
    done = acupress(*args)
    assert done.returncode == 3, done.stderr
    assert done.stderr.count("\n") == 1 and f"acupress[{extra}]" in done.stderr
