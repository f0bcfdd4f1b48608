"""Errors on the web: 4xx with a JSON body naming the field, never a traceback."""

from __future__ import annotations

import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from acupress.errors import AcupressError
from acupress.web.security import HEADERS

MAX_FIELD = 60  # a field named by the caller (an unknown key) is cut to this: never echoed whole


def _field(location: tuple[object, ...] | list[object]) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "form")]
    field = ".".join(parts) or "body"
    return field if len(field) <= MAX_FIELD else field[: MAX_FIELD - 3] + "..."


def describe_validation(error: RequestValidationError) -> tuple[str, str]:
    """(field, one-line message) for the first problem pydantic found."""
    first = error.errors()[0]
    field = _field(first.get("loc", ()))
    message = str(first.get("msg", "is not valid")).removeprefix("Value error, ")
    if first.get("type") == "json_invalid":
        reason = str((first.get("ctx") or {}).get("error", "")).strip()
        return "body", f"body: is not valid JSON ({reason})" if reason else "body: is not valid JSON"
    if first.get("type") == "missing":
        message = "is required"
    elif first.get("input", "") is None and str(first.get("type", "")).endswith("_type"):
        message = "cannot be null"
    elif first.get("type") == "extra_forbidden":
        message = "is not an allowed field"
    elif message.startswith("Expected UploadFile"):  # a text field where a file belongs
        message = "must be a file, sent as multipart/form-data (a JPEG or PNG photo)"
    return field, f"{field}: {message}"


def allowed_methods(request: Request, fallback: str) -> str:
    """Every method the requested API path answers to, from the OpenAPI description
    (the router names only the first matching route's)."""
    for pattern, methods in _api_paths(request.app):
        if pattern.fullmatch(request.url.path):
            return methods
    return fallback


def _api_paths(app: FastAPI) -> list[tuple[re.Pattern[str], str]]:
    if not hasattr(app.state, "api_paths"):
        app.state.api_paths = [
            (re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path))), ", ".join(sorted(m.upper() for m in operations)))
            for path, operations in app.openapi()["paths"].items()]
    paths: list[tuple[re.Pattern[str], str]] = app.state.api_paths
    return paths


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AcupressError)
    async def acupress_error(_request: Request, error: AcupressError) -> JSONResponse:
        # 4xx for what the caller can fix; 501 when an optional extra is not installed here.
        return JSONResponse(error.to_dict(), status_code=error.http_status, headers=getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
        field, message = describe_validation(error)
        return JSONResponse({"error": "InvalidInput", "field": field, "message": message}, status_code=422)

    @app.exception_handler(OperationalError)
    async def storage_error(_request: Request, _error: OperationalError) -> JSONResponse:
        # The transaction was rolled back: nothing was written, nothing acknowledged.
        message = "could not save right now (the database is busy, full or unreachable); nothing was written, please try again"
        return JSONResponse({"error": "StorageUnavailable", "field": None, "message": message}, status_code=503,
                            headers={"retry-after": "1"})

    @app.exception_handler(Exception)
    async def unexpected_error(_request: Request, _error: Exception) -> JSONResponse:
        # Runs outside the security middleware (Starlette's outermost layer), so it sets the headers itself;
        # the traceback goes to the server's log, never to the person.
        message = "something went wrong inside acupress; please try again, and report it if it happens again"
        return JSONResponse({"error": "InternalError", "field": None, "message": message}, status_code=500,
                            headers={**HEADERS, "cache-control": "no-store"})

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        headers = {name.lower(): value for name, value in (getattr(error, "headers", None) or {}).items()}
        if error.status_code == 405:
            headers["allow"] = allowed_methods(request, headers.get("allow", ""))
        return JSONResponse({"error": "HTTPError", "field": None, "message": str(error.detail)},
                            status_code=error.status_code, headers=headers)
