"""Roles held at a trust reach every school of it (and no other), for a
sign-in from the trust's own Entra tenant; the school switcher lists them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.runtime import Runtime
from app.store.console import Scope
from app.store.trusts import TrustStore
from tests.console.conftest import SignIn, csrf_of, entra_user, store_of

TRUST_TID = "7e57c0de-0000-4000-8000-000000007125"


def test_a_trust_role_reaches_the_trusts_schools_only(
    app_client: TestClient, sign_in: SignIn
) -> None:
    runtime: Runtime = app_client.app.state.runtime  # type: ignore[attr-defined]
    trusts = TrustStore(runtime.store.db)
    trust_id, _ = trusts.create_trust(
        "elm", "Elm Trust", ["elm.org.uk"], entra_tenant_id=TRUST_TID, by="test"
    )
    for slug in ("ash", "birch"):
        trusts.create_school(trust_id, slug, slug.title() + " Primary", [f"{slug}.sch.uk"])
    runtime.refresh_sync()
    store_of(app_client).assign(
        Scope(trust_id=trust_id),
        principal_kind="email",
        principal="it@elm.org.uk",
        role="helpdesk",
        by="test",
    )
    assert sign_in("entra", **entra_user("it@elm.org.uk", TRUST_TID)).status_code == 303
    home = app_client.get("/console/")
    assert home.status_code == 200 and "Ash Primary" in home.text and "Birch Primary" in home.text
    keys = app_client.get("/console/schools/birch/keys")
    assert keys.status_code == 200
    # The switcher names both schools; choosing one goes there.
    assert 'id="school-switch"' in keys.text and '<option value="ash"' in keys.text
    r = app_client.get("/console/?school=ash", follow_redirects=False)
    assert r.headers["location"] == "/console/schools/ash/"
    # Not the demo school (another organisation, no role), and the role is still helpdesk.
    assert app_client.get("/console/schools/stmarys/").status_code == 404
    assert app_client.get("/console/?school=stmarys").status_code == 200  # the list, not it
    assert app_client.get("/console/schools/ash/roles").status_code == 403
    # The roles page of a trust school shows the trust's assignment, read-only.
    store_of(app_client).assign(
        Scope(trust_id=trust_id),
        principal_kind="email",
        principal="it@elm.org.uk",
        role="admin",
        by="test",
    )
    roles = app_client.get("/console/schools/ash/roles").text
    assert "Helpdesk (whole trust)" in roles and "Set by the trust" in roles


def test_a_trust_role_from_another_tenant_reaches_nothing(
    app_client: TestClient, sign_in: SignIn
) -> None:
    runtime: Runtime = app_client.app.state.runtime  # type: ignore[attr-defined]
    trusts = TrustStore(runtime.store.db)
    trust_id, _ = trusts.create_trust("elm", "Elm Trust", ["elm.org.uk"], by="test")
    trusts.create_school(trust_id, "ash", "Ash Primary", ["ash.sch.uk"])
    runtime.refresh_sync()
    store_of(app_client).assign(
        Scope(trust_id=trust_id),
        principal_kind="email",
        principal="it@elm.org.uk",
        role="admin",
        by="test",
    )
    r = sign_in("entra", **entra_user("it@elm.org.uk", TRUST_TID))
    assert r.status_code == 403 and "hold no Etiquette role" in r.text


def _trust(c: TestClient, *, admin: str = "head@elm.org.uk") -> str:
    runtime: Runtime = c.app.state.runtime  # type: ignore[attr-defined]
    trusts = TrustStore(runtime.store.db)
    trust_id, _ = trusts.create_trust(
        "elm", "Elm Trust", ["elm.org.uk"], entra_tenant_id=TRUST_TID, by="test"
    )
    for slug in ("ash", "birch"):
        trusts.create_school(trust_id, slug, slug.title() + " Primary", [f"{slug}.sch.uk"])
    runtime.refresh_sync()
    store_of(c).assign(
        Scope(trust_id=trust_id), principal_kind="email", principal=admin, role="admin", by="cli"
    )
    return trust_id


def test_trust_admin_assigns_and_removes_trust_roles(
    app_client: TestClient, sign_in: SignIn
) -> None:
    trust_id = _trust(app_client)
    assert sign_in("entra", **entra_user("head@elm.org.uk", TRUST_TID)).status_code == 303
    # The school's Roles page links to the trust's.
    assert '/console/trusts/elm/roles"' in app_client.get("/console/schools/ash/roles").text
    page = app_client.get("/console/trusts/elm/roles")
    assert page.status_code == 200 and "Roles across Elm Trust" in page.text
    assert "Ash Primary" in page.text and "Birch Primary" in page.text
    csrf = csrf_of(page.text)
    r = app_client.post(
        "/console/trusts/elm/roles",
        data={"csrf": csrf, "kind": "email", "principal": "IT@elm.org.uk", "role": "helpdesk"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/console/trusts/elm/roles"
    rows = store_of(app_client).assignments(Scope(trust_id=trust_id))
    helpdesk = next(a for a in rows if a.role == "helpdesk")
    assert helpdesk.principal == "it@elm.org.uk" and helpdesk.created_by == "head@elm.org.uk"
    # The same assignment again is a 409; bad input a 400.
    again = {"csrf": csrf, "kind": "email", "principal": "it@elm.org.uk", "role": "helpdesk"}
    assert app_client.post("/console/trusts/elm/roles", data=again).status_code == 409
    bad = {"csrf": csrf, "kind": "email", "principal": "no-at-sign", "role": "helpdesk"}
    assert app_client.post("/console/trusts/elm/roles", data=bad).status_code == 400
    # It reaches every school of the trust; each school's page shows it as the trust's.
    assert "Helpdesk (whole trust)" in app_client.get("/console/schools/birch/roles").text
    # Removed; both changes are in the trust's change log, by whom.
    r = app_client.post(
        f"/console/trusts/elm/roles/{helpdesk.id}/remove",
        data={"csrf": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303
    changes = store_of(app_client).changes(Scope(trust_id=trust_id))
    assert [(c.code, c.actor) for c in changes] == [
        ("role.remove", "head@elm.org.uk"),
        ("role.assign", "head@elm.org.uk"),
    ]
    assert "role.remove" in app_client.get("/console/trusts/elm/roles").text
    # Another trust's assignment id, or none: 404.
    assert (
        app_client.post("/console/trusts/elm/roles/999999/remove", data={"csrf": csrf}).status_code
        == 404
    )
    # Without the CSRF token: refused.
    no_csrf = {"kind": "email", "principal": "x@elm.org.uk", "role": "admin"}
    assert app_client.post("/console/trusts/elm/roles", data=no_csrf).status_code == 403


def test_the_trusts_last_admin_stays(app_client: TestClient, sign_in: SignIn) -> None:
    trust_id = _trust(app_client)
    assert sign_in("entra", **entra_user("head@elm.org.uk", TRUST_TID)).status_code == 303
    csrf = csrf_of(app_client.get("/console/trusts/elm/roles").text)
    (only,) = store_of(app_client).assignments(Scope(trust_id=trust_id))
    r = app_client.post(f"/console/trusts/elm/roles/{only.id}/remove", data={"csrf": csrf})
    assert r.status_code == 409 and "last admin" in r.text
    # With a second admin, the first can go.
    app_client.post(
        "/console/trusts/elm/roles",
        data={"csrf": csrf, "kind": "email", "principal": "deputy@elm.org.uk", "role": "admin"},
    )
    r = app_client.post(
        f"/console/trusts/elm/roles/{only.id}/remove", data={"csrf": csrf}, follow_redirects=False
    )
    assert r.status_code == 303


def test_who_reaches_a_trusts_roles_page(app_client: TestClient, sign_in: SignIn) -> None:
    trust_id = _trust(app_client)
    store = store_of(app_client)
    store.assign(
        Scope(trust_id=trust_id),
        principal_kind="email",
        principal="dpo@elm.org.uk",
        role="auditor",
        by="test",
    )
    # An auditor reads, cannot change.
    assert sign_in("entra", **entra_user("dpo@elm.org.uk", TRUST_TID)).status_code == 303
    page = app_client.get("/console/trusts/elm/roles")
    assert page.status_code == 200 and "Add a role" not in page.text
    r = app_client.post(
        "/console/trusts/elm/roles",
        data={"csrf": csrf_of(page.text), "kind": "email", "principal": "a@b.cd", "role": "admin"},
    )
    assert r.status_code == 403
    assert app_client.get("/console/trusts/oak/roles").status_code == 404  # no such trust


def test_a_school_admin_does_not_reach_the_trust(app_client: TestClient, sign_in: SignIn) -> None:
    _trust(app_client)
    runtime: Runtime = app_client.app.state.runtime  # type: ignore[attr-defined]
    ash = next(s for s in runtime.tenants() if s.slug == "ash")
    store_of(app_client).assign(
        Scope(tenant_id=ash.id),
        principal_kind="email",
        principal="it@ash.sch.uk",
        role="admin",
        by="t",
    )
    assert sign_in("entra", **entra_user("it@ash.sch.uk", TRUST_TID)).status_code == 303
    assert app_client.get("/console/schools/ash/roles").status_code == 200
    assert app_client.get("/console/trusts/elm/roles").status_code == 404
    # The trust's admin signing in from another tenant reaches nothing there either.


def test_a_trust_admin_from_another_tenant_does_not_reach_the_trust(
    app_client: TestClient, sign_in: SignIn
) -> None:
    _trust(app_client, admin="admin@stmarys.sch.uk")
    from tests.console.conftest import grant

    grant(app_client, "admin@stmarys.sch.uk", "admin")  # so the sign-in opens a session
    assert sign_in("entra", **entra_user("admin@stmarys.sch.uk")).status_code == 303
    assert app_client.get("/console/trusts/elm/roles").status_code == 404
