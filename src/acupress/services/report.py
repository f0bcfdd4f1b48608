"""The progress report: what a person recorded over a period, for their clinician.

`build_report` gathers everything the one-page report shows (the plan, pain
over time with sessions, adherence, PEG and activity-check change against
their meaningful-change thresholds, sessions stopped for safety, warning signs
reported, the sources) as plain data; `web.report_render` turns it into
HTML and PDF. Numbers and words come from core/ and the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from acupress.core.answers import parse_answers
from acupress.core.diary import PainPoint, longest_streak, pain_change
from acupress.core.model import Knowledge, Questionnaire
from acupress.core.outcomes import MeasureChange, judge_change
from acupress.core.plan import build_plan
from acupress.errors import InvalidInput
from acupress.services.plans import current_plan
from acupress.storage.assessments import list_assessments
from acupress.storage.diary import list_entries
from acupress.storage.function_checks import list_function_checks
from acupress.storage.sessions import list_sessions
from acupress.storage.users import get_user

DEFAULT_DAYS = 30
MAX_DAYS = 366


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment.date() <= self.end


def report_period(start: date | None, end: date | None, today: date) -> Period:
    """The period asked for: by default the 30 days up to today; refused if backwards or over a year."""
    last = end or today
    first = start or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise InvalidInput(f"must not be after the end of the period ({last.isoformat()})", field="from")
    if (last - first).days + 1 > MAX_DAYS:
        raise InvalidInput(f"a report covers at most {MAX_DAYS} days; choose a later start", field="from")
    return Period(first, last)


def parse_day(text: str | None, field: str) -> date | None:
    """A calendar date as YYYY-MM-DD, or None when not given."""
    if text is None or text == "":
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"must be a date like 2026-11-25 (got {text[:40]!r})", field=field) from None
    if not 1970 <= day.year <= 2200:
        raise InvalidInput("must be a date between 1970 and 2200", field=field)
    return day


@dataclass(frozen=True)
class MeasureResult:
    """One outcome measure over the period: its first and latest values and the change between them."""

    measure: Questionnaire
    count: int
    first: float | None = None
    first_on: date | None = None
    latest: float | None = None
    latest_on: date | None = None
    change: MeasureChange | None = None
    details: list[dict[str, Any]] = field(default_factory=list)  # PSFS: each activity, first and latest


@dataclass(frozen=True)
class Report:
    person: str | None
    period: Period
    made_at: datetime
    plan: dict[str, Any] | None
    entries: list[dict[str, Any]]
    sessions: list[dict[str, Any]]
    pain: MeasureResult
    peg: MeasureResult
    psfs: MeasureResult
    adherence: dict[str, Any]  # days_done, days, share, longest_streak: sessions over the period
    session_days: list[date]
    safety_stops: list[dict[str, Any]]
    warning_signs: list[dict[str, Any]]
    notes: dict[str, Any]  # rule id -> Rule: the honest words about cause, what the report is
    sources: list[str]  # citations, in order of first use


def build_report(conn: Connection, user_id: int, period: Period, kb: Knowledge, now: datetime,
                 name: str | None = None) -> Report:
    """Everything the report shows; `name`: the person's name as it should appear (default: their account's)."""
    entries = [e for e in list_entries(conn, user_id) if period.holds(e["recorded_at"])]
    sessions = [s for s in list_sessions(conn, user_id, include_demo=False) if period.holds(s["started_at"])]
    checks = [c for c in list_function_checks(conn, user_id) if period.holds(c["recorded_at"])]
    session_days = sorted({s["started_at"].date() for s in sessions if s["completed"] or s["steps_done"]})
    built = current_plan(conn, user_id, kb)
    notes = {rule_id: kb.rule(rule_id) for rule_id in ("improvement_not_proof", "report_not_a_diagnosis")}
    measures = (_pain(entries, period, kb), _peg(entries, kb), _psfs(checks, kb))
    return Report(
        person=name or _person(conn, user_id), period=period, made_at=now,
        plan=built.to_dict() if built else None, entries=entries, sessions=sessions,
        pain=measures[0], peg=measures[1], psfs=measures[2],
        adherence={"days_done": len(session_days), "days": period.days, "share": len(session_days) / period.days,
                   "longest_streak": longest_streak(set(session_days))}, session_days=session_days,
        safety_stops=_safety_stops(sessions, kb), warning_signs=_warning_signs(conn, user_id, period, kb),
        notes=notes, sources=_citations(kb, measures, notes))


def _person(conn: Connection, user_id: int) -> str | None:
    """The account's name; None for the single person of a local install (called "You")."""
    user = get_user(conn, user_id)
    return None if user["is_local"] else str(user["display_name"])


def _pain(entries: list[dict[str, Any]], period: Period, kb: Knowledge) -> MeasureResult:
    measure = kb.questionnaires["pain_nrs"]
    if not entries:
        return MeasureResult(measure, 0)
    weekly = pain_change([PainPoint(e["recorded_at"].date(), e["pain"]) for e in entries], period.end, kb)
    first, last = entries[0], entries[-1]
    change = judge_change(measure.change, weekly.baseline, weekly.current) if weekly and measure.change else None
    return MeasureResult(measure, len(entries), weekly.baseline if weekly else first["pain"], first["recorded_at"].date(),
                         weekly.current if weekly else last["pain"], last["recorded_at"].date(), change)


def _first_and_latest(measure: Questionnaire, rows: list[dict[str, Any]], key: str, time_key: str) -> MeasureResult:
    if not rows:
        return MeasureResult(measure, 0)
    first, last = rows[0], rows[-1]
    change = judge_change(measure.change, first[key], last[key]) if len(rows) > 1 and measure.change else None
    return MeasureResult(measure, len(rows), first[key], first[time_key].date(), last[key], last[time_key].date(), change)


def _peg(entries: list[dict[str, Any]], kb: Knowledge) -> MeasureResult:
    return _first_and_latest(kb.questionnaires["peg"], [e for e in entries if e["peg_score"] is not None],
                             "peg_score", "recorded_at")


def _psfs(checks: list[dict[str, Any]], kb: Knowledge) -> MeasureResult:
    result = _first_and_latest(kb.questionnaires["psfs"], checks, "score", "recorded_at")
    if not checks:
        return result
    latest = {r["activity"]: r["ability"] for r in checks[-1]["ratings"]}
    details = [{"activity": r["activity"], "first": r["ability"], "latest": latest.get(r["activity"])}
               for r in checks[0]["ratings"]]
    return replace(result, details=details)


def _safety_stops(sessions: list[dict[str, Any]], kb: Knowledge) -> list[dict[str, Any]]:
    """Sessions stopped because the pain got worse or a spasm came (stop reasons marked `safety`)."""
    stops = []
    for session in sessions:
        reason = kb.stop_reasons.get(session["stop_reason"] or "")
        if reason is not None and reason.safety:
            stops.append({"at": session["started_at"], "reason": reason.label, "pain_before": session["pain_before"],
                          "pain_after": session["pain_after"]})
    return stops


def _warning_signs(conn: Connection, user_id: int, period: Period, kb: Knowledge) -> list[dict[str, Any]]:
    """Warning signs in the answers given during the period (asked, or worked out from the answers)."""
    signs = []
    for assessment in list_assessments(conn, user_id):
        answered = assessment["created_at"]
        if not period.holds(answered):
            continue
        plan = build_plan(parse_answers(assessment["answers"], kb), kb)
        for reason in plan.triage.reasons:
            flag = kb.flag(reason.id)
            signs.append({"on": answered.date(), "sign": flag.title or flag.question or reason.message,
                          "level": flag.level, "cleared": plan.triage.level == "self_care"})
    return signs


def _citations(kb: Knowledge, measures: tuple[MeasureResult, ...], notes: dict[str, Any]) -> list[str]:
    keys: list[str] = []
    for result in measures:
        keys += [*result.measure.sources, *(result.measure.change.sources if result.measure.change else ())]
    for rule in notes.values():
        keys += rule.sources
    return [_compact(kb.sources[key]) for key in dict.fromkeys(keys)]


def _compact(source: Any) -> str:
    """A citation short enough for a one-page report: who and when, a short title, where (with doi or address)."""
    where = f"doi:{source.doi}" if source.doi else (source.url or "")
    title = f" {source.title}." if len(source.title) <= 60 else ""
    return f"{source.short()}.{title} {source.published}. {where}".strip()


def person_report(conn: Connection, user_id: int, kb: Knowledge, start: str | None, end: str | None,
                  name: str | None = None) -> Report:
    """The report for the days asked for (`from`/`to` as typed; by default the last 30), in the person's own time."""
    from acupress.services.today import person_now

    now = person_now(conn, user_id)
    period = report_period(parse_day(start, "from"), parse_day(end, "to"), now.date())
    return build_report(conn, user_id, period, kb, now, name)
