"""Liveness and readiness."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app import names
from app.api.deps import RuntimeDep

router = APIRouter(tags=["health"])


@router.get("/healthz", operation_id="healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", operation_id="readyz")
async def readyz(runtime: RuntimeDep) -> JSONResponse:
    """The store answers and at least one school's policy is loaded."""
    store_ok = await asyncio.to_thread(runtime.store.db.ping)
    tenants = len(runtime.tenants())
    ready = store_ok and tenants > 0
    body = {
        "status": "ready" if ready else "not ready",
        "store": "ok" if store_ok else "unreachable",
        "schools_loaded": tenants,
        "audit_pending": runtime.audit.pending,
        "audit_spooled": runtime.audit.spooled,
        "name_finder": names.build(),
    }
    return JSONResponse(body, status_code=200 if ready else 503)
