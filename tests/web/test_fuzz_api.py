"""schemathesis against our own OpenAPI: generated requests never get a 5xx."""

from __future__ import annotations

import tempfile

import schemathesis
from hypothesis import HealthCheck, settings

from acupress.config import Settings
from acupress.web.app import create_app

_folder = tempfile.mkdtemp(prefix="acupress-fuzz-")
app = create_app(Settings(database_url=f"sqlite:///{_folder}/fuzz.db", secret_key="fuzz"))
schema = schemathesis.openapi.from_asgi("/openapi.json", app).exclude(path="/api/v1/locate")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"
    if response.status_code >= 400 and "json" in str(response.headers.get("content-type")):
        body = response.json()
        assert "message" in body or "detail" in body
