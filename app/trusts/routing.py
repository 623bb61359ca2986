"""Which school a sender at a trust's shared domain belongs to.

**The school of a sender** at a trust's shared domain is the school whose
roster holds the sender's school address (``email`` in the directory, any
kind of person). A school's own sender domains route as before, to it alone.

**Falling back to the trust.** A sender at a shared domain whom no school's
roster holds (a new starter not yet synced, a central-team address) is checked
under the trust's *fallback view*:

- the trust's policy and the trust's staff groups, with no school's overrides
  (no school has claimed the sender, so no school's choices apply);
- the union of every school's roster (ids prefixed by the school's slug), so
  every pupil of the trust is still recognised: a pupil at a personal address
  is flagged whichever school they attend, never missed;
- internal domains: the trust's and every school's own;
- its audit events are kept under the trust's first school by slug (the
  audit trail belongs to a school); a trust with no school has no view, and
  its shared domains route nowhere until it has one.

An address held by the rosters of two schools of one trust (a teacher on two
staffs) goes to the first school by slug, so the answer never depends on
load order.

Everything here is built when schools or trusts load (``app.runtime``); a
check does two dict look-ups.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from app.directory.model import Directory, Group
from app.people import Person, Relationship
from app.tenant_state import TenantState
from app.tenants import TenantSettings
from app.trusts.overlay import Layers, effective

if TYPE_CHECKING:
    from app.store.trusts import TrustRecord


# What a trust's view and its address book are made of: the trust's revision,
# and for each school its id, slug, directory version and domains. A school's
# other settings (its policy, notifications, keys) move its revision but not
# this: saving them does not rebuild the trust's combined directory, which for
# a trust of thirty schools is tens of thousands of people.
Stamp = tuple[int, tuple[tuple[str, str, int, frozenset[str]], ...]]


@dataclass(frozen=True, slots=True)
class TrustIndex:
    """What a check needs to route a sender at a trust domain, from memory."""

    by_domain: Mapping[str, str] = field(default_factory=dict)  # domain -> trust id
    members: Mapping[str, Mapping[str, str]] = field(
        default_factory=dict
    )  # trust -> addr -> school
    views: Mapping[str, TenantState] = field(default_factory=dict)  # trust id -> fallback view
    keys: Mapping[str, str] = field(default_factory=dict)  # key hash -> trust id
    by_entra: Mapping[str, str] = field(default_factory=dict)
    by_google: Mapping[str, str] = field(default_factory=dict)
    # what each trust's view and addresses were built from (see :data:`Stamp`)
    built_from: Mapping[str, Stamp] = field(default_factory=dict)

    def resolve(self, sender: str, domain: str) -> tuple[str | None, str] | None:
        """(school id or None for the fallback, trust id), or None if no trust has the domain."""
        trust_id = self.by_domain.get(domain)
        if trust_id is None:
            return None
        return self.members.get(trust_id, {}).get(sender), trust_id


def _prefixed(slug: str, person: Person) -> Person:
    return replace(
        person,
        id=f"{slug}:{person.id}",
        relationships=tuple(
            Relationship(f"{slug}:{r.pupil_id}", r.relationship, r.parental_responsibility)
            for r in person.relationships
        ),
    )


def _view(trust: TrustRecord, schools: list[TenantState]) -> TenantState:

    people: list[Person] = []
    groups: list[Group] = []
    internal = set(trust.domains)
    for s in schools:
        people.extend(_prefixed(s.slug, p) for p in s.directory.people)
        groups.extend(s.directory.groups)
        internal |= s.domains
    directory = Directory.build(
        people,
        groups,
        internal_domains=frozenset(internal),
        version=sum(s.directory.version for s in schools),
    )
    policies = effective(
        Layers(trust=trust.policy, school={}, school_version=0, groups=trust.groups),
        directory.people,
    )
    policy = policies.default.model_copy(update={"version": trust.policy_version})
    return TenantState(
        id=schools[0].id,  # audit events are kept under the trust's first school
        slug="",  # never a school path
        name=trust.name,
        revision=trust.revision,
        settings=TenantSettings(),
        domains=frozenset(trust.domains),
        policy=policy,
        directory=directory,
        keys={},
        trust_id=trust.id,
        trust_view=True,
        policies=replace(policies, default=policy),
    )


def build_trust_index(
    trusts: Mapping[str, TrustRecord],
    tenants: Mapping[str, TenantState],
    previous: TrustIndex,
) -> TrustIndex:
    by_domain: dict[str, str] = {}
    members: dict[str, Mapping[str, str]] = {}
    views: dict[str, TenantState] = {}
    keys: dict[str, str] = {}
    by_entra: dict[str, str] = {}
    by_google: dict[str, str] = {}
    built_from: dict[str, Stamp] = {}
    schools_of: dict[str, list[TenantState]] = {}
    for state in tenants.values():
        if state.trust_id is not None:
            schools_of.setdefault(state.trust_id, []).append(state)
    for trust in trusts.values():
        for d in trust.domains:
            by_domain[d] = trust.id
        for h in trust.keys:
            keys[h] = trust.id
        if trust.entra_tenant_id:
            by_entra[trust.entra_tenant_id.lower()] = trust.id
        if trust.google_domain:
            by_google[trust.google_domain.lower()] = trust.id
        schools = sorted(schools_of.get(trust.id, []), key=lambda s: s.slug)
        stamp: Stamp = (
            trust.revision,
            tuple((s.id, s.slug, s.directory.version, s.domains) for s in schools),
        )
        built_from[trust.id] = stamp
        if previous.built_from.get(trust.id) == stamp:
            members[trust.id] = previous.members[trust.id]
            if schools:
                views[trust.id] = previous.views[trust.id]
            continue
        addresses: dict[str, str] = {}
        for s in schools:
            for p in s.directory.people:
                if p.email:
                    addresses.setdefault(p.email.lower(), s.id)
        members[trust.id] = addresses
        if schools:
            views[trust.id] = _view(trust, schools)
    return TrustIndex(by_domain, members, views, keys, by_entra, by_google, built_from)


def placeholder(trust: TrustRecord) -> TenantState:
    """What a trust admin key's caller carries as its "school": nothing a check
    or a school path can use (no id, no slug, no domains)."""
    from app.policy import Policy

    return TenantState(
        id="",
        slug="",
        name=trust.name,
        revision=0,
        settings=TenantSettings(),
        domains=frozenset(),
        policy=Policy(),
        directory=Directory.build([], []),
        trust_id=trust.id,
        trust_view=True,
    )
