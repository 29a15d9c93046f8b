"""team members: the key cards a coordinator enrolled, and their revocation

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 15:55:00

The team directory (DESIGN §7, core/sync/team.py): a coordinator enrols the signed key cards
of its case managers (a state level: of its district coordinators). Bundles signed by an
enrolled key need no trust flag; a revoked key's later bundles are rejected. Revoking keeps
the row (``revoked_at``) so the revocation travels in the next district configuration.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_members",
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(), nullable=False),
        sa.Column("encryption_key", sa.LargeBinary(), nullable=True),
        sa.Column("card_created", sa.String(length=32), nullable=False),
        sa.Column("enrolled_at", sa.String(length=32), nullable=False),
        sa.Column("revoked_at", sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "role IN ('casemanager', 'coordinator')", name=op.f("ck_team_members_role")
        ),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_team_members")),
    )


def downgrade() -> None:
    op.drop_table("team_members")
