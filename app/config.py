"""Typed settings, read from the environment (prefix ``ETIQUETTE_``) and ``.env``.

Split by area: :class:`Settings` is the core; each integration keeps its own
settings class beside its code. The service fails fast on a placeholder
secret unless it runs in demo or test mode.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRET = "change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ETIQUETTE_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./data/etiquette.sqlite3",
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
    audit_queue_max: int = Field(default=100_000, ge=100)
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
    def audit_spool(self) -> Path:
        return self.data_dir / "audit-spool.jsonl"


@lru_cache
def get_settings() -> Settings:
    return Settings()
