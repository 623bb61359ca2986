"""Both Outlook manifests from one model.

:class:`AddinModel` holds everything the manifests say (ids, names, URLs,
events, the task pane command, the app registration). :func:`render_xml`
writes the add-in-only XML manifest (works everywhere, including Outlook on
Mac and perpetual Office), :func:`render_unified` the unified JSON manifest
(Microsoft 365 app manifest; web, new Outlook and classic Windows 2307+).
Change a name or an event here and both follow.

Send mode is ``SoftBlock``: advisory findings relax it to "Send anyway" at run
time with ``sendModeOverride: promptUser``; blocking findings stay blocked.
The Mailbox requirement is 1.12 (OnMessageSend) so Mac (up to 1.14) loads it;
the handler feature-detects 1.14/1.15 for the action button and Markdown.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any
from xml.sax.saxutils import quoteattr

TEMPLATE = Path(__file__).parent / "manifest.xml.tmpl"
UNIFIED_SCHEMA_VERSION = "1.24"
MIN_MAILBOX = "1.12"
PANE_COMMAND = "msgComposeOpenPaneButton"  # also the commandId the handler passes to Outlook
ICON_SIZES = (16, 32, 64, 80, 128)


@dataclass(frozen=True, slots=True)
class LaunchEvent:
    xml_type: str
    unified_type: str
    function: str
    send_mode: str | None = None  # XML spelling: PromptUser | SoftBlock | Block


EVENTS = (
    LaunchEvent("OnMessageSend", "messageSending", "onMessageSendHandler", "SoftBlock"),
    LaunchEvent(
        "OnMessageRecipientsChanged",
        "messageRecipientsChanged",
        "onMessageRecipientsChangedHandler",
    ),
    LaunchEvent(
        "OnMessageAttachmentsChanged",
        "messageAttachmentsChanged",
        "onMessageAttachmentsChangedHandler",
    ),
)


@dataclass(frozen=True, slots=True)
class AddinModel:
    host: str  # https origin serving /addin/
    client_id: str
    addin_id: str
    version: str = "1.0.0"
    provider: str = "Etiquette"
    name: str = "Etiquette"
    full_name: str = "Etiquette: email policy check"
    description: str = (
        "Checks each email against your school's email policy when you press Send, "
        "and helps you fix what it finds."
    )
    support_url: str = ""
    app_id_uri: str = ""
    events: tuple[LaunchEvent, ...] = field(default=EVENTS)

    @classmethod
    def build(
        cls,
        host: str,
        client_id: str,
        *,
        addin_id: str | None = None,
        app_id_uri: str | None = None,
        support_url: str | None = None,
        version: str = "1.0.0",
    ) -> AddinModel:
        host = host.rstrip("/")
        if not host.startswith("https://"):
            raise ValueError("--host must be an https:// origin (Outlook loads add-ins over HTTPS)")
        uuid.UUID(client_id)  # raises ValueError on anything but a GUID
        bare = host.split("://", 1)[1]
        return cls(
            host=host,
            client_id=client_id.lower(),
            # Stable per host, so regenerating updates the add-in instead of adding another.
            addin_id=addin_id or str(uuid.uuid5(uuid.NAMESPACE_URL, f"etiquette-outlook:{host}")),
            app_id_uri=app_id_uri or f"api://{bare}/{client_id.lower()}",
            support_url=support_url or f"{host}/addin/help.html",
            version=version,
        )

    def url(self, path: str) -> str:
        return f"{self.host}/addin/{path}"

    @property
    def runtime_page(self) -> str:
        return self.url("commands.html")

    @property
    def runtime_script(self) -> str:
        return self.url("launchevent.js")

    @property
    def taskpane(self) -> str:
        return self.url("taskpane.html")

    def icon(self, size: int) -> str:
        return self.url(f"assets/icon-{size}.png")


def render_xml(m: AddinModel) -> str:
    """The add-in-only (XML) manifest."""
    events = "\n".join(
        f"                <LaunchEvent Type={quoteattr(e.xml_type)} "
        f"FunctionName={quoteattr(e.function)}"
        + (f" SendMode={quoteattr(e.send_mode)}" if e.send_mode else "")
        + "/>"
        for e in m.events
    )
    values = {
        "addin_id": m.addin_id,
        "version": m.version + ".0",
        "provider": m.provider,
        "name": m.name,
        "full_name": m.full_name,
        "description": m.description,
        "icon64": m.icon(64),
        "icon128": m.icon(128),
        "icon16": m.icon(16),
        "icon32": m.icon(32),
        "icon80": m.icon(80),
        "support_url": m.support_url,
        "host": m.host,
        "min_mailbox": MIN_MAILBOX,
        "pane_command": PANE_COMMAND,
        "runtime_page": m.runtime_page,
        "runtime_script": m.runtime_script,
        "taskpane": m.taskpane,
        "client_id": m.client_id,
        "app_id_uri": m.app_id_uri,
    }
    escaped = {k: quoteattr(v)[1:-1] for k, v in values.items()}
    escaped["launch_events"] = events
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(escaped)


def render_unified(m: AddinModel) -> dict[str, Any]:
    """The unified (JSON) manifest, as a dict."""
    mailbox = {"capabilities": [{"name": "Mailbox", "minVersion": MIN_MAILBOX}]}
    return {
        "$schema": "https://developer.microsoft.com/json-schemas/teams/"
        f"v{UNIFIED_SCHEMA_VERSION}/MicrosoftTeams.schema.json",
        "manifestVersion": UNIFIED_SCHEMA_VERSION,
        "version": m.version,
        "id": m.addin_id,
        "localizationInfo": {"defaultLanguageTag": "en-gb"},
        "developer": {
            "name": m.provider,
            "websiteUrl": m.host + "/",
            "privacyUrl": m.support_url,
            "termsOfUseUrl": m.support_url,
        },
        "name": {"short": m.name, "full": m.full_name},
        "description": {"short": m.full_name, "full": m.description},
        "icons": {"outline": "outline.png", "color": "color.png"},
        "accentColor": "#0F6CBD",
        "validDomains": [m.host.split("://", 1)[1]],
        "webApplicationInfo": {"id": m.client_id, "resource": m.app_id_uri},
        "authorization": {
            "permissions": {
                "resourceSpecific": [{"name": "MailboxItem.ReadWrite.User", "type": "Delegated"}]
            }
        },
        "extensions": [
            {
                "requirements": {**mailbox, "scopes": ["mail"]},
                "runtimes": [
                    {
                        "requirements": mailbox,
                        "id": "autorun_runtime",
                        "type": "general",
                        "code": {"page": m.runtime_page, "script": m.runtime_script},
                        "lifetime": "short",
                        "actions": [
                            {"id": e.function, "type": "executeFunction"} for e in m.events
                        ],
                    },
                    {
                        "requirements": mailbox,
                        "id": "taskpane_runtime",
                        "type": "general",
                        "code": {"page": m.taskpane},
                        "lifetime": "short",
                        "actions": [{"id": "open_taskpane", "type": "openPage", "pinnable": False}],
                    },
                ],
                "ribbons": [
                    {
                        "requirements": {**mailbox, "scopes": ["mail"]},
                        "contexts": ["mailCompose"],
                        "tabs": [
                            {
                                "builtInTabId": "TabDefault",
                                "groups": [
                                    {
                                        "id": "msgComposeGroup",
                                        "label": m.name,
                                        "controls": [
                                            {
                                                "id": PANE_COMMAND,
                                                "type": "button",
                                                "label": "Check email",
                                                "icons": [
                                                    {"size": s, "url": m.icon(s)}
                                                    for s in (16, 32, 80)
                                                ],
                                                "supertip": {
                                                    "title": "Check email",
                                                    "description": "Check this email against "
                                                    "your school's policy and fix what it finds.",
                                                },
                                                "actionId": "open_taskpane",
                                            }
                                        ],
                                    }
                                ],
                            }
                        ],
                    }
                ],
                "autoRunEvents": [
                    {
                        "requirements": {**mailbox, "scopes": ["mail"]},
                        "events": [
                            {
                                "type": e.unified_type,
                                "actionId": e.function,
                                **(
                                    {"options": {"sendMode": _unified_mode(e.send_mode)}}
                                    if e.send_mode
                                    else {}
                                ),
                            }
                            for e in m.events
                        ],
                    }
                ],
                "alternates": [
                    {
                        "alternateIcons": {
                            "icon": {"size": 64, "url": m.icon(64)},
                            "highResolutionIcon": {"size": 64, "url": m.icon(128)},
                        }
                    }
                ],
            }
        ],
    }


def _unified_mode(xml_mode: str) -> str:
    return xml_mode[0].lower() + xml_mode[1:]


def write_manifests(m: AddinModel, out: Path, assets: Path) -> list[Path]:
    """Write manifest.xml, manifest.json and the unified app package's icons to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    xml_path = out / "manifest.xml"
    json_path = out / "manifest.json"
    xml_path.write_text(render_xml(m), encoding="utf-8")
    json_path.write_text(json.dumps(render_unified(m), indent=2) + "\n", encoding="utf-8")
    written = [xml_path, json_path]
    for name in ("color.png", "outline.png"):
        src = assets / name
        if src.is_file():
            (out / name).write_bytes(src.read_bytes())
            written.append(out / name)
    return written
