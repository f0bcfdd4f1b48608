"""The terminal's report, import and checks: files written whole, bad input in one line with exit code 2."""

from __future__ import annotations

import json

from acupress.knowledge import load_knowledge


def test_report_writes_html_and_refuses_other_kinds(cli, tmp_path):
    out = tmp_path / "report.html"
    done = cli("report", "--out", str(out), "--from", "2026-10-01", "--to", "2026-10-30")
    assert done.code == 0, done.err
    html = out.read_text()
    assert "Back pain progress report" in html and "does not show that the points caused it" in html
    assert "<style>" in html, "the HTML report is one file: its stylesheet is inside it"
    refused = cli("report", "--out", str(tmp_path / "report.txt"))
    assert refused.code == 2 and refused.err.count("\n") == 1 and "--out" in refused.err and ".pdf or .html" in refused.err
    bad_day = cli("report", "--out", str(out), "--from", "2026-13-01")
    assert bad_day.code == 2 and "--from" in bad_day.err and "2026-11-25" in bad_day.err


def test_check_asks_the_peg_and_the_activities_and_remembers_them(cli):
    peg = cli("check", "peg", stdin="7\n6\n6\n5\n")
    assert peg.code == 0, peg.err
    assert "PEG score 6.3 out of 10, pain now 5" in peg.out
    first = cli("check", "activities", stdin="Putting on socks\nCarrying shopping\n\n3\n4\n")
    assert first.code == 0, first.err
    assert "average 3.5 out of 10 over 2 activities" in first.out
    again = cli("check", "activities", stdin="6\n5\n")  # the same activities are asked again
    assert "Putting on socks:" in again.out and "average 5.5" in again.out
    exported = json.loads(cli("export", "json").out)
    assert [c["score"] for c in exported["function_checks"]] == [3.5, 5.5]


def test_the_cli_says_when_a_check_is_due(cli):
    logged = cli("log", "5")
    assert logged.code == 0
    assert "Due: Your first weekly check (PEG) is due" in logged.out and "acupress check peg" in logged.out
    assert "Due: Your first activity check is due" in logged.out
    assert "pain score is due" not in logged.out, "the pain score was just given"
    cli("check", "peg", stdin="5\n5\n5\n5\n")
    cli("check", "activities", stdin="Walking\n\n4\n")
    assert cli("check").out.startswith("Nothing is due today")


def test_import_takes_an_export_once_and_refuses_a_bad_file_in_one_line(cli, tmp_path):
    cli("log", "6", "--note", "=1+1")
    exported = tmp_path / "mine.json"
    assert cli("export", "json", "--out", str(exported)).code == 0
    data = json.loads(exported.read_text())
    cli("forget", "--yes")
    done = cli("import", str(exported))
    assert done.code == 0 and "Imported 1 record (1 diary entry)" in done.out
    assert "already in your diary" in cli("import", str(exported)).out
    data["diary"][0]["pain"] = "six"
    exported.write_text(json.dumps(data))
    refused = cli("import", str(exported))
    assert refused.code == 2 and refused.err.count("\n") == 1
    assert "diary[0].pain" in refused.err and "nothing was changed" in refused.err
    missing = cli("import", str(tmp_path / "nowhere.json"))
    assert missing.code == 2 and "cannot read" in missing.err


def test_the_cli_csv_round_trip_keeps_a_formula_like_note_as_text(cli, tmp_path):
    cli("log", "4", "--note", "=cmd|' /C calc'!A0")
    csv_file = tmp_path / "diary.csv"
    cli("export", "csv", "--out", str(csv_file))
    cli("forget", "--yes")
    assert cli("import", str(csv_file)).code == 0
    assert json.loads(cli("export", "json").out)["diary"][0]["note"] == "=cmd|' /C calc'!A0"
    assert load_knowledge().questionnaires["psfs"].schedule.every_days == 14
