"""interchange contract fields: appointments.start_time, appointments.interpreter_language,
cases.referred_by

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 11:00:00

Plain ``ADD COLUMN``s (no table rebuild, instant on large files); the values are checked by
core (casework and interchange validation), like the catalogue codes of other columns.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("appointments", sa.Column("start_time", sa.String(length=5), nullable=True))
    op.add_column(
        "appointments", sa.Column("interpreter_language", sa.String(length=3), nullable=True)
    )
    op.add_column("cases", sa.Column("referred_by", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("referred_by")
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_column("interpreter_language")
        batch_op.drop_column("start_time")
