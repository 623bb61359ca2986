"""The OpenAPI document: one error shape for every error, documented per operation.

Every error the service answers (4xx and 5xx) is ``{"detail": ...}``
(:class:`Error`): a sentence, or for a 422 the list of problems, each naming
where (``loc``: body / query / path, then the field, or the CSV row and
column) and what (``msg``), never echoing the value sent. Which errors each
operation can answer is listed here, in one place, and ``tests/api/
test_openapi.py`` plus the schemathesis run check the answers against it.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field


class ErrorItem(BaseModel):
    loc: list[str | int] = Field(
        description="Where: body, query or path, then the field name or list index; for a "
        "CSV upload, the row number (1 is the header) and the column."
    )
    msg: str = Field(description="What is wrong, in words (the value sent is not repeated).")
    type: str = Field(description="A stable kind of problem: missing, value_error, csv, ...")


class Error(BaseModel):
    """Every error answer has this shape."""

    detail: str | list[ErrorItem] = Field(
        description="A sentence (401, 403, 404, 409, 413, 503) or, for a 422, the list of "
        "problems found."
    )


_WHY = {
    "400": "The request could not be read.",
    "401": "No key, an unknown or revoked key, or a token that does not verify.",
    "403": "The key cannot do this (a check key on an admin route; another school's sender).",
    "404": "Not found, or not yours: another school's slug answers 404 too.",
    "409": "Clashes with what is stored (a domain or identity another school has; an upload "
    "removing more than the allowed share without confirm_removals).",
    "413": "The body is over the limit (1 MB; 50 MB for directory uploads).",
    "422": "The request is not valid: each problem names its field or CSV row and column.",
    "502": "A service we depend on (Microsoft 365, Google) refused or failed the request.",
    "503": "Not configured on this service (the detail says which setting), or not ready.",
}

_ADMIN = ("401", "403", "404", "422")
_ADMIN_WRITE = (*_ADMIN, "413")
# The errors each operation can answer (beyond FastAPI's own 422 for bad parameters).
ERRORS: dict[str, tuple[str, ...]] = {
    "healthz": (),
    "readyz": (),
    "list_rules": (),
    "check_message": ("401", "403", "413", "422"),
    "record_outcome": ("401", "413", "422"),
    "get_school": _ADMIN,
    "get_policy": _ADMIN,
    "replace_policy": _ADMIN_WRITE,
    "patch_policy": _ADMIN_WRITE,
    "list_policy_versions": _ADMIN,
    "get_policy_version": _ADMIN,
    "dry_run_policy": _ADMIN_WRITE,
    "replace_people": (*_ADMIN_WRITE, "409"),
    "replace_groups": (*_ADMIN_WRITE, "409"),
    "get_settings": _ADMIN,
    "replace_settings": (*_ADMIN_WRITE, "409"),
    "patch_settings": (*_ADMIN_WRITE, "409"),
    "replace_domains": (*_ADMIN_WRITE, "409"),
    "list_audit_events": _ADMIN,
    "audit_summary": _ADMIN,
    "gmail_addon": ("401", "413", "422", "503"),
    # keys and school lifecycle (app/api/lifecycle.py)
    "list_keys": _ADMIN,
    "create_key": _ADMIN_WRITE,
    "revoke_key": (*_ADMIN, "409"),
    "rotate_key": _ADMIN,
    "disable_school": (*_ADMIN, "400"),
    "delete_school": (*_ADMIN, "400"),
    # directory sources and sync (app/api/directory_sync.py)
    "list_directory_sources": _ADMIN,
    "put_directory_source": _ADMIN_WRITE,
    "get_directory_source": _ADMIN,
    "delete_directory_source": _ADMIN,
    "run_directory_sync": (*_ADMIN, "409"),
    "list_directory_sync_runs": _ADMIN,
    "list_pending_directory_changes": _ADMIN,
    "get_directory_sync_run": _ADMIN,
    "approve_directory_change": (*_ADMIN, "409"),
    "reject_directory_change": (*_ADMIN, "409"),
    "get_directory_person": _ADMIN,
    "replace_relationships": _ADMIN_WRITE,
    # trusts (app/api/trusts.py)
    "get_trust": _ADMIN,
    "get_trust_policy": _ADMIN,
    "replace_trust_policy": _ADMIN_WRITE,
    "replace_trust_domains": (*_ADMIN_WRITE, "409"),
    "replace_trust_identities": (*_ADMIN_WRITE, "409"),
    "get_trust_notifications": _ADMIN,
    "replace_trust_notifications": _ADMIN_WRITE,
    "list_trust_staff_groups": _ADMIN,
    "put_trust_staff_group": _ADMIN_WRITE,
    "delete_trust_staff_group": _ADMIN,
    "get_effective_policy": _ADMIN,
    "list_school_staff_groups": _ADMIN,
    "put_school_staff_group": _ADMIN_WRITE,
    "delete_school_staff_group": _ADMIN,
    # Outlook (app/integrations/outlook/routes.py)
    "outlook_graph_token": ("401", "409", "502"),
}

# Request-body examples for operations whose body is not one of our models.
_STAFF_GROUP = {
    "roles": ["Designated Safeguarding Lead"],
    "departments": ["Safeguarding"],
    "policy": {"rules": {"SUB001": {"pupil": "advise"}}},
    "position": 10,
}
_BODY_EXAMPLES: dict[str, Any] = {
    "replace_domains": ["oakfield.sch.uk", "oakfield.org.uk"],
    "create_key": {"role": "check", "label": "outlook"},
    "put_directory_source": {
        "kind": "wonde",
        "config": {"school_id": "A1930499544", "token_env": "ETQ_OAKFIELD_WONDE_TOKEN"},
        "enabled": True,
        "interval_minutes": 60,
        "max_removed_share": 0.1,
    },
    "replace_relationships": "contact_id,pupil_id,relationship,parental_responsibility\n"
    "C0001,P0001,mother,yes\n",
    "replace_trust_policy": {"policy": {"timezone": "Europe/London", "rules": {"REC001": "warn"}}},
    "replace_trust_domains": ["oaktrust.org.uk"],
    "replace_trust_identities": {
        "entra_tenant_id": "9c1b1a0e-2f0c-4c3e-8d55-0f3c2b9a7e11",
        "google_domain": None,
    },
    "replace_trust_notifications": {
        "enabled": True,
        "channel": "smtp",
        "recipients": ["dsl@oaktrust.org.uk"],
        "mode": "digest",
        "digest_time": "07:30",
        "smtp_host": "smtp.oaktrust.org.uk",
        "smtp_from": "etiquette@oaktrust.org.uk",
        "smtp_username_env": "ETQ_SMTP_USER",
        "smtp_password_env": "ETQ_SMTP_PASSWORD",
    },
    "put_trust_staff_group": _STAFF_GROUP,
    "put_school_staff_group": _STAFF_GROUP,
    "gmail_addon": {
        "commonEventObject": {"hostApp": "GMAIL", "platform": "WEB", "userLocale": "en-GB"},
        "authorizationEventObject": {"userIdToken": "<Google ID token>"},
        "gmail": {"toRecipients": ["parent1@gmail.com"], "messageId": "msg-f:1"},
    },
}

# The Gmail add-on's event object is Google's; its fields are described here
# rather than in app/integrations/gmail/events.py (Google's reference:
# developers.google.com/workspace/add-ons/concepts/event-objects).
_GOOGLE_FIELDS: dict[str, dict[str, str]] = {
    "EventObject": {
        "commonEventObject": "Host app, platform, locale, time zone, parameters, form inputs.",
        "authorizationEventObject": "The tokens Google attaches (user ID token, OAuth token).",
        "gmail": "The Gmail draft: recipients, ids, the access token for the Gmail API.",
    },
    "CommonEventObject": {
        "hostApp": "Always GMAIL here.",
        "platform": "WEB, IOS or ANDROID.",
        "userLocale": "The user's language and country, e.g. en-GB.",
        "timeZone": "The user's time zone.",
        "parameters": "The parameters of the button that was pressed.",
        "formInputs": "The values of the card's inputs, by name.",
    },
    "TimeZone": {
        "id": "An IANA zone, e.g. Europe/London.",
        "offset": "The zone's offset from UTC in milliseconds.",
    },
    "FormInput": {"stringInputs": "The input's values as strings."},
    "StringInputs": {"value": "The values."},
    "AuthorizationEventObject": {
        "userOAuthToken": "The user's OAuth access token (for the Gmail API).",
        "userIdToken": "The user's Google ID token: identifies the user and school.",
        "systemIdToken": "A token identifying the add-on deployment.",
        "authorizedScopes": "The scopes the user has granted.",
    },
    "GmailEvent": {
        "accessToken": "A Gmail add-on access token for the current message.",
        "messageId": "The draft's message id, where Gmail gives it.",
        "threadId": "The draft's thread id, where Gmail gives it.",
        "toRecipients": "The draft's To addresses.",
        "ccRecipients": "The draft's Cc addresses.",
        "bccRecipients": "The draft's Bcc addresses.",
    },
}


def _error_response(code: str) -> dict[str, Any]:
    return {
        "description": _WHY[code],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _readiness() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "Whether this instance can answer checks.",
        "properties": {
            "status": {"type": "string", "description": "ready or not ready."},
            "store": {"type": "string", "description": "ok or unreachable."},
            "schools_loaded": {"type": "integer", "description": "Schools held in memory."},
            "audit_pending": {"type": "integer", "description": "Audit events not yet written."},
            "audit_spooled": {
                "type": "integer",
                "description": "Audit events held in the write-ahead file, not yet in the store.",
            },
            "name_finder": {
                "type": "string",
                "enum": ["compiled", "python"],
                "description": "Which build of the subject-line name finder runs: the image's "
                "mypyc-compiled one, or plain Python (a source checkout).",
            },
        },
        "required": ["status", "store", "schools_loaded", "audit_pending"],
    }


def build(app: FastAPI) -> dict[str, Any]:
    spec = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
    )
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for model in (ErrorItem, Error):
        schemas[model.__name__] = model.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    for name, fields in _GOOGLE_FIELDS.items():
        for prop, text in fields.items():
            target = schemas.get(name, {}).get("properties", {}).get(prop)
            if target is not None and "description" not in target:
                target["description"] = text
    for path_item in spec.get("paths", {}).values():
        for op in path_item.values():
            op_id = op.get("operationId", "")
            responses = op.setdefault("responses", {})
            for code in list(responses):
                if code.startswith(("4", "5")):
                    del responses[code]
            codes = ERRORS.get(op_id, ("422",))
            if op.get("parameters") or op.get("requestBody"):
                codes = (*codes, "422")
            if "application/json" in op.get("requestBody", {}).get("content", {}):
                codes = ("400", *codes)  # a body that is not UTF-8 JSON text
            codes = tuple(sorted(set(codes)))
            for code in codes:
                responses[code] = _error_response(code)
            if op_id == "readyz":
                ok = {"application/json": {"schema": _readiness()}}
                responses["200"] = {"description": "Ready.", "content": ok}
                responses["503"] = {"description": _WHY["503"], "content": ok}
            if op_id in _BODY_EXAMPLES:
                for media in op.get("requestBody", {}).get("content", {}).values():
                    media.setdefault("example", _BODY_EXAMPLES[op_id])
    return spec


def install(app: FastAPI) -> None:
    """Serve :func:`build`'s document at /openapi.json (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
