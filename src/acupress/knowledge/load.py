"""Load, validate and cross-check the knowledge base.

Each YAML file is validated against its part of `schema.json`; then the
references between files are checked (source keys, rule ids, step ids...).
A broken file fails loudly: ``points.yaml: points/0/site: 'elbow' is not
one of [...]``. The result is cached per process.
"""

from __future__ import annotations

import json
import os
import zlib
from functools import lru_cache
from typing import Any

from acupress.core.model import Knowledge
from acupress.core.rules_used import RULES_USED_BY_CODE
from acupress.errors import KnowledgeError

from .build import build_knowledge

# os.path rather than pathlib, and zlib rather than hashlib: this module is on
# the start-up path of `acupress plan`, where each of those imports costs ms.
KNOWLEDGE_DIR = os.path.dirname(os.path.abspath(__file__))
SCHEMA_PATH = os.path.join(KNOWLEDGE_DIR, "schema.json")
FILES = ("sources", "points", "techniques", "red_flags", "conditions", "rules", "protocols", "questionnaires")


def load_knowledge(directory: str | os.PathLike[str] | None = None) -> Knowledge:
    """The validated knowledge base (cached per directory for the process)."""
    return _load_cached(os.fspath(directory or KNOWLEDGE_DIR))


@lru_cache(maxsize=8)
def _load_cached(directory: str) -> Knowledge:
    texts = read_texts(directory)
    digest = content_digest([*texts.values(), _read_bytes(SCHEMA_PATH)])
    raw = _read_cache(digest)
    if raw is None:
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


def _fail(file: str, path: str, reason: str) -> None:
    raise KnowledgeError(f"{file}.yaml: {path}: {reason}")


def check_references(raw: dict[str, Any]) -> None:
    source_keys = set(raw["sources"]["sources"])
    for name in FILES:
        for path, keys in _source_lists(raw[name], name):
            for key in keys:
                if key not in source_keys:
                    _fail(name, path, f"unknown source {key!r} (not in sources.yaml)")
    for name, key in (("points", "points"), ("techniques", "techniques"), ("red_flags", "red_flags"),
                      ("conditions", "conditions"), ("rules", "rules"), ("protocols", "protocols")):
        _check_unique_ids(raw[name][key], name, key)
    rules = {rule["id"]: rule for rule in raw["rules"]["rules"]}
    for rule_id, params in RULES_USED_BY_CODE.items():
        if rule_id not in rules:
            _fail("rules", "rules", f"rule {rule_id!r} is used by the code but missing")
        for param in params:
            if param not in rules[rule_id].get("params", {}):
                _fail("rules", f"rules/{rule_id}/params", f"missing number {param!r}")
    _check_protocols(raw, rules)
    _check_conditions(raw)


def _source_lists(node: Any, name: str, path: str = "") -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            child = f"{path}/{key}" if path else str(key)
            if key == "sources" and isinstance(value, list):
                found.append((child, value))
            elif not (name == "sources" and key == "sources"):
                found.extend(_source_lists(value, name, child))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_source_lists(value, name, f"{path}/{index}"))
    return found


def _check_unique_ids(items: list[dict[str, Any]], file: str, key: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item["id"] in seen:
            _fail(file, f"{key}/{index}/id", f"duplicate id {item['id']!r}")
        seen.add(item["id"])


def _check_protocols(raw: dict[str, Any], rules: dict[str, Any]) -> None:
    points = {p["id"]: p for p in raw["points"]["points"]}
    techniques = {t["id"]: t for t in raw["techniques"]["techniques"]}
    frequencies = raw["protocols"]["frequencies"]
    protocols = raw["protocols"]["protocols"]
    if sum(1 for p in protocols if p["default"]) != 1:
        _fail("protocols", "protocols", "exactly one protocol must have default: true")
    for p_index, protocol in enumerate(protocols):
        for duration, steps in protocol["steps"].items():
            for s_index, step in enumerate(steps):
                where = f"protocols/{p_index}/steps/{duration}/{s_index}"
                _check_step(step, where, points, techniques, frequencies, rules)


def _check_step(step: dict[str, Any], where: str, points: dict[str, Any], techniques: dict[str, Any],
                frequencies: dict[str, Any], rules: dict[str, Any]) -> None:
    step_id = step["step"]
    if step_id in points:
        if points[step_id]["role"] != "self_care":
            _fail("protocols", f"{where}/step", f"{step_id!r} is a reference point, not a self-care point")
    elif step_id in techniques:
        variants = {v["id"]: v for v in techniques[step_id]["variants"]}
        variant = step.get("variant")
        if variant not in variants:
            _fail("protocols", f"{where}/variant", f"must be one of {sorted(variants)}")
        elif variants[variant]["intensity"] != step["intensity"]:
            _fail("protocols", f"{where}/intensity", f"must match variant {variant!r} ({variants[variant]['intensity']})")
    else:
        _fail("protocols", f"{where}/step", f"unknown point or technique {step_id!r}")
    if step["frequency"] not in frequencies:
        _fail("protocols", f"{where}/frequency", f"unknown frequency {step['frequency']!r}")
    for rule_id in step["rules"]:
        if rule_id not in rules:
            _fail("protocols", f"{where}/rules", f"unknown rule {rule_id!r}")


def _check_conditions(raw: dict[str, Any]) -> None:
    techniques = {t["id"]: {v["id"] for v in t["variants"]} for t in raw["techniques"]["techniques"]}
    for index, condition in enumerate(raw["conditions"]["conditions"]):
        for technique_id, variants in condition["effects"].get("only_variants", {}).items():
            where = f"conditions/{index}/effects/only_variants/{technique_id}"
            if technique_id not in techniques:
                _fail("conditions", where, f"unknown technique {technique_id!r}")
            unknown = set(variants) - techniques[technique_id]
            if unknown or not variants:
                _fail("conditions", where, f"variants must be some of {sorted(techniques[technique_id])}")
