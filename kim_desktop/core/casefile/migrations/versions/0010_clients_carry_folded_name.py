"""each client carries their folded name for the client register

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 13:20:00

The client register (casework/client_list.py) searches and sorts all clients at every
keystroke. Folding each name in Python while SQLite searches and sorts took 0.18 s for a
one-letter text in a file of 100,000 clients; with the folded name on the client row
(``clients.folded_name``, "family<US>given", casefile/names.py) and an index on it, the
search is one pass over the index and the first page by name a short walk along it.

As in 0008 the names are folded in Python, which a trigger cannot call: the trigger below
marks a renamed client stale (NULL), new clients arrive with NULL, and
``refresh_client_names`` stores the folded names before each write transaction commits
(casefile/storage.py). The register still finds a stale client the slow way, so a write that
bypassed the refresh makes it slower, never wrong.

The column and index are added without rebuilding ``clients``, so the triggers of 0008 stay.
A later migration that recreates ``clients`` in batch mode must create this trigger again
(``create_triggers``; tests/test_client_list.py checks that it exists at head).
"""

import sqlalchemy as sa
from alembic import op

from kim_desktop.core.casefile.names import refresh_client_names

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TRIGGERS = {
    "tr_clients_folded_name": """
CREATE TRIGGER tr_clients_folded_name AFTER UPDATE OF given_name, family_name ON clients
WHEN NEW.given_name IS NOT OLD.given_name OR NEW.family_name IS NOT OLD.family_name
BEGIN
  UPDATE clients SET folded_name = NULL WHERE id = NEW.id;
END
""",
}


def create_triggers() -> None:
    for sql in TRIGGERS.values():
        op.execute(sql)


def drop_triggers() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    op.add_column("clients", sa.Column("folded_name", sa.Text(), nullable=True))
    op.create_index("ix_clients_folded_name_id", "clients", ["folded_name", "id"], unique=False)
    create_triggers()
    refresh_client_names(op.get_bind())


def downgrade() -> None:
    drop_triggers()
    op.drop_index("ix_clients_folded_name_id", table_name="clients")
    # SQLite's own DROP COLUMN: a batch rebuild would drop 0008's trigger on clients.
    op.execute("ALTER TABLE clients DROP COLUMN folded_name")
