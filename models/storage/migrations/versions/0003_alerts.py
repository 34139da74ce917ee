"""alerts: alerts with their timeline, dispatches, repeat links, case filings, deadline
overrides, standard addresses, dispatch policy, and the change feed for live sync

Revision ID: 0003_alerts
Revises: 0002_rosters
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_alerts"
down_revision = "0002_rosters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_feed",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_feed")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("change_feed", schema=None) as batch_op:
        batch_op.create_index("ix_change_feed_station_id", ["station_id", "id"], unique=False)

    op.create_table(
        "deadline_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=8), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_deadline_override_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_override")),
    )
    with op.batch_alter_table("deadline_override", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deadline_override_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "dispatch_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("repeat_window_days", sa.Integer(), nullable=False),
        sa.Column("repeat_flag_at", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_dispatch_policy_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispatch_policy")),
        sa.UniqueConstraint("station_id", name=op.f("uq_dispatch_policy_station_id")),
    )
    with op.batch_alter_table("dispatch_policy", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dispatch_policy_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "standard_address",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column("community", sa.String(length=100), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["beat_id"], ["beat.id"], name=op.f("fk_standard_address_beat_id_beat")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_standard_address_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_address")),
        sa.UniqueConstraint("station_id", "key", name=op.f("uq_standard_address_station_id_key")),
    )
    with op.batch_alter_table("standard_address", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_standard_address_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("external_number", sa.String(length=64), nullable=True),
        sa.Column("content_digest", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("needs_two", sa.Boolean(), nullable=False),
        sa.Column("beat_id", sa.Integer(), nullable=False),
        sa.Column("community", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("area", sa.String(length=8), nullable=False),
        sa.Column("caller_name", sa.String(length=50), nullable=False),
        sa.Column("caller_phone", sa.String(length=32), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("allowed_minutes", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("overdue_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("acting_id", sa.Integer(), nullable=True),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("repeated", sa.Boolean(), nullable=False),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["acting_id"], ["officer.id"], name=op.f("fk_alert_acting_id_officer")
        ),
        sa.ForeignKeyConstraint(["beat_id"], ["beat.id"], name=op.f("fk_alert_beat_id_beat")),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["officer.id"], name=op.f("fk_alert_owner_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_alert_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert")),
        sa.UniqueConstraint(
            "station_id", "external_number", name=op.f("uq_alert_station_id_external_number")
        ),
        sa.UniqueConstraint("station_id", "number", name=op.f("uq_alert_station_id_number")),
    )
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_beat_id"), ["beat_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_station_id"), ["station_id"], unique=False)
        batch_op.create_index(
            "ix_alert_station_received", ["station_id", "received_at"], unique=False
        )
        batch_op.create_index("ix_alert_station_status", ["station_id", "status"], unique=False)

    op.create_table(
        "alert_case_filing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_number", sa.String(length=64), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_alert_case_filing_alert_id_alert")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_alert_case_filing_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_case_filing")),
    )
    with op.batch_alter_table("alert_case_filing", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alert_case_filing_alert_id"), ["alert_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_alert_case_filing_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "alert_dispatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("happened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("covered_for_id", sa.Integer(), nullable=True),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_alert_dispatch_alert_id_alert")
        ),
        sa.ForeignKeyConstraint(
            ["covered_for_id"],
            ["officer.id"],
            name=op.f("fk_alert_dispatch_covered_for_id_officer"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_alert_dispatch_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_alert_dispatch_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_dispatch")),
    )
    with op.batch_alter_table("alert_dispatch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_dispatch_alert_id"), ["alert_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_alert_dispatch_officer_id"), ["officer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_alert_dispatch_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "alert_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=True),
        sa.Column("happened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("acting_id", sa.Integer(), nullable=True),
        sa.Column("covered_for_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["acting_id"], ["officer.id"], name=op.f("fk_alert_event_acting_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_alert_event_alert_id_alert")
        ),
        sa.ForeignKeyConstraint(
            ["covered_for_id"], ["officer.id"], name=op.f("fk_alert_event_covered_for_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_alert_event_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_event")),
    )
    with op.batch_alter_table("alert_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_event_alert_id"), ["alert_id"], unique=False)
        batch_op.create_index(
            "ix_alert_event_step", ["station_id", "status", "happened_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_alert_event_station_id"), ["station_id"], unique=False)

    op.create_table(
        "alert_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=220), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_alert_key_alert_id_alert")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_alert_key_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_key")),
    )
    with op.batch_alter_table("alert_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_key_alert_id"), ["alert_id"], unique=False)
        batch_op.create_index("ix_alert_key_lookup", ["station_id", "key"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_key_station_id"), ["station_id"], unique=False)

    op.create_table(
        "alert_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("earlier_id", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.String(length=300), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_alert_link_alert_id_alert")
        ),
        sa.ForeignKeyConstraint(
            ["earlier_id"], ["alert.id"], name=op.f("fk_alert_link_earlier_id_alert")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_alert_link_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_link")),
        sa.UniqueConstraint(
            "alert_id", "earlier_id", name=op.f("uq_alert_link_alert_id_earlier_id")
        ),
    )
    with op.batch_alter_table("alert_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_link_alert_id"), ["alert_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_link_earlier_id"), ["earlier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_link_station_id"), ["station_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alert_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_link_station_id"))
        batch_op.drop_index(batch_op.f("ix_alert_link_earlier_id"))
        batch_op.drop_index(batch_op.f("ix_alert_link_alert_id"))

    op.drop_table("alert_link")
    with op.batch_alter_table("alert_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_key_station_id"))
        batch_op.drop_index("ix_alert_key_lookup")
        batch_op.drop_index(batch_op.f("ix_alert_key_alert_id"))

    op.drop_table("alert_key")
    with op.batch_alter_table("alert_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_event_station_id"))
        batch_op.drop_index("ix_alert_event_step")
        batch_op.drop_index(batch_op.f("ix_alert_event_alert_id"))

    op.drop_table("alert_event")
    with op.batch_alter_table("alert_dispatch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_dispatch_station_id"))
        batch_op.drop_index(batch_op.f("ix_alert_dispatch_officer_id"))
        batch_op.drop_index(batch_op.f("ix_alert_dispatch_alert_id"))

    op.drop_table("alert_dispatch")
    with op.batch_alter_table("alert_case_filing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_case_filing_station_id"))
        batch_op.drop_index(batch_op.f("ix_alert_case_filing_alert_id"))

    op.drop_table("alert_case_filing")
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_station_status")
        batch_op.drop_index("ix_alert_station_received")
        batch_op.drop_index(batch_op.f("ix_alert_station_id"))
        batch_op.drop_index(batch_op.f("ix_alert_beat_id"))

    op.drop_table("alert")
    with op.batch_alter_table("standard_address", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_standard_address_station_id"))

    op.drop_table("standard_address")
    with op.batch_alter_table("dispatch_policy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dispatch_policy_station_id"))

    op.drop_table("dispatch_policy")
    with op.batch_alter_table("deadline_override", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_override_station_id"))

    op.drop_table("deadline_override")
    with op.batch_alter_table("change_feed", schema=None) as batch_op:
        batch_op.drop_index("ix_change_feed_station_id")

    op.drop_table("change_feed")
