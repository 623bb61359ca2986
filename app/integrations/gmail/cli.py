"""``etiquette manifest gmail --host https://...``: the HTTP deployment descriptor.

The output is the ``projects.deployments`` resource body that
``gcloud workspace-add-ons deployments create NAME --deployment-file=FILE``
takes: ``oauthScopes``, ``addOns.common`` (name, logo, homepage trigger),
``addOns.gmail.composeTrigger`` (HTTP spelling: ``actions`` with
``draftAccess: METADATA``) and ``addOns.httpOptions``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.integrations.gmail.drafts import DRAFT_READ_SCOPE
from app.integrations.gmail.routes import REQUIRED_SCOPES, SCOPE_LOCALE
from app.integrations.gmail.settings import ENDPOINT_PATH


def deployment(
    host: str, *, name: str = "Etiquette", logo_url: str | None = None, read_drafts: bool = False
) -> dict[str, Any]:
    """The deployment descriptor for the service at ``host`` (an https:// origin)."""
    host = host.strip().rstrip("/")
    if not host.startswith("https://"):
        raise ValueError("--host must be an https:// URL: Google calls add-ons over HTTPS only")
    endpoint = f"{host}{ENDPOINT_PATH}"
    scopes = [*REQUIRED_SCOPES, SCOPE_LOCALE]
    if read_drafts:
        scopes.append(DRAFT_READ_SCOPE)
    return {
        "oauthScopes": scopes,
        "addOns": {
            "common": {
                "name": name,
                "logoUrl": logo_url or f"{host}/gmail/logo.png",
                "useLocaleFromApp": True,
                # Outside the default widget set: without these Gmail ignores the
                # fixed footer, the filled button and the draft updates.
                "addOnWidgetSet": {
                    "usedWidgets": [
                        "STYLED_BUTTONS",
                        "FIXED_FOOTER",
                        "UPDATE_SUBJECT_AND_RECIPIENTS",
                    ]
                },
                "homepageTrigger": {"runFunction": f"{endpoint}?action=home"},
            },
            "gmail": {
                "composeTrigger": {
                    "actions": [
                        {
                            "label": "Check this email",
                            "runFunction": f"{endpoint}?action=compose",
                            "logoUrl": logo_url or f"{host}/gmail/logo.png",
                        }
                    ],
                    "draftAccess": "METADATA",
                }
            },
            "httpOptions": {
                "authorizationHeader": "SYSTEM_ID_TOKEN",
                "granularOauthPermissionSupport": "OPT_IN",
            },
        },
    }


def _cmd(args: argparse.Namespace) -> int:
    try:
        data = deployment(
            args.host, name=args.name, logo_url=args.logo_url, read_drafts=args.read_drafts
        )
    except ValueError as exc:
        print(f"etiquette: {exc}", file=sys.stderr)
        return 2
    text = json.dumps(data, indent=2) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def add_manifest_parser(subparsers: Any) -> None:
    """Register ``gmail`` under ``etiquette manifest``."""
    p = subparsers.add_parser(
        "gmail",
        help="Google Workspace add-on deployment descriptor (HTTP endpoints)",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    p.add_argument("--host", required=True, help="public https:// origin of this service")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.add_argument("--name", default="Etiquette", help="add-on name shown in Gmail")
    p.add_argument("--logo-url", help="PNG logo URL (default: HOST/gmail/logo.png)")
    p.add_argument(
        "--read-drafts",
        action="store_true",
        help="also request gmail.readonly so schools with read_drafts on get subject and "
        "attachment checks (a restricted scope; see docs/gmail.md)",
    )
    p.set_defaults(func=_cmd)
