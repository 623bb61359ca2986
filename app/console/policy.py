"""The console's Policy page: the editor, the YAML view, review-then-save, dry-run, versions.

The editor is generated from each rule's options schema, the one ``GET /v1/rules``
serves (:func:`app.api.rules.catalogue`), and from the policy's own schema for the
school-wide fields: a field the schema adds (a roll-out mode, say) appears without
a change here. Input is validated by the same pydantic models as the admin API
(each rule's ``Options``, then :class:`~app.policy.Policy` through the API's
``_validate_policy``); saving and roll-back go through the API's
:func:`~app.api.admin.write_policy`, and a dry-run through
:func:`~app.api.admin.dry_run_verdicts` (no audit, nothing stored or logged).

Saving is two steps: a form (or the YAML) is turned into a draft and shown as a
diff against the current version ("Review changes"); only "Confirm" stores it.
"""

from __future__ import annotations

import asyncio
import copy
import difflib
import email.parser
import email.policy
import functools
import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from app.api.admin import _validate_policy, dry_run_verdicts, over_trust, write_policy
from app.api.rules import catalogue
from app.api.schemas import CheckRequest, CheckResponse
from app.console.roles import Permission
from app.console.routes import (
    Here,
    PageError,
    UserDep,
    _changed,
    _csrf_refused,
    _runtime,
    form_fields,
    not_found,
    render,
    require,
)
from app.console.sessions import same_token
from app.domain import Message
from app.eml import EmlError, read_bytes
from app.errors import NotFound
from app.policy import Policy
from app.rules.base import RuleOptions
from app.rules.registry import BY_CODE
from app.runtime import Runtime
from app.store.trusts import check_school_policy
from app.text import whole_number
from app.trusts.overlay import LevelError
from app.yaml_files import YamlFileError, load_yaml

router = APIRouter(prefix="/console", include_in_schema=False)

POLICY_FORM_MAX = 256_000  # every rule's fields, allow-lists of a few thousand entries
POLICY_FORM_FIELDS = 1_000
DRY_RUN_MAX = 5_000_000  # an uploaded .eml or mbox, with the form around it
DRY_RUN_MESSAGES = 50  # messages of an mbox checked, at most

PolicyRead = Annotated[Here, Depends(require(Permission.POLICY_READ))]
PolicyWrite = Annotated[Here, Depends(require(Permission.POLICY_WRITE))]


async def _policy_form(request: Request, user: UserDep) -> dict[str, str]:
    """A Policy page form's fields (larger than the console's usual forms), CSRF checked."""
    fields = await form_fields(request, max_bytes=POLICY_FORM_MAX, max_fields=POLICY_FORM_FIELDS)
    if not same_token(user.csrf, fields.get("csrf")):
        raise _csrf_refused()
    return fields


PolicyForm = Annotated[dict[str, str], Depends(_policy_form)]


# -- the schema, as form fields ----------------------------------------------------


@dataclass(slots=True)
class FormField:
    """One option as a form field: what the template needs to draw it."""

    name: str  # the form's field name: "rules.REC001.max_recipients" or "policy.timezone"
    key: str  # the option: "max_recipients"
    label: str
    description: str
    kind: str  # "number", "integer", "boolean", "select", "lines", "text", "yaml"
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    choices: list[str] = field(default_factory=list)
    nullable: bool = False
    value: str = ""  # as shown in the field
    checked: bool = False
    error: str = ""

    @property
    def id(self) -> str:
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.name)

    @property
    def default_text(self) -> str:
        if self.default is None or self.default == "":
            return "none"
        if isinstance(self.default, bool):
            return "on" if self.default else "off"
        if isinstance(self.default, list):
            return ", ".join(str(x) for x in self.default) if self.default else "none (empty)"
        if isinstance(self.default, dict):
            return "see the YAML view"
        return str(self.default)


@dataclass(slots=True)
class RuleForm:
    code: str
    name: str
    summary: str
    policy_ref: str
    policy_text: str
    fields: list[FormField]


def _resolve(schema: dict[str, Any], prop: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A property's schema with ``$ref`` followed, and whether it may be null."""
    nullable = False
    if "anyOf" in prop:
        options = [p for p in prop["anyOf"] if p.get("type") != "null"]
        nullable = len(options) < len(prop["anyOf"])
        if len(options) == 1:
            prop = {**prop, **options[0]}
    if "$ref" in prop:
        target = schema.get("$defs", {}).get(prop["$ref"].rsplit("/", 1)[-1], {})
        prop = {**target, **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop, nullable


def _kind(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return "select"
    t = prop.get("type")
    if t == "boolean":
        return "boolean"
    if t in ("integer", "number"):
        return str(t)
    if t == "string":
        return "text"
    if t == "array" and prop.get("items", {}).get("type") == "string":
        return "lines"
    return "yaml"  # objects, lists of objects: the YAML view edits these


def _fields(schema: dict[str, Any], prefix: str, skip: frozenset[str]) -> list[FormField]:
    out = []
    for key, raw in schema.get("properties", {}).items():
        if key in skip:
            continue
        prop, nullable = _resolve(schema, raw)
        kind = _kind(prop)
        plain = key.replace("_", " ")
        title = str(raw.get("title") or plain)  # not a $ref'd type's name ("WorkingHours")
        if title.lower() == plain.lower():  # pydantic's own title: "Max Recipients"
            title = plain.capitalize()
        out.append(
            FormField(
                name=f"{prefix}.{key}",
                key=key,
                label=title,
                description=str(raw.get("description") or prop.get("description") or ""),
                kind=kind,
                default=raw.get("default", prop.get("default")),
                minimum=prop.get("minimum"),
                maximum=prop.get("maximum"),
                max_length=prop.get("maxLength"),
                choices=[str(c) for c in prop.get("enum", [])],
                nullable=nullable,
            )
        )
    return out


def _shown(f: FormField, value: Any) -> None:
    """Put ``value`` (the policy's, JSON-shaped) into the field as the page shows it."""
    if f.kind == "boolean":
        f.checked = bool(value)
    elif f.kind == "lines":
        f.value = "\n".join(str(x) for x in value or [])
    elif f.kind == "yaml":
        f.value = yaml.safe_dump(value, sort_keys=True, allow_unicode=True).strip()
    else:
        f.value = "" if value is None else str(value)


@functools.cache
def _policy_schema() -> dict[str, Any]:
    """The policy's JSON schema, generated once (it is fixed for the process)."""
    return Policy.model_json_schema()


def _school_fields(policy: Policy) -> list[FormField]:
    schema = copy.deepcopy(_policy_schema())
    fields = _fields(schema, "policy", frozenset({"version", "rules"}))
    current = policy.model_dump(mode="json")
    for f in fields:
        _shown(f, current.get(f.key))
    return fields


def _rule_forms(policy: Policy) -> list[RuleForm]:
    current = policy.model_dump(mode="json")["rules"]
    forms = []
    for r in catalogue():
        fields = _fields(r["options_schema"], f"rules.{r['code']}", frozenset())
        for f in fields:
            _shown(f, current.get(r["code"], {}).get(f.key, f.default))
        forms.append(
            RuleForm(r["code"], r["name"], r["summary"], r["policy_ref"], r["policy_text"], fields)
        )
    return forms


def _parsed(f: FormField, form: dict[str, str]) -> tuple[bool, Any]:
    """The submitted value of ``f`` as the model takes it; (False, message) when unreadable."""
    raw = form.get(f.name, "")
    if f.kind == "boolean":
        return True, raw in ("on", "true", "1")
    if f.kind == "lines":
        return True, [line.strip() for line in raw.splitlines() if line.strip()]
    if f.nullable and not raw.strip():
        return True, None
    if f.kind == "integer":
        try:
            return True, int(raw.strip())
        except ValueError:
            return False, "Enter a whole number."
    if f.kind == "number":
        try:
            number = float(raw.strip())
        except ValueError:
            return False, "Enter a number."
        return (True, number) if math.isfinite(number) else (False, "Enter a number.")
    return True, raw


def _set_or_default(doc: dict[str, Any], f: FormField, value: Any) -> None:
    """Keep what the school had set; add a value only when it is not the default, so a
    saved form does not turn every default into a school setting."""
    if f.key in doc or value != f.default:
        doc[f.key] = value


@dataclass(slots=True)
class Draft:
    """A form read into a policy document, or the problems that stop it."""

    document: dict[str, Any]
    problems: list[FormField]
    rules: list[RuleForm]
    school: list[FormField]
    general: list[str]


def _from_form(current: Policy, form: dict[str, str]) -> Draft:
    doc = current.content_dict()
    rules_doc: dict[str, dict[str, Any]] = dict(doc.get("rules", {}))
    school = _school_fields(current)
    rules = _rule_forms(current)
    problems: list[FormField] = []
    for f in school:
        if f.kind == "yaml":
            continue  # edited in the YAML view
        ok, value = _parsed(f, form)
        _shown_raw(f, form)
        if not ok:
            f.error = str(value)
            problems.append(f)
        else:
            _set_or_default(doc, f, value)
    for rf in rules:
        settings = dict(rules_doc.get(rf.code, {}))
        readable: dict[str, FormField] = {}
        for f in rf.fields:
            if f.kind == "yaml":
                continue
            ok, value = _parsed(f, form)
            _shown_raw(f, form)
            if not ok:
                f.error = str(value)
                problems.append(f)
                continue
            _set_or_default(settings, f, value)
            readable[f.key] = f
        # The rule's own options model, as the API's validation uses it, per field.
        rule_model = _options_model(rf.code)
        try:
            rule_model.model_validate(settings)
        except ValidationError as exc:
            for e in exc.errors(include_url=False, include_input=False):
                target = readable.get(str(e["loc"][0])) if e["loc"] else None
                if target is None:
                    target = rf.fields[0]
                if not target.error:
                    target.error = str(e["msg"])
                    problems.append(target)
        if settings:
            rules_doc[rf.code] = settings
        else:
            rules_doc.pop(rf.code, None)
    if rules_doc:
        doc["rules"] = rules_doc
    general: list[str] = []
    if not problems:
        try:
            _validate_policy(doc)
        except HTTPException as exc:
            by_name = {f.name: f for f in school}
            for (key, msg), line in zip(_problem_locs(exc), _problem_lines(exc), strict=True):
                hit = by_name.get(f"policy.{key}")
                if hit is not None and hit.kind != "yaml":
                    hit.error = hit.error or msg
                    problems.append(hit)
                else:
                    general.append(line)
    return Draft(doc, problems, rules, school, general)


def _shown_raw(f: FormField, form: dict[str, str]) -> None:
    if f.kind == "boolean":
        f.checked = form.get(f.name, "") in ("on", "true", "1")
    else:
        f.value = form.get(f.name, "")


def _options_model(code: str) -> type[RuleOptions]:
    return BY_CODE[code].Options


def _problem_locs(exc: HTTPException) -> list[tuple[str, str]]:
    """(top-level key, message) per problem, in the order of :func:`_problem_lines`."""
    if not isinstance(exc.detail, list):
        return [("", str(exc.detail))]
    details: list[dict[str, Any]] = exc.detail
    out = []
    for d in details:
        loc = [str(x) for x in d.get("loc", [])][2:]  # drop "body", "policy"
        out.append((loc[0] if loc else "", str(d.get("msg", ""))))
    return out


def _problem_lines(exc: HTTPException) -> list[str]:
    if not isinstance(exc.detail, list):
        return [str(exc.detail)]
    out = []
    for d in exc.detail:
        loc = ".".join(str(x) for x in d.get("loc", [])[2:]) or "policy"
        out.append(f"{loc}: {d.get('msg', '')}")
    return out


# -- YAML and the diff ----------------------------------------------------------------


def as_yaml(document: dict[str, Any]) -> str:
    if not document:
        return "{}\n"
    return yaml.safe_dump(document, sort_keys=True, allow_unicode=True, default_flow_style=False)


@dataclass(frozen=True, slots=True)
class DiffLine:
    kind: str  # "added", "removed", "same", "gap"
    old: int | None
    new: int | None
    text: str

    @property
    def sign(self) -> str:
        return {"added": "+", "removed": "-", "same": " ", "gap": "…"}[self.kind]

    @property
    def label(self) -> str:
        return {"added": "Added", "removed": "Removed", "same": "Unchanged", "gap": ""}[self.kind]


def diff_lines(before: str, after: str, context: int = 3) -> list[DiffLine]:
    """The YAML diff as rows (difflib), with ``context`` unchanged lines around each change."""
    a, b = before.splitlines(), after.splitlines()
    out: list[DiffLine] = []
    groups = list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context))
    for n, group in enumerate(groups):
        if n or (group and (group[0][1] > 0 or group[0][3] > 0)):
            out.append(DiffLine("gap", None, None, "unchanged lines not shown"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(
                    DiffLine("same", i + 1, j1 + k + 1, a[i]) for k, i in enumerate(range(i1, i2))
                )
                continue
            if tag in ("delete", "replace"):
                out.extend(DiffLine("removed", i + 1, None, a[i]) for i in range(i1, i2))
            if tag in ("insert", "replace"):
                out.extend(DiffLine("added", None, j + 1, b[j]) for j in range(j1, j2))
    return out


# -- reading the store -------------------------------------------------------------


def _current(runtime: Runtime, tenant_id: str) -> Policy:
    with runtime.store.db.session() as session:
        return runtime.store.scoped(session, tenant_id).policy()


def _base(here: Here) -> str:
    return f"/console/schools/{here.school.slug}/policy"


def _page(request: Request, name: str, here: Here, status: int = 200, **ctx: Any) -> Response:
    return render(
        request,
        name,
        status,
        here=here,
        P=Permission,
        page="policy",
        pbase=_base(here),
        can_write=here.can(Permission.POLICY_WRITE),
        **ctx,
    )


# -- the editor ---------------------------------------------------------------------


@router.get("/schools/{school}/policy")
async def policy_page(request: Request, here: PolicyRead, done: str = "") -> Response:
    policy = await asyncio.to_thread(_current, _runtime(request), here.school.id)
    notice = {
        "unchanged": "Nothing changed: the draft is the current policy, so no new version "
        "was made.",
    }.get(done, "")
    return _page(
        request,
        "policy.html",
        here,
        policy=policy,
        rules=_rule_forms(policy),
        school_fields=_school_fields(policy),
        problems=[],
        general=[],
        notice=notice,
    )


@router.post("/schools/{school}/policy/review")
async def review_form(request: Request, here: PolicyWrite, form: PolicyForm) -> Response:
    """The editor's form read into a draft: its problems beside their fields (422), or the diff."""
    current = await asyncio.to_thread(_current, _runtime(request), here.school.id)
    draft = _from_form(current, form)
    if draft.problems or draft.general:
        return _page(
            request,
            "policy.html",
            here,
            422,
            policy=current,
            rules=draft.rules,
            school_fields=draft.school,
            problems=draft.problems,
            general=draft.general,
            notice="",
        )
    policy = _validate_policy(draft.document)
    clash = await asyncio.to_thread(_level_clash, _runtime(request), here.school.id, policy)
    if clash:
        return _page(
            request,
            "policy.html",
            here,
            422,
            policy=current,
            rules=draft.rules,
            school_fields=draft.school,
            problems=[],
            general=clash,
            notice="",
        )
    return _review(request, here, current, policy)


def _level_clash(runtime: Runtime, tenant_id: str, draft: Policy) -> list[str]:
    """Why ``draft`` (valid alone) would not be a policy with the school's trust's policy
    or a staff group's, one line a setting; ``[]`` if it would."""
    with runtime.store.db.session() as session:
        try:
            check_school_policy(runtime.store.scoped(session, tenant_id), draft.content_dict())
        except LevelError as exc:
            return _level_lines(exc)
    return []


def _level_lines(exc: LevelError) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in loc) or 'policy'}: {msg} (with {exc.where})"
        for loc, msg in exc.problems
    ]


def _review(request: Request, here: Here, current: Policy, draft: Policy) -> Response:
    before, after = as_yaml(current.content_dict()), as_yaml(draft.content_dict())
    return _page(
        request,
        "policy_review.html",
        here,
        current=current,
        rows=diff_lines(before, after),
        unchanged=before == after,
        draft_json=json.dumps(draft.content_dict(), sort_keys=True),
        draft_yaml=after,
    )


@router.get("/schools/{school}/policy/yaml")
async def yaml_page(request: Request, here: PolicyRead) -> Response:
    policy = await asyncio.to_thread(_current, _runtime(request), here.school.id)
    return _page(
        request,
        "policy_yaml.html",
        here,
        policy=policy,
        text=as_yaml(policy.content_dict()),
        full=as_yaml({k: v for k, v in policy.model_dump(mode="json").items() if k != "version"}),
        errors=[],
    )


def _read_yaml(text: str) -> tuple[Policy | None, list[str]]:
    """The YAML as a validated policy, or the problems (never the text around them)."""
    try:
        data = load_yaml(text)
    except YamlFileError as exc:
        return None, [str(exc)]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, ["The policy is a mapping (key: value lines) at the top level."]
    data.pop("version", None)  # set by the store, as the API's documents carry it
    try:
        return _validate_policy(data), []
    except HTTPException as exc:
        return None, _problem_lines(exc)


@router.post("/schools/{school}/policy/yaml")
async def review_yaml(request: Request, here: PolicyWrite, form: PolicyForm) -> Response:
    current = await asyncio.to_thread(_current, _runtime(request), here.school.id)
    text = form.get("yaml", "")
    draft, errors = _read_yaml(text)
    if draft is not None:
        errors = await asyncio.to_thread(_level_clash, _runtime(request), here.school.id, draft)
        draft = None if errors else draft
    if draft is None:
        return _page(
            request,
            "policy_yaml.html",
            here,
            422,
            policy=current,
            text=text,
            full=as_yaml(
                {k: v for k, v in current.model_dump(mode="json").items() if k != "version"}
            ),
            errors=errors,
        )
    return _review(request, here, current, draft)


@router.post("/schools/{school}/policy/save")
async def save(request: Request, here: PolicyWrite, form: PolicyForm) -> Response:
    """Confirm: store the reviewed draft, unless the policy changed since the review."""
    runtime = _runtime(request)
    try:
        document = json.loads(form.get("draft", ""))
        base = int(form.get("base", ""))
    except ValueError:
        raise PageError(400, "Bad form", "Save the policy from the review page.") from None
    if not isinstance(document, dict):
        raise PageError(400, "Bad form", "Save the policy from the review page.")
    comment = form.get("comment", "").strip()
    if len(comment) > 500 or "\x00" in comment:
        raise PageError(400, "Comment too long", "Keep the comment to 500 characters.")
    try:
        draft = _validate_policy(document)
    except HTTPException as exc:
        raise PageError(422, "Policy not valid", "; ".join(_problem_lines(exc))) from None

    def write() -> tuple[int, bool]:
        with runtime.store.db.session() as session:
            repo = runtime.store.scoped(session, here.school.id)
            if repo.current_version() != base:
                raise PageError(
                    409,
                    "The policy changed meanwhile",
                    "Someone saved a new version after you reviewed yours. Open the policy "
                    "again, make your change there and review it.",
                )
            info, changed = write_policy(repo, draft, by=here.user.identity.email, comment=comment)
            return info.version, changed

    try:
        version, changed = await asyncio.to_thread(write)
    except LevelError as exc:
        raise _level_refused(exc) from None
    if not changed:
        return RedirectResponse(f"{_base(here)}?done=unchanged", status_code=303)
    await _changed(request, here, "policy.save", f"v{version}")
    return RedirectResponse(f"{_base(here)}/versions?done=saved&v={version}", status_code=303)


def _level_refused(exc: LevelError) -> PageError:
    """The draft is a policy alone but not with the trust's policy or a staff group's."""
    shown = "; ".join(_level_lines(exc))
    return PageError(
        422,
        "Not valid with the policy above it",
        f"Nothing was saved. This policy would not be valid with {exc.where}: {shown}. "
        "Change these settings (or ask who manages that level) and review again.",
    )


# -- versions and roll-back -----------------------------------------------------------


@router.get("/schools/{school}/policy/versions")
async def versions_page(
    request: Request, here: PolicyRead, done: str = "", v: str = ""
) -> Response:
    runtime = _runtime(request)

    def read() -> tuple[list[Any], int]:
        with runtime.store.db.session() as session:
            repo = runtime.store.scoped(session, here.school.id)
            return repo.policy_versions(limit=500), repo.current_version()

    versions, current = await asyncio.to_thread(read)
    number = v if whole_number(v, 2**31 - 1) is not None else ""
    notice = {
        "saved": f"Saved as version {number}.",
        "rolledback": f"Rolled back: version {number} is the policy now.",
        "same": "That version is the current policy: nothing to roll back.",
    }.get(done, "")
    return _page(
        request, "policy_versions.html", here, versions=versions, current=current, notice=notice
    )


def _version(raw: str) -> int:
    n = whole_number(raw, 2**31 - 1, least=1)
    if n is None:
        raise not_found()
    return n


@router.get("/schools/{school}/policy/versions/{version}")
async def version_page(request: Request, here: PolicyRead, version: str) -> Response:
    wanted = _version(version)
    runtime = _runtime(request)

    def read() -> tuple[Policy, Policy]:
        with runtime.store.db.session() as session:
            repo = runtime.store.scoped(session, here.school.id)
            return repo.policy(wanted), repo.policy()

    try:
        old, current = await asyncio.to_thread(read)
    except NotFound:
        raise not_found() from None
    before, after = as_yaml(current.content_dict()), as_yaml(old.content_dict())
    return _page(
        request,
        "policy_version.html",
        here,
        old=old,
        current=current,
        text=after,
        rows=diff_lines(before, after),
        unchanged=before == after,
    )


@router.post("/schools/{school}/policy/versions/{version}/rollback")
async def rollback(request: Request, here: PolicyWrite, form: PolicyForm, version: str) -> Response:
    """Roll back: a new version equal to the old one (history is never rewritten)."""
    wanted = _version(version)
    runtime = _runtime(request)

    def write() -> tuple[int, bool]:
        with runtime.store.db.session() as session:
            repo = runtime.store.scoped(session, here.school.id)
            old = repo.policy(wanted)
            info, changed = write_policy(
                repo,
                Policy.model_validate(old.content_dict()),
                by=here.user.identity.email,
                comment=f"roll back to version {wanted}",
            )
            return info.version, changed

    try:
        new, changed = await asyncio.to_thread(write)
    except NotFound:
        raise not_found() from None
    except LevelError as exc:
        raise _level_refused(exc) from None
    if not changed:
        return RedirectResponse(f"{_base(here)}/versions?done=same", status_code=303)
    await _changed(request, here, "policy.rollback", f"v{wanted}->v{new}")
    return RedirectResponse(f"{_base(here)}/versions?done=rolledback&v={new}", status_code=303)


# -- dry-run ------------------------------------------------------------------------


@dataclass(slots=True)
class Sample:
    """One message tried: where it came from (never its content), and both verdicts."""

    label: str
    recipients: int
    attachments: int
    current: CheckResponse | None = None
    draft: CheckResponse | None = None
    error: str = ""

    @property
    def differs(self) -> bool:
        if self.current is None or self.draft is None:
            return False
        return (self.current.action, _codes(self.current)) != (
            self.draft.action,
            _codes(self.draft),
        )


def _codes(r: CheckResponse) -> list[tuple[str, str]]:
    return [(f.code, f.severity) for f in r.findings]


PASTED = ("from", "to", "cc", "bcc", "subject", "sizes", "sent")


def _dry_run_page(
    request: Request,
    here: Here,
    status: int = 200,
    *,
    draft_text: str,
    fields: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    samples: list[Sample] | None = None,
    general: list[str] | None = None,
) -> Response:
    return _page(
        request,
        "policy_dry_run.html",
        here,
        status,
        draft_text=draft_text,
        fields=fields or {},
        errors=errors or {},
        samples=samples or [],
        general=general or [],
        max_mb=DRY_RUN_MAX // 1_000_000,
        max_messages=DRY_RUN_MESSAGES,
    )


@router.get("/schools/{school}/policy/dry-run")
async def dry_run_page(request: Request, here: PolicyRead) -> Response:
    policy = await asyncio.to_thread(_current, _runtime(request), here.school.id)
    return _dry_run_page(request, here, draft_text=as_yaml(policy.content_dict()))


def _multipart(content_type: str, body: bytes) -> tuple[dict[str, str], list[tuple[str, bytes]]]:
    """A multipart/form-data body (bounded by the caller): text fields and files."""
    m = re.search(r'boundary="?([^";,\s]{1,200})"?', content_type)
    if not m:
        raise PageError(400, "Bad form", "The form could not be read.")
    parts = body.split(b"--" + m.group(1).encode("latin-1"))
    if len(parts) < 2 or len(parts) > 40:
        raise PageError(400, "Bad form", "The form could not be read.")
    fields: dict[str, str] = {}
    files: list[tuple[str, bytes]] = []
    parser = email.parser.BytesHeaderParser(policy=email.policy.HTTP)
    for part in parts[1:]:
        if part.startswith(b"--"):
            break
        head, sep, data = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not sep:
            raise PageError(400, "Bad form", "The form could not be read.")
        data = data.removesuffix(b"\r\n")
        headers = parser.parsebytes(head + b"\r\n\r\n")
        disposition = headers.get("content-disposition")
        params = getattr(disposition, "params", {}) if disposition is not None else {}
        name = str(params.get("name", ""))
        if "filename" in params:
            if data:
                files.append((str(params.get("filename") or "upload"), data))
            continue
        try:
            fields.setdefault(name, data.decode("utf-8"))
        except UnicodeDecodeError:
            raise PageError(400, "Bad form", "The form could not be read.") from None
    return fields, files


def _split_mbox(data: bytes) -> list[bytes]:
    """An mbox's messages, in memory (never written anywhere). ``From `` lines part
    them; a quoted ``>From `` in a body loses one ``>``, as mboxrd reads it."""
    chunks = re.split(rb"(?m)^From [^\r\n]*\r?\n", data)
    out = []
    for chunk in chunks:
        if chunk.strip():
            out.append(re.sub(rb"(?m)^>(>*From )", rb"\1", chunk))
    return out


def _addresses(raw: str) -> list[dict[str, str]]:
    return [{"email": a.strip()} for a in re.split(r"[,;\s]+", raw) if a.strip()]


def _pasted(fields: dict[str, str], zone: Any) -> tuple[Message | None, dict[str, str]]:
    """The pasted fields as a message, validated by the check API's own model."""
    errors: dict[str, str] = {}
    sizes: list[int] = []
    for item in re.split(r"[,;\s]+", fields.get("sizes", "")):
        if not item:
            continue
        try:
            kb = float(item)
        except ValueError:
            errors["sizes"] = "Give sizes in KB as numbers, separated by commas."
            break
        if not 0 <= kb <= 10 * 1024 * 1024:
            errors["sizes"] = "A size is between 0 and 10,485,760 KB (10 GB)."
            break
        sizes.append(round(kb * 1024))
    send_at = None
    if fields.get("sent", "").strip():
        try:
            send_at = datetime.fromisoformat(fields["sent"].strip())
        except ValueError:
            errors["sent"] = "Give the date and time as the field asks (YYYY-MM-DDTHH:MM)."
        else:
            if send_at.tzinfo is None:
                send_at = send_at.replace(tzinfo=zone)
    if not fields.get("from", "").strip():
        errors["from"] = "Give the sender's address."
    if errors:
        return None, errors
    body: dict[str, Any] = {
        "sender": {"email": fields.get("from", "").strip()},
        "to": _addresses(fields.get("to", "")),
        "cc": _addresses(fields.get("cc", "")),
        "bcc": _addresses(fields.get("bcc", "")),
        "subject": fields.get("subject", ""),
        "attachments": [{"name": f"attachment {i + 1}", "size": s} for i, s in enumerate(sizes)],
        "send_at": send_at,
    }
    try:
        request = CheckRequest.model_validate(body)
    except ValidationError as exc:
        names = {"sender": "from", "send_at": "sent", "attachments": "sizes"}
        for e in exc.errors(include_url=False, include_input=False):
            key = str(e["loc"][0]) if e["loc"] else "to"
            key = names.get(key, key) if key in (*PASTED, *names) else "to"
            errors.setdefault(key, str(e["msg"]).removeprefix("Value error, "))
        return None, errors
    return request.to_message(datetime.now(UTC)), {}


@router.post("/schools/{school}/policy/dry-run", max_body_size=DRY_RUN_MAX + 64_000)
async def dry_run(request: Request, here: PolicyRead, user: UserDep) -> Response:
    """Sample messages under the draft and the current policy. Nothing is stored or logged:
    the upload is read in memory and dropped with the request."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        raise PageError(415, "Unsupported form", "Send the form from the page.")
    too_large = PageError(
        413,
        "Upload too large",
        f"The form with its file is over {DRY_RUN_MAX // 1_000_000} MB. Try a smaller .eml or "
        "an mbox with fewer messages.",
    )
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and whole_number(declared, DRY_RUN_MAX) is None:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > DRY_RUN_MAX:
            raise too_large
    fields, files = _multipart(content_type, bytes(body))
    del body
    if not same_token(user.csrf, fields.get("csrf")):
        raise _csrf_refused()
    runtime = _runtime(request)
    current = here.school.policy
    draft_text = fields.get("draft", "")
    draft, general = _read_yaml(draft_text) if draft_text.strip() else (current, [])
    pasted = {k: fields.get(k, "") for k in PASTED}
    if draft is not None:
        try:
            over_trust(runtime, here.school, draft)  # what the dry-run will check under
        except LevelError as exc:
            draft, general = None, _level_lines(exc)
    if draft is None:
        return _dry_run_page(
            request, here, 422, draft_text=draft_text, fields=pasted, general=general
        )
    messages: list[tuple[str, Message | None, str]] = []
    errors: dict[str, str] = {}
    if any(pasted[k].strip() for k in PASTED):
        message, errors = _pasted(pasted, current.zone)
        if message is not None:
            messages.append(("Pasted message", message, ""))
    now = datetime.now(UTC)
    for _name, data in files[:1]:
        raw = _split_mbox(data) if data.startswith(b"From ") else [data]
        kind = "mbox" if data.startswith(b"From ") else "file"
        for n, item in enumerate(raw[:DRY_RUN_MESSAGES], start=1):
            label = f"Message {n} of the {kind}" if kind == "mbox" else "The uploaded message"
            try:
                messages.append((label, read_bytes(item, default_send_at=now), ""))
            except EmlError as exc:
                messages.append((label, None, str(exc)))
        if len(raw) > DRY_RUN_MESSAGES:
            general.append(
                f"The mbox holds {len(raw)} messages: the first {DRY_RUN_MESSAGES} were tried."
            )
    if errors:
        return _dry_run_page(
            request, here, 422, draft_text=draft_text, fields=pasted, errors=errors, general=general
        )
    if not messages and not general:
        general.append("Paste a message's fields or choose an .eml or mbox file to try.")

    def run() -> list[Sample]:
        out = []
        for label, message, problem in messages:
            if message is None:
                out.append(Sample(label, 0, 0, error=problem))
                continue
            verdicts = dry_run_verdicts(runtime, here.school, message, draft)
            out.append(
                Sample(
                    label,
                    len(message.recipients),
                    len(message.attachments),
                    current=verdicts.current,
                    draft=verdicts.draft,
                )
            )
        return out

    samples = await asyncio.to_thread(run)
    return _dry_run_page(
        request,
        here,
        draft_text=draft_text,
        fields=pasted,
        samples=samples,
        general=general,
    )
