"""The console's settings (prefix ``ETIQUETTE_CONSOLE_``): sign-in providers,
the public address sign-in answers return to, and the session cookie.

Client secrets are never settings values: each provider names the environment
variable that holds its secret (``entra_secret_env``), so a settings dump or
a ``.env`` review never shows one.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConsoleSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ETIQUETTE_CONSOLE_", env_file=".env", extra="ignore"
    )

    public_url: str | None = Field(
        default=None,
        description="The service's public base URL (https://etiquette.example.org). Sign-in "
        "returns to <public_url>/console/auth/<provider>/callback; register that address "
        "with the identity provider. Unset: the address the request came to.",
    )
    entra_client_id: str | None = Field(
        default=None, description="Entra ID app registration's client id. Unset: no Entra sign-in."
    )
    entra_secret_env: str = Field(
        default="ETIQUETTE_CONSOLE_ENTRA_SECRET",
        description="Name of the environment variable that holds the Entra client secret.",
    )
    entra_authority_host: str = Field(
        default="https://login.microsoftonline.com",
        description="Entra ID's sign-in host (https, no path): MSAL's authority is "
        "<host>/organizations and an ID token's issuer must be <host>/<tid>/v2.0. Change it "
        "only for a national cloud (https://login.microsoftonline.us) or a local test "
        "provider.",
    )
    entra_jwks_uri: str = Field(
        default="https://login.microsoftonline.com/common/discovery/v2.0/keys",
        description="Where Entra ID publishes its ID-token signing keys.",
    )
    entra_graph_base: str = Field(
        default="https://graph.microsoft.com/v1.0",
        description="Microsoft Graph, asked for a person's groups when their ID token has too "
        "many to list (the groups overage). National clouds differ.",
    )

    google_client_id: str | None = Field(
        default=None,
        description="Google Cloud OAuth client id (web application). Unset: no Google sign-in.",
    )
    google_secret_env: str = Field(
        default="ETIQUETTE_CONSOLE_GOOGLE_SECRET",
        description="Name of the environment variable that holds the Google client secret.",
    )
    google_auth_uri: str = Field(default="https://accounts.google.com/o/oauth2/v2/auth")
    google_token_uri: str = Field(default="https://oauth2.googleapis.com/token")
    cookie_secure: bool = Field(
        default=True,
        description="Mark the session cookie Secure (sent over HTTPS only). Turn off only to "
        "try the demo on http://127.0.0.1.",
    )
    session_minutes: int = Field(
        default=480, ge=5, le=7 * 24 * 60, description="A sign-in lasts this long (8 hours)."
    )
    sign_in_minutes: int = Field(
        default=10, ge=1, le=60, description="Time allowed at the identity provider's page."
    )

    @field_validator("entra_authority_host")
    @classmethod
    def _authority_host(cls, v: str) -> str:
        parts = urlsplit(v.strip())
        if parts.scheme != "https" or not parts.hostname or parts.path.strip("/") or parts.query:
            raise ValueError(
                "an https address with no path, e.g. https://login.microsoftonline.com"
            )
        return f"https://{parts.netloc}"

    def entra_secret(self) -> str | None:
        return os.environ.get(self.entra_secret_env) or None

    def google_secret(self) -> str | None:
        return os.environ.get(self.google_secret_env) or None

    @property
    def google_configured(self) -> bool:
        return bool(self.google_client_id and self.google_secret())

    @property
    def entra_configured(self) -> bool:
        return bool(self.entra_client_id and self.entra_secret())
