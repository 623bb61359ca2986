"""Roles held at a trust reach every school of it (and no other), for a
sign-in from the trust's own Entra tenant; the school switcher lists them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.runtime import Runtime
from app.store.console import Scope
from app.store.trusts import TrustStore
from tests.console.conftest import SignIn, entra_user, store_of

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
