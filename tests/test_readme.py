"""The README's examples run, and their output is what the README shows.

In a ```console block, "$ " starts a command; the lines after it must appear
in the output in that order. "..." stands for any lines; a line ending in
"..." matches any line that starts with the text before it.
"""

from __future__ import annotations

import io
import re
import shlex
import shutil

import pytest

from acupress.cli.main import run
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def examples() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found:
                found[-1][1].append(line)
    return found


def matches(expected: list[str], output: list[str]) -> bool:
    position = 0
    for want in (w for w in expected if w.strip() != "..."):
        prefix = want[:-3] if want.endswith("...") else None
        while position < len(output):
            line = output[position]
            position += 1
            if (prefix is not None and line.startswith(prefix)) or line == want:
                break
        else:
            return False
    return True


def test_readme_has_examples():
    assert len(examples()) >= 7


def test_readme_names_the_two_commands():
    assert "./run serve" in README and "./run test" in README
    ci = (ROOT / ".ci" / "run").read_text()
    assert "./run test" in ci


@pytest.mark.parametrize(("command", "expected"), examples(), ids=[c for c, _ in examples()])
def test_readme_example(command, expected, tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    args = shlex.split(command)
    assert args[0] == "acupress"
    # The diary examples read what the earlier ones wrote: replay them in order.
    for earlier, _ in examples():
        if earlier == command:
            break
        if earlier.split()[:2] in (["acupress", "log"],):
            with pytest.raises(SystemExit):
                run(shlex.split(earlier)[1:])
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        run(args[1:])
    captured = capsys.readouterr()
    output = (captured.out + captured.err).splitlines()
    wants_error = bool(expected) and expected[0].startswith("error:")
    assert done.value.code == (2 if wants_error else 0), captured.err
    assert matches(expected, output), f"README shows:\n{chr(10).join(expected)}\n\ngot:\n{chr(10).join(output)}"
