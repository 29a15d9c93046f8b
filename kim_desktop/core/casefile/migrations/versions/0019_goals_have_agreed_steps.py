"""goals have agreed steps

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 10:00:00

Issue 16: the steps agreed towards a goal (what, who, by when, done when) are stored in the
case file, not only written by hand on the printed goal agreement. ``goal_steps`` holds them
in their order (``position``); a step goes with its goal (``ON DELETE CASCADE``). ``what``
and ``who`` are free text (who may name a person at another service); core/casework/steps.py
writes them, docs/corrections.md says what can be corrected.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goal_steps",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("goal_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("who", sa.Text(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.CheckConstraint("position >= 0", name=op.f("ck_goal_steps_position")),
        sa.CheckConstraint("length(trim(what)) > 0", name=op.f("ck_goal_steps_what_not_blank")),
        sa.CheckConstraint(
            "who IS NULL OR length(trim(who)) > 0", name=op.f("ck_goal_steps_who_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_goal_steps_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_steps")),
    )
    op.create_index(
        "ix_goal_steps_goal_id_position", "goal_steps", ["goal_id", "position"], unique=False
    )


def downgrade() -> None:
    # Before 0019 steps were written on the printed agreement only: the stored ones go.
    op.drop_index("ix_goal_steps_goal_id_position", table_name="goal_steps")
    op.drop_table("goal_steps")
