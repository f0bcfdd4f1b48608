"""Limits on guessing (logins, codes, sign-ups), kept in the database so every worker counts the same.

An attempt is written (and committed) *before* the guess is checked, and the
guess is checked only while the count in the window is within the limit. So
however many requests arrive at once, on however many workers, at most
`limit` guesses per window are ever checked: each request counts its own row
and every row committed before it.
"""

from __future__ import annotations

import ipaddress
import math
from datetime import datetime, timedelta

from sqlalchemy.engine import Connection, Engine

from acupress.core.record import record
from acupress.errors import AcupressError
from acupress.services.codes import secret_hash
from acupress.storage import accounts as store
from acupress.storage.db import reading
from acupress.storage.writes import write

KEEP = timedelta(days=1)  # attempts older than this are pruned


@record
class Limit:
    bucket: str
    limit: int
    window: timedelta


LOGIN_PER_ACCOUNT = Limit("login_account", 5, timedelta(minutes=15))
LOGIN_PER_ADDRESS = Limit("login_address", 30, timedelta(minutes=15))
SIGNUP_PER_ADDRESS = Limit("signup_address", 10, timedelta(hours=1))
CODE_PER_ADDRESS = Limit("code_address", 10, timedelta(minutes=15))
CODE_PER_ACCOUNT = Limit("code_account", 10, timedelta(hours=1))
PASSWORD_PER_ACCOUNT = Limit("password_account", 5, timedelta(minutes=15))


class TooManyAttempts(AcupressError):
    """Too many tries in a short time: nothing was checked. The same words whether or not an account exists."""

    http_status = 429

    def __init__(self, wait: timedelta, field: str | None = None) -> None:
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        super().__init__(f"too many tries in a short time; nothing was checked. Please wait {minutes} "
                         f"minute{'s' if minutes != 1 else ''} and try again", field)
        self.headers = {"retry-after": str(minutes * 60)}


def address_key(address: str | None) -> str:
    """One key per client: an IPv4 address, or an IPv6 /64 (one household or phone can hold a whole /64)."""
    try:
        parsed = ipaddress.ip_address(address or "")
    except ValueError:
        return address or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def count_and_check(engine: Engine, now: datetime, *checks: tuple[Limit, str]) -> list[int]:
    """Record one attempt under each (limit, key), committed; refuse if any is now over its limit.

    Returns the attempts' ids, so a success can take its own back (`forgive`).
    """
    keyed = [(limit, secret_hash(f"{limit.bucket}:{key}")) for limit, key in checks]

    def add(conn: Connection) -> list[int]:
        store.prune_attempts(conn, now - KEEP)
        return [store.add_attempt(conn, limit.bucket, key_hash, now) for limit, key_hash in keyed]

    ids = write(engine, add)
    with reading(engine) as conn:
        for limit, key_hash in keyed:
            since = now - limit.window
            if store.count_attempts(conn, limit.bucket, key_hash, since) > limit.limit:
                oldest = store.oldest_attempt(conn, limit.bucket, key_hash, since) or now
                raise TooManyAttempts(oldest + limit.window - now)
    return ids


def forgive(conn: Connection, attempt_ids: list[int], clear: tuple[tuple[Limit, str], ...] = ()) -> None:
    """After a success: take back these attempts, and clear every attempt under `clear` (an account's own)."""
    for attempt_id in attempt_ids:
        store.forget_attempt(conn, attempt_id)
    for limit, key in clear:
        store.forget_attempts(conn, limit.bucket, secret_hash(f"{limit.bucket}:{key}"))


