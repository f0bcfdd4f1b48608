"""Security: trusted hosts, cross-site writes, CSRF, body limits, headers, private caching."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from acupress.config import Settings
from acupress.web.app import create_app
from tests.web.conftest import csrf_of

LOCAL = "http://127.0.0.1:8000"


@pytest.fixture
def local(tmp_path):
    """A client that talks to the app as a browser on this machine does: Host 127.0.0.1:8000."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'sec.db'}", secret_key="k", allowed_hosts=("diary.example.org",))
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        yield client


def test_security_headers_and_strict_csp(client):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp.replace("'self'", "")
    assert response.headers["x-frame-options"] == "DENY"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_secure_cookie_flag(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 's.db'}", secret_key="k", secure_cookies=True)
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        assert "Secure" in client.get("/").headers["set-cookie"]


# DNS rebinding: evil.example resolves to 127.0.0.1, so the browser sends Host: evil.example:PORT.
@pytest.mark.parametrize(("method", "path"), [("GET", "/diary"), ("GET", "/api/v1/export"), ("GET", "/api/v1/diary"),
                                              ("DELETE", "/api/v1/me/data"), ("POST", "/api/v1/diary")])
def test_unknown_host_is_refused(local, method, path):
    local.post("/api/v1/diary", json={"pain": 4, "note": "private"})
    evil = {"host": "evil.example:8000", "origin": "http://evil.example:8000"}
    response = local.request(method, path, headers=evil, json={"pain": 9} if method == "POST" else None)
    assert response.status_code == 400
    assert response.json()["field"] == "host" and "private" not in response.text
    assert [e["note"] for e in local.get("/api/v1/diary").json()] == ["private"]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "127.0.0.1", "localhost:5555", "LOCALHOST", "[::1]:8000",
                                  "diary.example.org", "diary.example.org:443"])
def test_loopback_and_configured_hosts_are_served(local, host):
    assert local.get("/api/v1/health", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "", "[::2]:8000",
                                  "diary.example.org.evil.example", "x" * 5000])
def test_other_hosts_are_refused_without_echoing_them(local, host):
    response = local.get("/api/v1/health", headers={"host": host})
    assert response.status_code == 400 and len(response.text) < 500


@pytest.mark.parametrize("origin", ["https://evil.example", "https://127.0.0.1:8000", "http://127.0.0.1:9999",
                                    "http://localhost:8000", "http://127.0.0.1", "not a url", "null"])
def test_write_from_another_origin_is_refused(local, origin):
    response = local.post("/api/v1/diary", json={"pain": 3}, headers={"origin": origin})
    assert response.status_code == 403 and response.json()["field"] == "csrf"
    assert local.get("/api/v1/diary").json() == []


def test_write_from_the_same_origin_is_accepted(local):
    assert local.post("/api/v1/diary", json={"pain": 3}, headers={"origin": LOCAL}).status_code == 201


def test_browser_cross_site_fetch_is_refused(local):
    response = local.post("/api/v1/diary", json={"pain": 3}, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


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


def test_delete_needs_token_header(client):
    entry = client.post("/api/v1/diary", json={"pain": 3}).json()
    assert client.delete(f"/api/v1/diary/{entry['id']}", headers={"x-csrf-token": "bad"}).status_code == 403
    token = csrf_of(client, "/diary")
    assert client.delete(f"/api/v1/diary/{entry['id']}", headers={"x-csrf-token": token}).status_code == 204


# Body limits: refused before the body is read.
def test_declared_oversized_json_is_refused_with_413(local):
    response = local.post("/api/v1/diary", content=b"{}", headers={"content-type": "application/json",
                                                                     "content-length": str(200 * 1024 * 1024)})
    assert response.status_code == 413 and response.json()["field"] == "body"


def test_streamed_oversized_bodies_are_refused_with_413(local):
    def chunks():  # no Content-Length: sent chunked
        yield b'{"pain": 3, "note": "'
        for _ in range(400):
            yield b"x" * 1024
        yield b'"}'

    response = local.post("/api/v1/diary", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["field"] == "body"
    assert local.get("/api/v1/diary").json() == []


def test_oversized_form_is_refused_with_413_not_read_for_its_token(local):
    local.get("/")
    response = local.post("/diary", data={"pain": "3", "note": "x" * (300 * 1024)})
    assert response.status_code == 413 and response.json()["field"] == "body"


def test_oversized_upload_names_the_photo(local):
    response = local.post("/api/v1/locate", content=b"--x--",
                          headers={"content-type": "multipart/form-data; boundary=x", "content-length": str(30 * 1024 * 1024)})
    assert response.status_code == 413 and response.json()["field"] == "photo"


def test_upload_limit_fits_the_largest_photo_allowed():
    from acupress.web.limits import MAX_UPLOAD

    image = pytest.importorskip("acupress.vision.image")
    assert image.MAX_BYTES < MAX_UPLOAD


@pytest.mark.parametrize("path", ["/", "/diary", "/api/v1/diary", "/api/v1/export", "/api/v1/export.fhir.json",
                                  "/diary/export.csv", "/api/v1/summary"])
def test_personal_data_is_never_cached(local, path):
    assert local.get(path).headers["cache-control"] == "no-store"


def test_static_files_may_be_cached(local):
    assert "no-store" not in local.get("/static/app.css").headers.get("cache-control", "")
