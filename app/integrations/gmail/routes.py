"""HTTP routes for the Gmail integration."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["gmail"])
