"""The console's Directory page: who may see what, Sync now and its run page, held
runs approved and discarded, searching a person (a POST, never logged), a
person's page, the source form, and other schools' runs and people (404)."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.runtime import Runtime
from tests.console.conftest import SignIn, csrf_of, entra_user, grant, school_scope, store_of

S = "/console/schools/stmarys"
D = f"{S}/directory"
EMAIL = "person@stmarys.sch.uk"
ADMIN_KEY = {"X-API-Key": "etq_demo_admin_key"}
HEADER = "id,kind,first_name,preferred_name,last_name,middle_names,email,personal_emails,mis_ref\n"
STAFF = [
    "S9001,staff,Aled,,Pryce,,a.pryce@stmarys.sch.uk,aled.p@example.org,\n",
    "S9002,staff,Bethan,,Rowe,,b.rowe@stmarys.sch.uk,,\n",
]
# A pupil and their mother, linked by the relationships file.
FAMILY = [
    "P9001,pupil,Cerys,,Hughes,,cerys.hughes@pupils.stmarys.sch.uk,cerys.h@example.net,\n",
    "C9001,parent,Nia,,Hughes,,nia.hughes@example.com,,\n",
]
LINKS = "contact_id,pupil_id,relationship,parental_responsibility\nC9001,P9001,mother,yes\n"


def runtime_of(c: TestClient) -> Runtime:
    r: Runtime = c.app.state.runtime  # type: ignore[attr-defined]
    return r


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo school's sync folder (``ETIQUETTE_SYNC_FILES_DIR/stmarys``)."""
    root = tmp_path / "sources"
    (root / "stmarys").mkdir(parents=True)
    monkeypatch.setenv("ETIQUETTE_SYNC_FILES_DIR", str(root))
    return root / "stmarys"


def write_people(folder: Path, rows: list[str]) -> None:
    (folder / "people.csv").write_text(HEADER + "".join(rows), encoding="utf-8")


def put_source(c: TestClient, name: str = "mis", **config: str) -> None:
    body = {"kind": "csv", "config": {"people": "people.csv", **config}}
    r = c.put(f"/v1/admin/schools/stmarys/directory/sources/{name}", json=body, headers=ADMIN_KEY)
    assert r.status_code == 200, r.text


def as_role(c: TestClient, sign_in: SignIn, role: str) -> str:
    grant(c, EMAIL, role)
    assert sign_in("entra", **entra_user(EMAIL)).status_code == 303
    return csrf_of(c.get(f"{S}/").text)


def sync_now(c: TestClient, csrf: str, name: str = "mis") -> str:
    """Press Sync now; the run page's HTML once the run is over."""
    r = c.post(f"{D}/sources/{name}/sync", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    url = r.headers["location"]
    assert url.startswith(f"{D}/runs/")
    deadline = time.monotonic() + 10
    while True:
        page = c.get(url)
        assert page.status_code == 200
        if 'http-equiv="refresh"' not in page.text:
            return page.text
        assert time.monotonic() < deadline, "the run did not finish"
        time.sleep(0.05)


def run_ids(c: TestClient, status: str) -> list[int]:
    r = c.get(f"/v1/admin/schools/stmarys/directory/sync/runs?status={status}", headers=ADMIN_KEY)
    return [run["id"] for run in r.json()]


# (role, method, path, expected status): admins and the auditor see the page, the
# safeguarding lead searches pupils only, the helpdesk sees nothing of it.
TABLE: list[tuple[str, str, str, int]] = [
    *[(r, "GET", D, 200) for r in ("admin", "auditor", "safeguarding")],
    ("helpdesk", "GET", D, 403),
    *[(r, "POST", f"{D}/search", 200) for r in ("admin", "auditor", "safeguarding")],
    ("helpdesk", "POST", f"{D}/search", 403),
    ("helpdesk", "GET", f"{D}/people/P00001", 403),
    *[(r, "GET", f"{D}/runs/{{run}}", 200) for r in ("admin", "auditor")],
    ("safeguarding", "GET", f"{D}/runs/{{run}}", 403),
    ("helpdesk", "GET", f"{D}/runs/{{run}}", 403),
    ("admin", "POST", f"{D}/sources/mis/sync", 303),
    *[(r, "POST", f"{D}/sources/mis/sync", 403) for r in ("auditor", "safeguarding", "helpdesk")],
    *[(r, "POST", f"{D}/sources/mis/pause", 403) for r in ("auditor", "safeguarding", "helpdesk")],
    ("auditor", "POST", f"{D}/runs/{{run}}/approve", 403),
    ("auditor", "POST", f"{D}/runs/{{run}}/discard", 403),
    ("auditor", "GET", f"{D}/sources/new?kind=csv", 403),
    ("auditor", "GET", f"{D}/sources/mis/remove", 403),
    ("admin", "GET", f"{D}/sources/new?kind=csv", 200),
]


@pytest.mark.parametrize(
    ("role", "method", "path", "status"),
    TABLE,
    ids=[f"{r}-{m}-{p.removeprefix(D)}" for r, m, p, _ in TABLE],
)
def test_permissions(
    app_client: TestClient,
    sign_in: SignIn,
    files: Path,
    role: str,
    method: str,
    path: str,
    status: int,
) -> None:
    write_people(files, STAFF)
    put_source(app_client)
    r = app_client.post("/v1/admin/schools/stmarys/directory/sources/mis/sync", headers=ADMIN_KEY)
    url = path.format(run=r.json()["id"])
    csrf = as_role(app_client, sign_in, role)
    if method == "GET":
        r = app_client.get(url, follow_redirects=False)
    else:
        r = app_client.post(url, data={"csrf": csrf, "q": "ronan"}, follow_redirects=False)
    assert r.status_code == status, r.text[:400]
    if status == 403:
        assert "Not allowed" in r.text
    nav = f'href="{D}"' in app_client.get(f"{S}/").text
    assert nav == (role != "helpdesk")


def test_the_safeguarding_lead_sees_pupils_and_parents_only(
    app_client: TestClient, sign_in: SignIn, files: Path
) -> None:
    write_people(files, STAFF + FAMILY)
    (files / "links.csv").write_text(LINKS, encoding="utf-8")
    put_source(app_client, relationships="links.csv")
    assert (
        app_client.post(
            "/v1/admin/schools/stmarys/directory/sources/mis/sync", headers=ADMIN_KEY
        ).json()["status"]
        == "applied"
    )
    csrf = as_role(app_client, sign_in, "safeguarding")
    page = app_client.get(D).text
    assert "Sources" not in page and "Sync now" not in page and "waiting for approval" not in page
    found = app_client.post(f"{D}/search", data={"csrf": csrf, "q": "hughes"}).text
    assert "Cerys Hughes" in found and "Nia Hughes" in found
    # Staff are not found, and their pages do not exist for this role.
    for q in ("pryce", "a.pryce@stmarys.sch.uk", "S9001"):
        assert "Aled Pryce" not in app_client.post(f"{D}/search", data={"csrf": csrf, "q": q}).text
    assert app_client.get(f"{D}/people/S9001").status_code == 404
    # A pupil's page: what the checks know, with the parent linked.
    pupil = app_client.get(f"{D}/people/P9001")
    assert pupil.status_code == 200
    for fact in (
        "Cerys Hughes",
        "pupil",
        "cerys.hughes@pupils.stmarys.sch.uk",
        "cerys.h@example.net",
    ):
        assert fact in pupil.text
    assert f'href="{D}/people/C9001"' in pupil.text and "mother" in pupil.text
    parent = app_client.get(f"{D}/people/C9001").text
    assert "Parent or carer of" in parent and f'href="{D}/people/P9001"' in parent


def test_search_by_name_address_and_id(
    app_client: TestClient, sign_in: SignIn, files: Path
) -> None:
    csrf = as_role(app_client, sign_in, "auditor")
    cases = [
        ("ronan wee", "Ronan Weeks"),  # the start of each name
        ("WEEKS", "Ronan Weeks"),
        ("ronan.weeks@pupils.stmarys.sch.uk", "Ronan Weeks"),  # a school address
        (" Ronan.Weeks@Pupils.StMarys.sch.uk ", "Ronan Weeks"),
        ("rubie.763@yahoo.co.uk", "Rubie Weeks"),  # the address a parent's entry holds
        ("P00001", "Ronan Weeks"),  # an id
    ]
    for q, who in cases:
        page = app_client.post(f"{D}/search", data={"csrf": csrf, "q": q})
        assert page.status_code == 200 and who in page.text, q
    # Near misses: a word in the middle of a name, an unknown address.
    for q in ("onan", "nobody@stmarys.sch.uk", "zzzz"):
        page = app_client.post(f"{D}/search", data={"csrf": csrf, "q": q}).text
        assert "0 people found" in page, q
    # A broad search stops at the limit and says so.
    page = app_client.post(f"{D}/search", data={"csrf": csrf, "q": "a"}).text
    assert "50+ people found" in page and "add a word" in page


def test_the_search_is_a_post_and_never_logged(
    app_client: TestClient, sign_in: SignIn, caplog: pytest.LogCaptureFixture
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    caplog.set_level(logging.DEBUG)
    app_client.post(f"{D}/search", data={"csrf": csrf, "q": "Ronan Weeks"})
    app_client.post(f"{D}/search", data={"csrf": csrf, "q": "ronan.weeks@pupils.stmarys.sch.uk"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Ronan" not in logged and "ronan" not in logged
    # The form posts (the words never sit in a URL); there is no GET search.
    assert f'method="post" action="{D}/search"' in app_client.get(D).text
    assert app_client.get(f"{D}/search?q=ronan").status_code == 405
    # And without the session's token it is refused like any other form.
    assert app_client.post(f"{D}/search", data={"q": "ronan"}).status_code == 403


def test_the_person_page_shows_nothing_of_any_message(
    app_client: TestClient, sign_in: SignIn
) -> None:
    as_role(app_client, sign_in, "admin")
    page = app_client.get(f"{D}/people/P00001")
    assert page.status_code == 200
    assert "ronan.weeks@pupils.stmarys.sch.uk" in page.text and "roster upload" in page.text
    for word in ("subject", "Subject", "verdict", "finding"):
        assert word not in page.text


def test_sync_now_shows_the_run_and_its_counts(
    app_client: TestClient, sign_in: SignIn, files: Path
) -> None:
    write_people(files, STAFF)
    put_source(app_client)
    csrf = as_role(app_client, sign_in, "admin")
    page = app_client.get(D).text
    assert "mis" in page and "never" in page and "next tick" in page
    run = sync_now(app_client, csrf)
    assert "Status: <strong>applied</strong>" in run and "console" in run
    assert "<td>2</td>" in run  # after: two people
    # Live at once, and on the page: the source's last sync with its counts.
    assert runtime_of(app_client).tenant(school_scope(app_client).tenant_id or "")
    state = runtime_of(app_client).tenant(school_scope(app_client).tenant_id or "")
    assert state is not None and state.directory.person("S9001") is not None
    page = app_client.get(D).text
    assert "applied" in page and "+2 added" in page
    changes = [c.code for c in store_of(app_client).changes(school_scope(app_client))]
    assert changes[0] == "directory.sync"
    # A second run changes nothing.
    assert "Status: <strong>unchanged</strong>" in sync_now(app_client, csrf)


def test_a_sync_still_running_at_shutdown_finishes_before_the_pool_is_disposed(
    app_client: TestClient,
    sign_in: SignIn,
    files: Path,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The service stops while a console sync is in its last step. Before the
    lifespan waited for it, the event loop's end cancelled the task while its
    thread went on with a connection the disposed pool never closed: psycopg
    warned, at the garbage collector's next pass, in some later test."""
    from app.directory.sync import engine
    from app.store import Database
    from app.store.sync import SyncRepo

    decide = engine._decide

    def slow_decide(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)  # the service is asked to stop meanwhile
        return decide(*args, **kwargs)

    monkeypatch.setattr(engine, "_decide", slow_decide)
    write_people(files, STAFF)
    put_source(app_client)
    tenant_id = school_scope(app_client).tenant_id or ""
    csrf = as_role(app_client, sign_in, "admin")
    r = app_client.post(f"{D}/sources/mis/sync", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    run_id = int(r.headers["location"].rsplit("/", 1)[1])
    engine_of_app = runtime_of(app_client).store.db.engine
    app_client.__exit__(None, None, None)  # the lifespan's shutdown, now
    # Nothing came back to the pool after its dispose (an open connection there
    # is never closed), and the run was finished, not cut short.
    assert engine_of_app.pool.checkedin() == 0 and engine_of_app.pool.checkedout() == 0
    db = Database(db_url)
    try:
        with db.session() as s:
            assert SyncRepo(s, tenant_id).run(run_id).status == "applied"
    finally:
        db.dispose()


@pytest.mark.parametrize("decision", ["approve", "discard"])
def test_a_held_run_is_approved_or_discarded(
    app_client: TestClient, sign_in: SignIn, files: Path, decision: str
) -> None:
    write_people(files, STAFF)
    put_source(app_client)
    csrf = as_role(app_client, sign_in, "admin")
    sync_now(app_client, csrf)
    write_people(files, STAFF[:1])  # removes 1 of 2: more than 10%
    run = sync_now(app_client, csrf)
    assert "Status: <strong>pending</strong>" in run and "waiting for approval" in run
    assert "Who would be removed" in run and "Bethan Rowe" in run
    (held,) = run_ids(app_client, "pending")
    page = app_client.get(D).text
    assert f"Run {held}" in page and "held until run" in page
    # While it waits, the source is held: Sync now records a held run.
    assert "Status: <strong>held</strong>" in sync_now(app_client, csrf)
    # Without the token: refused, nothing decided.
    assert app_client.post(f"{D}/runs/{held}/{decision}", data={"x": "1"}).status_code == 403
    assert run_ids(app_client, "pending") == [held]
    r = app_client.post(f"{D}/runs/{held}/{decision}", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    done = app_client.get(r.headers["location"]).text
    state = runtime_of(app_client).tenant(school_scope(app_client).tenant_id or "")
    assert state is not None
    if decision == "approve":
        assert "The held change was applied." in done
        assert state.directory.person("S9002") is None
        status = "approved"
    else:
        assert "discarded" in done
        assert state.directory.person("S9002") is not None
        status = "rejected"
    assert run_ids(app_client, status) == [held]
    after = app_client.get(f"{D}/runs/{held}").text
    assert EMAIL in after  # decided by
    changes = [c for c in store_of(app_client).changes(school_scope(app_client))]
    assert (changes[0].code, changes[0].target) == (f"directory.{decision}", str(held))
    # Deciding twice: 409, said on a page.
    again = app_client.post(f"{D}/runs/{held}/approve", data={"csrf": csrf})
    assert again.status_code == 409 and "not pending" in again.text


def test_the_source_form_adds_edits_pauses_and_removes(
    app_client: TestClient, sign_in: SignIn, files: Path
) -> None:
    write_people(files, STAFF)
    csrf = as_role(app_client, sign_in, "admin")
    # The form comes from the kind's settings model; secrets are named, never typed.
    graph = app_client.get(f"{D}/sources/new?kind=graph").text
    for field in ("config.tenant_id", "config.client_secret_env", "config.pupil_domains"):
        assert f'name="{field}"' in graph
    assert "ETQ_STMARYS_" in graph and "never the secret" in graph
    bad = {
        "csrf": csrf,
        "kind": "graph",
        "name": "entra",
        "config.tenant_id": "not-a-guid",
        "config.client_id": "9a8b7c6d-0000-4000-8000-00000000c0de",
        "config.client_secret_env": "s3cr3t-value",
        "interval_minutes": "60",
        "max_removed_share": "0.1",
    }
    r = app_client.post(f"{D}/sources", data=bad)
    assert r.status_code == 422 and "The source was not saved" in r.text
    assert "tenant_id" in r.text and "ETQ_STMARYS_" in r.text
    good = {
        **bad,
        "config.tenant_id": "9a8b7c6d-0000-4000-8000-00000000c0de",
        "config.client_secret_env": "ETQ_STMARYS_GRAPH_SECRET",
    }
    assert app_client.post(f"{D}/sources", data=good, follow_redirects=False).status_code == 303
    # The list says where the secret is: the variable's name, as the API does.
    assert "secret in <code>ETQ_STMARYS_GRAPH_SECRET</code>" in app_client.get(D).text
    app_client.post(f"{D}/sources/entra/remove", data={"csrf": csrf})
    form = {
        "csrf": csrf,
        "kind": "csv",
        "name": "mis",
        "config.people": "people.csv",
        "interval_minutes": "30",
        "max_removed_share": "0.2",
        "enabled": "on",
    }
    r = app_client.post(f"{D}/sources", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("?done=saved")
    api = app_client.get("/v1/admin/schools/stmarys/directory/sources/mis", headers=ADMIN_KEY)
    assert api.json()["interval_minutes"] == 30 and api.json()["max_removed_share"] == 0.2
    # Adding another with the same name is refused; editing it is how to change it.
    r = app_client.post(f"{D}/sources", data=form)
    assert r.status_code == 422 and "exists" in r.text
    # The edit form shows the stored settings as typed (a path inside the folder), so
    # sending it back as shown, with one change, saves.
    edit = app_client.get(f"{D}/sources/mis/edit").text
    assert 'name="config.people" value="people.csv"' in edit and "readonly" in edit
    shown = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', edit))
    assert shown["interval_minutes"] == "30" and shown["name"] == "mis"
    r = app_client.post(
        f"{D}/sources",
        data={**shown, "enabled": "on", "interval_minutes": "90"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert (
        app_client.get("/v1/admin/schools/stmarys/directory/sources/mis", headers=ADMIN_KEY).json()[
            "interval_minutes"
        ]
        == 90
    )
    # Pause and resume.
    r = app_client.post(f"{D}/sources/mis/pause", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and "paused" in app_client.get(r.headers["location"]).text
    src = app_client.get("/v1/admin/schools/stmarys/directory/sources/mis", headers=ADMIN_KEY)
    assert src.json()["enabled"] is False
    app_client.post(f"{D}/sources/mis/resume", data={"csrf": csrf})
    src = app_client.get("/v1/admin/schools/stmarys/directory/sources/mis", headers=ADMIN_KEY)
    assert src.json()["enabled"] is True
    # Remove, after a confirmation page.
    assert "Remove source mis?" in app_client.get(f"{D}/sources/mis/remove").text
    r = app_client.post(f"{D}/sources/mis/remove", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    src = app_client.get("/v1/admin/schools/stmarys/directory/sources/mis", headers=ADMIN_KEY)
    assert src.status_code == 404
    codes = [c.code for c in store_of(app_client).changes(school_scope(app_client))]
    assert codes[:7] == [
        "directory.remove",
        "directory.resume",
        "directory.pause",
        "directory.source",
        "directory.source",
        "directory.remove",
        "directory.source",
    ]


def test_another_schools_runs_sources_and_people_are_404(
    app_client: TestClient, sign_in: SignIn, files: Path, tmp_path: Path
) -> None:
    runtime = runtime_of(app_client)
    other, _ = runtime.store.create_school("oakfield", "Oakfield", ["oakfield.sch.uk"])
    from app.directory.sync import engine
    from app.store.sync import SyncRepo

    oak = files.parent / "oakfield"
    oak.mkdir()
    write_people(oak, ["O1,staff,Olwen,,Oak,,o.oak@oakfield.sch.uk,,\n"])
    with runtime.store.db.session() as s:
        SyncRepo(s, other).put_source("theirs", "csv", {"people": str(oak / "people.csv")})
    out = app_client.portal.call(  # type: ignore[attr-defined]
        lambda: engine.sync_source(runtime.store, other, "theirs", runtime.http)
    )
    assert out.status == "applied"
    runtime.reload_tenant(other)
    csrf = as_role(app_client, sign_in, "admin")
    assert app_client.get(f"{D}/runs/{out.run_id}").status_code == 404
    for action in ("approve", "discard"):
        r = app_client.post(f"{D}/runs/{out.run_id}/{action}", data={"csrf": csrf})
        assert r.status_code == 404
    for path in ("edit", "remove"):
        assert app_client.get(f"{D}/sources/theirs/{path}").status_code == 404
    for action in ("sync", "pause", "remove"):
        r = app_client.post(f"{D}/sources/theirs/{action}", data={"csrf": csrf})
        assert r.status_code == 404, action
    assert app_client.get(f"{D}/people/O1").status_code == 404
    assert "Olwen" not in app_client.post(f"{D}/search", data={"csrf": csrf, "q": "olwen"}).text
    assert app_client.get("/console/schools/oakfield/directory").status_code == 404
    r = app_client.post("/console/schools/oakfield/directory/search", data={"csrf": csrf, "q": "o"})
    assert r.status_code == 404


BAD: list[tuple[str, str, dict[str, str] | None, int]] = [
    ("GET", f"{D}/runs/abc", None, 404),
    ("GET", f"{D}/runs/0", None, 404),
    ("GET", f"{D}/runs/-1", None, 404),
    ("GET", f"{D}/runs/99999999999", None, 404),
    ("GET", f"{D}/runs/12345", None, 404),
    ("POST", f"{D}/runs/abc/approve", {}, 404),
    ("POST", f"{D}/runs/99999999999/discard", {}, 404),
    ("GET", f"{D}/people/" + "x" * 101, None, 404),
    ("GET", f"{D}/people/nobody", None, 404),
    ("GET", f"{D}/people/%00", None, 404),
    ("POST", f"{D}/sources/NOT..A..NAME/sync", {}, 404),
    ("POST", f"{D}/sources/nosuch/sync", {}, 404),
    ("POST", f"{D}/sources/nosuch/pause", {}, 404),
    ("GET", f"{D}/sources/nosuch/edit", None, 404),
    ("GET", f"{D}/sources/new?kind=ldap", None, 400),
    ("GET", f"{D}/sources/new", None, 400),
    ("POST", f"{D}/search", {"q": ""}, 400),
    ("POST", f"{D}/search", {"q": "x" * 201}, 400),
    ("POST", f"{D}/search", {"q": "a\x00b"}, 400),
    ("POST", f"{D}/sources", {"kind": "ldap", "name": "x"}, 400),
    ("POST", f"{D}/sources", {"kind": "csv", "name": "x", "interval_minutes": "nan"}, 400),
    ("POST", f"{D}/sources", {"kind": "csv", "name": "x", "max_removed_share": "1e999"}, 400),
    ("POST", f"{D}/sources", {"kind": "csv", "name": "Bad Name", "config.people": "a"}, 422),
    ("POST", f"{D}/sources", {"kind": "csv", "name": "x", "config.people": "../a.csv"}, 422),
    ("POST", f"{D}/sources", {"kind": "csv", "name": "x", "interval_minutes": "2"}, 422),
    ("POST", f"{D}/sources", {"kind": "csv", "name": "csv", "config.people": "a.csv"}, 303),
    ("POST", f"{D}/sources", {"kind": "graph", "name": "csv", "config.tenant_id": "x"}, 422),
]


@pytest.mark.parametrize(("method", "path", "form", "status"), BAD)
def test_bad_input_is_a_4xx(
    app_client: TestClient,
    sign_in: SignIn,
    files: Path,
    method: str,
    path: str,
    form: dict[str, str] | None,
    status: int,
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    if method == "GET":
        r = app_client.get(path, follow_redirects=False)
    else:
        r = app_client.post(path, data={**(form or {}), "csrf": csrf}, follow_redirects=False)
    assert r.status_code == status, r.text[:300]
