"""``etiquette manifest gmail``: the HTTP deployment descriptor.

Checked against the ``projects.deployments`` REST resource's field names
(extra keys forbidden), so ``selectActions`` (the Apps Script spelling) or a
misspelt field fails here rather than at ``gcloud deployments create``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict

from app.cli import main
from app.integrations.gmail.cli import deployment
from app.integrations.gmail.drafts import DRAFT_READ_SCOPE
from app.integrations.gmail.routes import REQUIRED_SCOPES

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "manifest" / "gmail-deployment.example.json"


class _S(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HomepageExtensionPoint(_S):
    runFunction: str
    enabled: bool | None = None


class MenuItemExtensionPoint(_S):
    runFunction: str
    label: str
    logoUrl: str | None = None


class ComposeTrigger(_S):
    actions: list[MenuItemExtensionPoint]
    draftAccess: Literal["UNSPECIFIED", "NONE", "METADATA"]


class GmailAddOnManifest(_S):
    homepageTrigger: HomepageExtensionPoint | None = None
    composeTrigger: ComposeTrigger | None = None


class AddOnWidgetSet(_S):
    usedWidgets: list[
        Literal[
            "WIDGET_TYPE_UNSPECIFIED",
            "DATE_PICKER",
            "STYLED_BUTTONS",
            "PERSISTENT_FORMS",
            "FIXED_FOOTER",
            "UPDATE_SUBJECT_AND_RECIPIENTS",
            "GRID_WIDGET",
            "ADDON_COMPOSE_UI_ACTION",
        ]
    ]


class CommonAddOnManifest(_S):
    name: str
    logoUrl: str
    useLocaleFromApp: bool | None = None
    addOnWidgetSet: AddOnWidgetSet | None = None
    homepageTrigger: HomepageExtensionPoint | None = None


class HttpOptions(_S):
    authorizationHeader: Literal["SYSTEM_ID_TOKEN", "USER_ID_TOKEN", "NONE"]
    granularOauthPermissionSupport: Literal["OPT_IN", "OPT_OUT"]


class AddOns(_S):
    common: CommonAddOnManifest
    gmail: GmailAddOnManifest
    httpOptions: HttpOptions


class Deployment(_S):
    oauthScopes: list[str]
    addOns: AddOns


def test_descriptor_matches_the_rest_resource() -> None:
    d = Deployment.model_validate(deployment("https://etiquette.example.org"))
    assert set(REQUIRED_SCOPES) <= set(d.oauthScopes)
    assert DRAFT_READ_SCOPE not in d.oauthScopes
    assert d.addOns.gmail.composeTrigger is not None
    assert d.addOns.gmail.composeTrigger.draftAccess == "METADATA"
    assert d.addOns.gmail.composeTrigger.actions[0].runFunction == (
        "https://etiquette.example.org/gmail/addon?action=compose"
    )
    assert d.addOns.httpOptions.authorizationHeader == "SYSTEM_ID_TOKEN"
    assert d.addOns.common.addOnWidgetSet is not None
    assert "UPDATE_SUBJECT_AND_RECIPIENTS" in d.addOns.common.addOnWidgetSet.usedWidgets


def test_read_drafts_adds_the_read_scope() -> None:
    d = deployment("https://etiquette.example.org/", read_drafts=True)
    assert d["oauthScopes"][-1] == DRAFT_READ_SCOPE
    assert d["addOns"]["common"]["homepageTrigger"]["runFunction"] == (
        "https://etiquette.example.org/gmail/addon?action=home"
    )


def test_cli_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "deployment.json"
    assert (
        main(["manifest", "gmail", "--host", "https://addon.school.example", "--out", str(out)])
        == 0
    )
    assert json.loads(out.read_text()) == deployment("https://addon.school.example")


@pytest.mark.parametrize("host", ["http://addon.school.example", "addon.school.example"])
def test_cli_refuses_a_host_google_cannot_call(
    host: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["manifest", "gmail", "--host", host]) == 2
    assert "https://" in capsys.readouterr().err


def test_the_committed_example_is_current() -> None:
    assert json.loads(EXAMPLE.read_text()) == deployment("https://etiquette.example.org")
