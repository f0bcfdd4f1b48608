"""Security: headers on every response, CSRF on writes, cross-site requests refused."""

from __future__ import annotations

from tests.web.conftest import csrf_of


def test_security_headers_and_strict_csp(client):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp.replace("'self'", "")
    assert response.headers["x-frame-options"] == "DENY"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_secure_cookie_flag(tmp_path):
    from fastapi.testclient import TestClient

    from acupress.config import Settings
    from acupress.web.app import create_app

    settings = Settings(database_url=f"sqlite:///{tmp_path / 's.db'}", secret_key="k", secure_cookies=True)
    with TestClient(create_app(settings)) as client:
        assert "Secure" in client.get("/").headers["set-cookie"]


def test_form_post_without_token_is_refused(client):
    client.get("/")
    response = client.post("/diary", data={"pain": "3"})
    assert response.status_code == 403 and response.json()["field"] == "csrf"
    assert client.get("/api/v1/diary").json() == []


def test_form_post_with_wrong_token_is_refused(client):
    client.get("/")
    response = client.post("/diary", data={"pain": "3", "csrf_token": "0" * 64})
    assert response.status_code == 403


def test_form_post_with_token_works(client):
    token = csrf_of(client, "/diary")
    response = client.post("/diary", data={"pain": "3", "csrf_token": token, "tz_offset": "60"}, follow_redirects=False)
    assert response.status_code == 303
    entries = client.get("/api/v1/diary").json()
    assert entries[0]["pain"] == 3 and entries[0]["recorded_at"].endswith("+01:00")


def test_cross_site_origin_is_refused(client):
    response = client.post("/api/v1/diary", json={"pain": 3}, headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    assert client.get("/api/v1/diary").json() == []


def test_delete_needs_token_header(client):
    entry = client.post("/api/v1/diary", json={"pain": 3}).json()
    assert client.delete(f"/api/v1/diary/{entry['id']}", headers={"x-csrf-token": "bad"}).status_code == 403
    token = csrf_of(client, "/diary")
    assert client.delete(f"/api/v1/diary/{entry['id']}", headers={"x-csrf-token": token}).status_code == 204
