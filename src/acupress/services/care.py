"""Practitioners and their patients: invite codes, links, who may see whose data, prescriptions.

A patient links to a practitioner by typing the practitioner's invite code
(single use, expiring, 60 random bits, guesses limited); the patient can
unlink at any time. `may_see_patient` is the one answer to "may this account
see patient P's data?": the patient themselves, or a practitioner they are
linked with right now. Admins manage accounts; they do not read diaries.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection, Engine

from acupress.core.model import Knowledge
from acupress.core.prescription import Prescription, parse_prescription
from acupress.errors import Forbidden, InvalidInput, NotFound
from acupress.services import codes, limits
from acupress.services.logins import Account
from acupress.storage import care as store
from acupress.storage.db import reading
from acupress.storage.writes import write

INVITE_DAYS = 14
INVITE_GROUPS = 3  # 12 characters of base32: 60 random bits
MAX_LABEL = 80
JOIN_FAILED = "that invite code does not work: it may be mistyped, already used or expired. Ask your practitioner for a new one"


def may_see_patient(conn: Connection, viewer: Account, patient_id: int) -> bool:
    """May this account see patient P's data? Themselves, or a practitioner P is linked with now."""
    if viewer.id == patient_id:
        return True
    return viewer.role == "practitioner" and store.is_linked(conn, viewer.id, patient_id)


def linked_patient(conn: Connection, practitioner: Account, patient_id: int) -> dict[str, Any]:
    """A patient this practitioner may see, or NotFound (the same answer whether or not P exists)."""
    found = store.linked_patient(conn, practitioner.id, patient_id) if practitioner.role == "practitioner" else None
    if found is not None:
        return found
    raise NotFound("no patient of yours has this number; they may have unlinked", field="patient_id")


def create_invite(engine: Engine, practitioner: Account, label: str, now: datetime) -> tuple[str, datetime]:
    """A new invite code (shown once; only its hash is kept) and when it expires."""
    _require_practitioner(practitioner)
    label = " ".join(label.split())
    if len(label) > MAX_LABEL:
        raise InvalidInput(f"must be at most {MAX_LABEL} characters", field="label")
    code, expires = codes.new_code(INVITE_GROUPS), now + timedelta(days=INVITE_DAYS)
    write(engine, lambda conn: store.insert_invite(conn, practitioner.id, codes.code_hash(code), label, now, expires))
    return code, expires


def cancel_invite(engine: Engine, practitioner: Account, invite_id: int) -> None:
    if not write(engine, lambda conn: store.delete_invite(conn, practitioner.id, invite_id)):
        raise NotFound("no invite of yours has this number", field="invite_id")


def join(engine: Engine, patient: Account, code: str, address: str | None, now: datetime) -> str:
    """Link a patient to the practitioner whose code this is; returns the practitioner's name."""
    if patient.role != "patient":
        raise Forbidden("only patient accounts join a practitioner", field="code")
    limits.count_and_check(engine, now, (limits.CODE_PER_ACCOUNT, str(patient.id)),
                           (limits.CODE_PER_ADDRESS, limits.address_key(address)))

    def use(conn: Connection) -> str | None:
        practitioner_id = store.take_invite(conn, codes.code_hash(code), now)
        if practitioner_id is None:
            return None
        store.link(conn, patient.id, practitioner_id, now)
        return store.display_name(conn, practitioner_id)

    name = write(engine, use)
    if name is None:
        raise InvalidInput(JOIN_FAILED, field="code")
    return name


def unlink(engine: Engine, patient: Account, practitioner_id: int) -> None:
    """The patient ends the link: the practitioner's access (and the program) end at once."""
    if not write(engine, lambda conn: store.unlink(conn, patient.id, practitioner_id)):
        raise NotFound("you are not linked with this practitioner", field="practitioner_id")


def practitioners_of(engine: Engine, patient_id: int) -> list[dict[str, Any]]:
    with reading(engine) as conn:
        return store.practitioners_of(conn, patient_id)


def prescribe(engine: Engine, practitioner: Account, patient_id: int, program: object, kb: Knowledge,
              now: datetime) -> Prescription:
    """Validate and save a program for a linked patient (it becomes their plan at once)."""
    prescription = parse_prescription(program, kb, practitioner.display_name)

    def save(conn: Connection) -> None:
        linked_patient(conn, practitioner, patient_id)  # checked in the same transaction as the write
        store.insert_prescription(conn, patient_id, practitioner.id, prescription.program(), now)

    write(engine, save)
    return prescription


def _require_practitioner(account: Account) -> None:
    if account.role != "practitioner":
        raise Forbidden("only practitioners make invite codes", field="role")
