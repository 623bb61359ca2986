"""The Gmail add-on's compose round trip, through the real app.

    .venv/bin/python benchmarks/bench_gmail.py [--runs 500]

Each request is what Gmail sends when a teacher presses "Check this email":
a compose event with two signed ID tokens (verified with google-auth against
cached certificates), mapped to a Message, checked against the demo school's
policy and roster, rendered as a Card v1 response. Runs in-process (ASGI via
Starlette's TestClient, SQLite, demo school); Google is a mock transport, so
the figures exclude the network and Google's own time. Scenarios:

- recipients only (the default: ``read_drafts`` off)
- with the Gmail API draft look-up (mocked Gmail: measures our side of it)
- a fix button (evaluate to find the fix, apply, one audited re-check, render)

Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.config import Settings
from app.integrations.gmail.routes import GmailAddon
from app.integrations.gmail.settings import GmailSettings
from app.main import create_app
from tests.integrations.gmail.google_fake import (
    BASE,
    CLIENT_ID,
    DOMAIN,
    SA,
    FakeGoogle,
    draft,
    make_key,
    mint,
    system_claims,
    user_claims,
)

EVENTS = Path(__file__).resolve().parents[1] / "tests" / "integrations" / "gmail" / "events"
ADMIN = {"X-API-Key": "etq_demo_admin_key"}


def _event(name: str, user_token: str) -> dict[str, Any]:
    ev: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text())
    ev["authorizationEventObject"]["userIdToken"] = user_token
    return ev


def _time(fn: Callable[[], object], runs: int) -> list[float]:
    for _ in range(min(50, runs)):
        fn()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter_ns()
        fn()
        out.append((time.perf_counter_ns() - t0) / 1e6)
    return out


def _report(label: str, samples: list[float]) -> None:
    samples.sort()
    p99 = samples[max(0, int(len(samples) * 0.99) - 1)]
    print(
        f"{label:<40} median {statistics.median(samples):7.2f} ms   "
        f"p99 {p99:7.2f} ms   (n={len(samples)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=500)
    args = ap.parse_args()
    # Starlette's TestClient nudges towards another package; the behaviour is unchanged.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    key = make_key("bench")
    google = FakeGoogle(keys=[key])
    google.drafts = [
        draft("d1", to="head@stmarys.sch.uk", cc="office@stmarys.sch.uk", subject="Staff briefing"),
        draft("d2", to="someone@else.org", subject="Other"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            database_url=f"sqlite:///{tmp}/bench.sqlite3",
            data_dir=Path(tmp),
            demo=True,
            environment="test",
            secret_key="bench-secret-key",
        )
        app = create_app(settings, transport=httpx.MockTransport(google.handle))
        app.state.gmail_addon = GmailAddon.from_settings(GmailSettings(base_url=BASE))
        with TestClient(app) as client:

            def configure(read_drafts: bool) -> None:
                gmail = {
                    "google_domain": DOMAIN,
                    "service_account_email": SA,
                    "oauth_client_id": CLIENT_ID,
                    "read_drafts": read_drafts,
                }
                r = client.put(
                    "/v1/admin/schools/stmarys/settings", headers=ADMIN, json={"gmail": gmail}
                )
                r.raise_for_status()

            headers = {"Authorization": f"Bearer {mint(key, system_claims())}"}
            user = mint(key, user_claims())

            def post(action: str, event: dict[str, Any]) -> dict[str, Any]:
                r = client.post(f"/gmail/addon?action={action}", json=event, headers=headers)
                r.raise_for_status()
                body: dict[str, Any] = r.json()
                return body

            configure(False)
            compose = _event("compose_parents_visible", user)
            _report("compose, recipients only", _time(lambda: post("compose", compose), args.runs))

            card = post("compose", compose)["renderActions"]["action"]["navigations"][0]
            button = next(
                b
                for s in card["pushCard"]["sections"]
                for w in s["widgets"]
                for b in w.get("buttonList", {}).get("buttons", [])
                if "to Bcc" in b["text"]
            )
            fix = _event("button_fix", user)
            params = button["onClick"]["action"]["parameters"]
            fix["commonEventObject"]["parameters"] = {p["key"]: p["value"] for p in params}
            _report("fix button (Move to Bcc)", _time(lambda: post("fix", fix), args.runs))

            configure(True)
            with_draft = _event("compose_read_drafts", user)
            _report(
                "compose + draft look-up (mock Gmail)",
                _time(lambda: post("compose", with_draft), args.runs),
            )
        print(f"certificate fetches: {google.cert_fetches} (cached across all requests)")


if __name__ == "__main__":
    main()
