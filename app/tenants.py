"""Per-school configuration that is not policy: identity mappings and integrations.

A tenant is one school (a trust may run several). Policy lives in versioned
policy documents; this is the rest, kept as one validated JSON document on the
tenant row so integrations can add their settings without a migration.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from app.integrations.gmail.settings import GmailTenantSettings
from app.integrations.outlook.settings import OutlookTenantSettings


class TenantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    outlook: OutlookTenantSettings = Field(
        default_factory=OutlookTenantSettings, description="Outlook: Entra ID tenant, Graph."
    )
    gmail: GmailTenantSettings = Field(
        default_factory=GmailTenantSettings, description="Gmail: Google domain, add-on deployment."
    )
