"""Alembic environment: the engine comes from the caller, never from a config file; a
connection given by the caller is used inside the caller's own transaction (a restore
makes the schema and writes the rows as one, so a failure leaves no schema behind)."""

from alembic import context
from sqlalchemy import Connection

from models.storage.schema import metadata

config = context.config


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if given is not None:
    _migrate(given)
else:
    with config.attributes["engine"].connect() as own:
        _migrate(own)
        own.commit()
