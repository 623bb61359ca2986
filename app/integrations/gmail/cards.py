"""Typed builders for Google's Card v1 JSON and the add-on response envelope.

Each class renders exactly the JSON fields of ``google.apps.card.v1`` (the
tests parse every card into Google's own protobuf types with unknown fields
rejected). Text goes through :func:`escape` unless it is :class:`Html`, so an
address or subject containing ``<b>`` or ``&`` shows literally: the fields
that take simple HTML (section headers, text paragraphs, decorated text and
its labels) only ever receive escaped text or markup we built. Plain-text
fields (card title, button text) never carry user data.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from app.errors import Invalid

MAX_WIDGETS = 100
MAX_SECTIONS = 100

Json = dict[str, Any]


class CardTooLarge(Invalid):
    """Google ignores widgets past 100 per card; we refuse to build one."""


class Html(str):
    """Text already safe for the simple-HTML fields (built by the helpers below)."""

    __slots__ = ()


def escape(text: str) -> Html:
    if isinstance(text, Html):
        return text
    return Html(html.escape(text, quote=False))


def join(*parts: str, sep: str = "") -> Html:
    return Html(escape(sep).join(escape(p) for p in parts))


def bold(text: str) -> Html:
    return Html(f"<b>{escape(text)}</b>")


def italic(text: str) -> Html:
    return Html(f"<i>{escape(text)}</i>")


def coloured(text: str, colour: str) -> Html:
    if not (colour.startswith("#") and len(colour) == 7):
        raise ValueError("colour is #rrggbb")
    return Html(f'<font color="{colour}">{escape(text)}</font>')


BR = Html("<br>")

GREEN = "#188038"
AMBER = "#b06000"
RED = "#c5221f"
GREY = "#5f6368"


# -- actions ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Action:
    """A call back to our endpoint. ``parameters`` must be opaque ids only."""

    function: str
    parameters: tuple[tuple[str, str], ...] = ()
    load_indicator: Literal["SPINNER", "NONE"] = "SPINNER"

    def to_json(self) -> Json:
        out: Json = {"function": self.function, "loadIndicator": self.load_indicator}
        if self.parameters:
            out["parameters"] = [{"key": k, "value": v} for k, v in self.parameters]
        return out


@dataclass(frozen=True, slots=True)
class OpenLink:
    url: str

    def to_json(self) -> Json:
        return {"url": self.url}


@dataclass(frozen=True, slots=True)
class Icon:
    material: str | None = None
    known: str | None = None

    def to_json(self) -> Json:
        if self.material:
            return {"materialIcon": {"name": self.material}}
        return {"knownIcon": self.known or "DESCRIPTION"}


@dataclass(frozen=True, slots=True)
class Button:
    text: str
    on_click: Action | OpenLink
    filled: bool = False

    def to_json(self) -> Json:
        click = (
            {"action": self.on_click.to_json()}
            if isinstance(self.on_click, Action)
            else {"openLink": self.on_click.to_json()}
        )
        out: Json = {"text": self.text, "onClick": click}
        if self.filled:  # a colour makes it FILLED (Button.type itself is Chat-only)
            out["color"] = {"red": 0.102, "green": 0.451, "blue": 0.91}
        return out


# -- widgets ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextParagraph:
    text: str

    def to_json(self) -> Json:
        return {"textParagraph": {"text": escape(self.text)}}


@dataclass(frozen=True, slots=True)
class DecoratedText:
    text: str
    top_label: str | None = None
    bottom_label: str | None = None
    icon: Icon | None = None
    button: Button | None = None
    wrap: bool = True

    def to_json(self) -> Json:
        out: Json = {"text": escape(self.text), "wrapText": self.wrap}
        if self.top_label:
            out["topLabel"] = escape(self.top_label)
        if self.bottom_label:
            out["bottomLabel"] = escape(self.bottom_label)
        if self.icon:
            out["startIcon"] = self.icon.to_json()
        if self.button:
            out["button"] = self.button.to_json()
        return {"decoratedText": out}


@dataclass(frozen=True, slots=True)
class ButtonList:
    buttons: tuple[Button, ...]

    def to_json(self) -> Json:
        return {"buttonList": {"buttons": [b.to_json() for b in self.buttons]}}


@dataclass(frozen=True, slots=True)
class Divider:
    def to_json(self) -> Json:
        return {"divider": {}}


@dataclass(frozen=True, slots=True)
class SelectionInput:
    """A drop-down; its choice comes back in ``commonEventObject.formInputs[name]``.
    ``items`` are ``(value, text)``: fixed codes and words, never user data."""

    name: str
    label: str
    items: tuple[tuple[str, str], ...]

    def to_json(self) -> Json:
        return {
            "selectionInput": {
                "name": self.name,
                "label": escape(self.label),
                "type": "DROPDOWN",
                "items": [
                    {"text": escape(text), "value": value, "selected": False}
                    for value, text in self.items
                ],
            }
        }


Widget = TextParagraph | DecoratedText | ButtonList | Divider | SelectionInput


@dataclass(frozen=True, slots=True)
class Section:
    widgets: tuple[Widget, ...]
    header: str | None = None
    collapsible: bool = False
    uncollapsible_widgets: int = 0

    def to_json(self) -> Json:
        out: Json = {"widgets": [w.to_json() for w in self.widgets]}
        if self.header:
            out["header"] = escape(self.header)
        if self.collapsible:
            out["collapsible"] = True
            out["uncollapsibleWidgetsCount"] = self.uncollapsible_widgets
        return out


@dataclass(frozen=True, slots=True)
class CardHeader:
    title: str
    subtitle: str | None = None
    image_url: str | None = None
    image_alt: str | None = None

    def to_json(self) -> Json:
        out: Json = {"title": self.title}
        if self.subtitle:
            out["subtitle"] = self.subtitle
        if self.image_url:
            out["imageUrl"] = self.image_url
            out["imageType"] = "CIRCLE"
            out["imageAltText"] = self.image_alt or ""
        return out


@dataclass(frozen=True, slots=True)
class Card:
    header: CardHeader
    sections: tuple[Section, ...]
    footer: tuple[Button, ...] = ()  # primary, optional secondary
    name: str | None = None

    @property
    def widget_count(self) -> int:
        return sum(len(s.widgets) for s in self.sections)

    def to_json(self) -> Json:
        if self.widget_count > MAX_WIDGETS or len(self.sections) > MAX_SECTIONS:
            raise CardTooLarge(f"{self.widget_count} widgets in {len(self.sections)} sections")
        out: Json = {
            "header": self.header.to_json(),
            "sections": [s.to_json() for s in self.sections if s.widgets],
        }
        if self.footer:
            foot: Json = {"primaryButton": self.footer[0].to_json()}
            if len(self.footer) > 1:
                foot["secondaryButton"] = self.footer[1].to_json()
            out["fixedFooter"] = foot
        if self.name:
            out["name"] = self.name
        return out


# -- the response envelope ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftUpdate:
    """``updateDraftActionMarkup``: each list present replaces the draft's whole list.

    The lists hold plain addresses: a draft update's recipient is ``{"email": ...}``
    and has no display name (see :func:`.fixes.apply`).
    """

    to: tuple[str, ...] | None = None
    cc: tuple[str, ...] | None = None
    bcc: tuple[str, ...] | None = None
    subject: str | None = None

    @property
    def empty(self) -> bool:
        return self.to is None and self.cc is None and self.bcc is None and self.subject is None

    def to_json(self) -> Json:
        out: Json = {}
        if self.subject is not None:
            out["updateSubject"] = {"subject": self.subject}
        for key, items in (("to", self.to), ("cc", self.cc), ("bcc", self.bcc)):
            if items is not None:
                name = f"{key}Recipients"
                out[f"update{key.capitalize()}Recipients"] = {name: [{"email": e} for e in items]}
        return out


@dataclass(frozen=True, slots=True)
class Render:
    """A response: a card to show (push or update) and/or a draft change, a notification."""

    card: Card | None = None
    update: bool = False  # updateCard (re-render in place) rather than pushCard
    draft: DraftUpdate | None = None
    notification: str | None = None
    bare: bool = False  # homepage: Google's samples answer {"action": ...} unwrapped

    def to_json(self) -> Json:
        body: Json = {}
        action: Json = {}
        if self.card is not None:
            nav = "updateCard" if self.update else "pushCard"
            action["navigations"] = [{nav: self.card.to_json()}]
        if self.notification:
            action["notification"] = {"text": self.notification}
        if action:
            body["action"] = action
        if self.draft is not None and not self.draft.empty:
            body["hostAppAction"] = {
                "gmailAction": {"updateDraftActionMarkup": self.draft.to_json()}
            }
        return body if self.bare else {"renderActions": body}


def request_scopes() -> Json:
    """Granular consent: Gmail asks the user for the add-on's scopes, then replays the action."""
    return {"requesting_google_scopes": {"all_scopes": True}}


def sections_within_limit(sections: Iterable[Section], reserve: int) -> tuple[Section, ...]:
    """Keep whole sections while the card stays under the widget limit (``reserve`` kept free)."""
    out: list[Section] = []
    used = 0
    for s in sections:
        if used + len(s.widgets) > MAX_WIDGETS - reserve:
            break
        out.append(s)
        used += len(s.widgets)
    return tuple(out)
