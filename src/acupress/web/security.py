"""Security headers, a strict Content-Security-Policy and CSRF protection.

CSRF: a random value lives in an HttpOnly, SameSite=Strict cookie; forms and
scripts send back its HMAC (hidden field `csrf_token` or header
`X-CSRF-Token`). API calls with a JSON body are accepted without a token:
browsers cannot send JSON across sites without a CORS preflight, which this
app never grants. A mismatching Origin header is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "acupress_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
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
}


def csrf_token_for(secret: str, cookie_value: str) -> str:
    return hmac.new(secret.encode(), cookie_value.encode(), hashlib.sha256).hexdigest()


def request_csrf_token(request: Request, secret: str) -> str:
    """The token to put in this page's forms (the cookie is set by the middleware)."""
    cookie = request.scope.get("acupress.csrf_cookie") or request.cookies.get(CSRF_COOKIE, "")
    return csrf_token_for(secret, cookie)


class SecurityMiddleware:
    """Adds headers to every response and refuses cross-site writes."""

    def __init__(self, app: ASGIApp, secret: str, secure_cookies: bool) -> None:
        self.app, self.secret, self.secure = app, secret, secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        cookie = request.cookies.get(CSRF_COOKIE)
        new_cookie = None if cookie else secrets.token_urlsafe(24)
        scope["acupress.csrf_cookie"] = cookie or new_cookie
        if request.method not in SAFE_METHODS:
            refusal, receive = await self._check_write(request, receive, cookie or "")
            if refusal:
                await _refuse(refusal, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if new_cookie:
                    secure = "; Secure" if self.secure else ""
                    headers.append("set-cookie", f"{CSRF_COOKIE}={new_cookie}; Path=/; HttpOnly; SameSite=Strict{secure}")
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _check_write(self, request: Request, receive: Receive, cookie: str) -> tuple[str | None, Receive]:
        origin = request.headers.get("origin")
        # "null" carries no information (privacy settings, sandboxes): the token check decides.
        if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host"):
            return "cross-site request refused (Origin does not match)", receive
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        supplied = request.headers.get(CSRF_HEADER)
        if supplied is None and content_type == "multipart/form-data":
            supplied = request.query_params.get(CSRF_FIELD)  # uploads carry it in the URL
        if supplied is None and content_type == "application/x-www-form-urlencoded":
            body = await _read_body(receive)
            supplied = parse_qs(body.decode("latin-1")).get(CSRF_FIELD, [None])[0]
            receive = _replay(body)
        if supplied is not None:
            valid = bool(cookie) and hmac.compare_digest(supplied, csrf_token_for(self.secret, cookie))
            return (None if valid else "the form has expired; reload the page and try again"), receive
        if content_type == "application/json":
            return None, receive
        return "missing CSRF token: send the page's csrf_token, or a JSON body", receive


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


async def _refuse(message: str, send: Send) -> None:
    import json

    body = json.dumps({"error": "Forbidden", "field": "csrf", "message": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(name.encode(), value.encode()) for name, value in HEADERS.items()]
    await send({"type": "http.response.start", "status": 403, "headers": headers})
    await send({"type": "http.response.body", "body": body})
