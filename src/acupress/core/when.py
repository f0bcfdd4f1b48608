"""Situations described by answers: the `when` and `applies_when` of the knowledge base.

A clause is a small mapping such as ``{age_from: 65, pain_from: 7, days_under: 28}``;
it holds when every part holds. A list of clauses holds when any one does.
The words are documented in red_flags.yaml; the loader checks them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .answers import Answers
from .model import Clause

_TESTS: dict[str, Callable[[Answers, Any], bool]] = {
    "age_under": lambda a, v: a.age < v,
    "age_from": lambda a, v: a.age >= v,
    "pain_from": lambda a, v: a.pain_now >= v,
    "days_under": lambda a, v: a.pain_started_days_ago < v,
    "days_over": lambda a, v: a.pain_started_days_ago > v,
    "pregnant": lambda a, v: a.pregnant is v,
    "pregnancy_signs_answered": lambda a, v: (a.pregnancy_signs is not None) is v,
    "conditions_any": lambda a, v: any(condition in a.conditions for condition in v),
    "any_red_flag": lambda a, v: bool(a.red_flags or a.pregnancy_signs) is v,
}
CLAUSE_WORDS = tuple(_TESTS)


# Plain loops rather than all()/any() over generators: these run for every plan.
def clause_holds(clause: Clause, answers: Answers) -> bool:
    for word, value in clause.items():  # noqa: SIM110 (see above)
        if not _TESTS[word](answers, value):
            return False
    return True


def any_holds(clauses: Iterable[Clause], answers: Answers) -> bool:
    for clause in clauses:  # noqa: SIM110 (see above)
        if clause_holds(clause, answers):
            return True
    return False
