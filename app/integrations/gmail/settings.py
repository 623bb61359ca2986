"""Gmail settings for one school."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class GmailTenantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    google_domain: str | None = Field(
        default=None,
        description="The school's Google Workspace primary domain (the hd claim of staff tokens).",
    )
