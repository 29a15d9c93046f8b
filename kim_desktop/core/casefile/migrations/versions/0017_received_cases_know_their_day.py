"""a case received by handover knows its day; moved cases are found by a small index

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 22:10:00

DESIGN.md §11 "Handover", the figures of a handed-over case (core/figures/holder.py,
docs/handover.md): a case is counted by the file that holds it at the end of a period.
``cases.received_on`` is the handover day of a case this file received (the day the sender's
file stores in ``cases.handed_over_on``), NULL for a case opened here. The partial index
``ix_cases_moved`` holds only the cases handed over or received, so that the indicators see
at once whether there are any and, if so, which without reading the cases table.

Added with ``ALTER TABLE … ADD COLUMN`` as 0016 did (a batch rebuild would drop the triggers
of 0008 on ``cases``).
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE cases ADD COLUMN received_on DATE")
    op.execute(
        "CREATE INDEX ix_cases_moved ON cases (handed_over_on, received_on, id)"
        " WHERE (handed_over_on IS NOT NULL OR received_on IS NOT NULL)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_cases_moved")
    op.execute("ALTER TABLE cases DROP COLUMN received_on")
