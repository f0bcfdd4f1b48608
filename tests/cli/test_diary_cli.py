"""`acupress log`, `diary` and `export csv` on the real default database."""

from __future__ import annotations

import csv
import io
from datetime import datetime


def _real_session(pain_before: int, pain_after: int, completed: bool = True, stop_reason: str | None = None) -> None:
    """A session played in real time (minutes long), recorded as `acupress session` records it."""
    from acupress.cli.session_cmd import record_session
    from acupress.cli.session_player import Outcome

    outcome = Outcome(completed, stop_reason, {("SI3", "left"): 120, ("SI3", "right"): 120})
    record_session({}, outcome, pain_before, pain_after, datetime.now().astimezone())


def test_log_then_diary_then_export(cli, tmp_path, answers_file):
    assert cli("log", "7", "--note", "stiff morning").code == 0
    assert cli("log", "5").code == 0
    _real_session(6, 4)
    shown = cli("diary")
    assert "stiff morning" in shown.out and "pain: " in shown.out
    assert "session" in shown.out and "6 → 4" in shown.out, "sessions appear in the diary"
    assert "Session streak: 1 day (longest 1 day)." in shown.out
    assert "So far: 2 pain scores over 1 day, on average 6 out of 10 (lowest 5, highest 7)." in shown.out
    assert "Across 1 session, your pain was 2 points lower after than before, on average." in shown.out
    data = cli("diary", "--format", "json").json()
    assert [e["pain"] for e in data["entries"]] == [7, 5]
    assert [(s["pain_before"], s["pain_after"]) for s in data["sessions"]] == [(6, 4)]
    out = tmp_path / "export.csv"
    assert cli("export", "csv", "--out", str(out)).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["record"] for r in rows] == ["entry", "entry", "session"]
    assert rows[2]["steps_done"].startswith("SI3:left:120") and rows[2]["pain_after"] == "4"


def test_sessions_from_the_terminal_show_in_the_diary_and_demonstrations_are_marked(cli, answers_file):
    assert cli("diary").out.startswith("The diary is empty.")
    cli("session", "--answers", answers_file(), "--speed", "10000", stdin="6\n4\n")
    cli("session", "--answers", answers_file(), "--speed", "10000", stdin="5\nm\n6\n")
    _real_session(5, 6, completed=False, stop_reason="spasm")
    shown = cli("diary").out
    assert shown.count("session (demonstration)") == 2
    assert "session, stopped: muscle spasm" in shown
    assert "Session streak: 1 day" in shown, "only the real session counts"
    assert "Across 1 session, your pain was 1 point higher" in shown
    advice = shown.split("Sessions have left your pain higher, on average. Please go gently:")[1]
    assert "What to do now:" in advice and "When to get help:" in advice and "Emergency number:" in advice


def test_the_diary_gives_no_advice_when_sessions_ease_the_pain(cli):
    _real_session(6, 4)
    assert "Please go gently" not in cli("diary").out


def test_log_bad_pain_is_refused_and_nothing_is_written(cli):
    result = cli("log", "11")
    assert result.code == 2 and "Invalid value for 'pain'" in result.err
    assert cli("diary", "--format", "json").json()["entries"] == []


def test_export_to_an_unwritable_place(cli, tmp_path):
    result = cli("export", "csv", "--out", str(tmp_path / "no" / "such" / "folder" / "x.csv"))
    assert result.code == 2 and result.err.startswith("error: --out: cannot write")
    assert not (tmp_path / "no").exists()


def test_export_json_and_forget(cli, answers_file):
    cli("log", "4", "--note", "kept until forgotten")
    data = cli("export", "json").json()
    assert data["diary"][0]["note"] == "kept until forgotten"
    assert cli("forget", stdin="n\n").out.strip().endswith("Nothing was deleted.")
    assert len(cli("export", "json").json()["diary"]) == 1
    assert "deleted" in cli("forget", "--yes").out
    assert cli("export", "json").json()["diary"] == []


def test_export_ics_needs_answers_then_repeats_daily(cli, tmp_path):
    result = cli("export", "ics")
    assert result.code == 2 and "no answers saved yet" in result.err
    from acupress.cli.storage_access import open_storage
    from acupress.storage.assessments import save_assessment

    answers = {"age": 40, "pain_now": 4, "pain_started_days_ago": 300, "protocol": "trial_6_weeks"}
    open_storage().write(lambda conn, user: save_assessment(conn, user, answers, "self_care"))
    out = tmp_path / "reminders.ics"
    assert cli("export", "ics", "--time", "19:30", "--out", str(out)).code == 0
    text = out.read_text()
    assert "T193000" in text and "RRULE:FREQ=DAILY;COUNT=42" in text
    assert cli("export", "ics", "--time", "25:00").code == 2


def test_export_fhir(cli):
    cli("log", "3")
    bundle = cli("export", "fhir").json()
    assert bundle["resourceType"] == "Bundle"
    observations = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"]
    assert [o["code"]["coding"][0]["code"] for o in observations] == ["72514-3"]
