"""tasks: an index on the open tasks by due day (the agenda's order, the overdue view, the
week and the reminders read it without touching the done ones)

Revision ID: 0010_task_open_by_due
Revises: 0009_assessment
"""

from alembic import op

revision = "0010_task_open_by_due"
down_revision = "0009_assessment"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_station_state_due", ["station_id", "state", "due_on", "opens_on"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_station_state_due")
