"""Tables for trusts (0006): a trust, its shared domains, its admin keys, and
staff-group policy overlays (a trust's or a school's)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base, UTCDateTime


class Trust(Base):
    """A multi-academy trust: its schools are ``tenants`` rows with its ``trust_id``.

    ``policy_json`` is the trust's policy overlay (what it changes from the
    defaults); each school's own policy is an overlay over it.
    """

    __tablename__ = "trusts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    entra_tenant_id: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    google_domain: Mapped[str | None] = mapped_column(String(253), nullable=True, unique=True)
    policy_json: Mapped[str] = mapped_column(Text, default="{}")
    # The trust's default for its schools' notifications (0008): "{}" is none.
    notifications_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    policy_version: Mapped[int] = mapped_column(Integer, default=0)
    policy_updated_by: Mapped[str] = mapped_column(String(100), default="")
    policy_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TrustDomain(Base):
    """A sender domain the trust's schools share (unique across trusts and schools)."""

    __tablename__ = "trust_domains"

    domain: Mapped[str] = mapped_column(String(253), primary_key=True)
    trust_id: Mapped[str] = mapped_column(ForeignKey("trusts.id", ondelete="CASCADE"), index=True)


class TrustApiKey(Base):
    """A trust admin key: administers the trust and every school of it. Hash only."""

    __tablename__ = "trust_api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trust_id: Mapped[str] = mapped_column(ForeignKey("trusts.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class StaffGroupPolicy(Base):
    """A staff group's policy overlay, owned by a trust or by one school
    (exactly one of ``trust_id`` and ``tenant_id`` is set)."""

    __tablename__ = "staff_group_policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trust_id: Mapped[str | None] = mapped_column(
        ForeignKey("trusts.id", ondelete="CASCADE"), nullable=True, index=True
    )
    tenant_id: Mapped[str | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(64))
    roles: Mapped[str] = mapped_column(Text, default="")  # ';'-separated
    departments: Mapped[str] = mapped_column(Text, default="")  # ';'-separated
    patch_json: Mapped[str] = mapped_column(Text, default="{}")
    position: Mapped[int] = mapped_column(Integer, default=0)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
