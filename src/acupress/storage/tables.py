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

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(80), nullable=False, unique=True),
    sa.Column("display_name", sa.String(120), nullable=False),
    sa.Column("role", sa.String(20), nullable=False, server_default="person"),
    sa.Column("password_hash", sa.String(255), nullable=True),
    sa.Column("is_local", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("emergency_number", sa.String(8), nullable=True),  # chosen in the settings; empty: by language
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
