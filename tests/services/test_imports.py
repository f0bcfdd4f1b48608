"""Importing a diary file: exact round trip of the JSON export, the CSV read back, bad files refused whole,
nothing twice. On SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json

import pytest
import sqlalchemy as sa

from acupress.errors import InvalidInput
from acupress.services.imports import import_file
from acupress.storage.db import make_engine, migrate, reading, transaction
from acupress.storage.diary import NewEntry, add_entry
from acupress.storage.export import diary_csv, everything
from acupress.storage.users import ensure_local_user
from tests.services.month import START, at, seed_month


@pytest.fixture
def source(engine, kb):
    """A month of a diary, with a note a spreadsheet would run as a formula, and a spot on the hand."""
    from acupress.storage.marks import save_mark

    user = ensure_local_user(engine)
    with transaction(engine) as conn:
        seed_month(conn, user, kb)
        add_entry(conn, user, NewEntry(at(START, 21), 4, note="=HYPERLINK(\"x\") and 'quoted'", client_id="phone-entry-0001"))
        save_mark(conn, user, "SI3", "left", 0.12, 0.3)
    with reading(engine) as conn:
        return {"json": everything(conn, user), "csv": diary_csv(conn, user)}


@pytest.fixture
def empty(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    migrate(engine)
    yield engine, ensure_local_user(engine)
    engine.dispose()


def run_import(engine, user, data: bytes, kb, name="diary.json"):
    with transaction(engine) as conn:
        return import_file(conn, user, name, data, kb)


def export(engine, user):
    with reading(engine) as conn:
        return everything(conn, user)


def without_ids(data):
    """The database's own ids, and when this machine's account was made, belong to the machine, not the diary."""
    if isinstance(data, dict):
        return {k: without_ids(v) for k, v in data.items() if k not in ("id", "created_at") or "answers" in data}
    if isinstance(data, list):
        return [without_ids(item) for item in data]
    return data


def test_the_json_export_round_trips_exactly(source, empty, kb):
    engine, user = empty
    summary = run_import(engine, user, json.dumps(source["json"]).encode(), kb)
    assert summary.by_kind == {"diary": 31, "sessions": 24, "function_checks": 3, "assessments": 1, "point_marks": 1}
    assert without_ids(export(engine, user)) == without_ids(source["json"])


def test_importing_the_same_file_twice_adds_nothing(source, empty, kb):
    engine, user = empty
    data = json.dumps(source["json"]).encode()
    run_import(engine, user, data, kb)
    again = run_import(engine, user, data, kb)
    assert again.added == 0 and again.skipped == 59
    assert without_ids(export(engine, user)) == without_ids(source["json"])


def test_the_csv_reads_back_with_its_formula_protection_undone(source, empty, kb):
    engine, user = empty
    summary = run_import(engine, user, source["csv"].encode(), kb, name="diary.csv")
    assert summary.by_kind["diary"] == 31 and summary.by_kind["sessions"] == 24
    mine = export(engine, user)
    assert "=HYPERLINK(\"x\") and 'quoted'" in [e["note"] for e in mine["diary"]]
    with reading(engine) as conn:
        assert csv_without_ids(diary_csv(conn, user)) == csv_without_ids(source["csv"]), "the CSV export is the same again"
    assert run_import(engine, user, source["csv"].encode(), kb, name="diary.csv").added == 0, "the CSV twice: nothing new"
    assert run_import(engine, user, json.dumps(source["json"]).encode(), kb).by_kind["diary"] == 0, \
        "entries read from the CSV are the same entries as in the JSON"


def csv_without_ids(text):
    import csv
    import io

    return [row[:1] + row[2:] for row in csv.reader(io.StringIO(text))]


def broken(source, change):
    data = copy.deepcopy(source["json"])
    change(data)
    return json.dumps(data, indent=1).encode()


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda d: d.update(format="acupress-export/2"), "format", "newer acupress"),
    (lambda d: d.update(format="something-else"), "format", "not an acupress export"),
    (lambda d: d["diary"][17].update(pain=11), "diary[17].pain", "from 0 to 10"),
    (lambda d: d["diary"][3].update(recorded_at="yesterday"), "diary[3].recorded_at", "date and time"),
    (lambda d: d["sessions"][5].update(stop_reason="bored"), "sessions[5].stop_reason", "pain_increased"),
    (lambda d: d["sessions"][2]["steps_done"][0].update(seconds=-1), "sessions[2].steps_done[0].seconds", "whole number"),
    (lambda d: d["assessments"][0]["answers"].update(age=400), "assessments[0].answers.age", ""),
    (lambda d: d["function_checks"][1]["ratings"][0].update(ability="7"), "function_checks[1].ratings[0].ability", "whole number"),
    (lambda d: d["diary"][0].update(surprise=True), "diary[0].surprise", "not a field"),
    (lambda d: d["diary"][0].update(peg_score=9.9), "diary[0].peg_score", "three items"),
])
def test_a_partly_invalid_file_is_refused_whole_naming_the_first_problem(source, empty, kb, change, field, words):
    engine, user = empty
    with pytest.raises(InvalidInput) as refused:
        run_import(engine, user, broken(source, change), kb)
    assert refused.value.field == "file"
    assert f": {field}: " in refused.value.message and words in refused.value.message
    assert "nothing was changed" in refused.value.message
    assert without_ids(export(engine, user))["diary"] == [], "nothing was half-imported"


@pytest.mark.parametrize(("data", "words"), [
    (b'{"format": "acupress-export/1", "diary": [', "line 1, column"),
    (b'{"format": "acupress-export/1", "format": "acupress-export/1"}', "appears twice"),
    (b"\xff\xfe not text", "not UTF-8"),
    (b"", "empty"),
    (b"when,pain\n2026-10-01,5\n", "line 1"),
])
def test_a_malformed_file_is_refused_in_one_line(empty, kb, data, words):
    engine, user = empty
    with pytest.raises(InvalidInput) as refused:
        run_import(engine, user, data, kb)
    assert words in str(refused.value) and "\n" not in str(refused.value)


def test_a_bad_csv_line_is_named_and_nothing_is_kept(source, empty, kb):
    engine, user = empty
    lines = source["csv"].splitlines()
    lines[40] = lines[40].replace(",yes,", ",maybe,", 1) if ",yes," in lines[40] else lines[40].replace("entry,", "entri,", 1)
    with pytest.raises(InvalidInput) as refused:
        run_import(engine, user, "\n".join(lines).encode(), kb, name="diary.csv")
    assert "line 41" in str(refused.value)
    with reading(engine) as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM diary_entries")).scalar() == 0


@pytest.mark.parametrize("note", ["=SUM(A1)", "'quoted from the start", "''two", "-3 after stretching", "plain"])
def test_every_note_survives_the_csv_exactly(engine, empty, kb, note):
    user = ensure_local_user(engine)
    with transaction(engine) as conn:
        add_entry(conn, user, NewEntry(at(START, 8), 3, note=note))
    with reading(engine) as conn:
        text = diary_csv(conn, user)
    assert not text.splitlines()[1].split(",")[8].startswith(("=", "-", "+", "@")), "the export protects the spreadsheet"
    other, other_user = empty
    run_import(other, other_user, text.encode(), kb, name="diary.csv")
    assert export(other, other_user)["diary"][0]["note"] == note
