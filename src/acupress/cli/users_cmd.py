"""`acupress users`: accounts for a clinic's server (accounts mode), by the operator at the terminal.

No mail server is needed: a new account's password is typed here, or set by
the person with a one-time code printed here (as is a reset), which the
operator passes on. Codes work once and expire; only their hash is stored.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated

from acupress.cli import lazy_typer as typer
from acupress.cli.options import OutputFormat, print_json

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


class Role(str, enum.Enum):
    patient = "patient"
    practitioner = "practitioner"
    admin = "admin"


EmailArgument = Annotated[str, typer.Argument(metavar="EMAIL", help="The account's email address (its sign-in name).")]


def _engine() -> Engine:
    from acupress.config import Settings
    from acupress.storage.db import open_database

    return open_database(Settings.from_env())


def _code_lines(code: str, expires: datetime, what: str) -> None:
    typer.echo(f"One-time code to {what}: {code}")
    typer.echo(f"  It works once, until {expires.astimezone():%Y-%m-%d %H:%M %Z}. Pass it on to the person; they "
               "enter it on the web app's /reset page with a new password.")


def _ask_password() -> str:
    """Asked twice at a terminal (not shown); from a script, the first line of standard input."""
    import sys

    from acupress.errors import InvalidInput

    if sys.stdin.isatty():
        return str(typer.prompt("Password (at least 10 characters)", hide_input=True, confirmation_prompt=True))
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InvalidInput("none given: type it at a terminal, send it on standard input, or use --code", field="password")
    return password


def create(
    email: EmailArgument,
    role: Annotated[Role, typer.Option(help="What the account may do.")] = Role.patient,
    name: Annotated[str, typer.Option(help="The name shown to others (default: the part of the email before @).")] = "",
    code: Annotated[bool, typer.Option("--code", help="Print a one-time code to set the password instead of asking for one.")] = False,
) -> None:
    """Create an account; type its password (asked twice, not shown; or one line on standard input), or print a
    one-time code to set it with --code."""
    from acupress.services import accounts

    accounts.check_email(email, field="EMAIL")  # before asking for a password
    engine = _engine()
    password = None if code else _ask_password()
    accounts.create_account(engine, email, name, role.value, password)
    created = accounts.account_by_email(engine, email)
    typer.echo(f"Created {created['role']} {created['email']} ({created['display_name']}).")
    if code:
        _code_lines(*accounts.issue_password_code(engine, email, datetime.now(UTC)), what="set the password")


def reset_password(
    email: EmailArgument,
    hours: Annotated[int, typer.Option(min=1, max=72, help="How long the code works.")] = 24,
) -> None:
    """Print a one-time code with which the person sets a new password (every login of theirs ends then)."""
    from acupress.services import accounts

    _code_lines(*accounts.issue_password_code(_engine(), email, datetime.now(UTC), hours), what="reset the password")


def list_users(output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.text) -> None:
    """List the accounts: email, name, role, when made, last login, devices logged in."""
    from acupress.services import accounts

    found = accounts.list_accounts(_engine())
    if output_format is OutputFormat.json:
        print_json([{**row, "created_at": row["created_at"].isoformat(),
                     "last_login_at": row["last_login_at"].isoformat() if row["last_login_at"] else None} for row in found])
        return
    if not found:
        typer.echo("No accounts yet. Create one with: acupress users create --role admin EMAIL")
        return
    typer.echo(f"{'email':<32} {'role':<13} {'created':<10}  {'last login':<16}  name")
    for row in found:
        last = f"{row['last_login_at'].astimezone():%Y-%m-%d %H:%M}" if row["last_login_at"] else "never"
        typer.echo(f"{row['email']:<32} {row['role']:<13} {row['created_at'].astimezone():%Y-%m-%d}  {last:<16}  {row['display_name']}")


def delete(
    email: EmailArgument,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an account and everything stored for it, for good."""
    from acupress.services import accounts

    engine = _engine()
    found = accounts.account_by_email(engine, email)
    if not yes and not typer.confirm(f"Delete {found['email']} and all of its data for good?"):
        typer.echo("Nothing was deleted.")
        return
    accounts.delete_account(engine, found["id"])
    typer.echo(f"Deleted {found['email']} and all of its data.")
