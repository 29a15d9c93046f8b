"""each case carries its members' folded names for the case-list search

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 13:10:00

The case list's search looked up, at every keystroke, each client whose name matched and
then each of their cases: for a one-letter text in a file of 100,000 clients that is
90,000 clients and 44,000 cases, 0.15 s. With the members' folded names on the case row
(``cases.member_names``, casefile/names.py) the search is one pass over the cases.

The names are folded in Python, which a trigger cannot call, so the triggers below only
mark a case stale (NULL) when a membership or a member's name changes, and
``refresh_case_names`` stores the names of stale cases before each write transaction
commits (casefile/storage.py). The search still finds a stale case the slow way
(casework/case_list.py), so a write that bypassed the refresh makes it slower, never wrong.

SQLite drops a table's triggers with the table: a later migration that recreates
``cases``, ``case_members`` or ``clients`` in batch mode must create them again
(``create_triggers``; tests/test_case_search_names.py checks that they exist at head).
"""

import sqlalchemy as sa
from alembic import op

from kim_desktop.core.casefile.names import refresh_case_names

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_MARK_CASE = "UPDATE cases SET member_names = NULL WHERE id = {row}.case_id;"

TRIGGERS = {
    "tr_case_members_insert_names": f"""
CREATE TRIGGER tr_case_members_insert_names AFTER INSERT ON case_members
BEGIN {_MARK_CASE.format(row="NEW")} END
""",
    "tr_case_members_delete_names": f"""
CREATE TRIGGER tr_case_members_delete_names AFTER DELETE ON case_members
BEGIN {_MARK_CASE.format(row="OLD")} END
""",
    "tr_case_members_update_names": f"""
CREATE TRIGGER tr_case_members_update_names AFTER UPDATE OF case_id, client_id ON case_members
WHEN NEW.case_id IS NOT OLD.case_id OR NEW.client_id IS NOT OLD.client_id
BEGIN {_MARK_CASE.format(row="OLD")} {_MARK_CASE.format(row="NEW")} END
""",
    "tr_clients_names": """
CREATE TRIGGER tr_clients_names AFTER UPDATE OF given_name, family_name ON clients
WHEN NEW.given_name IS NOT OLD.given_name OR NEW.family_name IS NOT OLD.family_name
BEGIN
  UPDATE cases SET member_names = NULL
  WHERE id IN (SELECT case_id FROM case_members WHERE client_id = NEW.id);
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
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("member_names", sa.Text(), nullable=True))
        batch_op.create_index(
            "ix_cases_member_names_stale",
            ["id"],
            unique=False,
            sqlite_where=sa.text("member_names IS NULL"),
        )
    create_triggers()
    refresh_case_names(op.get_bind())


def downgrade() -> None:
    drop_triggers()
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_cases_member_names_stale", sqlite_where=sa.text("member_names IS NULL")
        )
        batch_op.drop_column("member_names")
