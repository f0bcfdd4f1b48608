"""Ids the code relies on, with the numbers each rule must provide.

The knowledge loader refuses a knowledge base that lacks any of them and
names the file, so a typo or a removed entry fails at load time, not in the
middle of a plan.
"""

RULES_USED_BY_CODE: dict[str, tuple[str, ...]] = {
    "duration_class": ("subacute_from_days", "chronic_after_days"),
    "emergency_stops_plan": (),
    "urgent_needs_clearance": (),
    "clinician_cleared": (),
    "cleared_sign_keeps_limits": (),
    "si3_intensity_by_pain": ("strong_from", "moderate_from"),
    "strength_is_a_moment": (),
    "caution_limits_intensity": (),
    "caution_skips_site": (),
    "caution_limits_variant": (),
    "pregnancy_avoided_points": (),
    "stop_if_worse": (),
    "self_care_not_diagnosis": (),
    "keep_active": (),
    "acupressure_is_an_add_on": (),
    "prescribed_step": (),
    "improvement_not_proof": (),
    "report_not_a_diagnosis": (),
}

# The advice every self-care plan carries, in this order (NICE NG59, ACP 2017).
CORE_ADVICE_RULES = ("keep_active", "acupressure_is_an_add_on")

# Texts for the outcome of triage, by key of red_flags.yaml `levels`.
LEVEL_TEXTS_USED_BY_CODE = ("emergency", "urgent", "self_care", "self_care_cleared", "self_care_no_steps")

# The assessment group whose warning signs are the pregnancy warning signs
# (the `pregnancy_signs` answer key lists them).
PREGNANCY_SIGNS_GROUP = "pregnancy_signs"

# Other ids named by code or templates, per knowledge file and collection.
IDS_USED_BY_CODE: dict[tuple[str, str], tuple[str, ...]] = {
    # cli/assess_cmd.py and web/templates/assess.html ask it; diary.html shows the PEG;
    # the report, the schedules and the FHIR export use the three outcome measures.
    ("questionnaires", "questionnaires"): ("assessment", "pain_nrs", "peg", "psfs"),
    ("questionnaires", "groups"): (PREGNANCY_SIGNS_GROUP,),
    # The photo locator finds these two points (vision/, web/routes/locate.py).
    ("points", "points"): ("SI3", "KI3"),
    # web/templates/about.html cites these by key.
    ("sources", "sources"): ("godley2020", "murphy2019", "hsieh2006", "furlan2015", "nice-ng59", "acp2017"),
}
