"""tasks: the registry (台账) of subjects, units, cases and orders, their events, the tasks
they drive, standard task templates and how far the schedules are generated

Revision ID: 0006_tasks
Revises: 0005_working_hours
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_tasks"
down_revision = "0005_working_hours"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task_schedule",
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("horizon", sa.Date(), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_task_schedule_station_id_station")
        ),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_task_schedule")),
    )
    op.create_table(
        "task_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("object", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("evaluation", sa.Text(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_task_template_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_template")),
        sa.UniqueConstraint(
            "station_id", "code", "version", name=op.f("uq_task_template_station_id_code_version")
        ),
    )
    op.create_table(
        "registry_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "dv_warning",
                "political_rights",
                "bail",
                "residential_surveillance",
                "released_prisoner",
                "drug_user",
                "minor",
                "specific_subject",
                "unit",
                "key_unit",
                "case",
                "rectification_order",
                "community_liaison",
                "station_meetings",
                name="subjectkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("beat_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=120), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("authority", sa.String(length=60), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column(
            "flag",
            sa.Enum(
                "not_specific",
                "pending",
                "flagged",
                "unflag_pending",
                "unflagged",
                name="flagstate",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("flag_requested_by", sa.String(length=32), nullable=False),
        sa.Column("flag_decided_by", sa.String(length=32), nullable=False),
        sa.Column("flag_reason", sa.String(length=200), nullable=False),
        sa.Column("source_alert_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["beat_id"], ["beat.id"], name=op.f("fk_registry_record_beat_id_beat")
        ),
        sa.ForeignKeyConstraint(
            ["source_alert_id"], ["alert.id"], name=op.f("fk_registry_record_source_alert_id_alert")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_registry_record_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_record")),
    )
    with op.batch_alter_table("registry_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registry_record_station_id"), ["station_id"], unique=False
        )
        batch_op.create_index(
            "ix_registry_record_station_kind", ["station_id", "kind"], unique=False
        )

    op.create_table(
        "registry_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "visit",
                "recurrence",
                "report",
                "filed",
                "closed",
                "reinspection",
                "assessment",
                "inspection",
                "talk",
                "meeting",
                "notice",
                name="eventkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("recurrence", sa.Boolean(), nullable=False),
        sa.Column("topic", sa.String(length=24), nullable=False),
        sa.Column("note", sa.String(length=400), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.String(length=32), nullable=False),
        sa.Column("void_reason", sa.String(length=200), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_registry_event_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["registry_event.id"],
            name=op.f("fk_registry_event_replaces_id_registry_event"),
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_registry_event_station_id_station")
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["registry_record.id"],
            name=op.f("fk_registry_event_subject_id_registry_record"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_event")),
    )
    with op.batch_alter_table("registry_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registry_event_station_id"), ["station_id"], unique=False
        )
        batch_op.create_index("ix_registry_event_subject", ["subject_id", "on"], unique=False)

    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "prescribed", "directive", "pushed", name="taskkind", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("rule", sa.String(length=48), nullable=True),
        sa.Column("cycle", sa.Integer(), nullable=True),
        sa.Column("article", sa.String(length=24), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("beat_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("template_code", sa.String(length=32), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(length=40), nullable=True),
        sa.Column("urgency", sa.String(length=16), nullable=False),
        sa.Column("satisfied_by", sa.String(length=16), nullable=False),
        sa.Column("topic", sa.String(length=24), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("estimated", sa.String(length=40), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "in_progress",
                "done",
                "cancelled",
                name="taskstate",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.String(length=32), nullable=False),
        sa.Column("done_officer", sa.String(length=16), nullable=False),
        sa.Column("feedback", sa.String(length=400), nullable=False),
        sa.Column("cancel_reason", sa.String(length=200), nullable=False),
        sa.Column("cancelled_by", sa.String(length=32), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["beat_id"], ["beat.id"], name=op.f("fk_task_beat_id_beat")),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_task_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_task_station_id_station")
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["registry_record.id"], name=op.f("fk_task_subject_id_registry_record")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_task_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
        sa.UniqueConstraint(
            "station_id", "external_id", name=op.f("uq_task_station_id_external_id")
        ),
        sa.UniqueConstraint(
            "subject_id", "rule", "cycle", name=op.f("uq_task_subject_id_rule_cycle")
        ),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index("ix_task_station_due", ["station_id", "due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_station_id"), ["station_id"], unique=False)
        batch_op.create_index(
            "ix_task_station_state_opens", ["station_id", "state", "opens_on"], unique=False
        )
    op.create_table(
        "task_policy",
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("week_threshold", sa.Integer(), nullable=False),
        sa.Column("remind_days", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"],
                                name=op.f("fk_task_policy_station_id_station")),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_task_policy")),
    )


def downgrade() -> None:
    op.drop_table("task_policy")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_station_state_opens")
        batch_op.drop_index(batch_op.f("ix_task_station_id"))
        batch_op.drop_index("ix_task_station_due")

    op.drop_table("task")
    with op.batch_alter_table("registry_event", schema=None) as batch_op:
        batch_op.drop_index("ix_registry_event_subject")
        batch_op.drop_index(batch_op.f("ix_registry_event_station_id"))

    op.drop_table("registry_event")
    with op.batch_alter_table("registry_record", schema=None) as batch_op:
        batch_op.drop_index("ix_registry_record_station_kind")
        batch_op.drop_index(batch_op.f("ix_registry_record_station_id"))

    op.drop_table("registry_record")
    op.drop_table("task_template")
    op.drop_table("task_schedule")
