"""Request body limits, enforced before anything reads the body.

A body is refused with 413 when its Content-Length is over the limit, and
also when it streams past the limit without one (chunked uploads): the
application then never holds more than the limit in memory. The answer names
the field: "photo" for the locator's uploads, "file" for a diary file to
import (a year of sessions is several MB), "body" for everything else.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from acupress.web.security import send_json_error

MAX_BODY = 256 * 1024  # a diary entry, a session, a form: a few KB at most
MAX_UPLOAD = 26 * 1024 * 1024  # vision.image.MAX_BYTES (25 MB) plus the multipart envelope
UPLOAD_PATHS = ("/api/v1/locate", "/locate")
MAX_IMPORT = 21 * 1024 * 1024  # services.imports.MAX_BYTES (20 MB: years of diary) plus the envelope
IMPORT_PATHS = ("/diary/import",)


class BodyTooLarge(Exception):
    pass


def limit_for(path: str) -> tuple[int, str]:
    """(bytes allowed, the field a refusal names) for a request path."""
    if path in UPLOAD_PATHS:
        return MAX_UPLOAD, "photo"
    if path in IMPORT_PATHS:
        return MAX_IMPORT, "file"
    return MAX_BODY, "body"


def _describe(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, field = limit_for(scope["path"])
        message = f"is larger than {_describe(limit)}, the most this server accepts"
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await send_json_error(send, 413, "PayloadTooLarge", field, f"{field}: {message}")
            return
        received = 0
        started = replaced = False

        async def counting_receive() -> Message:
            nonlocal received
            incoming = await receive()
            received += len(incoming.get("body", b""))
            if received > limit:
                raise BodyTooLarge
            return incoming

        async def guarded_send(outgoing: Message) -> None:
            # The app may have turned BodyTooLarge into its own error: answer 413 instead.
            nonlocal started, replaced
            if replaced:
                return
            if outgoing["type"] == "http.response.start" and received > limit:
                replaced = True
                await send_json_error(send, 413, "PayloadTooLarge", field, f"{field}: {message}")
                return
            started = started or outgoing["type"] == "http.response.start"
            await send(outgoing)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except BodyTooLarge:
            if not started and not replaced:
                await send_json_error(send, 413, "PayloadTooLarge", field, f"{field}: {message}")


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
