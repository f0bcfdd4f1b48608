"""Open the same database the web app uses, for CLI commands that read or write it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from acupress.config import Settings
from acupress.storage.db import make_engine, migrate
from acupress.storage.db import transaction as transaction
from acupress.storage.users import ensure_local_user


@dataclass(frozen=True)
class Storage:
    engine: Engine
    user_id: int
    url: str


def open_storage() -> Storage:
    settings = Settings.from_env()
    engine = make_engine(settings.database_url)
    migrate(engine)
    return Storage(engine, ensure_local_user(engine), settings.database_url)
