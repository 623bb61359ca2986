"""The directory sync admin API: sources, runs, pending changes, approve/reject, links."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.policy import Policy
from tests.conftest import ADMIN
from tests.directory.sources.graph_fake import TENANT, FakeGraph, graph_user
from tests.directory.sources.wonde_fake import SCHOOL, TOKEN, FakeWonde, contact, student

BASE = "/v1/admin/schools/stmarys/directory"
GRAPH_SOURCE = {
    "kind": "graph",
    "config": {
        "tenant_id": TENANT,
        "client_id": "0f2c7d1e-4b5a-4c3d-9e8f-7a6b5c4d3e2f",
        "client_secret_env": "ETQ_STMARYS_GRAPH_SECRET",
        "groups": False,
    },
}


class Fakes:
    def __init__(self) -> None:
        self.graph = FakeGraph(page_size=100)
        self.wonde = FakeWonde(per_page=50)

    def handler(self, request):  # type: ignore[no-untyped-def]
        if request.url.host == "api.wonde.com":
            return self.wonde.handler(request)
        return self.graph.handler(request)


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> Fakes:
    monkeypatch.setenv("ETQ_STMARYS_GRAPH_SECRET", "s3cret")
    monkeypatch.setenv("ETQ_STMARYS_WONDE_TOKEN", TOKEN)
    return Fakes()


@pytest.fixture
def api(settings: Settings, fakes: Fakes) -> Iterator[TestClient]:
    import httpx

    with TestClient(create_app(settings, transport=httpx.MockTransport(fakes.handler))) as c:
        yield c


def counts(api: TestClient) -> dict[str, int]:
    body: dict[str, int] = api.get("/v1/admin/schools/stmarys", headers=ADMIN).json()["directory"]
    return body


def test_graph_source_syncs_and_a_15_percent_removal_waits(api: TestClient, fakes: Fakes) -> None:
    fakes.graph.add(*(graph_user(i, domain="stmarys.sch.uk") for i in range(40)))
    r = api.put(f"{BASE}/sources/entra", headers=ADMIN, json=GRAPH_SOURCE)
    assert r.status_code == 200, r.text
    assert r.json()["config"]["client_secret_env"] == "ETQ_STMARYS_GRAPH_SECRET"
    staff_before = counts(api)["staff"]
    run = api.post(f"{BASE}/sources/entra/sync", headers=ADMIN).json()
    assert (run["status"], run["mode"], run["counts"]["added"]) == ("applied", "full", 40)
    assert counts(api)["staff"] == staff_before + 40
    # 6 of 40 (15%) go: held
    fakes.graph.remove(*(graph_user(i)["id"] for i in range(6)))
    held = api.post(f"{BASE}/sources/entra/sync", headers=ADMIN).json()
    assert held["status"] == "pending" and held["counts"]["removed"] == 6
    assert counts(api)["staff"] == staff_before + 40
    pending = api.get(f"{BASE}/sync/pending", headers=ADMIN).json()
    assert [p["id"] for p in pending] == [held["id"]]
    assert sorted(pending[0]["diff"]["removed_ids"]) == sorted(
        graph_user(i)["id"] for i in range(6)
    )
    ok = api.post(f"{BASE}/sync/runs/{held['id']}/approve", headers=ADMIN)
    assert ok.status_code == 200 and ok.json()["status"] == "approved"
    assert ok.json()["decided_by"] == "key:demo-admin"
    assert counts(api)["staff"] == staff_before + 34
    again = api.post(f"{BASE}/sync/runs/{held['id']}/approve", headers=ADMIN)
    assert again.status_code == 409
    history = api.get(f"{BASE}/sync/runs", headers=ADMIN).json()
    assert [h["status"] for h in history] == ["approved", "applied"]
    assert "removed_ids" not in history[0]["diff"]


def test_a_mistaken_empty_feed_changes_nothing(api: TestClient, fakes: Fakes) -> None:
    fakes.graph.add(*(graph_user(i) for i in range(5)))
    api.put(f"{BASE}/sources/entra", headers=ADMIN, json=GRAPH_SOURCE)
    api.post(f"{BASE}/sources/entra/sync", headers=ADMIN)
    before = counts(api)
    fakes.graph.remove(*(graph_user(i)["id"] for i in range(5)))
    run = api.post(f"{BASE}/sources/entra/sync?full=true", headers=ADMIN).json()
    assert run["status"] == "refused" and "returned nobody" in run["error"]
    assert counts(api) == before


def test_wonde_parent_link_is_visible(api: TestClient, fakes: Fakes) -> None:
    mum = contact("WC1", "Samina", "Khan", "samina.khan@gmail.com", "Mother", True)
    fakes.wonde.students = [student("WS1", "Amir", "Khan", "amir@pupils.stmarys.sch.uk", [mum])]
    source = {
        "kind": "wonde",
        "config": {"school_id": SCHOOL, "token_env": "ETQ_STMARYS_WONDE_TOKEN"},
    }
    assert api.put(f"{BASE}/sources/mis", headers=ADMIN, json=source).status_code == 200
    assert api.post(f"{BASE}/sources/mis/sync", headers=ADMIN).json()["status"] == "applied"
    pupil = api.get(f"{BASE}/people/WS1", headers=ADMIN).json()
    assert pupil["contacts"] == [
        {
            "person_id": "WC1",
            "kind": "parent",
            "relationship": "mother",
            "parental_responsibility": True,
        }
    ]
    assert pupil["classes"] == ["9X/Ma1", "9X", "Year 9"] and pupil["source"] == "mis"
    parent = api.get(f"{BASE}/people/WC1", headers=ADMIN).json()
    assert [p["person_id"] for p in parent["pupils"]] == ["WS1"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        # a secret itself is refused: only the variable's name is stored
        ({**GRAPH_SOURCE, "config": {**GRAPH_SOURCE["config"], "client_secret": "x"}}, 422),
        ({**GRAPH_SOURCE, "config": {**GRAPH_SOURCE["config"], "client_secret_env": "a b"}}, 422),
        ({**GRAPH_SOURCE, "config": {**GRAPH_SOURCE["config"], "tenant_id": "x"}}, 422),
        ({"kind": "ldap", "config": {}}, 422),
        # another school's secret, or the service's own, cannot be named
        (
            {
                **GRAPH_SOURCE,
                "config": {**GRAPH_SOURCE["config"], "client_secret_env": "ETQ_OAK_X"},
            },
            422,
        ),
        (
            {
                **GRAPH_SOURCE,
                "config": {**GRAPH_SOURCE["config"], "client_secret_env": "ETIQUETTE_SECRET_KEY"},
            },
            422,
        ),
        # tokens only ever go to Microsoft
        (
            {
                **GRAPH_SOURCE,
                "config": {**GRAPH_SOURCE["config"], "authority": "https://evil.example"},
            },
            422,
        ),
        (
            {
                **GRAPH_SOURCE,
                "config": {**GRAPH_SOURCE["config"], "graph_url": "http://graph.microsoft.com"},
            },
            422,
        ),
        (
            {
                "kind": "wonde",
                "config": {
                    "school_id": "A1",
                    "token_env": "ETQ_STMARYS_W",
                    "base_url": "https://wonde.evil.example/v1.0",
                },
            },
            422,
        ),
        # files stay inside the school's folder
        ({"kind": "csv", "config": {"people": "/etc/passwd"}}, 422),
        ({"kind": "csv", "config": {"people": "../otherschool/people.csv"}}, 422),
        ({"kind": "csv", "config": {"people": "mis/people.csv"}}, 200),
        (
            {"kind": "oneroster", "config": {"bundle": "or.zip", "base_url": "https://x.example"}},
            422,
        ),
        ({**GRAPH_SOURCE, "max_removed_share": 2}, 422),
        (GRAPH_SOURCE, 200),
    ],
)
def test_source_settings_are_validated(
    api: TestClient, body: dict[str, object], status: int
) -> None:
    r = api.put(f"{BASE}/sources/entra", headers=ADMIN, json=body)
    assert r.status_code == status, r.text
    if body["kind"] == "csv" and status == 200:
        assert r.json()["config"]["people"].endswith("/sources/stmarys/mis/people.csv")
    if status == 422:
        assert "x" not in str(r.json().get("detail", "")).split("'")  # the value is not echoed


def test_a_failing_source_is_recorded_and_changes_nothing(
    api: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ETQ_STMARYS_GRAPH_SECRET")
    api.put(f"{BASE}/sources/entra", headers=ADMIN, json=GRAPH_SOURCE)
    before = counts(api)
    run = api.post(f"{BASE}/sources/entra/sync", headers=ADMIN).json()
    assert run["status"] == "failed"
    assert (
        run["error"]
        == "environment variable ETQ_STMARYS_GRAPH_SECRET (config.client_secret_env) is not set"
    )
    assert counts(api) == before


def test_relationships_csv_links_uploaded_parents(api: TestClient) -> None:
    csv = "contact_id,pupil_id,relationship,parental_responsibility\nC00001,P00001,Mother,yes\n"
    r = api.put(f"{BASE}/relationships", headers={**ADMIN, "content-type": "text/csv"}, content=csv)
    assert r.status_code == 200, r.text
    assert r.json() == {"links": 1, "contacts_changed": 1}
    pupil = api.get(f"{BASE}/people/P00001", headers=ADMIN).json()
    assert pupil["contacts"][0]["person_id"] == "C00001"
    bad = api.put(
        f"{BASE}/relationships",
        headers={**ADMIN, "content-type": "text/csv"},
        content="contact_id,pupil_id\nC00001,NOPE\n",
    )
    assert bad.status_code == 422 and "NOPE" in bad.text


def test_another_schools_admin_gets_404(api: TestClient) -> None:
    runtime = api.app.state.runtime  # type: ignore[attr-defined]
    other = runtime.store.create_tenant("otherschool", "Other", ["other.sch.uk"], policy=Policy())
    with runtime.store.db.session() as s:
        other_key = runtime.store.scoped(s, other).create_api_key("admin", "other-admin")
    runtime.refresh_sync()
    assert api.put(f"{BASE}/sources/entra", headers=ADMIN, json=GRAPH_SOURCE).status_code == 200
    held = {"X-API-Key": other_key}
    gets = [
        "/sources",
        "/sources/entra",
        "/sync/runs",
        "/sync/pending",
        "/sync/runs/1",
        "/people/P00001",
    ]
    for path in gets:
        assert api.get(f"{BASE}{path}", headers=held).status_code == 404, path
    posts = ["/sources/entra/sync", "/sync/runs/1/approve", "/sync/runs/1/reject"]
    for path in posts:
        assert api.post(f"{BASE}{path}", headers=held).status_code == 404, path
    assert api.put(f"{BASE}/sources/x", headers=held, json=GRAPH_SOURCE).status_code == 404
    assert api.delete(f"{BASE}/sources/entra", headers=held).status_code == 404
    # their own school has none of ours
    mine = "/v1/admin/schools/otherschool/directory"
    assert api.get(f"{mine}/sources", headers=held).json() == []
    assert api.get(f"{mine}/sources/entra", headers=held).status_code == 404
    assert api.get(f"{mine}/people/P00001", headers=held).status_code == 404
    assert api.post(f"{mine}/sync/runs/1/approve", headers=held).status_code == 404
