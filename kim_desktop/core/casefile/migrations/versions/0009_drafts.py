"""drafts: typed input of forms not saved yet, kept in the encrypted file

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 14:00:00

A lock (Ctrl+L or automatic) or a crash must not throw away what a case manager typed into a
form. The window keeps such input as a draft in the case file, which is encrypted like every
other row, and opens the form again after unlocking (casefile/drafts.py, gui/drafts.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("input_values", sa.Text(), nullable=False),
        sa.Column("view", sa.String(length=64), nullable=True),
        sa.Column("saved_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )


def downgrade() -> None:
    op.drop_table("drafts")
