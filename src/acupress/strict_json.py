"""JSON as acupress reads it, from a file or a request: strict, bounded, one clear line.

Python's `json` quietly keeps the last of two equal keys, so
`{"red_flags": ["saddle_numbness"], "red_flags": []}` would drop a warning
sign: here a repeated key is refused (a safety rule, not style). So are
NaN/Infinity, integers longer than 30 digits, nesting deeper than
Python can follow, and text with half of a UTF-16 pair (`"\ud800"`: it
could be saved but never written out again), each with one line naming the problem, never a traceback.
Imports only `json`: it is on the start-up path of `acupress plan`.
"""

from __future__ import annotations

import json
from typing import Any

from acupress.errors import InvalidInput, shorten

MAX_DIGITS = 30


class JSONProblem(ValueError):
    """Why a text is not acceptable JSON, in words for people."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        repeated = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise JSONProblem(f"the key {shorten(repeated)} appears twice; give each key once")
    return result


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise JSONProblem(f"a number has {len(text)} digits; at most {MAX_DIGITS} are allowed")
    return int(text)


def _constant(name: str) -> Any:
    raise JSONProblem(f"{name} is not a number JSON allows")


def parse(text: str | bytes) -> Any:
    """Decode strictly; raises JSONProblem (or json.JSONDecodeError for broken syntax)."""
    try:
        value = json.loads(text, object_pairs_hook=_object, parse_int=_integer, parse_constant=_constant)
    except RecursionError:
        raise JSONProblem("it is nested too deeply") from None
    except UnicodeDecodeError:
        raise JSONProblem("it is not UTF-8 text") from None
    # Only a \uD800-\uDFFF escape can make half a pair; most texts have none, so skip the walk.
    if _may_hold_surrogates(text):
        _refuse_lone_surrogates(value)
    return value


def _may_hold_surrogates(text: str | bytes) -> bool:
    if isinstance(text, bytes):
        return b"\\ud" in text.lower()
    if "\\ud" in text.lower():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _refuse_lone_surrogates(value: Any) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise JSONProblem(f"the text {shorten(value.encode('utf-8', 'replace').decode())} holds half of a "
                              "character pair (a lone \\ud800-\\udfff escape); send whole characters") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_lone_surrogates(key)
            _refuse_lone_surrogates(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_lone_surrogates(item)


def loads(text: str | bytes, field: str, source: str = "the body") -> Any:
    """Decode strictly, or raise InvalidInput naming the field, in one line."""
    try:
        return parse(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"{source} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})",
                           field=field) from None
    except JSONProblem as problem:
        raise InvalidInput(f"{source} is not acceptable JSON: {problem}", field=field) from None
