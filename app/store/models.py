"""Tables. Message content never appears here: see ``AuditEvent``."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on every backend (SQLite stores no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    pass


class Tenant(Base):
    __tablename__ = "tenants"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    settings_json: Mapped[str] = mapped_column(Text, default="{}")
    # Bumped on every change to anything below; instances poll it to reload.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    directory_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # A disabled school is not loaded: its keys and domains stop working (0004).
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The trust the school sits under, if any (0006; see app.store.trust_models).
    # No ON DELETE: a trust with schools cannot be deleted.
    trust_id: Mapped[str | None] = mapped_column(ForeignKey("trusts.id"), nullable=True, index=True)


class TenantDomain(Base):
    """A sender domain that identifies the tenant (unique across tenants)."""

    __tablename__ = "tenant_domains"

    domain: Mapped[str] = mapped_column(String(253), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)


class ApiKey(Base):
    """Only the SHA-256 of a key is stored; the key is shown once at creation."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # check | admin
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    # Written from memory about once a refresh interval, not on every request (0004).
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PolicyVersion(Base):
    __tablename__ = "policy_versions"
    __table_args__ = (UniqueConstraint("tenant_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(Text)  # JSON, as the school wrote it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(100))
    comment: Mapped[str] = mapped_column(String(500), default="")


class DirectoryPerson(Base):
    """A roster row. The school's own MIS data, needed to recognise pupils."""

    __tablename__ = "directory_people"
    __table_args__ = (UniqueConstraint("tenant_id", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    external_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    first_name: Mapped[str] = mapped_column(String(100))
    preferred_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    middle_names: Mapped[str] = mapped_column(String(200), default="")
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    personal_emails: Mapped[str] = mapped_column(Text, default="")  # ';'-separated
    mis_ref: Mapped[str | None] = mapped_column(String(50), nullable=True)
    working_hours: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    roles: Mapped[str] = mapped_column(Text, default="")  # ';'-separated
    departments: Mapped[str] = mapped_column(Text, default="")  # ';'-separated
    classes: Mapped[str] = mapped_column(Text, default="")  # ';'-separated
    relationships: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON, on contacts
    source: Mapped[str] = mapped_column(String(64), default="csv", server_default="csv")


class DirectoryGroup(Base):
    __tablename__ = "directory_groups"
    __table_args__ = (UniqueConstraint("tenant_id", "email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200), default="")
    member_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    source: Mapped[str] = mapped_column(String(64), default="csv", server_default="csv")


class AuditEvent(Base):
    """What happened, never what was written.

    Codes, counts, timings and a keyed hash of the sender (HMAC-SHA256 with
    the service's secret key): enough to see what is flagged and how often
    people send anyway, not enough to say who wrote what to whom.
    """

    __tablename__ = "audit_events"
    # The dashboard and audit pages read one school over a time range (0010);
    # the same index serves every look-up by school, so tenant_id has no index
    # of its own (0011).
    __table_args__ = (Index("ix_audit_events_tenant_at", "tenant_id", "at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # check | outcome
    purpose: Mapped[str] = mapped_column(String(16), default="send")  # send | review | background
    check_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    host: Mapped[str] = mapped_column(String(16), default="api")
    action: Mapped[str | None] = mapped_column(String(8), nullable=True)
    codes: Mapped[str] = mapped_column(String(200), default="")  # comma-separated rule codes
    finding_count: Mapped[int] = mapped_column(Integer, default=0)
    recipient_count: Mapped[int] = mapped_column(Integer, default=0)
    attachment_count: Mapped[int] = mapped_column(Integer, default=0)
    duration_ms: Mapped[float] = mapped_column(Float, default=0.0)
    policy_version: Mapped[int] = mapped_column(Integer, default=0)
    sender_hash: Mapped[str] = mapped_column(String(64), default="")
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # Roll-out (0009): codes of rules in silent mode that found something (not
    # in ``codes``, never shown to the sender), and the reason code of a
    # sent_anyway where the policy asks for one (app.domain.OverrideReason).
    silent_codes: Mapped[str] = mapped_column(String(200), default="", server_default="")
    reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # The sender's staff groups on a check ("school:Safeguarding team", comma-
    # separated; "" for none): the policy's group keys, never the person (0010).
    staff_group: Mapped[str] = mapped_column(String(200), default="", server_default="")


class DirectorySource(Base):
    """A place a school's directory syncs from (Graph, Google, Wonde, OneRoster, CSV).

    ``config_json`` holds settings that are not secret (tenant id, client id,
    school id, URLs); secrets are named, not held: the config gives the name
    of the environment variable that holds each one.
    """

    __tablename__ = "directory_sources"
    __table_args__ = (UniqueConstraint("tenant_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    config_json: Mapped[str] = mapped_column(Text, default="{}")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    interval_minutes: Mapped[int] = mapped_column(Integer, default=60)
    max_removed_share: Mapped[float] = mapped_column(Float, default=0.10)
    cursor_json: Mapped[str | None] = mapped_column(Text, nullable=True)  # delta link, since...
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_full_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SyncRun(Base):
    """One sync of one source: when, what it found, what it did and why.

    A run held for approval keeps the directory it would apply
    (``proposal_json``) until an admin approves or rejects it.
    """

    __tablename__ = "directory_sync_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("directory_sources.id", ondelete="CASCADE"), index=True
    )
    mode: Mapped[str] = mapped_column(String(16))  # full | incremental
    trigger: Mapped[str] = mapped_column(String(16), default="schedule")  # schedule | cli | api
    status: Mapped[str] = mapped_column(String(16), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    counts_json: Mapped[str] = mapped_column(Text, default="{}")
    diff_json: Mapped[str] = mapped_column(Text, default="{}")
    error: Mapped[str] = mapped_column(String(500), default="")
    proposal_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    base_fingerprint: Mapped[str] = mapped_column(String(64), default="")
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Lease(Base):
    """A named lease, so that one instance of many runs scheduled syncs.

    Taken with a conditional UPDATE (or an INSERT for a new name), so it works
    the same on SQLite and PostgreSQL.
    """

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
