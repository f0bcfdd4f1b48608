"""What the diary page and its panel show (also after an activity check or an import)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from acupress.core.model import Knowledge
from acupress.services.summary import recent_records, timeline, user_summary
from acupress.services.today import person_now
from acupress.storage.function_checks import list_function_checks
from acupress.web.chart import pain_chart_svg


def diary_view(conn: Connection, user: int, kb: Knowledge) -> dict[str, Any]:
    now = person_now(conn, user)
    summary = user_summary(conn, user, now.date(), kb)
    entries, sessions = recent_records(conn, user, now.date())
    checks = list_function_checks(conn, user)
    chart = pain_chart_svg(entries, sessions, now, diary_start=summary["first_record_day"])
    return {"summary": summary, "chart": chart, "timeline": timeline(conn, user), "last_check": checks[-1] if checks else None}
