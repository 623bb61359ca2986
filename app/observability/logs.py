"""Logging: one JSON object a line when ``ETIQUETTE_LOG_FORMAT=json``, with the request id.

A record carries the time, level, logger, the message (the code's own text:
the service never logs message content) and the request id of the request
being served. Exceptions are reduced to their type: their text can hold what
a user typed.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
from datetime import UTC, datetime
from typing import Any

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "etiquette_request_id", default=None
)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    # Extra fields a record may carry (the access log's); anything else is ignored
    # so a stray ``extra=`` can never smuggle content into the log.
    _EXTRA = ("method", "route", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get() or "-",
        }
        for key in self._EXTRA:
            if hasattr(record, key):
                out[key] = getattr(record, key)
        if record.exc_info and record.exc_info[0] is not None:
            out["exc_type"] = record.exc_info[0].__name__
        return json.dumps(out, ensure_ascii=False)


def log_config(fmt: str, level: str = "INFO", *, access: bool = False) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for uvicorn and the app.

    ``json``: every logger through :class:`JsonFormatter`; ``text``: uvicorn's
    usual format plus the request id. One access line per request (the app's
    own: method, route template, status, duration; never the raw path or the
    client's address) only when ``access`` is set: at send-time rates its
    formatting and write cost a busy instance more than the check itself, and
    ``/metrics`` has the same figures per route. uvicorn's own access line is
    never written (``etiquette serve`` turns it off).
    """
    json_mode = fmt == "json"
    formatter: dict[str, Any] = (
        {"()": "app.observability.logs.JsonFormatter"}
        if json_mode
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "main",
        "filters": ["request_id"],
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "app.observability.logs.RequestIdFilter"}},
        "formatters": {"main": formatter},
        "handlers": {"main": handler},
        "root": {"handlers": ["main"], "level": level},
        "loggers": {
            "uvicorn": {"level": level},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"level": "WARNING"},
            "etiquette.access": {"level": level if access else "WARNING"},
        },
    }


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def serve_log_config() -> dict[str, Any]:
    """The config ``etiquette serve`` gives uvicorn, from ``ETIQUETTE_LOG_FORMAT``,
    ``ETIQUETTE_LOG_LEVEL`` and ``ETIQUETTE_ACCESS_LOG`` (read before the app's
    settings exist)."""
    fmt = os.environ.get("ETIQUETTE_LOG_FORMAT", "text").strip().lower()
    level = os.environ.get("ETIQUETTE_LOG_LEVEL", "INFO").strip().upper() or "INFO"
    return log_config(
        "json" if fmt == "json" else "text", level, access=_flag("ETIQUETTE_ACCESS_LOG")
    )
