"""The console's pages: the permission table, CSRF, other schools, sessions and
cookies, the Keys and Roles pages through the same store as the admin API,
the change log, the demo's local sign-in, and bad input (always a 4xx)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from app.main import create_app
from app.runtime import Runtime
from app.store.console_models import ConsoleSession
from tests.console.conftest import (
    BASE,
    SignIn,
    _settings,
    csrf_of,
    entra_user,
    grant,
    school_scope,
    store_of,
)

EMAIL = "person@stmarys.sch.uk"


def runtime_of(c: TestClient) -> Runtime:
    r: Runtime = c.app.state.runtime  # type: ignore[attr-defined]
    return r


def as_role(c: TestClient, sign_in: SignIn, role: str) -> str:
    """Sign in with ``role`` at the demo school; the session's CSRF token."""
    grant(c, EMAIL, role)
    assert sign_in("entra", **entra_user(EMAIL)).status_code == 303
    return csrf_of(c.get("/console/schools/stmarys/").text)


def key_id(c: TestClient, role: str) -> int:
    with runtime_of(c).store.db.session() as s:
        keys = runtime_of(c).store.scoped(s, school_scope(c).tenant_id or "").api_keys()
    return next(k.id for k in keys if k.role == role)


# (role, method, path, form, expected status). {check} and {admin} are key ids.
S = "/console/schools/stmarys"
TABLE: list[tuple[str, str, str, dict[str, str] | None, int]] = [
    # Everyone with a role sees the overview.
    *[(r, "GET", f"{S}/", None, 200) for r in ("admin", "safeguarding", "auditor", "helpdesk")],
    # Keys: the safeguarding lead cannot open them; the auditor reads only.
    ("admin", "GET", f"{S}/keys", None, 200),
    ("auditor", "GET", f"{S}/keys", None, 200),
    ("helpdesk", "GET", f"{S}/keys", None, 200),
    ("safeguarding", "GET", f"{S}/keys", None, 403),
    ("admin", "POST", f"{S}/keys", {"role": "check", "label": "outlook"}, 200),
    ("helpdesk", "POST", f"{S}/keys", {"role": "check", "label": "outlook"}, 200),
    ("auditor", "POST", f"{S}/keys", {"role": "check", "label": "outlook"}, 403),
    ("safeguarding", "POST", f"{S}/keys", {"role": "check", "label": "x"}, 403),
    # Admin keys hold the whole admin API: the helpdesk may not make or touch them.
    ("admin", "POST", f"{S}/keys", {"role": "admin", "label": "ops"}, 200),
    ("helpdesk", "POST", f"{S}/keys", {"role": "admin", "label": "ops"}, 403),
    ("helpdesk", "POST", f"{S}/keys/{{admin}}/rotate", {}, 403),
    ("helpdesk", "GET", f"{S}/keys/{{admin}}/revoke", None, 403),
    ("helpdesk", "POST", f"{S}/keys/{{check}}/rotate", {}, 200),
    ("helpdesk", "GET", f"{S}/keys/{{check}}/revoke", None, 200),
    ("helpdesk", "POST", f"{S}/keys/{{check}}/revoke", {}, 303),
    ("auditor", "POST", f"{S}/keys/{{check}}/revoke", {}, 403),
    # Roles: admins change them, the auditor reads them, nobody else sees them.
    ("admin", "GET", f"{S}/roles", None, 200),
    ("auditor", "GET", f"{S}/roles", None, 200),
    ("helpdesk", "GET", f"{S}/roles", None, 403),
    ("safeguarding", "GET", f"{S}/roles", None, 403),
    (
        "admin",
        "POST",
        f"{S}/roles",
        {"kind": "email", "principal": "x@y.org", "role": "auditor"},
        303,
    ),
    (
        "auditor",
        "POST",
        f"{S}/roles",
        {"kind": "email", "principal": "x@y.org", "role": "admin"},
        403,
    ),
    (
        "helpdesk",
        "POST",
        f"{S}/roles",
        {"kind": "email", "principal": "x@y.org", "role": "admin"},
        403,
    ),
]


@pytest.mark.parametrize(
    ("role", "method", "path", "form", "status"),
    TABLE,
    ids=[f"{r}-{m}-{p.removeprefix(S)}" for r, m, p, _, __ in TABLE],
)
def test_permissions(
    app_client: TestClient,
    sign_in: SignIn,
    role: str,
    method: str,
    path: str,
    form: dict[str, str] | None,
    status: int,
) -> None:
    with runtime_of(app_client).store.db.session() as s:
        runtime_of(app_client).store.scoped(s, school_scope(app_client).tenant_id or "").issue_key(
            "check", "spare"
        )
    runtime_of(app_client).reload_tenant(school_scope(app_client).tenant_id or "")
    csrf = as_role(app_client, sign_in, role)
    url = path.format(check=key_id(app_client, "check"), admin=key_id(app_client, "admin"))
    if method == "GET":
        r = app_client.get(url, follow_redirects=False)
    else:
        r = app_client.post(url, data={**(form or {}), "csrf": csrf}, follow_redirects=False)
    assert r.status_code == status, r.text[:400]
    if status == 403:
        assert "Not allowed" in r.text


def test_the_nav_shows_only_what_the_role_may_open(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "safeguarding")
    page = app_client.get(f"{S}/").text
    assert f'href="{S}/keys"' not in page and f'href="{S}/roles"' not in page


def test_a_post_without_the_csrf_token_is_refused(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    # Count the keys' rows, not the page's length: a key's "Last used" is written
    # behind the check that used it, so the page may change by itself.
    before = app_client.get(f"{S}/keys").text.count("<tr")
    assert before > 1  # a header and the school's keys
    for data in ({"role": "check"}, {"role": "check", "csrf": "x" + csrf}, {"csrf": ""}):
        r = app_client.post(f"{S}/keys", data=data)
        assert r.status_code == 403 and "Form expired" in r.text
    assert app_client.get(f"{S}/keys").text.count("<tr") == before  # nothing was made
    # A token from another session does not do either.
    r = app_client.post("/console/sign-out", data={"csrf": "not-this-sessions"})
    assert r.status_code == 403


def test_another_schools_pages_are_404(app_client: TestClient, sign_in: SignIn) -> None:
    runtime = runtime_of(app_client)
    other, _ = runtime.store.create_school("oakfield", "Oakfield", ["oakfield.sch.uk"])
    runtime.reload_tenant(other)
    csrf = as_role(app_client, sign_in, "admin")
    for path in ("/", "/keys", "/roles", "/keys/1/revoke"):
        assert app_client.get(f"/console/schools/oakfield{path}").status_code == 404
        assert app_client.get(f"/console/schools/nosuchschool{path}").status_code == 404
    r = app_client.post("/console/schools/oakfield/keys", data={"csrf": csrf, "role": "check"})
    assert r.status_code == 404
    # Its role assignments cannot be removed from here either.
    from app.store.console import Scope

    a = store_of(app_client).assign(
        Scope(tenant_id=other),
        principal_kind="email",
        principal="o@oakfield.sch.uk",
        role="admin",
        by="test",
    )
    r = app_client.post(f"{S}/roles/{a.id}/remove", data={"csrf": csrf})
    assert r.status_code == 404
    assert store_of(app_client).assignments(Scope(tenant_id=other))


def test_cookies_are_httponly_secure_lax_and_scoped(
    app_client: TestClient, sign_in: SignIn
) -> None:
    grant(app_client, EMAIL, "admin")
    start = app_client.get("/console/sign-in/entra", follow_redirects=False)
    r = sign_in("entra", **entra_user(EMAIL))
    for cookie in (start.headers["set-cookie"], r.headers.get_list("set-cookie")[0]):
        flags = {p.strip().lower() for p in cookie.split(";")}
        assert {"httponly", "secure", "samesite=lax", "path=/console"} <= flags, cookie
    assert r.headers.get_list("set-cookie")[0].startswith("etq_console=")


def test_sign_out_deletes_the_session(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    cookie = app_client.cookies.get("etq_console")
    r = app_client.post("/console/sign-out", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/sign-in"
    # The old cookie, replayed, opens nothing: the session row is gone.
    app_client.cookies.set("etq_console", cookie or "", path="/console")
    r = app_client.get(f"{S}/keys", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/sign-in"


def test_an_expired_session_signs_out(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "admin")
    with runtime_of(app_client).store.db.session() as s:
        s.execute(
            update(ConsoleSession).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    r = app_client.get(f"{S}/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/sign-in"
    assert store_of(app_client).purge_sessions() == 0  # the expired row went on first sight


def test_a_tampered_cookie_is_no_session(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "admin")
    cookie = app_client.cookies.get("etq_console") or ""
    app_client.cookies.set("etq_console", cookie[:-2] + "xx", path="/console")
    assert app_client.get(f"{S}/", follow_redirects=False).status_code == 303


def test_keys_page_creates_shows_once_rotates_and_revokes(
    app_client: TestClient, sign_in: SignIn
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    r = app_client.post(f"{S}/keys", data={"csrf": csrf, "role": "check", "label": "gmail"})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    m = re.search(r'value="(etq_[^"]+)"', r.text)
    assert m
    key = m.group(1)
    # The key works at once, like one made by the API, and is never shown again.
    check = app_client.post(
        "/v1/check", json={"sender": {"email": "a@stmarys.sch.uk"}}, headers={"X-API-Key": key}
    )
    assert check.status_code != 401
    listing = app_client.get(f"{S}/keys").text
    assert key not in listing and "gmail" in listing
    new_id = key_id_by_label(app_client, "gmail")
    r = app_client.post(f"{S}/keys/{new_id}/rotate", data={"csrf": csrf})
    m2 = re.search(r'value="(etq_[^"]+)"', r.text)
    assert r.status_code == 200 and m2 and m2.group(1) != key
    assert app_client.post("/v1/check", json={}, headers={"X-API-Key": key}).status_code == 401
    rotated = key_id_by_label(app_client, "gmail")
    confirm = app_client.get(f"{S}/keys/{rotated}/revoke")
    assert confirm.status_code == 200 and f"Revoke key {rotated}?" in confirm.text
    r = app_client.post(f"{S}/keys/{rotated}/revoke", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/keys?done=revoked")
    assert "The key was revoked." in app_client.get(r.headers["location"]).text
    headers = {"X-API-Key": m2.group(1)}
    assert app_client.post("/v1/check", json={}, headers=headers).status_code == 401
    # Each change is in the log: who, what, which key. Never a key.
    overview = app_client.get(f"{S}/").text
    for code in ("key.create", "key.rotate", "key.revoke"):
        assert code in overview
    assert EMAIL in overview and key not in overview


def key_id_by_label(c: TestClient, label: str) -> int:
    with runtime_of(c).store.db.session() as s:
        keys = runtime_of(c).store.scoped(s, school_scope(c).tenant_id or "").api_keys()
    return max(k.id for k in keys if k.label == label)


def test_the_last_admin_key_is_not_revoked(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    admin_key = key_id(app_client, "admin")
    r = app_client.post(f"{S}/keys/{admin_key}/revoke", data={"csrf": csrf})
    assert r.status_code == 409 and "Key not revoked" in r.text
    headers = {"X-API-Key": "etq_demo_admin_key"}
    assert app_client.get("/v1/admin/schools/stmarys/keys", headers=headers).status_code == 200


def test_roles_page_assigns_and_removes(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    form = {
        "csrf": csrf,
        "kind": "email",
        "principal": "DSL@stmarys.sch.uk",
        "role": "safeguarding",
    }
    assert app_client.post(f"{S}/roles", data=form, follow_redirects=False).status_code == 303
    assert app_client.post(f"{S}/roles", data=form).status_code == 409
    page = app_client.get(f"{S}/roles").text
    assert "dsl@stmarys.sch.uk" in page and "Safeguarding lead" in page
    a = next(
        a
        for a in store_of(app_client).assignments(school_scope(app_client))
        if a.principal == "dsl@stmarys.sch.uk"
    )
    r = app_client.post(f"{S}/roles/{a.id}/remove", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert "dsl@stmarys.sch.uk" not in app_client.get(f"{S}/roles").text
    changes = [c.code for c in store_of(app_client).changes(school_scope(app_client))]
    assert changes[:2] == ["role.remove", "role.assign"]


def test_the_last_admin_role_is_not_removed(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    (mine,) = store_of(app_client).assignments(school_scope(app_client))
    r = app_client.post(f"{S}/roles/{mine.id}/remove", data={"csrf": csrf})
    assert r.status_code == 409 and "last admin" in r.text
    grant(app_client, "deputy@stmarys.sch.uk", "admin")
    r = app_client.post(f"{S}/roles/{mine.id}/remove", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    # Removing your own role takes effect at once: this session reaches nothing now.
    assert app_client.get(f"{S}/").status_code == 404


def test_signing_in_clears_expired_sessions(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "admin")
    with runtime_of(app_client).store.db.session() as s:
        s.execute(
            update(ConsoleSession).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert sign_in("entra", **entra_user(EMAIL)).status_code == 303
    with runtime_of(app_client).store.db.session() as s:
        assert len(s.scalars(select(ConsoleSession.id_hash)).all()) == 1


# Bad input answers a 4xx page, never a 500.
BAD: list[tuple[str, str, dict[str, str] | bytes | None, str, int]] = [
    ("POST", f"{S}/keys", {"role": "root"}, "form", 400),
    ("POST", f"{S}/keys", {"role": "check", "label": "x" * 101}, "form", 400),
    ("POST", f"{S}/keys", {"role": "check", "label": "a\x00b"}, "form", 400),
    ("POST", f"{S}/keys", b'{"role": "check"}', "application/json", 415),
    ("POST", f"{S}/keys", b"csrf=" + b"a" * 9000, "form", 413),
    ("POST", f"{S}/keys", b"csrf=%ff%fe", "form", 403),
    ("POST", f"{S}/keys", b"\xff\xfe=1", "form", 400),
    ("POST", f"{S}/keys/abc/rotate", {}, "form", 404),
    ("POST", f"{S}/keys/99999999999/rotate", {}, "form", 404),
    ("POST", f"{S}/keys/-1/revoke", {}, "form", 404),
    ("GET", f"{S}/keys/0/revoke", None, "", 404),
    ("POST", f"{S}/roles", {"kind": "bogus", "principal": "a@b.c", "role": "admin"}, "form", 400),
    ("POST", f"{S}/roles", {"kind": "email", "principal": "nobody", "role": "admin"}, "form", 400),
    ("POST", f"{S}/roles", {"kind": "email", "principal": "a@b.c", "role": "owner"}, "form", 400),
    ("POST", f"{S}/roles", {"kind": "group", "principal": "a\x00b", "role": "admin"}, "form", 400),
    ("POST", f"{S}/roles/99999999999/remove", {}, "form", 404),
    ("GET", "/console/schools/" + "x" * 300 + "/keys", None, "", 404),
    ("GET", f"{S}/keys?done=" + "x" * 5000, None, "", 200),
    ("DELETE", f"{S}/keys", None, "", 405),
]


@pytest.mark.parametrize(("method", "path", "body", "ctype", "status"), BAD)
def test_bad_input_is_a_4xx(
    app_client: TestClient,
    sign_in: SignIn,
    method: str,
    path: str,
    body: dict[str, str] | bytes | None,
    ctype: str,
    status: int,
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    if isinstance(body, dict):
        body = httpx.QueryParams({**body, "csrf": csrf}).__str__().encode()
    headers = {"content-type": "application/x-www-form-urlencoded" if ctype == "form" else ctype}
    r = app_client.request(method, path, content=body, headers=headers if body else None)
    assert r.status_code == status, r.text[:300]


def test_the_demo_sign_in_is_offered_only_in_demo_mode(
    tmp_path: Path, app_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Demo: offered, labelled, and it signs in as the demo school's admin.
    page = app_client.get("/console/sign-in")
    assert "Demo only" in page.text
    r = app_client.post(
        "/console/sign-in/demo", data={"csrf": csrf_of(page.text)}, follow_redirects=False
    )
    assert r.status_code == 303
    assert app_client.get(f"{S}/roles").status_code == 200
    # Without the sign-in page's token: refused.
    app_client.cookies.clear()
    assert app_client.post("/console/sign-in/demo", data={"csrf": "x"}).status_code == 403
    # Not demo: not on the page, and the route does not exist.
    for name in ("ENTRA_CLIENT_ID", "GOOGLE_CLIENT_ID"):
        monkeypatch.delenv(f"ETIQUETTE_CONSOLE_{name}")
    real = _settings(f"sqlite:///{tmp_path / 'real.sqlite3'}", tmp_path, demo=False)
    with TestClient(create_app(real), base_url=BASE) as c:
        page = c.get("/console/sign-in")
        assert page.status_code == 200 and "Demo only" not in page.text
        assert "not configured" in page.text  # no Entra/Google settings here
        assert c.post("/console/sign-in/demo", data={"csrf": "x"}).status_code == 404
        for provider in ("entra", "google"):
            r = c.get(f"/console/sign-in/{provider}")
            assert r.status_code == 503 and "is not configured" in r.text
        assert c.get("/console/", follow_redirects=False).headers["location"] == "/console/sign-in"
