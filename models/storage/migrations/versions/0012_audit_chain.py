"""audit chain: sequence numbers and keyed seals on entries, the chain head record, and
on PostgreSQL a trigger (and revoked privileges) that keep entries append-only

Entries already in the log keep their hashes; each is numbered in the order it was
stored and sealed with the audit key found (or made) on the machine that upgrades.

Revision ID: 0012_audit_chain
Revises: 0011_ratings
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0012_audit_chain"
down_revision = "0011_ratings"
branch_labels = None
depends_on = None

GENESIS = "0" * 64

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def upgrade() -> None:
    from models.accounts import audit, audit_key

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("mac", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_audit_entry_seq"), ["seq"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    conn = op.get_bind()
    entries = sa.table("audit_entry", sa.column("id", sa.Integer), sa.column("seq", sa.Integer),
                       sa.column("prev_hash", sa.String), sa.column("hash", sa.String),
                       sa.column("mac", sa.String))
    seq, last = 0, GENESIS
    for row in conn.execute(sa.select(entries.c.id, entries.c.prev_hash, entries.c.hash)
                            .order_by(entries.c.id)).all():
        seq += 1
        conn.execute(entries.update().where(entries.c.id == row.id).values(
            seq=seq, mac=audit.entry_seal(seq, row.prev_hash, row.hash)))
        last = row.hash
    key_id = audit_key.fingerprint()
    head = sa.table("audit_head", sa.column("id", sa.Integer), sa.column("seq", sa.Integer),
                    sa.column("hash", sa.String), sa.column("mac", sa.String),
                    sa.column("key_id", sa.String), sa.column("at", sa.DateTime(timezone=True)))
    now = dt.datetime.now(dt.UTC)
    conn.execute(head.insert().values(id=audit.HEAD_ID, seq=seq, hash=last, key_id=key_id,
                                      mac=audit.head_seal(seq, last, key_id),
                                      at=now if conn.dialect.name != "sqlite" else now.replace(tzinfo=None)))
    if conn.dialect.name == "postgresql":
        op.execute(APPEND_ONLY)
        op.execute("CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
                   "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()")
        op.execute("CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()")
        op.execute("CREATE TRIGGER audit_head_kept BEFORE DELETE ON audit_head "
                   "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()")
        op.execute("CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()")
        op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM PUBLIC")
        op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM CURRENT_USER")
        op.execute("REVOKE DELETE, TRUNCATE ON audit_head FROM PUBLIC")
        op.execute("REVOKE DELETE, TRUNCATE ON audit_head FROM CURRENT_USER")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head")
        op.execute("DROP TRIGGER IF EXISTS audit_head_kept ON audit_head")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")
        op.execute("DROP FUNCTION IF EXISTS audit_entry_append_only()")
        op.execute("GRANT UPDATE, DELETE, TRUNCATE ON audit_entry TO CURRENT_USER")
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_entry_seq"), type_="unique")
        batch_op.drop_column("mac")
        batch_op.drop_column("seq")
