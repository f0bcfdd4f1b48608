"""Run the CLI in-process, exactly as the console script does."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from acupress.cli.main import run


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys, monkeypatch):
    def invoke(*args: str, stdin: str = "") -> Result:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        with pytest.raises(SystemExit) as done:
            run(list(args))
        captured = capsys.readouterr()
        return Result(done.value.code, captured.out, captured.err)

    return invoke


@pytest.fixture
def answers_file(tmp_path: Path):
    def write(**answers) -> str:
        data = {"age": 40, "pain_now": 5, "pain_started_days_ago": 10, **answers}
        path = tmp_path / "answers.json"
        path.write_text(json.dumps(data))
        return str(path)

    return write
