"""What the OpenAPI description says beyond the route signatures: request bodies
read by hand, the plan's JSON Schema as the answer of POST /api/v1/plan, and
the error answers every route can give."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from acupress.web.schemas import ErrorOut

PLAN_SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "plan.schema.json"
ERROR_CODES = {
    403: "Refused: a cross-site write, or a form without its CSRF token",
    404: "Not found",
    413: "The body is too large (the field is named)",
    422: "Invalid input: one line naming the field and what is allowed",
    503: "Busy: the database or the photo locator; nothing was written, try again (see Retry-After)",
}


def error_responses(*extra: tuple[int, str]) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorOut, "description": text} for code, text in (*ERROR_CODES.items(), *extra)}


def json_body(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` for a route that reads its JSON body itself, described by `model`."""
    schema = model.model_json_schema()
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


@lru_cache(maxsize=1)
def plan_schema() -> dict[str, Any]:
    """plan.schema.json (the stable output of `acupress plan --format json`), self-contained for OpenAPI."""
    schema: dict[str, Any] = json.loads(PLAN_SCHEMA.read_text(encoding="utf-8"))
    definitions = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            reference = node.get("$ref", "")
            if reference.startswith("#/$defs/"):
                return inline(definitions[reference.removeprefix("#/$defs/")])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    inlined: dict[str, Any] = inline(schema)
    return inlined


def plan_responses() -> dict[int | str, dict[str, Any]]:
    return {200: {"description": "The plan (also `acupress plan --schema`)",
                  "content": {"application/json": {"schema": plan_schema()}}}}
