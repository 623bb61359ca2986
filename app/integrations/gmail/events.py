"""The event object Gmail POSTs to an HTTP add-on, as typed models.

Only the fields we read are declared; anything else Google sends is ignored
(the object grows over time). Field names follow Google's JSON (lowerCamel).
Tokens are excluded from ``repr`` so a stray log line cannot leak them, and
nothing here is trusted for identity: who the user is comes from the verified
``userIdToken`` (see :mod:`app.integrations.gmail.verify`).
"""

from __future__ import annotations

from datetime import tzinfo
from email.utils import parseaddr
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_PER_FIELD = 500
# Beyond this a request is not a draft anyone could send (Gmail's own limit is 500
# recipients a message): refused outright rather than read.
MAX_READ_PER_FIELD = 10_000
_FIELDS = {"toRecipients": "to", "ccRecipients": "cc", "bccRecipients": "bcc"}


class _Event(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class Platform(StrEnum):
    WEB = "WEB"
    IOS = "IOS"
    ANDROID = "ANDROID"
    UNKNOWN = "UNKNOWN"


class TimeZone(_Event):
    id: str = Field(default="", max_length=64)
    offset: str | int | None = None  # milliseconds, sent as a string

    def zone(self) -> tzinfo | None:
        """The zone, or None where the id is empty or names no zone.

        ``ZoneInfo`` raises ``ZoneInfoNotFoundError`` for an unknown key,
        ``ValueError`` for one that is not a normalised relative path, and
        ``OSError`` where the key is a directory of the tz database
        (``IsADirectoryError`` for ``"Europe"``) or unreadable.
        """
        if not self.id:
            return None
        try:
            return ZoneInfo(self.id)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            return None


class StringInputs(_Event):
    value: list[str] = Field(default_factory=list)


class FormInput(_Event):
    string_inputs: StringInputs | None = Field(default=None, alias="stringInputs")


class CommonEventObject(_Event):
    host_app: str = Field(default="", alias="hostApp")
    platform: str = ""
    user_locale: str | None = Field(default=None, alias="userLocale")
    time_zone: TimeZone | None = Field(default=None, alias="timeZone")
    parameters: dict[str, str] = Field(default_factory=dict)
    form_inputs: dict[str, FormInput] = Field(default_factory=dict, alias="formInputs")

    @property
    def platform_kind(self) -> Platform:
        try:
            return Platform(self.platform.upper())
        except ValueError:
            return Platform.UNKNOWN


class AuthorizationEventObject(_Event):
    user_oauth_token: str | None = Field(default=None, alias="userOAuthToken", repr=False)
    user_id_token: str | None = Field(default=None, alias="userIdToken", repr=False)
    system_id_token: str | None = Field(default=None, alias="systemIdToken", repr=False)
    authorized_scopes: list[str] | None = Field(default=None, alias="authorizedScopes")


class GmailEvent(_Event):
    access_token: str | None = Field(default=None, alias="accessToken", repr=False)
    message_id: str | None = Field(default=None, alias="messageId")
    thread_id: str | None = Field(default=None, alias="threadId")
    to_recipients: list[str] = Field(
        default_factory=list, alias="toRecipients", max_length=MAX_READ_PER_FIELD, repr=False
    )
    cc_recipients: list[str] = Field(
        default_factory=list, alias="ccRecipients", max_length=MAX_READ_PER_FIELD, repr=False
    )
    bcc_recipients: list[str] = Field(
        default_factory=list, alias="bccRecipients", max_length=MAX_READ_PER_FIELD, repr=False
    )
    oversize: dict[str, int] = Field(
        default_factory=dict,
        description="Fields with more than MAX_PER_FIELD recipients and how many they have "
        "(set by the model, never read from the request). Such a draft is not checked: the "
        "card says so, because a fix applied to part of a list would drop the rest.",
    )

    @model_validator(mode="before")
    @classmethod
    def _oversize(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = {k: v for k, v in data.items() if k not in ("oversize",)}
        counts = {}
        for alias, name in _FIELDS.items():
            value = out.get(alias)
            if isinstance(value, list) and MAX_PER_FIELD < len(value) <= MAX_READ_PER_FIELD:
                counts[name] = len(value)
        out["oversize"] = counts
        return out


class EventObject(_Event):
    common: CommonEventObject = Field(default_factory=CommonEventObject, alias="commonEventObject")
    auth: AuthorizationEventObject | None = Field(default=None, alias="authorizationEventObject")
    gmail: GmailEvent | None = None

    def parameter(self, key: str) -> str | None:
        return self.common.parameters.get(key)


def split_address(raw: str) -> tuple[str, str]:
    """``(email, name)`` from what Gmail lists: a bare address, or ``Name <addr>``."""
    name, email = parseaddr(raw)
    if not email or "@" not in email:
        return raw.strip(), ""
    return email.strip(), name.strip()
