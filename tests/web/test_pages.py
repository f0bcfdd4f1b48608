"""The pages, in-process: what a person sees, and forms that work without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from tests.web.conftest import csrf_of


def assess(client, **fields):
    token = csrf_of(client)
    data = {"csrf_token": token, "age": "40", "pain_now": "6", "pain_started_days_ago": "3", **fields}
    return client.post("/assess", data=data, follow_redirects=False)


def test_new_user_is_sent_to_the_questions(client):
    home = client.get("/")
    assert "Answer the questions" in home.text
    assert client.get("/plan", follow_redirects=False).headers["location"] == "/assess"


def test_questions_put_red_flags_first(client):
    page = client.get("/assess").text
    assert page.index("saddle") < page.index("How old are you")


def test_self_care_answers_lead_to_the_plan(client):
    response = assess(client, pain_now="9")
    assert response.status_code == 303 and response.headers["location"] == "/plan"
    plan = client.get("/plan").text
    assert "SI3 (Houxi, Back Stream)" in plan and "strong" in plan
    assert 'aria-labelledby="si3-title si3-desc"' in plan, "the SI3 diagram is shown"
    assert "Why this step" in plan and 'href="/sources#alban"' in plan
    assert "Start a guided session" in client.get("/").text


@pytest.mark.parametrize("flag", ["saddle_numbness", "chest_or_abdominal_pain"])
def test_emergency_answer_shows_help_now_and_no_plan(client, flag):
    response = assess(client, red_flags=flag, clinician_cleared="yes")
    assert response.status_code == 200
    assert "Get medical help now" in response.text and "emergency" in response.text
    assert "Your plan" not in response.text and "Start a guided session" not in response.text
    assert "Get medical help now" in client.get("/plan").text
    assert "Get medical help now" in client.get("/session").text


def test_urgent_answer_says_whom_to_see(client):
    response = assess(client, red_flags="fever")
    assert "See a doctor soon" in response.text and "today or tomorrow" in response.text
    assert "Your plan" not in response.text


def test_bad_form_answer_is_shown_kindly_and_keeps_values(client):
    response = assess(client, age="130", red_flags="fever")
    assert response.status_code == 422
    assert "age: must be a whole number from 0 to 120" in response.text
    assert re.search(r'value="fever"[^>]*checked', response.text), "ticked boxes stay ticked"


def test_session_page_carries_the_script(client):
    assess(client, pain_started_days_ago="200")
    page = client.get("/session").text
    assert 'id="session-data"' in page and '"kind": "work"' in page
    assert "Pain is getting worse" in page


def test_diary_page_chart_and_change(client):
    token = csrf_of(client, "/diary")
    for pain in (7, 6):
        client.post("/diary", data={"pain": str(pain), "csrf_token": token})
    page = client.get("/diary").text
    assert "<svg class=\"chart\"" in page and "2 pain entries" in page


def test_diary_form_errors_are_422_with_message(client):
    token = csrf_of(client, "/diary")
    response = client.post("/diary", data={"pain": "", "csrf_token": token})
    assert response.status_code == 422 and "pain: is required" in response.text
    response = client.post("/diary", data={"pain": "3", "peg_pain": "4", "csrf_token": token})
    assert response.status_code == 422 and "peg_enjoyment" in response.text


def test_csv_export_has_documented_columns(client):
    client.post("/api/v1/diary", json={"pain": 5, "note": "a, b"})
    text = client.get("/diary/export.csv").text
    assert text.splitlines()[0].startswith("record,id,time,pain,peg_pain")
    assert '"a, b"' in text


@pytest.mark.parametrize("path", ["/points", "/points/SI3", "/points/ki3", "/sources", "/about"])
def test_reference_pages(client, path):
    assert client.get(path).status_code == 200


def test_unknown_point_page_is_404(client):
    assert client.get("/points/XX1").status_code == 404


PAGES = ["/", "/assess", "/plan", "/session", "/diary", "/points", "/points/SI3", "/sources", "/about", "/locate"]


@pytest.mark.parametrize("path", PAGES)
def test_first_load_under_150_kb(client, path):
    assess(client)
    page = client.get(path)
    total = len(page.content)
    assets = set(re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text))
    for module in [a for a in assets if a.endswith(".mjs")]:  # static imports of modules load at once too
        assets |= set(re.findall(r'^import .* from "(/static/[^"]+)"', client.get(module).text, flags=re.M))
    for asset in assets:
        response = client.get(urljoin("http://testserver", asset))
        assert response.status_code == 200, asset
        total += len(response.content)
    assert total < 150_000, f"{path} weighs {total} bytes"
    # Citations may print a source's address as text; nothing may be loaded from another host.
    assert not re.search(r'<(?:script|img|iframe|link)[^>]*(?:src|href)="https?://', page.text), "no third-party requests"


def test_export_everything_then_forget(client):
    assess(client)
    client.post("/api/v1/diary", json={"pain": 5, "note": "mine"})
    exported = client.get("/api/v1/export").json()
    assert exported["format"] == "acupress-export/1"
    assert len(exported["assessments"]) == 1 and exported["diary"][0]["note"] == "mine"
    assert exported["assessments"][0]["created_at"].endswith("+00:00")
    token = csrf_of(client, "/diary")
    unconfirmed = client.post("/forget", data={"csrf_token": token}, follow_redirects=False)
    assert unconfirmed.headers["location"] == "/diary#forget"
    assert len(client.get("/api/v1/diary").json()) == 1, "nothing deleted without the tick"
    client.post("/forget", data={"csrf_token": token, "confirm": "yes"})
    after = client.get("/api/v1/export").json()
    assert after["assessments"] == [] and after["diary"] == [] and after["sessions"] == []


def test_delete_my_data_api_needs_token(client):
    client.post("/api/v1/diary", json={"pain": 5})
    assert client.delete("/api/v1/me/data").status_code == 403
    assert client.delete("/api/v1/me/data", headers={"x-csrf-token": csrf_of(client, "/diary")}).status_code == 204
    assert client.get("/api/v1/diary").json() == []
