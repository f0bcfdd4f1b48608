"""`typer`, imported only when something needs more than printing.

Command modules write `from acupress.cli import lazy_typer as typer`. Their
signatures (`Annotated[int, typer.Option(...)]`) are strings until the Typer
app reads them, and `typer.echo` prints without Typer; anything else
(`typer.confirm`, `typer.Exit`...) imports the real package on first use.
So a command started by the fast dispatcher (cli/commands.py) never pays
Typer's 100+ ms import.
"""

from __future__ import annotations

import sys
from typing import Any


def echo(message: object = "", err: bool = False, nl: bool = True) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(("" if message is None else str(message)) + ("\n" if nl else ""))
    stream.flush()


def __getattr__(name: str) -> Any:
    import typer

    return getattr(typer, name)
