"""`acupress users`: create, reset-password, list, delete, run in-process on the per-test SQLite database."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from acupress.config import Settings
from acupress.services import accounts
from acupress.web.app import create_app
from tests.accounts.helpers import csrf, log_in

CODE = re.compile(r"One-time code to [a-z ]+: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})")
NEW_PASSWORD = "my own fresh passphrase"


def _app():
    return create_app(Settings.from_env(local_mode=False, allowed_hosts=("testserver",)))


def _set_password(app, code: str, password: str = NEW_PASSWORD):
    browser = TestClient(app)
    form = {"csrf_token": csrf(browser, f"/reset?code={code}"), "code": code, "password": password,
            "password_again": password}
    return browser.post("/reset", data=form, follow_redirects=False)


def test_an_operator_creates_a_practitioner_who_sets_their_password_with_the_code(cli):
    made = cli("users", "create", "--role", "practitioner", "--name", "Dr Ana Silva", "--code", "Ana@Example.org")
    assert made.code == 0 and "Created practitioner ana@example.org (Dr Ana Silva)." in made.out
    code = CODE.search(made.out).group(1)
    app = _app()
    assert _set_password(app, code).headers["location"] == "/login?reset=1"
    signed_in = TestClient(app)
    assert log_in(signed_in, "ana@example.org", NEW_PASSWORD).headers["location"] == "/practitioner"
    assert _set_password(app, code, "someone else's try").status_code == 422  # used once: gone


def test_a_script_sends_the_password_on_standard_input(cli):
    made = cli("users", "create", "pat@example.org", stdin="a typed passphrase\n")
    assert made.code == 0 and "Created patient pat@example.org" in made.out
    assert "a typed passphrase" not in made.out + made.err
    assert log_in(TestClient(_app()), "pat@example.org", "a typed passphrase").status_code == 303


def test_reset_password_prints_a_single_use_code_and_ends_every_login(cli):
    cli("users", "create", "pat@example.org", stdin="a typed passphrase\n")
    app = _app()
    phone = TestClient(app)
    assert log_in(phone, "pat@example.org", "a typed passphrase").status_code == 303
    reset = cli("users", "reset-password", "--hours", "2", "PAT@example.org")
    assert reset.code == 0
    code = CODE.search(reset.out).group(1)
    assert _set_password(app, code).status_code == 303
    assert phone.get("/account", follow_redirects=False).status_code == 303  # signed out
    assert log_in(TestClient(app), "pat@example.org", "a typed passphrase").status_code == 401
    assert _set_password(app, code, "a third passphrase").status_code == 422


def test_list_shows_every_account_without_secrets(cli):
    cli("users", "create", "--role", "admin", "--code", "boss@example.org")
    cli("users", "create", "--role", "practitioner", "--code", "doc@example.org")
    listed = cli("users", "list")
    assert listed.code == 0
    rows = [line.split()[:2] for line in listed.out.splitlines()[1:]]
    assert rows == [["boss@example.org", "admin"], ["doc@example.org", "practitioner"]]
    as_json = cli("users", "list", "--format", "json").json()
    assert [(row["email"], row["role"]) for row in as_json] == [("boss@example.org", "admin"), ("doc@example.org", "practitioner")]
    assert not any("hash" in key or "password" in key for row in as_json for key in row)


def test_an_empty_list_says_how_to_start(cli):
    listed = cli("users", "list")
    assert listed.code == 0 and "acupress users create --role admin EMAIL" in listed.out


def _one_line_exit_2(result, *words: str) -> None:
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and "Traceback" not in result.err, result.err
    assert all(word in result.err for word in words), result.err


def test_bad_input_is_one_line_and_exit_2(cli):
    _one_line_exit_2(cli("users", "create", "--role", "wizard", "--code", "x@example.org"), "--role", "practitioner")
    _one_line_exit_2(cli("users", "create", "--code", "not-an-email"), "EMAIL", "email address")
    _one_line_exit_2(cli("users", "create", "p@example.org", stdin="short\n"), "password", "10 characters")
    _one_line_exit_2(cli("users", "create", "p@example.org", stdin=""), "password", "--code")
    cli("users", "create", "--code", "p@example.org")
    _one_line_exit_2(cli("users", "create", "--code", "P@example.org"), "already")
    _one_line_exit_2(cli("users", "reset-password", "nobody@example.org"), "EMAIL", "no account")
    _one_line_exit_2(cli("users", "reset-password", "--hours", "0", "p@example.org"), "--hours")
    assert [row["email"] for row in accounts.list_accounts(_app().state.engine)] == ["p@example.org"]


def test_the_terminal_diary_refuses_a_server_with_accounts(cli, monkeypatch):
    monkeypatch.setenv("ACUPRESS_MODE", "accounts")
    _one_line_exit_2(cli("log", "5"), "ACUPRESS_MODE")


def test_an_expired_code_from_the_terminal_does_not_work(cli):
    cli("users", "create", "--code", "p@example.org")
    app = _app()
    code, _ = accounts.issue_password_code(app.state.engine, "p@example.org", datetime(2020, 1, 1, tzinfo=UTC))
    assert _set_password(app, code).status_code == 422
