"""a case can be handed over to a colleague; received handovers are remembered

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 21:00:00

DESIGN.md §11 "Handover" (core/sync/handover.py, docs/handover.md). The sender's file keeps a
handed-over case read-only until it is erased: ``cases.handed_over_to`` is the recipient's
key id, ``cases.handed_over_name`` the recipient's name from the team directory (for the
banner "handed over to … on …") and ``cases.handed_over_on`` the day; the three are set
together and NULL for every case still worked on. ``received_handovers`` lists the
handovers a file imported (handover id, sender's key id, the file's SHA-256, when), so that
the same file imported again is a no-op and other bytes under the same id are refused.

The columns are added with ``ALTER TABLE … ADD COLUMN`` (the check as a column constraint),
not by rebuilding ``cases`` in batch mode: a rebuild would drop the triggers of 0008 on it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE cases ADD COLUMN handed_over_to VARCHAR(32)")
    op.execute("ALTER TABLE cases ADD COLUMN handed_over_name TEXT")
    op.execute(
        "ALTER TABLE cases ADD COLUMN handed_over_on DATE"
        " CONSTRAINT ck_cases_handover_complete"
        " CHECK ((handed_over_to IS NULL) = (handed_over_on IS NULL)"
        " AND (handed_over_to IS NULL) = (handed_over_name IS NULL))"
    )
    op.create_table(
        "received_handovers",
        sa.Column("handover_id", sa.String(length=36), nullable=False),
        sa.Column("sender_key_id", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("handover_id", name=op.f("pk_received_handovers")),
    )


def downgrade() -> None:
    # Before 0016 no case could be handed over: a handed-over case becomes workable again.
    op.drop_table("received_handovers")
    op.execute("ALTER TABLE cases DROP COLUMN handed_over_on")
    op.execute("ALTER TABLE cases DROP COLUMN handed_over_name")
    op.execute("ALTER TABLE cases DROP COLUMN handed_over_to")
