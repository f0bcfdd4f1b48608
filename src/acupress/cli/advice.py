"""What to do now and when to get help, in the terminal: after a stopped session, a session that ends with
more pain, and in the diary when sessions leave pain higher on average (the web shows the same, from the
same knowledge/safety.yaml entries)."""

from __future__ import annotations

import textwrap

from acupress.cli.profile import emergency_number
from acupress.core.model import Knowledge

HIGHER_AFTER = "Your pain is higher than before the session. That can happen, and it is worth taking care."


def stop_advice(kb: Knowledge, reason_id: str, heading: str | None = None) -> str:
    """What to do now and when to get help, from knowledge/safety.yaml, with the emergency number."""
    reason = kb.stop_reasons[reason_id]
    lines = [heading or reason.summary]
    if reason.do_now:
        lines += ["What to do now:", *(textwrap.fill(line, 78, initial_indent="  - ", subsequent_indent="    ")
                                      for line in reason.do_now)]
    if reason.get_help:
        lines += ["When to get help:", textwrap.fill(reason.get_help, 78, initial_indent="  ", subsequent_indent="  "),
                  f"  Emergency number: {emergency_number(kb)}"]
    if reason.sources:
        lines.append("Sources: " + "; ".join(kb.sources[key].short() for key in reason.sources))
    return "\n".join(lines)
