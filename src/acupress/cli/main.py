"""The one entry function: runs a command and maps errors to exit codes.

Exit codes: 0 success, 1 the user stopped or an unexpected failure,
2 bad input of any kind (one line on stderr naming the field).
`acupress plan` takes a fast path that avoids importing Typer and Rich,
because people and scripts call it often and it must start quickly.
"""

from __future__ import annotations

import sys

from acupress.errors import AcupressError

EXIT_BAD_INPUT = 2


def run(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    try:
        code = _dispatch(args)
    except AcupressError as error:
        print(f"error: {error}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\nstopped.", file=sys.stderr)
        code = 1
    except BrokenPipeError:
        code = 0
    sys.exit(code)


def _dispatch(args: list[str]) -> int:
    if args[:1] == ["plan"]:
        from acupress.cli.fast_plan import try_fast_plan

        code = try_fast_plan(args[1:])
        if code is not None:
            return code
    return run_typer(args)


def run_typer(args: list[str]) -> int:
    import typer

    from acupress.cli.app import app

    try:
        result = app(args=args, prog_name="acupress", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        print("stopped.", file=sys.stderr)
        return 1
    except typer.TyperException as error:  # usage errors: bad option, bad value
        context = getattr(error, "ctx", None)
        where = f"{context.command_path}: " if context is not None else ""
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        print(f"error: {where}{message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return result if isinstance(result, int) else 0
