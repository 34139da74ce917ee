"""record seals: each alert row's HMAC with the audit key, so an edit made with SQL is found

Revision ID: 0015_record_seals
Revises: 0014_idle_lock
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_record_seals"
down_revision = "0014_idle_lock"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_seal",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_record_seal")),
    )
    op.create_table(
        "record_seal_start",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("began_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("table_name", name=op.f("pk_record_seal_start")),
    )


def downgrade() -> None:
    op.drop_table("record_seal_start")
    op.drop_table("record_seal")
