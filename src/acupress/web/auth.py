"""Who is signed in, and who may open which route (accounts mode).

Every route needs a signed-in account unless it is listed in PUBLIC_PATHS;
routes under /practitioner and /admin need that role as well. The rule is
applied here, in one place, from the route table, before any route runs: a
new route is protected by default (tests/web/test_authorization.py walks the
same table). Whose data a route shows is then decided by the route: its own
account's, or, for practitioners, a linked patient's (services.care).

The login token lives in an HttpOnly cookie (SameSite=Lax; `Secure` and the
`__Host-` prefix behind HTTPS); the database keeps only its hash.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from acupress.config import Settings
from acupress.services.accounts import lifetimes_of
from acupress.services.logins import Account, resolve
from acupress.web.security import LOGIN_VALUE, send_json_error

Access = Literal["public", "account", "practitioner", "admin"]
ACCOUNT_SCOPE = "acupress.account"  # where the signed-in Account is kept in the ASGI scope
PUBLIC_PATHS = frozenset({
    # Signing in and what anyone may read: the knowledge base, the app's shell, the API description.
    "/login", "/signup", "/reset", "/about", "/sources", "/points", "/points/{point_id}", "/offline",
    "/sw.js", "/manifest.webmanifest", "/static/{path}", "/openapi.json", "/api/docs",
    "/api/v1/health", "/api/v1/plan", "/api/v1/points", "/api/v1/points/{point_id}",
})
ROLE_AREAS: dict[str, Access] = {"/practitioner": "practitioner", "/admin": "admin"}
AREA_WORDS = {"practitioner": "practitioners", "admin": "the people who run this service"}


def access_of(path_template: str) -> Access:
    """Who may open a route, from its path template ("/practitioner/patients/{patient_id}")."""
    if path_template in PUBLIC_PATHS:
        return "public"
    for prefix, role in ROLE_AREAS.items():
        if path_template == prefix or path_template.startswith(prefix + "/"):
            return role
    return "account"


def login_cookie_name(settings: Settings) -> str:
    return "__Host-acupress_login" if settings.secure_cookies else "acupress_login"


def login_cookie(settings: Settings, token: str) -> str:
    """The Set-Cookie value for a new login: the browser keeps it as long as the login may last."""
    secure = "; Secure" if settings.secure_cookies else ""
    return (f"{login_cookie_name(settings)}={token}; Path=/; HttpOnly; SameSite=Lax; "
            f"Max-Age={settings.session_max_hours * 3600}{secure}")


def expired_login_cookie(settings: Settings) -> str:
    secure = "; Secure" if settings.secure_cookies else ""
    return f"{login_cookie_name(settings)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"


def signed_in(request: Request) -> Account | None:
    account: Account | None = request.scope.get(ACCOUNT_SCOPE)
    return account


def client_address(request: Request) -> str | None:
    """The client's address (uvicorn puts the proxy's X-Forwarded-For here when the proxy is trusted)."""
    return request.client.host if request.client else None


def safe_next(path: str | None) -> str:
    """Where to go after signing in: a path on this site only (never //evil.example or a full URL)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path or any(ord(c) < 32 for c in path):
        return "/"
    return path


class AccountMiddleware:
    """Accounts mode: finds the signed-in account, then lets the request through only if its route allows."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings
        self.cookie = login_cookie_name(settings)
        self.lifetimes = lifetimes_of(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        template = _route_template(scope)
        request = Request(scope)
        token = request.cookies.get(self.cookie, "")
        account = None
        if template == "/static/{path}":  # files for everyone: the login is neither checked nor touched
            token = ""
        if token:
            engine = scope["app"].state.engine
            account = await run_in_threadpool(resolve, engine, token, datetime.now(UTC), self.lifetimes)
        scope[ACCOUNT_SCOPE] = account
        if account is None:
            scope[LOGIN_VALUE] = ""  # a dead login cookie is removed below: this page's forms must not count on it
        access = access_of(template) if template is not None else "public"  # no route: the router says 404
        if access == "public" or (account is not None and access in ("account", account.role)):
            await self.app(scope, receive, self._forget_dead_cookie(send, token, account))
            return
        await self._refuse(scope, send, request, account, access)

    def _forget_dead_cookie(self, send: Send, token: str, account: Account | None) -> Send:
        """A login cookie that no longer signs anyone in is removed from the browser."""
        if not token or account is not None:
            return send

        async def sending(message: dict) -> None:  # type: ignore[type-arg]
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"set-cookie", expired_login_cookie(self.settings).encode()))
            await send(message)

        return sending  # type: ignore[return-value]

    async def _refuse(self, scope: Scope, send: Send, request: Request, account: Account | None, access: Access) -> None:
        api = scope["path"].startswith("/api/")
        if account is None:
            if not api and request.method in ("GET", "HEAD"):
                target = quote(safe_next(scope["path"] + (f"?{request.url.query}" if request.url.query else "")), safe="")
                await _redirect(send, f"/login?next={target}")
                return
            await send_json_error(send, 401, "NotSignedIn", "login", "please log in first (your login may have ended)")
            return
        message = f"this part is for {AREA_WORDS[access]} only"
        if api:
            await send_json_error(send, 403, "Forbidden", "role", message)
            return
        await _page(send, 403, "Not for this account", f"Sorry: {message}. <a href=\"/\">Back to the start</a>")


def route_table(app: Any) -> list[tuple[str, frozenset[str], re.Pattern[str]]]:
    """Every route of the app: (path template, methods, pattern), in the router's order.

    FastAPI keeps included routers as lazy branches; their routes are read through
    `effective_route_contexts` (where that exists) so the table lists every endpoint.
    """
    table: list[tuple[str, frozenset[str], re.Pattern[str]]] = []
    for route in app.router.routes:
        branch = getattr(route, "effective_route_contexts", None)
        for item in branch() if branch else (route,):
            path = getattr(item, "path_format", "") or getattr(item, "path", "")
            pattern = getattr(item, "path_regex", None) or re.compile("^" + re.escape(path) + "$")
            table.append((path, frozenset(getattr(item, "methods", None) or ()), pattern))
    return table


def _route_template(scope: Scope) -> str | None:
    """The path template of the route this request reaches (whatever the method), or None."""
    app = scope["app"]
    if not hasattr(app.state, "route_table"):
        app.state.route_table = route_table(app)
    for path, _methods, pattern in app.state.route_table:
        if pattern.match(scope["path"]):
            return str(path)
    return None


async def _page(send: Send, status: int, title: str, html: str) -> None:
    body = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} · acupress</title>'
            f'<link rel="stylesheet" href="/static/app.css"></head><body><main id="main"><h1>{title}</h1>'
            f"<p>{html}</p></main></body></html>").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send: Send, location: str) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode()), (b"cache-control", b"no-store"), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
