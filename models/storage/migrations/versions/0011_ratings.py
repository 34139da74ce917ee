"""assessment: periodic ratings (weekly, every 旬), the community's opinions, verifications
of people involved in alerts, petitions by community (for the 三零 share)

Revision ID: 0011_ratings
Revises: 0010_task_open_by_due
Create Date: 2026-12-02 04:42:19.008645
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_ratings"
down_revision = "0010_task_open_by_due"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "community_opinion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=True),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("favourable", sa.Boolean(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["beat_id"], ["beat.id"], name=op.f("fk_community_opinion_beat_id_beat")
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["beat_community.id"],
            name=op.f("fk_community_opinion_community_id_beat_community"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_community_opinion_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_community_opinion_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_opinion")),
    )
    with op.batch_alter_table("community_opinion", schema=None) as batch_op:
        batch_op.create_index(
            "ix_community_opinion_station_day", ["station_id", "day"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_community_opinion_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "petition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["beat_community.id"],
            name=op.f("fk_petition_community_id_beat_community"),
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_petition_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_petition")),
    )
    with op.batch_alter_table("petition", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_petition_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index("ix_petition_station_day", ["station_id", "day"], unique=False)
        batch_op.create_index(batch_op.f("ix_petition_station_id"), ["station_id"], unique=False)

    op.create_table(
        "rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("rater_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("comment", sa.String(length=300), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("void_reason", sa.String(length=200), nullable=True),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("end_on >= start_on", name=op.f("ck_rating_range_forward")),
        sa.CheckConstraint("score >= 0 AND score <= 100", name=op.f("ck_rating_score_in_range")),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_rating_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["rater_id"], ["officer.id"], name=op.f("fk_rating_rater_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_rating_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rating")),
    )
    with op.batch_alter_table("rating", schema=None) as batch_op:
        batch_op.create_index("ix_rating_station_end", ["station_id", "end_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_rating_station_id"), ["station_id"], unique=False)

    op.create_table(
        "people_verification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=50), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_people_verification_alert_id_alert")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_people_verification_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_people_verification_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people_verification")),
        sa.UniqueConstraint(
            "alert_id", "person", name=op.f("uq_people_verification_alert_id_person")
        ),
    )
    with op.batch_alter_table("people_verification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_people_verification_alert_id"), ["alert_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_people_verification_station_id"), ["station_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("people_verification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_verification_station_id"))
        batch_op.drop_index(batch_op.f("ix_people_verification_alert_id"))

    op.drop_table("people_verification")
    with op.batch_alter_table("rating", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rating_station_id"))
        batch_op.drop_index("ix_rating_station_end")

    op.drop_table("rating")
    with op.batch_alter_table("petition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_petition_station_id"))
        batch_op.drop_index("ix_petition_station_day")
        batch_op.drop_index(batch_op.f("ix_petition_community_id"))

    op.drop_table("petition")
    with op.batch_alter_table("community_opinion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_community_opinion_station_id"))
        batch_op.drop_index("ix_community_opinion_station_day")

    op.drop_table("community_opinion")
