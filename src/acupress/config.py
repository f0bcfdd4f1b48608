"""Typed settings, read from the environment.

ACUPRESS_DATABASE_URL   default: a SQLite file in the user's data directory
ACUPRESS_SECRET_KEY     signs CSRF tokens; default: a random key kept in the data directory
ACUPRESS_LOCAL_MODE     "1": one local profile, no login (the default for `acupress serve` on 127.0.0.1)
ACUPRESS_SECURE_COOKIES "1": cookies only over HTTPS (turn on behind TLS)
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(os.environ.get("ACUPRESS_DATA_DIR") or user_data_dir("acupress", appauthor=False))


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def _secret_key(folder: Path) -> str:
    path = folder / "secret_key"
    if path.exists():
        return path.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    local_mode: bool = True
    secure_cookies: bool = False
    run_migrations: bool = True

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        folder = data_dir()
        url = os.environ.get("ACUPRESS_DATABASE_URL") or f"sqlite:///{folder / 'acupress.db'}"
        values: dict[str, object] = {
            "database_url": url,
            "secret_key": os.environ.get("ACUPRESS_SECRET_KEY") or _secret_key(folder),
            "local_mode": _flag("ACUPRESS_LOCAL_MODE", True),
            "secure_cookies": _flag("ACUPRESS_SECURE_COOKIES", False),
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
