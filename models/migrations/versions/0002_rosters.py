"""rosters: the link between the foundation and the alerts in the migration chain

Revision ID: 0002_rosters
Revises: 0001_foundation

The roster capability (duty rota, calendar, substitutes) owns this revision and
fills it with its tables; the alerts revision builds on it.
"""

revision = "0002_rosters"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
