"""Typed settings, read from the environment (prefix ``ETIQUETTE_``) and ``.env``.

Split by area: :class:`Settings` is the core; each integration keeps its own
settings class beside its code. The service fails fast on a placeholder
secret unless it runs in demo or test mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRET = "change-me"
DEFAULT_DATABASE_URL = "sqlite:///./data/etiquette.sqlite3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ETIQUETTE_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL. SQLite by default; postgresql+psycopg://... for many "
        "instances.",
        validation_alias="DATABASE_URL",
    )
    redis_url: str | None = Field(
        default=None,
        description="Optional. With several instances, policy and roster changes are announced "
        "over Redis pub/sub so every instance reloads at once instead of at its next poll.",
        validation_alias="REDIS_URL",
    )
    secret_key: str = Field(
        default=PLACEHOLDER_SECRET,
        description="Key for the keyed hashes in the audit log (HMAC-SHA256). Keep it stable.",
    )
    demo: bool = Field(default=False, description="Load the demo school; /v1/check needs no key.")
    environment: str = Field(default="production", description="production, development or test.")
    refresh_seconds: float = Field(
        default=5.0, gt=0, description="How often each instance looks for policy/roster changes."
    )
    audit_flush_seconds: float = Field(default=1.0, gt=0)
    audit_queue_max: int = Field(
        default=100_000,
        ge=100,
        description="Audit events held in memory while the database is slow or away; past "
        "it they wait in the spool file on disk (nothing is dropped) until it drains.",
    )
    data_dir: Path = Field(
        default=Path("./data"), description="Where SQLite and the audit spool file live."
    )
    cors_origins: tuple[str, ...] = Field(
        default=(),
        description="Origins allowed to call the API from a browser: the add-in's origin.",
    )
    max_body_bytes: int = Field(default=1_000_000, ge=10_000, description="Request body limit.")
    directory_max_removed_share: float = Field(
        default=0.10,
        ge=0.0,
        le=1.0,
        description="A roster or groups replacement that removes more than this share of the "
        "entries needs ?confirm_removals=true (app/directory/changes.py).",
    )
    log_level: str = Field(default="INFO")
    # Operations (issue 14): logs, metrics, retention, migrations.
    log_format: Literal["text", "json"] = Field(
        default="text", description="json: one JSON object a line, with the request id."
    )
    access_log: bool = Field(
        default=False,
        description="One log line per request (method, route template, status, duration). "
        "Off by default: /metrics has the same figures, and the line costs more than a check.",
    )
    metrics_token: str | None = Field(
        default=None,
        description="Bearer token for GET /metrics (Prometheus). Unset: /metrics answers 404.",
    )
    audit_retention_days: int = Field(
        default=365,
        ge=1,
        description="Audit events older than this are purged by `etiquette retention` "
        "(default: one school year).",
    )
    migrate_on_start: bool = Field(
        default=True,
        description="Run migrations at start. Set false where a one-off job runs "
        "`etiquette migrate` first (several replicas).",
    )

    @model_validator(mode="after")
    def _fail_fast_on_placeholders(self) -> Settings:
        if (
            self.secret_key == PLACEHOLDER_SECRET
            and not self.demo
            and self.environment == "production"
        ):
            raise ValueError(
                "ETIQUETTE_SECRET_KEY is still the placeholder: set a long random value "
                "(python -c 'import secrets; print(secrets.token_urlsafe(32))'), or run with --demo"
            )
        if len(self.secret_key) < 8:
            raise ValueError("ETIQUETTE_SECRET_KEY is too short (at least 8 characters)")
        return self

    @property
    def store_url(self) -> str:
        """The database the service opens. The demo keeps to its own file
        (``data/demo.sqlite3``) unless ``DATABASE_URL`` names another, so
        ``make demo`` never writes its public keys into the real database."""
        if self.demo and self.database_url == DEFAULT_DATABASE_URL:
            return f"sqlite:///{self.data_dir / 'demo.sqlite3'}"
        return self.database_url

    @property
    def audit_spool(self) -> Path:
        return self.data_dir / "audit-spool.jsonl"
