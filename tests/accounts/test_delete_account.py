"""Deleting an account removes its rows for real: read back from the database, table by table."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from fastapi.testclient import TestClient

from acupress.services import accounts, care
from acupress.services.logins import Account
from acupress.storage.tables import metadata, users
from tests.accounts.helpers import PASSWORD, People, csrf, post_form

PROGRAM = {"steps": [{"step": "SI3", "intensity": "moderate", "minutes": 2, "sides": "both", "frequency": "daily"}],
           "start_date": "2026-11-20", "weeks": 4, "notes": "Morning and evening."}


def rows_of(engine, user_id: int) -> dict[str, int]:
    """How many rows of each table point at this account (every column referring to users.id), and the account."""
    counts = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for column in table.columns:
                if any(key.column is users.c.id for key in column.foreign_keys):
                    found = conn.execute(sa.select(sa.func.count()).select_from(table).where(column == user_id)).scalar()
                    counts[f"{table.name}.{column.name}"] = found
        counts["users"] = conn.execute(sa.select(sa.func.count()).select_from(users).where(users.c.id == user_id)).scalar()
    return counts


def _fill(people: People, kb) -> None:
    """Patient A keeps a diary, answers the questions, does a session, saves a spot; the practitioner prescribes."""
    a = people["patient_a"]
    headers = {"x-csrf-token": csrf(a, "/diary")}
    assert a.post("/api/v1/diary", json={"pain": 6, "note": "stiff", "recorded_at": "2026-11-20T09:00:00+00:00"},
                  headers=headers).status_code == 201
    session = {"started_at": "2026-11-21T09:00:00+00:00", "ended_at": "2026-11-21T09:08:00+00:00",
               "answers": {"age": 40, "pain_now": 6, "pain_started_days_ago": 10}, "completed": True}
    assert a.post("/api/v1/sessions", json=session, headers=headers).status_code == 201
    assert a.put("/api/v1/marks/SI3/left", json={"along": 0.4, "outward": 0.1}, headers=headers).status_code in (200, 201)
    doctor = Account(people.ids["linked_practitioner"], "doc@example.org", "Dr Linked", "practitioner")
    care.prescribe(people.app.state.engine, doctor, people.ids["patient_a"], PROGRAM, kb, datetime.now(UTC))
    accounts.issue_password_code(people.app.state.engine, "a@example.org", datetime.now(UTC))


def test_deleting_your_account_on_the_web_removes_every_row(people: People, kb):
    _fill(people, kb)
    engine, a_id = people.app.state.engine, people.ids["patient_a"]
    before = rows_of(engine, a_id)
    assert before["diary_entries.user_id"] and before["sessions.user_id"] and before["prescriptions.patient_id"]
    assert before["care_links.patient_id"] and before["auth_sessions.user_id"] and before["point_marks.user_id"]
    refused = post_form(people["patient_a"], "/account/delete", {"confirm": "yes", "password": "not my password"})
    assert refused.status_code == 422 and rows_of(engine, a_id) == before
    answer = post_form(people["patient_a"], "/account/delete", {"confirm": "yes", "password": PASSWORD})
    assert answer.status_code == 303 and answer.headers["location"] == "/login?deleted=1"
    assert set(rows_of(engine, a_id).values()) == {0}
    assert rows_of(engine, people.ids["patient_b"])["users"] == 1  # nobody else's
    assert "Patient Alpha" not in people["linked_practitioner"].get("/practitioner").text


def test_deleting_a_practitioner_removes_their_links_invites_and_programs(people: People, kb):
    _fill(people, kb)
    engine, doctor_id = people.app.state.engine, people.ids["linked_practitioner"]
    accounts.delete_account(engine, doctor_id)
    assert set(rows_of(engine, doctor_id).values()) == {0}
    patient = rows_of(engine, people.ids["patient_a"])
    assert patient["diary_entries.user_id"] == 1 and patient["prescriptions.patient_id"] == 0
    plan = people["patient_a"].get("/plan")
    assert plan.status_code in (200, 303) and "Dr Linked" not in plan.text


def test_a_signed_out_browser_cannot_reach_the_deleted_account(people: People, kb):
    a = people["patient_a"]
    token = a.cookies.get("acupress_login")
    post_form(a, "/account/delete", {"confirm": "yes", "password": PASSWORD})
    thief = TestClient(people.app)
    thief.cookies.set("acupress_login", token, domain="testserver.local")
    assert thief.get("/diary", follow_redirects=False).status_code == 303
