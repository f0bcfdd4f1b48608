"""The pages, in-process: what a person sees, and forms that work without JavaScript."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
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
    assert "Please give your age in years, a whole number from 0 to 120. You gave “130”." in response.text
    assert "age:" not in response.text, "people see words, not field ids"
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


def test_diary_form_errors_are_422_in_words_beside_the_field(client):
    token = csrf_of(client, "/diary")
    response = client.post("/diary", data={"pain": "", "csrf_token": token})
    assert response.status_code == 422 and "Your pain score is required" in response.text
    response = client.post("/diary", data={"pain": "3", "peg_pain": "4", "note": "kept", "csrf_token": token})
    assert response.status_code == 422
    error = re.search(r'<input[^>]*id="peg_enjoyment"[^>]*aria-describedby="peg_enjoyment-error"[^>]*>\s*'
                      r'<p class="field-error" id="peg_enjoyment-error" role="alert">([^<]*)</p>', response.text)
    assert error, "the error is right after the field it is about"
    assert error.group(1).startswith("How much pain got in the way of enjoying life is required")
    assert "peg_enjoyment:" not in response.text
    assert re.search(r'id="peg_pain"[^>]*value="4"', response.text) and ">kept</textarea>" in response.text, "typed values stay"


def test_saving_shows_a_confirmation_in_the_status_region(client):
    token = csrf_of(client, "/diary")
    quick = client.post("/diary", data={"pain": "5", "csrf_token": token}, follow_redirects=True)
    status = re.search(r'<div id="status" class="status" role="status" aria-live="polite"[^>]*>(.*?)</div>', quick.text, re.S)
    assert status and re.search(r"Saved: pain 5 at \d\d:\d\d\.", status.group(1))
    weekly = client.post("/diary", data={"pain": "4", "peg_pain": "5", "peg_enjoyment": "6", "peg_activity": "4",
                                         "csrf_token": token}, follow_redirects=True)
    assert "Saved your weekly check at" in weekly.text and "PEG score 5 out of 10, pain now 4" in weekly.text
    assert "Saved:" not in client.get("/diary").text, "the confirmation is shown once, not on every visit"
    assert "Saved" not in client.get("/diary?saved=999").text


def test_form_with_the_same_client_id_twice_saves_once(client):
    token = csrf_of(client, "/diary")
    for _ in range(2):
        client.post("/diary", data={"pain": "5", "client_id": "form-entry-0001", "csrf_token": token})
    assert len(client.get("/api/v1/diary").json()) == 1
    bad = client.post("/diary", data={"pain": "5", "client_id": "x", "csrf_token": token})
    assert bad.status_code == 422


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
    loaded = re.findall(r'<(?:script|img|link|iframe|source|video|audio)\b[^>]*(?:src|href)="([^"]+)"', page.text)
    assert [url for url in loaded if "//" in url] == [], "no third-party requests"


def test_export_everything_then_forget(client):
    assess(client)
    client.post("/api/v1/diary", json={"pain": 5, "note": "mine"})
    exported = client.get("/api/v1/export").json()
    assert exported["format"] == "acupress-export/1"
    assert len(exported["assessments"]) == 1 and exported["diary"][0]["note"] == "mine"
    assert exported["assessments"][0]["created_at"].endswith("+00:00")
    token = csrf_of(client, "/diary")
    unconfirmed = client.post("/forget", data={"csrf_token": token}, follow_redirects=False)
    assert unconfirmed.status_code == 422
    assert re.search(r'id="forget-error" role="alert">Nothing was deleted: tick the box to confirm first.<', unconfirmed.text)
    assert len(client.get("/api/v1/diary").json()) == 1, "nothing deleted without the tick"
    done = client.post("/forget", data={"csrf_token": token, "confirm": "yes"})
    assert "All your answers, diary entries and sessions have been deleted" in done.text
    after = client.get("/api/v1/export").json()
    assert after["assessments"] == [] and after["diary"] == [] and after["sessions"] == []


def test_delete_my_data_api_needs_token(client):
    client.post("/api/v1/diary", json={"pain": 5})
    assert client.delete("/api/v1/me/data").status_code == 403
    assert client.delete("/api/v1/me/data", headers={"x-csrf-token": csrf_of(client, "/diary")}).status_code == 204
    assert client.get("/api/v1/diary").json() == []


def test_counts_read_as_words_with_plurals(client):
    assess(client)
    client.post("/api/v1/diary", json={"pain": 5})
    client.post("/api/v1/sessions", json={"started_at": "2030-01-01T10:00:00+00:00", "ended_at": "2030-01-01T10:07:00+00:00",
                                          "completed": True, "pain_before": 6, "pain_after": 5})
    diary = client.get("/diary").text
    assert "1 pain entry on 1 day" in diary and "1 session" in diary
    assert "Across 1 session, your pain was 1 point lower" in diary
    for wrong in ("1 points", "1 sessions", "1 days", "1 entries"):
        assert wrong not in diary and wrong not in client.get("/").text


def test_diary_gives_a_first_summary_before_a_week_has_passed(client):
    for pain in (7, 5, 6):
        client.post("/api/v1/diary", json={"pain": pain})
    assert "So far: 3 pain scores over 1 day, on average 6 out of 10 (lowest 5, highest 7)." in client.get("/diary").text


def test_chart_text_keeps_the_page_size_and_groups_a_day(client):
    today = datetime.now(UTC).replace(hour=0, minute=30)
    yesterday = today - timedelta(days=1)
    for pain in (7, 5):
        client.post("/api/v1/diary", json={"pain": pain, "recorded_at": yesterday.isoformat()})
    client.post("/api/v1/diary", json={"pain": 4, "recorded_at": today.isoformat()})
    assess(client)
    client.post("/api/v1/sessions", json={"started_at": today.isoformat(), "ended_at": (today + timedelta(minutes=7)).isoformat(),
                                          "completed": False, "stop_reason": "spasm", "pain_before": 6, "pain_after": 7})
    svg = re.search(r'<svg class="chart".*?</svg>', client.get("/diary").text, re.S).group(0)
    assert "viewBox" not in svg, "a scaled viewBox shrinks the labels on a phone"
    assert svg.count('class="pain-dot"') == 3 and svg.count('class="day-range"') <= 1
    assert svg.count('class="pain-line"') <= 1, "one line point per day, not per entry"
    assert 'class="session stopped"' in svg and "pain 6 before, 7 after" in svg


def test_sources_show_author_and_year_and_link_urls_and_dois(client, kb):
    page = client.get("/sources").text
    assert "<strong>Qaseem et al., 2017.</strong>" in page and "[acp2017]" not in page
    assert '<a href="https://doi.org/10.7326/M16-2367">' in page
    assert '<a href="https://loinc.org/72514-3">https://loinc.org/72514-3</a>' in page
    about = client.get("/about").text
    assert '<a href="/sources#murphy2019">Murphy et al., 2019</a>' in about
    assert ">murphy2019<" not in about and ">nice-ng59<" not in about


def test_safety_page_headings_read_above_questions(client):
    about = client.get("/about").text
    assert "Get help now if you answer yes to any of these" in about
    assert 'href="tel:' in about


@pytest.mark.parametrize(("language", "number"), [("en-GB,en;q=0.9", "999"), ("en-US,en;q=0.9", "911"),
                                                  ("de-DE,de;q=0.9", "112"), ("en-AU", "000"), ("fr", "112"), ("", "112")])
def test_emergency_button_suggests_a_number_by_language(client, language, number):
    response = assess(client, red_flags="saddle_numbness")
    page = client.get("/plan", headers={"accept-language": language}).text
    assert f'<a class="button call" href="tel:{number}">Call {number}' in page
    assert 'href="tel:' in response.text


def test_emergency_number_is_chosen_once_in_settings(client):
    token = csrf_of(client, "/settings")
    bad = client.post("/settings", data={"csrf_token": token, "emergency_number": "call me"})
    assert bad.status_code == 422
    assert re.search(r'aria-invalid="true"[^>]*>\s*<p class="field-error" id="emergency_number-error" role="alert">'
                     r"The emergency number must be 2 to 6 digits", bad.text)
    saved = client.post("/settings", data={"csrf_token": token, "emergency_number": " 1 1 2 "})
    assert "Saved: the call button now dials 112." in saved.text
    assess(client, red_flags="fever")
    assert 'href="tel:112"' in client.get("/plan", headers={"accept-language": "en-US"}).text
    client.post("/settings", data={"csrf_token": token, "emergency_number": ""})
    assert 'href="tel:911"' in client.get("/plan", headers={"accept-language": "en-US"}).text, "empty: back to the suggestion"


def test_session_page_takes_stop_reasons_and_advice_from_knowledge(client, kb):
    assess(client, pain_started_days_ago="200")
    page = client.get("/session").text
    for reason in kb.stop_reasons.values():
        assert f'data-stop="{reason.id}"' in page and f'data-reason="{reason.id}"' in page
        for line in reason.do_now:
            assert line in page
    assert 'id="btn-worse"' in page and "Pain is getting worse: stop" in page and 'id="btn-spasm"' in page
    assert "Murphy et al., 2019" in page and 'href="tel:' in page


def test_installable_manifest_and_service_worker(client):
    page = client.get("/").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    manifest = client.get("/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    data = manifest.json()
    assert data["start_url"] == "/" and data["display"] == "standalone"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200
    worker = client.get("/sw.js")
    assert worker.status_code == 200 and "javascript" in worker.headers["content-type"]
    assert worker.headers["cache-control"] == "no-cache"
    for path in re.findall(r'"(/static/[^"]+\.[a-z]+)"', worker.text):
        assert client.get(path).status_code == 200, path
    assert "You are offline" in client.get("/offline").text
