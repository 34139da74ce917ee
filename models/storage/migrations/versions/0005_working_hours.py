"""working hours: when every officer is on duty, and when the duty rota decides

Revision ID: 0005_working_hours
Revises: 0004_documents
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_working_hours"
down_revision = "0004_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dispatch_policy") as table:
        table.add_column(sa.Column("day_starts", sa.String(length=5), nullable=False,
                                   server_default="08:30"))
        table.add_column(sa.Column("day_ends", sa.String(length=5), nullable=False,
                                   server_default="17:30"))


def downgrade() -> None:
    with op.batch_alter_table("dispatch_policy") as table:
        table.drop_column("day_ends")
        table.drop_column("day_starts")
