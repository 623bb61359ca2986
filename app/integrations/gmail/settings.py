"""Gmail settings: per school (:class:`GmailTenantSettings`) and per deployment
(:class:`GmailSettings`, environment ``ETIQUETTE_GMAIL_*``).

A school that runs its own Workspace add-on deployment copies two values from
``gcloud workspace-add-ons get-authorization`` into its settings: the
deployment's service account (whose ID token signs every request Google sends
us) and the OAuth client id (the audience of the user's ID token). A service
hosted for many schools from one deployment sets them once in the environment
instead; a school's own values win.
"""

from __future__ import annotations

from functools import cached_property

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

GOOGLE_CERTS_URL = "https://www.googleapis.com/oauth2/v1/certs"
ENDPOINT_PATH = "/gmail/addon"


class GmailSettings(BaseSettings):
    """Deployment-wide settings for the add-on endpoint."""

    model_config = SettingsConfigDict(
        env_prefix="ETIQUETTE_GMAIL_", env_file=".env", extra="ignore"
    )

    base_url: str | None = Field(
        default=None,
        description="Public HTTPS origin of this service as Google reaches it, e.g. "
        "https://etiquette.example.org. Card buttons call back to it and the system ID token's "
        "audience is checked against it. The add-on endpoint answers 503 until it is set.",
    )
    audiences: tuple[str, ...] = Field(
        default=(),
        description="Accepted audiences of the system ID token. Default: the endpoint URL "
        "(base_url + /gmail/addon); a query string on the token's audience is ignored.",
    )
    service_account_email: str | None = Field(
        default=None, description="Default service account for schools that set none."
    )
    oauth_client_id: str | None = Field(
        default=None, description="Default OAuth client id for schools that set none."
    )
    certs_url: str = Field(default=GOOGLE_CERTS_URL, description="Google's ID token certificates.")
    certs_default_max_age: float = Field(
        default=3600.0, ge=60, description="Cache lifetime when Google sends no Cache-Control."
    )
    certs_refresh_min_interval: float = Field(
        default=60.0, ge=0, description="Least time between refetches forced by an unknown key id."
    )
    clock_skew_seconds: int = Field(default=10, ge=0, le=300)
    draft_timeout_seconds: float = Field(
        default=1.5, gt=0, le=10, description="Budget for the Gmail API draft look-up."
    )
    draft_candidates: int = Field(
        default=5, ge=1, le=20, description="How many recent drafts to compare with the event."
    )
    addon_name: str = Field(default="Etiquette", max_length=50)

    @field_validator("base_url")
    @classmethod
    def _base(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        v = v.strip().rstrip("/")
        if not v.startswith(("https://", "http://localhost", "http://127.0.0.1")):
            raise ValueError("base_url must be an https:// URL (Google calls only HTTPS)")
        return v

    @cached_property
    def endpoint(self) -> str | None:
        return f"{self.base_url}{ENDPOINT_PATH}" if self.base_url else None

    @cached_property
    def accepted_audiences(self) -> frozenset[str]:
        if self.audiences:
            return frozenset(self.audiences)
        return frozenset({self.endpoint}) if self.endpoint else frozenset()
