"""Sync settings for the service (``ETIQUETTE_SYNC_*``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class SyncSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ETIQUETTE_SYNC_", env_file=".env", extra="ignore")

    enabled: bool = Field(
        default=True,
        description="Run due directory syncs inside the service (one instance at a time). "
        "Turn off where a cron job or Kubernetes CronJob runs `etiquette sync` instead.",
    )
    tick_seconds: float = Field(
        default=60.0, gt=0, description="How often to look for due sources."
    )
    nightly_hour_utc: int = Field(
        default=2,
        ge=0,
        le=23,
        description="The hour (UTC) after which each day's full reconcile runs.",
    )
    files_dir: Path = Field(
        default=Path("./data/sources"),
        description="Where file sources (CSV exports, OneRoster bundles) live: one folder per "
        "school, named by its slug. A source's paths are relative to its school's folder.",
    )
    lease_seconds: float = Field(
        default=900.0, gt=0, description="How long an instance holds the scheduler's lease."
    )
