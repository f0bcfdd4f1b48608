"""Logins in accounts mode: fixation, expiry, guessing limits, cookie flags, password changes and resets, logs.

Every test runs on a SQLite file and on the real PostgreSQL server. Two apps
on one database stand for two workers: what one does, the other must see.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from acupress.core.record import replace
from acupress.services import accounts
from acupress.storage.tables import auth_sessions
from acupress.web.app import create_app
from tests.accounts.helpers import PASSWORD, csrf, log_in, new_invite, post_form, sign_up
from tests.helpers import running_server

NEW_PASSWORD = "a brand new passphrase"


def signed_in(client: TestClient) -> bool:
    return client.get("/account", follow_redirects=False).status_code == 200


def login_cookie(client: TestClient) -> str:
    return client.cookies.get("acupress_login") or client.cookies.get("__Host-acupress_login") or ""


def test_a_planted_login_cookie_is_replaced_at_login(app):
    sign_up(TestClient(app), "a@example.org")
    victim = TestClient(app)
    victim.cookies.set("acupress_login", "attacker-chose-this-token", domain="testserver.local")
    assert log_in(victim, "a@example.org").status_code == 303
    assert login_cookie(victim) not in ("", "attacker-chose-this-token")
    attacker = TestClient(app)
    attacker.cookies.set("acupress_login", "attacker-chose-this-token", domain="testserver.local")
    assert not signed_in(attacker)


def test_logging_in_again_ends_the_login_the_browser_had(app):
    client = TestClient(app)
    sign_up(client, "a@example.org")
    before = login_cookie(client)
    assert log_in(client, "a@example.org").status_code == 303
    assert login_cookie(client) != before
    stale = TestClient(app)
    stale.cookies.set("acupress_login", before, domain="testserver.local")
    assert not signed_in(stale)


def _age_logins(app, **columns: timedelta) -> None:
    with app.state.engine.begin() as conn:
        for column, age in columns.items():
            conn.execute(sa.update(auth_sessions).values({column: datetime.now(UTC) - age}))


def test_a_login_ends_after_the_idle_time(app):
    client = TestClient(app)
    sign_up(client, "a@example.org")
    _age_logins(app, last_seen_at=timedelta(minutes=29))
    assert signed_in(client)  # used within 30 minutes: still signed in, and the clock starts again
    _age_logins(app, last_seen_at=timedelta(minutes=31))
    answer = client.get("/diary", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=%2Fdiary"
    with app.state.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(auth_sessions)).scalar() == 0


def test_a_login_ends_at_its_absolute_expiry_however_busy(app):
    client = TestClient(app)
    sign_up(client, "a@example.org")
    _age_logins(app, expires_at=timedelta(seconds=1))
    assert not signed_in(client)


def test_the_database_keeps_only_a_hash_of_the_login_token(app):
    client = TestClient(app)
    sign_up(client, "a@example.org")
    with app.state.engine.connect() as conn:
        stored = conn.execute(sa.select(auth_sessions.c.token_hash)).scalars().all()
    assert len(stored) == 1 and login_cookie(client) not in stored[0] and len(stored[0]) == 64


def test_guessing_a_password_is_stopped_across_workers(app, accounts_settings):
    sign_up(TestClient(app), "a@example.org")
    sign_up(TestClient(app), "b@example.org")
    second_worker = create_app(accounts_settings)
    try:
        guesser_1, guesser_2 = TestClient(app), TestClient(second_worker)
        answers = [log_in(guesser_1 if i % 2 else guesser_2, "a@example.org", f"guess number {i}") for i in range(5)]
        assert [a.status_code for a in answers] == [401] * 5
        refused = log_in(guesser_2, "a@example.org", PASSWORD)  # even the right password is not checked now
        assert refused.status_code == 429 and "too many tries" in refused.text.lower()
        assert int(refused.headers["retry-after"]) > 0
        assert log_in(TestClient(second_worker), "b@example.org").status_code == 303  # other accounts are not locked out
    finally:
        second_worker.state.engine.dispose()


def test_failed_logins_say_the_same_whether_or_not_the_account_exists(app):
    sign_up(TestClient(app), "a@example.org")
    wrong_password = log_in(TestClient(app), "a@example.org", "not the password at all")
    no_account = log_in(TestClient(app), "nobody@example.org", "not the password at all")
    assert wrong_password.status_code == no_account.status_code == 401
    assert _message(wrong_password.text) == _message(no_account.text)
    assert "nobody@example.org" not in _message(no_account.text)


def _message(page: str) -> str:
    start = page.index('role="alert"')
    return page[start:page.index("</", start)]


def test_cookie_flags_on_plain_http(app):
    client = TestClient(app)
    cookies = sign_up(client, "a@example.org").headers.get_list("set-cookie")
    login = next(c for c in cookies if c.startswith("acupress_login="))
    assert "HttpOnly" in login and "SameSite=Lax" in login and "Path=/" in login and "Secure" not in login


def test_cookie_flags_behind_https(accounts_settings):
    secure = create_app(replace(accounts_settings, secure_cookies=True))
    try:
        client = TestClient(secure, base_url="https://testserver")
        cookies = sign_up(client, "a@example.org").headers.get_list("set-cookie")
        login = next(c for c in cookies if "acupress_login=" in c)
        assert login.startswith("__Host-acupress_login=") and "; Secure" in login and "HttpOnly" in login
        csrf_cookie = next(c for c in TestClient(secure, base_url="https://testserver").get("/login").headers.get_list("set-cookie")
                           if "csrf" in c)
        assert csrf_cookie.startswith("__Host-") and "; Secure" in csrf_cookie and "SameSite=Strict" in csrf_cookie
        assert signed_in(client)
    finally:
        secure.state.engine.dispose()


def test_changing_the_password_ends_every_other_login(app):
    phone, laptop = TestClient(app), TestClient(app)
    sign_up(phone, "a@example.org")
    assert log_in(laptop, "a@example.org").status_code == 303
    old_phone_token = login_cookie(phone)
    form = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD}
    assert post_form(phone, "/account/password", form).status_code == 303
    assert signed_in(phone) and not signed_in(laptop)
    thief = TestClient(app)
    thief.cookies.set("acupress_login", old_phone_token, domain="testserver.local")
    assert not signed_in(thief)  # the token from before the change is worthless too
    assert log_in(TestClient(app), "a@example.org").status_code == 401
    assert log_in(TestClient(app), "a@example.org", NEW_PASSWORD).status_code == 303


def test_a_reset_code_works_once_and_ends_every_login(app):
    phone = TestClient(app)
    sign_up(phone, "a@example.org")
    code, _expires = accounts.issue_password_code(app.state.engine, "a@example.org", datetime.now(UTC))
    browser = TestClient(app)
    form = {"code": code.lower().replace("-", " "), "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    answer = post_form(browser, "/reset", form, page="/reset")
    assert answer.status_code == 303 and answer.headers["location"] == "/login?reset=1"
    assert not signed_in(phone)
    again = post_form(browser, "/reset", {**form, "password": "yet another phrase", "password_again": "yet another phrase"},
                      page="/reset")
    assert again.status_code == 422 and "does not work" in again.text
    assert log_in(TestClient(app), "a@example.org", NEW_PASSWORD).status_code == 303


def test_an_expired_reset_code_does_not_work(app):
    sign_up(TestClient(app), "a@example.org")
    code, _ = accounts.issue_password_code(app.state.engine, "a@example.org", datetime.now(UTC) - timedelta(hours=25))
    form = {"code": code, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    answer = post_form(TestClient(app), "/reset", form, page="/reset")
    assert answer.status_code == 422
    assert log_in(TestClient(app), "a@example.org", PASSWORD).status_code == 303


def test_a_form_token_from_before_the_login_is_refused_after_it(app):
    client = TestClient(app)
    sign_up(client, "a@example.org")
    token_before = csrf(client, "/account")
    assert log_in(client, "a@example.org").status_code == 303
    answer = client.post("/account/logout-others", data={"csrf_token": token_before}, follow_redirects=False)
    assert answer.status_code == 403


@pytest.fixture
def live_server(accounts_settings, caplog):
    """The app served by uvicorn with its access log on, every log line captured."""
    caplog.set_level(logging.DEBUG)
    app = create_app(accounts_settings)
    with running_server(app, log_config=None, access_log=True, log_level="debug") as url:
        yield app, url
    app.state.engine.dispose()


def test_no_password_token_or_code_reaches_the_logs(live_server, caplog):
    app, url = live_server
    secrets_seen: list[str] = [PASSWORD, NEW_PASSWORD]
    with httpx.Client(base_url=url) as doctor, httpx.Client(base_url=url) as patient:
        sign_up(doctor, "doc@example.org", "practitioner")
        code = new_invite(doctor)
        secrets_seen += [code, login_cookie(doctor)]
        sign_up(patient, "a@example.org", invite_code=code)
        secrets_seen.append(login_cookie(patient))
        log_in(patient, "a@example.org", "a wrong password here")
        reset, _ = accounts.issue_password_code(app.state.engine, "a@example.org", datetime.now(UTC))
        secrets_seen.append(reset)
        post_form(patient, "/reset", {"code": reset, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}, page="/reset")
        log_in(patient, "a@example.org", NEW_PASSWORD)
        secrets_seen.append(login_cookie(patient))
    client_side = ("httpx", "httpcore")  # the test's own HTTP client logs the cookies it receives: not the server's
    logged = "\n".join(record.getMessage() for record in caplog.records if not record.name.startswith(client_side))
    assert "POST /login" in logged  # the access log was captured
    leaked = [secret for secret in secrets_seen if secret and secret in logged]
    assert leaked == []


@pytest.mark.parametrize(("address", "key"), [
    ("203.0.113.7", "203.0.113.7"), ("::ffff:203.0.113.7", "203.0.113.7"),
    ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"), ("testclient", "testclient"), (None, "unknown"),
])
def test_guesses_are_counted_per_client_address(address, key):
    from acupress.services.limits import address_key

    assert address_key(address) == key


def test_a_field_sent_twice_with_different_values_is_refused(app):
    sign_up(TestClient(app), "a@example.org")
    client = TestClient(app)
    answer = client.post("/login", data={"csrf_token": csrf(client), "email": ["a@example.org", "b@example.org"],
                                         "password": PASSWORD}, follow_redirects=False)
    assert answer.status_code == 422 and "sent twice" in answer.text
    assert not signed_in(client)


@pytest.mark.parametrize("email", ["doc@example.org\u200b", "d\u200boc@example.org", "dóc@example.org"])
def test_look_alike_emails_cannot_make_a_second_account(app, email):
    sign_up(TestClient(app), "doc@example.org", "practitioner")
    form = {"email": email, "display_name": "Dr Fake", "role": "practitioner", "password": PASSWORD,
            "password_again": PASSWORD, "invite_code": ""}
    refused = post_form(TestClient(app), "/signup", form, page="/signup")
    assert refused.status_code == 422 and "plain letters" in refused.text


def test_full_width_letters_name_the_same_account(app):
    sign_up(TestClient(app), "doc@example.org", "practitioner")
    assert log_in(TestClient(app), "\uff44oc@example.org").status_code == 303, "ｄoc@ is doc@"
