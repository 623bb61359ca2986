"""audit: drop the index on tenant_id alone; (tenant_id, at) from 0010 serves
every query and the cascade that reads tenant_id first, and each audit insert
paid for updating both

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_audit_events_tenant_id", table_name="audit_events")


def downgrade() -> None:
    op.create_index("ix_audit_events_tenant_id", "audit_events", ["tenant_id"])
