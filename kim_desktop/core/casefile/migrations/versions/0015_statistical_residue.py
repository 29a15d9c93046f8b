"""the anonymous statistical residue that keeps ended periods' figures through erasure

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 19:00:00

DESIGN.md §10 "Statistics survive erasure": when records are erased, what they added to the
figures of every calendar year and quarter that had ended is kept here as counts, per
period label (``2024``, ``2024-Q3``), municipality (empty for the whole file) and figure key
(``appointments.total``, ``demographics.gender.female``, …), summed over all erasures. No
ids, no names, no dates finer than the period, no text: docs/erasure.md says why it is
anonymous. ``kim stats`` and the bundles add it to what the remaining records count.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statistical_residue",
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("municipality", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "period", "municipality", "key", name=op.f("pk_statistical_residue")
        ),
    )


def downgrade() -> None:
    # Before 0015 nothing could be erased, so a file going back has erased nothing it knows of;
    # the residue goes with the table (the figures of ended periods then count less).
    op.drop_table("statistical_residue")
