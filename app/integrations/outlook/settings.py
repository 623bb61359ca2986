"""Outlook settings for one school."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class OutlookTenantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    entra_tenant_id: str | None = Field(
        default=None,
        description="The school's Entra ID (Azure AD) tenant id (GUID). Tokens whose tid matches "
        "are this school's.",
    )
