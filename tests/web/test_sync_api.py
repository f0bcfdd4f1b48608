"""The API side of offline use: records sent twice are saved once; demonstrations and stop reasons."""

from __future__ import annotations

SESSION = {"answers": {"age": 40, "pain_now": 5, "pain_started_days_ago": 10}, "started_at": "2030-01-01T10:00:00+01:00", "ended_at": "2030-01-01T10:07:00+01:00", "completed": True,
           "pain_before": 6, "pain_after": 4, "steps_done": [{"step_id": "SI3", "side": "left", "seconds": 120}]}


def test_diary_entry_sent_twice_is_saved_once(client):
    body = {"pain": 5, "recorded_at": "2030-01-01T09:00:00+01:00", "client_id": "0f4c1d2e-queue-0001"}
    first = client.post("/api/v1/diary", json=body)
    again = client.post("/api/v1/diary", json=body)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] and first.json()["client_id"] == body["client_id"]
    assert len(client.get("/api/v1/diary").json()) == 1


def test_session_sent_twice_is_saved_once(client):
    body = {**SESSION, "client_id": "session-queue-0001"}
    ids = {client.post("/api/v1/sessions", json=body).json()["id"] for _ in range(3)}
    assert len(ids) == 1 and len(client.get("/api/v1/sessions").json()) == 1


def test_client_id_is_checked(client):
    response = client.post("/api/v1/diary", json={"pain": 5, "client_id": "no spaces or slashes/"})
    assert response.status_code == 422 and response.json()["field"] == "client_id"


def test_demonstration_sessions_are_kept_but_not_counted(client):
    client.post("/api/v1/sessions", json={**SESSION, "demo": True})
    assert client.get("/api/v1/sessions").json()[0]["demo"] is True
    summary = client.get("/api/v1/summary", params={"today": "2030-01-01"}).json()
    assert summary["sessions"] == 0 and summary["adherence"]["current_streak"] == 0
    assert "session" not in client.get("/diary/export.csv").text.splitlines()[-1]


def test_stop_reasons_come_from_the_knowledge_base(client, kb):
    for reason in kb.stop_reasons:
        body = {**SESSION, "completed": False, "stop_reason": reason}
        assert client.post("/api/v1/sessions", json=body).status_code == 201
    unknown = client.post("/api/v1/sessions", json={**SESSION, "completed": False, "stop_reason": "bored"})
    assert unknown.status_code == 422 and unknown.json()["field"] == "stop_reason"
    missing = client.post("/api/v1/sessions", json={**SESSION, "completed": False})
    assert missing.json()["message"] == "stop_reason: is required when completed is false: " + ", ".join(kb.stop_reasons)
    schema = client.get("/openapi.json").json()["components"]["schemas"]["SessionIn"]["properties"]["stop_reason"]
    assert sorted(schema["anyOf"][0]["enum"]) == sorted(kb.stop_reasons)
