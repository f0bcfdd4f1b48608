"""Pages drawn from templates, and what every page is given: the request, its form token, the knowledge base,
the emergency call button's number and who is signed in. Route modules import `render` from here, never
from each other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from acupress.web import words
from acupress.web.auth import signed_in
from acupress.web.emergency import EmergencyCall
from acupress.web.security import request_csrf_token

templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
words.install(templates.env)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    secret = request.app.state.settings.secret_key
    context.setdefault("flash", None)
    context["error"] = words.page_error(context.get("error"))
    context.update(request=request, csrf_token=request_csrf_token(request, secret), kb=request.app.state.kb,
                   emergency=EmergencyCall(request), account=signed_in(request),
                   accounts_mode=not request.app.state.settings.local_mode)
    return templates.TemplateResponse(request, name, context, status_code=status_code)
