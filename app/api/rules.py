"""``GET /v1/rules``: the rule catalogue, rendered from each rule's docstring and options."""

from __future__ import annotations

import copy
import functools
from typing import Any

from fastapi import APIRouter

from app.rules.registry import RETIRED_CODES, RULES

router = APIRouter(prefix="/v1", tags=["rules"])


def catalogue() -> list[dict[str, Any]]:
    """Every rule's entry, a new copy each call (callers may change theirs)."""
    return copy.deepcopy(_catalogue())


@functools.cache
def _catalogue() -> list[dict[str, Any]]:
    """Built once: the rules and their options' schemas are fixed for the process
    (a JSON schema takes pydantic milliseconds to generate, and the console's policy
    pages read the catalogue on every request)."""
    return [
        {
            "code": r.code,
            "name": r.name,
            "summary": r.summary,
            "policy_ref": r.source.ref,
            "policy_text": r.source.text,
            "default_severity": r.Options().severity.value,
            "doc": r.doc_sections(),
            "options_schema": r.Options.model_json_schema(),
        }
        for r in RULES
    ]


@router.get("/rules", operation_id="list_rules")
def list_rules() -> dict[str, Any]:
    """Every rule: code, name, documentation, default severity and options schema."""
    return {"rules": catalogue(), "retired_codes": sorted(RETIRED_CODES)}
