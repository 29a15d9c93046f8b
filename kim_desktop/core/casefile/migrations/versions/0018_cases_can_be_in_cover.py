"""cases can be given in cover to a colleague and merged back

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 22:20:00

DESIGN.md §11 "Cover" (core/sync/cover.py, docs/handover.md). The owner's file marks a case
given in cover (``cases.covered_by`` the substitute's key id, ``covered_by_name`` their name,
``covered_until`` the last day; set together) and keeps it writable; ``covers_sent`` lists the
covers it sent (the handover id, the substitute, the last day, when it was merged back) and
``cover_bases`` a SHA-256 of every record as it was sent (the merge base). The substitute's
file marks its working copy (``cases.cover_for`` the owner's key id, ``cover_for_name``,
``cover_until``, ``cover_id`` the cover's handover id; set together, NULL on every other
case) and, once returned, ``cover_returned_on``. ``merge_conflicts`` keeps the substitute's
version of a record changed on both sides until the owner decides. A cover copy is never
counted in the substitute's figures (the owner counts the case), so the partial index of
moved cases (0017, core/figures/holder.py) holds the cover copies as well.

Columns are added with ``ALTER TABLE … ADD COLUMN`` (checks as column constraints), not by
rebuilding ``cases``: a rebuild would drop the triggers of 0008 on it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE cases ADD COLUMN covered_by VARCHAR(32)")
    op.execute("ALTER TABLE cases ADD COLUMN covered_by_name TEXT")
    op.execute(
        "ALTER TABLE cases ADD COLUMN covered_until DATE"
        " CONSTRAINT ck_cases_cover_sent_complete"
        " CHECK ((covered_by IS NULL) = (covered_until IS NULL)"
        " AND (covered_by IS NULL) = (covered_by_name IS NULL))"
    )
    op.execute("ALTER TABLE cases ADD COLUMN cover_for VARCHAR(32)")
    op.execute("ALTER TABLE cases ADD COLUMN cover_for_name TEXT")
    op.execute("ALTER TABLE cases ADD COLUMN cover_until DATE")
    op.execute("ALTER TABLE cases ADD COLUMN cover_id VARCHAR(36)")
    op.execute(
        "ALTER TABLE cases ADD COLUMN cover_returned_on DATE"
        " CONSTRAINT ck_cases_cover_copy_complete"
        " CHECK ((cover_for IS NULL) = (cover_until IS NULL)"
        " AND (cover_for IS NULL) = (cover_for_name IS NULL)"
        " AND (cover_for IS NULL) = (cover_id IS NULL)"
        " AND (cover_returned_on IS NULL OR cover_for IS NOT NULL))"
    )
    op.create_table(
        "covers_sent",
        sa.Column("handover_id", sa.String(length=36), nullable=False),
        sa.Column("to_key_id", sa.String(length=32), nullable=False),
        sa.Column("to_name", sa.Text(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("merged_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("handover_id", name=op.f("pk_covers_sent")),
    )
    op.create_table(
        "cover_bases",
        sa.Column("handover_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["covers_sent.handover_id"],
            name=op.f("fk_cover_bases_handover_id_covers_sent"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("handover_id", "entity", "record_id", name=op.f("pk_cover_bases")),
    )
    op.create_table(
        "merge_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("handover_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=True),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=True),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_conflicts")),
    )
    op.create_index(
        op.f("ix_merge_conflicts_case_id"), "merge_conflicts", ["case_id"], unique=False
    )
    op.execute("DROP INDEX ix_cases_moved")
    op.execute(
        "CREATE INDEX ix_cases_moved ON cases (handed_over_on, received_on, cover_until, id)"
        " WHERE (handed_over_on IS NOT NULL OR received_on IS NOT NULL"
        " OR cover_until IS NOT NULL)"
    )


def downgrade() -> None:
    # Before 0018 there was no cover: marks, bases and undecided versions go.
    op.execute("DROP INDEX ix_cases_moved")
    op.execute(
        "CREATE INDEX ix_cases_moved ON cases (handed_over_on, received_on, id)"
        " WHERE (handed_over_on IS NOT NULL OR received_on IS NOT NULL)"
    )
    op.drop_index(op.f("ix_merge_conflicts_case_id"), table_name="merge_conflicts")
    op.drop_table("merge_conflicts")
    op.drop_table("cover_bases")
    op.drop_table("covers_sent")
    for column in (
        "cover_returned_on",
        "cover_id",
        "cover_until",
        "cover_for_name",
        "cover_for",
        "covered_until",
        "covered_by_name",
        "covered_by",
    ):
        op.execute(f"ALTER TABLE cases DROP COLUMN {column}")
