"""Storage on real SQLite and PostgreSQL: migrations, entries, sessions, isolation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from acupress.errors import NotFound
from acupress.storage import diary, sessions, users
from acupress.storage.db import migrate, reading, transaction
from acupress.storage.export import diary_rows

TOKYO = timezone(timedelta(hours=9))
NEW_YORK = timezone(timedelta(hours=-5))


def test_migrations_from_empty_are_idempotent(engine):
    migrate(engine)  # a second run at the next start changes nothing
    tables = set(sa.inspect(engine).get_table_names())
    assert {"users", "assessments", "diary_entries", "sessions", "alembic_version"} <= tables
    from alembic.script import ScriptDirectory

    from acupress.storage.db import MIGRATIONS

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    with reading(engine) as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head


def test_entries_keep_their_time_zone_and_order(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        diary.add_entry(conn, me, diary.NewEntry(datetime(2026, 11, 20, 8, 0, tzinfo=TOKYO), 7))
        diary.add_entry(conn, me, diary.NewEntry(datetime(2026, 11, 19, 20, 0, tzinfo=NEW_YORK), 5, 4, 5, 6, "evening"))
    with reading(engine) as conn:
        entries = diary.list_entries(conn, me)
    # 20 Nov 08:00 in Tokyo is 19 Nov 23:00 UTC: earlier than 19 Nov 20:00 in New York (20 Nov 01:00 UTC).
    assert [e["pain"] for e in entries] == [7, 5]
    assert entries[0]["recorded_at"].utcoffset() == timedelta(hours=9)
    assert entries[1]["recorded_at"].isoformat() == "2026-11-19T20:00:00-05:00"
    assert entries[1]["peg_score"] == 5.0 and entries[1]["note"] == "evening"


def test_date_range(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        for day in range(1, 6):
            diary.add_entry(conn, me, diary.NewEntry(datetime(2026, 11, day, 12, tzinfo=UTC), day))
    with reading(engine) as conn:
        window = diary.list_entries(conn, me, datetime(2026, 11, 2, tzinfo=UTC), datetime(2026, 11, 4, tzinfo=UTC))
    assert [e["pain"] for e in window] == [2, 3]


def test_database_refuses_out_of_range_pain(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
    with pytest.raises(sa.exc.IntegrityError), transaction(engine) as conn:
        diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), 11))
    with reading(engine) as conn:
        assert diary.list_entries(conn, me) == []


def test_failed_transaction_writes_nothing(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
    with pytest.raises(RuntimeError), transaction(engine) as conn:
        diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), 4))
        raise RuntimeError("crash between two writes")
    with reading(engine) as conn:
        assert diary.list_entries(conn, me) == []


def test_each_user_sees_only_their_own_data(engine):
    with transaction(engine) as conn:
        alice = users.create_user(conn, "alice", "Alice")
        bob = users.create_user(conn, "bob", "Bob")
        entry = diary.add_entry(conn, alice, diary.NewEntry(datetime.now(UTC), 6, note="private"))
        sessions.add_session(conn, alice, sessions.NewSession(datetime.now(UTC), datetime.now(UTC), {"steps": []}))
    with transaction(engine) as conn:
        assert diary.list_entries(conn, bob) == []
        assert sessions.list_sessions(conn, bob) == []
        assert diary_rows(conn, bob) == []
        with pytest.raises(NotFound):
            diary.get_entry(conn, bob, entry["id"])
        with pytest.raises(NotFound):
            diary.update_entry(conn, bob, entry["id"], {"pain": 0})
        with pytest.raises(NotFound):
            diary.delete_entry(conn, bob, entry["id"])
    with reading(engine) as conn:
        assert diary.get_entry(conn, alice, entry["id"])["pain"] == 6


def test_delete_all_of_a_users_data(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        other = users.create_user(conn, "other", "Other")
        for person in (me, other):
            diary.add_entry(conn, person, diary.NewEntry(datetime.now(UTC), 3))
        users.delete_user_data(conn, me)
    with reading(engine) as conn:
        assert diary.list_entries(conn, me) == [] and len(diary.list_entries(conn, other)) == 1


def test_sessions_round_trip(engine):
    start = datetime(2026, 11, 25, 7, 30, tzinfo=TOKYO)
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        saved = sessions.add_session(conn, me, sessions.NewSession(
            start, start + timedelta(minutes=9), {"duration": "acute"},
            [{"step_id": "SI3", "side": "left", "seconds": 95}], 6, 7, False, "pain_increased"))
    assert saved["started_at"] == start and saved["stop_reason"] == "pain_increased"
    with reading(engine) as conn:
        full = sessions.list_sessions(conn, me, include_plan=True)[0]
    assert full["plan"] == {"duration": "acute"} and full["steps_done"][0]["seconds"] == 95
