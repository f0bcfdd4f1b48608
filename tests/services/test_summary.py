"""The bounded summary (and what is due) gives what the core's diary maths gives on the whole diary.

The reference below is the summary as it was written before it was bounded: it
reads every entry and session and hands them all to core/. Random diaries
(several time zones, demonstrations, sessions stopped early or without work,
PEG checks, records dated after "today") must give the same summary, chart and
table on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acupress.core.diary import PainPoint, adherence, pain_change
from acupress.core.follow_up import peg_change
from acupress.core.outcomes import due_measures
from acupress.core.progress import first_days, session_effect
from acupress.services.schedule import MEASURES, measures_due
from acupress.services.summary import peg_change_of, recent_records, timeline, user_summary
from acupress.storage import diary, sessions, users
from acupress.storage.db import reading, transaction
from acupress.web.chart import pain_chart_svg

START = datetime(2026, 9, 1, tzinfo=UTC)
offsets = st.sampled_from([-600, -300, 0, 60, 330, 540, 840])  # minutes: Hawaii to Kiribati
moments = st.builds(lambda hours, offset: (START + timedelta(hours=hours)).astimezone(timezone(timedelta(minutes=offset))),
                    st.integers(0, 24 * 70), offsets)
scores = st.integers(0, 10)
entries = st.builds(diary.NewEntry, recorded_at=moments, pain=scores, note=st.just(""),
                    peg_pain=st.none() | scores, peg_enjoyment=st.none() | scores, peg_activity=st.none() | scores)
work = st.lists(st.fixed_dictionaries({"step_id": st.just("SI3"), "side": st.just("left"), "seconds": st.integers(1, 300)}),
                max_size=2)
records = st.builds(
    lambda start, steps, before, after, completed, demo: sessions.NewSession(
        started_at=start, ended_at=start + timedelta(minutes=6), plan={}, steps_done=steps, pain_before=before,
        pain_after=after, completed=completed, stop_reason=None if completed else "spasm", demo=demo),
    moments, work, st.none() | scores, st.none() | scores, st.booleans(), st.booleans())


def reference(conn, user_id: int, today: date, kb) -> dict:
    """The unbounded summary: every entry and session through core/."""
    every_entry = diary.list_entries(conn, user_id)
    real = sessions.list_sessions(conn, user_id, include_demo=False)
    points = [PainPoint(e["recorded_at"].date(), e["pain"]) for e in every_entry]
    session_days = [s["started_at"].date() for s in real if s["completed"] or s["steps_done"]]
    first_day = min([p.day for p in points] + session_days, default=today)
    pegs = [e for e in every_entry if e["peg_score"] is not None]
    return {"entries": every_entry, "sessions": real, "last_entry": every_entry[-1] if every_entry else None,
            "change": pain_change(points, today, kb), "adherence": adherence(session_days, first_day, today),
            "last_peg": pegs[-1] if pegs else None, "first_days": first_days(points),
            "session_effect": session_effect((s["pain_before"], s["pain_after"]) for s in real)}


def reference_due(conn, user_id: int, today: date, kb) -> list:
    """What is due, worked out from every entry and session."""
    every_entry = diary.list_entries(conn, user_id)
    last = {"pain_nrs": max((e["recorded_at"].date() for e in every_entry), default=None),
            "peg": max((e["recorded_at"].date() for e in every_entry if e["peg_score"] is not None), default=None),
            "psfs": None}
    begun = [e["recorded_at"].date() for e in every_entry[:1]]
    begun += [s["started_at"].date() for s in sessions.list_sessions(conn, user_id, include_demo=False)[:1]]
    return due_measures((kb.questionnaires[m] for m in MEASURES), last, today, min(begun, default=None))


def reference_timeline(summary: dict, limit: int = 12) -> list[dict]:
    rows = [{"kind": "entry", "at": e["recorded_at"], **e} for e in summary["entries"]]
    rows += [{"kind": "session", "at": s["started_at"], **s} for s in summary["sessions"]]
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows[:limit]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(written=st.lists(entries, max_size=25), done=st.lists(records, max_size=15), day=st.integers(-3, 80))
def test_the_bounded_summary_gives_the_numbers_of_the_whole_diary(engine, kb, written, done, day):
    today = START.date() + timedelta(days=day)
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        users.delete_user_data(conn, me)
        for entry in written:
            diary.add_entry(conn, me, entry)
        for record in done:
            sessions.add_session(conn, me, record)
    with reading(engine) as conn:
        expected, got = reference(conn, me, today, kb), user_summary(conn, me, today, kb)
        for key in ("last_entry", "change", "adherence", "last_peg", "first_days", "session_effect"):
            assert got[key] == expected[key], key
        assert (got["entry_count"], got["session_count"]) == (len(expected["entries"]), len(expected["sessions"]))
        every_peg = [(e["recorded_at"].date(), float(e["peg_score"])) for e in expected["entries"] if e["peg_score"] is not None]
        assert peg_change_of(conn, me, today, kb) == peg_change(every_peg, today, kb)
        assert timeline(conn, me) == reference_timeline(expected)
        due = [(d.measure, d.first_time, d.last) for d in reference_due(conn, me, today, kb)]
        assert [(d["measure"], d["first_time"], d["last"]) for d in measures_due(conn, me, kb, today)] == due
        recent_entries, recent_sessions = recent_records(conn, me, today)
        bounded_chart = pain_chart_svg(recent_entries, recent_sessions, now, diary_start=got["first_record_day"])
        assert bounded_chart == pain_chart_svg(expected["entries"], expected["sessions"], now)


def test_a_long_diary_is_summed_up_from_its_recent_weeks(engine, kb):
    """A year of daily scores: the windows the summary reads hold the first and the last weeks, not the year."""
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
        for day in range(365):
            diary.add_entry(conn, me, diary.NewEntry(START + timedelta(days=day), 7 if day < 7 else 3))
    today = (START + timedelta(days=364)).date()
    with reading(engine) as conn:
        got = user_summary(conn, me, today, kb)
        recent_entries, _ = recent_records(conn, me, today)
    assert got["entry_count"] == 365 and len(recent_entries) == 30
    assert (got["change"].baseline, got["change"].current, got["change"].meaningful) == (7.0, 3.0, True)
    assert got["first_days"].days == 365 and got["first_days"].average == round((7 * 7 + 358 * 3) / 365, 1)
