"""The Roll-out page: modes and reasons saved as a new policy version through
the same store as PATCH /policy, who may see and change it, CSRF, bad input,
and a week of silent figures next to each rule."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from tests.api.test_check_api import GOOD
from tests.console.conftest import SignIn, school_scope, store_of
from tests.console.test_console_pages import as_role

S = "/console/schools/stmarys"
ADMIN_KEY = {"X-API-Key": "etq_demo_admin_key"}
CHECK_KEY = {"X-API-Key": "etq_demo_check_key"}


def _policy(c: TestClient) -> dict[str, object]:
    res = c.get("/v1/admin/schools/stmarys/policy", headers=ADMIN_KEY)
    body: dict[str, object] = res.json()
    return body


def _silent_count(page: str, code: str) -> int:
    m = re.search(rf'data-silent="{code}">(\d+)<', page)
    assert m, f"no silent count for {code}"
    return int(m.group(1))


# (role, method, form, status)
PERMS = [
    ("admin", "GET", None, 200),
    ("auditor", "GET", None, 200),
    ("helpdesk", "GET", None, 403),
    ("safeguarding", "GET", None, 403),
    ("admin", "POST", {"mode-REC001": "silent"}, 303),
    ("auditor", "POST", {"mode-REC001": "silent"}, 403),
    ("helpdesk", "POST", {"mode-REC001": "silent"}, 403),
]


@pytest.mark.parametrize(("role", "method", "form", "status"), PERMS)
def test_who_may_see_and_change_the_rollout(
    app_client: TestClient,
    sign_in: SignIn,
    role: str,
    method: str,
    form: dict[str, str] | None,
    status: int,
) -> None:
    csrf = as_role(app_client, sign_in, role)
    if method == "GET":
        r = app_client.get(f"{S}/rollout")
    else:
        r = app_client.post(f"{S}/rollout", data={**(form or {}), "csrf": csrf},
                            follow_redirects=False)  # fmt: skip
    assert r.status_code == status, r.text[:300]
    if role == "auditor" and method == "GET":
        assert "<select" not in r.text and "Save roll-out" not in r.text  # read only


def test_switching_a_rule_to_silent_counts_it_but_does_not_show_it(
    app_client: TestClient, sign_in: SignIn
) -> None:
    c = app_client
    csrf = as_role(c, sign_in, "admin")
    page = c.get(f"{S}/rollout").text
    assert 'href="/console/schools/stmarys/rollout" aria-current="page"' in page
    assert _silent_count(page, "REC003") == 0
    version = _policy(c)["version"]
    r = c.post(
        f"{S}/rollout",
        data={"csrf": csrf, "mode-REC003": "silent", "reason-REC001": "on", "comment": "a week"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].endswith("?done=saved")
    policy = _policy(c)
    assert policy["version"] == version + 1  # type: ignore[operator]
    rules = policy["set_by_school"]["rules"]  # type: ignore[index]
    assert rules["REC003"]["silent"] is True and rules["REC001"]["reason_required"] is True
    assert "silent" not in rules.get("REC002", {})  # untouched rules stay as they were
    versions = c.get("/v1/admin/schools/stmarys/policy/versions", headers=ADMIN_KEY).json()
    assert (
        versions[0]["comment"] == "a week" and versions[0]["created_by"] == "person@stmarys.sch.uk"
    )
    changes = store_of(c).changes(school_scope(c))
    assert changes[0].code == "policy.rollout" and changes[0].target == f"v{version + 1}"
    # A check the rule would flag: the sender sees nothing; the page counts it.
    body = c.post("/v1/check", json=GOOD, headers=CHECK_KEY).json()
    assert body["action"] == "allow" and body["findings"] == []
    # The audit is written behind the check: read the page until it counts it.
    end = time.monotonic() + 10
    while True:
        page = c.get(f"{S}/rollout?done=saved").text
        if _silent_count(page, "REC003") or time.monotonic() > end:
            break
        time.sleep(0.05)
    assert f"Saved as policy version {version + 1}" in page
    assert _silent_count(page, "REC003") == 1
    assert "Live, it would warn." in page
    # Back to warn: live again, with the severity it had.
    r = c.post(f"{S}/rollout", data={"csrf": csrf, "mode-REC003": "warn", "reason-REC001": "on"},
               follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    assert "silent" not in _policy(c)["set_by_school"]["rules"]["REC003"]  # type: ignore[index]
    assert c.post("/v1/check", json=GOOD, headers=CHECK_KEY).json()["action"] == "warn"


def test_saving_the_page_as_it_is_makes_no_version(app_client: TestClient, sign_in: SignIn) -> None:
    c = app_client
    csrf = as_role(c, sign_in, "admin")
    version = _policy(c)["version"]
    r = c.post(f"{S}/rollout", data={"csrf": csrf}, follow_redirects=False)
    assert r.headers["location"].endswith("?done=same")
    assert _policy(c)["version"] == version


def test_silent_on_a_rule_that_is_off_turns_it_on_at_its_default(
    app_client: TestClient, sign_in: SignIn
) -> None:
    c = app_client
    csrf = as_role(c, sign_in, "admin")
    c.patch("/v1/admin/schools/stmarys/policy", headers=ADMIN_KEY,
            json={"policy": {"rules": {"REC003": "off"}}})  # fmt: skip
    c.post(f"{S}/rollout", data={"csrf": csrf, "mode-REC003": "silent"})
    assert _policy(c)["policy"]["rules"]["REC003"]["severity"] == "warn"  # type: ignore[index]
    assert _policy(c)["policy"]["rules"]["REC003"]["silent"] is True  # type: ignore[index]


@pytest.mark.parametrize(
    ("data", "status", "text"),
    [
        ({"mode-REC003": "loud"}, 400, "REC003: choose one of"),
        ({"comment": "x" * 501}, 400, "at most 500"),
        ({"comment": "a\nb"}, 400, "one line"),
        ({"mode-REC003": "silent", "csrf": "stale"}, 403, "Form expired"),
    ],
)
def test_bad_input_is_a_4xx(
    app_client: TestClient, sign_in: SignIn, data: dict[str, str], status: int, text: str
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    version = _policy(app_client)["version"]
    r = app_client.post(f"{S}/rollout", data={"csrf": csrf, **data})
    assert r.status_code == status and text in r.text
    assert _policy(app_client)["version"] == version


def test_a_csrf_token_is_needed(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "admin")
    r = app_client.post(f"{S}/rollout", data={"mode-REC003": "silent"})
    assert r.status_code == 403 and "Form expired" in r.text
