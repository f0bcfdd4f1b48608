"""Accounts, practitioners and prescriptions.

- users: the sign-in name holds an email address (254 characters); roles are
  patient, practitioner and admin (the old "person" becomes "patient");
  last_login_at.
- auth_sessions: server-side logins (only a hash of each token is kept).
- attempts: guesses at logins and codes, counted per account and per client
  address, shared by every worker.
- password_codes: one-time codes to set or reset a password.
- care_links, invites, prescriptions: practitioners and their patients.

Revision ID: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE users SET role = 'patient' WHERE role NOT IN ('patient', 'practitioner', 'admin')")
    with op.batch_alter_table("users") as table:
        table.alter_column("username", type_=sa.String(254), existing_type=sa.String(80), existing_nullable=False)
        table.alter_column("role", server_default="patient", existing_type=sa.String(20), existing_nullable=False)
        table.add_column(sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True))
        table.create_check_constraint("ck_users_known_role", "role IN ('patient', 'practitioner', 'admin')")
    _create_login_tables()
    _create_care_tables()


def _user(column: str = "user_id") -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(column, sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def _create_login_tables() -> None:
    op.create_table(
        "auth_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        _user(),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_auth_sessions_token_hash"),
    )
    op.create_index("ix_auth_sessions_user_id", "auth_sessions", ["user_id"])
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bucket", sa.String(30), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_attempts_at", "attempts", ["at"])
    op.create_index("ix_attempts_bucket_key_at", "attempts", ["bucket", "key_hash", "at"])
    op.create_table(
        "password_codes",
        sa.Column("id", sa.Integer, primary_key=True),
        _user(),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("code_hash", name="uq_password_codes_code_hash"),
    )
    op.create_index("ix_password_codes_user_id", "password_codes", ["user_id"])


def _create_care_tables() -> None:
    op.create_table(
        "care_links",
        sa.Column("id", sa.Integer, primary_key=True),
        _user("patient_id"),
        _user("practitioner_id"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("patient_id", "practitioner_id", name="uq_care_links_patient_practitioner"),
    )
    op.create_index("ix_care_links_patient_id", "care_links", ["patient_id"])
    op.create_index("ix_care_links_practitioner_id", "care_links", ["practitioner_id"])
    op.create_table(
        "invites",
        sa.Column("id", sa.Integer, primary_key=True),
        _user("practitioner_id"),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("label", sa.String(80), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("code_hash", name="uq_invites_code_hash"),
    )
    op.create_index("ix_invites_practitioner_id", "invites", ["practitioner_id"])
    op.create_table(
        "prescriptions",
        sa.Column("id", sa.Integer, primary_key=True),
        _user("patient_id"),
        _user("practitioner_id"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("program", sa.JSON, nullable=False),
    )
    op.create_index("ix_prescriptions_patient_id", "prescriptions", ["patient_id"])
    op.create_index("ix_prescriptions_practitioner_id", "prescriptions", ["practitioner_id"])


def downgrade() -> None:
    for name in ("prescriptions", "invites", "care_links", "password_codes", "attempts", "auth_sessions"):
        op.drop_table(name)
    with op.batch_alter_table("users") as users:
        users.drop_constraint("ck_users_known_role", type_="check")
        users.drop_column("last_login_at")
        users.alter_column("role", server_default="person", existing_type=sa.String(20), existing_nullable=False)
        users.alter_column("username", type_=sa.String(80), existing_type=sa.String(254), existing_nullable=False)
