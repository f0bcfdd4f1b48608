"""The web app on PostgreSQL, as stateless workers: two apps, one database."""

from __future__ import annotations

from fastapi.testclient import TestClient

from acupress.config import Settings
from acupress.web.app import create_app
from tests.helpers import new_pg_database


def test_two_workers_share_one_postgres_database(postgres_server):
    url = new_pg_database(postgres_server)
    settings = Settings(database_url=url, secret_key="shared-secret", local_mode=True, allowed_hosts=("testserver",))
    with TestClient(create_app(settings)) as first, TestClient(create_app(settings)) as second:
        created = first.post("/api/v1/diary", json={"pain": 6, "recorded_at": "2026-11-25T09:00:00+05:30"})
        assert created.status_code == 201
        listed = second.get("/api/v1/diary").json()
        assert [(e["pain"], e["recorded_at"]) for e in listed] == [(6, "2026-11-25T09:00:00+05:30")]
        assert second.post("/api/v1/plan", json={"age": 40, "pain_now": 9, "pain_started_days_ago": 2}).json()["steps"][0]["intensity"] == "strong"
        session = {"started_at": "2026-11-25T09:00:00+05:30", "ended_at": "2026-11-25T09:08:00+05:30",
                   "answers": {"age": 40, "pain_now": 6, "pain_started_days_ago": 2}, "completed": True}
        assert second.post("/api/v1/sessions", json=session).status_code == 201
        assert len(first.get("/api/v1/sessions").json()) == 1
