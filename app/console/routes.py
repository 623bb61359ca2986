"""The console's pages: sign-in and sign-out, a school's overview, Keys, Roles.

Thin like the API's routes: who is signed in (:func:`signed_in`), what they
may do at this school (:func:`require`, the one permission check), a form's
CSRF token (:func:`checked_form`), then the same store functions the JSON
admin API calls. HTML only, so every route is out of the OpenAPI schema; bad
input answers a 4xx page, never a 500.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from app.api.admin import _reload
from app.console.access import SchoolAccess, reach
from app.console.auth import EntraSignIn, GoogleSignIn, Identity, SignInError
from app.console.groups import with_google_groups
from app.console.roles import ROLE_LABELS, Permission, Role
from app.console.sessions import Cookies, User, same_token
from app.console.settings import ConsoleSettings
from app.demo import SLUG as DEMO_SLUG
from app.errors import Conflict, EtiquetteError, NotFound, Unauthenticated
from app.runtime import Runtime
from app.store.console import Assignment, ConsoleStore, Scope
from app.store.repository import KeyInfo
from app.tenant_state import TenantState
from app.text import whole_number

router = APIRouter(prefix="/console", include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

DEMO_ADMIN = "admin@stmarys.sch.uk"
GROUPS_UNKNOWN = (
    " Your groups could not be read (for Entra ID: more than a sign-in carries, and Microsoft "
    "Graph did not answer; for Google: the school's Google Workspace directory did not "
    "answer), so roles given to your groups do not apply: ask for a role by email address."
)
_MAX_FORM = 8_000


class PageError(EtiquetteError):
    """Answered as an HTML page with this status (see :func:`app.console.mount`)."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(title)
        self.status, self.title, self.message = status, title, message


class NotSignedIn(Unauthenticated):
    """Answered with a redirect to the sign-in page."""


def not_found() -> PageError:
    # Another school's pages, or one that does not exist: the same answer.
    return PageError(404, "Page not found", "There is no such page, or it is not yours to see.")


@dataclass(frozen=True, slots=True)
class Console:
    """What the pages share: set on ``app.state.console`` by :func:`app.console.mount`."""

    settings: ConsoleSettings
    cookies: Cookies
    entra: EntraSignIn
    google: GoogleSignIn


def _console(request: Request) -> Console:
    c: Console = request.app.state.console
    return c


def _runtime(request: Request) -> Runtime:
    r: Runtime = request.app.state.runtime
    return r


def _store(request: Request) -> ConsoleStore:
    return ConsoleStore(_runtime(request).store.db)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    # Pages may show a new key: never cache them, never frame them.
    response.headers["cache-control"] = "no-store"
    response.headers["x-frame-options"] = "DENY"
    response.headers["content-security-policy"] = (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    )
    return response


# -- who is signed in, and what they may do here --------------------------------


async def signed_in(request: Request) -> User:
    user = await asyncio.to_thread(_console(request).cookies.user, request, _store(request))
    if user is None:
        raise NotSignedIn()
    return user


UserDep = Annotated[User, Depends(signed_in)]


@dataclass(frozen=True, slots=True)
class Here:
    """The signed-in user at one school, with everything the layout needs."""

    user: User
    access: SchoolAccess
    schools: dict[str, SchoolAccess]

    @property
    def school(self) -> TenantState:
        return self.access.school

    def can(self, permission: Permission) -> bool:
        return self.access.can(permission)


async def _here(request: Request, school: str, user: UserDep) -> Here:
    schools = await asyncio.to_thread(reach, user.identity, _runtime(request), _store(request))
    access = schools.get(school)
    if access is None:
        raise not_found()
    return Here(user, access, schools)


def require(permission: Permission) -> Callable[..., Awaitable[Here]]:
    """The one permission check: the signed-in user at ``{school}`` with ``permission``."""

    async def dep(request: Request, school: str, user: UserDep) -> Here:
        here = await _here(request, school, user)
        if not here.can(permission):
            raise PageError(
                403,
                "Not allowed",
                "Your role at this school does not include this page or action. "
                "Ask the school's Etiquette admin.",
            )
        return here

    return dep


async def form_fields(
    request: Request, *, max_bytes: int = _MAX_FORM, max_fields: int = 20
) -> dict[str, str]:
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise PageError(415, "Unsupported form", "Send the form from the page.")
    body = await request.body()
    if len(body) > max_bytes:
        raise PageError(413, "Form too large", "The form is larger than any page sends.")
    try:
        pairs = parse_qsl(body.decode(), max_num_fields=max_fields)
    except (UnicodeDecodeError, ValueError):
        raise PageError(400, "Bad form", "The form could not be read.") from None
    out: dict[str, str] = {}
    for k, v in pairs:
        out.setdefault(k, v)
    return out


def _csrf_refused() -> PageError:
    return PageError(
        403,
        "Form expired",
        "This form's security token is missing or out of date. Go back, reload the page "
        "and try again.",
    )


async def checked_form(request: Request, user: UserDep) -> dict[str, str]:
    """The form's fields, once its CSRF token matches the session's (else 403)."""
    fields = await form_fields(request)
    if not same_token(user.csrf, fields.get("csrf")):
        raise _csrf_refused()
    return fields


FormDep = Annotated[dict[str, str], Depends(checked_form)]


def _go(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _id(raw: str) -> int:
    n = whole_number(raw, 2**31 - 1, least=1)
    if n is None:
        raise not_found()
    return n


# -- sign-in and sign-out -------------------------------------------------------


def _redirect_uri(request: Request, provider: str) -> str:
    base = _console(request).settings.public_url or str(request.base_url)
    return f"{base.rstrip('/')}/console/auth/{provider}/callback"


@router.get("/sign-in")
async def sign_in_page(request: Request) -> Response:
    console = _console(request)
    demo = _runtime(request).settings.demo
    flow = console.cookies.flow(request) or {}
    token = flow.get("form") if isinstance(flow.get("form"), str) else None
    token = token or secrets.token_urlsafe(24)
    response = render(
        request,
        "sign_in.html",
        entra=console.settings.entra_configured,
        google=console.settings.google_configured,
        demo=demo,
        demo_admin=DEMO_ADMIN,
        form_token=token,
    )
    console.cookies.set_flow(response, {"form": token})
    return response


@router.get("/sign-in/entra")
async def sign_in_entra(request: Request) -> Response:
    console = _console(request)
    if not console.settings.entra_configured:
        raise PageError(
            503,
            "Entra ID sign-in is not configured",
            "This service has no Entra ID app registration for the console. An operator sets "
            "ETIQUETTE_CONSOLE_ENTRA_CLIENT_ID and the client secret (see the README's "
            "Console section).",
        )
    try:
        flow = await console.entra.start(_runtime(request).http, _redirect_uri(request, "entra"))
    except SignInError as exc:
        raise PageError(502, "Sign-in failed", str(exc)) from None
    response = _go(str(flow["auth_uri"]))
    console.cookies.set_flow(response, flow)
    return response


@router.get("/auth/entra/callback")
async def entra_callback(request: Request) -> Response:
    console = _console(request)
    flow = console.cookies.flow(request)
    if not console.settings.entra_configured or flow is None or "state" not in flow:
        raise _expired()
    params = _answer(request)
    try:
        identity = await console.entra.finish(
            _runtime(request).http, flow, params, _store(request).group_principals
        )
    except SignInError as exc:
        raise PageError(403, "Sign-in failed", str(exc)) from None
    return await _welcome(request, identity)


@router.get("/sign-in/google")
async def sign_in_google(request: Request) -> Response:
    console = _console(request)
    if not console.settings.google_configured:
        raise PageError(
            503,
            "Google sign-in is not configured",
            "This service has no Google OAuth client for the console. An operator sets "
            "ETIQUETTE_CONSOLE_GOOGLE_CLIENT_ID and the client secret (see the README's "
            "Console section).",
        )
    flow = console.google.start(_redirect_uri(request, "google"))
    response = _go(str(flow["auth_uri"]))
    console.cookies.set_flow(response, flow)
    return response


@router.get("/auth/google/callback")
async def google_callback(request: Request) -> Response:
    console = _console(request)
    flow = console.cookies.flow(request)
    if not console.settings.google_configured or flow is None or "auth_uri" not in flow:
        raise _expired()
    params = _answer(request)
    try:
        identity = await console.google.finish(_runtime(request).http, flow, params)
    except SignInError as exc:
        raise PageError(403, "Sign-in failed", str(exc)) from None
    runtime = _runtime(request)
    identity = await with_google_groups(identity, runtime, _store(request), runtime.http)
    return await _welcome(request, identity)


def _expired() -> PageError:
    return PageError(
        400,
        "Sign-in expired",
        "The sign-in took too long or was not started here. Start again from the sign-in page.",
    )


def _answer(request: Request) -> dict[str, str]:
    """The provider's answer (query string); an error answer is a 403 page."""
    params = {k: v for k, v in request.query_params.items() if len(v) < 4096}
    if "error" in params:
        raise PageError(403, "Sign-in cancelled", "The identity provider did not sign you in.")
    return params


async def _welcome(request: Request, identity: Identity) -> Response:
    """Open a session if the identity holds a role somewhere, else a 403 page."""
    store = _store(request)
    schools = await asyncio.to_thread(reach, identity, _runtime(request), store)
    if not schools:
        return render(
            request,
            "error.html",
            403,
            title="No access",
            message=f"You signed in as {identity.email}, but you hold no Etiquette role at a "
            "school that uses this sign-in. Ask your school's Etiquette admin to add you."
            + (GROUPS_UNKNOWN if identity.groups_unknown else ""),
        )
    response = _go("/console/")
    await asyncio.to_thread(_console(request).cookies.open_session, store, identity, response)
    return response


@router.post("/sign-in/demo")
async def sign_in_demo(request: Request) -> Response:
    """The demo's local sign-in as its school's admin: in demo mode only."""
    runtime = _runtime(request)
    if not runtime.settings.demo:
        raise not_found()
    fields = await form_fields(request)
    flow = _console(request).cookies.flow(request) or {}
    if not same_token(str(flow.get("form", "")), fields.get("csrf")):
        raise _csrf_refused()
    state = next((s for s in runtime.tenants() if s.slug == DEMO_SLUG), None)
    if state is None:
        raise not_found()
    store = _store(request)
    scope = Scope(tenant_id=state.id)

    def ensure_admin() -> None:
        if not any(
            a.principal == DEMO_ADMIN and a.role == Role.ADMIN for a in store.assignments(scope)
        ):
            store.assign(
                scope, principal_kind="email", principal=DEMO_ADMIN, role="admin", by="demo"
            )

    await asyncio.to_thread(ensure_admin)
    return await _welcome(request, Identity("demo", DEMO_ADMIN, "demo"))


@router.post("/sign-out")
async def sign_out(request: Request, user: UserDep, _: FormDep) -> Response:
    response = _go("/console/sign-in")
    await asyncio.to_thread(
        _console(request).cookies.close_session, _store(request), user, response
    )
    return response


# -- pages ------------------------------------------------------------------------


@router.get("/")
async def home(request: Request, user: UserDep, school: str = "") -> Response:
    """Your schools; with one (or the switcher's ``?school=``), straight to it."""
    schools = await asyncio.to_thread(reach, user.identity, _runtime(request), _store(request))
    if school in schools:
        return _go(f"/console/schools/{school}/")
    if len(schools) == 1:
        return _go(f"/console/schools/{next(iter(schools))}/")
    return render(request, "home.html", user=user, schools=schools, here=None)


ViewDep = Annotated[Here, Depends(require(Permission.VIEW))]


@router.get("/schools/{school}/")
async def overview(request: Request, here: ViewDep) -> Response:
    changes = []
    if here.can(Permission.CHANGES_READ):
        changes = await asyncio.to_thread(
            _store(request).changes, Scope(tenant_id=here.school.id), limit=20
        )
    return render(
        request, "overview.html", here=here, changes=changes, labels=ROLE_LABELS, P=Permission
    )


KeysRead = Annotated[Here, Depends(require(Permission.KEYS_READ))]
KeysWrite = Annotated[Here, Depends(require(Permission.KEYS_WRITE))]


def _keys(runtime: Runtime, tenant_id: str) -> list[KeyInfo]:
    with runtime.store.db.session() as session:
        return runtime.store.scoped(session, tenant_id).api_keys()


@router.get("/schools/{school}/keys")
async def keys_page(request: Request, here: KeysRead, done: str = "") -> Response:
    keys = await asyncio.to_thread(_keys, _runtime(request), here.school.id)
    notice = {"revoked": "The key was revoked."}.get(done, "")
    return render(request, "keys.html", here=here, keys=keys, notice=notice, P=Permission)


def _may_touch(here: Here, role: str) -> None:
    if role == "admin" and not here.can(Permission.ADMIN_KEYS_WRITE):
        raise PageError(403, "Not allowed", "Only the school's admins manage admin keys.")


async def _changed(request: Request, here: Here, code: str, target: str) -> None:
    runtime = _runtime(request)
    await asyncio.to_thread(
        _store(request).record,
        Scope(tenant_id=here.school.id),
        actor=here.user.identity.email,
        code=code,
        target=target,
    )
    await _reload(runtime, here.school.id)


@router.post("/schools/{school}/keys")
async def create_key(request: Request, here: KeysWrite, form: FormDep) -> Response:
    role = form.get("role", "check")
    label = form.get("label", "").strip()
    if role not in ("check", "admin") or len(label) > 100 or any(ord(c) < 32 for c in label):
        raise PageError(400, "Bad key", "Choose a role and a label of at most 100 characters.")
    _may_touch(here, role)
    runtime = _runtime(request)

    def write() -> tuple[KeyInfo, str]:
        with runtime.store.db.session() as session:
            return runtime.store.scoped(session, here.school.id).issue_key(role, label)

    info, key = await asyncio.to_thread(write)
    await _changed(request, here, "key.create", str(info.id))
    return render(request, "key_created.html", here=here, info=info, key=key, P=Permission)


async def _key(request: Request, here: Here, key_id: str) -> KeyInfo:
    wanted = _id(key_id)
    for k in await asyncio.to_thread(_keys, _runtime(request), here.school.id):
        if k.id == wanted:
            return k
    raise not_found()


@router.get("/schools/{school}/keys/{key_id}/revoke")
async def revoke_confirm(request: Request, here: KeysWrite, key_id: str) -> Response:
    info = await _key(request, here, key_id)
    _may_touch(here, info.role)
    return render(request, "key_revoke.html", here=here, info=info, P=Permission)


@router.post("/schools/{school}/keys/{key_id}/revoke")
async def revoke_key(request: Request, here: KeysWrite, form: FormDep, key_id: str) -> Response:
    info = await _key(request, here, key_id)
    _may_touch(here, info.role)
    runtime = _runtime(request)

    def write() -> KeyInfo:
        with runtime.store.db.session() as session:
            return runtime.store.scoped(session, here.school.id).revoke_key(info.id)

    try:
        await asyncio.to_thread(write)
    except NotFound:
        raise not_found() from None
    except Conflict as exc:
        raise PageError(409, "Key not revoked", f"{exc}.") from None
    await _changed(request, here, "key.revoke", str(info.id))
    return _go(f"/console/schools/{here.school.slug}/keys?done=revoked")


@router.post("/schools/{school}/keys/{key_id}/rotate")
async def rotate_key(request: Request, here: KeysWrite, form: FormDep, key_id: str) -> Response:
    info = await _key(request, here, key_id)
    _may_touch(here, info.role)
    runtime = _runtime(request)

    def write() -> tuple[KeyInfo, str]:
        with runtime.store.db.session() as session:
            return runtime.store.scoped(session, here.school.id).rotate_key(info.id)

    try:
        new, key = await asyncio.to_thread(write)
    except NotFound:
        raise not_found() from None
    await _changed(request, here, "key.rotate", f"{info.id}->{new.id}")
    return render(request, "key_created.html", here=here, info=new, key=key, P=Permission)


RolesRead = Annotated[Here, Depends(require(Permission.ROLES_READ))]
RolesWrite = Annotated[Here, Depends(require(Permission.ROLES_WRITE))]


@router.get("/schools/{school}/roles")
async def roles_page(request: Request, here: RolesRead) -> Response:
    store = _store(request)
    school = here.school
    own = await asyncio.to_thread(store.assignments, Scope(tenant_id=school.id))
    inherited = (
        await asyncio.to_thread(store.assignments, Scope(trust_id=school.trust_id))
        if school.trust_id
        else []
    )
    return render(
        request,
        "roles.html",
        here=here,
        own=own,
        inherited=inherited,
        trust=_runtime(request).trust(school.trust_id) if school.trust_id else None,
        labels=ROLE_LABELS,
        roles=list(Role),
        P=Permission,
    )


def parse_assignment(form: dict[str, str]) -> tuple[str, str, str]:
    """(kind, principal, role) of an "Add a role" form (a school's or a trust's),
    or a 400 page naming the problem."""
    kind = form.get("kind", "")
    principal = form.get("principal", "").strip().lower()
    role = form.get("role", "")
    valid = (
        kind in ("email", "group")
        and role in {r.value for r in Role}
        and 3 <= len(principal) <= 320
        and all(32 < ord(c) < 127 for c in principal)
        and (kind != "email" or principal.count("@") == 1)
    )
    if not valid:
        raise PageError(
            400, "Bad role assignment", "Give an email address (or a group id) and a role."
        )
    return kind, principal, role


@router.post("/schools/{school}/roles")
async def assign_role(request: Request, here: RolesWrite, form: FormDep) -> Response:
    kind, principal, role = parse_assignment(form)
    scope = Scope(tenant_id=here.school.id)
    try:
        a = await asyncio.to_thread(
            _store(request).assign,
            scope,
            principal_kind=kind,
            principal=principal,
            role=role,
            by=here.user.identity.email,
        )
    except Conflict:
        raise PageError(409, "Already assigned", "That role is already assigned.") from None
    await _changed(request, here, "role.assign", str(a.id))
    return _go(f"/console/schools/{here.school.slug}/roles")


@router.post("/schools/{school}/roles/{assignment_id}/remove")
async def remove_role(
    request: Request, here: RolesWrite, form: FormDep, assignment_id: str
) -> Response:
    scope = Scope(tenant_id=here.school.id)
    store = _store(request)
    wanted = _id(assignment_id)

    def remove() -> Assignment:
        # The last admin of a school (with none at its trust) stays: the console
        # would be locked, as the API keeps the last admin key.
        admins = [a for a in store.assignments(scope) if a.role == Role.ADMIN]
        if here.school.trust_id:
            admins += [
                a
                for a in store.assignments(Scope(trust_id=here.school.trust_id))
                if a.role == Role.ADMIN
            ]
        if [a.id for a in admins] == [wanted]:
            raise PageError(
                409, "Role not removed", "This is the school's last admin: add another first."
            )
        return store.unassign(scope, wanted)

    try:
        a = await asyncio.to_thread(remove)
    except NotFound:
        raise not_found() from None
    await _changed(request, here, "role.remove", str(a.id))
    return _go(f"/console/schools/{here.school.slug}/roles")
