"""schemathesis against our own OpenAPI, as an outside client would run it: every check
(server errors, status codes, content types, headers, response schemas, schema-valid requests
accepted, schema-invalid requests refused, undeclared methods, Allow headers...) on positive and
negative data, at a bounded budget, with a fixed seed. Zero failures: the description says what
the server does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def test_schemathesis_all_checks_find_nothing(server, tmp_path):
    if not SCHEMATHESIS.exists():
        pytest.skip("schemathesis is not installed (the dev extra)")
    command = [str(SCHEMATHESIS), "run", f"{server}/openapi.json", "--checks", "all", "--mode", "all",
               "--max-examples", "25", "--seed", "20261126", "--exclude-path", "/api/v1/locate",
               "--max-time", "120", "--no-color", "--request-timeout", "10"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)  # its cache stays out of the tree
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
