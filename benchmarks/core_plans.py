"""Plans per second of the pure core on one core, against a bare baseline.

Baseline: validating the same answers only (parse_answers), measured in the
same run, so the ratio shows what building the plan costs on top.
Target: at least 20,000 plans/s. Run: python benchmarks/core_plans.py
"""

from __future__ import annotations

import itertools
import time

from acupress.core.answers import parse_answers
from acupress.core.plan import build_plan
from acupress.knowledge import load_knowledge

CASES = [
    {"age": 40, "pain_now": 9, "pain_started_days_ago": 3},
    {"age": 70, "pain_now": 5, "pain_started_days_ago": 400, "conditions": ["osteoporosis", "anticoagulants"]},
    {"age": 30, "pain_now": 6, "pain_started_days_ago": 40, "pregnant": True},
    {"age": 55, "pain_now": 4, "pain_started_days_ago": 10, "red_flags": ["fever"], "clinician_cleared": True},
    {"age": 60, "pain_now": 8, "pain_started_days_ago": 2, "red_flags": ["saddle_numbness"]},
]


def rate(work, seconds: float = 2.0) -> float:
    count, start = 0, time.perf_counter()
    cases = itertools.cycle(CASES)
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(500):
            work(next(cases))
        count += 500
    return count / elapsed


def main() -> None:
    kb = load_knowledge()
    baseline = rate(lambda data: parse_answers(data, kb))
    plans = rate(lambda data: build_plan(parse_answers(data, kb), kb))
    with_json = rate(lambda data: build_plan(parse_answers(data, kb), kb).to_dict())
    print(f"parse answers only        {baseline:10,.0f} /s")
    print(f"parse + build plan        {plans:10,.0f} /s  ({plans / baseline:.2f}x of parse only)")
    print(f"parse + plan + to_dict    {with_json:10,.0f} /s  ({with_json / baseline:.2f}x of parse only)")
    print(f"target >= 20,000 plans/s: {'OK' if plans >= 20_000 else 'BELOW TARGET'}")


if __name__ == "__main__":
    main()
