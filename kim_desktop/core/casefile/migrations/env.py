"""Alembic environment: always runs on a connection handed over by ``core.migrate``."""

from alembic import context

from kim_desktop.core.casefile.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("KIM migrations run only through kim_desktop.core.casefile.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only change tables by copying them
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
