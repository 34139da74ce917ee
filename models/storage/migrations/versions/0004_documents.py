"""documents: the register of issued documents and their number counters

Revision ID: 0004_documents
Revises: 0003_alerts
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_documents"
down_revision = "0003_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"],
                                name=op.f("fk_document_counter_station_id_station")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_counter")),
        sa.UniqueConstraint("station_id", "doc_type", "year", "prefix",
                            name="uq_document_counter_series"),
    )
    op.create_table(
        "issued_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("doc_type", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("issued_by", sa.String(length=32), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("voided_by", sa.String(length=32), nullable=True),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"],
                                name=op.f("fk_issued_document_station_id_station")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_document")),
        sa.UniqueConstraint("station_id", "doc_type", "year", "prefix", "seq",
                            name="uq_issued_document_series"),
        sa.UniqueConstraint("station_id", "number",
                            name="uq_issued_document_number"),
    )
    op.create_index(op.f("ix_issued_document_doc_type"), "issued_document", ["doc_type"])
    op.create_index(op.f("ix_issued_document_year"), "issued_document", ["year"])
    op.create_index(op.f("ix_issued_document_station_id"), "issued_document", ["station_id"])


def downgrade() -> None:
    op.drop_table("issued_document")
    op.drop_table("document_counter")
