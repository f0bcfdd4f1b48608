"""The authorisation matrix: every route of the app × six visitors × each method → allowed or refused.

Built from the app's route table, so a new route is checked as soon as it
exists: unless this file lists it as public, anonymous visitors must be
sent to log in; /practitioner and /admin need their role; a patient's pages
open only for that patient's linked practitioner. The expectations here are
written independently of `web/auth.py` on purpose: making a route public, or
opening a role's area to another, must be a visible change to this file.

Runs on SQLite and on the real PostgreSQL server.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from acupress.web.auth import route_table
from tests.accounts.helpers import People, csrf, new_invite

PUBLIC = {
    "/login", "/signup", "/reset", "/about", "/sources", "/points", "/points/{point_id}", "/offline", "/sw.js",
    "/manifest.webmanifest", "/static/{path}", "/openapi.json", "/api/docs", "/api/v1/health", "/api/v1/plan",
    "/api/v1/points", "/api/v1/points/{point_id}",
}
ROLE_AREAS = {"/practitioner": "practitioner", "/admin": "admin"}
ROLE_OF = {"anonymous": None, "patient_a": "patient", "patient_b": "patient", "linked_practitioner": "practitioner",
           "other_practitioner": "practitioner", "admin": "admin"}
# Routes whose objects belong to someone: who owns the object the matrix names, and so who may reach it.
OWNED_BY = {"{patient_id}": {"linked_practitioner"}, "{invite_id}": {"linked_practitioner"},
            "{entry_id}": {"patient_a"}}
# Routes only a patient may use (the route itself refuses the others).
PATIENT_ONLY = {("/care/join", "POST")}
# Writes that end the visitor's own login or data: sent last, so the others still find everyone signed in.
LAST = ("/logout", "/admin/accounts/{account_id}/sign-out", "/account/delete", "/api/v1/me/data")


def expected(kind: str, template: str, method: str) -> str:
    """"allow", "login" (anonymous: log in first), "role" (403), or "not_found" (someone else's object)."""
    if template in PUBLIC:
        return "allow"
    role = ROLE_OF[kind]
    if role is None:
        return "login"
    area = next((need for prefix, need in ROLE_AREAS.items() if template == prefix or template.startswith(prefix + "/")), None)
    if area is not None and area != role:
        return "role"
    if (template, method) in PATIENT_ONLY and role != "patient":
        return "role"
    for placeholder, owners in OWNED_BY.items():
        if placeholder in template and kind not in owners:
            return "not_found"
    return "allow"


def outcome(answer, template: str) -> str:
    """What a visitor met, in the matrix's words (a 404 about the visitor's own missing data is "allow")."""
    if template == "/login" and answer.status_code == 401:
        return "allow"  # the form was sent and checked: the (empty) password did not match
    if answer.status_code == 401 or (answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")):
        return "login"
    if answer.status_code == 403:
        return "role"
    if answer.status_code == 404:
        return "not_found" if any(owned in template for owned in OWNED_BY) else "allow"
    return "allow" if answer.status_code < 400 or answer.status_code in (400, 409, 413, 422, 429, 501) else f"status {answer.status_code}"


def _concrete(template: str, people: People, objects: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: objects[match.group(1)], template)


def _objects(people: People) -> dict[str, str]:
    a = people["patient_a"]
    entry = a.post("/api/v1/diary", json={"pain": 6, "recorded_at": "2026-11-20T09:00:00+00:00"},
                   headers={"x-csrf-token": csrf(a, "/diary")})
    assert entry.status_code == 201, entry.text
    new_invite(people["linked_practitioner"])
    invites = re.findall(r"/practitioner/invites/(\d+)/cancel", people["linked_practitioner"].get("/practitioner").text)
    point = people["anonymous"].get("/api/v1/points").json()[0]["id"]
    return {"patient_id": str(people.ids["patient_a"]), "entry_id": str(entry.json()["id"]), "invite_id": invites[-1],
            "account_id": str(people.ids["patient_b"]), "point_id": point, "side": "left", "path": "app.css"}


def _send(client: TestClient, method: str, path: str, token: str):
    headers = {"x-csrf-token": token} if method != "GET" else {}
    body = {"json": {}} if path.startswith("/api/") and method in ("POST", "PUT", "PATCH") else {}
    return client.request(method, path, headers=headers, follow_redirects=False, **body)


def _cells(app) -> list[tuple[str, str]]:
    cells = [(template, method) for template, methods, _ in route_table(app)
             for method in sorted(methods - {"HEAD"} or {"GET"})]
    return sorted(cells, key=lambda cell: (cell[0] in LAST, cell[0], cell[1] == "DELETE", cell[1]))


def test_every_route_for_every_visitor(app, people: People):
    objects = _objects(people)
    cells = _cells(app)
    assert len(cells) > 50, "the route table looks empty"
    tokens = {kind: csrf(client, "/login") for kind, client in people.clients.items()}
    wrong = []
    for kind in People.KINDS:  # the admin comes last: it signs patient B out everywhere
        for template, method in cells:
            answer = _send(people[kind], method, _concrete(template, people, objects), tokens[kind])
            want, got = expected(kind, template, method), outcome(answer, template)
            if want != got:
                wrong.append(f"{kind:<19} {method:<6} {template}: expected {want}, got {got} ({answer.text[:120]!r})")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("kind", ["patient_b", "other_practitioner", "admin", "anonymous"])
def test_nobody_reads_another_patients_data(app, people: People, kind: str):
    """Patient A's diary note, answers and program reach no page or API answer of anyone but A and A's practitioner."""
    marker = "Zanzibar-lantern-7731"
    a = people["patient_a"]
    token = csrf(a, "/diary")
    assert a.post("/api/v1/diary", json={"pain": 4, "note": marker, "recorded_at": "2026-11-21T09:00:00+00:00"},
                  headers={"x-csrf-token": token}).status_code == 201
    objects = _objects(people)
    seen = people["linked_practitioner"].get(f"/practitioner/patients/{people.ids['patient_a']}")
    assert seen.status_code == 200 and "Patient Alpha" in seen.text
    for template, method in _cells(app):
        if method != "GET":
            continue
        answer = people[kind].get(_concrete(template, people, objects), follow_redirects=False)
        assert marker not in answer.text, f"{kind} saw patient A's diary at {template}"
        if kind != "admin":  # admins manage accounts: they see names and emails, never diaries
            assert "Patient Alpha" not in answer.text, f"{kind} saw patient A's name at {template}"
