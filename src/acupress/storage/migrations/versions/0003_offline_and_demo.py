"""Offline sync, demonstration sessions and the emergency number.

- `client_id` on diary entries and sessions: an id made by the device when
  the entry was written, unique per person, so an entry queued offline and
  sent twice is saved once.
- `demo` on sessions: sessions played faster than real time (demonstrations)
  are kept but left out of streaks, charts and exports for clinicians.
- `emergency_number` on users: the number the person chose for the call
  button on safety screens (empty: a default from their language).

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("diary_entries") as table:
        table.add_column(sa.Column("client_id", sa.String(64), nullable=True))
    op.create_index("uq_diary_entries_user_id_client_id", "diary_entries", ["user_id", "client_id"], unique=True)
    with op.batch_alter_table("sessions") as table:
        table.add_column(sa.Column("client_id", sa.String(64), nullable=True))
        table.add_column(sa.Column("demo", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_index("uq_sessions_user_id_client_id", "sessions", ["user_id", "client_id"], unique=True)
    with op.batch_alter_table("users") as table:
        table.add_column(sa.Column("emergency_number", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as table:
        table.drop_column("emergency_number")
    op.drop_index("uq_sessions_user_id_client_id", table_name="sessions")
    with op.batch_alter_table("sessions") as table:
        table.drop_column("demo")
        table.drop_column("client_id")
    op.drop_index("uq_diary_entries_user_id_client_id", table_name="diary_entries")
    with op.batch_alter_table("diary_entries") as table:
        table.drop_column("client_id")
