"""audit: the sender's staff group (a group key, never the person), and an
index for the console's dashboard and audit pages (one school, a time range)

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(
            sa.Column("staff_group", sa.String(length=200), nullable=False, server_default="")
        )
    op.create_index("ix_audit_events_tenant_at", "audit_events", ["tenant_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_tenant_at", table_name="audit_events")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("staff_group")
