"""Per-school configuration that is not policy: identity mappings and integrations.

A tenant is one school (a trust may run several). Policy lives in versioned
policy documents; this is the rest, kept as one validated JSON document on the
tenant row so integrations can add their settings without a migration.

Each host integration's per-school section is defined here, in the core, so
the store, the runtime and the admin API validate a school's settings without
importing :mod:`app.integrations` (the integrations import these models; the
arrow points outwards). The operator's settings for each host
(``ETIQUETTE_OUTLOOK_*``, ``ETIQUETTE_GMAIL_*``) stay with the integration.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]{0,127}$")


def guid_or_none(v: object) -> str | None:
    if v is None or v == "":
        return None
    if not isinstance(v, str) or not _GUID.match(v):  # an object or a number is a 422 too
        raise ValueError("not a GUID (e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47)")
    return v.lower()


class OutlookTenantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    entra_tenant_id: str | None = Field(
        default=None,
        description="The school's Entra ID (Azure AD) tenant id (GUID). Tokens whose tid matches "
        "are this school's.",
    )
    graph_enabled: bool = Field(
        default=False,
        description="Call Microsoft Graph On-Behalf-Of the signed-in teacher to refine checks "
        "(their mailbox working hours; pupils-group membership). Needs admin consent for "
        "MailboxSettings.Read, User.ReadBasic.All and GroupMember.Read.All.",
    )
    graph_client_id: str | None = Field(
        default=None,
        description="Client id of the app that performs On-Behalf-Of. Defaults to the add-in's "
        "own app registration (ETIQUETTE_OUTLOOK_CLIENT_ID).",
    )
    graph_client_secret_env: str | None = Field(
        default=None,
        description="NAME of the environment variable holding that app's client secret (the "
        "secret itself is never stored here). Defaults to ETIQUETTE_OUTLOOK_CLIENT_SECRET.",
    )
    pupils_group_id: str | None = Field(
        default=None,
        description="Object id of the Entra group whose members are pupils. Internal recipients "
        "the roster does not list are looked up in it.",
    )
    use_mailbox_working_hours: bool = Field(
        default=True,
        description="Where the policy leaves working hours at their default, use the working "
        "hours set in the teacher's mailbox (Outlook > Settings > Calendar).",
    )

    _guids = field_validator(
        "entra_tenant_id", "graph_client_id", "pupils_group_id", mode="before"
    )(classmethod(lambda cls, v: guid_or_none(v)))

    @field_validator("graph_client_secret_env")
    @classmethod
    def _env_name(cls, v: str | None) -> str | None:
        if v is not None and not _ENV_NAME.match(v):
            raise ValueError(
                "graph_client_secret_env names an environment variable (A-Z, 0-9, _), "
                "it is not the secret itself"
            )
        return v


class GmailTenantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    google_domain: str | None = Field(
        default=None,
        description="The school's Google Workspace primary domain (the hd claim of staff tokens).",
    )
    service_account_email: str | None = Field(
        default=None,
        description="The add-on deployment's service account (serviceAccountEmail from "
        "`gcloud workspace-add-ons get-authorization`). Requests signed by any other account "
        "are refused.",
        max_length=320,
    )
    oauth_client_id: str | None = Field(
        default=None,
        description="The deployment's OAuth client id (oauthClientId from get-authorization): "
        "the audience of the user ID token.",
        max_length=200,
    )
    read_drafts: bool = Field(
        default=False,
        description="Read the user's saved draft through the Gmail API so the subject and "
        "attachments are checked too. Needs the gmail.readonly scope in the deployment, which "
        "lets the add-on read all of the user's mail while it runs (a restricted scope). Off: "
        "recipients and timing are checked and the card reminds the user about the subject.",
    )

    @field_validator("google_domain", "service_account_email", mode="before")
    @classmethod
    def _lower(cls, v: object) -> object:
        return v.strip().lower() if isinstance(v, str) else v


class TenantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    outlook: OutlookTenantSettings = Field(
        default_factory=OutlookTenantSettings, description="Outlook: Entra ID tenant, Graph."
    )
    gmail: GmailTenantSettings = Field(
        default_factory=GmailTenantSettings, description="Gmail: Google domain, add-on deployment."
    )
