"""Queries for practitioners and patients: invites, links and prescriptions.

A link row is the whole of a practitioner's access to a patient: the web
layer asks `is_linked` on every request, so deleting the row ends access at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from acupress.storage.accounts import aware
from acupress.storage.db import inserted_id
from acupress.storage.tables import care_links, invites, prescriptions, users


def insert_invite(conn: Connection, practitioner_id: int, code_hash: str, label: str, now: datetime,
                  expires_at: datetime) -> int:
    return inserted_id(conn.execute(invites.insert().values(
        practitioner_id=practitioner_id, code_hash=code_hash, label=label, created_at=now, expires_at=expires_at)))


def list_invites(conn: Connection, practitioner_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(invites.c.id, invites.c.label, invites.c.created_at, invites.c.expires_at,
                                  invites.c.used_at)
                        .where(invites.c.practitioner_id == practitioner_id).order_by(invites.c.id.desc())).mappings()
    return [{**row, **{key: aware(row[key]) for key in ("created_at", "expires_at", "used_at")}} for row in rows]


def delete_invite(conn: Connection, practitioner_id: int, invite_id: int) -> bool:
    return bool(conn.execute(invites.delete().where(
        invites.c.id == invite_id, invites.c.practitioner_id == practitioner_id)).rowcount)


def take_invite(conn: Connection, code_hash: str, now: datetime) -> int | None:
    """The practitioner behind a live, unused code, which is used up by this call; None otherwise."""
    row = conn.execute(sa.select(invites.c.id, invites.c.practitioner_id, invites.c.expires_at).where(
        invites.c.code_hash == code_hash, invites.c.used_at.is_(None))).first()
    if row is None or (aware(row.expires_at) or now) <= now:
        return None
    taken = conn.execute(invites.update().where(invites.c.id == row.id, invites.c.used_at.is_(None))
                         .values(used_at=now)).rowcount  # two patients racing for one code: one wins
    return int(row.practitioner_id) if taken == 1 else None


def link(conn: Connection, patient_id: int, practitioner_id: int, now: datetime) -> None:
    if not is_linked(conn, practitioner_id, patient_id):
        conn.execute(care_links.insert().values(patient_id=patient_id, practitioner_id=practitioner_id, created_at=now))


def unlink(conn: Connection, patient_id: int, practitioner_id: int) -> bool:
    """End the link and the programs that came with it; False if there was none."""
    conn.execute(prescriptions.delete().where(
        prescriptions.c.patient_id == patient_id, prescriptions.c.practitioner_id == practitioner_id))
    return bool(conn.execute(care_links.delete().where(
        care_links.c.patient_id == patient_id, care_links.c.practitioner_id == practitioner_id)).rowcount)


def is_linked(conn: Connection, practitioner_id: int, patient_id: int) -> bool:
    return conn.execute(sa.select(care_links.c.id).where(
        care_links.c.practitioner_id == practitioner_id, care_links.c.patient_id == patient_id)).first() is not None


def _people(conn: Connection, mine: sa.Column[Any], theirs: sa.Column[Any], user_id: int,
            other_id: int | None = None) -> list[dict[str, Any]]:
    query = (sa.select(users.c.id, users.c.display_name, users.c.username.label("email"),
                       care_links.c.created_at.label("since"))
             .join(users, users.c.id == theirs).where(mine == user_id))
    if other_id is not None:
        query = query.where(theirs == other_id)
    rows = conn.execute(query.order_by(users.c.display_name, users.c.id)).mappings()
    return [{**row, "since": aware(row["since"])} for row in rows]


def practitioners_of(conn: Connection, patient_id: int) -> list[dict[str, Any]]:
    return _people(conn, care_links.c.patient_id, care_links.c.practitioner_id, patient_id)


def patients_of(conn: Connection, practitioner_id: int) -> list[dict[str, Any]]:
    return _people(conn, care_links.c.practitioner_id, care_links.c.patient_id, practitioner_id)


def linked_patient(conn: Connection, practitioner_id: int, patient_id: int) -> dict[str, Any] | None:
    found = _people(conn, care_links.c.practitioner_id, care_links.c.patient_id, practitioner_id, patient_id)
    return found[0] if found else None


def display_name(conn: Connection, user_id: int) -> str:
    return str(conn.execute(sa.select(users.c.display_name).where(users.c.id == user_id)).scalar_one())


def insert_prescription(conn: Connection, patient_id: int, practitioner_id: int, program: dict[str, Any],
                        now: datetime) -> int:
    return inserted_id(conn.execute(prescriptions.insert().values(
        patient_id=patient_id, practitioner_id=practitioner_id, created_at=now, program=program)))


def _prescription_query() -> sa.Select[Any]:
    return (sa.select(prescriptions.c.id, prescriptions.c.practitioner_id, prescriptions.c.created_at,
                      prescriptions.c.program, users.c.display_name.label("prescriber"))
            .join(users, users.c.id == prescriptions.c.practitioner_id)
            .join(care_links, sa.and_(care_links.c.patient_id == prescriptions.c.patient_id,
                                      care_links.c.practitioner_id == prescriptions.c.practitioner_id)))


def latest_prescription(conn: Connection, patient_id: int, practitioner_id: int | None = None) -> dict[str, Any] | None:
    """The newest program from a practitioner the patient is linked with (or from this one)."""
    query = _prescription_query().where(prescriptions.c.patient_id == patient_id)
    if practitioner_id is not None:
        query = query.where(prescriptions.c.practitioner_id == practitioner_id)
    row = conn.execute(query.order_by(prescriptions.c.created_at.desc(), prescriptions.c.id.desc()).limit(1)).mappings().first()
    return None if row is None else {**row, "created_at": aware(row["created_at"])}


def prescriptions_of(conn: Connection, patient_id: int) -> list[dict[str, Any]]:
    """Every program a linked practitioner gave this patient, newest first (for the patient's own export)."""
    rows = conn.execute(_prescription_query().where(prescriptions.c.patient_id == patient_id)
                        .order_by(prescriptions.c.created_at.desc(), prescriptions.c.id.desc())).mappings()
    return [{**row, "created_at": aware(row["created_at"])} for row in rows]
