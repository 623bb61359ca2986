"""Where the add-in signs in (authority per tenant) and how its one big file is served."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.integrations.gmail.adapter import GmailHost
from app.integrations.outlook.adapter import OutlookHost
from app.integrations.outlook.settings import OutlookSettings
from app.main import create_app
from tests.conftest import ADMIN
from tests.integrations.outlook.conftest import CLIENT_ID, HOST, TID

OTHER_TID = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"


def _client(
    settings: Settings, outlook: OutlookSettings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    app = create_app(settings, hosts=(OutlookHost(outlook), GmailHost()))
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize(
    ("configured", "school", "expected"),
    [
        # [ETIQUETTE_OUTLOOK_TENANT_ID, the school's entra_tenant_id, authority]
        (None, None, "https://login.microsoftonline.com/common"),
        (None, TID, f"https://login.microsoftonline.com/{TID}"),
        (OTHER_TID, TID, f"https://login.microsoftonline.com/{OTHER_TID}"),
        (OTHER_TID.upper(), None, f"https://login.microsoftonline.com/{OTHER_TID}"),
    ],
)
def test_single_tenant_registrations_sign_in_against_their_tenant(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    configured: str | None,
    school: str | None,
    expected: str,
) -> None:
    outlook = OutlookSettings(
        _env_file=None,  # type: ignore[call-arg]
        client_id=CLIENT_ID,
        public_host=HOST,
        tenant_id=configured,
    )
    for c in _client(settings, outlook, monkeypatch):
        if school:
            res = c.patch(
                "/v1/admin/schools/stmarys/settings",
                headers=ADMIN,
                json={"outlook": {"entra_tenant_id": school}},
            )
            assert res.status_code == 200, res.text
        assert c.get("/addin/config.json").json()["authority"] == expected
        assert f'"authority":"{expected}"' in c.get("/addin/launchevent.js").text


def test_tenant_id_must_be_a_guid() -> None:
    with pytest.raises(ValueError, match="not a GUID"):
        OutlookSettings(_env_file=None, tenant_id="stmarys.sch.uk")  # type: ignore[call-arg]


def test_the_event_bundle_carries_msal_and_is_served_gzipped(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    outlook = OutlookSettings(_env_file=None, client_id=CLIENT_ID, public_host=HOST)  # type: ignore[call-arg]
    for c in _client(settings, outlook, monkeypatch):
        plain = c.get("/addin/launchevent.js", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers
        assert "createNestablePublicClientApplication" in plain.text
        raw = c.get("/addin/launchevent.js", headers={"Accept-Encoding": "gzip"})
        assert raw.headers["content-encoding"] == "gzip"
        assert "Accept-Encoding" in raw.headers["vary"]
        assert raw.text == plain.text  # httpx decodes: the same file
        size = int(raw.headers["content-length"])
        assert size < len(plain.content) / 3, size
        assert gzip.decompress(gzip.compress(plain.content)) == plain.content


def test_an_unchanged_bundle_is_revalidated_not_downloaded(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    outlook = OutlookSettings(_env_file=None, client_id=CLIENT_ID, public_host=HOST)  # type: ignore[call-arg]
    for c in _client(settings, outlook, monkeypatch):
        first = c.get("/addin/launchevent.js")
        etag = first.headers["etag"]
        again = c.get("/addin/launchevent.js", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert (
            c.get("/addin/launchevent.js", headers={"If-None-Match": '"other"'}).status_code == 200
        )
        # The settings written into the bundle are part of what the tag covers.
        assert c.get("/addin/taskpane.html").headers["etag"] != etag
