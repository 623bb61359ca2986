"""JSON logs: one object a line, the request id, never message content."""

from __future__ import annotations

import io
import json
import logging
import logging.config

import pytest
from fastapi.testclient import TestClient

from app.observability.logs import JsonFormatter, RequestIdFilter, log_config, serve_log_config
from tests.api.test_check_api import GOOD


@pytest.fixture
def json_lines() -> tuple[io.StringIO, logging.Handler]:
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    return buf, handler


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("abc-123.def_456", True),  # a proxy's or the add-in's id is carried through
        ("x" * 64, True),
        ("x" * 65, False),  # too long: replaced
        ("amir.khan@gmail.com", False),  # not a token (and could be content): replaced
        ("a b", False),
    ],
)
def test_request_id_header(client: TestClient, sent: str, kept: bool) -> None:
    res = client.get("/healthz", headers={"X-Request-ID": sent})
    rid = res.headers["x-request-id"]
    assert (rid == sent) is kept
    if not kept:
        assert len(rid) == 32 and rid.isalnum()


def test_access_and_app_lines_are_json_with_the_request_id(
    client: TestClient, json_lines: tuple[io.StringIO, logging.Handler]
) -> None:
    buf, handler = json_lines
    access = logging.getLogger("etiquette.access")
    old_level = access.level
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        body = {**GOOD, "subject": "Amir Khan - behaviour incident"}
        res = client.post("/v1/check", json=body, headers={"X-Request-ID": "req-42"})
        assert res.status_code == 200
    finally:
        access.removeHandler(handler)
        access.setLevel(old_level)
    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    (line,) = [x for x in lines if x.get("route") == "/v1/check"]
    assert line["request_id"] == "req-42"
    assert line["status"] == 200 and line["method"] == "POST" and line["level"] == "INFO"
    assert line["duration_ms"] >= 0 and line["ts"].endswith("+00:00")
    text = buf.getvalue().lower()
    for word in ("amir", "khan", "behaviour", "gmail", "parent1", "jones"):
        assert word not in text


def test_exceptions_are_reduced_to_their_type(
    json_lines: tuple[io.StringIO, logging.Handler],
) -> None:
    buf, handler = json_lines
    log = logging.getLogger("etiquette.test-json")
    log.addHandler(handler)
    log.propagate = False
    try:
        raise ValueError("amir.khan@gmail.com is not allowed")
    except ValueError:
        log.exception("check failed")
    finally:
        log.removeHandler(handler)
    (line,) = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert line == {**line, "msg": "check failed", "exc_type": "ValueError", "request_id": "-"}
    assert "amir" not in buf.getvalue()


@pytest.mark.parametrize(
    ("fmt", "access"),
    [
        ("json", False),  # the default: no line per request
        ("json", True),  # ETIQUETTE_ACCESS_LOG=1: the app's own line
        ("text", False),
        ("text", True),
    ],
)
def test_log_config_is_valid(fmt: str, access: bool) -> None:
    cfg = log_config(fmt, access=access)
    # dictConfig accepts it (and we put the root logger back as it was).
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    try:
        logging.config.dictConfig(cfg)
        # uvicorn's line (raw path, client address) never; the app's only when asked.
        assert logging.getLogger("uvicorn.access").level == logging.WARNING
        assert logging.getLogger("etiquette.access").isEnabledFor(logging.INFO) is access
    finally:
        root.handlers[:], _ = saved[0], root.setLevel(saved[1])
        for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "etiquette.access"):
            logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.mark.parametrize(
    ("value", "access"),
    [(None, False), ("", False), ("0", False), ("false", False), ("1", True), ("TRUE", True)],
)
def test_serve_reads_the_access_log_switch(
    monkeypatch: pytest.MonkeyPatch, value: str | None, access: bool
) -> None:
    if value is None:
        monkeypatch.delenv("ETIQUETTE_ACCESS_LOG", raising=False)
    else:
        monkeypatch.setenv("ETIQUETTE_ACCESS_LOG", value)
    level = serve_log_config()["loggers"]["etiquette.access"]["level"]
    assert (level != "WARNING") is access
