"""rosters: substitutions, duty rota, work calendar, beat assignments, training,
security committees, roster policy

The official work calendar is data in ``calendar_day``/``calendar_year``; ``init`` (and
``calendar seed``) fill it from the installed ``chinesecalendar`` package, and
``calendar import FILE`` adds the years it does not know yet. The migration itself
writes no rows, so a freshly migrated database stays empty for ``restore``.

Revision ID: 0002_rosters
Revises: 0001_foundation
Create Date: 2026-11-23 15:31:40.589588
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_rosters"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_day")),
    )
    with op.batch_alter_table("calendar_day", schema=None) as batch_op:
        batch_op.create_index("ix_calendar_day_day", ["day"], unique=False)

    op.create_table(
        "calendar_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_year")),
    )
    with op.batch_alter_table("calendar_year", schema=None) as batch_op:
        batch_op.create_index("ix_calendar_year_year", ["year"], unique=False)

    op.create_table(
        "roster_policy",
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("absence_approval", sa.Boolean(), nullable=False),
        sa.Column("night_standby", sa.Integer(), nullable=False),
        sa.Column("rest_day_standby", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_roster_policy_station_id_station")
        ),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_roster_policy")),
    )
    op.create_table(
        "security_committee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("dissolved_on", sa.Date(), nullable=True),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["beat_id"], ["beat.id"], name=op.f("fk_security_committee_beat_id_beat")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_security_committee_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_committee")),
    )
    with op.batch_alter_table("security_committee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_security_committee_beat_id"), ["beat_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_security_committee_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "beat_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "end_on IS NULL OR end_on >= start_on", name=op.f("ck_beat_assignment_range_forward")
        ),
        sa.ForeignKeyConstraint(
            ["beat_id"], ["beat.id"], name=op.f("fk_beat_assignment_beat_id_beat")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_beat_assignment_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_beat_assignment_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beat_assignment")),
    )
    with op.batch_alter_table("beat_assignment", schema=None) as batch_op:
        batch_op.create_index(
            "ix_beat_assignment_officer", ["officer_id", "start_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_beat_assignment_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "beat_substitution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_by", sa.String(length=32), nullable=True),
        sa.Column("cancel_reason", sa.String(length=200), nullable=True),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("end_on >= start_on", name=op.f("ck_beat_substitution_range_forward")),
        sa.ForeignKeyConstraint(
            ["beat_id"], ["beat.id"], name=op.f("fk_beat_substitution_beat_id_beat")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_beat_substitution_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_beat_substitution_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beat_substitution")),
    )
    with op.batch_alter_table("beat_substitution", schema=None) as batch_op:
        batch_op.create_index(
            "ix_beat_substitution_beat_start", ["beat_id", "start_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_beat_substitution_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "committee_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["security_committee.id"],
            name=op.f("fk_committee_member_committee_id_security_committee"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_member")),
    )
    with op.batch_alter_table("committee_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_committee_member_committee_id"), ["committee_id"], unique=False
        )

    op.create_table(
        "rota_shift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("post", sa.String(length=24), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "generated", "hand", "imported", name="shiftsource", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.String(length=32), nullable=True),
        sa.Column("void_reason", sa.String(length=200), nullable=True),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_rota_shift_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_rota_shift_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rota_shift")),
    )
    with op.batch_alter_table("rota_shift", schema=None) as batch_op:
        batch_op.create_index("ix_rota_shift_station_day", ["station_id", "day"], unique=False)
        batch_op.create_index(batch_op.f("ix_rota_shift_station_id"), ["station_id"], unique=False)

    op.create_table(
        "training_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("days", sa.Float(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("void_reason", sa.String(length=200), nullable=True),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_training_entry_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_training_entry_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_entry")),
    )
    with op.batch_alter_table("training_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_entry_officer_id"), ["officer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_entry_station_id"), ["station_id"], unique=False
        )



def downgrade() -> None:
    with op.batch_alter_table("training_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_entry_station_id"))
        batch_op.drop_index(batch_op.f("ix_training_entry_officer_id"))

    op.drop_table("training_entry")
    with op.batch_alter_table("rota_shift", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rota_shift_station_id"))
        batch_op.drop_index("ix_rota_shift_station_day")

    op.drop_table("rota_shift")
    with op.batch_alter_table("committee_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_member_committee_id"))

    op.drop_table("committee_member")
    with op.batch_alter_table("beat_substitution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beat_substitution_station_id"))
        batch_op.drop_index("ix_beat_substitution_beat_start")

    op.drop_table("beat_substitution")
    with op.batch_alter_table("beat_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beat_assignment_station_id"))
        batch_op.drop_index("ix_beat_assignment_officer")

    op.drop_table("beat_assignment")
    with op.batch_alter_table("security_committee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_committee_station_id"))
        batch_op.drop_index(batch_op.f("ix_security_committee_beat_id"))

    op.drop_table("security_committee")
    op.drop_table("roster_policy")
    with op.batch_alter_table("calendar_year", schema=None) as batch_op:
        batch_op.drop_index("ix_calendar_year_year")

    op.drop_table("calendar_year")
    with op.batch_alter_table("calendar_day", schema=None) as batch_op:
        batch_op.drop_index("ix_calendar_day_day")

    op.drop_table("calendar_day")
