"""Alembic environment: migrations always run on a connection we pass in."""

from alembic import context

from acupress.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
