"""POST /v1/outlook/graph-token: the teacher's own Graph token, On-Behalf-Of, for the
pane's "Share as a link instead" where Outlook has no nested app authentication."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import ADMIN, CHECKER
from tests.integrations.outlook.conftest import Microsoft
from tests.integrations.outlook.test_graph import GRAPH_ON

URL = "/v1/outlook/graph-token"


def _graph_on(client: TestClient) -> None:
    res = client.patch(
        "/v1/admin/schools/stmarys/settings",
        headers=ADMIN,
        json={"outlook": GRAPH_ON.model_dump(mode="json")},
    )
    assert res.status_code == 200, res.text


def test_a_signed_in_teacher_gets_their_graph_token(
    entra_client: TestClient, microsoft: Microsoft
) -> None:
    _graph_on(entra_client)
    res = entra_client.post(URL, headers={"Authorization": f"Bearer {microsoft.token()}"})
    assert res.status_code == 200, res.text
    assert res.json() == {"access_token": "graph-token"}
    assert res.headers["cache-control"] == "no-store"
    obo = [r for r in microsoft.requests if str(r.url).endswith("/oauth2/v2.0/token")]
    assert len(obo) == 1


def test_refusals(entra_client: TestClient, microsoft: Microsoft) -> None:
    auth = {"Authorization": f"Bearer {microsoft.token()}"}
    # No Graph set up for the school: said, not attempted.
    res = entra_client.post(URL, headers=auth)
    assert res.status_code == 409 and "not set up" in res.json()["detail"]
    assert not [r for r in microsoft.requests if str(r.url).endswith("/oauth2/v2.0/token")]
    # An API key is not a teacher: there is no one to act on behalf of.
    assert entra_client.post(URL, headers=CHECKER).status_code == 401
    assert entra_client.post(URL).status_code == 401
    # Microsoft refuses the exchange (say, consent not granted).
    _graph_on(entra_client)
    microsoft.obo_error = "invalid_grant"
    res = entra_client.post(URL, headers=auth)
    assert res.status_code == 502 and "refused" in res.json()["detail"]
