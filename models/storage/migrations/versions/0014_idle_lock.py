"""idle lock: the station's idle time and console exemption, its marked dispatch consoles

Revision ID: 0014_idle_lock
Revises: 0013_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_idle_lock"
down_revision = "0013_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "idle_lock_policy",
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("console_exemption", sa.Boolean(), nullable=False),
        sa.Column("changed_by", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"],
                                name=op.f("fk_idle_lock_policy_station_id_station")),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_idle_lock_policy")),
    )
    op.create_table(
        "dispatch_console",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("workstation", sa.String(length=64), nullable=False),
        sa.Column("marked_by", sa.String(length=32), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"],
                                name=op.f("fk_dispatch_console_station_id_station")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispatch_console")),
        sa.UniqueConstraint("station_id", "workstation",
                            name=op.f("uq_dispatch_console_station_id_workstation")),
    )
    with op.batch_alter_table("dispatch_console", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dispatch_console_station_id"), ["station_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dispatch_console", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dispatch_console_station_id"))
    op.drop_table("dispatch_console")
    op.drop_table("idle_lock_policy")
