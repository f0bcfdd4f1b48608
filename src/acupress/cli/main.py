"""The one entry function: runs a command and maps errors to exit codes.

Exit codes are `acupress.errors.ExitStatus`: 0 success, 1 failure, 2 bad
input (one line on stderr naming the field), 3 a missing optional part,
130 interrupted. `--traceback` anywhere on the command line shows the full
traceback of an unexpected error, for a bug report.
Commands start without Typer (100+ ms to import): `acupress plan` through
its own fast path, the others through a cached table of the Typer app
(cli/commands.py); Typer itself answers whatever those cannot settle.
"""

from __future__ import annotations

import sys

from acupress.errors import ExitStatus, run_reporting_errors


def run(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    show_traceback = "--traceback" in args
    args = [arg for arg in args if arg != "--traceback"]
    sys.exit(run_reporting_errors(lambda: _dispatch(args), show_traceback))


def _dispatch(args: list[str]) -> int:
    if args[:1] == ["plan"]:
        from acupress.cli.fast_plan import try_fast_plan

        code = try_fast_plan(args[1:])
        if code is not None:
            return code
    from acupress.cli.commands import try_fast_command

    try:
        code = try_fast_command(args)
    except Exception as error:  # a command's own typer.Exit or Abort (e.g. Ctrl+C at a question)
        if "typer" not in sys.modules:
            raise
        code = _typer_outcome(error)
    return run_typer(args) if code is None else code


def run_typer(args: list[str]) -> int:
    import typer

    from acupress.cli.app import app
    from acupress.cli.commands import save_table

    save_table(app)  # later runs start without Typer (cli/commands.py)
    try:
        result = app(args=args, prog_name="acupress", standalone_mode=False)
    except typer.TyperException as error:  # usage errors: bad option, bad value
        context = getattr(error, "ctx", None)
        where = f"{context.command_path}: " if context is not None else ""
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        print(f"error: {where}{message}", file=sys.stderr)
        return ExitStatus.BAD_INPUT
    except Exception as error:
        return _typer_outcome(error)
    return result if isinstance(result, int) else ExitStatus.SUCCESS


def _typer_outcome(error: Exception) -> int:
    """The exit code of Typer's own ways to stop a command; anything else is raised again."""
    import typer

    if isinstance(error, typer.Exit):
        return int(error.exit_code)
    if isinstance(error, typer.Abort):
        if isinstance(error.__cause__ or error.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        print("stopped.", file=sys.stderr)
        return ExitStatus.ERROR
    raise error
