"""Hostile input on every console route: never a 500, always a page naming the problem.

The routes are read from the app (every route under ``/console``), so a page
added later is covered without touching this file. Signed in as the demo
school's admin with a valid CSRF token, each route gets, in its path
parameters, its query string and (for a POST) its form's fields: NUL bytes,
over-long values, bytes that are not UTF-8, ids that are huge, negative,
non-numeric or GUID-shaped, repeated and missing fields, unknown school and
trust slugs and path traversal (the likely query keys a route does not declare
get each value all at once). A form's field names are read from the
console's own pages (each ``<form method="post">`` whose action is the route);
a field that is a checkbox, radio button or select wherever it appears gets the
values that matter to a string (``CHOICE_HOSTILE``), every other field all of them.
Every answer must be below 500, and an error must be an HTML page with a
heading (the console's error page names the problem there), not JSON or a
traceback. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.

The console's pages are read once per backend, on a new app set up as each test
sets up its own (the forms are the same every time). A GET only reads: those
routes share that app; a POST may write, so each POST route has an app of its own.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

import httpx
import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import update

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime
from app.store.console import ConsoleStore, Scope
from app.store.models import Tenant
from app.store.trusts import TrustStore
from tests.console.conftest import csrf_of, school_scope

S = "stmarys"
TRUST = "demo-trust"
DEMO = "admin@stmarys.sch.uk"
TOKEN = "CSRF-TOKEN-HERE"  # replaced by the session's token when sent


def _query_names(dependant: Any) -> set[str]:
    names = {p.alias or p.name for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _console_routes() -> dict[tuple[str, str], set[str]]:
    """(method, path) -> the query parameters the route declares."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            Settings(
                database_url=f"sqlite:///{tmp}/routes.sqlite3",
                data_dir=tmp,
                demo=True,
                environment="test",
                secret_key="test-secret-key",
            )
        )
        # iter_route_contexts: app.routes holds the included routers, not their routes.
        return {
            (method, r.path): _query_names(r.dependant)
            for r in iter_route_contexts(app.routes)
            if (r.path or "").startswith("/console")
            for method in r.methods or ()
            if method in {"GET", "POST"}
        }


DECLARED = _console_routes()
ROUTES = sorted(DECLARED)

# Hostile values for one field, parameter or query value.
HOSTILE: dict[str, str] = {
    "nul": "a\x00b",
    "over-long": "x" * 20_000,
    "huge-int": "9" * 40,
    "past-int-digit-limit": "9" * 5_000,  # int() refuses past 4,300 digits
    "superscript-digit": "\u00b2",  # isdigit() but not int()
    "past-int32": str(2**31),
    "past-int64": str(2**63),
    "negative": "-1",
    "zero": "0",
    "non-numeric": "abc",
    "float": "1.5e308",
    "guid": "123e4567-e89b-12d3-a456-426614174000",
    "traversal": "../../../../etc/passwd",
    "empty": "",
    "bidi-and-emoji": "\u202eevil\U0001f600",
    "lone-surrogate-escape": "\\ud800",
    "html": "<script>alert(1)</script>",
}
# A form field the console renders as a choice (a checkbox, radio button or select):
# its value is read as one of a few strings, never as a number or a path, so it
# gets the hostile values of a string (each request re-renders the whole form: the
# policy editor's 68 fields x 17 values were a minute and a half a backend).
CHOICE_HOSTILE = {
    k: HOSTILE[k]
    for k in ("nul", "over-long", "huge-int", "non-numeric", "empty", "bidi-and-emoji", "html")
}
# Path-parameter values: the same, percent-encoded, plus raw non-UTF-8 and NUL.
PATH_VALUES = {
    **{k: quote(v, safe="") for k, v in HOSTILE.items() if k not in {"over-long", "empty"}},
    "over-long": "x" * 4_000,
    "non-utf8": "%ff%fe",
    "nul-escape": "%00",
    "unknown-slug": "no-such-school",
    "dot-dot": "..%2F..%2Fkeys",
}
# Query-string keys every route gets, beside its own declared ones.
QUERY_KEYS = ("school", "done", "version", "page", "id")


class _Forms(HTMLParser):
    """``(method, action, {field: default})`` for every form of a page, and for
    every link with a query string (as a GET form of its parameters)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, str, dict[str, str]]] = []
        self._open: dict[str, str] | None = None
        self.choice: set[str] = set()  # names of checkboxes, radio buttons and selects
        self.free: set[str] = set()  # names of every other field

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._open = {}
            self.forms.append((a.get("method", "get").upper(), a.get("action", ""), self._open))
        elif tag == "a" and "?" in a.get("href", ""):
            href, _, query = a["href"].partition("?")
            self.forms.append(("GET", href, dict(parse_qsl(query, keep_blank_values=True))))
        elif self._open is not None and tag in {"input", "select", "textarea"} and a.get("name"):
            chosen = tag == "select" or a.get("type") in {"checkbox", "radio"}
            (self.choice if chosen else self.free).add(a["name"])
            if a.get("type") in {"checkbox", "radio"} and "checked" not in a:
                self._open.setdefault(a["name"], "")
            else:
                self._open.setdefault(a["name"], a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def _runtime(c: TestClient) -> Runtime:
    r: Runtime = c.app.state.runtime  # type: ignore[attr-defined]
    return r


def _sign_in(c: TestClient) -> str:
    """The demo's local sign-in as the demo admin; the session's CSRF token."""
    page = c.get("/console/sign-in")
    r = c.post("/console/sign-in/demo", data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return csrf_of(c.get(f"/console/schools/{S}/").text)


def _join_a_trust(c: TestClient) -> None:
    """The demo school in a trust, the demo admin its admin: the trust's pages reachable."""
    rt = _runtime(c)
    trust_id, _ = TrustStore(rt.store.db).create_trust(TRUST, "Demo Trust", ["demo-trust.org.uk"])
    with rt.store.db.session() as s:
        s.execute(update(Tenant).where(Tenant.slug == S).values(trust_id=trust_id))
    rt.refresh_sync()  # the trust
    rt.reload_tenant(school_scope(c).tenant_id or "")  # the school, now in it
    ConsoleStore(rt.store.db).assign(
        Scope(trust_id=trust_id), principal_kind="email", principal=DEMO, role="admin", by="test"
    )


def _valid(c: TestClient) -> dict[str, str]:
    """A value for each path parameter that reaches the page."""
    rt = _runtime(c)
    with rt.store.db.session() as s:
        keys = rt.store.scoped(s, school_scope(c).tenant_id or "").api_keys()
    check = next(k.id for k in keys if k.role == "check")
    return {"school": S, "trust": TRUST, "key_id": str(check), "version": "1"}


def _fill(path: str, params: dict[str, str], default: str = "1") -> str:
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: params.get(m.group(1), default), path)


Page = tuple[str, list[tuple[str, str, dict[str, str]]]]  # (address, its forms)


def _pages(c: TestClient, valid: dict[str, str]) -> tuple[list[Page], frozenset[str]]:
    """The forms of each of the console's GET pages (those that are HTML), and the
    names of the fields that are a choice wherever they appear."""
    pages: list[Page] = []
    choice: set[str] = set()
    free: set[str] = set()
    for method, get_path in ROUTES:
        if method != "GET":
            continue
        here = _fill(get_path, valid)
        page = c.get(here)
        if "html" not in page.headers.get("content-type", ""):
            continue
        parser = _Forms()
        parser.feed(page.text)
        pages.append((here, parser.forms))
        choice |= parser.choice
        free |= parser.free
    return pages, frozenset(choice - free)


def _fields(pages: list[Page], want: str, path: str, valid: dict[str, str]) -> dict[str, str]:
    """The fields of the route's forms (``want``: POST, or GET for a query string's)
    with their defaults, read from the console's GET pages."""
    target = _fill(path, valid)
    pattern = re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)) + "$")
    fields: dict[str, str] = {}
    for here, forms in pages:
        for form_method, action, form in forms:
            action = (action or here).split("?")[0]
            if form_method == want and (action == target or pattern.match(action)):
                for k, v in form.items():
                    fields.setdefault(k, v)
    fields.pop("csrf", None)
    if want == "GET":
        return fields
    return fields or {"name": "x", "value": "1"}


def _problem(r: httpx.Response) -> str | None:
    """Why this answer breaks the rule, or None."""
    if r.status_code >= 500 and r.status_code != 503:
        return f"{r.status_code}"
    if r.status_code >= 400:
        if "text/html" not in r.headers.get("content-type", ""):
            return f"{r.status_code} not a page ({r.headers.get('content-type')}): {r.text[:120]}"
        if not re.search(r"<h1[^>]*>\s*\S", r.text):
            return f"{r.status_code} page without a heading naming the problem"
        if "Traceback" in r.text:
            return f"{r.status_code} traceback on the page"
    return None


Case = tuple[str, str, dict[str, Any]]  # (label, url, request kwargs)


def _cases(
    path: str,
    method: str,
    valid: dict[str, str],
    fields: dict[str, str],
    query: dict[str, str],
    csrf: str,
    choice: frozenset[str] = frozenset(),
) -> list[Case]:
    url = _fill(path, valid)
    names = re.findall(r"\{(\w+)", path)
    form = {"csrf": csrf, **fields}
    plain = {"data": form} if method == "POST" else {}
    out: list[Case] = []
    # Path parameters.
    for name in names:
        for label, value in PATH_VALUES.items():
            out.append((f"path {name}={label}", _fill(path, {**valid, name: value}), plain))
    # Query strings: the route's declared parameters and a page's GET forms' fields,
    # each hostile in turn beside the others' defaults, repeated too; the likely
    # keys the route does not declare (read, if at all, straight from the query
    # string) all at once, each hostile value in turn: one request covers them all.
    read = {*DECLARED[method, path], *query}
    groups = [(key,) for key in sorted(read)]
    likely = tuple(k for k in QUERY_KEYS if k not in read)
    if likely:
        groups.append(likely)
    for keys in groups:
        name = "+".join(keys)
        for label, value in HOSTILE.items():
            # (httpx refuses an address past 64 KiB: five over-long values are 10,000 each)
            q = urlencode({**query, **dict.fromkeys(keys, value[: 50_000 // len(keys)])})
            out.append((f"query {name}={label}", f"{url}?{q}", plain))
        repeated = "&".join(f"{k}=1&{k}=2&{k}=%00" for k in keys)
        out.append((f"query {name} repeated", f"{url}?{repeated}", plain))
        non_utf8 = "&".join(f"{k}=%ff%fe" for k in keys)
        out.append((f"query {name} non-utf8", f"{url}?{non_utf8}", plain))
    if method != "POST":
        return out
    # Form fields: each hostile in turn, repeated, missing; a body that is not UTF-8.
    for name in fields:
        for label, value in (CHOICE_HOSTILE if name in choice else HOSTILE).items():
            out.append((f"form {name}={label}", url, {"data": {**form, name: value}}))
        raw = urlencode({**form, name: "1"}) + f"&{name}=2&{name}=%00"
        out.append((f"form {name} repeated", url, _raw(raw.encode())))
        bad = urlencode({**form, name: ""}).encode() + b"%ff%fe\xff\xfe"
        out.append((f"form {name} non-utf8", url, _raw(bad)))
        out.append(
            (f"form {name} missing", url, {"data": {k: v for k, v in form.items() if k != name}})
        )
    out.append(("form only csrf", url, {"data": {"csrf": csrf}}))
    out.append(("form empty values", url, {"data": {"csrf": csrf, **dict.fromkeys(fields, "")}}))
    return out


def _raw(body: bytes) -> dict[str, Any]:
    return {"content": body, "headers": {"content-type": "application/x-www-form-urlencoded"}}


def _with_token(kw: dict[str, Any], csrf: str) -> dict[str, Any]:
    if "data" in kw:
        return {"data": {k: csrf if v == TOKEN else v for k, v in kw["data"].items()}}
    if "content" in kw:
        return {**kw, "content": kw["content"].replace(TOKEN.encode(), csrf.encode())}
    return kw


@dataclass(frozen=True)
class Console:
    """The module's app (the demo school in a trust) and, for each route, the
    fields its forms send: a POST's form, or a GET's query string."""

    client: TestClient
    fields: dict[tuple[str, str], dict[str, str]]
    choice: frozenset[str]  # fields that are a checkbox, radio button or select


@pytest.fixture(scope="module")
def console(shared_app_client: TestClient) -> Console:
    c = shared_app_client
    _join_a_trust(c)
    _sign_in(c)
    valid = _valid(c)
    pages, choice = _pages(c, valid)
    fields: dict[tuple[str, str], dict[str, str]] = {}
    for method, path in ROUTES:
        if method == "POST":
            fields[method, path] = _fields(pages, "POST", path, valid)
        else:  # a page's CSV download takes the page's filters
            query: dict[str, str] = {}
            # the page's filters, then the download's own (a fixed order: which
            # default wins must not depend on a set's order, i.e. PYTHONHASHSEED)
            for page in dict.fromkeys((path.removesuffix(".csv"), path)):
                query.update(_fields(pages, "GET", page, valid))
            fields[method, path] = query
    return Console(c, fields, choice)


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_hostile_input_gets_a_page_naming_the_problem(
    console: Console, new_app_client: Callable[[], TestClient], method: str, path: str
) -> None:
    if method == "GET":  # only reads: the module's app, with a new client's cookies (none)
        app_client = console.client
        app_client.cookies.clear()
    else:  # may write: an app of its own, set up as the module's
        app_client = new_app_client()
        _join_a_trust(app_client)
    csrf = _sign_in(app_client)
    assert app_client.get(f"/console/trusts/{TRUST}/roles").status_code == 200
    valid = _valid(app_client)
    fields = console.fields[method, path] if method == "POST" else {}
    query = console.fields[method, path] if method == "GET" else {}
    failures: list[str] = []
    for label, url, kw in _cases(path, method, valid, fields, query, TOKEN, console.choice):
        r = app_client.request(method, url, follow_redirects=False, **_with_token(kw, csrf))
        why = _problem(r)
        if why:
            failures.append(f"{method} {path} [{label}]: {why}")
        if r.headers.get("location", "").startswith("/console/sign-in") or path.startswith(
            "/console/sign-"
        ):
            app_client.cookies.clear()  # signed out (or never in): sign in again
            csrf = _sign_in(app_client)
    assert not failures, "\n".join(failures[:40])


@pytest.mark.parametrize(
    ("method", "path", "status", "title"),
    [
        ("GET", "/console/no-such-page", 404, "Page not found"),
        ("GET", f"/console/schools/{S}/keys/1/rotate", 405, "Not allowed here"),
        ("POST", f"/console/schools/{S}/policy/versions", 405, "Not allowed here"),
        ("GET", "/console/schools/..%2F..%2Fetc%2Fpasswd/keys", 404, "Page not found"),
    ],
)
def test_an_address_no_route_matches_gets_the_consoles_page(
    console: Console, method: str, path: str, status: int, title: str
) -> None:
    app_client = console.client
    app_client.cookies.clear()
    _sign_in(app_client)
    r = app_client.request(method, path, follow_redirects=False)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert f"<h1>{title}</h1>" in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]
    # Outside the console, the API's JSON as before.
    assert app_client.get("/v1/no-such-route").json() == {"detail": "Not Found"}
