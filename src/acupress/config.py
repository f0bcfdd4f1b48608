"""Typed settings: the one place acupress reads its environment.

ACUPRESS_DATA_DIR        folder for the SQLite diary and the secret key;
                         default: the user's data directory (e.g. ~/.local/share/acupress)
ACUPRESS_DATABASE_URL    default: sqlite:///$ACUPRESS_DATA_DIR/acupress.db
ACUPRESS_SECRET_KEY      signs CSRF tokens; default: a random key kept in the data directory
                         (created only by the commands that need one, such as `acupress serve`)
ACUPRESS_MODE            "local" (the default): one profile on this machine, no login, loopback only;
                         "accounts": sign-up and login, patients, practitioners and admins, for a clinic
                         (`acupress serve --accounts` sets it too). ACUPRESS_LOCAL_MODE=0 is the older
                         spelling of "accounts".
ACUPRESS_SECURE_COOKIES  "1": cookies only over HTTPS, with the __Host- prefix (turn on behind TLS)
ACUPRESS_SIGNUP          accounts mode: "open" (anyone may sign up, the default), "invite" (patients need
                         a practitioner's invite code; practitioners are made with `acupress users create`)
                         or "closed" (only `acupress users create` makes accounts)
ACUPRESS_SESSION_IDLE_MINUTES   accounts mode: a login ends after this long without a request (default 30)
ACUPRESS_SESSION_MAX_HOURS      accounts mode: and after this long in any case (default 12)
ACUPRESS_TRUSTED_PROXIES addresses of the reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are
                         believed (comma-separated; default 127.0.0.1): login limits count per client address
ACUPRESS_ALLOWED_HOSTS   host names the web app answers to besides 127.0.0.1, localhost and [::1],
                         comma-separated, e.g. "acupress.example.org,pi.local"
ACUPRESS_CACHE_DIR       where the validated knowledge is cached; default: $XDG_CACHE_HOME/acupress
                         or ~/.cache/acupress
LC_ALL, LC_MESSAGES, LANG the terminal's region picks the emergency number shown, until one is chosen

This module is on the start-up path of `acupress plan`: it imports neither
dataclasses nor pathlib (each costs milliseconds at every start).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from acupress.core.record import record

if TYPE_CHECKING:
    from pathlib import Path


def cache_dir() -> str:
    """Where the validated knowledge base is cached (a plain string: no pathlib here)."""
    return os.environ.get("ACUPRESS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "acupress")


def locale_region() -> str | None:
    """The region of the terminal's language ("en_GB.UTF-8" -> "GB"), from the usual locale variables."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        language = os.environ.get(name, "").split(".")[0]
        if "_" in language:
            return language.split("_")[1][:2].upper()
    return None


def data_dir() -> Path:
    from pathlib import Path

    configured = os.environ.get("ACUPRESS_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("acupress", appauthor=False))


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def _host_names(text: str) -> tuple[str, ...]:
    return tuple(name.strip().lower() for name in text.split(",") if name.strip())


MODES = ("local", "accounts")
SIGNUP_POLICIES = ("open", "invite", "closed")


def _choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, "").strip().lower() or default
    if value not in allowed:
        from acupress.errors import InvalidInput

        raise InvalidInput(f"must be one of {', '.join(allowed)} (got {value!r})", field=name)
    return value


def _whole_number(name: str, default: int, low: int, high: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        from acupress.errors import InvalidInput

        raise InvalidInput(f"must be a whole number from {low} to {high} (got {text!r})", field=name)
    return int(text)


def _local_mode() -> bool:
    """ACUPRESS_MODE wins; ACUPRESS_LOCAL_MODE=0 (the older switch) also means accounts."""
    if os.environ.get("ACUPRESS_MODE", "").strip():
        return _choice("ACUPRESS_MODE", MODES, "local") == "local"
    return _flag("ACUPRESS_LOCAL_MODE", True)


@record
class Settings:
    database_url: str
    secret_key: str | None = None  # None: kept in the data directory, made on first need (signing_key())
    local_mode: bool = True  # False: accounts mode (ACUPRESS_MODE=accounts)
    secure_cookies: bool = False
    run_migrations: bool = True
    allowed_hosts: tuple[str, ...] = ()  # beyond loopback, e.g. ("acupress.example.org",)
    signup: str = "open"  # accounts mode: "open", "invite" or "closed"
    session_idle_minutes: int = 30
    session_max_hours: int = 12
    trusted_proxies: tuple[str, ...] = ("127.0.0.1",)

    @property
    def mode(self) -> str:
        return "local" if self.local_mode else "accounts"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "database_url": os.environ.get("ACUPRESS_DATABASE_URL") or f"sqlite:///{data_dir() / 'acupress.db'}",
            "secret_key": os.environ.get("ACUPRESS_SECRET_KEY") or None,
            "local_mode": _local_mode(),
            "secure_cookies": _flag("ACUPRESS_SECURE_COOKIES", False),
            "allowed_hosts": _host_names(os.environ.get("ACUPRESS_ALLOWED_HOSTS", "")),
            "signup": _choice("ACUPRESS_SIGNUP", SIGNUP_POLICIES, "open"),
            "session_idle_minutes": _whole_number("ACUPRESS_SESSION_IDLE_MINUTES", 30, 1, 24 * 60),
            "session_max_hours": _whole_number("ACUPRESS_SESSION_MAX_HOURS", 12, 1, 24 * 90),
            "trusted_proxies": _host_names(os.environ.get("ACUPRESS_TRUSTED_PROXIES", "127.0.0.1")),
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def signing_key(self) -> str:
        """The configured secret key, or the one kept in the data directory (made once, mode 0600)."""
        if self.secret_key:
            return self.secret_key
        folder = data_dir()
        path = folder / "secret_key"
        if path.exists():
            return path.read_text().strip()
        import secrets

        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = secrets.token_urlsafe(32)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never readable by others, not even briefly
        with os.fdopen(descriptor, "w") as handle:
            handle.write(key)
        return key
