"""Source kinds by name: the one place that maps a stored source to its connector."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from app.directory.sources.base import DirectorySource, SourceConfigError


def make_source(
    kind: str, name: str, config: Mapping[str, Any], http: httpx.AsyncClient
) -> DirectorySource:
    if kind == "graph":
        from app.directory.sources.msgraph import GraphSource

        return GraphSource(name, config, http)
    if kind == "google":
        from app.directory.sources.google import GoogleSource

        return GoogleSource(name, config, http)
    if kind == "wonde":
        from app.directory.sources.wonde import WondeSource

        return WondeSource(name, config, http)
    if kind == "oneroster":
        from app.directory.sources.oneroster import OneRosterSource

        return OneRosterSource(name, config, http)
    if kind == "csv":
        from app.directory.sources.csv_files import CsvSource

        return CsvSource(name, config)
    raise SourceConfigError(f"unknown source kind {kind!r}")
