"""Tables for the admin console (0007): sign-in sessions, role assignments and
the log of console changes. No message content, ever: a change is recorded as
who, when, a code (``key.create``) and the id it touched."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base, UTCDateTime


class ConsoleSession(Base):
    """A signed-in person. The cookie carries the signed id; only its SHA-256 is
    stored, so a leaked table cannot be replayed as cookies."""

    __tablename__ = "console_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    provider: Mapped[str] = mapped_column(String(16))  # entra | google | demo
    email: Mapped[str] = mapped_column(String(320))
    org: Mapped[str] = mapped_column(String(253))  # Entra tid or Google hd
    groups: Mapped[str] = mapped_column(String(4000), default="")  # ';'-separated group ids
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class RoleAssignment(Base):
    """A console role for a person (email) or a group id, at a school or a trust
    (exactly one of ``tenant_id`` and ``trust_id`` is set)."""

    __tablename__ = "console_roles"
    __table_args__ = (
        UniqueConstraint("tenant_id", "trust_id", "principal_kind", "principal", "role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), nullable=True, index=True
    )
    trust_id: Mapped[str | None] = mapped_column(
        ForeignKey("trusts.id", ondelete="CASCADE"), nullable=True, index=True
    )
    principal_kind: Mapped[str] = mapped_column(String(8))  # email | group
    principal: Mapped[str] = mapped_column(String(320), index=True)
    role: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AdminChange(Base):
    """One change made in the console: who, when, what (a code) and to which id."""

    __tablename__ = "console_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), nullable=True, index=True
    )
    trust_id: Mapped[str | None] = mapped_column(
        ForeignKey("trusts.id", ondelete="CASCADE"), nullable=True, index=True
    )
    actor: Mapped[str] = mapped_column(String(320))
    code: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
