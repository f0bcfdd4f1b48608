"""A person's current plan: their latest answers, and the program a linked practitioner prescribed.

Plans are rebuilt from the answers (and the program) at every read, so a
change of the knowledge base, a new program or an unlink reaches the person at
once. Triage comes first: a program never outranks a warning sign.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.engine import Connection

from acupress.core.answers import parse_answers
from acupress.core.model import Knowledge
from acupress.core.plan import Plan, build_plan
from acupress.core.prescription import Prescription, parse_prescription
from acupress.errors import InvalidInput
from acupress.storage.assessments import latest_assessment
from acupress.storage.care import latest_prescription


def current_prescription(conn: Connection, patient_id: int, kb: Knowledge, today: date | None = None,
                         practitioner_id: int | None = None) -> Prescription | None:
    """The newest program from a linked practitioner that has not ended by `today` (None: no end check)."""
    row = latest_prescription(conn, patient_id, practitioner_id)
    if row is None:
        return None
    try:
        prescription = parse_prescription(row["program"], kb, row["prescriber"])
    except InvalidInput:  # the knowledge base no longer has a step it names: the practitioner is asked to renew it
        return None
    ends = prescription.ends_on
    return None if today is not None and ends is not None and today >= ends else prescription


def current_plan(conn: Connection, user_id: int, kb: Knowledge, today: date | None = None,
                 practitioner_id: int | None = None) -> Plan | None:
    """The plan for the person's latest answers (None before any), following their program if they have one
    (with `practitioner_id`: that practitioner's program, as it applies to these answers)."""
    assessment = latest_assessment(conn, user_id)
    if assessment is None:
        return None
    prescription = current_prescription(conn, user_id, kb, today or datetime.now(UTC).date(), practitioner_id)
    return build_plan(parse_answers(assessment["answers"], kb), kb, prescription)
