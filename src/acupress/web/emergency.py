"""The emergency number on the call button: the person's choice, else one suggested by their language."""

from __future__ import annotations

import re
from functools import cached_property

from fastapi import Request

from acupress.core.model import Knowledge
from acupress.errors import InvalidInput
from acupress.storage.db import reading
from acupress.storage.users import emergency_number
from acupress.web.deps import user_id_of

VALID = re.compile(r"^[0-9]{2,6}$")
_REGION = re.compile(r"^[a-z]{2,3}[-_]([a-z]{2})\b", re.IGNORECASE)


def region_from_languages(accept_language: str) -> str | None:
    """The first region named in an Accept-Language header: "en-GB,en;q=0.9" -> "GB"."""
    ranked = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        ranked.append((-weight, position, tag.strip()))
    for _, _, tag in sorted(ranked):
        match = _REGION.match(tag)
        if match:
            return match.group(1).upper()
    return None


class EmergencyCall:
    """Looked up only when a page shows the call button."""

    def __init__(self, request: Request) -> None:
        self._request = request

    @cached_property
    def chosen(self) -> str | None:
        user_id = user_id_of(self._request)
        if user_id is None:
            return None
        with reading(self._request.app.state.engine) as conn:
            return emergency_number(conn, user_id)

    @cached_property
    def suggested(self) -> str:
        kb: Knowledge = self._request.app.state.kb
        return kb.emergency_numbers.for_region(region_from_languages(self._request.headers.get("accept-language", "")))

    @property
    def number(self) -> str:
        return self.chosen or self.suggested


def parse_emergency_number(text: str) -> str | None:
    """The number typed in the settings (spaces allowed); empty means "use the suggestion"."""
    number = "".join(text.split())
    if not number:
        return None
    if not VALID.match(number):
        raise InvalidInput(f"must be 2 to 6 digits, such as 112, 911 or 999 (got {text.strip()!r})", field="emergency_number")
    return number
