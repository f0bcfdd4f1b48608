"""Password hashing with argon2id (argon2-cffi), at the library's recommended parameters.

`PasswordHasher()` uses RFC 9106's second recommended profile (64 MiB, 3
passes, 4 lanes). A hash made with other parameters is upgraded at the next
successful login (`needs_rehash`). Hashing takes a lot of memory on purpose,
so only a few run at once in a process: a burst of logins queues instead of
exhausting the server's memory.
"""

from __future__ import annotations

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from acupress.errors import InvalidInput

hasher = PasswordHasher()  # tests may swap in a cheaper one; production never does
_running = threading.BoundedSemaphore(4)
_dummy_hash: str | None = None

MIN_LENGTH = 10
MAX_LENGTH = 256


def check_new_password(password: str, email: str = "", field: str = "password") -> None:
    """The rules for a new password, in one line naming the field."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"must be at least {MIN_LENGTH} characters long (a few words together are easy to remember)", field=field)
    if len(password) > MAX_LENGTH:
        raise InvalidInput(f"must be at most {MAX_LENGTH} characters long", field=field)
    if len(set(password)) < 4:
        raise InvalidInput("is too easy to guess: use more different characters", field=field)
    if email and password.strip().lower() in (email.lower(), email.split("@")[0].lower()):
        raise InvalidInput("must not be your email address", field=field)


def hash_password(password: str) -> str:
    with _running:
        return hasher.hash(password)


def verify(password_hash: str | None, password: str) -> tuple[bool, bool]:
    """(the password matches, the hash should be redone with today's parameters).

    Without a hash (no such account, or no password set yet) a dummy hash is
    checked anyway, so the answer takes as long either way.
    """
    with _running:
        try:
            hasher.verify(password_hash or _dummy(), password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False, False
        return password_hash is not None, hasher.check_needs_rehash(password_hash or _dummy())


def _dummy() -> str:
    global _dummy_hash
    if _dummy_hash is None or not _dummy_hash.startswith(f"$argon2id$v=19$m={hasher.memory_cost},t={hasher.time_cost},"):
        _dummy_hash = hasher.hash("no account has this password")
    return _dummy_hash
