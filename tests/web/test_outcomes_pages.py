"""The Report page and its PDF, the activity check form, importing a diary file, and what the Today page says is due."""

from __future__ import annotations

import json
import re

from tests.web.conftest import csrf_of


def confirmation(page):
    return re.findall(r'class="confirm"[^>]*>([^<]*)', page.text)


def errors(page):
    return [e for e in re.findall(r'class="field-error"[^>]*>([^<]*)', page.text) if e.strip()]


def test_the_report_page_and_its_pdf(client):
    page = client.get("/report?from=2026-10-01&to=2026-10-30")
    assert page.status_code == 200
    assert "Back pain progress report" in page.text and 'href="/report" aria-current="page"' in page.text
    assert "does not show that the points caused it" in page.text
    assert '<svg class="chart"' in page.text and '<svg class="calendar"' in page.text
    pdf = client.get("/report.pdf?from=2026-10-01&to=2026-10-30")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and "2026-10-01-to-2026-10-30" in pdf.headers["content-disposition"]


def test_a_bad_period_is_explained(client):
    page = client.get("/report?from=2026-13-01")
    assert page.status_code == 422 and "2026-11-25" in page.text
    refused = client.get("/report.pdf?from=2026-11-10&to=2026-11-01")
    assert refused.status_code == 422 and refused.json()["field"] == "from"


def test_the_activity_check_is_saved_and_its_activities_come_back(client):
    token = csrf_of(client, "/diary")
    saved = client.post("/diary/activities", data={"csrf_token": token, "activity_0": "Putting on socks", "ability_0": "3",
                                                   "activity_2": "Stairs", "ability_2": "5"})
    assert saved.status_code == 200 and confirmation(saved) == ["Saved your activity check: average 4 out of 10."]
    assert 'value="Putting on socks"' in saved.text and 'value="Stairs"' in saved.text, "the next check asks the same"


def test_a_bad_activity_check_names_its_row_in_words(client):
    token = csrf_of(client, "/diary")
    refused = client.post("/diary/activities", data={"csrf_token": token, "activity_0": "Socks", "ability_0": "3",
                                                     "activity_2": "Stairs", "ability_2": "11"})
    assert refused.status_code == 422
    assert errors(refused) == ["How well you can do activity 3 must be a whole number from 0 to 10 (got &#39;11&#39;)."]
    nothing = client.post("/diary/activities", data={"csrf_token": token})
    assert nothing.status_code == 422 and "1 to 5 activities" in errors(nothing)[0]


def test_a_diary_file_is_imported_from_the_diary_page(client):
    token = csrf_of(client, "/diary")
    client.post("/api/v1/diary", json={"pain": 6, "note": "before the move", "client_id": "laptop-0000001"})
    exported = client.get("/api/v1/export").json()
    assert client.delete("/api/v1/me/data", headers={"x-csrf-token": token}).status_code == 204
    upload = {"file": ("acupress-export.json", json.dumps(exported).encode(), "application/json")}
    done = client.post(f"/diary/import?csrf_token={token}", files=upload)
    assert done.status_code == 200 and confirmation(done) == ["Imported 1 record."]
    again = client.post(f"/diary/import?csrf_token={token}", files=upload)
    assert confirmation(again) == ["Imported 0 records; 1 record was already here."]
    assert len(client.get("/api/v1/diary").json()) == 1


def test_a_bad_file_is_refused_beside_the_upload_and_nothing_changes(client):
    token = csrf_of(client, "/diary")
    newer = {"file": ("new.json", b'{"format": "acupress-export/9"}', "application/json")}
    refused = client.post(f"/diary/import?csrf_token={token}", files=newer)
    assert refused.status_code == 422 and "newer acupress" in errors(refused)[0]
    assert client.post("/diary/import", files=newer).status_code == 403, "an upload needs the page's token"
    assert client.get("/api/v1/diary").json() == []


def test_the_today_page_lists_what_is_due(client):
    client.post("/api/v1/diary", json={"pain": 5})
    page = client.get("/")
    assert "Due today" in page.text
    assert "Your first weekly check (PEG) is due" in page.text and 'href="/diary#peg-title"' in page.text
    assert "Your first activity check is due" in page.text
    assert "pain score is due" not in page.text


def test_the_activity_check_in_the_api(client):
    body = {"ratings": {"Stairs": 4, "Socks": 7}, "recorded_at": "2026-11-20T08:00:00+01:00", "client_id": "phone-check-0001"}
    saved = client.post("/api/v1/function-checks", json=body)
    assert saved.status_code == 201 and saved.json()["score"] == 5.5
    assert saved.json()["ratings"] == [{"activity": "Stairs", "ability": 4}, {"activity": "Socks", "ability": 7}]
    assert client.post("/api/v1/function-checks", json=body).json()["id"] == saved.json()["id"], "sent twice, saved once"
    for bad in ({"ratings": {}}, {"ratings": {"Stairs": 11}}, {"ratings": {" Stairs": 4}}, {"ratings": {"a\nb": 4}},
                {"ratings": {str(n): 1 for n in range(6)}}, {"ratings": {"Stairs": True}}):
        refused = client.post("/api/v1/function-checks", json=bad)
        assert refused.status_code == 422 and refused.json()["field"].startswith("ratings"), bad
    assert [c["score"] for c in client.get("/api/v1/function-checks").json()] == [5.5]


def test_a_big_export_imports_from_the_page(client):
    """A year of use (sessions carry their plan) makes an export of megabytes, far above the usual body limit."""
    token = csrf_of(client, "/diary")
    exported = client.get("/api/v1/export").json()
    diary = [{"recorded_at": f"2025-{1 + day // 28:02d}-{1 + day % 28:02d}T08:00:00+00:00", "pain": day % 11, "note": "n" * 1000}
             for day in range(300)]
    big = json.dumps({**exported, "diary": diary}).encode()
    assert len(big) > 256 * 1024
    done = client.post(f"/diary/import?csrf_token={token}", files={"file": ("year.json", big, "application/json")})
    assert done.status_code == 200 and confirmation(done) == ["Imported 300 records."]


def test_half_a_character_pair_is_refused_and_nothing_is_saved(client):
    refused = client.post("/api/v1/function-checks", content=b'{"ratings": {"Socks \\ud800": 3}}',
                          headers={"content-type": "application/json"})
    assert refused.status_code == 422 and "half of a character pair" in refused.json()["message"]
    note = client.post("/api/v1/diary", content=b'{"pain": 3, "note": "x\\udc00"}', headers={"content-type": "application/json"})
    assert note.status_code == 422
    assert client.get("/api/v1/function-checks").status_code == 200 and client.get("/diary").status_code == 200
    assert client.get("/api/v1/diary").json() == []
