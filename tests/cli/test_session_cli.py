"""`acupress session` and `acupress assess`, driven through stdin."""

from __future__ import annotations

import json


def test_full_session_counts_both_sides(cli, answers_file):
    result = cli("session", "--answers", answers_file(pain_started_days_ago=50), "--speed", "10000", stdin="6\n4\n")
    assert result.code == 0, result.err
    assert "Session complete." in result.out
    for line in ("SI3 left: 2 min 00 s", "SI3 right: 2 min 00 s", "KI3 left: 2 min 00 s", "back_rub: 3 min 00 s"):
        assert line in result.out
    assert "Pain before 6, after 4: 2 points lower." in result.out


def test_pain_worse_stops_and_says_what_to_do(cli, answers_file):
    result = cli("session", "--answers", answers_file(), "--speed", "10000", stdin="5\nw\n7\n")
    assert "Session stopped early." in result.out
    assert "pain got worse" in result.out
    assert "KI3" not in result.out.split("Session stopped early.")[1]


def test_skip_moves_to_next_step(cli, answers_file):
    result = cli("session", "--answers", answers_file(), "--speed", "10000", stdin="5\ns\n3\n")
    assert "Skipped SI3." in result.out
    assert "back_rub: 3 min 00 s" in result.out
    assert "SI3 left" not in result.out.split("Session complete.")[1]


def test_bad_pain_answer_is_asked_again(cli, answers_file):
    result = cli("session", "--answers", answers_file(), "--speed", "10000", stdin="eleven\n12\n5\n5\n")
    assert result.out.count("Please type a whole number from 0 to 10") == 2
    assert "Pain before 5, after 5" in result.out


def test_session_refused_when_triage_stops(cli, answers_file):
    result = cli("session", "--answers", answers_file(red_flags=["major_trauma"]), stdin="")
    assert result.code == 0
    assert "GET MEDICAL HELP NOW" in result.out and "Guided session" not in result.out


def test_assess_emergency_ends_with_get_help_now(cli):
    result = cli("assess", stdin="y\n")
    assert "GET MEDICAL HELP NOW" in result.out
    assert "No self-treatment plan is shown." in result.out
    assert "How old are you" not in result.out


def test_assess_full_path_saves_answers(cli, kb, tmp_path):
    n_flags = len([f for f in kb.red_flags.values() if f.group != "pregnancy_signs"])
    n_conditions = len([c for c in kb.conditions.values() if c.group])
    replies = ["n"] * n_flags + ["45", "7", "200", "n"] + ["y"] + ["n"] * (n_conditions - 1)
    saved = tmp_path / "mine.json"
    result = cli("assess", "--save", str(saved), stdin="\n".join(replies) + "\n")
    assert result.code == 0, result.err
    assert "Your plan for long-lasting back pain" in result.out
    data = json.loads(saved.read_text())
    assert data["age"] == 45 and data["conditions"] == ["anticoagulants"]
    assert cli("plan", "--answers", str(saved), "--format", "json").json()["steps"][0]["intensity"] == "gentle"


def test_assess_urgent_without_clearance(cli, kb):
    emergency = sum(f.group == "emergency_signs" for f in kb.red_flags.values())
    urgent = sum(f.group == "urgent_signs" for f in kb.red_flags.values())
    replies = ["n"] * emergency + ["y"] + ["n"] * (urgent - 1) + ["n"]
    result = cli("assess", stdin="\n".join(replies) + "\n")
    assert "SEE A DOCTOR SOON" in result.out and "Your plan" not in result.out


def test_assess_end_of_input_is_not_a_traceback(cli):
    result = cli("assess", stdin="n\n")
    assert result.code == 1 and "Traceback" not in result.err
