"""Entries and sessions sent again by an offline queue are saved once; demonstrations stay out of the counts."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from acupress.knowledge import load_knowledge
from acupress.services.summary import user_summary
from acupress.storage import diary, sessions, users
from acupress.storage.db import reading, transaction
from acupress.storage.export import diary_rows
from acupress.storage.writes import write

MOMENT = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def _session(**fields) -> sessions.NewSession:
    base = {"started_at": MOMENT, "ended_at": MOMENT + timedelta(minutes=7), "plan": {},
            "steps_done": [{"step_id": "SI3", "side": "left", "seconds": 120}], "pain_before": 6, "pain_after": 4}
    return sessions.NewSession(**{**base, **fields})


def test_same_client_id_twice_is_one_entry(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        first = diary.add_entry(conn, me, diary.NewEntry(MOMENT, 6, client_id="phone-entry-1"))
        again = diary.add_entry(conn, me, diary.NewEntry(MOMENT, 6, client_id="phone-entry-1"))
        other = diary.add_entry(conn, me, diary.NewEntry(MOMENT, 3, client_id="phone-entry-2"))
        plain = [diary.add_entry(conn, me, diary.NewEntry(MOMENT, 5)) for _ in range(2)]
    assert first["id"] == again["id"] != other["id"]
    assert len({p["id"] for p in plain}) == 2, "entries without a client id are never merged"
    with reading(engine) as conn:
        assert [e["pain"] for e in diary.list_entries(conn, me)] == [6, 3, 5, 5]


def test_client_ids_belong_to_one_person(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        someone = users.create_user(conn, "someone", "Someone")
        mine = diary.add_entry(conn, me, diary.NewEntry(MOMENT, 6, client_id="shared-id"))
        theirs = diary.add_entry(conn, someone, diary.NewEntry(MOMENT, 2, client_id="shared-id"))
    assert mine["id"] != theirs["id"] and theirs["pain"] == 2


def test_concurrent_retries_of_one_session_save_one(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
    record = _session(client_id="phone-session-1")
    with ThreadPoolExecutor(4) as pool:
        saved = list(pool.map(lambda _: write(engine, lambda conn: sessions.add_session(conn, me, record)), range(8)))
    assert len({s["id"] for s in saved}) == 1
    with reading(engine) as conn:
        assert len(sessions.list_sessions(conn, me)) == 1


def test_demonstrations_are_kept_but_not_counted(engine):
    kb = load_knowledge()
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        sessions.add_session(conn, me, _session(demo=True))
    with reading(engine) as conn:
        assert [s["demo"] for s in sessions.list_sessions(conn, me)] == [True]
        summary = user_summary(conn, me, MOMENT.date(), kb)
        assert summary["session_count"] == 0 and summary["adherence"].current_streak == 0
        assert [row["record"] for row in diary_rows(conn, me)] == []
    with transaction(engine) as conn:
        sessions.add_session(conn, me, _session())
    with reading(engine) as conn:
        assert user_summary(conn, me, MOMENT.date(), kb)["adherence"].current_streak == 1
