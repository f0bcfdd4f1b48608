"""Exit codes as HTTPie has them: 0 ok, 1 failure, 2 bad input, 3 a missing optional part, 130 interrupted."""

from __future__ import annotations

import pytest

from acupress.errors import (
    AcupressError,
    ExitStatus,
    FeatureUnavailable,
    InvalidInput,
    KnowledgeError,
    NotFound,
    run_reporting_errors,
)


def fails_with(error: BaseException):
    def work() -> int:
        raise error

    return work


@pytest.mark.parametrize(("error", "code"), [
    (InvalidInput("must be 0 to 10", field="pain"), ExitStatus.BAD_INPUT),
    (NotFound("no point XX9", field="point_id"), ExitStatus.BAD_INPUT),
    (KnowledgeError("points.yaml: points/0/site: not one of [...]"), ExitStatus.ERROR),
    (FeatureUnavailable("the photo locator is not installed", field="vision"), ExitStatus.MISSING_PART),
    (KeyboardInterrupt(), ExitStatus.INTERRUPTED),
    (ModuleNotFoundError("No module named 'fastapi'", name="fastapi"), ExitStatus.MISSING_PART),
    (ZeroDivisionError("division by zero"), ExitStatus.ERROR),
])
def test_each_error_has_its_exit_code_and_one_line(capsys, error, code):
    assert run_reporting_errors(fails_with(error)) == code
    err = capsys.readouterr().err
    assert err.count("\n") <= 2 and "Traceback" not in err


def test_every_error_class_carries_both_outcomes():
    for kind in (AcupressError, *AcupressError.__subclasses__()):
        assert isinstance(kind.exit_status, ExitStatus) and 400 <= kind.http_status < 600


def test_a_bug_says_how_to_report_it_and_traceback_shows_it(capsys):
    assert run_reporting_errors(fails_with(ZeroDivisionError("division by zero"))) == 1
    assert "--traceback" in capsys.readouterr().err
    assert run_reporting_errors(fails_with(ZeroDivisionError("division by zero")), show_traceback=True) == 1
    assert "Traceback" in capsys.readouterr().err


def test_traceback_flag_is_accepted_anywhere_on_the_command_line(cli):
    assert cli("points", "KI3", "--traceback").code == 0
    assert cli("--traceback", "log", "11").code == 2
