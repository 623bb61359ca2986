"""Tenant scoping is in one place, and it holds: one school cannot reach another's data."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.domain import PersonKind
from app.errors import NotFound
from app.people import Person
from app.policy import Policy
from app.store import Store
from app.store.sync import SyncRepo
from app.store.trusts import (
    delete_school_staff_group,
    put_school_staff_group,
    school_staff_groups,
)
from tests.conftest import ADMIN


def test_repositories_only_see_their_own_school(store: Store) -> None:
    a = store.create_tenant("a", "A", ["a.sch.uk"], policy=Policy(school_name="A"))
    b = store.create_tenant("b", "B", ["b.sch.uk"], policy=Policy(school_name="B"))
    with store.db.session() as s:
        store.scoped(s, b).replace_directory([Person("1", "Bea", "Bee", PersonKind.PUPIL)], [])
        store.scoped(s, b).put_policy(Policy(school_name="B2"), by="b-admin")
    with store.db.session() as s:
        repo_a = store.scoped(s, a)
        assert repo_a.policy().school_name == "A"
        assert [v.version for v in repo_a.policy_versions()] == [1]
        assert repo_a.people() == []
        assert repo_a.domains() == ["a.sch.uk"]
        with pytest.raises(NotFound):
            repo_a.policy(2)  # B's version 2 exists; A's does not
    with store.db.session() as s, pytest.raises(NotFound):
        store.scoped(s, "no-such-tenant")


def test_admin_of_one_school_gets_404_for_another(client: TestClient) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    other = runtime.store.create_tenant("otherschool", "Other", ["other.sch.uk"], policy=Policy())
    with runtime.store.db.session() as s:
        other_key = runtime.store.scoped(s, other).create_api_key("admin", "other-admin")
    runtime.refresh_sync()
    for path in (
        "",
        "/policy",
        "/policy/versions",
        "/policy/versions/1",
        "/audit",
        "/audit/summary",
    ):
        assert client.get(f"/v1/admin/schools/otherschool{path}", headers=ADMIN).status_code == 404
        assert (
            client.get(
                f"/v1/admin/schools/stmarys{path}", headers={"X-API-Key": other_key}
            ).status_code
            == 404
        )
    assert (
        client.put(
            "/v1/admin/schools/otherschool/policy", headers=ADMIN, json={"policy": {}}
        ).status_code
        == 404
    )
    # and each admin still reaches their own
    assert client.get("/v1/admin/schools/stmarys/policy", headers=ADMIN).status_code == 200
    assert (
        client.get(
            "/v1/admin/schools/otherschool/policy", headers={"X-API-Key": other_key}
        ).status_code
        == 200
    )


def test_no_school_can_claim_another_schools_sign_in(client: TestClient) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    tid = "0b6f2b0e-52a5-4f39-9d0e-6a3c1c4f7f11"
    theirs = {"outlook": {"entra_tenant_id": tid}, "gmail": {"google_domain": "stmarys.sch.uk"}}
    ok = client.put("/v1/admin/schools/stmarys/settings", headers=ADMIN, json=theirs)
    assert ok.status_code == 200
    other = runtime.store.create_tenant("b", "B", ["b.sch.uk"])
    with runtime.store.db.session() as s:
        key_b = runtime.store.scoped(s, other).create_api_key("admin", "b-admin")
    runtime.refresh_sync()
    for grab in (
        {"outlook": {"entra_tenant_id": tid.upper()}},
        {"gmail": {"google_domain": "StMarys.sch.uk"}},
    ):
        res = client.patch("/v1/admin/schools/b/settings", headers={"X-API-Key": key_b}, json=grab)
        assert res.status_code == 409 and "another school" in res.json()["detail"]
    assert runtime.tenant_for_entra(tid).slug == "stmarys"
    assert runtime.tenant_for_google_domain("stmarys.sch.uk").slug == "stmarys"


def test_sync_sources_runs_and_staff_groups_stay_with_their_school(store: Store) -> None:
    a = store.create_tenant("a", "A", ["a.sch.uk"])
    b = store.create_tenant("b", "B", ["b.sch.uk"])
    with store.db.session() as s:
        SyncRepo(s, b).put_source("mis", "graph", {})
        put_school_staff_group(
            store.scoped(s, b), "office", departments=["Office"], policy={}, by="b"
        )
        s.commit()
    with store.db.session() as s:
        sync_a = SyncRepo(s, a)
        assert sync_a.sources() == []
        with pytest.raises(NotFound):
            sync_a.source("mis")  # B's source of that name
        assert school_staff_groups(store.scoped(s, a)) == []
        assert [g.name for g in school_staff_groups(store.scoped(s, b))] == ["office"]
        with pytest.raises(NotFound):
            delete_school_staff_group(store.scoped(s, a), "office")
