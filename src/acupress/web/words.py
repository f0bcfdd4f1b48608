"""Words for people on the pages: plurals, field names, sources. The API keeps its ids."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from acupress.core.model import Knowledge
from acupress.core.progress import plural
from acupress.errors import AcupressError

# What each form field is called in a sentence ("Your age must be ...").
FIELD_WORDS = {
    "age": "Your age",
    "pain_now": "Your pain right now",
    "pain_started_days_ago": "How long ago the pain started",
    "pregnant": "The pregnancy answer",
    "red_flags": "The warning signs",
    "conditions": "The health conditions",
    "clinician_cleared": "The clinician answer",
    "protocol": "The routine",
    "pain": "Your pain score",
    "peg_pain": "Your average pain in the past week",
    "peg_enjoyment": "How much pain got in the way of enjoying life",
    "peg_activity": "How much pain got in the way of your daily activities",
    "note": "The note",
    "tz_offset": "Your time zone",
    "photo": "The photo",
    "point": "The point",
    "side": "The side",
    "emergency_number": "The emergency number",
    "email": "Your email",
    "display_name": "Your name",
    "password": "The password",
    "password_again": "The second password",
    "current_password": "Your current password",
    "new_password": "The new password",
    "new_password_again": "The second new password",
    "invite_code": "The invite code",
    "code": "The code",
    "role": "The kind of account",
    "label": "The note",
    "start_date": "The start date",
    "weeks": "The number of weeks",
    "notes": "The notes",
    "steps": "The program",
    "login": "Logging in",
    "signup": "Creating an account",
}
VERBS = ("must ", "is ", "are ", "cannot ", "can ", "does ", "has ", "should ")


def field_words(field: str | None) -> str:
    if not field:
        return "This answer"
    row = re.fullmatch(r"(activity|ability)_(\d)", field)  # the activity check's rows, counted from 1
    if row:
        number = int(row.group(2)) + 1
        return f"The name of activity {number}" if row.group(1) == "activity" else f"How well you can do activity {number}"
    return FIELD_WORDS.get(field, field.replace("_", " ").capitalize())


class PageError:
    """An error as a page shows it: a sentence in words; `field` still says where to show it."""

    def __init__(self, error: AcupressError) -> None:
        self.field, self.message = error.field, error.message

    def sentence(self) -> str:
        if self.message.startswith("Please "):  # already a whole sentence for a person
            return self.message
        message = self.message.rstrip(".")
        joiner = " " if message.startswith(VERBS) else ": "  # "Your age must be ...", "The photo: too small"
        return f"{field_words(self.field)}{joiner}{message}."

    __str__ = sentence


def page_error(error: Any) -> Any:
    """Errors given to templates read as sentences; anything else passes through."""
    return PageError(error) if isinstance(error, AcupressError) else error


def source_links(keys: Any, kb: Knowledge) -> Markup:
    """ "Qaseem et al., 2017, Alban, undated": author and year, each a link to the Sources page."""
    links = [f'<a href="/sources#{escape(key)}">{escape(kb.sources[key].short())}</a>' for key in keys if key in kb.sources]
    return Markup("; ".join(links))


def limits_of(step: dict[str, Any]) -> list[str]:
    """Why a plan step is gentler or narrower than asked: the explanations the limits added after the step's own rules."""
    rules, why = step.get("rules", []), step.get("why", [])
    return list(why[rules.index("stop_if_worse") + 1:]) if "stop_if_worse" in rules else []


def install(environment: Any) -> None:
    """Make these helpers available in every template."""
    from acupress.core.progress import first_days_words, session_effect_words

    environment.filters["plural"] = plural
    environment.filters["limits"] = limits_of
    environment.filters["lower_first"] = lower_first
    environment.globals.update(source_links=source_links, first_days_words=first_days_words,
                               session_effect_words=session_effect_words)


def lower_first(text: str) -> str:
    """A sentence to follow a colon: "A fall of..." -> "a fall of...", keeping names such as "KI3"."""
    word = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if len(word) == 1 or word[1:].islower() else text
