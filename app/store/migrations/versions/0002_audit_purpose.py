"""audit events: why a check ran (send, review, background)

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(
            sa.Column("purpose", sa.String(length=16), nullable=False, server_default="send")
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("purpose")
