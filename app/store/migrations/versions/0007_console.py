"""console: sign-in sessions, role assignments, the console change log

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_UTC = sa.DateTime(timezone=True)


def _scopes() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("tenant_id", sa.String(length=36), nullable=True),
        sa.Column("trust_id", sa.String(length=36), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "console_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("org", sa.String(length=253), nullable=False),
        sa.Column("groups", sa.String(length=4000), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("expires_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id_hash"),
    )
    op.create_index("ix_console_sessions_expires_at", "console_sessions", ["expires_at"])
    op.create_table(
        "console_roles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *_scopes(),
        sa.Column("principal_kind", sa.String(length=8), nullable=False),
        sa.Column("principal", sa.String(length=320), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["trust_id"], ["trusts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "trust_id", "principal_kind", "principal", "role"),
    )
    op.create_index("ix_console_roles_tenant_id", "console_roles", ["tenant_id"])
    op.create_index("ix_console_roles_trust_id", "console_roles", ["trust_id"])
    op.create_index("ix_console_roles_principal", "console_roles", ["principal"])
    op.create_table(
        "console_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *_scopes(),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=100), nullable=False),
        sa.Column("at", _UTC, nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["trust_id"], ["trusts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_console_changes_tenant_id", "console_changes", ["tenant_id"])
    op.create_index("ix_console_changes_trust_id", "console_changes", ["trust_id"])
    op.create_index("ix_console_changes_at", "console_changes", ["at"])


def downgrade() -> None:
    op.drop_table("console_changes")
    op.drop_table("console_roles")
    op.drop_table("console_sessions")
