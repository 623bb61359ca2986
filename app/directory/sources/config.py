"""Each source kind's settings, validated before they are stored.

Unknown keys are errors, and a secret can only be *named*: ``*_env`` keys
hold the name of an environment variable, never the secret itself.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]{0,127}$")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _env_names(cls, v: Any, info: Any) -> Any:
        if info.field_name.endswith("_env") and not (isinstance(v, str) and _ENV_NAME.match(v)):
            raise ValueError("must be the NAME of an environment variable (A-Z, 0-9, _)")
        return v


class GraphConfig(_Config):
    tenant_id: str = Field(pattern=_GUID.pattern, description="The school's Entra tenant id.")
    client_id: str = Field(pattern=_GUID.pattern, description="The app registration's id.")
    client_secret_env: str = Field(description="Environment variable holding the client secret.")
    pupil_domains: list[str] = Field(default=[], description="Users at these domains are pupils.")
    education: bool = Field(default=False, description="Read roles and classes from SDS.")
    groups: bool = Field(default=True, description="Read mail-enabled groups and their sizes.")
    graph_url: HttpUrl | None = None
    authority: HttpUrl | None = None


class GoogleConfig(_Config):
    service_account_env: str = Field(
        description="Environment variable holding the service account's JSON key (or its path)."
    )
    admin_email: str = Field(description="An admin the service account acts as (delegation).")
    customer: str = "my_customer"
    domain: str | None = Field(default=None, description="Only this domain's users and groups.")
    pupil_org_units: list[str] = Field(
        default=[], description="Users in these org units (or below) are pupils, e.g. /Pupils."
    )
    groups: bool = True


class WondeConfig(_Config):
    school_id: str = Field(min_length=3, max_length=40)
    token_env: str
    base_url: HttpUrl | None = None
    per_page: int = Field(default=200, ge=1, le=200)


class OneRosterConfig(_Config):
    bundle: str | None = Field(default=None, description="A folder or .zip of OneRoster 1.1 CSVs.")
    base_url: HttpUrl | None = Field(
        default=None, description="REST: the base up to /ims/oneroster/v1p1."
    )
    token_url: HttpUrl | None = None
    client_id: str | None = None
    client_secret_env: str | None = None
    org: str | None = Field(default=None, description="Only this school's (org sourcedId) people.")
    page_size: int = Field(default=100, ge=1, le=10000)

    @model_validator(mode="after")
    def _one_way(self) -> OneRosterConfig:
        if bool(self.bundle) == bool(self.base_url):
            raise ValueError("give either bundle (CSV) or base_url (REST)")
        if self.base_url and not (self.token_url and self.client_id and self.client_secret_env):
            raise ValueError("REST needs token_url, client_id and client_secret_env")
        return self


class CsvConfig(_Config):
    people: str = Field(description="Path of the people CSV (README format).")
    groups: str | None = None
    relationships: str | None = None


CONFIGS: dict[str, type[_Config]] = {
    "graph": GraphConfig,
    "google": GoogleConfig,
    "wonde": WondeConfig,
    "oneroster": OneRosterConfig,
    "csv": CsvConfig,
}


def validate_config(kind: str, config: dict[str, Any]) -> dict[str, Any]:
    """The config as stored (validated; defaults left out). Raises ``ValueError``."""
    model = CONFIGS.get(kind)
    if model is None:
        raise ValueError(f"kind must be one of {', '.join(CONFIGS)}")
    return model.model_validate(config).model_dump(mode="json", exclude_defaults=True)
