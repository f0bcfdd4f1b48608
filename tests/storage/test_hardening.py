"""Storage hardening: private files, reads that never wait for writers, CSV safe for spreadsheets."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import threading
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acupress.config import Settings
from acupress.storage import diary, users
from acupress.storage.db import open_database, reading, transaction
from acupress.storage.export import diary_csv, spreadsheet_safe, spreadsheet_text_back


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_database_folder_and_files_are_private(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("ACUPRESS_DATA_DIR", str(folder))
    engine = open_database(Settings.from_env())
    with transaction(engine) as conn:
        diary.add_entry(conn, users.local_user_id(conn), diary.NewEntry(datetime.now(UTC), 4, note="mine"))
    with reading(engine) as conn:  # keeps the WAL and SHM files in place
        conn.exec_driver_sql("SELECT 1").all()
        assert mode(folder) == 0o700
        for name in ("acupress.db", "acupress.db-wal", "acupress.db-shm"):
            assert mode(folder / name) == 0o600, name
    engine.dispose()


def test_existing_world_readable_files_are_fixed_at_start(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("ACUPRESS_DATA_DIR", str(folder))
    open_database(Settings.from_env()).dispose()
    os.chmod(folder, 0o755)
    os.chmod(folder / "acupress.db", 0o644)
    open_database(Settings.from_env()).dispose()
    assert mode(folder) == 0o700 and mode(folder / "acupress.db") == 0o600


def test_settings_from_env_writes_no_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("ACUPRESS_DATA_DIR", str(tmp_path / "data"))
    settings = Settings.from_env()
    assert not (tmp_path / "data" / "secret_key").exists()
    key = settings.signing_key()  # only a command that signs something makes one
    assert mode(tmp_path / "data" / "secret_key") == 0o600 and settings.signing_key() == key


@pytest.mark.parametrize("opened", [reading, lambda engine: engine.connect()], ids=["reading", "plain connect"])
def test_a_read_does_not_wait_for_a_writer(engine, opened):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
    done = threading.Event()

    def read() -> None:
        with opened(engine) as conn:
            diary.list_entries(conn, me)
        done.set()

    with transaction(engine) as conn:  # a writer holds the write lock...
        diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), 5))
        threading.Thread(target=read, daemon=True).start()
        assert done.wait(timeout=10), "the read waited for the writer"  # ...and a reader still goes ahead


@pytest.mark.parametrize("note", ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd",
                                  "\r=1", "=1\n=2", "plain, with a comma", "5 - better", "'already quoted",
                                  ";=1+1;", "ok,@SUM(A1)"])
def test_csv_notes_are_safe_in_spreadsheets_and_read_back(engine, note):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), 5, note=note))
    with reading(engine) as conn:
        rows = list(csv.DictReader(io.StringIO(diary_csv(conn, me))))
    cell = rows[0]["note"]
    # Split as a spreadsheet set to ";" or "," would: no piece may start a formula.
    assert not any(piece.startswith(("=", "+", "-", "@", "\t", "\r")) for piece in re.split("[,;]", cell))
    assert spreadsheet_text_back(cell) == note, "`acupress import` reads the note back exactly"


@given(st.text(alphabet="=+-@\t\r';, ab", max_size=30))
def test_spreadsheet_protection_always_reads_back_exactly(text):
    protected = spreadsheet_safe(text)
    assert spreadsheet_text_back(protected) == text
    assert not any(piece.startswith(tuple("=+-@\t\r")) for piece in re.split("[,;]", protected))


def test_web_reads_go_ahead_while_another_process_writes(tmp_path):
    import sqlite3

    from fastapi.testclient import TestClient

    from acupress.web.app import create_app

    path = tmp_path / "web.db"
    settings = Settings(database_url=f"sqlite:///{path}", secret_key="k", allowed_hosts=("testserver",))
    with TestClient(create_app(settings)) as client:
        client.post("/api/v1/diary", json={"pain": 4})
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            answers: dict[str, int] = {}

            def read_all() -> None:
                for page in ("/", "/diary", "/api/v1/diary", "/api/v1/summary", "/api/v1/export"):
                    answers[page] = client.get(page).status_code

            reader = threading.Thread(target=read_all, daemon=True)
            reader.start()
            reader.join(timeout=20)
            assert answers == dict.fromkeys(("/", "/diary", "/api/v1/diary", "/api/v1/summary", "/api/v1/export"), 200)
        finally:
            writer.execute("ROLLBACK")
            writer.close()
