"""indexes that cover the indicators' aggregations and the case list's name search

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 12:00:00

The indicators (figures/indicators.py) read every figure from indexes alone: appointments
counted per kind, other-work type and channel over a date range, the themes' join in date
or id order, case-management appointments per case, one pass over the cases, referrals and
goals by date. Four narrower indexes become prefixes of wider ones and are dropped. The
name search scans client names in an index, and the names beyond ASCII (which need Python
to fold) in a partial index of just those.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.create_index(
            "ix_clients_id_given_name_family_name",
            ["id", "given_name", "family_name"],
            unique=False,
        )
        batch_op.create_index(
            "ix_clients_non_ascii_names",
            ["id", "given_name", "family_name"],
            unique=False,
            sqlite_where=sa.text(
                "length(given_name) <> length(CAST(given_name AS BLOB))"
                " OR length(family_name) <> length(CAST(family_name AS BLOB))"
            ),
        )

    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_appointments_case_id")
        batch_op.drop_index("ix_appointments_date")
        batch_op.create_index("ix_appointments_case_id_kind", ["case_id", "kind"], unique=False)
        batch_op.create_index(
            "ix_appointments_date_municipality_id", ["date", "municipality", "id"], unique=False
        )
        batch_op.create_index(
            "ix_appointments_id_date_municipality", ["id", "date", "municipality"], unique=False
        )
        batch_op.create_index(
            "ix_appointments_kind_other_work_type_channel_date_municipality_minutes",
            ["kind", "other_work_type", "channel", "date", "municipality", "minutes"],
            unique=False,
        )

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_track_opened_on")
        batch_op.create_index(
            "ix_cases_track_opened_on_closed_on_closure_reason_municipality_id",
            ["track", "opened_on", "closed_on", "closure_reason", "municipality", "id"],
            unique=False,
        )

    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index("ix_goals_agreed_on")
        batch_op.create_index(
            "ix_goals_agreed_on_closed_on_status_case_id",
            ["agreed_on", "closed_on", "status", "case_id"],
            unique=False,
        )

    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index("ix_referrals_date")
        batch_op.create_index(
            "ix_referrals_date_target_case_id", ["date", "target", "case_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index("ix_referrals_date_target_case_id")
        batch_op.create_index("ix_referrals_date", ["date"], unique=False)

    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index("ix_goals_agreed_on_closed_on_status_case_id")
        batch_op.create_index("ix_goals_agreed_on", ["agreed_on"], unique=False)

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_track_opened_on_closed_on_closure_reason_municipality_id")
        batch_op.create_index("ix_cases_track_opened_on", ["track", "opened_on"], unique=False)

    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_appointments_kind_other_work_type_channel_date_municipality_minutes"
        )
        batch_op.drop_index("ix_appointments_id_date_municipality")
        batch_op.drop_index("ix_appointments_date_municipality_id")
        batch_op.drop_index("ix_appointments_case_id_kind")
        batch_op.create_index("ix_appointments_date", ["date"], unique=False)
        batch_op.create_index("ix_appointments_case_id", ["case_id"], unique=False)

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index("ix_clients_non_ascii_names")
        batch_op.drop_index("ix_clients_id_given_name_family_name")
