"""`acupress plan`, `points`, `sources`: output and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest


def test_plan_json_has_the_stable_keys(cli, answers_file):
    result = cli("plan", "--answers", answers_file(pain_now=9), "--format", "json")
    assert result.code == 0, result.err
    plan = result.json()
    assert plan["triage"]["level"] == "self_care"
    assert [s["id"] for s in plan["steps"]] == ["SI3", "back_rub"]
    assert plan["steps"][0]["intensity"] == "strong"
    assert plan["knowledge_version"]


def test_plan_text_is_readable_with_why_evidence_and_sources(cli, answers_file, kb):
    result = cli("plan", "--answers", answers_file(pain_started_days_ago=200))
    assert result.code == 0
    assert "1. KI3 (Taixi, Great Ravine)" in result.out
    assert "Why:" in result.out and "Sources:" in result.out
    assert "Evidence (traditional practice, not tested in trials):" in result.out
    assert "Evidence (tested in trials):" in result.out
    assert "Murphy et al., 2019" in result.out and "Whatever else you do:" in result.out
    assert not any(f"[{key}]" in result.out or f" {key}" in result.out for key in kb.sources if key != "alban")


@pytest.mark.parametrize("answers", [
    {"pain_started_days_ago": 50},
    {"red_flags": ["fever"]},
    {"red_flags": ["fever"], "clinician_cleared": True, "conditions": ["skin_problem_back"]},
    {"age": 12, "pain_now": 9},
    {"pregnant": True, "pain_now": 3},
])
def test_plan_text_shows_no_ids_or_jargon(cli, answers_file, kb, answers):
    out = cli("plan", "--answers", answers_file(**answers)).out
    ours = out.split("\nSources:")[0]  # the bibliography quotes titles as published
    assert "subacute" not in ours and "_" not in ours
    assert "other steps are fine" not in ours


def test_typer_path_gives_same_json_as_fast_path(cli, answers_file, monkeypatch):
    path = answers_file(conditions=["osteoporosis"])
    fast = cli("plan", "--answers", path, "--format", "json")
    monkeypatch.setattr("acupress.cli.fast_plan.try_fast_plan", lambda args: None)
    slow = cli("plan", "--format", "json", "--answers", path)
    assert fast.out == slow.out


def test_plan_reads_stdin(cli):
    result = cli("plan", "--answers", "-", "--format", "json", stdin='{"age": 30, "pain_now": 2, "pain_started_days_ago": 1}')
    assert result.code == 0 and result.json()["duration"] == "acute"


def test_emergency_text_is_unmistakable(cli, answers_file):
    result = cli("plan", "--answers", answers_file(red_flags=["saddle_numbness"]))
    assert result.out.startswith("!!! GET MEDICAL HELP NOW !!!")
    assert "Your plan" not in result.out


def test_plan_schema_is_printed_and_matches_output(cli, answers_file):
    schema = cli("plan", "--schema").json()
    plan = cli("plan", "--answers", answers_file(), "--format", "json").json()
    jsonschema.validate(plan, schema)


@pytest.mark.parametrize(("args", "content", "expected"), [
    (["--format", "json"], '{"age": 121, "pain_now": 5, "pain_started_days_ago": 1}', "error: age: must be a whole number from 0 to 120 (got 121)"),
    (["--format", "json"], '{"age": 40, "pain_now": 5, "pain_started_days_ago": 1, "pregnancy_signs": ["x"]}', "error: pregnancy_signs: unknown id 'x'; allowed: vaginal_bleeding"),
    (["--format", "json"], '{"age": 40, "pain_now": 5}', "error: pain_started_days_ago: is required"),
    (["--format", "json"], '{"age": 40, "pain_now": 5, "pain_started_days_ago": 1, "red_flags": ["x"]}', "error: red_flags: unknown id 'x'; allowed: saddle_numbness"),
    (["--format", "json"], "{not json", "error: --answers: "),
    (["--format", "json"], "[1, 2]", "error: answers: must be a JSON object"),
    (["--format", "xml"], '{"age": 40, "pain_now": 5, "pain_started_days_ago": 1}', "error: acupress plan: Invalid value for '--format'"),
])
def test_bad_input_is_one_line_and_exit_2(cli, tmp_path, args, content, expected):
    path = tmp_path / "a.json"
    path.write_text(content)
    result = cli("plan", "--answers", str(path), *args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(expected)
    assert result.err.count("\n") == 1, result.err


@pytest.mark.parametrize(("args", "expected"), [
    (["plan", "--answers", "/no/such/file.json"], "error: --answers: file '/no/such/file.json' does not exist"),
    (["plan"], "error: --answers: is required"),
    (["plan", "--bogus"], "error: acupress plan: No such option: --bogus"),
    (["points", "ZZ1"], "error: ID: unknown point 'ZZ1'"),
    (["nonsense"], "error: "),
])
def test_bad_arguments(cli, args, expected):
    result = cli(*args)
    assert result.code == 2
    assert result.err.startswith(expected) and result.err.count("\n") == 1


def test_unreadable_file(cli, tmp_path):
    path = tmp_path / "binary.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    result = cli("plan", "--answers", str(path))
    assert result.code == 2 and "cannot read" in result.err


def test_points_list_and_one(cli):
    listing = cli("points")
    assert listing.code == 0 and "SI3" in listing.out and "avoided in pregnancy" in listing.out
    one = cli("points", "ki3")
    assert "How to find it:" in one.out and "Achilles" in one.out
    assert "Evidence (traditional practice" in one.out and "who2008" not in one.out
    assert "Betts and Budd, 2011" in cli("points", "LI4").out
    data = cli("points", "SI3", "--format", "json").json()
    assert data["pinyin"] == "Houxi" and data["site"] == "hand"


def test_sources(cli):
    result = cli("sources")
    assert "Murphy et al., 2019: Murphy SL" in result.out and "awaiting confirmation" in result.out
    assert cli("sources", "--format", "json").json()["who2008"]["year"] == 2008


def test_installed_console_script_runs(tmp_path):
    """A real subprocess of the installed `acupress`, as a user would run it."""
    exe = Path(sys.executable).with_name("acupress")
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"age": 50, "pain_now": 8, "pain_started_days_ago": 100}))
    env = {**os.environ, "ACUPRESS_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # cold cache, then warm cache
        done = subprocess.run([str(exe), "plan", "--answers", str(answers), "--format", "json"],
                              capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["steps"][0]["id"] == "KI3"
    bad = subprocess.run([sys.executable, "-m", "acupress", "plan", "--answers", "/nope"],
                         capture_output=True, text=True, env=env, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
