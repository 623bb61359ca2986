"""Shared fixtures: settings, policies, directories, messages and an app client.

``make_message`` builds a domain Message with sensible defaults so a table
row says only what matters to its case.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import fastapi.dependencies.models as fastapi_models
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.calendar import WorkingHours
from app.config import Settings
from app.directory.model import Directory, Group
from app.domain import (
    Address,
    Attachment,
    ComposeType,
    Message,
    PersonKind,
    Recipient,
    RecipientField,
    RecipientKind,
)
from app.main import create_app
from app.people import Person
from app.policy import Policy
from app.store.db import normalise_url

# The database fixtures (db_url, empty_db_url, store: SQLite and PostgreSQL), for every package.
pytest_plugins = ("tests.databases",)

LONDON = ZoneInfo("Europe/London")
# A Wednesday in term, mid-morning: inside working hours.
WORKDAY = datetime(2026, 11, 18, 10, 0, tzinfo=LONDON)
SCHOOL = "stmarys.sch.uk"
PUPILS = "pupils.stmarys.sch.uk"


def make_policy(**overrides: Any) -> Policy:
    data: dict[str, Any] = {
        "school_name": "Test School",
        "internal_domains": [SCHOOL],
        "pupil_domains": [PUPILS],
    }
    data.update(overrides)
    return Policy.model_validate(data)


PEOPLE = (
    Person(
        "P1",
        "Amir",
        "Khan",
        PersonKind.PUPIL,
        email=f"amir.khan@{PUPILS}",
        personal_emails=("amirk2011@gmail.com",),
        mis_ref="ADM0001",
    ),
    Person(
        "P2",
        "Zoë",
        "O'Neill",
        PersonKind.PUPIL,
        email=f"zoe.oneill@{PUPILS}",
        preferred_name="Zoe",
        mis_ref="ADM0002",
    ),
    Person("P3", "Grace", "Brown", PersonKind.PUPIL, email=f"grace.brown@{PUPILS}"),
    Person("C1", "Samina", "Khan", PersonKind.PARENT, email="samina.khan@gmail.com"),
    Person("S1", "Sarah", "Jones", PersonKind.STAFF, email=f"s.jones@{SCHOOL}"),
    # A part-timer: Monday to Wednesday, 08:30-15:30.
    Person(
        "S2",
        "Priya",
        "Shah",
        PersonKind.STAFF,
        email=f"p.shah@{SCHOOL}",
        working_hours=WorkingHours(days=(0, 1, 2), start=time(8, 30), end=time(15, 30)),
    ),
)
GROUPS = (
    Group(f"all-staff@{SCHOOL}", "All staff", 120, PersonKind.STAFF),
    Group(f"year9-parents@{SCHOOL}", "Year 9 parents", 180, PersonKind.PARENT),
    Group(f"empty-list@{SCHOOL}", "Unknown size", None, None),
)


# FastAPI classifies each endpoint and dependency callable once, in module-level
# lru_caches keyed by the callable (fastapi.dependencies.models): each app a test
# builds (some 2,000 in a run) stayed reachable from there through its routes'
# closures, with its runtime (directories, name indexes), about 2.5 MB each. A
# one-process run grew to 6 GB and was still freeing it at exit 7 minutes after
# its last test. Production builds one app per process; here the caches are
# emptied after each test (names looked up, so a FastAPI that renames them only
# loses the saving).
_FASTAPI_CACHES = tuple(
    cache
    for name in (
        "_is_gen_callable_cached",
        "_is_async_gen_callable_cached",
        "_is_coroutine_callable_cached",
    )
    if (cache := getattr(fastapi_models, name, None)) is not None
)


@pytest.fixture(autouse=True)
def _forget_finished_apps() -> Iterator[None]:
    yield
    for cache in _FASTAPI_CACHES:
        cache.cache_clear()


@pytest.fixture(scope="session")
def directory() -> Directory:
    return Directory.build(PEOPLE, GROUPS)


def r(email: str, name: str = "", field: str = "to", kind: str = "unknown") -> Recipient:
    return Recipient(email, name, RecipientField(field), RecipientKind(kind))


def make_message(
    *,
    to: tuple[Recipient, ...] | list[str] = (),
    cc: tuple[Recipient, ...] | list[str] = (),
    bcc: tuple[Recipient, ...] | list[str] = (),
    sender: str = f"s.jones@{SCHOOL}",
    subject: str = "Year 9 trip letters",
    attachments: tuple[Attachment, ...] = (),
    compose_type: ComposeType = ComposeType.NEW,
    send_at: datetime = WORKDAY,
) -> Message:
    def coerce(items: tuple[Recipient, ...] | list[str], fld: str) -> tuple[Recipient, ...]:
        return tuple(r(x, field=fld) if isinstance(x, str) else x for x in items)

    return Message(
        sender=Address(sender, "Sarah Jones"),
        send_at=send_at,
        to=coerce(to, "to"),
        cc=coerce(cc, "cc"),
        bcc=coerce(bcc, "bcc"),
        subject=subject,
        attachments=attachments,
        compose_type=compose_type,
    )


def make_settings(data_dir: Path) -> Settings:
    """The demo service on SQLite in ``data_dir``, for tests."""
    return Settings(
        database_url=f"sqlite:///{data_dir / 'test.sqlite3'}",
        data_dir=data_dir,
        demo=True,
        environment="test",
        secret_key="test-secret-key",
        refresh_seconds=0.2,
        audit_flush_seconds=0.05,
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


ADMIN = {"X-API-Key": "etq_demo_admin_key"}
CHECKER = {"X-API-Key": "etq_demo_check_key"}


# -- parallel runs (pytest-xdist) ---------------------------------------------------------
# `pytest -n 2` starts workers gw0, gw1, ...: each gets its own PostgreSQL database
# (TEST_DATABASE_URL's name + "_gw<n>", created here if missing) and its own Redis
# database number (TEST_REDIS_URL's + n). tmp_path is per worker already, and the
# tests' servers take free ports from the system.


def xdist_worker() -> int | None:
    """This process's xdist worker number (gw0 -> 0), or None outside xdist."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(worker[2:]) if worker.startswith("gw") else None


@functools.cache
def postgres_url() -> str | None:
    """TEST_DATABASE_URL, or under xdist this worker's own database beside it."""
    base = os.environ.get("TEST_DATABASE_URL") or None
    n = xdist_worker()
    if base is None or n is None:
        return base
    url = make_url(normalise_url(base))
    mine = url.set(database=f"{url.database}_gw{n}")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": mine.database}
            ).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{mine.database}"'))
    finally:
        admin.dispose()
    return mine.render_as_string(hide_password=False)


def redis_url() -> str | None:
    """TEST_REDIS_URL, or under xdist the database number n above it (mod 16)."""
    base = os.environ.get("TEST_REDIS_URL") or None
    n = xdist_worker()
    if base is None or not n:
        return base
    parts = urlsplit(base)
    db = int(parts.path.lstrip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(db + n) % 16}"))
