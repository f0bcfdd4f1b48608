"""The database tables (SQLAlchemy Core). Portable SQL only: SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa

MAX_ID = 2_147_483_647  # ids are 32-bit integers (PostgreSQL's integer)

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

ROLES = ("patient", "practitioner", "admin")

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # The sign-in name: an email address in accounts mode (stored lower-case), "local" for the local profile.
    sa.Column("username", sa.String(254), nullable=False, unique=True),
    sa.Column("display_name", sa.String(120), nullable=False),
    sa.Column("role", sa.String(20), sa.CheckConstraint("role IN ('patient', 'practitioner', 'admin')", name="known_role"),
              nullable=False, server_default="patient"),
    sa.Column("password_hash", sa.String(255), nullable=True),  # argon2id; None: no password set yet
    sa.Column("is_local", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("emergency_number", sa.String(8), nullable=True),  # chosen in the settings; empty: by language
    sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
)

assessments = sa.Table(
    "assessments", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("answers", sa.JSON, nullable=False),
    sa.Column("triage_level", sa.String(20), nullable=False),
)

diary_entries = sa.Table(
    "diary_entries", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    # Stored in UTC with the person's offset beside it, because SQLite keeps no zone.
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("utc_offset_minutes", sa.Integer, nullable=False),
    sa.Column("pain", sa.Integer, sa.CheckConstraint("pain BETWEEN 0 AND 10", name="pain_range"), nullable=False),
    sa.Column("peg_pain", sa.Integer, sa.CheckConstraint("peg_pain BETWEEN 0 AND 10", name="peg_pain_range")),
    sa.Column("peg_enjoyment", sa.Integer, sa.CheckConstraint("peg_enjoyment BETWEEN 0 AND 10", name="peg_enjoyment_range")),
    sa.Column("peg_activity", sa.Integer, sa.CheckConstraint("peg_activity BETWEEN 0 AND 10", name="peg_activity_range")),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # Made by the device that wrote the entry: a retried upload is saved once.
    sa.Column("client_id", sa.String(64), nullable=True),
    sa.Index("uq_diary_entries_user_id_client_id", "user_id", "client_id", unique=True),
)

sessions = sa.Table(
    "sessions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("utc_offset_minutes", sa.Integer, nullable=False),
    sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("plan", sa.JSON, nullable=False),
    sa.Column("steps_done", sa.JSON, nullable=False),
    sa.Column("pain_before", sa.Integer, sa.CheckConstraint("pain_before BETWEEN 0 AND 10", name="pain_before_range")),
    sa.Column("pain_after", sa.Integer, sa.CheckConstraint("pain_after BETWEEN 0 AND 10", name="pain_after_range")),
    sa.Column("completed", sa.Boolean, nullable=False),
    sa.Column("stop_reason", sa.String(40), nullable=True),
    sa.Column("client_id", sa.String(64), nullable=True),
    # Played faster than real time: kept, but not counted as a real session.
    sa.Column("demo", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("uq_sessions_user_id_client_id", "user_id", "client_id", unique=True),
)

# Where a person found a point on their own body, relative to landmarks (see
# core.locate.Frame): one row per point and side, replaced when they confirm again.
point_marks = sa.Table(
    "point_marks", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("point_id", sa.String(20), nullable=False),
    sa.Column("side", sa.String(5), sa.CheckConstraint("side IN ('left', 'right')", name="side_left_or_right"), nullable=False),
    sa.Column("along", sa.Float, nullable=False),
    sa.Column("outward", sa.Float, nullable=False),
    sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("user_id", "point_id", "side", name="uq_point_marks_user_point_side"),
)

# The Patient-Specific Functional Scale (questionnaires.yaml `psfs`): the
# activities a person named and how well they could do each, one row per check.
function_checks = sa.Table(
    "function_checks", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("utc_offset_minutes", sa.Integer, nullable=False),
    sa.Column("ratings", sa.JSON, nullable=False),  # [{"activity": "...", "ability": 0-10}, ...]
    sa.Column("client_id", sa.String(64), nullable=True),
    sa.Index("uq_function_checks_user_id_client_id", "user_id", "client_id", unique=True),
)

# Accounts mode. Secrets (session tokens, one-time codes, invite codes) are stored
# only as SHA-256 hashes: a copy of the database signs nobody in.

auth_sessions = sa.Table(
    "auth_sessions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),  # idle expiry counts from here
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),  # absolute expiry
)

# Attempts at something guessable (a login, a code), per bucket and key (an account or a
# client address, hashed), so every worker sees the same counts.
attempts = sa.Table(
    "attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("bucket", sa.String(30), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Index("ix_attempts_bucket_key_at", "bucket", "key_hash", "at"),
)

# One-time codes to set or reset a password, printed by `acupress users` for the operator to pass on.
password_codes = sa.Table(
    "password_codes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

# A patient who chose a practitioner: while the row exists the practitioner sees the patient's data.
care_links = sa.Table(
    "care_links", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("patient_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("practitioner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("patient_id", "practitioner_id", name="uq_care_links_patient_practitioner"),
)

invites = sa.Table(
    "invites", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("practitioner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("label", sa.String(80), nullable=False, server_default=""),  # the practitioner's own note, e.g. a name
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
)

# A home program a practitioner prescribed to a linked patient; the newest is the patient's plan.
prescriptions = sa.Table(
    "prescriptions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("patient_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("practitioner_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("program", sa.JSON, nullable=False),  # core.prescription's format: steps or a protocol, dates, notes
)
