"""Accounts: sign up, log in, change or reset a password, one-time codes, delete an account.

What a person is told never says whether an account exists: a failed login,
an unknown email and an account without a password get the same words (and
take as long: a dummy hash is checked). Sign-up cannot be fully neutral
without a mail server (a new account works, a taken address does not), so it
says nothing more than "could not create an account with these details", is
limited per client address, and hashes the password either way.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection, Engine

from acupress.config import Settings
from acupress.errors import AcupressError, Forbidden, InvalidInput, NotFound
from acupress.services import codes, limits, passwords
from acupress.services.logins import Account, Lifetimes, account_of, start_login
from acupress.storage import accounts as store
from acupress.storage.care import link, take_invite
from acupress.storage.db import reading
from acupress.storage.tables import ROLES
from acupress.storage.users import delete_user_data
from acupress.storage.writes import write

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")
SIGN_UP_ROLES = ("patient", "practitioner")
CODE_HOURS = 24
LOGIN_FAILED = "that email and password do not match an account; check both and try again"
SIGN_UP_REFUSED = ("could not create an account with these details. If you already have one, log in, or ask "
                   "the person who runs this service for a reset code")
CODE_FAILED = "that code does not work: it may be mistyped, already used or expired. Ask for a new one"


class LoginFailed(AcupressError):
    http_status = 401


def normalize_email(text: str) -> str:
    # NFKC folds look-alikes such as full-width letters into the plain ones, so they name the same account.
    return unicodedata.normalize("NFKC", text).strip().lower()


def check_email(text: str, field: str = "email") -> str:
    email = normalize_email(text)
    if len(email) > 254 or not EMAIL.match(email):
        raise InvalidInput("must be an email address, such as name@example.org", field=field)
    if not email.isascii():
        # Invisible or foreign look-alike characters would make a second account that reads like the first.
        raise InvalidInput("must be written in plain letters, digits and . _ + - (no accents or hidden "
                           "characters), such as name@example.org", field=field)
    return email


def check_display_name(text: str, field: str = "display_name") -> str:
    name = " ".join(text.split())
    if not 1 <= len(name) <= 120 or any(ord(ch) < 32 for ch in name):
        raise InvalidInput("must be 1 to 120 characters: the name your practitioner will see", field=field)
    return name


def lifetimes_of(settings: Settings) -> Lifetimes:
    return Lifetimes(timedelta(minutes=settings.session_idle_minutes), timedelta(hours=settings.session_max_hours))


def log_in(engine: Engine, settings: Settings, email: str, password: str, address: str | None,
           now: datetime, replaces: Account | None = None) -> tuple[str, Account]:
    """(a new login token, the account), or LoginFailed / TooManyAttempts. Ends `replaces` (no fixation)."""
    email = normalize_email(email)[:254]
    per_account = (limits.LOGIN_PER_ACCOUNT, email)
    per_address = (limits.LOGIN_PER_ADDRESS, limits.address_key(address))
    attempt_ids = limits.count_and_check(engine, now, per_account, per_address)
    with reading(engine) as conn:
        found = store.find_by_email(conn, email)
    matches, rehash = passwords.verify(found[1] if found else None, password[: passwords.MAX_LENGTH * 4])
    if found is None or not matches:
        raise LoginFailed(LOGIN_FAILED, field="password")
    account = found[0]
    new_hash = passwords.hash_password(password) if rehash else None

    def sign_in(conn: Connection) -> tuple[str, int]:
        limits.forgive(conn, attempt_ids, clear=(per_account,))
        if new_hash:
            store.set_password_hash(conn, account["id"], new_hash)
        if replaces is not None and replaces.login_id is not None:
            store.delete_login(conn, replaces.login_id)
        store.mark_login(conn, account["id"], now)
        return start_login(conn, account["id"], now, lifetimes_of(settings))

    token, login_id = write(engine, sign_in)
    return token, account_of(account, login_id)


def sign_up(engine: Engine, settings: Settings, form: dict[str, str], address: str | None,
            now: datetime) -> tuple[str, Account]:
    """A new patient or practitioner account, signed in; with an invite code, linked to that practitioner."""
    role = form.get("role") or "patient"
    if settings.signup == "closed":
        raise Forbidden("new accounts are made by the people who run this service; ask them for one", field="signup")
    if role not in SIGN_UP_ROLES:
        raise InvalidInput(f"must be one of {', '.join(SIGN_UP_ROLES)}", field="role")
    invite = codes.normalize(form.get("invite_code", ""))
    if settings.signup == "invite" and (role != "patient" or not invite):
        raise InvalidInput("this service takes new patients with an invite code from their practitioner", field="invite_code")
    email = check_email(form.get("email", ""))
    name = check_display_name(form.get("display_name", ""))
    password = form.get("password", "")
    passwords.check_new_password(password, email)
    if password != form.get("password_again", password):
        raise InvalidInput("the two passwords are not the same", field="password_again")
    limits.count_and_check(engine, now, (limits.SIGNUP_PER_ADDRESS, limits.address_key(address)))
    password_hash = passwords.hash_password(password)  # before looking: a taken address takes as long

    def create(conn: Connection) -> tuple[str, int, int]:
        if store.find_by_email(conn, email) is not None:
            raise InvalidInput(SIGN_UP_REFUSED, field="email")
        user_id = store.insert_account(conn, email, name, role, password_hash)
        if invite:
            practitioner_id = take_invite(conn, codes.code_hash(invite), now)
            if practitioner_id is None:
                raise InvalidInput(CODE_FAILED, field="invite_code")
            link(conn, user_id, practitioner_id, now)
        store.mark_login(conn, user_id, now)
        return (*start_login(conn, user_id, now, lifetimes_of(settings)), user_id)

    token, login_id, user_id = write(engine, create)
    return token, Account(user_id, email, name, role, login_id)


def change_password(engine: Engine, settings: Settings, account: Account, current: str, new: str, again: str,
                    now: datetime) -> str:
    """Check the current password, set the new one, end every other login; the current login is renewed
    (a new token, returned) so a token seen before the change is worthless too."""
    limits.count_and_check(engine, now, (limits.PASSWORD_PER_ACCOUNT, str(account.id)))
    with reading(engine) as conn:
        stored = store.password_hash_of(conn, account.id)
    if not passwords.verify(stored, current[: passwords.MAX_LENGTH * 4])[0]:
        raise InvalidInput("is not your current password", field="current_password")
    passwords.check_new_password(new, account.email, field="new_password")
    if new != again:
        raise InvalidInput("the two new passwords are not the same", field="new_password_again")
    new_hash = passwords.hash_password(new)

    def change(conn: Connection) -> str:
        store.set_password_hash(conn, account.id, new_hash)
        store.delete_logins_of(conn, account.id)
        return start_login(conn, account.id, now, lifetimes_of(settings))[0]

    return write(engine, change)


def issue_password_code(engine: Engine, email: str, now: datetime, hours: int = CODE_HOURS) -> tuple[str, datetime]:
    """A one-time code to set or reset the password of this account (for the operator to pass on)."""
    email = normalize_email(email)
    with reading(engine) as conn:
        found = store.find_by_email(conn, email)
    if found is None:
        raise NotFound(f"there is no account {email!r}; `acupress users list` shows them", field="EMAIL")
    code, expires = codes.new_code(4), now + timedelta(hours=hours)
    write(engine, lambda conn: store.insert_password_code(conn, found[0]["id"], codes.code_hash(code), now, expires))
    return code, expires


def set_password_with_code(engine: Engine, form: dict[str, str], address: str | None, now: datetime) -> None:
    """Use a one-time code: a new password, and every login of that account ends. The code is used up."""
    limits.count_and_check(engine, now, (limits.CODE_PER_ADDRESS, limits.address_key(address)))
    password = form.get("password", "")
    passwords.check_new_password(password)
    if password != form.get("password_again", password):
        raise InvalidInput("the two passwords are not the same", field="password_again")
    new_hash = passwords.hash_password(password)

    def use(conn: Connection) -> bool:
        user_id = store.take_password_code(conn, codes.code_hash(form.get("code", "")), now)
        if user_id is None:
            return False
        store.set_password_hash(conn, user_id, new_hash)
        store.delete_logins_of(conn, user_id)
        return True

    if not write(engine, use):  # the failed code is used up as well (it was taken in its own transaction)
        raise InvalidInput(CODE_FAILED, field="code")


def create_account(engine: Engine, email: str, display_name: str, role: str, password: str | None) -> int:
    """For the operator (`acupress users create`): any role; without a password, set one with a code."""
    email = check_email(email, field="EMAIL")
    name = check_display_name(display_name or email.split("@")[0], field="--name")
    if role not in ROLES:
        raise InvalidInput(f"must be one of {', '.join(ROLES)}", field="--role")
    if password is not None:
        passwords.check_new_password(password, email)
    password_hash = passwords.hash_password(password) if password is not None else None

    def create(conn: Connection) -> int:
        if store.find_by_email(conn, email) is not None:
            raise InvalidInput(f"there is already an account {email!r}", field="EMAIL")
        return store.insert_account(conn, email, name, role, password_hash)

    return write(engine, create)


def delete_account(engine: Engine, user_id: int) -> None:
    """The account and everything stored for it or by it, for real (rows deleted, not hidden)."""
    def delete(conn: Connection) -> None:
        delete_user_data(conn, user_id)
        store.delete_account(conn, user_id)  # logins, codes, links, invites, programs go with it (cascade)

    write(engine, delete)


def delete_own_account(engine: Engine, account: Account, password: str, now: datetime) -> None:
    limits.count_and_check(engine, now, (limits.PASSWORD_PER_ACCOUNT, str(account.id)))
    with reading(engine) as conn:
        stored = store.password_hash_of(conn, account.id)
    if not passwords.verify(stored, password[: passwords.MAX_LENGTH * 4])[0]:
        raise InvalidInput("is not your password; nothing was deleted", field="password")
    delete_account(engine, account.id)


def list_accounts(engine: Engine) -> list[dict[str, Any]]:
    with reading(engine) as conn:
        return store.list_accounts(conn)


def account_by_email(engine: Engine, email: str) -> dict[str, Any]:
    with reading(engine) as conn:
        found = store.find_by_email(conn, normalize_email(email))
    if found is None:
        raise NotFound(f"there is no account {normalize_email(email)!r}; `acupress users list` shows them", field="EMAIL")
    return found[0]
