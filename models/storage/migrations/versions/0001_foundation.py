"""foundation: station, teams, beats, officers, A/B pairs, absences, users, audit log

Revision ID: 0001_foundation
Revises: (none)
Create Date: 2026-11-23 15:10:21.228756
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("workstation", sa.String(length=64), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_table(
        "station",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("document_prefix", sa.String(length=32), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("founded_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station")),
        sa.UniqueConstraint("code", name=op.f("uq_station_code")),
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("display_name", sa.String(length=32), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "duty", "leader", "admin", "auditor", name="role", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("may_unmask", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_app_user_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("name", name=op.f("uq_app_user_name")),
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "command_room", "community", "case", name="teamkind", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_team_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("station_id", "code", name=op.f("uq_team_station_id_code")),
    )
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_station_id"), ["station_id"], unique=False)

    op.create_table(
        "beat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("rural", sa.Boolean(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_beat_station_id_station")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_beat_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beat")),
        sa.UniqueConstraint("station_id", "code", name=op.f("uq_beat_station_id_code")),
    )
    with op.batch_alter_table("beat", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_beat_station_id"), ["station_id"], unique=False)

    op.create_table(
        "beat_adjacency",
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column("adjacent_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["adjacent_id"], ["beat.id"], name=op.f("fk_beat_adjacency_adjacent_id_beat")
        ),
        sa.ForeignKeyConstraint(
            ["beat_id"], ["beat.id"], name=op.f("fk_beat_adjacency_beat_id_beat")
        ),
        sa.PrimaryKeyConstraint("beat_id", "adjacent_id", name=op.f("pk_beat_adjacency")),
    )
    op.create_table(
        "beat_community",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("village", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["beat_id"], ["beat.id"], name=op.f("fk_beat_community_beat_id_beat")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_beat_community_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beat_community")),
        sa.UniqueConstraint("station_id", "name", name=op.f("uq_beat_community_station_id_name")),
    )
    with op.batch_alter_table("beat_community", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_beat_community_beat_id"), ["beat_id"], unique=False)

    op.create_table(
        "officer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("police", "auxiliary", name="officerkind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("home_beat_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("full_time_community", sa.Boolean(), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["home_beat_id"], ["beat.id"], name=op.f("fk_officer_home_beat_id_beat")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_officer_station_id_station")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_officer_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officer")),
        sa.UniqueConstraint("station_id", "code", name=op.f("uq_officer_station_id_code")),
    )
    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_officer_station_id"), ["station_id"], unique=False)

    op.create_table(
        "ab_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column("a_id", sa.Integer(), nullable=False),
        sa.Column("b_id", sa.Integer(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum("ab", "joint", name="pairmode", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("a_id <> b_id", name=op.f("ck_ab_pair_a_is_not_b")),
        sa.ForeignKeyConstraint(["a_id"], ["officer.id"], name=op.f("fk_ab_pair_a_id_officer")),
        sa.ForeignKeyConstraint(["b_id"], ["officer.id"], name=op.f("fk_ab_pair_b_id_officer")),
        sa.ForeignKeyConstraint(["beat_id"], ["beat.id"], name=op.f("fk_ab_pair_beat_id_beat")),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_ab_pair_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ab_pair")),
    )
    with op.batch_alter_table("ab_pair", schema=None) as batch_op:
        batch_op.create_index("ix_ab_pair_beat_valid", ["beat_id", "valid_from"], unique=False)
        batch_op.create_index(batch_op.f("ix_ab_pair_station_id"), ["station_id"], unique=False)

    op.create_table(
        "absence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "leave",
                "training",
                "rest_day",
                "sick",
                "personal",
                name="absencekind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "cancelled",
                name="absencestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("decided_by", sa.String(length=32), nullable=True),
        sa.Column("cancel_reason", sa.String(length=200), nullable=True),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("end_on >= start_on", name=op.f("ck_absence_range_forward")),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_absence_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_absence_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absence")),
    )
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.create_index("ix_absence_officer_start", ["officer_id", "start_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_absence_station_id"), ["station_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_absence_station_id"))
        batch_op.drop_index("ix_absence_officer_start")

    op.drop_table("absence")
    with op.batch_alter_table("ab_pair", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ab_pair_station_id"))
        batch_op.drop_index("ix_ab_pair_beat_valid")

    op.drop_table("ab_pair")
    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officer_station_id"))

    op.drop_table("officer")
    with op.batch_alter_table("beat_community", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beat_community_beat_id"))

    op.drop_table("beat_community")
    op.drop_table("beat_adjacency")
    with op.batch_alter_table("beat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beat_station_id"))

    op.drop_table("beat")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_station_id"))

    op.drop_table("team")
    op.drop_table("app_user")
    op.drop_table("station")
    op.drop_table("audit_entry")
