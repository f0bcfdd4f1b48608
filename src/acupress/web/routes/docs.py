"""/api/docs: Swagger UI from vendored npm files (swagger-ui-dist), under the app's strict CSP.

FastAPI's own docs page loads Swagger UI from a CDN with an inline script;
the CSP (rightly) blocks both. This page has no inline script: the set-up
lives in static/api-docs.js.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)
ASSETS = ("vendor/swagger-ui/swagger-ui-bundle.js", "vendor/swagger-ui/swagger-ui.css")
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>acupress API</title>
<link rel="icon" href="/static/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""
MISSING = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>acupress API</title></head>
<body><h1>acupress API</h1>
<p>The API browser needs its front-end files, which are not installed here:
run <code>./run serve</code> once with npm available (it copies Swagger UI from npm).</p>
<p>The API description itself is at <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>
"""


@router.get("/api/docs")
def api_docs(request: Request) -> HTMLResponse:
    static = request.app.state.static_dir
    if not all((static / asset).exists() for asset in ASSETS):
        return HTMLResponse(MISSING, status_code=503)
    return HTMLResponse(PAGE)
