"""The JSON API in-process: results, errors and isolation of the stored data."""

from __future__ import annotations

import json

import pytest

from acupress.cli.plan_output import plan_output
from tests.conftest import ROOT
from tests.web.conftest import csrf_of


def test_health(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200 and response.json()["status"] == "ok"


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.json")), ids=lambda p: p.name)
def test_plan_endpoint_equals_cli_json(client, example):
    response = client.post("/api/v1/plan", json=json.loads(example.read_text()))
    assert response.status_code == 200
    assert response.json() == json.loads(plan_output(str(example), "json"))


@pytest.mark.parametrize(("body", "field", "words"), [
    ({"age": 121, "pain_now": 3, "pain_started_days_ago": 1}, "age", "from 0 to 120"),
    ({"age": 40, "pain_now": 3}, "pain_started_days_ago", "is required"),
    ({"age": 40, "pain_now": 3, "pain_started_days_ago": 1, "conditions": ["flu"]}, "conditions", "unknown id 'flu'"),
    ({"age": 40, "pain_now": "3", "pain_started_days_ago": 1}, "pain_now", "whole number"),
    ([1, 2], "answers", "must be a JSON object"),  # the same words as `acupress plan`
])
def test_plan_bad_input_is_422_naming_the_field(client, body, field, words):
    response = client.post("/api/v1/plan", json=body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert words in response.json()["message"]


def test_plan_body_that_is_not_json(client):
    response = client.post("/api/v1/plan", content=b"{nope", headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["field"] == "body"


def test_points(client):
    assert [p["id"] for p in client.get("/api/v1/points").json()][:2] == ["SI3", "KI3"]
    assert client.get("/api/v1/points/ki3").json()["pinyin"] == "Taixi"
    missing = client.get("/api/v1/points/XX1")
    assert missing.status_code == 404 and missing.json()["field"] == "point_id"


def test_diary_crud_and_time_zones(client):
    first = client.post("/api/v1/diary", json={"pain": 6, "recorded_at": "2026-11-20T08:00:00+09:00", "note": "stiff"})
    assert first.status_code == 201
    entry = first.json()
    assert entry["recorded_at"] == "2026-11-20T08:00:00+09:00"
    client.post("/api/v1/diary", json={"pain": 4, "recorded_at": "2026-11-22T20:00:00-05:00",
                                       "peg_pain": 5, "peg_enjoyment": 4, "peg_activity": 6})
    everything = client.get("/api/v1/diary").json()
    assert [e["pain"] for e in everything] == [6, 4]
    assert everything[1]["peg_score"] == 5.0
    window = client.get("/api/v1/diary", params={"from": "2026-11-21T00:00:00+00:00", "to": "2026-11-30T00:00:00+00:00"}).json()
    assert [e["pain"] for e in window] == [4]
    patched = client.patch(f"/api/v1/diary/{entry['id']}", json={"pain": 5, "note": "better"})
    assert patched.json()["pain"] == 5 and patched.json()["note"] == "better"
    token = {"x-csrf-token": csrf_of(client, "/diary")}
    assert client.delete(f"/api/v1/diary/{entry['id']}", headers=token).status_code == 204
    assert client.get(f"/api/v1/diary/{entry['id']}").status_code == 404
    assert client.delete(f"/api/v1/diary/{entry['id']}", headers=token).status_code == 404


@pytest.mark.parametrize(("body", "field"), [
    ({"pain": 11}, "pain"),
    ({"pain": -1}, "pain"),
    ({}, "pain"),
    ({"pain": 3, "recorded_at": "2026-11-25T10:00:00"}, "recorded_at"),
    ({"pain": 3, "recorded_at": "yesterday"}, "recorded_at"),
    ({"pain": 3, "peg_pain": 12}, "peg_pain"),
    ({"pain": 3, "mood": "ok"}, "mood"),
    ({"pain": 3, "note": "x" * 2001}, "note"),
])
def test_diary_bad_input(client, body, field):
    response = client.post("/api/v1/diary", json=body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert client.get("/api/v1/diary").json() == [], "nothing half-written"


def test_diary_patch_cannot_null_required_fields(client):
    entry = client.post("/api/v1/diary", json={"pain": 3}).json()
    response = client.patch(f"/api/v1/diary/{entry['id']}", json={"pain": None})
    assert response.status_code == 422
    response = client.patch(f"/api/v1/diary/{entry['id']}", json={"pain": 4, "note": None})
    assert response.status_code == 422 and response.json()["field"] == "note"
    assert client.get(f"/api/v1/diary/{entry['id']}").json()["pain"] == 3


def test_diary_range_needs_offsets(client):
    response = client.get("/api/v1/diary", params={"from": "2026-11-21T00:00:00"})
    assert response.status_code == 422 and response.json()["field"] == "from"


SESSION = {
    "started_at": "2026-11-25T08:00:00+01:00", "ended_at": "2026-11-25T08:09:00+01:00",
    "answers": {"age": 40, "pain_now": 6, "pain_started_days_ago": 3},
    "steps_done": [{"step_id": "SI3", "side": "left", "seconds": 120}, {"step_id": "SI3", "side": "right", "seconds": 120}],
    "pain_before": 6, "pain_after": 4, "completed": True,
}


def test_sessions_are_recorded_with_their_plan(client):
    created = client.post("/api/v1/sessions", json=SESSION)
    assert created.status_code == 201, created.text
    listed = client.get("/api/v1/sessions").json()
    assert len(listed) == 1 and listed[0]["steps_done"][1] == {"step_id": "SI3", "side": "right", "seconds": 120}
    summary = client.get("/api/v1/summary", params={"today": "2026-11-25"}).json()
    assert summary["adherence"]["current_streak"] == 1 and summary["sessions"] == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"completed": False}, "stop_reason"),
    ({"stop_reason": "bored", "completed": False}, "stop_reason"),
    ({"pain_after": 11}, "pain_after"),
    ({"answers": {"age": -3, "pain_now": 1, "pain_started_days_ago": 1}}, "answers.age"),
    ({"steps_done": [{"step_id": "SI3", "side": "middle", "seconds": 10}]}, "steps_done.0.side"),
])
def test_session_bad_input(client, change, field):
    response = client.post("/api/v1/sessions", json={**SESSION, **change})
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert client.get("/api/v1/sessions").json() == []


def test_session_without_answers_needs_an_assessment(client):
    body = {k: v for k, v in SESSION.items() if k != "answers"}
    response = client.post("/api/v1/sessions", json=body)
    assert response.status_code == 404 and response.json()["field"] == "assessment"


def test_openapi_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/plan", "/api/v1/diary", "/api/v1/diary/{entry_id}", "/api/v1/sessions", "/api/v1/points"):
        assert path in paths


def test_daily_reminders_as_icalendar(client):
    assert client.get("/api/v1/reminders.ics").status_code == 404  # no answers yet
    token = csrf_of(client)
    client.post("/assess", data={"csrf_token": token, "age": "50", "pain_now": "5", "pain_started_days_ago": "200"})
    response = client.get("/api/v1/reminders.ics", params={"time": "07:45", "today": "2026-12-01"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    text = response.text
    assert "DTSTART:20261201T074500" in text and "RRULE:FREQ=DAILY" in text
    assert "KI3 (Taixi" in text.replace("\r\n ", "")
    bad = client.get("/api/v1/reminders.ics", params={"time": "quarter past"})
    assert bad.status_code == 422 and bad.json()["field"] == "time"


def test_no_reminders_when_triage_stops(client):
    token = csrf_of(client)
    client.post("/assess", data={"csrf_token": token, "age": "50", "pain_now": "5", "pain_started_days_ago": "2",
                                 "red_flags": "major_trauma"})
    response = client.get("/api/v1/reminders.ics")
    assert response.status_code == 422 and response.json()["field"] == "plan"


def test_fhir_export_is_valid_fhir_with_loinc_pain(client):
    from fhir.resources.R4B.bundle import Bundle

    client.post("/api/v1/diary", json={"pain": 6, "recorded_at": "2026-11-20T08:00:00+01:00", "note": "stiff",
                                       "peg_pain": 6, "peg_enjoyment": 5, "peg_activity": 7})
    client.post("/api/v1/sessions", json=SESSION)
    response = client.get("/api/v1/export.fhir.json")
    assert response.headers["content-type"].startswith("application/fhir+json")
    bundle = Bundle.model_validate(response.json())
    observations = [e.resource for e in bundle.entry if e.resource.get_resource_type() == "Observation"]
    pain = [o for o in observations if o.code.coding and o.code.coding[0].code == "72514-3"]
    assert sorted(o.valueInteger for o in pain) == [4, 6, 6]  # entry, session before, session after
    score = next(o for o in observations if o.code.coding[0].code == "91147-9")  # LOINC: Mean score [PEG]
    panel = next(o for o in observations if o.code.coding[0].code == "91148-7")
    assert score.valueQuantity.value == 6.0 and len(panel.hasMember) == 4
    assert pain[0].effectiveDateTime.isoformat() == "2026-11-20T08:00:00+01:00"


@pytest.mark.parametrize(("body", "field"), [
    ({"pain": 3, "recorded_at": "2026-11-25T10:00:00+23:00"}, "recorded_at"),
    ({"pain": 3, "recorded_at": "0001-01-01T00:00:00+00:00"}, "recorded_at"),
    ({"pain": 3, "note": "bell\x07"}, "note"),
])
def test_diary_refuses_impossible_times_and_control_characters(client, body, field):
    response = client.post("/api/v1/diary", json=body)
    assert response.status_code == 422 and response.json()["field"] == field


def test_reminders_refuse_a_date_at_the_end_of_time(client):
    token = csrf_of(client)
    client.post("/assess", data={"csrf_token": token, "age": "50", "pain_now": "5", "pain_started_days_ago": "200"})
    response = client.get("/api/v1/reminders.ics", params={"time": "23:59", "today": "9999-12-31"})
    assert response.status_code == 422 and response.json()["field"] == "today"


@pytest.mark.parametrize("moment", ["9999-12-31T23:00:00-14:00", "2026-11-01T00:00:00+20:00", "2026-11-01T00:00:00"])
def test_diary_range_refuses_impossible_moments(client, moment):
    response = client.get("/api/v1/diary", params={"from": moment})
    assert response.status_code == 422 and response.json()["field"] == "from"
