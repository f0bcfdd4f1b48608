"""The pain chart, drawn on the server as SVG: no chart library, works without JavaScript.

The SVG has no viewBox: across it, positions are percentages of its width,
and down it, pixels. So it fills any screen while its text keeps the page's
font size (a scaled viewBox made the labels 6 px tall on a phone).

One column per day. A day's pain scores are dots joined by a line through
each day's average; a session is a short bar from the pain before it (open
circle) to the pain after it (filled), dashed when it was stopped early.

Colours are also written as SVG presentation attributes (which a page's CSS
overrides), so the same SVG keeps them where no stylesheet reaches it: in the
PDF report, which WeasyPrint draws.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from acupress.core.progress import plural

HEIGHT = 230
TOP, BOTTOM = 14, 40  # pixels above the 10 line and below the 0 line
LEFT, RIGHT = 13.0, 97.0  # the plot's edges, in percent of the width
MAX_DAYS, MIN_DAYS = 30, 7
BRAND, SESSION, DANGER, LINE, MUTED = "#1d5b79", "#2e7d32", "#a4161a", "#d6d2c8", "#4a4a4a"  # as in app.css


def pain_chart_svg(entries: list[dict[str, Any]], sessions: list[dict[str, Any]], now: datetime,
                   first_day: date | None = None) -> Markup:
    """The chart up to `now`: from `first_day` (a report's period), or the last 7 to 30 days with data."""
    today = now.date()
    first = min([e["recorded_at"].date() for e in entries] + [s["started_at"].date() for s in sessions] + [today])
    days = max(MIN_DAYS, min(MAX_DAYS, (today - first).days + 1)) if first_day is None else (today - first_day).days + 1
    start = today - timedelta(days=days - 1)
    recent = [e for e in entries if start <= e["recorded_at"].date() <= today]
    shown = [s for s in sessions if start <= s["started_at"].date() <= today]
    axis = _Axis(start, days)
    parts = [f'<svg class="chart" width="100%" height="{HEIGHT}" role="img" aria-labelledby="chart-title chart-desc">',
             f'<title id="chart-title">Pain over the last {days} days</title>',
             f'<desc id="chart-desc">{escape(describe(recent, shown, days))}</desc>']
    parts += _grid(axis, today if first_day is None else None)  # a report's period may end before today
    parts += _pain_marks(axis, recent)
    parts += _session_marks(axis, shown)
    parts.append("</svg>")
    return Markup("".join(parts))


class _Axis:
    def __init__(self, start: date, days: int) -> None:
        self.start, self.days = start, days

    def x(self, day: date, shift: float = 0.0) -> str:
        """The middle of a day's column (shifted by a share of a column), as a percentage."""
        column = (day - self.start).days + 0.5 + shift
        return f"{LEFT + (RIGHT - LEFT) * column / self.days:.2f}%"

    @staticmethod
    def y(pain: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - pain / 10)


def _grid(axis: _Axis, today: date | None) -> list[str]:
    parts = []
    for level in (0, 5, 10):
        y = axis.y(level)
        parts.append(f'<line class="grid" stroke="{LINE}" x1="{LEFT}%" x2="{RIGHT}%" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" fill="{MUTED}" x="{LEFT - 2}%" y="{y + 5:.1f}" text-anchor="end">{level}</text>')
    labelled = sorted({0, axis.days // 2, axis.days - 1})
    for index in labelled:
        day = axis.start + timedelta(days=index)
        label = "today" if day == today else f"{day.day} {day:%b}"
        anchor = "end" if index == axis.days - 1 else ("start" if index == 0 else "middle")
        parts.append(f'<text class="axis" fill="{MUTED}" x="{axis.x(day, 0.5 if anchor == "end" else -0.5 if anchor == "start" else 0)}" '
                     f'y="{HEIGHT - 14}" text-anchor="{anchor}">{label}</text>')
    return parts


def _by_day(entries: list[dict[str, Any]]) -> dict[date, list[dict[str, Any]]]:
    grouped: dict[date, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        grouped[entry["recorded_at"].date()].append(entry)
    return dict(sorted(grouped.items()))


def _pain_marks(axis: _Axis, entries: list[dict[str, Any]]) -> list[str]:
    parts = []
    days = _by_day(entries)
    averages = [(day, sum(e["pain"] for e in group) / len(group)) for day, group in days.items()]
    for (day_a, pain_a), (day_b, pain_b) in pairwise(averages):
        parts.append(f'<line class="pain-line" stroke="{BRAND}" stroke-width="2.5" x1="{axis.x(day_a)}" y1="{axis.y(pain_a):.1f}" '
                     f'x2="{axis.x(day_b)}" y2="{axis.y(pain_b):.1f}"/>')
    for day, group in days.items():
        if len(group) > 1:
            low, high = min(e["pain"] for e in group), max(e["pain"] for e in group)
            parts.append(f'<line class="day-range" stroke="{BRAND}" stroke-opacity="0.25" stroke-width="8" x1="{axis.x(day)}" x2="{axis.x(day)}" '
                         f'y1="{axis.y(low):.1f}" y2="{axis.y(high):.1f}"/>')
        for entry in group:
            parts.append(f'<circle class="pain-dot" fill="{BRAND}" cx="{axis.x(day)}" cy="{axis.y(entry["pain"]):.1f}" r="5">'
                         f'<title>{entry["recorded_at"]:%d %b %H:%M}: pain {entry["pain"]}</title></circle>')
    return parts


def _session_marks(axis: _Axis, sessions: list[dict[str, Any]]) -> list[str]:
    parts = []
    for session in sessions:
        day = session["started_at"].date()
        x = axis.x(day, 0.3)
        before, after = session["pain_before"], session["pain_after"]
        stopped = "" if session["completed"] else " stopped"
        colour = DANGER if stopped else SESSION
        label = f'Session {session["started_at"]:%d %b %H:%M}{"" if session["completed"] else " (stopped early)"}'
        if before is None or after is None:
            parts.append(f'<rect class="session-mark{stopped}" fill="{colour}" x="{x}" y="{HEIGHT - BOTTOM + 4}" width="8" height="8">'
                         f'<title>{label}</title></rect>')
            continue
        dash = ' stroke-dasharray="4 3"' if stopped else ""
        parts.append(f'<g class="session{stopped}"><title>{label}: pain {before} before, {after} after</title>'
                     f'<line class="session-bar" stroke="{colour}" stroke-width="3"{dash} x1="{x}" x2="{x}" y1="{axis.y(before):.1f}" y2="{axis.y(after):.1f}"/>'
                     f'<circle class="session-before" fill="#fff" stroke="{colour}" stroke-width="2.5" cx="{x}" cy="{axis.y(before):.1f}" r="5"/>'
                     f'<circle class="session-after" fill="{colour}" cx="{x}" cy="{axis.y(after):.1f}" r="5"/></g>')
    return parts


def describe(entries: list[dict[str, Any]], sessions: list[dict[str, Any]], days: int) -> str:
    """The chart in words, for screen readers."""
    if not entries and not sessions:
        return f"No pain scores or sessions in the last {days} days yet."
    parts = []
    if entries:
        day_count = len({e["recorded_at"].date() for e in entries})
        parts.append(f"{plural(len(entries), 'pain entry', 'pain entries')} on {plural(day_count, 'day')}: "
                     f"first {entries[0]['pain']}, latest {entries[-1]['pain']} out of 10.")
    paired = [s for s in sessions if s["pain_before"] is not None and s["pain_after"] is not None]
    text = plural(len(sessions), "session")
    if paired:
        text += ", pain before and after: " + ", ".join(f"{s['pain_before']} to {s['pain_after']}" for s in paired[-5:])
    parts.append(text + ".")
    return " ".join(parts)
