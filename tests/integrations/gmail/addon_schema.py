"""Strict validation of everything the add-on endpoint can answer.

Cards are parsed into Google's own Card v1 protobuf types (``google-apps-card``)
with unknown fields rejected, so a misspelt field fails. The envelope around
them (``renderActions``, ``hostAppAction``, the granular-consent request) is
``apps.extensions.markup``, which no installed package carries: it is checked
here against the documented field names with extra keys forbidden.
"""

from __future__ import annotations

from typing import Any

from google.apps.card_v1.types import Card as CardMessage
from google.protobuf import json_format
from pydantic import BaseModel, ConfigDict, model_validator


def parse_card(card: dict[str, Any]) -> Any:
    msg = CardMessage.pb()()
    json_format.ParseDict(card, msg, ignore_unknown_fields=False)
    return msg


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _OneOf(_Strict):
    @model_validator(mode="after")
    def _exactly_one(self) -> _OneOf:
        n = sum(1 for k in type(self).model_fields if getattr(self, k) is not None)
        if n != 1:
            raise ValueError(f"{type(self).__name__}: exactly one field, got {n}")
        return self


class Navigation(_OneOf):
    pushCard: dict[str, Any] | None = None
    updateCard: dict[str, Any] | None = None
    popToRoot: bool | None = None
    pop: bool | None = None


class Notification(_Strict):
    text: str


class ActionMarkup(_Strict):
    navigations: list[Navigation] | None = None
    notification: Notification | None = None


class Recipient(_Strict):
    email: str


class UpdateSubject(_Strict):
    subject: str


class UpdateTo(_Strict):
    toRecipients: list[Recipient]


class UpdateCc(_Strict):
    ccRecipients: list[Recipient]


class UpdateBcc(_Strict):
    bccRecipients: list[Recipient]


class UpdateDraft(_Strict):
    updateSubject: UpdateSubject | None = None
    updateToRecipients: UpdateTo | None = None
    updateCcRecipients: UpdateCc | None = None
    updateBccRecipients: UpdateBcc | None = None


class GmailAction(_OneOf):
    updateDraftActionMarkup: UpdateDraft | None = None


class HostAppAction(_Strict):
    gmailAction: GmailAction


class RenderActions(_Strict):
    action: ActionMarkup | None = None
    hostAppAction: HostAppAction | None = None


class Wrapped(_Strict):
    renderActions: RenderActions


class ScopesRequest(_Strict):
    all_scopes: bool


class ScopeResponse(_Strict):
    requesting_google_scopes: ScopesRequest


def validate(body: dict[str, Any]) -> list[Any]:
    """Validate a response; returns the parsed Card messages it carries."""
    if "requesting_google_scopes" in body:
        ScopeResponse.model_validate(body)
        return []
    ra = (
        Wrapped.model_validate(body).renderActions
        if "renderActions" in body
        else RenderActions.model_validate(body)
    )
    cards = []
    for nav in (ra.action.navigations or []) if ra.action else []:
        card = nav.pushCard or nav.updateCard
        if card is not None:
            cards.append(parse_card(card))
    return cards
