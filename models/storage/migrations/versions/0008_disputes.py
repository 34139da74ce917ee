"""disputes: the dispute ledger (矛盾纠纷台账), the alerts each dispute came from or that
repeat it, its follow-up visits and the steps of its state

Revision ID: 0008_disputes
Revises: 0007_handover
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_disputes"
down_revision = "0007_handover"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dispute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum("alert", "visit", "other", name="source", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column(
            "risk",
            sa.Enum("low", "medium", "high", name="risklevel", native_enum=False, length=8),
            nullable=False,
        ),
        sa.Column("criminal_risk", sa.Boolean(), nullable=False),
        sa.Column(
            "body",
            sa.Enum(
                "station",
                "judicial_office",
                "village_committee",
                "mediation_committee",
                name="body",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "mediating",
                "resolved",
                "referred",
                "closed",
                name="disputestate",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.String(length=400), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["alert.id"], name=op.f("fk_dispute_alert_id_alert")),
        sa.ForeignKeyConstraint(["beat_id"], ["beat.id"], name=op.f("fk_dispute_beat_id_beat")),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_dispute_station_id_station")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["registry_event.id"], name=op.f("fk_dispute_visit_id_registry_event")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispute")),
    )
    with op.batch_alter_table("dispute", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dispute_station_id"), ["station_id"], unique=False)
        batch_op.create_index("ix_dispute_station_state", ["station_id", "state"], unique=False)

    op.create_table(
        "dispute_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("repeat", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_dispute_alert_alert_id_alert")
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_dispute_alert_dispute_id_dispute")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_dispute_alert_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispute_alert")),
        sa.UniqueConstraint("alert_id", name=op.f("uq_dispute_alert_alert_id")),
    )
    with op.batch_alter_table("dispute_alert", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dispute_alert_dispute_id"), ["dispute_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dispute_alert_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "dispute_follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=400), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_dispute_follow_up_dispute_id_dispute")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_dispute_follow_up_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_dispute_follow_up_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispute_follow_up")),
    )
    with op.batch_alter_table("dispute_follow_up", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dispute_follow_up_dispute_id"), ["dispute_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dispute_follow_up_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "dispute_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_state",
            sa.Enum(
                "open",
                "mediating",
                "resolved",
                "referred",
                "closed",
                name="disputestate",
                native_enum=False,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_state",
            sa.Enum(
                "open",
                "mediating",
                "resolved",
                "referred",
                "closed",
                name="disputestate",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.String(length=400), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute.id"], name=op.f("fk_dispute_step_dispute_id_dispute")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_dispute_step_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispute_step")),
    )
    with op.batch_alter_table("dispute_step", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dispute_step_dispute_id"), ["dispute_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dispute_step_station_id"), ["station_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("dispute_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dispute_step_station_id"))
        batch_op.drop_index(batch_op.f("ix_dispute_step_dispute_id"))

    op.drop_table("dispute_step")
    with op.batch_alter_table("dispute_follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dispute_follow_up_station_id"))
        batch_op.drop_index(batch_op.f("ix_dispute_follow_up_dispute_id"))

    op.drop_table("dispute_follow_up")
    with op.batch_alter_table("dispute_alert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dispute_alert_station_id"))
        batch_op.drop_index(batch_op.f("ix_dispute_alert_dispute_id"))

    op.drop_table("dispute_alert")
    with op.batch_alter_table("dispute", schema=None) as batch_op:
        batch_op.drop_index("ix_dispute_station_state")
        batch_op.drop_index(batch_op.f("ix_dispute_station_id"))

    op.drop_table("dispute")
