"""The one error family of acupress, and the exit codes of the CLI.

Each error class carries both of its outcomes: `exit_status` for the CLI
(which prints ``error: str(error)`` on one line) and `http_status` for the
web (a JSON body ``{"error", "field", "message"}``). Exit codes follow
HTTPie's convention:

  0   success
  1   failure: something went wrong that is not the user's input (a bug, a
      broken knowledge file, a database that cannot be opened)
  2   bad input: the user can fix it (one line names the field)
  3   a missing optional part (e.g. the photo locator is not installed)
  130 interrupted (Ctrl+C)
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


class ExitStatus(IntEnum):
    SUCCESS = 0
    ERROR = 1
    BAD_INPUT = 2
    MISSING_PART = 3
    INTERRUPTED = 130


def shorten(value: object, limit: int = 60) -> str:
    """`repr(value)`, cut to `limit` characters: error messages name a value, they do not echo it whole."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


class AcupressError(Exception):
    """Base class for every error a user can cause and fix."""

    http_status = 400
    exit_status = ExitStatus.BAD_INPUT

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message

    def to_dict(self) -> dict[str, str | None]:
        return {"error": type(self).__name__, "field": self.field, "message": str(self)}


class InvalidInput(AcupressError):
    """Input that breaks a documented rule (range, type, unknown id...)."""

    http_status = 422


class NotFound(AcupressError):
    http_status = 404


class Forbidden(AcupressError):
    http_status = 403


class Conflict(AcupressError):
    http_status = 409


class Busy(AcupressError):
    """The server is at capacity for this kind of work; nothing was done. Try again shortly."""

    http_status = 503
    exit_status = ExitStatus.ERROR

    def __init__(self, message: str, field: str | None = None, retry_after_seconds: int = 5) -> None:
        super().__init__(message, field)
        self.headers = {"retry-after": str(retry_after_seconds)}


class KnowledgeError(AcupressError):
    """A broken knowledge file: names the file, the path inside it and why. Not the user's input."""

    http_status = 500
    exit_status = ExitStatus.ERROR


class FeatureUnavailable(AcupressError):
    """An optional extra (such as vision) is not installed."""

    http_status = 501
    exit_status = ExitStatus.MISSING_PART


# Packages of the optional extras, and what to install when one is missing.
EXTRAS = {"fastapi": "web", "uvicorn": "web", "jinja2": "web", "multipart": "web", "python_multipart": "web",
          "starlette": "web", "psycopg": "web", "icalendar": "web", "fhir": "web", "argon2": "web",
          "weasyprint": "web",
          "mediapipe": "vision", "cv2": "vision", "numpy": "vision", "PIL": "vision"}


def run_reporting_errors(work: Callable[[], int], show_traceback: bool = False) -> int:
    """Run a command; map what it raises to one line on stderr and an exit code (see above).

    Anything unexpected is a bug: one line, exit 1, and `--traceback` shows the details for a bug report.
    """
    import sys

    try:
        return int(work())
    except AcupressError as error:
        print(f"error: {error}", file=sys.stderr)
        return int(error.exit_status)
    except KeyboardInterrupt:
        print("\nstopped.", file=sys.stderr)
        return int(ExitStatus.INTERRUPTED)
    except BrokenPipeError:  # e.g. `acupress diary | head`: the reader left, nothing is wrong
        _silence_stdout()
        return int(ExitStatus.SUCCESS)
    except ModuleNotFoundError as error:
        extra = EXTRAS.get((error.name or "").split(".")[0])
        if extra is None or show_traceback:
            return _unexpected(error, show_traceback)
        print(f"error: this command needs the {extra} extra ({error.name} is missing); "
              f"install it with: pip install 'acupress[{extra}]'", file=sys.stderr)
        return int(ExitStatus.MISSING_PART)
    except Exception as error:
        return _unexpected(error, show_traceback)


def _unexpected(error: BaseException, show_traceback: bool) -> int:
    import sys

    if show_traceback:
        import traceback

        traceback.print_exception(error)
    else:
        summary = " ".join(str(error).split())[:200]
        print(f"error: something went wrong inside acupress ({type(error).__name__}: {summary}); "
              "run the command again with --traceback and report what it prints", file=sys.stderr)
    return int(ExitStatus.ERROR)


def _silence_stdout() -> None:
    import contextlib  # here, not at the top: this module is on every command's start-up path
    import os
    import sys

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
