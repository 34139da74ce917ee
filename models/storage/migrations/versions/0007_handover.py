"""handover: the record of each shift handover (交接班) and the sheet it left

Revision ID: 0007_handover
Revises: 0006_tasks
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_handover"
down_revision = "0006_tasks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shift_handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_by", sa.String(length=32), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("to_user", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("sheet", sa.JSON(), nullable=False),
        sa.Column("accepted_by", sa.String(length=32), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accept_note", sa.String(length=400), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"],
                                name=op.f("fk_shift_handover_station_id_station")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_handover")),
    )
    with op.batch_alter_table("shift_handover") as batch_op:
        batch_op.create_index(batch_op.f("ix_shift_handover_station_id"), ["station_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("shift_handover") as batch_op:
        batch_op.drop_index(batch_op.f("ix_shift_handover_station_id"))
    op.drop_table("shift_handover")
