"""Outlook settings: per school (stored on the tenant) and for the add-in itself (environment).

Two levels, because there are two owners:

- :class:`OutlookTenantSettings` is a school's: which Entra ID tenant is
  theirs, and whether the service may call Microsoft Graph on a teacher's
  behalf (On-Behalf-Of) to refine a check. It is stored as JSON on the tenant
  row, so it never holds a secret: a client secret is named by the
  environment variable that holds it (``graph_client_secret_env``), and the
  variable is set where the service runs (or by the secret store that feeds
  its environment).
- :class:`OutlookSettings` is the operator's: the add-in's own app
  registration (client id, App ID URI, scope) and where the add-in is served.
  Read from ``ETIQUETTE_OUTLOOK_*`` environment variables.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.tenants import OutlookTenantSettings, guid_or_none


class OutlookSettings(BaseSettings):
    """The add-in's app registration and hosting (``ETIQUETTE_OUTLOOK_*``)."""

    model_config = SettingsConfigDict(
        env_prefix="ETIQUETTE_OUTLOOK_", env_file=".env", extra="ignore"
    )

    client_id: str | None = Field(
        default=None,
        description="Application (client) id of the add-in's Entra app registration. Without "
        "it, Entra ID tokens are refused and only API keys (or demo mode) work.",
    )
    app_id_uri: str | None = Field(
        default=None,
        description="Application ID URI (api://<add-in host>/<client id>). Accepted as the "
        "audience of v1 tokens. Defaults to api://<public_host's host>/<client_id>.",
    )
    scope: str = Field(default="access_as_user", description="The delegated scope tokens carry.")
    public_host: str | None = Field(
        default=None,
        description="Origin the add-in is served from (https://etiquette.example.org). It is the "
        "only browser origin the API allows (CORS) and the host written into the manifests.",
    )
    client_secret: SecretStr | None = Field(
        default=None, description="Client secret used for On-Behalf-Of (Graph)."
    )
    tenant_id: str | None = Field(
        default=None,
        description="Directory (tenant) id of a single-tenant app registration. The add-in signs "
        "in against https://login.microsoftonline.com/<tenant id> (a single-tenant app cannot "
        "use /common). Unset: the tenant every school served here shares, else /common "
        "(a multi-tenant registration).",
    )
    authority_host: str = Field(default="https://login.microsoftonline.com")
    graph_base: str = Field(default="https://graph.microsoft.com/v1.0")
    jwks_uri: str = Field(
        default="https://login.microsoftonline.com/common/discovery/v2.0/keys",
        description="Where Entra ID publishes its signing keys.",
    )
    leeway_seconds: int = Field(default=60, ge=0, le=300, description="Clock skew allowed.")
    jwks_max_age_seconds: int = Field(
        default=24 * 3600, ge=60, description="Keys are re-read at most this often..."
    )
    jwks_min_refresh_seconds: int = Field(
        default=60, ge=0, description="...or on an unknown kid, but not more often than this."
    )
    graph_cache_seconds: int = Field(
        default=3600, ge=0, description="How long a teacher's working hours are cached."
    )
    client_timeout_ms: int = Field(
        default=3000,
        ge=500,
        le=4500,
        description="The add-in's own time limit for /v1/check before it applies the fail mode "
        "(Outlook shows its own 'taking longer' dialog at 5 s).",
    )

    fail_mode: Literal["open", "closed"] = Field(
        default="open",
        description="What the add-in does when it cannot reach the service before any check has "
        "told it the school's own fail_mode. Used only when the schools this deployment serves "
        "disagree; when they all agree (one school, say), their policy's fail_mode is served.",
    )

    static_dir: Path = Field(
        default=Path(__file__).resolve().parents[3] / "addin-ui" / "public",
        description="Where the add-in's files are served from (``addin-ui/public`` beside the "
        "source tree by default).",
    )

    _client = field_validator("client_id", "tenant_id", mode="before")(
        classmethod(lambda cls, v: guid_or_none(v))
    )

    @field_validator("public_host")
    @classmethod
    def _origin(cls, v: str | None) -> str | None:
        if v is None or v == "":
            return None
        v = v.rstrip("/")
        if not re.match(r"^https://[A-Za-z0-9.-]+(:\d+)?$", v) and not v.startswith(
            ("http://127.0.0.1", "http://localhost")
        ):
            raise ValueError("public_host is an https origin such as https://etiquette.example.org")
        return v

    @property
    def audiences(self) -> tuple[str, ...]:
        """What ``aud`` may be: the client id (v2 and v1) or the App ID URI (v1)."""
        out = [a for a in (self.client_id, self.resolved_app_id_uri) if a]
        return tuple(out)

    @property
    def resolved_app_id_uri(self) -> str | None:
        if self.app_id_uri:
            return self.app_id_uri
        if self.client_id and self.public_host:
            host = self.public_host.split("://", 1)[1]
            return f"api://{host}/{self.client_id}"
        return None

    def client_secret_for(self, tenant: OutlookTenantSettings) -> str | None:
        """The OBO client secret for a school: its named variable, else ours."""
        if tenant.graph_client_secret_env:
            return os.environ.get(tenant.graph_client_secret_env) or None
        return self.client_secret.get_secret_value() if self.client_secret else None
