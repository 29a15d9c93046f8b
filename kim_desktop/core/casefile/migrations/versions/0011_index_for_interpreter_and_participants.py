"""an index that covers the interpreter and other-work participants figures

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 16:00:00

The indicators read every figure from indexes alone (0006; tests/test_indicator_queries.py
checks the query plans). The counselling appointments by interpreter use and the
participants of other work (DESIGN.md section 6) are counted per (kind, interpreter) over a
date range of this index, municipality and participants read from the index entry.
Created without rebuilding ``appointments``, so the triggers of 0007 stay.
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEX = "ix_appointments_kind_interpreter_date_municipality_participants"


def upgrade() -> None:
    op.create_index(
        INDEX,
        "appointments",
        ["kind", "interpreter", "date", "municipality", "participants"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="appointments")
