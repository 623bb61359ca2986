"""Group roles when the sign-in cannot list the groups: Entra ID's groups
overage (the ID token has ``_claim_names.groups`` instead of ``groups``) is
resolved with Microsoft Graph ``/me/checkMemberGroups`` and the sign-in's own
access token, for the group ids that hold a role; when Graph cannot answer,
the session is "groups unknown" and says so."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.console.conftest import (
    SignIn,
    csrf_of,
    entra_user,
    google_user,
    grant,
    school_scope,
    store_of,
)
from tests.console.fake_idp import FakeIdP

HELPDESK_GROUP = "f00dcafe-0000-4000-8000-000000000001"
OTHER_GROUP = "f00dcafe-0000-4000-8000-000000000002"
OID = "00000000-0000-0000-0000-0000000000aa"
OVERAGE = {
    "_claim_names": {"groups": "src1"},
    "_claim_sources": {
        "src1": {"endpoint": "https://graph.windows.net/x/users/y/getMemberObjects"}
    },
}


def test_overage_is_resolved_with_graph(
    app_client: TestClient, sign_in: SignIn, idp: FakeIdP
) -> None:
    grant(app_client, HELPDESK_GROUP, "helpdesk", kind="group")
    grant(app_client, OTHER_GROUP, "admin", kind="group")
    idp.member_of[OID] = {HELPDESK_GROUP, "f00dcafe-0000-4000-8000-0000000000ff"}
    r = sign_in("entra", **entra_user("tech@stmarys.sch.uk", **OVERAGE))
    assert r.status_code == 303
    # Only the groups holding a role were asked about; the person is in one of them.
    assert idp.graph_calls == [[HELPDESK_GROUP, OTHER_GROUP]]
    assert app_client.get("/console/schools/stmarys/keys").status_code == 200
    assert app_client.get("/console/schools/stmarys/roles").status_code == 403  # not admin
    assert "groups are unknown" not in app_client.get("/console/schools/stmarys/").text


def test_many_candidate_groups_are_asked_20_at_a_time(
    app_client: TestClient, sign_in: SignIn, idp: FakeIdP
) -> None:
    groups = [f"f00dcafe-0000-4000-8000-{i:012d}" for i in range(45)]
    for g in groups:
        store_of(app_client).assign(
            school_scope(app_client),
            principal_kind="group",
            principal=g,
            role="auditor",
            by="test",
        )
    idp.member_of[OID] = {groups[44]}
    assert sign_in("entra", **entra_user("dpo@stmarys.sch.uk", **OVERAGE)).status_code == 303
    assert [len(c) for c in idp.graph_calls] == [20, 20, 5]
    assert app_client.get("/console/schools/stmarys/").status_code == 200


@pytest.mark.parametrize("graph_status", [403, 500])
def test_overage_graph_cannot_answer_groups_unknown(
    app_client: TestClient, sign_in: SignIn, idp: FakeIdP, graph_status: int
) -> None:
    grant(app_client, HELPDESK_GROUP, "helpdesk", kind="group")
    idp.member_of[OID] = {HELPDESK_GROUP}
    idp.graph_status = graph_status
    # With no role by email: refused, and told why.
    r = sign_in("entra", **entra_user("tech@stmarys.sch.uk", **OVERAGE))
    assert r.status_code == 403 and "Your groups could not be read" in r.text
    # With a role by email too: signed in, and every page says the groups are unknown.
    grant(app_client, "tech@stmarys.sch.uk", "auditor")
    assert sign_in("entra", **entra_user("tech@stmarys.sch.uk", **OVERAGE)).status_code == 303
    page = app_client.get("/console/schools/stmarys/")
    assert page.status_code == 200 and "Your groups are unknown in this session" in page.text
    assert app_client.get("/console/schools/stmarys/keys").status_code == 200  # auditor reads
    csrf = csrf_of(page.text)
    r = app_client.post("/console/schools/stmarys/keys", data={"csrf": csrf, "role": "check"})
    assert r.status_code == 403  # the group's helpdesk role does not apply


def test_groups_listed_in_the_token_need_no_graph(
    app_client: TestClient, sign_in: SignIn, idp: FakeIdP
) -> None:
    grant(app_client, HELPDESK_GROUP, "helpdesk", kind="group")
    r = sign_in("entra", **entra_user("tech@stmarys.sch.uk", groups=[HELPDESK_GROUP]))
    assert r.status_code == 303 and idp.graph_calls == []


# -- Google: groups from the school's Google Workspace directory ---------------------

STAFF_GROUP = "it-team@stmarys.sch.uk"


def _workspace_source(c: TestClient, idp: FakeIdP, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.console.test_console_integrations import ADMIN, SA_EMAIL, _key_json, _service_account

    key = _service_account(c)
    idp.service_accounts[SA_EMAIL] = key.public_key()
    idp.delegated[SA_EMAIL] = ADMIN
    monkeypatch.setenv("ETQ_STMARYS_GOOGLE", _key_json(key))


def test_google_groups_come_from_the_workspace_directory(
    app_client: TestClient, sign_in: SignIn, idp: FakeIdP, monkeypatch: pytest.MonkeyPatch
) -> None:
    _workspace_source(app_client, idp, monkeypatch)
    grant(app_client, STAFF_GROUP, "helpdesk", kind="group")
    idp.google_groups["tech@stmarys.sch.uk"] = [
        {"id": "03x1", "email": "IT-Team@stmarys.sch.uk"},
        {"id": "03x2", "email": "staff@stmarys.sch.uk"},
    ]
    r = sign_in("google", **google_user("tech@stmarys.sch.uk"))
    assert r.status_code == 303
    assert app_client.get("/console/schools/stmarys/keys").status_code == 200
    assert "groups are unknown" not in app_client.get("/console/schools/stmarys/keys").text
    # Someone not in the group is not let in by it.
    app_client.cookies.clear()
    assert sign_in("google", **google_user("other@stmarys.sch.uk")).status_code == 403


def test_google_groups_unreadable_is_groups_unknown(
    app_client: TestClient, sign_in: SignIn, idp: FakeIdP
) -> None:
    # A group role exists, but the school has no Google Workspace directory source.
    grant(app_client, STAFF_GROUP, "helpdesk", kind="group")
    grant(app_client, "tech@stmarys.sch.uk", "auditor")
    assert sign_in("google", **google_user("tech@stmarys.sch.uk")).status_code == 303
    page = app_client.get("/console/schools/stmarys/")
    assert "Your groups are unknown in this session" in page.text


def test_no_group_roles_no_directory_call(
    app_client: TestClient, sign_in: SignIn, idp: FakeIdP
) -> None:
    grant(app_client, "tech@stmarys.sch.uk", "auditor")
    assert sign_in("google", **google_user("tech@stmarys.sch.uk")).status_code == 303
    assert not [u for u in idp.requests if "admin.googleapis.com" in u]
    assert "groups are unknown" not in app_client.get("/console/schools/stmarys/").text
