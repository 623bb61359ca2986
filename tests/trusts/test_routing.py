"""A trust's combined view and address book are rebuilt when what they are made
of changes (the trust, a school's directory, slug or domains), and kept when a
school's other settings move its revision (a policy or notification save)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.directory.model import Directory
from app.domain import PersonKind
from app.people import Person
from app.policy import Policy
from app.store.trusts import TrustRecord
from app.tenant_state import TenantState
from app.tenants import TenantSettings
from app.trusts.routing import TrustIndex, build_trust_index

TRUST = TrustRecord(
    id="t1",
    slug="oak",
    name="Oak Trust",
    revision=1,
    domains=("oak.org.uk",),
    entra_tenant_id=None,
    google_domain=None,
    policy={},
    policy_version=1,
    groups=(),
)


def _school(sid: str, slug: str, firsts: list[str], version: int) -> TenantState:
    directory = Directory.build(
        [
            Person(f"{sid}-{n}", first, "Jones", PersonKind.STAFF, email=f"{first}@{slug}.sch.uk")
            for n, first in enumerate(firsts)
        ],
        version=version,
    )
    return TenantState(
        id=sid,
        slug=slug,
        name=slug,
        revision=1,
        settings=TenantSettings(),
        domains=frozenset({f"{slug}.sch.uk"}),
        policy=Policy(),
        directory=directory,
        trust_id=TRUST.id,
    )


A = _school("a", "ash", ["ann"], 1)
B = _school("b", "birch", ["bob"], 1)


def _index(*schools: TenantState, previous: TrustIndex | None = None) -> TrustIndex:
    return build_trust_index(
        {TRUST.id: TRUST}, {s.id: s for s in schools}, previous or TrustIndex()
    )


def test_a_schools_settings_change_keeps_the_trusts_view() -> None:
    first = _index(A, B)
    saved = replace(A, revision=A.revision + 1, policy=Policy(version=2))
    second = _index(saved, B, previous=first)
    assert second.views[TRUST.id] is first.views[TRUST.id]
    assert second.members[TRUST.id] is first.members[TRUST.id]


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param(
            replace(_school("a", "ash", ["ann", "cat"], 2), revision=2),
            id="a new directory",
        ),
        pytest.param(replace(A, slug="aspen", revision=2), id="a new slug"),
        pytest.param(
            replace(A, domains=frozenset({"ash.sch.uk", "ash2.sch.uk"}), revision=2),
            id="a new domain",
        ),
    ],
)
def test_what_the_view_is_made_of_rebuilds_it(changed: TenantState) -> None:
    first = _index(A, B)
    second = _index(changed, B, previous=first)
    assert second.views[TRUST.id] is not first.views[TRUST.id]
    ids = {p.id for p in second.views[TRUST.id].directory.people}
    assert ids == {f"{changed.slug}:{p.id}" for p in changed.directory.people} | {"birch:b-0"}


def test_a_new_trust_revision_rebuilds_the_view() -> None:
    first = _index(A, B)
    trusts = {TRUST.id: replace(TRUST, revision=2)}
    second = build_trust_index(trusts, {A.id: A, B.id: B}, first)
    assert second.views[TRUST.id] is not first.views[TRUST.id]


def test_the_address_book_follows_a_new_directory() -> None:
    first = _index(A, B)
    assert first.resolve("ann@ash.sch.uk", "oak.org.uk") == ("a", "t1")
    moved = replace(_school("a", "ash", ["cat"], 2), revision=2)
    second = _index(moved, B, previous=first)
    assert second.resolve("ann@ash.sch.uk", "oak.org.uk") == (None, "t1")
    assert second.resolve("cat@ash.sch.uk", "oak.org.uk") == ("a", "t1")
