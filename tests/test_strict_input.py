"""Hostile JSON gets the same one-line refusal from the CLI (exit 2) and the API (422): never a
silently dropped warning sign, never a traceback, never a huge value echoed back."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from acupress.config import Settings
from acupress.web.app import create_app

BASE = '{"age": 40, "pain_now": 5, "pain_started_days_ago": 10, '
HOSTILE = {
    "repeated key": (BASE + '"red_flags": ["saddle_numbness"], "red_flags": []}', "appears twice"),
    "deep nesting": ('{"age": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    "huge integer": ('{"age": ' + "9" * 5000 + ', "pain_now": 5, "pain_started_days_ago": 10}', "digits"),
    "NaN": (BASE + '"pregnant": NaN}', "NaN"),
    "huge unknown key": (BASE + '"' + "k" * 200_000 + '": 1}', "unknown field"),
    "huge unknown id": (BASE + '"red_flags": ["' + "x" * 200_000 + '"]}', "unknown id"),
    "not an object": ("[1, 2]", "must be a JSON object"),
}


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    folder = tmp_path_factory.mktemp("strict")
    settings = Settings(database_url=f"sqlite:///{folder / 'x.db'}", secret_key="k")
    with TestClient(create_app(settings), base_url="http://127.0.0.1:8000") as client:
        yield client


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_cli_refuses_in_one_short_line(cli, tmp_path, case):
    text, words = HOSTILE[case]
    path = tmp_path / "answers.json"
    path.write_text(text)
    result = cli("plan", "--answers", str(path))
    assert result.code == 2 and words in result.err
    assert result.err.count("\n") == 1 and len(result.err) < 1000 and result.out == ""


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_api_refuses_in_one_short_line(api, case):
    text, words = HOSTILE[case]
    response = api.post("/api/v1/plan", content=text, headers={"content-type": "application/json"})
    assert response.status_code == 422 and words in response.json()["message"]
    assert len(response.text) < 1000


def test_same_words_from_cli_and_api(cli, api, tmp_path):
    for case, (text, _) in HOSTILE.items():
        path = tmp_path / "answers.json"
        path.write_text(text)
        cli_message = cli("plan", "--answers", str(path)).err.removeprefix("error: ").strip()
        api_message = api.post("/api/v1/plan", content=text, headers={"content-type": "application/json"}).json()["message"]
        assert _reason(cli_message) == _reason(api_message), case


def _reason(message: str) -> str:
    """What went wrong, without where the JSON came from (a file name or the body)."""
    return message.split("JSON: ")[-1].split("JSON (")[-1].removeprefix("answers: ").removeprefix("body: ")


def test_repeated_key_refused_in_every_json_route(api):
    body = '{"pain": 3, "note": "a", "note": "b"}'
    response = api.post("/api/v1/diary", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422 and "appears twice" in response.json()["message"]
    assert api.get("/api/v1/diary").json() == []


def test_strict_types_on_the_way_in(api):
    entry = api.post("/api/v1/diary", json={"pain": 3}).json()
    assert api.post("/api/v1/plan", json={"age": "40", "pain_now": 5, "pain_started_days_ago": 1}).status_code == 422
    assert api.post("/api/v1/plan", json={"age": 40.5, "pain_now": 5, "pain_started_days_ago": 1}).status_code == 422
    assert api.post("/api/v1/plan", json={"age": 40, "pain_now": 5, "pain_started_days_ago": 1, "pregnant": 1}).status_code == 422
    assert api.patch(f"/api/v1/diary/{entry['id']}", json={"peg_activity": "7"}).status_code == 422
    assert api.post("/api/v1/diary", json={"pain": 3, "peg_activity": True}).status_code == 422
    assert api.post("/api/v1/diary", json={"pain": "3"}).status_code == 422


def test_valid_answers_still_give_a_plan(api):
    response = api.post("/api/v1/plan", content=json.dumps({"age": 40, "pain_now": 5, "pain_started_days_ago": 10}),
                        headers={"content-type": "application/json"})
    assert response.status_code == 200 and response.json()["triage"]["level"] == "self_care"


def test_the_api_schema_follows_every_answer_field(api, kb):
    """A key the core adds to answer_fields appears in the API's description with its type, bounds and nullability."""
    from acupress.core.answers import answer_fields

    body = api.get("/openapi.json").json()["paths"]["/api/v1/plan"]["post"]["requestBody"]["content"]["application/json"]
    properties = body["schema"]["properties"]
    for field in answer_fields(kb):
        shown = properties[field.key]
        kinds = {option.get("type") for option in shown.get("anyOf", [shown])}
        assert ("null" in kinds) == field.nullable, field.key
        assert {"integer": "integer", "boolean": "boolean", "id_list": "array", "choice": "string"}[field.kind] in kinds
        if field.kind == "integer":
            assert (shown["minimum"], shown["maximum"]) == (field.minimum, field.maximum)
    assert set(properties) == {field.key for field in answer_fields(kb)}
    assert body["schema"]["additionalProperties"] is False
