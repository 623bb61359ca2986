"""Each source kind's settings, validated before they are stored.

Unknown keys are errors, and a secret can only be *named*: ``*_env`` keys
hold the name of an environment variable, never the secret itself. Because a
school's admin writes these settings, each is fenced to that school:

- a variable's name must start with ``ETQ_<SCHOOL>_`` (the slug in capitals,
  ``-`` as ``_``), so one school cannot name (and send away) another school's
  secret or the service's own;
- Microsoft and Wonde addresses must be those services' own hosts, so a
  token or secret is only ever sent to them;
- files (CSV exports, OneRoster bundles) are paths relative to the school's
  folder under ``ETIQUETTE_SYNC_FILES_DIR``, and are stored resolved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)

_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]{0,127}$")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


_GRAPH_HOSTS = frozenset(
    {
        "graph.microsoft.com",
        "graph.microsoft.us",
        "dod-graph.microsoft.us",
        "microsoftgraph.chinacloudapi.cn",
    }
)
_LOGIN_HOSTS = frozenset(
    {"login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn"}
)
_WONDE_HOSTS = re.compile(r"^api(-[a-z0-9-]+)?\.wonde\.com$")


def _https_host(url: HttpUrl | None, allowed: Callable[[str], bool], what: str) -> None:
    if url is None:
        return
    if url.scheme != "https" or not url.host or not allowed(url.host):
        raise ValueError(f"{what} must be an https address of the service itself")


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _env_names(cls, v: Any, info: ValidationInfo) -> Any:
        if info.field_name and info.field_name.endswith("_env") and v is not None:
            prefix = (info.context or {}).get("env_prefix", "ETQ_")
            if not (isinstance(v, str) and _ENV_NAME.match(v) and v.startswith(prefix)):
                raise ValueError(
                    f"must be the NAME of an environment variable starting with {prefix}"
                )
        return v


class GraphConfig(_Config):
    tenant_id: str = Field(pattern=_GUID.pattern, description="The school's Entra tenant id.")
    client_id: str = Field(pattern=_GUID.pattern, description="The app registration's id.")
    client_secret_env: str = Field(description="Environment variable holding the client secret.")
    pupil_domains: list[str] = Field(default=[], description="Users at these domains are pupils.")
    education: bool = Field(default=False, description="Read roles and classes from SDS.")
    groups: bool = Field(default=True, description="Read mail-enabled groups and their sizes.")
    company_names: list[str] = Field(
        default=[],
        max_length=20,
        description="A trust's shared tenant: only users whose companyName is one of these "
        "(this school's people); others are skipped.",
    )
    graph_url: HttpUrl | None = Field(default=None, description="National clouds only.")
    authority: HttpUrl | None = Field(default=None, description="National clouds only.")

    @model_validator(mode="after")
    def _microsoft_only(self) -> GraphConfig:
        _https_host(self.graph_url, _GRAPH_HOSTS.__contains__, "graph_url")
        _https_host(self.authority, _LOGIN_HOSTS.__contains__, "authority")
        return self


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

    @model_validator(mode="after")
    def _wonde_only(self) -> WondeConfig:
        _https_host(self.base_url, lambda h: bool(_WONDE_HOSTS.match(h)), "base_url")
        return self


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
        for url in (self.base_url, self.token_url):
            _https_host(url, lambda h: True, "base_url and token_url")
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


FILE_KEYS = ("people", "groups", "relationships", "bundle")  # paths in the school's folder


def env_prefix(school: str) -> str:
    """``ETQ_OAKFIELD_`` for the school ``oakfield``."""
    return "ETQ_" + re.sub(r"[^A-Z0-9]", "_", school.upper()) + "_"


def _in_folder(value: str, folder: Path, key: str) -> str:
    rel = Path(value)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise ValueError(f"config.{key}: a path inside the school's sync folder, without '..'")
    return str((folder / rel).resolve())


def validate_config(
    kind: str, config: dict[str, Any], *, school: str, files_dir: Path
) -> dict[str, Any]:
    """The config as stored (validated; file paths resolved; defaults left out).

    Raises ``pydantic.ValidationError`` or ``ValueError``.
    """
    model = CONFIGS.get(kind)
    if model is None:
        raise ValueError(f"kind must be one of {', '.join(CONFIGS)}")
    checked = model.model_validate(config, context={"env_prefix": env_prefix(school)})
    out = checked.model_dump(mode="json", exclude_defaults=True)
    folder = (files_dir / school).resolve()
    for key in FILE_KEYS:
        if isinstance(out.get(key), str):
            out[key] = _in_folder(out[key], folder, key)
    return out
