"""Rule ids the code relies on, with the numbers each must provide.

The knowledge loader refuses a knowledge base that lacks any of them, so a
typo in rules.yaml fails at load time, not in the middle of a plan.
"""

RULES_USED_BY_CODE: dict[str, tuple[str, ...]] = {
    "duration_class": ("subacute_from_days", "chronic_after_days"),
    "emergency_stops_plan": (),
    "urgent_needs_clearance": (),
    "clinician_cleared": (),
    "si3_intensity_by_pain": ("strong_from", "moderate_from"),
    "caution_limits_intensity": (),
    "caution_skips_site": (),
    "caution_limits_variant": (),
    "pregnancy_avoided_points": (),
    "stop_if_worse": (),
    "self_care_not_diagnosis": (),
    "meaningful_pain_change": ("points", "percent"),
    "peg_score": ("percent",),
}
