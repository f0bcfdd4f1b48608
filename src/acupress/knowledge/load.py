"""Load, validate and cross-check the knowledge base.

Each YAML file is validated against its part of `schema.json`; then the
references between files are checked (source keys, rule ids, step ids...).
A broken file fails loudly: ``points.yaml: points/0/site: 'elbow' is not
one of [...]``. The result is cached per process. The cross-checks live in
checks.py.
"""

from __future__ import annotations

import json
import os
import zlib
from functools import lru_cache
from typing import Any

from acupress.core.model import Knowledge
from acupress.errors import KnowledgeError

from .build import build_knowledge

# os.path rather than pathlib, and zlib rather than hashlib: this module is on
# the start-up path of `acupress plan`, where each of those imports costs ms.
KNOWLEDGE_DIR = os.path.dirname(os.path.abspath(__file__))
SCHEMA_PATH = os.path.join(KNOWLEDGE_DIR, "schema.json")
FILES = ("sources", "points", "techniques", "red_flags", "conditions", "rules", "protocols", "questionnaires", "safety")


def load_knowledge(directory: str | os.PathLike[str] | None = None) -> Knowledge:
    """The validated knowledge base (cached per directory for the process)."""
    return _load_cached(os.fspath(directory or KNOWLEDGE_DIR))


@lru_cache(maxsize=8)
def _load_cached(directory: str) -> Knowledge:
    texts = read_texts(directory)
    digest = content_digest([*texts.values(), _read_bytes(SCHEMA_PATH)])
    raw = _read_cache(digest)
    if raw is None:
        from .checks import check_references  # only a cold cache validates

        raw = parse_texts(texts)
        validate_schema(raw)
        check_references(raw)
        _write_cache(digest, raw)
    return build_knowledge(raw, f"{raw['sources']['version']}+{digest[:12]}")


def content_digest(parts: list[bytes]) -> str:
    """A short fingerprint of the knowledge files: it names the cache and the version."""
    joined = b"\0".join(parts)
    return f"{zlib.crc32(joined):08x}{zlib.adler32(joined):08x}{len(joined):x}"


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def read_texts(directory: str) -> dict[str, bytes]:
    texts: dict[str, bytes] = {}
    for name in FILES:
        try:
            texts[name] = _read_bytes(os.path.join(directory, f"{name}.yaml"))
        except OSError as error:
            raise KnowledgeError(f"{name}.yaml: cannot be read ({error.strerror})") from None
    return texts


def parse_texts(texts: dict[str, bytes]) -> dict[str, Any]:
    import yaml  # imported here: a warm cache needs no YAML parsing

    raw: dict[str, Any] = {}
    for name, text in texts.items():
        try:
            raw[name] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark else "(top)"
            raise KnowledgeError(f"{name}.yaml: {where}: not valid YAML ({getattr(error, 'problem', error)})") from None
    return raw


# The validated knowledge base is cached as JSON, keyed by a digest of the
# YAML and schema bytes, so `acupress plan` skips YAML parsing and schema
# validation (about 80 ms of imports) when nothing has changed.
def _cache_path(digest: str) -> str:
    from acupress.config import cache_dir  # settings are the one reader of the environment

    return os.path.join(cache_dir(), f"knowledge-{digest}.json")


def _read_cache(digest: str) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads(_read_bytes(_cache_path(digest)))
    except (OSError, ValueError):
        return None
    return data if data.get("_digest") == digest else None


def _write_cache(digest: str, raw: dict[str, Any]) -> None:
    path = _cache_path(digest)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({**raw, "_digest": digest}))
        os.replace(temporary, path)  # atomic: readers never see half a file
    except OSError:
        pass  # a read-only home only costs speed


def schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(_read_bytes(SCHEMA_PATH))
    return result


def validate_schema(raw: dict[str, Any]) -> None:
    import jsonschema  # imported here: only needed when validating

    full = schema()
    for name in FILES:
        part = {"$defs": full["$defs"], **full["files"][name]}
        validator = jsonschema.Draft202012Validator(part)
        error = jsonschema.exceptions.best_match(validator.iter_errors(raw[name]))
        if error is not None:
            where = "/".join(str(item) for item in error.absolute_path) or "(top)"
            raise KnowledgeError(f"{name}.yaml: {where}: {error.message}")
