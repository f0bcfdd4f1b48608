"""Cross-checks between the knowledge files, after each file passed its schema.

Every failure names the file and the path inside it:
``red_flags.yaml: red_flags/3/group: unknown group 'nerves'``.
"""

from __future__ import annotations

from typing import Any, NoReturn

from acupress.core.answers import ALLOWED_KEYS, BOOLEANS, INTEGER_RANGES
from acupress.core.rules_used import IDS_USED_BY_CODE, RULES_USED_BY_CODE
from acupress.errors import KnowledgeError

OUTCOME_KEYS = {"intensity": {"gentle", "moderate", "strong", "capped"}, "duration": {"acute", "subacute", "chronic"}}


def _fail(file: str, path: str, reason: str) -> NoReturn:
    raise KnowledgeError(f"{file}.yaml: {path}: {reason}")


def check_references(raw: dict[str, Any]) -> None:
    source_keys = set(raw["sources"]["sources"])
    for name in raw:
        for path, keys in _source_lists(raw[name], name):
            for key in keys:
                if key not in source_keys:
                    _fail(name, path, f"unknown source {key!r} (not in sources.yaml)")
    for name, key in (("points", "points"), ("techniques", "techniques"), ("red_flags", "red_flags"),
                      ("red_flags", "from_answers"), ("conditions", "conditions"), ("rules", "rules"),
                      ("protocols", "protocols"), ("questionnaires", "groups"), ("questionnaires", "questionnaires"),
                      ("safety", "stop_reasons")):
        _check_unique_ids(raw[name][key], name, key)
    _check_ids_used(raw)
    rules = {rule["id"]: rule for rule in raw["rules"]["rules"]}
    _check_protocols(raw, rules)
    _check_effects(raw)
    _check_flags(raw)
    _check_questions(raw)
    _check_stop_keys(raw)


def _check_ids_used(raw: dict[str, Any]) -> None:
    rules = {rule["id"]: rule for rule in raw["rules"]["rules"]}
    for rule_id, params in RULES_USED_BY_CODE.items():
        if rule_id not in rules:
            _fail("rules", "rules", f"rule {rule_id!r} is used by the code but missing")
        for param in params:
            if param not in rules[rule_id].get("params", {}):
                _fail("rules", f"rules/{rule_id}/params", f"missing number {param!r}")
    for (file, collection), ids in IDS_USED_BY_CODE.items():
        present = raw[file][collection]
        known = set(present) if isinstance(present, dict) else {item["id"] for item in present}
        for wanted in ids:
            if wanted not in known:
                _fail(file, collection, f"{wanted!r} is used by the code but missing")


def _source_lists(node: Any, name: str, path: str = "") -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            child = f"{path}/{key}" if path else str(key)
            if key in ("sources", "evidence_sources") and isinstance(value, list):
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
    protocols = raw["protocols"]["protocols"]
    if sum(1 for p in protocols if p["default"]) != 1:
        _fail("protocols", "protocols", "exactly one protocol must have default: true")
    for p_index, protocol in enumerate(protocols):
        for duration, steps in protocol["steps"].items():
            for s_index, step in enumerate(steps):
                _check_step(raw, step, f"protocols/{p_index}/steps/{duration}/{s_index}", rules)
    for rule in rules.values():
        needed = OUTCOME_KEYS.get(rule.get("outcome_by", ""), set())
        if needed - set(rule.get("outcomes", {})):
            _fail("rules", f"rules/{rule['id']}/outcomes", f"must give words for each of {sorted(needed)}")


def _check_step(raw: dict[str, Any], step: dict[str, Any], where: str, rules: dict[str, Any]) -> None:
    points = {p["id"]: p for p in raw["points"]["points"]}
    techniques = {t["id"]: t for t in raw["techniques"]["techniques"]}
    step_id = step["step"]
    if step_id in points:
        if points[step_id]["role"] != "self_care":
            _fail("protocols", f"{where}/step", f"{step_id!r} is a reference point, not a self-care point")
    elif step_id in techniques:
        variants = {v["id"]: v for v in techniques[step_id]["variants"]}
        variant = step.get("variant")
        if variant not in variants:
            _fail("protocols", f"{where}/variant", f"must be one of {sorted(variants)}")
        if variants[variant]["intensity"] != step["intensity"]:
            _fail("protocols", f"{where}/intensity", f"must match variant {variant!r} ({variants[variant]['intensity']})")
        for rule_id in step["rules"]:
            outcomes = rules.get(rule_id, {}).get("outcomes", {})
            if rules.get(rule_id, {}).get("outcome_by") == "variant" and not {*variants, "limited"} <= set(outcomes):
                _fail("rules", f"rules/{rule_id}/outcomes", f"must give words for {sorted({*variants, 'limited'})}")
    else:
        _fail("protocols", f"{where}/step", f"unknown point or technique {step_id!r}")
    if step["frequency"] not in raw["protocols"]["frequencies"]:
        _fail("protocols", f"{where}/frequency", f"unknown frequency {step['frequency']!r}")
    for rule_id in step["rules"]:
        if rule_id not in rules:
            _fail("protocols", f"{where}/rules", f"unknown rule {rule_id!r}")


def _check_effects(raw: dict[str, Any]) -> None:
    """Effects name real techniques and variants, wherever they are written."""
    places = [("conditions", f"conditions/{i}/effects", c["effects"]) for i, c in enumerate(raw["conditions"]["conditions"])]
    for key in ("red_flags", "from_answers"):
        places += [("red_flags", f"{key}/{i}/after_clearance/effects", f["after_clearance"]["effects"])
                   for i, f in enumerate(raw["red_flags"][key]) if "after_clearance" in f]
    techniques = {t["id"]: {v["id"] for v in t["variants"]} for t in raw["techniques"]["techniques"]}
    for file, where, effects in places:
        for technique_id, variants in effects.get("only_variants", {}).items():
            if technique_id not in techniques:
                _fail(file, f"{where}/only_variants/{technique_id}", f"unknown technique {technique_id!r}")
            if set(variants) - techniques[technique_id] or not variants:
                _fail(file, f"{where}/only_variants/{technique_id}", f"variants must be some of {sorted(techniques[technique_id])}")


def _check_flags(raw: dict[str, Any]) -> None:
    doc = raw["red_flags"]
    defaults = {"emergency": "now", "urgent": "today"}
    for key in ("red_flags", "from_answers"):
        for index, flag in enumerate(doc[key]):
            where = f"{key}/{index}"
            clearable = flag["level"] == "urgent" and flag.get("clearable", True)
            if clearable != ("after_clearance" in flag):
                _fail("red_flags", where, "a sign a clinician can clear needs after_clearance (and only such a sign has one)")
            if flag["level"] == "emergency" and flag.get("clearable"):
                _fail("red_flags", f"{where}/clearable", "an emergency sign can never be cleared")
            if flag.get("see_within", defaults[flag["level"]]) != defaults[flag["level"]] and not (flag.get("advice") and flag.get("title")):
                _fail("red_flags", where, "a sign with its own see_within needs its own title and advice")
            cleared = flag.get("after_clearance")
            if cleared and cleared["effects"] and "note" not in cleared:
                _fail("red_flags", f"{where}/after_clearance", "effects that remain need a note saying why")
    if {f["id"] for f in doc["red_flags"]} & {f["id"] for f in doc["from_answers"]}:
        _fail("red_flags", "from_answers", "ids must differ from the red_flags ids")
    conditions = {c["id"] for c in raw["conditions"]["conditions"]}
    clauses = [(f"{key}/{i}/when", f["when"]) for key in ("from_answers", "warnings_from_answers")
               for i, f in enumerate(doc[key])]
    for where, when in clauses:
        for clause in when:
            unknown = set(clause.get("conditions_any", ())) - conditions
            if unknown:
                _fail("red_flags", where, f"unknown condition {sorted(unknown)[0]!r}")


def _check_questions(raw: dict[str, Any]) -> None:
    groups = {g["id"] for g in raw["questionnaires"]["groups"]}
    asked = [("red_flags", f"red_flags/{i}/group", f.get("group")) for i, f in enumerate(raw["red_flags"]["red_flags"])]
    asked += [("conditions", f"conditions/{i}/group", c.get("group")) for i, c in enumerate(raw["conditions"]["conditions"])]
    for q_index, questionnaire in enumerate(raw["questionnaires"]["questionnaires"]):
        for i_index, item in enumerate(questionnaire["items"]):
            where = f"questionnaires/{q_index}/items/{i_index}"
            if item.get("group") is not None:
                asked.append(("questionnaires", f"{where}/group", item["group"]))
            if item["id"] in ALLOWED_KEYS:
                _check_answer_item(item, where)
            elif questionnaire["id"] == "assessment":
                _fail("questionnaires", f"{where}/id", f"{item['id']!r} is not an answer key (see core/answers.py)")
    for file, where, group in asked:
        if group is not None and group not in groups:
            _fail(file, where, f"unknown group {group!r} (not in questionnaires.yaml groups)")


def _check_answer_item(item: dict[str, Any], where: str) -> None:
    """An item that asks an answer key takes its type and range from core/answers.py, the one home."""
    kind = "integer" if item["id"] in INTEGER_RANGES else "boolean" if item["id"] in BOOLEANS else None
    if kind != item["kind"]:
        _fail("questionnaires", f"{where}/kind", f"must be {kind!r} for the answer key {item['id']!r}")
    if "min" in item or "max" in item:
        _fail("questionnaires", where, f"the range of {item['id']!r} comes from core/answers.py; remove min and max")


def _check_stop_keys(raw: dict[str, Any]) -> None:
    """Each stop reason needs its own terminal key, and none may take the session's p (pause) or s (skip)."""
    taken = {"p", "s"}
    for index, reason in enumerate(raw["safety"]["stop_reasons"]):
        if reason["key"] in taken:
            _fail("safety", f"stop_reasons/{index}/key", f"key {reason['key']!r} is already used in a session")
        taken.add(reason["key"])
