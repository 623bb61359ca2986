"""trusts: trusts, shared domains, trust admin keys, staff-group policies; tenants.trust_id

Revision ID: 0006
Revises: 0005

Every existing school keeps ``trust_id`` NULL and so behaves exactly as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "trusts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("entra_tenant_id", sa.String(length=64), nullable=True),
        sa.Column("google_domain", sa.String(length=253), nullable=True),
        sa.Column("policy_json", sa.Text(), nullable=False),
        sa.Column("policy_version", sa.Integer(), nullable=False),
        sa.Column("policy_updated_by", sa.String(length=100), nullable=False),
        sa.Column("policy_updated_at", _UTC, nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
        sa.UniqueConstraint("entra_tenant_id"),
        sa.UniqueConstraint("google_domain"),
    )
    op.create_table(
        "trust_domains",
        sa.Column("domain", sa.String(length=253), nullable=False),
        sa.Column("trust_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["trust_id"], ["trusts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("domain"),
    )
    op.create_index("ix_trust_domains_trust_id", "trust_domains", ["trust_id"])
    op.create_table(
        "trust_api_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("trust_id", sa.String(length=36), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("revoked_at", _UTC, nullable=True),
        sa.ForeignKeyConstraint(["trust_id"], ["trusts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )
    op.create_index("ix_trust_api_keys_trust_id", "trust_api_keys", ["trust_id"])
    op.create_table(
        "staff_group_policies",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("trust_id", sa.String(length=36), nullable=True),
        sa.Column("tenant_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
        sa.Column("departments", sa.Text(), nullable=False),
        sa.Column("patch_json", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.ForeignKeyConstraint(["trust_id"], ["trusts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_staff_group_policies_trust_id", "staff_group_policies", ["trust_id"])
    op.create_index("ix_staff_group_policies_tenant_id", "staff_group_policies", ["tenant_id"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # Not batch mode: SQLite's batch copies the table and drops the old one,
        # and with foreign keys on that drop cascades to every school's domains,
        # keys and policies. ADD COLUMN with REFERENCES keeps every row. A
        # database downgraded from 0006 kept the column (see downgrade).
        if "trust_id" not in {c["name"] for c in sa.inspect(bind).get_columns("tenants")}:
            op.execute("ALTER TABLE tenants ADD COLUMN trust_id VARCHAR(36) REFERENCES trusts (id)")
    else:
        op.add_column("tenants", sa.Column("trust_id", sa.String(length=36), nullable=True))
        op.create_foreign_key("fk_tenants_trust_id", "tenants", "trusts", ["trust_id"], ["id"])
    op.create_index("ix_tenants_trust_id", "tenants", ["trust_id"])


def downgrade() -> None:
    op.drop_index("ix_tenants_trust_id", table_name="tenants")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot drop a column that references another table without
        # copying the table (which would cascade, see upgrade): clear it and
        # keep it; 0005's code never reads it.
        op.execute("UPDATE tenants SET trust_id = NULL")
    else:
        op.drop_constraint("fk_tenants_trust_id", "tenants", type_="foreignkey")
        op.drop_column("tenants", "trust_id")
    op.drop_table("staff_group_policies")
    op.drop_table("trust_api_keys")
    op.drop_table("trust_domains")
    op.drop_table("trusts")
