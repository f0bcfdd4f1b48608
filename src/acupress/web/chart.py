"""The pain chart, drawn on the server as SVG: no chart library, works without JavaScript."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 12, 40
DAYS = 30


def pain_chart_svg(entries: list[dict[str, Any]], sessions: list[dict[str, Any]], now: datetime) -> Markup:
    start = now - timedelta(days=DAYS)
    span = (now - start).total_seconds()
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(moment: datetime) -> float:
        return LEFT + plot_w * max(0.0, (moment - start).total_seconds()) / span

    def y(pain: float) -> float:
        return TOP + plot_h * (1 - pain / 10)

    recent = [e for e in entries if e["recorded_at"] >= start]
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title chart-desc">',
             '<title id="chart-title">Pain over the last 30 days</title>',
             f'<desc id="chart-desc">{escape(_describe(recent, sessions, start))}</desc>']
    for level in (0, 5, 10):
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(level):.1f}" y2="{y(level):.1f}"/>')
        parts.append(f'<text class="axis" x="{LEFT - 8}" y="{y(level) + 4:.1f}" text-anchor="end">{level}</text>')
    for days_ago in (30, 20, 10, 0):
        moment = now - timedelta(days=days_ago)
        label = "today" if days_ago == 0 else moment.strftime("%d %b")
        anchor = "end" if days_ago == 0 else "middle"
        parts.append(f'<text class="axis" x="{x(moment):.1f}" y="{HEIGHT - 22}" text-anchor="{anchor}">{label}</text>')
    if len(recent) > 1:
        path = " ".join(f"{x(e['recorded_at']):.1f},{y(e['pain']):.1f}" for e in recent)
        parts.append(f'<polyline class="pain-line" points="{path}"/>')
    for entry in recent:
        parts.append(f'<circle class="pain-dot" cx="{x(entry["recorded_at"]):.1f}" cy="{y(entry["pain"]):.1f}" r="4">'
                     f'<title>{entry["recorded_at"]:%d %b %H:%M}: pain {entry["pain"]}</title></circle>')
    for session in sessions:
        if session["started_at"] >= start:
            sx = x(session["started_at"])
            shape = "session-done" if session["completed"] else "session-stopped"
            parts.append(f'<path class="{shape}" d="M{sx:.1f},{HEIGHT - 14} l-5,9 h10 z">'
                         f'<title>Session {session["started_at"]:%d %b %H:%M}'
                         f'{"" if session["completed"] else " (stopped early)"}</title></path>')
    parts.append(f'<text class="axis" x="{LEFT}" y="{HEIGHT - 2}">▲ session (outlined: stopped early)</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _describe(entries: list[dict[str, Any]], sessions: list[dict[str, Any]], start: datetime) -> str:
    if not entries:
        return "No pain entries in the last 30 days yet."
    first, last = entries[0]["pain"], entries[-1]["pain"]
    count = sum(1 for s in sessions if s["started_at"] >= start)
    return f"{len(entries)} pain entries: first {first}, latest {last} out of 10. {count} sessions."
