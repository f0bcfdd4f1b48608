"""Commands start without Typer, through a cached table of the Typer app, with the same results."""

from __future__ import annotations

import subprocess
import sys

import pytest

from acupress.cli import main

SAME = [("points",), ("points", "KI3"), ("points", "ki3", "--format", "json"), ("sources",), ("--help",),
        ("export", "--help"), ("log", "--help"), ("plan", "--schema"), ("points", "XX9"), ("log", "11"),
        ("diary", "--format", "yaml"), ("serve", "--port", "0")]


@pytest.mark.parametrize("args", SAME, ids=[" ".join(a) for a in SAME])
def test_fast_path_answers_like_typer(cli, args):
    cli("sources")  # a Typer run writes the table
    fast = cli(*args)
    original = main._dispatch
    try:
        main._dispatch = lambda words: main.run_typer(words)  # type: ignore[assignment]
        slow = cli(*args)
    finally:
        main._dispatch = original  # type: ignore[assignment]
    assert (fast.code, fast.out, fast.err) == (slow.code, slow.out, slow.err)


def test_log_and_diary_through_the_table(cli):
    cli("sources")
    assert cli("log", "6", "--note", "after gardening").code == 0
    assert "after gardening" in cli("diary").out
    assert cli("forget", "--yes").code == 0 and "The diary is empty" in cli("diary").out


@pytest.mark.parametrize("args", [["points", "KI3"], ["sources"], ["--help"], ["export", "csv", "--help"]])
def test_fast_path_imports_no_typer_rich_or_database(args):
    code = ("import sys; from acupress.cli.main import run\n"
            "try:\n    run(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('typer', 'rich', 'click', 'sqlalchemy', 'alembic', 'yaml', 'jsonschema') if m in sys.modules]\n"
            "print('HEAVY:' + ','.join(heavy), file=sys.stderr)")
    subprocess.run([sys.executable, "-c", code, *args], capture_output=True, check=True)  # writes the caches
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    assert done.stderr.strip().endswith("HEAVY:"), done.stderr[-500:]
