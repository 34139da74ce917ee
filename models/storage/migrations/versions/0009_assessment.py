"""assessment: targets by date, satisfaction surveys, finalised periods and their frozen rows;
an index on alerts by category and time for the assessment's figures

Revision ID: 0009_assessment
Revises: 0008_disputes
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_assessment"
down_revision = "0008_disputes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.create_index(
            "ix_alert_station_category_received",
            ["station_id", "category", "received_at"],
            unique=False,
        )
    op.create_table(
        "assessment_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finalised_by", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_assessment_period_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_period")),
        sa.UniqueConstraint(
            "station_id",
            "start_on",
            "end_on",
            "revision",
            name=op.f("uq_assessment_period_station_id_start_on_end_on_revision"),
        ),
    )
    with op.batch_alter_table("assessment_period", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessment_period_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "assessment_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("set_by", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_assessment_target_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_target")),
    )
    with op.batch_alter_table("assessment_target", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assessment_target_lookup", ["station_id", "indicator", "valid_from"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assessment_target_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "assessment_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("subject_name", sa.String(length=64), nullable=False),
        sa.Column("indicator", sa.String(length=40), nullable=False),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["assessment_period.id"],
            name=op.f("fk_assessment_snapshot_period_id_assessment_period"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_snapshot")),
    )
    with op.batch_alter_table("assessment_snapshot", schema=None) as batch_op:
        batch_op.create_index("ix_assessment_snapshot_period", ["period_id", "level"], unique=False)

    op.create_table(
        "survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("asked", sa.Integer(), nullable=False),
        sa.Column("satisfied", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_survey_range_forward")),
        sa.CheckConstraint(
            "satisfied >= 0 AND satisfied <= asked", name=op.f("ck_survey_satisfied_le_asked")
        ),
        sa.ForeignKeyConstraint(["beat_id"], ["beat.id"], name=op.f("fk_survey_beat_id_beat")),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_survey_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_survey_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey")),
    )
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.create_index("ix_survey_station_end", ["station_id", "period_end"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_station_id"), ["station_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_station_category_received")
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_station_id"))
        batch_op.drop_index("ix_survey_station_end")

    op.drop_table("survey")
    with op.batch_alter_table("assessment_snapshot", schema=None) as batch_op:
        batch_op.drop_index("ix_assessment_snapshot_period")

    op.drop_table("assessment_snapshot")
    with op.batch_alter_table("assessment_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_target_station_id"))
        batch_op.drop_index("ix_assessment_target_lookup")

    op.drop_table("assessment_target")
    with op.batch_alter_table("assessment_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_period_station_id"))

    op.drop_table("assessment_period")
