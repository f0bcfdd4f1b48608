"""The one error family of acupress.

Interfaces map these to user-facing results: the CLI prints ``str(error)``
on one line and exits with code 2; the web layer answers 4xx with a JSON body.
"""

from __future__ import annotations


class AcupressError(Exception):
    """Base class for every error a user can cause and fix."""

    http_status = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message

    def to_dict(self) -> dict[str, str | None]:
        return {"error": type(self).__name__, "field": self.field, "message": str(self)}


class InvalidInput(AcupressError):
    """Input that breaks a documented rule (range, type, unknown id...)."""

    http_status = 422


class NotFound(AcupressError):
    http_status = 404


class Forbidden(AcupressError):
    http_status = 403


class Conflict(AcupressError):
    http_status = 409


class KnowledgeError(AcupressError):
    """A broken knowledge file: names the file, the path inside it and why."""

    http_status = 500


class FeatureUnavailable(AcupressError):
    """An optional extra (such as vision) is not installed."""

    http_status = 501
