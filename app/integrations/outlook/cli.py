"""``etiquette manifest outlook``: write both Outlook manifests for this deployment.

    etiquette manifest outlook --host https://etiquette.example.org \\
        --client-id 11111111-2222-3333-4444-555555555555 --out manifests/

writes ``manifest.xml`` (add-in-only: every Outlook, Mac included) and
``manifest.json`` with ``color.png``/``outline.png`` (the unified manifest;
zip those three to upload it). See docs/outlook.md for the upload steps.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.integrations.outlook.manifest import AddinModel, write_manifests
from app.integrations.outlook.settings import OutlookSettings


def add_manifest_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "outlook",
        help="the Outlook add-in's manifests (add-in-only XML and unified JSON)",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    p.add_argument("--host", required=True, help="https origin that serves /addin/ (this service)")
    p.add_argument(
        "--client-id", required=True, help="Application (client) id of the add-in's Entra app"
    )
    p.add_argument("--out", default=".", help="directory to write into (default: current)")
    p.add_argument("--app-id-uri", help="Application ID URI (default api://<host>/<client-id>)")
    p.add_argument("--addin-id", help="keep an existing add-in id (default: derived from --host)")
    p.add_argument("--version", default="1.0.0", help="add-in version (raise it for each update)")
    p.set_defaults(func=cmd_manifest_outlook)


def cmd_manifest_outlook(args: argparse.Namespace) -> int:
    try:
        model = AddinModel.build(
            args.host,
            args.client_id,
            addin_id=args.addin_id,
            app_id_uri=args.app_id_uri,
            version=args.version,
        )
    except ValueError as exc:
        print(f"etiquette manifest outlook: {exc}", file=sys.stderr)
        return 2
    for path in write_manifests(model, Path(args.out), OutlookSettings().static_dir / "assets"):
        print(path)
    return 0
