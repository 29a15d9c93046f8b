"""each theme row carries its appointment's date and municipality, kept in step by triggers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 12:10:00

The themes figure (figures/indicators.py) counted the period's themes by looking up each
appointment's theme rows by key. With the appointment's date and municipality on the theme
row, it counts over ix_appointment_themes_theme_date_municipality alone, like the
appointments. The copies equal the appointment's values by construction: triggers set them
whenever a theme row is written and whenever an appointment's date or municipality changes.
The interchange format is unchanged (the export writes theme lists only). The themes'
join in id order no longer runs, so its index ix_appointments_id_date_municipality goes.

SQLite drops a table's triggers with the table: a later migration that recreates
``appointments`` or ``appointment_themes`` in batch mode must create them again
(``create_triggers`` below; tests/test_migrations.py checks that they exist at head).
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# A theme row takes its appointment's values when written; the WHEN makes rows whose values
# already match (the interchange import sets them itself) cost one lookup and no write.
_THEME_ROW_FOLLOWS = """
CREATE TRIGGER {name} AFTER {event} ON appointment_themes
WHEN (NEW.date, NEW.municipality)
  IS NOT (SELECT date, municipality FROM appointments WHERE id = NEW.appointment_id)
BEGIN
  UPDATE appointment_themes
  SET (date, municipality)
    = (SELECT date, municipality FROM appointments WHERE id = NEW.appointment_id)
  WHERE appointment_id = NEW.appointment_id AND theme = NEW.theme;
END
"""

TRIGGERS = {
    "tr_appointment_themes_insert": _THEME_ROW_FOLLOWS.format(
        name="tr_appointment_themes_insert", event="INSERT"
    ),
    "tr_appointment_themes_update": _THEME_ROW_FOLLOWS.format(
        name="tr_appointment_themes_update",
        event="UPDATE OF appointment_id, theme, date, municipality",
    ),
    "tr_appointments_date_municipality": """
CREATE TRIGGER tr_appointments_date_municipality
AFTER UPDATE OF date, municipality ON appointments
WHEN NEW.date IS NOT OLD.date OR NEW.municipality IS NOT OLD.municipality
BEGIN
  UPDATE appointment_themes SET date = NEW.date, municipality = NEW.municipality
  WHERE appointment_id = NEW.id;
END
""",
}


def create_triggers() -> None:
    for sql in TRIGGERS.values():
        op.execute(sql)


def drop_triggers() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    with op.batch_alter_table("appointment_themes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("municipality", sa.String(length=200), nullable=True))
    op.execute(
        "UPDATE appointment_themes SET (date, municipality) = (SELECT a.date, a.municipality"
        " FROM appointments a WHERE a.id = appointment_themes.appointment_id)"
    )
    with op.batch_alter_table("appointment_themes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_appointment_themes_theme_date_municipality",
            ["theme", "date", "municipality"],
            unique=False,
        )
    create_triggers()
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_appointments_id_date_municipality")


def downgrade() -> None:
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_appointments_id_date_municipality", ["id", "date", "municipality"], unique=False
        )
    drop_triggers()
    with op.batch_alter_table("appointment_themes", schema=None) as batch_op:
        batch_op.drop_index("ix_appointment_themes_theme_date_municipality")
        batch_op.drop_column("municipality")
        batch_op.drop_column("date")
