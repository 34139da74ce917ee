"""record seals made from the text the database gives: the seals of 0015 (alerts only,
made from values read into Python) are dropped, and sealing begins again, every sealed
table as it stands, at its next sealed write

Revision ID: 0016_record_seal_text
Revises: 0015_record_seals
"""

from alembic import op

revision = "0016_record_seal_text"
down_revision = "0015_record_seals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM record_seal")
    op.execute("DELETE FROM record_seal_start")


def downgrade() -> None:
    op.execute("DELETE FROM record_seal")  # 0015 reads no seal of this form: it seals again
    op.execute("DELETE FROM record_seal_start")
