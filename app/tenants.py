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
from typing import Literal

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


_EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$")
_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class NotificationSettings(BaseModel):
    """Telling the safeguarding lead when a pupil-contact rule (PUP001-PUP003) is
    sent anyway or fires again and again for one sender. Codes, counts and times
    only; never subjects, bodies or recipient addresses. Secrets are named (the
    environment variable that holds them), never stored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = Field(default=False, description="Send notifications for this school.")
    channel: Literal["graph", "smtp", "teams", "slack"] = Field(
        default="graph",
        description="How: email through Microsoft Graph sendMail (app-only, the school's Entra "
        "tenant), email through SMTP (STARTTLS), a Microsoft Teams or a Slack incoming webhook.",
    )
    recipients: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Who is emailed (graph and smtp): the safeguarding lead's address(es).",
    )
    mode: Literal["instant", "digest"] = Field(
        default="digest",
        description="instant: one notice per event as it happens; digest: one summary a day at "
        "digest_time.",
    )
    digest_time: str = Field(
        default="07:30",
        description="When the daily digest is sent, HH:MM in the school's local time "
        "(Europe/London).",
    )
    notify_overrides: bool = Field(
        default=True,
        description='Notify when a pupil-contact rule\'s warning is overridden ("sent anyway").',
    )
    repeat_threshold: int = Field(
        default=3,
        ge=0,
        le=1000,
        description="Notify when a pupil-contact rule fires this many times for one sender "
        "within repeat_window_minutes (checks for sending or review, not background ones). "
        "0 turns this trigger off.",
    )
    repeat_window_minutes: int = Field(
        default=60,
        ge=5,
        le=10080,
        description="The window repeat_threshold counts in, in minutes (5 to 10080, a week).",
    )
    include_sender_identity: bool = Field(
        default=False,
        description="Name the sender (the member of staff, from the directory) in notices. "
        "Off: notices carry a short pseudonymous sender reference only. The name is looked up "
        "when the notice is sent and never stored with it.",
    )
    graph_client_id: str | None = Field(
        default=None,
        description="graph: client id of the app registration with the Mail.Send application "
        "permission in the school's tenant (outlook.entra_tenant_id).",
    )
    graph_client_secret_env: str | None = Field(
        default=None,
        description="graph: NAME of the environment variable holding that app's client secret.",
    )
    graph_sender: str | None = Field(
        default=None,
        description="graph: the mailbox the notice is sent from (e.g. etiquette@school.sch.uk).",
    )
    smtp_host: str | None = Field(default=None, max_length=253, description="smtp: server name.")
    smtp_port: int = Field(
        default=587, ge=1, le=65535, description="smtp: port (587 for STARTTLS)."
    )
    smtp_starttls: bool = Field(
        default=True, description="smtp: upgrade the connection with STARTTLS before signing in."
    )
    smtp_from: str | None = Field(default=None, description="smtp: the From address.")
    smtp_username_env: str | None = Field(
        default=None, description="smtp: NAME of the environment variable holding the user name."
    )
    smtp_password_env: str | None = Field(
        default=None, description="smtp: NAME of the environment variable holding the password."
    )
    webhook_url_env: str | None = Field(
        default=None,
        description="teams/slack: NAME of the environment variable holding the incoming "
        "webhook's URL (the URL is a credential: anyone holding it can post).",
    )

    _guid = field_validator("graph_client_id", mode="before")(
        classmethod(lambda cls, v: guid_or_none(v))
    )

    @field_validator("recipients")
    @classmethod
    def _recipients(cls, v: list[str]) -> list[str]:
        out = []
        for a in v:
            a = a.strip().lower()
            if not _EMAIL.match(a):
                raise ValueError(f"not an email address: {a[:80]!r}")
            out.append(a)
        return list(dict.fromkeys(out))

    @field_validator("graph_sender", "smtp_from", mode="before")
    @classmethod
    def _address(cls, v: object) -> object:
        if v is None or v == "":
            return None
        if not isinstance(v, str) or not _EMAIL.match(v.strip()):
            raise ValueError("not an email address")
        return v.strip().lower()

    @field_validator("digest_time")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        if not _HHMM.match(v):
            raise ValueError("digest_time is HH:MM, 24-hour (e.g. 07:30)")
        return v

    @field_validator(
        "graph_client_secret_env", "smtp_username_env", "smtp_password_env", "webhook_url_env"
    )
    @classmethod
    def _env(cls, v: str | None) -> str | None:
        if v is not None and not _ENV_NAME.match(v):
            raise ValueError(
                "names an environment variable (A-Z, 0-9, _), it is not the secret itself"
            )
        return v


class TenantSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    outlook: OutlookTenantSettings = Field(
        default_factory=OutlookTenantSettings, description="Outlook: Entra ID tenant, Graph."
    )
    gmail: GmailTenantSettings = Field(
        default_factory=GmailTenantSettings, description="Gmail: Google domain, add-on deployment."
    )
    notifications: NotificationSettings = Field(
        default_factory=NotificationSettings,
        description="Notifying the safeguarding lead of pupil-contact overrides and repeats.",
    )
