"""Point marks: where each person confirmed a point, per point and side.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "point_marks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("point_id", sa.String(20), nullable=False),
        sa.Column("side", sa.String(5), nullable=False),
        sa.Column("along", sa.Float, nullable=False),
        sa.Column("outward", sa.Float, nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("side IN ('left', 'right')", name="ck_point_marks_side_left_or_right"),
        sa.UniqueConstraint("user_id", "point_id", "side", name="uq_point_marks_user_point_side"),
    )
    op.create_index("ix_point_marks_user_id", "point_marks", ["user_id"])


def downgrade() -> None:
    op.drop_table("point_marks")
