"""Shared fixtures: settings, policies, directories, messages and an app client.

``make_message`` builds a domain Message with sensible defaults so a table
row says only what matters to its case.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

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


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'test.sqlite3'}",
        data_dir=tmp_path,
        demo=True,
        environment="test",
        secret_key="test-secret-key",
        refresh_seconds=0.2,
        audit_flush_seconds=0.05,
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


ADMIN = {"X-API-Key": "etq_demo_admin_key"}
CHECKER = {"X-API-Key": "etq_demo_check_key"}


def postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None
