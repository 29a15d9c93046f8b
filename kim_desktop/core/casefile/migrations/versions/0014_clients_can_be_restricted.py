"""a client's processing can be restricted (Art. 18 GDPR)

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 19:00:00

``clients.restricted_on`` (the day the restriction began) and ``clients.restriction_reason``
(a short code, never free text: Art. 18(1)(a)–(d) GDPR, a statutory retention duty instead of
erasure, or ``other``) are set together while a client's processing is restricted and are
NULL otherwise (casework/restriction.py says what a restriction blocks).

The columns are added with ``ALTER TABLE … ADD COLUMN`` and their checks as column
constraints, not by rebuilding ``clients`` in batch mode: a rebuild would drop the triggers
of 0008 and 0010 on that table. Every existing client is unrestricted (NULL, NULL).
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

REASONS = (
    "'accuracy_contested', 'unlawful_processing', 'legal_claims', "
    "'objection_pending', 'retention_duty', 'other'"
)


def upgrade() -> None:
    op.execute("ALTER TABLE clients ADD COLUMN restricted_on DATE")
    op.execute(
        "ALTER TABLE clients ADD COLUMN restriction_reason VARCHAR(32)"
        " CONSTRAINT ck_clients_restriction_complete"
        " CHECK ((restricted_on IS NULL) = (restriction_reason IS NULL))"
        " CONSTRAINT ck_clients_restriction_reason"
        f" CHECK (restriction_reason IS NULL OR restriction_reason IN ({REASONS}))"
    )


def downgrade() -> None:
    # The reason's column carries both checks, so it goes first (SQLite's DROP COLUMN).
    op.execute("ALTER TABLE clients DROP COLUMN restriction_reason")
    op.execute("ALTER TABLE clients DROP COLUMN restricted_on")
