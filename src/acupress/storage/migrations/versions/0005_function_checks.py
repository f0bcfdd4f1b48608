"""Activity checks: the Patient-Specific Functional Scale.

- `function_checks`: the everyday activities a person finds hard, each rated
  0-10 for how well they can do it, one row per check (every two weeks).
  A `client_id` made by the device makes a repeated upload or import save once.

Revision ID: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "function_checks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utc_offset_minutes", sa.Integer, nullable=False),
        sa.Column("ratings", sa.JSON, nullable=False),
        sa.Column("client_id", sa.String(64), nullable=True),
    )
    op.create_index("ix_function_checks_user_id", "function_checks", ["user_id"])
    op.create_index("ix_function_checks_recorded_at", "function_checks", ["recorded_at"])
    op.create_index("uq_function_checks_user_id_client_id", "function_checks", ["user_id", "client_id"], unique=True)


def downgrade() -> None:
    op.drop_table("function_checks")
