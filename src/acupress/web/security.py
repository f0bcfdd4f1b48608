"""Who may talk to this server: trusted hosts, a strict CSP, CSRF protection.

Hosts: the server answers only to the host names it is known by: 127.0.0.1,
localhost and [::1] on any port, plus `Settings.allowed_hosts`
(ACUPRESS_ALLOWED_HOSTS). Without this, a web site could point its own name
at 127.0.0.1 (DNS rebinding) and read or delete the diary as "same origin".

Writes: an Origin header, when sent, must match the scheme, host and port
this server serves; a browser's `Sec-Fetch-Site: cross-site` is refused.
CSRF: a random value lives in an HttpOnly, SameSite=Strict cookie; forms and
scripts send back its HMAC (hidden field `csrf_token` or header
`X-CSRF-Token`). In local mode, API calls with a JSON body are accepted
without it: browsers cannot send JSON across sites without a CORS preflight,
which this app never grants. In accounts mode every write needs the token,
and the token is tied to the login as well (the HMAC covers the login
cookie): a token seen before a login, or by another account, is worthless.
Behind HTTPS both cookies carry `Secure` and the `__Host-` prefix (no
subdomain can set them).

Every answer but static files carries `Cache-Control: no-store`: pages and
API answers hold personal health data.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "acupress_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}  # other methods change nothing: the router answers 405
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORTS = {"http": 80, "https": 443}
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(self), microphone=(), geolocation=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


LOGIN_VALUE = "acupress.login_cookie"  # the login cookie this request carries ("" when none or dead)


def csrf_token_for(secret: str, cookie_value: str, login_value: str = "") -> str:
    message = f"{cookie_value}|{login_value}" if login_value else cookie_value
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def csrf_cookie_name(secure: bool) -> str:
    return "__Host-acupress_csrf" if secure else CSRF_COOKIE


def request_csrf_token(request: Request, secret: str) -> str:
    """The token to put in this page's forms (the cookie is set by the middleware)."""
    cookie = request.scope.get("acupress.csrf_cookie") or ""
    return csrf_token_for(secret, cookie, request.scope.get(LOGIN_VALUE, ""))


def split_host(value: str) -> tuple[str, int | None]:
    """'Example.org:8000' -> ('example.org', 8000); '[::1]' -> ('::1', None); nonsense -> ('', None)."""
    try:
        parts = urlsplit(f"//{value.strip()}")
        return (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        return "", None


def trusted_hosts(configured: Iterable[str]) -> frozenset[str]:
    return frozenset((*LOOPBACK_HOSTS, *(split_host(name)[0] for name in configured)))


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


class SecurityMiddleware:
    """Refuses unknown hosts and cross-site writes; adds headers to every response."""

    def __init__(self, app: ASGIApp, secret: str, secure_cookies: bool, allowed_hosts: Iterable[str] = (),
                 login_cookie: str | None = None) -> None:
        self.app, self.secret, self.secure = app, secret, secure_cookies
        self.hosts = trusted_hosts(allowed_hosts)
        self.csrf_cookie = csrf_cookie_name(secure_cookies)
        self.login_cookie = login_cookie  # accounts mode: the login cookie's name; every write needs the token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        host_header = request.headers.get("host", "")
        if split_host(host_header)[0] not in self.hosts:
            message = (f"host: this server does not answer to {_shown(host_header)}; open it at http://127.0.0.1 "
                       "(or add the name to ACUPRESS_ALLOWED_HOSTS)")
            await send_json_error(send, 400, "Forbidden", "host", message)
            return
        cookie = request.cookies.get(self.csrf_cookie)
        new_cookie = None if cookie else secrets.token_urlsafe(24)
        scope["acupress.csrf_cookie"] = cookie or new_cookie
        login = request.cookies.get(self.login_cookie, "") if self.login_cookie else ""
        scope[LOGIN_VALUE] = login
        if request.method in WRITE_METHODS and _routed(scope):
            refusal, receive = await self._check_write(request, receive, cookie or "", login)
            if refusal:
                await send_json_error(send, 403, "Forbidden", "csrf", refusal)
                return
        private = not scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if private:  # a route that chose its own caching (the service worker) keeps it
                    headers.setdefault("cache-control", "no-store")
                if new_cookie:
                    secure = "; Secure" if self.secure else ""
                    headers.append("set-cookie", f"{self.csrf_cookie}={new_cookie}; Path=/; HttpOnly; SameSite=Strict{secure}")
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _check_write(self, request: Request, receive: Receive, cookie: str, login: str) -> tuple[str | None, Receive]:
        if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
            return "cross-site request refused", receive
        origin = request.headers.get("origin")
        # "null" carries no information (privacy settings, sandboxes): the token check decides.
        if origin and origin != "null" and not _same_origin(origin, request):
            return "cross-site request refused (Origin does not match this server)", receive
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        supplied = request.headers.get(CSRF_HEADER)
        if supplied is None and content_type == "multipart/form-data":
            supplied = request.query_params.get(CSRF_FIELD)  # uploads carry it in the URL
        if supplied is None and content_type == "application/x-www-form-urlencoded":
            body = await _read_body(receive)  # bounded by BodyLimitMiddleware
            supplied = parse_qs(body.decode("latin-1")).get(CSRF_FIELD, [None])[0]
            receive = _replay(body)
        if supplied is not None:
            expected = csrf_token_for(self.secret, cookie, login)
            valid = bool(cookie) and hmac.compare_digest(supplied.encode(), expected.encode())
            return (None if valid else "the form has expired; reload the page and try again"), receive
        if content_type == "application/json" and origin != "null" and self.login_cookie is None:
            # A browser sends JSON across sites only after a preflight, which this app never answers; an opaque
            # "null" origin (sandboxed frame, file page) gets no such benefit of the doubt. With accounts, every
            # write carries the token of its login.
            return None, receive
        return "missing CSRF token: send the page's csrf_token, or a JSON body", receive


def _routed(scope: Scope) -> bool:
    """Some route takes this method on this path (otherwise the router answers 404 or 405, and nothing is written)."""
    app = scope.get("app")
    routes = getattr(getattr(app, "router", None), "routes", None)
    if routes is None:
        return True
    return any(route.matches(scope)[0] is Match.FULL for route in routes)


def _same_origin(origin: str, request: Request) -> bool:
    """Origin's scheme, host and port are the ones this request was served on."""
    try:
        parts = urlsplit(origin)
        origin_port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return False
    scheme = request.url.scheme
    host, port = split_host(request.headers.get("host", ""))
    return (parts.scheme, (parts.hostname or "").rstrip("."), origin_port) == (scheme, host, port or DEFAULT_PORTS.get(scheme))


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def send_json_error(send: Send, status: int, error: str, field: str | None, message: str,
                          headers: dict[str, str] | None = None) -> None:
    """An answer in the app's one error shape, sent before the app runs."""
    body = json.dumps({"error": error, "field": field, "message": message}).encode()
    listed = {**HEADERS, "cache-control": "no-store", **(headers or {}),
              "content-type": "application/json", "content-length": str(len(body))}
    await send({"type": "http.response.start", "status": status,
                "headers": [(name.encode(), value.encode()) for name, value in listed.items()]})
    await send({"type": "http.response.body", "body": body})
