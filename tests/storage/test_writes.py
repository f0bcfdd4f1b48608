"""Group commit: concurrent writes share commits, and a failing write fails alone."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from acupress.errors import NotFound
from acupress.storage import diary, users
from acupress.storage.db import reading
from acupress.storage.writes import write


def test_many_threads_all_acknowledged_and_stored(engine):
    me = write(engine, users.local_user_id)

    def add(number: int) -> int:
        return write(engine, lambda conn: diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), number % 11)))["id"]

    with ThreadPoolExecutor(16) as pool:
        ids = set(pool.map(add, range(200)))
    with reading(engine) as conn:
        assert {e["id"] for e in diary.list_entries(conn, me)} == ids and len(ids) == 200


def test_a_failing_write_fails_alone(engine):
    me = write(engine, users.local_user_id)

    def job(number: int):
        if number == 7:
            return write(engine, lambda conn: diary.delete_entry(conn, me, 999_999))
        return write(engine, lambda conn: diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), 1, note=str(number))))

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(job, n) for n in range(20)]
    with pytest.raises(NotFound):
        futures[7].result()
    with reading(engine) as conn:
        notes = {e["note"] for e in diary.list_entries(conn, me)}
    assert notes == {str(n) for n in range(20) if n != 7}


def test_idle_writer_thread_ends_and_a_new_one_takes_over(engine, monkeypatch):
    import time

    from acupress.storage import writes

    if engine.dialect.name != "sqlite":
        return  # PostgreSQL writes directly, without a writer thread
    monkeypatch.setattr(writes, "IDLE_SECONDS", 0.2)
    me = write(engine, users.local_user_id)
    write(engine, lambda conn: diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), 2)))
    deadline = time.time() + 5
    while engine in writes._writers and time.time() < deadline:
        time.sleep(0.05)
    assert engine not in writes._writers
    write(engine, lambda conn: diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), 3)))
    with reading(engine) as conn:
        assert [e["pain"] for e in diary.list_entries(conn, me)] == [2, 3]
