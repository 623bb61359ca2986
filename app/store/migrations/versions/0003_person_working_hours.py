"""directory people: their own working days and hours (part-time staff)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("directory_people") as batch:
        batch.add_column(sa.Column("working_hours", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("directory_people") as batch:
        batch.drop_column("working_hours")
