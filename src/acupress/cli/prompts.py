"""Asking for a number in the terminal until the answer is one we can use."""

from __future__ import annotations

from collections.abc import Callable

from acupress.cli import lazy_typer as typer


def ask_integer(ask: Callable[[str], str], question: str, low: int, high: int, meaning: str = "") -> int:
    """Ask until the reply is a whole number from low to high; end of input stops politely."""
    while True:
        try:
            text = ask(question).strip()
        except EOFError:
            raise typer.Abort() from None
        if text.isdigit() and low <= int(text) <= high:
            return int(text)
        typer.echo(f"Please type a whole number from {low} to {high}{meaning}.")
