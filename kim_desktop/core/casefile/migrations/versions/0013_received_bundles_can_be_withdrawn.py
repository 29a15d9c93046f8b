"""a received bundle can be withdrawn by the coordinator; bundle figures without a key index

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 16:00:00

``kim bundle withdraw`` (DESIGN §7 "The trust boundary", §8): a withdrawn bundle no longer
counts anywhere (figures, gaps, the state bundle) but stays listed, with when it was
withdrawn. ``received_bundles.status`` may now be ``withdrawn`` and ``withdrawn_at`` holds the
time (NULL for every other bundle). The status check needs a table rebuild (batch mode; foreign
keys are off during migrations, so the figures and gaps of the bundles stay).

``ix_bundle_figures_key`` is dropped: the hundred-odd figure keys of one bundle lie all over
that index, so every import wrote a page per key (with its journal copy, encrypted and
synced) — most of an import's cost. The district sums find a period's figures through
``received_bundles`` and the primary key (bundle id first), not through the key.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_bundle_figures_key", table_name="bundle_figures")
    with op.batch_alter_table("received_bundles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", sa.String(length=32), nullable=True))
        batch_op.drop_constraint(op.f("ck_received_bundles_status"), type_="check")
        batch_op.create_check_constraint(
            "status", "status IN ('current', 'superseded', 'withdrawn')"
        )


def downgrade() -> None:
    # Before 0013 a bundle either counted or was superseded: a withdrawn one counts no more.
    op.execute("UPDATE received_bundles SET status = 'superseded' WHERE status = 'withdrawn'")
    with op.batch_alter_table("received_bundles", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_received_bundles_status"), type_="check")
        batch_op.create_check_constraint("status", "status IN ('current', 'superseded')")
        batch_op.drop_column("withdrawn_at")
    op.create_index("ix_bundle_figures_key", "bundle_figures", ["key"], unique=False)
