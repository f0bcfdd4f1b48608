"""Everything a person keeps works per account: diary, exports, reminders, spots, delete-all."""

from __future__ import annotations

import json

from tests.accounts.helpers import People, csrf


def _log(client, pain: int, note: str) -> None:
    answer = client.post("/api/v1/diary", json={"pain": pain, "note": note, "recorded_at": "2026-11-22T08:00:00+00:00"},
                         headers={"x-csrf-token": csrf(client, "/diary")})
    assert answer.status_code == 201, answer.text


def test_each_account_exports_and_deletes_only_its_own(people: People):
    a, b = people["patient_a"], people["patient_b"]
    _log(a, 7, "alpha's morning")
    _log(b, 2, "beta's evening")
    headers = {"x-csrf-token": csrf(a, "/diary")}
    assert a.put("/api/v1/marks/SI3/left", json={"along": 0.5, "outward": 0.2}, headers=headers).status_code in (200, 201)

    exported = a.get("/api/v1/export").json()
    assert [e["note"] for e in exported["diary"]] == ["alpha's morning"]
    assert len(exported["point_marks"]) == 1
    assert [p["name"] for p in exported["practitioners"]] == ["Dr Linked"]
    assert "beta" not in json.dumps(exported) and "password" not in json.dumps(exported)
    assert "beta's evening" not in a.get("/diary/export.csv").text
    assert "alpha" not in json.dumps(b.get("/api/v1/export").json())
    assert b.get("/api/v1/marks").json() == {"marks": []}
    assert len(a.get("/api/v1/marks").json()["marks"]) == 1

    deleted = a.delete("/api/v1/me/data", headers={"x-csrf-token": csrf(a, "/diary")})
    assert deleted.status_code in (200, 204)
    assert a.get("/api/v1/diary").json() == []
    assert [e["note"] for e in b.get("/api/v1/diary").json()] == ["beta's evening"]


def test_one_account_cannot_change_anothers_entry(people: People):
    a, b = people["patient_a"], people["patient_b"]
    _log(a, 7, "alpha's morning")
    entry_id = a.get("/api/v1/diary").json()[0]["id"]
    token = csrf(b, "/diary")
    assert b.get(f"/api/v1/diary/{entry_id}").status_code == 404
    assert b.patch(f"/api/v1/diary/{entry_id}", json={"pain": 0}, headers={"x-csrf-token": token}).status_code == 404
    assert b.delete(f"/api/v1/diary/{entry_id}", headers={"x-csrf-token": token}).status_code == 404
    assert a.get(f"/api/v1/diary/{entry_id}").json()["pain"] == 7


def test_a_write_needs_the_token_of_this_login(people: People):
    a, b = people["patient_a"], people["patient_b"]
    others_token = csrf(b, "/diary")
    refused = a.post("/api/v1/diary", json={"pain": 3}, headers={"x-csrf-token": others_token})
    assert refused.status_code == 403
    assert a.post("/api/v1/diary", json={"pain": 3}).status_code == 403  # JSON alone is not enough with accounts
    assert a.get("/api/v1/diary").json() == []
