"""HTTP routes for the Outlook integration."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["outlook"])
