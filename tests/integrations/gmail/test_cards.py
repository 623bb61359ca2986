"""Card builders: Google-valid JSON, escaping, the widget limit, the envelope."""

from __future__ import annotations

from typing import Any

import pytest
from google.protobuf import json_format
from pydantic import ValidationError

from app.integrations.gmail.cards import (
    BR,
    MAX_WIDGETS,
    Action,
    Button,
    ButtonList,
    Card,
    CardHeader,
    CardTooLarge,
    DecoratedText,
    Divider,
    DraftUpdate,
    Icon,
    OpenLink,
    Render,
    Section,
    TextParagraph,
    bold,
    coloured,
    escape,
    join,
    request_scopes,
    sections_within_limit,
)
from tests.integrations.gmail.addon_schema import parse_card, validate

FN = "https://etiquette.example.org/gmail/addon?action=check"


def every_widget_card() -> Card:
    return Card(
        CardHeader("Title", "Subtitle", image_url="https://etiquette.example.org/gmail/logo.png"),
        (
            Section(
                (
                    TextParagraph(join(bold("Bold"), BR, "a & b")),
                    DecoratedText(
                        "text",
                        top_label="top",
                        bottom_label="bottom",
                        icon=Icon(material="fact_check"),
                        button=Button("Go", Action(FN, (("fix", "REC003.0"),))),
                    ),
                    DecoratedText("known icon", icon=Icon(known="EMAIL")),
                    ButtonList(
                        (
                            Button("Primary", Action(FN), filled=True),
                            Button("Link", OpenLink("https://support.google.com/mail")),
                        )
                    ),
                    Divider(),
                ),
                header="Header & more",
                collapsible=True,
                uncollapsible_widgets=2,
            ),
        ),
        footer=(Button("Check again", Action(FN), filled=True), Button("Help", OpenLink(FN))),
        name="all",
    )


def test_every_builder_emits_googles_card_v1() -> None:
    msg = parse_card(every_widget_card().to_json())
    assert msg.header.title == "Title"
    assert (
        msg.sections[0].widgets[1].decorated_text.button.on_click.action.parameters[0].key == "fix"
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"header": {"titel": "x"}},  # misspelt field
        {"sections": [{"widgets": [{"textParagraf": {"text": "x"}}]}]},  # misspelt widget
        {"sections": [{"widgets": [{"decoratedText": {"wrapText": "yes"}}]}]},  # wrong type
    ],
)
def test_the_card_validator_rejects_mistakes(bad: dict[str, Any]) -> None:
    with pytest.raises(json_format.ParseError):
        parse_card(bad)


@pytest.mark.parametrize(
    "bad",
    [
        {"renderActions": {"actoin": {}}},
        {
            "renderActions": {
                "hostAppAction": {
                    "gmailAction": {
                        "updateDraftActionMarkup": {
                            "updateToRecipients": {"recipients": [{"email": "a@b.c"}]}
                        }
                    }
                }
            }
        },
        {
            "renderActions": {
                "hostAppAction": {
                    "gmailAction": {
                        "updateDraftActionMarkup": {"UpdateCcRecipients": {"ccRecipients": []}}
                    }
                }
            }
        },  # capitalised copy of the schema
        {"requesting_google_scopes": {"allScopes": True}},
    ],
)
def test_the_envelope_validator_rejects_mistakes(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        validate(bad)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ('"quoted"@example.org', '"quoted"@example.org'),
        ("plain", "plain"),
    ],
)
def test_user_text_is_escaped_in_every_html_field(raw: str, shown: str) -> None:
    card = Card(
        CardHeader("t"),
        (
            Section(
                (TextParagraph(raw), DecoratedText(raw, top_label=raw, bottom_label=raw)),
                header=raw,
            ),
        ),
    ).to_json()
    section = card["sections"][0]
    assert section["header"] == shown
    assert section["widgets"][0]["textParagraph"]["text"] == shown
    dt = section["widgets"][1]["decoratedText"]
    assert (dt["text"], dt["topLabel"], dt["bottomLabel"]) == (shown, shown, shown)


def test_markup_we_build_is_not_escaped_twice() -> None:
    text = join(coloured("OK", "#188038"), " & ", bold("<x>"))
    assert text == '<font color="#188038">OK</font> &amp; <b>&lt;x&gt;</b>'
    assert escape(text) == text


def test_more_than_100_widgets_is_refused() -> None:
    card = Card(CardHeader("t"), (Section(tuple(Divider() for _ in range(MAX_WIDGETS + 1))),))
    with pytest.raises(CardTooLarge):
        card.to_json()


def test_sections_are_dropped_whole_to_fit() -> None:
    sections = [Section(tuple(Divider() for _ in range(30))) for _ in range(5)]
    kept = sections_within_limit(sections, reserve=5)
    assert len(kept) == 3 and sum(len(s.widgets) for s in kept) <= MAX_WIDGETS - 5


def test_render_envelopes_validate() -> None:
    card = every_widget_card()
    update = DraftUpdate(to=("a@x.org",), cc=(), bcc=("b@y.org", "c@z.org"), subject="New")
    bodies = [
        Render(card).to_json(),
        Render(card, update=True).to_json(),
        Render(card, bare=True).to_json(),
        Render(card, update=True, draft=update, notification="Done").to_json(),
        Render(draft=update).to_json(),
        request_scopes(),
    ]
    for body in bodies:
        validate(body)
    markup = bodies[3]["renderActions"]["hostAppAction"]["gmailAction"]["updateDraftActionMarkup"]
    assert markup == {
        "updateSubject": {"subject": "New"},
        "updateToRecipients": {"toRecipients": [{"email": "a@x.org"}]},
        "updateCcRecipients": {"ccRecipients": []},
        "updateBccRecipients": {"bccRecipients": [{"email": "b@y.org"}, {"email": "c@z.org"}]},
    }


def test_an_empty_draft_update_is_not_sent() -> None:
    assert Render(draft=DraftUpdate()).to_json() == {"renderActions": {}}
