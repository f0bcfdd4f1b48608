"""Progress in words before the weekly comparison is possible, and what sessions did to the pain.

Pure functions: the caller passes the pain points (local dates) and the
sessions' pain before and after; nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .diary import PainPoint
from .record import record


@record
class FirstDays:
    entries: int
    days: int
    average: float
    lowest: int
    highest: int
    latest: int


@record
class SessionEffect:
    sessions: int
    average_change: float  # after minus before: negative means less pain after a session


def plural(count: float, word: str, many: str | None = None) -> str:
    """ "1 point", "2 points", "1.5 points"; `many` for irregular plurals ("1 entry", "2 entries")."""
    shown = str(count) if isinstance(count, int) else f"{count:g}"
    return f"{shown} {word if count == 1 else (many or word + 's')}"


def first_days(points: Sequence[PainPoint]) -> FirstDays | None:
    """What the diary holds so far; None while it is empty."""
    if not points:
        return None
    ordered = sorted(points, key=lambda p: p.day)
    pains = [p.pain for p in ordered]
    return first_days_of(len(pains), len({p.day for p in ordered}), sum(pains), min(pains), max(pains), ordered[-1].pain)


def first_days_of(entries: int, days: int, pain_sum: int, lowest: int, highest: int, latest: int) -> FirstDays:
    """The same from totals a database adds up (`latest`: the last score of the latest day)."""
    return FirstDays(entries, days, round(pain_sum / entries, 1), lowest, highest, latest)


def first_days_words(summary: FirstDays) -> str:
    """ "So far: 3 pain scores over 2 days, on average 5.3 out of 10 (lowest 4, highest 7)." """
    spread = "" if summary.lowest == summary.highest else f" (lowest {summary.lowest}, highest {summary.highest})"
    return (f"So far: {plural(summary.entries, 'pain score')} over {plural(summary.days, 'day')}, "
            f"on average {summary.average:g} out of 10{spread}. After your first week, acupress compares "
            "each week with it.")


def session_effect(before_after: Iterable[tuple[int | None, int | None]]) -> SessionEffect | None:
    """The average change in pain across sessions with a score before and after; None without any."""
    changes = [after - before for before, after in before_after if before is not None and after is not None]
    return session_effect_of(len(changes), sum(changes))


def session_effect_of(sessions: int, change_sum: int) -> SessionEffect | None:
    """The same from totals: how many sessions had both scores, and the sum of their changes."""
    return SessionEffect(sessions, round(change_sum / sessions, 1)) if sessions else None


def session_effect_words(effect: SessionEffect) -> str:
    change = abs(effect.average_change)
    if change < 0.05:
        how = "the same before and after, on average"
    else:
        points = "1 point" if change == 1 else f"{change:g} points"
        how = f"{points} {'lower' if effect.average_change < 0 else 'higher'} after than before, on average"
    return f"Across {plural(effect.sessions, 'session')}, your pain was {how}."
