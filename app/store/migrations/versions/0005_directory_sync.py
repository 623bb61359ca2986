"""directory sync: relationships, roles, classes and source on people; sources, runs, leases

Revision ID: 0005
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("directory_people") as batch:
        batch.add_column(sa.Column("roles", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("departments", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("classes", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("relationships", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("source", sa.String(length=64), nullable=False, server_default="csv")
        )
    with op.batch_alter_table("directory_groups") as batch:
        batch.add_column(
            sa.Column("source", sa.String(length=64), nullable=False, server_default="csv")
        )
    op.create_table(
        "directory_sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("config_json", sa.Text(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("max_removed_share", sa.Float(), nullable=False),
        sa.Column("cursor_json", sa.Text(), nullable=True),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_full_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "name"),
    )
    op.create_index("ix_directory_sources_tenant_id", "directory_sources", ["tenant_id"])
    op.create_table(
        "directory_sync_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=36), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("counts_json", sa.Text(), nullable=False),
        sa.Column("diff_json", sa.Text(), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=False),
        sa.Column("proposal_json", sa.Text(), nullable=True),
        sa.Column("base_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["directory_sources.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_directory_sync_runs_tenant_id", "directory_sync_runs", ["tenant_id"])
    op.create_index("ix_directory_sync_runs_source_id", "directory_sync_runs", ["source_id"])
    op.create_index("ix_directory_sync_runs_status", "directory_sync_runs", ["status"])
    op.create_table(
        "leases",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("leases")
    op.drop_index("ix_directory_sync_runs_status", "directory_sync_runs")
    op.drop_index("ix_directory_sync_runs_source_id", "directory_sync_runs")
    op.drop_index("ix_directory_sync_runs_tenant_id", "directory_sync_runs")
    op.drop_table("directory_sync_runs")
    op.drop_index("ix_directory_sources_tenant_id", "directory_sources")
    op.drop_table("directory_sources")
    with op.batch_alter_table("directory_groups") as batch:
        batch.drop_column("source")
    with op.batch_alter_table("directory_people") as batch:
        for column in ("source", "relationships", "classes", "departments", "roles"):
            batch.drop_column(column)
