"""JSON request bodies decoded strictly (acupress.strict_json), for every API route.

FastAPI decodes bodies with `json.loads`, which keeps the last of two equal
keys. Routes of a router made with `route_class=StrictJSONRoute` decode with
the same strict reader as the CLI: repeated keys, NaN, 5,000-digit numbers
and runaway nesting get a 422 naming the problem in one line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from acupress.strict_json import JSONProblem, parse


class StrictJSONError(json.JSONDecodeError):
    """A JSONProblem, shaped so FastAPI reports it as invalid JSON (a 422), with our words."""

    def __init__(self, problem: JSONProblem, document: str) -> None:
        super().__init__(str(problem), document[:100], 0)
        self.msg = str(problem)


class StrictJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                self._json = parse(body)
            except JSONProblem as problem:
                raise StrictJSONError(problem, body[:100].decode("utf-8", "replace")) from None
        return self._json


class StrictJSONRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict_handler
