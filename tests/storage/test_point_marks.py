"""Spots a person confirmed by touch, on real SQLite and PostgreSQL: kept per point and side, theirs only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from acupress.errors import NotFound
from acupress.storage import marks, users
from acupress.storage.db import reading, transaction
from acupress.storage.export import everything


def test_a_spot_is_kept_per_point_and_side_and_replaced_when_confirmed_again(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        marks.save_mark(conn, me, "SI3", "left", 0.2, 0.1)
        marks.save_mark(conn, me, "SI3", "right", 0.15, 0.05)
        again = marks.save_mark(conn, me, "SI3", "left", 0.25, 0.12, when=datetime(2026, 11, 25, 9, tzinfo=UTC))
    assert (again["along"], again["outward"], again["confirmed_at"]) == (0.25, 0.12, datetime(2026, 11, 25, 9, tzinfo=UTC))
    with reading(engine) as conn:
        kept = marks.list_marks(conn, me)
    assert [(m["point_id"], m["side"], m["along"]) for m in kept] == [("SI3", "left", 0.25), ("SI3", "right", 0.15)]


def test_the_database_refuses_a_side_that_is_neither_left_nor_right(engine):
    with pytest.raises(sa.exc.IntegrityError), transaction(engine) as conn:
        marks.save_mark(conn, users.local_user_id(conn), "SI3", "both", 0.2, 0.1)


def test_spots_are_private_exported_and_deleted_with_everything_else(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        other = users.create_user(conn, "other", "Other")
        marks.save_mark(conn, me, "SI3", "left", 0.2, 0.1)
        marks.save_mark(conn, other, "KI3", "right", 0.5, 0.0)
    with reading(engine) as conn:
        assert [m["point_id"] for m in marks.list_marks(conn, me)] == ["SI3"]
        with pytest.raises(NotFound):
            marks.get_mark(conn, me, "KI3", "right")
        exported = everything(conn, me)["point_marks"]
    assert exported == [{"point_id": "SI3", "side": "left", "along": 0.2, "outward": 0.1,
                         "confirmed_at": exported[0]["confirmed_at"]}]
    assert exported[0]["confirmed_at"].endswith("+00:00")
    with transaction(engine) as conn:
        users.delete_user_data(conn, me)
    with reading(engine) as conn:
        assert marks.list_marks(conn, me) == [] and len(marks.list_marks(conn, other)) == 1


def test_forgetting_one_spot(engine):
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        marks.save_mark(conn, me, "SI3", "left", 0.2, 0.1)
        marks.delete_mark(conn, me, "SI3", "left")
        with pytest.raises(NotFound):
            marks.delete_mark(conn, me, "SI3", "left")
    with reading(engine) as conn:
        assert marks.list_marks(conn, me) == []
