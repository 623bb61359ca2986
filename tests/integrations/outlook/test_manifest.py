"""Both manifests from one model: the unified one against the schema that ships in the
@microsoft/app-manifest npm package (offline), the XML one for the elements Smart Alerts needs."""

from __future__ import annotations

import argparse
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from app.integrations.outlook.cli import add_manifest_parser
from app.integrations.outlook.manifest import (
    UNIFIED_SCHEMA_VERSION,
    AddinModel,
    render_unified,
    render_xml,
)
from tests.integrations.outlook.conftest import CLIENT_ID, HOST

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = (
    ROOT
    / "addin-ui/node_modules/@microsoft/app-manifest/build/json-schemas/teams"
    / f"v{UNIFIED_SCHEMA_VERSION}/MicrosoftTeams.schema.json"
)
NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "v": "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
}
XSI = "{http://www.w3.org/2001/XMLSchema-instance}type"
MODEL = AddinModel.build(HOST, CLIENT_ID)


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_manifest_parser(parser.add_subparsers())
    args = parser.parse_args(["outlook", *argv])
    code: int = args.func(args)
    return code


def test_unified_manifest_is_valid_against_the_shipped_schema() -> None:
    assert SCHEMA.is_file(), "run scripts/setup-js.sh (npm ci in addin-ui) first"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(render_unified(MODEL))]
    assert errors == []


def test_unified_manifest_smart_alerts() -> None:
    m = render_unified(MODEL)
    (ext,) = m["extensions"]
    events = {e["type"]: e for e in ext["autoRunEvents"][0]["events"]}
    assert events["messageSending"]["options"] == {"sendMode": "softBlock"}
    assert set(events) == {
        "messageSending",
        "messageRecipientsChanged",
        "messageAttachmentsChanged",
    }
    runtime = ext["runtimes"][0]
    assert runtime["code"] == {
        "page": f"{HOST}/addin/commands.html",
        "script": f"{HOST}/addin/launchevent.js",
    }
    actions = {a["id"] for a in runtime["actions"]}
    assert {e["actionId"] for e in events.values()} == actions
    assert m["webApplicationInfo"] == {
        "id": CLIENT_ID,
        "resource": f"api://etiquette.example.org/{CLIENT_ID}",
    }
    perms = m["authorization"]["permissions"]["resourceSpecific"]
    assert perms == [{"name": "MailboxItem.ReadWrite.User", "type": "Delegated"}]


def xml_root() -> ET.Element:
    return ET.fromstring(render_xml(MODEL).encode())


def test_xml_manifest_required_elements() -> None:
    root = xml_root()
    assert root.get(XSI) == "MailApp"
    assert root.findtext("o:Permissions", namespaces=NS) == "ReadWriteItem"
    assert root.findtext("o:Id", namespaces=NS) == MODEL.addin_id
    vo = root.find(".//v:VersionOverrides", NS)
    assert vo is not None and vo.get(XSI) == "VersionOverridesV1_1"
    sets = vo.find("v:Requirements/bt:Sets", NS)
    assert sets is not None and sets.get("DefaultMinVersion") == "1.12"

    events = {e.get("Type"): e.attrib for e in vo.iterfind(".//v:LaunchEvent", NS)}
    assert events["OnMessageSend"]["SendMode"] == "SoftBlock"
    assert events["OnMessageSend"]["FunctionName"] == "onMessageSendHandler"
    assert set(events) == {
        "OnMessageSend",
        "OnMessageRecipientsChanged",
        "OnMessageAttachmentsChanged",
    }

    runtime = vo.find(".//v:Runtimes/v:Runtime", NS)
    assert runtime is not None
    override = runtime.find("v:Override", NS)
    assert override is not None and override.get("type") == "javascript"
    urls = {u.get("id"): u.get("DefaultValue") for u in vo.iterfind(".//bt:Urls/bt:Url", NS)}
    assert urls[runtime.get("resid")] == f"{HOST}/addin/commands.html"
    assert urls[override.get("resid")] == f"{HOST}/addin/launchevent.js"
    assert urls["Taskpane.Url"] == f"{HOST}/addin/taskpane.html"
    assert all(u and u.startswith("https://") for u in urls.values())

    launch = vo.find(".//v:ExtensionPoint[@xsi:type='LaunchEvent']", {**NS, "xsi": XSI[1:-5]})
    assert launch is not None
    source = launch.find("v:SourceLocation", NS)
    assert source is not None and source.get("resid") == runtime.get("resid")

    button = vo.find(".//v:Control[@id='msgComposeOpenPaneButton']", NS)
    assert button is not None  # the commandId the handler's Smart Alert button opens

    web = vo.find("v:WebApplicationInfo", NS)
    assert web is not None
    assert web.findtext("v:Id", namespaces=NS) == CLIENT_ID
    assert web.findtext("v:Resource", namespaces=NS) == f"api://etiquette.example.org/{CLIENT_ID}"


def test_every_resid_resolves() -> None:
    root = xml_root()
    ids = {e.get("id") for e in root.iter() if e.tag.startswith(f"{{{NS['bt']}}}") and e.get("id")}
    used = {e.get("resid") for e in root.iter() if e.get("resid")}
    assert used <= ids


def test_values_are_escaped() -> None:
    model = AddinModel.build(HOST, CLIENT_ID)
    odd = type(model)(
        **{**{f: getattr(model, f) for f in model.__slots__}, "provider": 'A & "B" <C>'}
    )
    root = ET.fromstring(render_xml(odd).encode())
    assert root.findtext("o:ProviderName", namespaces=NS) == 'A & "B" <C>'


def test_cli_writes_both_manifests_and_the_package_icons(tmp_path: Path) -> None:
    assert run_cli("--host", HOST, "--client-id", CLIENT_ID, "--out", str(tmp_path)) == 0
    assert {p.name for p in tmp_path.iterdir()} == {
        "manifest.xml",
        "manifest.json",
        "color.png",
        "outline.png",
    }
    assert json.loads((tmp_path / "manifest.json").read_text())["id"] == MODEL.addin_id
    ET.parse(tmp_path / "manifest.xml")


BAD: list[tuple[list[str], str]] = [
    (["--host", "http://etiquette.example.org", "--client-id", CLIENT_ID], "https"),
    (["--host", HOST, "--client-id", "not-a-guid"], "GUID"),
]


@pytest.mark.parametrize(("argv", "why"), BAD)
def test_cli_refuses_bad_input(
    argv: list[str], why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(*argv, "--out", str(tmp_path)) == 2
    assert list(tmp_path.iterdir()) == []


def test_addin_id_is_stable_per_host() -> None:
    assert AddinModel.build(HOST, CLIENT_ID).addin_id == MODEL.addin_id
    assert AddinModel.build("https://other.example.org", CLIENT_ID).addin_id != MODEL.addin_id


def test_committed_examples_are_current() -> None:
    example = AddinModel.build(
        "https://etiquette.example.org", "00000000-0000-0000-0000-000000000000"
    )
    folder = ROOT / "manifest" / "example"
    assert (folder / "manifest.xml").read_text(encoding="utf-8") == render_xml(example)
    committed: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert committed == render_unified(example)
