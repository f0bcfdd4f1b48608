"""Acknowledged entries survive concurrent writers, a killed process and a full database."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from acupress.storage import diary, users
from acupress.storage.db import make_engine, migrate, reading, transaction

WRITER = [sys.executable, "-m", "tests.storage.writer"]


def all_notes(engine) -> set[str]:
    with reading(engine) as conn:
        return {e["note"] for e in diary.list_entries(conn, users.local_user_id(conn))}


def test_concurrent_writers_lose_nothing(engine, database_url):
    with transaction(engine) as conn:
        users.local_user_id(conn)
    writers = [subprocess.Popen([*WRITER, database_url, "40", f"w{n}"], stdout=subprocess.PIPE, text=True) for n in range(4)]
    outputs = [w.communicate(timeout=120)[0] for w in writers]
    assert all(w.returncode == 0 for w in writers)
    assert sum(len(out.split()) for out in outputs) == 160
    assert all_notes(engine) == {f"w{n}-{i}" for n in range(4) for i in range(40)}


def test_killed_writer_keeps_every_acknowledged_entry(engine, database_url):
    with transaction(engine) as conn:
        users.local_user_id(conn)
    writer = subprocess.Popen([*WRITER, database_url, "100000", "k"], stdout=subprocess.PIPE, text=True)
    acknowledged = [writer.stdout.readline().strip() for _ in range(60)]
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    with reading(engine) as conn:
        stored = {e["id"] for e in diary.list_entries(conn, users.local_user_id(conn))}
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert {int(i) for i in acknowledged} <= stored


def test_full_database_refuses_the_write_and_keeps_the_rest(tmp_path):
    url = f"sqlite:///{tmp_path / 'full.db'}"
    engine = make_engine(url)
    migrate(engine)
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), 5, note="kept"))
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    engine.dispose()
    full = make_engine(url)
    sa.event.listen(full, "connect", lambda dbapi, _r: dbapi.execute(f"PRAGMA max_page_count={pages}"))
    with pytest.raises(sa.exc.OperationalError, match="full"), transaction(full) as conn:
        for _ in range(200):
            diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), 5, note="x" * 1500))
    assert all_notes(make_engine(url)) == {"kept"}
