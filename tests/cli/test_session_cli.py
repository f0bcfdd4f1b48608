"""`acupress session` and `acupress assess`, driven through stdin (and one real terminal)."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time

import pytest

SI3 = "SI3 (Houxi, Back Stream)"


def test_full_session_counts_both_sides_by_name(cli, answers_file):
    result = cli("session", "--answers", answers_file(pain_started_days_ago=50), "--speed", "10000", stdin="6\n4\n")
    assert result.code == 0, result.err
    assert "Session complete." in result.out
    for line in (f"{SI3}, left side: 2 min 00 s", f"{SI3}, right side: 2 min 00 s",
                 "KI3 (Taixi, Great Ravine), left side: 2 min 00 s", "Back rub: 3 min 00 s"):
        assert line in result.out
    assert "back_rub" not in result.out, "people see step names, not ids"
    assert "Pain before 6, after 4: 2 points lower." in result.out


def test_one_point_is_singular(cli, answers_file):
    result = cli("session", "--answers", answers_file(), "--speed", "10000", stdin="6\n5\n")
    assert "Pain before 6, after 5: 1 point lower." in result.out


@pytest.mark.parametrize(("key", "advice"), [("w", "the pain got worse"), ("m", "muscle spasm")])
def test_safety_stop_says_what_to_do_and_when_to_get_help(cli, answers_file, kb, key, advice):
    result = cli("session", "--answers", answers_file(), "--speed", "10000", stdin=f"5\n{key}\n7\n")
    assert "Session stopped early." in result.out
    after = result.out.split("Session stopped early.")[1]
    assert advice in after and "What to do now:" in after and "When to get help:" in after
    assert "Emergency number: 112" in after and "KI3" not in after
    reason = next(r for r in kb.stop_reasons.values() if r.key == key)
    assert reason.do_now[0].split()[0] in after, "the advice comes from knowledge/safety.yaml"


def test_a_session_that_ends_with_more_pain_says_how_to_take_care(cli, answers_file):
    result = cli("session", "--answers", answers_file(), "--speed", "10000", stdin="4\n6\n")
    assert "Session complete." in result.out and "Pain before 4, after 6: 2 points higher." in result.out
    after = result.out.split("Your pain is higher than before the session.")[1]
    assert "What to do now:" in after and "When to get help:" in after and "Emergency number:" in after
    same = cli("session", "--answers", answers_file(), "--speed", "10000", stdin="5\n5\n")
    assert "What to do now:" not in same.out, "no advice when pain is the same or lower"


def test_emergency_number_follows_the_terminal_language(cli, answers_file, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    result = cli("session", "--answers", answers_file(), "--speed", "10000", stdin="5\nw\n7\n")
    assert "Emergency number: 999" in result.out


def test_skip_moves_to_the_next_step_by_name(cli, answers_file):
    result = cli("session", "--answers", answers_file(), "--speed", "10000", stdin="5\ns\n3\n")
    assert f"Skipped: {SI3}." in result.out
    assert "Back rub: 3 min 00 s" in result.out
    assert "left side" not in result.out.split("Session complete.")[1]


def test_skip_while_paused_does_not_skip_or_resume(cli, answers_file):
    result = cli("session", "--answers", answers_file(), "--speed", "50", stdin="5\np\ns\np\nw\n6\n")
    out = result.out
    assert "Still paused: press p to carry on first" in out
    assert "Skipped" not in out
    assert out.index("Still paused") < out.index("Carrying on."), "only p carries on"
    assert "Session stopped early." in out


def test_end_of_input_while_paused_ends_the_session(cli, answers_file):
    result = cli("session", "--answers", answers_file(), "--speed", "50", stdin="5\np\n")
    assert result.code == 1 and "Traceback" not in result.err
    assert "Paused." in result.out


def test_bad_pain_answer_is_asked_again(cli, answers_file):
    result = cli("session", "--answers", answers_file(), "--speed", "10000", stdin="eleven\n12\n5\n5\n")
    assert result.out.count("Please type a whole number from 0 to 10") == 2
    assert "Pain before 5, after 5" in result.out


def test_session_refused_when_triage_stops(cli, answers_file):
    result = cli("session", "--answers", answers_file(red_flags=["major_trauma"]), stdin="")
    assert result.code == 0
    assert "GET MEDICAL HELP NOW" in result.out and "Guided session" not in result.out


def test_demonstration_is_saved_as_one_and_not_counted(cli, answers_file):
    result = cli("session", "--answers", answers_file(), "--speed", "10000", stdin="6\n4\n")
    assert "as a demonstration" in result.out
    data = cli("diary", "--format", "json").json()
    assert [s["demo"] for s in data["sessions"]] == [True]
    assert data["adherence"]["current_streak"] == 0


def _assess_replies(kb, age="45", pain="7", days="200", conditions=()):
    n_flags = len([f for f in kb.red_flags.values() if f.group != "pregnancy_signs"])
    asked = [c.id for c in kb.conditions.values() if c.group]
    return ["n"] * n_flags + [age, pain, days, "n"] + ["y" if c in conditions else "n" for c in asked]


def test_assess_keeps_the_answers_for_plan_and_session(cli, kb, tmp_path):
    saved = tmp_path / "mine.json"
    replies = _assess_replies(kb, conditions=("anticoagulants",))
    result = cli("assess", "--save", str(saved), stdin="\n".join(replies) + "\n")
    assert result.code == 0, result.err
    assert "Your plan for long-lasting back pain" in result.out and "kept in your profile" in result.out
    data = json.loads(saved.read_text())
    assert data["age"] == 45 and data["conditions"] == ["anticoagulants"]
    from_file = cli("plan", "--answers", str(saved), "--format", "json").json()
    from_profile = cli("plan", "--format", "json").json()
    assert from_profile["steps"] == from_file["steps"] and from_profile["steps"][0]["intensity"] == "gentle"
    session = cli("session", "--speed", "10000", stdin="5\n4\n")
    assert session.code == 0 and "KI3 (Taixi, Great Ravine), left side" in session.out


def test_plan_and_session_without_answers_or_profile_say_what_to_do(cli):
    for args in (("plan",), ("session",)):
        result = cli(*args)
        assert result.code == 2 and result.err.startswith("error: --answers: is required")
        assert "acupress assess" in result.err


def test_a_later_warning_sign_stops_the_saved_plan(cli, kb):
    cli("assess", stdin="\n".join(_assess_replies(kb)) + "\n")
    assert cli("plan", "--format", "json").json()["triage"]["level"] == "self_care"
    result = cli("assess", stdin="y\n")
    assert "GET MEDICAL HELP NOW" in result.out
    assert cli("plan", "--format", "json").json()["triage"]["level"] == "emergency"
    assert "GET MEDICAL HELP NOW" in cli("session", stdin="").out


def test_assess_emergency_ends_with_get_help_now(cli):
    result = cli("assess", stdin="y\n")
    assert "GET MEDICAL HELP NOW" in result.out
    assert "No self-treatment plan is shown." in result.out
    assert "How old are you" not in result.out


def test_assess_urgent_without_clearance(cli, kb):
    emergency = sum(f.group == "emergency_signs" for f in kb.red_flags.values())
    urgent = sum(f.group == "urgent_signs" for f in kb.red_flags.values())
    replies = ["n"] * emergency + ["y"] + ["n"] * (urgent - 1) + ["n"]
    result = cli("assess", stdin="\n".join(replies) + "\n")
    assert "SEE A DOCTOR SOON" in result.out and "Your plan" not in result.out


def test_assess_end_of_input_is_not_a_traceback(cli):
    result = cli("assess", stdin="n\n")
    assert result.code == 1 and "Traceback" not in result.err


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX terminal")
def test_key_pressed_right_after_the_pain_answer_is_not_lost(answers_file, tmp_path):
    """On a real terminal: 'w' typed straight after '5 Enter' must stop the session."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "ACUPRESS_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen([sys.executable, "-m", "acupress", "session", "--answers", answers_file(), "--speed", "20"],
                               stdin=terminal, stdout=terminal, stderr=terminal, env=env)
    os.close(terminal)
    try:
        _read_until(controller, b"0 to 10?")
        os.write(controller, b"5\nw")  # the key follows the answer at once
        shown = _read_until(controller, b"0 to 10?")  # asked again once the session has ended
        os.write(controller, b"6\n")
        shown += _read_until(controller, b"Saved as session")
        process.wait(timeout=30)
    finally:
        process.kill()
        os.close(controller)
    assert b"Session stopped early." in shown and b"the pain got worse" in shown


def _read_until(fd: int, marker: bytes, timeout: float = 60) -> bytes:
    seen, deadline = b"", time.monotonic() + timeout
    while marker not in seen:
        assert time.monotonic() < deadline, f"no {marker!r} in {seen[-300:]!r}"
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            seen += os.read(fd, 4096)
    return seen
