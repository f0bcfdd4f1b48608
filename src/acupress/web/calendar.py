"""The adherence calendar, as SVG: one square per day, a week per row (Monday first).

A filled square is a day with a session; a dot marks a day with a pain score;
a red outline a day when a session was stopped because the pain got worse or
a spasm came. Colours are presentation attributes (see chart.py), so the
PDF report keeps them. A title and a description say the same in words.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from markupsafe import Markup, escape

from acupress.core.progress import plural
from acupress.web.chart import DANGER, LINE, MUTED, SESSION

CELL, GAP, LABEL_WIDTH, HEADER = 18, 3, 54, 16
WEEKDAYS = "MTWTFSS"


def adherence_calendar_svg(start: date, end: date, session_days: Collection[date], pain_days: Collection[date],
                           stop_days: Collection[date]) -> Markup:
    first_monday = start - timedelta(days=start.weekday())
    weeks = (end - first_monday).days // 7 + 1
    width, height = LABEL_WIDTH + 7 * (CELL + GAP), HEADER + weeks * (CELL + GAP)
    done = sum(1 for day in session_days if start <= day <= end)
    days = (end - start).days + 1
    parts = [f'<svg class="calendar" width="{width}" height="{height}" role="img" aria-labelledby="cal-title cal-desc">',
             f'<title id="cal-title">Days with a session, {start:%d %b} to {end:%d %b %Y}</title>',
             f'<desc id="cal-desc">{escape(_describe(done, days, pain_days, stop_days, start, end))}</desc>']
    parts += [f'<text x="{LABEL_WIDTH + i * (CELL + GAP) + CELL / 2}" y="11" font-size="10" fill="{MUTED}" '
              f'text-anchor="middle">{letter}</text>' for i, letter in enumerate(WEEKDAYS)]
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        y = HEADER + week * (CELL + GAP)
        parts.append(f'<text x="0" y="{y + 13}" font-size="10" fill="{MUTED}">{max(monday, start):%d %b}</text>')
        for weekday in range(7):
            day = monday + timedelta(days=weekday)
            if start <= day <= end:
                parts.append(_cell(LABEL_WIDTH + weekday * (CELL + GAP), y, day, session_days, pain_days, stop_days))
    parts.append("</svg>")
    return Markup("".join(parts))


def _cell(x: int, y: int, day: date, session_days: Collection[date], pain_days: Collection[date],
          stop_days: Collection[date]) -> str:
    fill = SESSION if day in session_days else "#fff"
    outline = f'stroke="{DANGER}" stroke-width="2.5"' if day in stop_days else f'stroke="{LINE}"'
    what = [w for w, days in (("a session", session_days), ("a pain score", pain_days),
                              ("a session stopped for worse pain or spasm", stop_days)) if day in days]
    cell = (f'<g><title>{day:%a %d %b}: {", ".join(what) or "nothing recorded"}</title>'
            f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="3" fill="{fill}" {outline}/>')
    if day in pain_days:
        dot = "#fff" if day in session_days else MUTED
        cell += f'<circle cx="{x + CELL / 2}" cy="{y + CELL / 2}" r="2.5" fill="{dot}"/>'
    return cell + "</g>"


def _describe(done: int, days: int, pain_days: Collection[date], stop_days: Collection[date], start: date,
              end: date) -> str:
    logged = sum(1 for day in pain_days if start <= day <= end)
    text = f"Sessions on {plural(done, 'day')} of {days}; pain scores on {plural(logged, 'day')}."
    stops = sum(1 for day in stop_days if start <= day <= end)
    return text + (f" Stopped for worse pain or spasm on {plural(stops, 'day')}." if stops else "")
